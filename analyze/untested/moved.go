package untested

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// movedLines are the lines a commit removes, trimmed, to tell code moved
// from one file to another (a class split out of a big file) from new
// code: moved code keeps the tests it had. Case aside: code moved into a
// package of its own is often exported on the way (hashicorp/golang-lru
// 1154eab moved simplelru/list.go's newList and pushFront to
// internal/list.go as NewList and PushFront).
type movedLines map[string]bool

func removedLines(cd *analyze.CommitDiff) movedLines {
	out := movedLines{}
	for i := range cd.Files {
		for _, h := range cd.Files[i].Hunks {
			for _, l := range h.Lines {
				if t := strings.TrimSpace(l.Text); l.Kind == analyze.Removed && meaningful(t) {
					out[movedKey(cd.Files[i].OldPath, t)] = true
				}
			}
		}
	}
	return out
}

// holds reports whether most of the lines f adds for the symbol s (seven
// in ten, of three or more) are lines the commit removed elsewhere; of a
// smaller symbol, every one: a one-line method's signature, removed from
// one file and added to another, is the method moved (spf13/viper
// 272344e moved a file's worth of two-line Error methods and one-line
// wrappers).
func (m movedLines) holds(f *analyze.FileDiff, s symbol.Symbol) bool {
	if len(m) == 0 {
		return false
	}
	total, seen := 0, 0
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			t := strings.TrimSpace(l.Text)
			if l.Kind != analyze.Added || l.NewNo < s.Line || l.NewNo > max(s.EndLine, s.Line) || !meaningful(t) {
				continue
			}
			total++
			if m[movedKey(f.NewPath, t)] {
				seen++
			}
		}
	}
	if total < 3 {
		return total > 0 && seen == total
	}
	return seen*10 >= total*7
}

// movedKey is how a moved line is known on both sides: trimmed, without
// type annotations, case or the keyword that makes it public (helmetjs/
// helmet 3f511ed moved `const dashify = ...` out of index.ts into util.ts
// as `export const dashify = ...`; round 83, noise).
func movedKey(p, t string) string {
	t = strings.ToLower(symbol.Untyped(p, t))
	for _, kw := range []string{"export default ", "export ", "pub(crate) ", "pub ", "public "} {
		if rest, ok := strings.CutPrefix(t, kw); ok {
			return rest
		}
	}
	return t
}

// meaningful reports a line that says something on its own: not blank,
// not a lone brace or parenthesis.
func meaningful(t string) bool {
	return strings.Trim(t, "{}()[];, \t") != ""
}
