package untested

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// outsideStrings drops the symbols whose definition line is inside a
// string an earlier line opened, as the whole file at the commit shows:
// an example in a docstring is no code. lark-parser/lark 35ab586 added
// "@v_args(meta=True) def mul(self, meta, children)" to v_args's docstring
// and was asked for tests of mul (round 81, wrong); a hunk that starts in
// the middle of a docstring cannot tell. The file is read only when there
// is something to report, and only for Python, whose definitions are
// read from the hunks (Go's are parsed whole).
func outsideStrings(read func(string, analyze.LineKind) ([]byte, bool), f *analyze.FileDiff, keep []symbol.Symbol) []symbol.Symbol {
	if len(keep) == 0 || analyze.SourceLanguage(f.NewPath) != analyze.LangPython {
		return keep
	}
	src, ok := read(f.NewPath, analyze.Added)
	if !ok {
		return keep
	}
	code := symbol.Code(f.NewPath, strings.Split(string(src), "\n"))
	out := keep[:0]
	for _, s := range keep {
		if s.Line > 0 && s.Line <= len(code) && code[s.Line-1].Inside {
			continue
		}
		out = append(out, s)
	}
	return out
}
