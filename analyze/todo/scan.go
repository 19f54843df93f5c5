package todo

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// scanState is what the comment scanner carries from one line to the next:
// an open block comment, or an open string literal that spans lines.
type scanState struct {
	block  int    // index into language.blocks, or -1
	long   int    // index into language.long, or -1
	closer string // the open string's closer (a C++ raw string makes its own)
}

// outside is the state of a line that starts in code.
var outside = scanState{block: -1, long: -1}

func (s scanState) inString() bool { return s.long >= 0 }

// commentSpan is one comment on one line, as scanLine finds it.
type commentSpan struct {
	text   string // the comment's text between its markers
	marker string // the line marker or block opener; "" when the line began inside the block
	block  int    // index into language.blocks, or -1 for a line comment
	open   bool   // a block comment still open at the end of the line
	lead   bool   // only whitespace precedes the comment on its line
	start  int    // where the comment (its marker) starts on the line
}

// scanLine finds the comments on line, given the state at its start, and
// returns the state at its end. Markers inside string literals do not count,
// so `s := "// TODO"` holds no comment, nor does a line inside a Python
// triple-quoted string or a JavaScript template literal. docPos says that a
// docstring may stand at the start of the line (Python: the first statement
// of a module, class or function), where a triple-quoted string is a
// comment rather than a string.
//
// odd, when not nil, counts what would be odd if st were right: a string
// closed where strings open (after "=" or "("), one opened where strings
// close (before ")" or ","), a line starting with a closer that opens
// nothing (Rust's "#). The hunk scanner uses it to tell which state a hunk
// that starts in the middle of a file starts in.
func (l *language) scanLine(line string, st scanState, docPos bool, odd *int) ([]commentSpan, scanState) {
	var spans []commentSpan
	i := 0
	if odd != nil && st == outside {
		// "#, alone: the end of a raw string, not the start of a string.
		t := strings.TrimLeft(line, " \t")
		for _, s := range l.long {
			if len(s.close) > 1 && s.close != s.open && !strings.HasPrefix(s.open, s.close) &&
				strings.HasPrefix(t, s.close) && (closesHere(t[len(s.close):]) || strings.TrimSpace(t[len(s.close):]) == "") {
				*odd++
				break
			}
		}
	}
	if st.block >= 0 {
		closer := l.blocks[st.block].close
		k := strings.Index(line, closer)
		if k < 0 {
			return append(spans, commentSpan{text: line, block: st.block, open: true, lead: true}), st
		}
		spans = append(spans, commentSpan{text: line[:k], block: st.block, lead: true})
		i = k + len(closer)
		st = outside
	}
	if st.long >= 0 {
		k := closerAt(line, 0, st.closer, l.long[st.long].noEscape)
		if k < 0 {
			return nil, st
		}
		if odd != nil && (opensHere(line[:k]) || l.inOpener(line, k+len(st.closer), st.closer)) {
			*odd++
		}
		i = k + len(st.closer)
		st = outside
	}
	var quote byte // the delimiter of the one-line string literal we are in, or 0
	for i < len(line) {
		c := line[i]
		if quote != 0 {
			switch c {
			case '\\':
				i += 2
			case quote:
				quote = 0
				i++
			default:
				i++
			}
			continue
		}
		if !l.starts[c] {
			i++
			continue
		}
		marker, block := l.markerAt(line, i, docPos)
		lead := strings.TrimSpace(line[:i]) == ""
		if block >= 0 {
			start := i + len(marker)
			closer := l.blocks[block].close
			k := strings.Index(line[start:], closer)
			if k < 0 {
				return append(spans, commentSpan{text: line[start:], marker: marker, block: block, open: true, lead: lead, start: i}), scanState{block: block, long: -1}
			}
			spans = append(spans, commentSpan{text: line[start : start+k], marker: marker, block: block, lead: lead, start: i})
			i = start + k + len(closer)
			continue
		}
		if marker != "" {
			return append(spans, commentSpan{text: line[i+len(marker):], marker: marker, block: -1, lead: lead, start: i}), outside
		}
		if c == '\'' && strings.HasPrefix(line[i:], `'"'`) {
			i += 3 // a character literal holding a double quote opens no string
			continue
		}
		if k, n, closer := l.longAt(line, i); k >= 0 {
			end := closerAt(line, i+n, closer, l.long[k].noEscape)
			if end < 0 {
				if odd != nil && closesHere(line[i+n:]) {
					*odd++
				}
				return spans, scanState{block: -1, long: k, closer: closer}
			}
			i = end + len(closer)
			continue
		}
		if strings.IndexByte(l.quotes, c) >= 0 {
			quote = c
		}
		i++
	}
	return spans, outside
}

// inOpener reports whether line[:end] ends with a string opener: a string
// "closed" by the quote of r#" was never open.
func (l *language) inOpener(line string, end int, closer string) bool {
	for _, s := range l.long {
		if len(s.open) > len(closer) && strings.HasSuffix(line[:end], s.open) {
			return true
		}
	}
	return false
}

// opensHere reports whether before, the text on a line before a string
// delimiter, is where strings open rather than close: after "=", "(", "[",
// "{", ",", ":" or "return".
func opensHere(before string) bool {
	t := strings.TrimSpace(before)
	if t == "" {
		return false
	}
	return strings.ContainsRune("=([{,:", rune(t[len(t)-1])) || strings.HasSuffix(t, "return")
}

// closesHere reports whether after, the rest of a line after a string
// delimiter, is how strings end rather than begin: ")", ",", "]", ";".
func closesHere(after string) bool {
	t := strings.TrimSpace(after)
	return t != "" && strings.ContainsRune("),];", rune(t[0]))
}

// closerAt is the index of closer in line at or after from, skipping
// backslash escapes unless noEscape; -1 if the line does not close it.
func closerAt(line string, from int, closer string, noEscape bool) int {
	for j := from; j < len(line); j++ {
		if !noEscape && line[j] == '\\' {
			j++
			continue
		}
		if strings.HasPrefix(line[j:], closer) {
			return j
		}
	}
	return -1
}

// longAt reports whether a string literal that may span lines opens at
// line[i:]: its index in l.long, the opener's length and its closer. The
// longest opener wins (""" over "). A letter-prefixed opener (Rust's r#",
// C++'s R") must not continue an identifier, except for the byte and
// encoding prefixes (br#", u8R").
func (l *language) longAt(line string, i int) (int, int, string) {
	best, bestLen, closer := -1, 0, ""
	rest := line[i:]
	for k, s := range l.long {
		if len(s.open) <= bestLen || !strings.HasPrefix(rest, s.open) {
			continue
		}
		if isLetter(s.open[0]) && i > 0 && analyze.IsIdentByte(line[i-1]) && !strings.ContainsRune("bBuUL8", rune(line[i-1])) {
			continue
		}
		if s.raw {
			// R"delim( ... )delim": the delimiter is at most 16 characters.
			open := strings.IndexByte(rest[len(s.open):], '(')
			if open < 0 || open > 16 || strings.ContainsAny(rest[len(s.open):len(s.open)+open], " \\)\t") {
				continue
			}
			delim := rest[len(s.open) : len(s.open)+open]
			best, bestLen, closer = k, len(s.open)+open+1, ")"+delim+`"`
			continue
		}
		best, bestLen, closer = k, len(s.open), s.close
	}
	return best, bestLen, closer
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// markerAt returns the longest comment marker starting at line[i:], with the
// index of its block (-1 for a line marker). Longest wins so that Lua's
// "--[[" opens a block rather than a "--" line comment. A marker escaped by
// a backslash (TeX's \%, the shell's \#) is none; a marker bound to a place
// on the line (Org's "# " at its start, ABAP's "*" in the first column)
// counts only there; a docstring opener only where docPos allows one.
func (l *language) markerAt(line string, i int, docPos bool) (string, int) {
	best, block := "", -1
	if i > 0 && line[i-1] == '\\' {
		return best, block
	}
	rest := line[i:]
	for b, m := range l.blocks {
		if len(m.open) <= len(best) || !strings.HasPrefix(rest, m.open) || !placed(line, i, m.at) {
			continue
		}
		if m.doc && !(docPos && docStart(line[:i])) {
			continue
		}
		best, block = m.open, b
	}
	for _, m := range l.lines {
		if len(m.text) > len(best) && strings.HasPrefix(rest, m.text) && placed(line, i, m.at) &&
			!(analyze.IsIdentByte(m.text[0]) && i > 0 && analyze.IsIdentByte(line[i-1])) {
			best, block = m.text, -1
		}
	}
	return best, block
}

// placed reports whether a marker at line[i:] stands where it must.
func placed(line string, i int, at where) bool {
	switch at {
	case lineStart:
		return strings.TrimSpace(line[:i]) == ""
	case column1:
		return i == 0
	case afterSpace:
		return i == 0 || line[i-1] == ' ' || line[i-1] == '\t'
	}
	return true
}

// docStart reports whether before, the text before a triple quote, lets it
// open a docstring: indentation, and at most a raw or unicode prefix.
func docStart(before string) bool {
	t := strings.TrimSpace(before)
	return t == "" || t == "r" || t == "R" || t == "u" || t == "U"
}

// guessOpenBlock guesses, for the first lines of a hunk, whether line lies
// inside a block comment opened above the hunk: a closer with no opener
// before it, or, for /* */ languages, a leading "*" as in " * text".
// It returns the block's index, or -1.
func (l *language) guessOpenBlock(line string) int {
	t := strings.TrimSpace(line)
	for b, m := range l.blocks {
		if m.open == m.close || m.doc {
			continue // "###" cannot tell an opener from a closer
		}
		if k := strings.Index(t, m.close); k >= 0 && !strings.Contains(t[:k], m.open) {
			return b
		}
		if m.open == "/*" && strings.HasPrefix(t, "*") {
			rest := strings.TrimLeft(t, "*")
			if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
				return b
			}
		}
	}
	return -1
}

// commentText is a span's text without decoration: repeated marker
// characters ("///", "##", "/**"), a leading "*" on the inner lines of a
// /* */ block, a "#" opening an HTML comment ("<!--# TODO", as RStudio
// writes them), leftovers of the closer ("**/") and surrounding space.
func (l *language) commentText(sp commentSpan) string {
	t := sp.text
	switch {
	case sp.marker != "":
		t = strings.TrimLeft(t, strings.TrimSpace(sp.marker)+"!")
		if sp.block >= 0 {
			t = strings.TrimLeft(strings.TrimSpace(t), "#")
		}
	default: // a line that began inside a block
		t = strings.TrimSpace(t)
		if strings.Contains(l.blocks[sp.block].open, "*") {
			t = strings.TrimLeft(t, "*")
		}
		if l.blocks[sp.block].doc {
			t = strings.TrimLeft(t, "#") // "# TODO: x" in a docstring
		}
	}
	t = strings.TrimSpace(t)
	if sp.block >= 0 && !sp.open {
		// "**/" and "--->" leave part of a decorated closer behind.
		if c := l.blocks[sp.block].close[:1]; c == "*" || c == "-" {
			t = strings.TrimSpace(strings.TrimRight(t, c))
		}
	}
	return t
}
