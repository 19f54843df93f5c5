package untested

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// movedLines are the lines a commit removes, trimmed, to tell code moved
// from one file to another (a class split out of a big file) from new
// code: moved code keeps the tests it had.
type movedLines map[string]bool

func removedLines(cd *analyze.CommitDiff) movedLines {
	out := movedLines{}
	for i := range cd.Files {
		for _, h := range cd.Files[i].Hunks {
			for _, l := range h.Lines {
				if t := strings.TrimSpace(l.Text); l.Kind == analyze.Removed && meaningful(t) {
					out[t] = true
				}
			}
		}
	}
	return out
}

// holds reports whether most of the lines f adds for the symbol s (at
// least three, seven in ten) are lines the commit removed elsewhere.
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
			if m[t] {
				seen++
			}
		}
	}
	return total >= 3 && seen*10 >= total*7
}

// meaningful reports a line that says something on its own: not blank,
// not a lone brace or parenthesis.
func meaningful(t string) bool {
	return strings.Trim(t, "{}()[];, \t") != ""
}
