package symbol

import (
	"fmt"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// Line is one line of source as code sees it.
type Line struct {
	// Code is the line without comments, with string literals emptied
	// (their quotes stay): what is left is what the compiler reads.
	Code string
	// Inside says the line starts inside a block comment or a string that
	// an earlier line opened (a Python docstring, a Go raw string, a
	// JavaScript template literal): text there is no definition.
	Inside bool
}

// Code reads lines of a file in the language of path, one after another,
// following comments and strings across lines. For a language the symbol
// rules do not read, every line is code as written.
func Code(path string, lines []string) []Line {
	out := make([]Line, len(lines))
	switch lang := analyze.SourceLanguage(path); lang {
	case "":
		for i, l := range lines {
			out[i] = Line{Code: l}
		}
	case analyze.LangPython:
		inString := ""
		for i, l := range lines {
			if inString != "" {
				k := strings.Index(l, inString)
				out[i].Inside = true
				if k < 0 {
					continue
				}
				l = l[k+len(inString):]
				inString = ""
			}
			out[i].Code = stripPython(l)
			if k := tripleQuoteStart(l); k >= 0 {
				q := l[k : k+3]
				if !strings.Contains(l[k+3:], q) {
					inString = q
				}
			}
		}
	default:
		lx := newLexer(quotesOf(lang))
		for i, l := range lines {
			ll := lx.line(l)
			out[i] = Line{Code: ll.code, Inside: ll.inside}
		}
	}
	return out
}

// tripleQuoteStart is where the first triple-quoted string outside a
// comment and a one-line string starts in a Python line, or -1.
func tripleQuoteStart(l string) int {
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch c {
		case '#':
			return -1
		case '"', '\'':
			if strings.HasPrefix(l[i:], strings.Repeat(string(c), 3)) {
				return i
			}
			j := i + 1
			for j < len(l) && l[j] != c {
				if l[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		}
	}
	return -1
}

// LayoutOnly reports whether lines removed and lines added, each read in
// order in the language of path, hold the same code once comments and
// whitespace are set aside: a reflow, a comment dropped or reworded
// (pyparsing-dev/pyparsing 4f52ba7 took `# type: ignore[misc]` off three
// lambdas; 9b728b8 wrapped three calls over five lines each). Strings
// keep their text. A language the symbol rules do not read compares as
// written, whitespace aside; Python keeps each statement's indentation.
// A hunk that starts inside a block comment or
// a string reads it as code, so that a change there is never taken for
// layout.
func LayoutOnly(path string, removed, added []string) bool {
	return layoutKey(path, removed) == layoutKey(path, added)
}

// layoutKey is what lines say, comments and whitespace aside.
func layoutKey(path string, lines []string) string {
	var b strings.Builder
	write := func(s string) {
		for _, f := range strings.Fields(s) {
			b.WriteString(f)
		}
	}
	switch lang := analyze.SourceLanguage(path); lang {
	case "":
		for _, l := range lines {
			write(l)
		}
	case analyze.LangPython:
		// Indentation is Python's code: a statement moved out of its
		// block is no layout. A line inside brackets continues the one
		// above, wherever it is indented.
		depth := 0
		for _, l := range lines {
			t := strings.TrimSpace(l)
			norm := normPython(t)
			if norm == "" {
				continue
			}
			if depth <= 0 {
				fmt.Fprintf(&b, "\n%d|", len(l)-len(strings.TrimLeft(l, " \t")))
				depth = 0
			}
			write(norm)
			for _, c := range stripPython(t) {
				switch c {
				case '(', '[', '{':
					depth++
				case ')', ']', '}':
					depth--
				}
			}
		}
	default:
		lx := newLexer(quotesOf(lang))
		for _, l := range lines {
			write(lx.line(l).norm)
		}
	}
	return b.String()
}
