package todo

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
)

// Options configure Detect. Zero fields take the defaults.
type Options struct {
	// Words mark a TODO comment; matched case-sensitively as a whole word at
	// the start of the comment (or after a nested comment marker or the end
	// of a sentence, with a colon), or in lower case as a documentation tag
	// (@todo). Default: TODO FIXME HACK XXX BUG.
	Words []string
	// WordLabels are the issue labels each word implies. Default: FIXME and
	// BUG -> bug; HACK and XXX -> tech-debt; TODO -> enhancement.
	WordLabels map[string][]string
}

const (
	// todoExcerptLines caps Evidence.Excerpt: the TODO line and its body.
	todoExcerptLines = 6
)

func defaultWords() []string {
	return []string{"TODO", "FIXME", "HACK", "XXX", "BUG"}
}

func defaultLabels() map[string][]string {
	return map[string][]string{
		"TODO":  {"enhancement"},
		"FIXME": {"bug"},
		"BUG":   {"bug"},
		"HACK":  {"tech-debt"},
		"XXX":   {"tech-debt"},
	}
}

// Detect finds the TODO comments one commit adds to one file, and the
// ones it removes. A TODO that only moves within the file, or whose text
// changes only in space or case, is neither: the commit did not add it, and
// a draft must not say so (a backfill that starts after the TODO was
// written would otherwise date it to the move). A TODO whose
// text the commit edits in place (the added line replacing the removed
// one, same word) is resolved with ReplacedBy naming its new fingerprint,
// so that its finding and draft carry on rather than a new TODO being
// reported as left unfinished by the edit. Files without a known comment
// syntax, vendored, generated, minified and binary files yield nothing.
func Detect(c analyze.Commit, f *analyze.FileDiff, opts Options) (found []finding.Finding, resolved []analyze.Resolution) {
	return detect(c, f, opts, nil)
}

// detect is Detect with a way to read the commit's files whole (nil for
// none), so that a hunk in the middle of a file is read knowing whether it
// starts inside a comment or a string.
func detect(c analyze.Commit, f *analyze.FileDiff, opts Options, source sourceFunc) (found []finding.Finding, resolved []analyze.Resolution) {
	if f == nil || f.Binary {
		return nil, nil
	}
	if len(opts.Words) == 0 {
		opts.Words = defaultWords()
	}
	if opts.WordLabels == nil {
		opts.WordLabels = defaultLabels()
	}
	added := todosOnSide(f, analyze.Added, opts.Words, source)
	removed := todosOnSide(f, analyze.Removed, opts.Words, source)
	if len(added) == 0 && len(removed) == 0 {
		return nil, nil
	}
	// A TODO on both sides with the same text only moved, or changed in
	// space or case: the commit neither added nor removed it.
	addedFP, removedFP := map[string]bool{}, map[string]bool{}
	for _, t := range added {
		addedFP[todoFingerprint(f.NewPath, t.word, t.text)] = true
	}
	for _, t := range removed {
		removedFP[todoFingerprint(f.OldPath, t.word, t.text)] = true
	}
	var newTODOs, goneTODOs []todoComment
	for _, t := range added {
		if !removedFP[todoFingerprint(f.NewPath, t.word, t.text)] {
			newTODOs = append(newTODOs, t)
		}
	}
	for _, t := range removed {
		if !addedFP[todoFingerprint(f.OldPath, t.word, t.text)] {
			goneTODOs = append(goneTODOs, t)
		}
	}
	replacedBy := pairEdits(goneTODOs, newTODOs)
	edited := map[int]bool{}
	for _, a := range replacedBy {
		edited[a] = true
	}
	foundFP := map[string]int{} // fingerprint -> index in found, plus one
	for j, t := range newTODOs {
		fp := todoFingerprint(f.NewPath, t.word, t.text)
		if k := foundFP[fp]; k > 0 {
			ev := &found[k-1].Evidence
			ev.Copies = max(ev.Copies, 1) + 1
			continue
		}
		foundFP[fp] = len(found) + 1
		if t.where != "" && source != nil && !namedIn(source, f.NewPath, t.where) {
			// git names a hunk by a line above it in the old file:
			// SeaQL/sea-orm 921f38fd deleted SelfViaField, and a note
			// of ManyToManyField::expand_into was placed in it (round
			// 151, wrong). A name the new file does not hold is no place.
			t.where = ""
		}
		labels := opts.WordLabels[t.word]
		fd := finding.Finding{
			Kind:        finding.KindTODO,
			Fingerprint: fp,
			Word:        t.word,
			Text:        t.text,
			Body:        t.body,
			Title:       title(t, f.NewPath),
			Labels:      finding.MergeLabels(labels, t.labels),
			Evidence: finding.Evidence{
				Path:    f.NewPath,
				Line:    t.line,
				Commit:  c.Hash,
				Excerpt: t.excerpt,
				Edited:  edited[j],
			},
		}
		fd.Confidence, fd.Severity = assess(t, labels)
		if lintConfig(f.NewPath) && fd.Severity != finding.High {
			fd.Confidence, fd.Severity = min(fd.Confidence, confidenceNote), finding.Low
		}
		found = append(found, fd)
	}
	resolvedFP := map[string]bool{}
	for i, t := range goneTODOs {
		fp := todoFingerprint(f.OldPath, t.word, t.text)
		if resolvedFP[fp] {
			continue // already reported
		}
		resolvedFP[fp] = true
		r := analyze.Resolution{Fingerprint: fp, Commit: c.Hash}
		if a, ok := replacedBy[i]; ok {
			r.ReplacedBy = todoFingerprint(f.NewPath, newTODOs[a].word, newTODOs[a].text)
		}
		resolved = append(resolved, r)
	}
	return found, resolved
}

// todoFingerprint identifies a TODO by path and normalised text, never by
// line, so that it survives moves and reformatting.
func todoFingerprint(path, word, text string) string {
	norm := strings.Join(strings.Fields(strings.ToLower(word+": "+text)), " ")
	sum := sha1.Sum([]byte(norm))
	return finding.KindTODO + ":" + path + ":" + hex.EncodeToString(sum[:])[:12]
}

// namedIn reports whether the file at p, as the commit has it, holds the
// last part of the name where as a word of its own; true when the file
// cannot be read.
func namedIn(source sourceFunc, p, where string) bool {
	src, ok := source(p, analyze.Added)
	return !ok || analyze.IndexWord(string(src), where[strings.LastIndexAny(where, ".:")+1:]) >= 0
}
