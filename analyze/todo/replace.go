package todo

import "strings"

// editSimilarity is how alike (shared words over all words) an added TODO
// must be to a removed one that does not stand at the same place in the
// edit, for the one to be an edit of the other; placeSimilarity, one that
// does, in a run of more than smallEdit lines (a small run is one edit).
const (
	editSimilarity  = 0.5
	placeSimilarity = 0.2
	smallEdit       = 3
)

// pairEdits pairs the TODOs a commit removes with the ones it adds in their
// place: an edited TODO (a typo fixed, a note reworded) is the same TODO.
// A pair stands in the same run of changed lines of the same hunk, with the
// same word, and either at the same place among the run's removed and added
// lines (the line replaced in place: in a small edit whatever its words, in
// a larger one sharing some) or with text at least half the same (a note
// reworded while lines around it moved). Code rewritten at large with a
// new note in it does not carry the old note's draft over. Each is paired once, the
// best match first. The result maps an index in removed to one in added.
func pairEdits(removed, added []todoComment) map[int]int {
	pairs := map[int]int{}
	taken := map[int]bool{}
	for i, r := range removed {
		best, bestScore := -1, 0.0
		for j, a := range added {
			if taken[j] || a.hunk != r.hunk || a.change != r.change || a.change < 0 || a.word != r.word {
				continue
			}
			score := similarity(r.text, a.text)
			samePlace := a.offset == r.offset &&
				(score >= placeSimilarity || a.runLen <= smallEdit && r.runLen <= smallEdit)
			if !samePlace && score < editSimilarity {
				continue
			}
			if samePlace {
				score++
			}
			if score > bestScore {
				best, bestScore = j, score
			}
		}
		if best >= 0 {
			pairs[i] = best
			taken[best] = true
		}
	}
	return pairs
}

// similarity is the share of distinct words two texts have in common
// (Jaccard), ignoring case and punctuation around the words.
func similarity(a, b string) float64 {
	wa, wb := wordSet(a), wordSet(b)
	if len(wa) == 0 && len(wb) == 0 {
		return 1
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	return float64(common) / float64(len(wa)+len(wb)-common)
}

func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if w = strings.Trim(w, ".,;:!?()[]{}\"'`"); w != "" {
			set[w] = true
		}
	}
	return set
}
