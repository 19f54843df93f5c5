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
// A pair stands in the same run of changed lines of the same hunk, and
// either has the same word and stands at the same place among the run's
// removed and added lines (the line replaced in place: in a small edit
// whatever its words, in a larger one sharing some) or has text at least
// half the same (a note reworded while lines around it moved, or marked
// anew: BurntSushi/toml 5f40317 made a "BUG(burntsushi)" note of 2013 a
// TODO, re-wrapped, and it was drafted as "added in" 5f40317; round 116,
// wrong). The one note of its word a run
// takes out and the one it puts in are one note when they share some
// words, wherever in the run they stand: cheeriojs/cheerio 367b682
// narrowed "FIXME: `matched` might contain duplicates here and the index
// is too large." to "... might still contain duplicates across starting
// elements." a line lower, and it was drafted as added (round 106, wrong).
// Code rewritten at large with a new note in it does not carry the old
// note's draft over. Each is paired once, the best match first. The result
// maps an index in removed to one in added.
func pairEdits(removed, added []todoComment) map[int]int {
	pairs := map[int]int{}
	taken := map[int]bool{}
	type run struct {
		hunk, change int
		word         string
	}
	removedIn, addedIn := map[run]int{}, map[run]int{}
	for _, r := range removed {
		removedIn[run{r.hunk, r.change, r.word}]++
	}
	for _, a := range added {
		addedIn[run{a.hunk, a.change, a.word}]++
	}
	for i, r := range removed {
		best, bestScore := -1, 0.0
		for j, a := range added {
			if taken[j] || a.hunk != r.hunk || a.change != r.change || a.change < 0 {
				continue
			}
			// The note's first line, or all its lines: a note re-wrapped
			// as it was reworded keeps its words on other lines (fabric/
			// fabric 1e4bd7a3 made "reimplement makedirs in manner allowing
			// us to track what / was created ..." "reimplement mkdir (or
			// otherwise write a testing function) / allowing us to track
			// what was created ...": round 108, wrong).
			score := max(similarity(r.text, a.text), similarity(r.text+" "+r.body, a.text+" "+a.body))
			k := run{a.hunk, a.change, a.word}
			samePlace := a.word == r.word && (a.offset == r.offset &&
				(score >= placeSimilarity || a.runLen <= smallEdit && r.runLen <= smallEdit) ||
				removedIn[k] == 1 && addedIn[k] == 1 && score >= placeSimilarity)
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
		if best < 0 {
			best = movedWithin(r, added, taken)
		}
		if best >= 0 {
			pairs[i] = best
			taken[best] = true
		}
	}
	return pairs
}

// A note moved within its file and wrapped anew on the way stands in
// another run of changed lines, its first line other words: fsnotify/
// fsnotify e180a87 moved "TODO: should probably add this, but on my local
// machine the tests ..." from a job's run: block to a comment above the
// job, and 2d897ca re-wrapped a618f07's "this is of course pretty slow",
// both then drafted as "added in" the move (round 95, wrong). Its whole
// words, the comment lines under it too, are the same.
const (
	movedSimilarity = 0.8
	movedMinWords   = 6
)

// movedWithin is the added TODO, not taken, whose whole text is removed
// TODO r's moved within the file, or -1.
func movedWithin(r todoComment, added []todoComment, taken map[int]bool) int {
	whole := r.text + " " + r.body
	if len(wordSet(whole)) < movedMinWords {
		return -1 // a short note is anyone's: "handle errors"
	}
	best, bestScore := -1, movedSimilarity
	for j, a := range added {
		if taken[j] || a.word != r.word {
			continue
		}
		other := a.text + " " + a.body
		score := similarity(whole, other)
		if score < movedSimilarity && sharesRun(whole, other, movedRun) {
			// Rewritten around a passage kept word for word: node-cron
			// da270d2 moved a HACK's numbered list ("1. On CJS, require
			// should always receive a path ...") into a new function's doc
			// and rewrote the rest; "added in" was false (round 109).
			score = movedSimilarity
		}
		if score >= bestScore {
			best, bestScore = j, score
		}
	}
	return best
}

// movedRun is how many words in a row a note moved and rewritten keeps of
// its old text.
const movedRun = 8

// sharesRun reports whether a and b hold the same run of n words (case
// and punctuation around words aside).
func sharesRun(a, b string, n int) bool {
	wa, wb := words(a), words(b)
	if len(wa) < n || len(wb) < n {
		return false
	}
	runs := map[string]bool{}
	for i := 0; i+n <= len(wa); i++ {
		runs[strings.Join(wa[i:i+n], " ")] = true
	}
	for i := 0; i+n <= len(wb); i++ {
		if runs[strings.Join(wb[i:i+n], " ")] {
			return true
		}
	}
	return false
}

// words are s's words, as wordSet counts them, in order.
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if w = strings.Trim(w, ".,;:!?()[]{}\"'`"); w != "" {
			out = append(out, w)
		}
	}
	return out
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
	for _, w := range words(s) {
		set[w] = true
	}
	return set
}
