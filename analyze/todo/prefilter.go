package todo

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// sideMayHit reports whether a changed line of the side (Added or Removed)
// could hold a TODO marker. Almost no changed line does, and when none
// does the file's side is done without building its lines or scanning its
// comments: the scanner would find nothing there.
func sideMayHit(f *analyze.FileDiff, side analyze.LineKind, lang *language, words []string) bool {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == side && lang.mayHit(l.Text, words) {
				return true
			}
		}
	}
	return false
}

// mayHit reports whether findTODO could find a marker in a comment on the
// line. It must never say no where findTODO says yes, so it follows the
// rule matchTODO applies to the comment's text, which is part of the line:
// one of the words as written (case-sensitive), or after "@" or "\" in any
// case (a documentation tag: @todo, \bug). It tells words apart as
// matchTODO does: what follows the word is no letter, digit or "_"
// (markerTail accepts none there), nor what comes before it, which is the
// comment's start, a blank, a bracket or a marker; where a marker holds
// letters (Batch's "REM ") the boundaries are not asked for.
func (l *language) mayHit(text string, words []string) bool {
	for _, w := range words {
		if w == "" {
			continue
		}
		for from := 0; from < len(text); {
			k := strings.Index(text[from:], w)
			if k < 0 {
				break
			}
			k += from
			end := k + len(w)
			if l.wordyMarkers || (k == 0 || !analyze.IsIdentByte(text[k-1])) && (end == len(text) || !analyze.IsIdentByte(text[end])) {
				return true
			}
			from = k + 1
		}
	}
	// Each tag sign found by strings.IndexByte: strings.IndexAny goes a
	// byte at a time, and was half of this test's time.
	nextAt, nextSlash := -1, -1
	for from := 0; from < len(text); {
		if nextAt < from {
			nextAt = analyze.IndexByteFrom(text, '@', from)
		}
		if nextSlash < from {
			nextSlash = analyze.IndexByteFrom(text, '\\', from)
		}
		k := min(nextAt, nextSlash)
		if k == len(text) {
			break
		}
		t := text[k+1:]
		for _, w := range words {
			if w != "" && len(t) >= len(w) && strings.EqualFold(t[:len(w)], w) {
				return true
			}
		}
		from = k + 1
	}
	return false
}
