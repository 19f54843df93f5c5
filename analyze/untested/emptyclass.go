package untested

import (
	"strings"
)

// pyEmptyClass reports whether the Python class defined on line (1-based)
// of src holds nothing but a docstring, pass or ...: an exception or
// warning type named for callers to raise and catch, with no code of its
// own to test (pyparsing-dev/pyparsing 65ddbbe defined PyparsingWarning
// and two subclasses, each a docstring, and was asked for their tests).
// A class whose body it cannot read to the end is not empty.
func pyEmptyClass(src []byte, line int) bool {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return false
	}
	indent := indentOf(lines[line-1])
	// The header, to its colon: "class A(B):", maybe over several lines.
	i := line - 1
	rest := ""
	for ; i < len(lines); i++ {
		code := strings.TrimSpace(stripPyComment(lines[i]))
		if k := strings.LastIndex(code, ":"); k >= 0 && depthAt(lines[line-1:i+1]) == 0 {
			rest = strings.TrimSpace(code[k+1:])
			break
		}
	}
	if i == len(lines) {
		return false
	}
	if rest != "" {
		return emptyStatement(rest) // class A(B): pass
	}
	seen := false
	for j := i + 1; j < len(lines); j++ {
		t := strings.TrimSpace(lines[j])
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if indentOf(lines[j]) <= indent {
			return seen // the body ended
		}
		if q := docstringOpen(t); q != "" {
			// A docstring, to its closing quotes.
			if strings.Count(t, q) < 2 || t == q {
				for j++; j < len(lines) && !strings.Contains(lines[j], q); j++ {
				}
			}
			seen = true
			continue
		}
		if !emptyStatement(stripPyComment(t)) {
			return false
		}
		seen = true
	}
	return seen // the file ends with the class
}

// emptyStatement is a statement that does nothing: pass or ....
func emptyStatement(s string) bool {
	s = strings.TrimSpace(s)
	return s == "pass" || s == "..."
}

// docstringOpen is the triple quote a line starts a docstring with, or "".
func docstringOpen(t string) string {
	t = strings.TrimLeft(t, "rRbBuU")
	for _, q := range []string{`"""`, `'''`} {
		if strings.HasPrefix(t, q) {
			return q
		}
	}
	return ""
}

// indentOf is the width of a line's leading whitespace.
func indentOf(l string) int {
	return len(l) - len(strings.TrimLeft(l, " \t"))
}

// stripPyComment drops a comment from a line of code (a "#" outside
// quotes).
func stripPyComment(l string) string {
	var quote byte
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return l[:i]
		}
	}
	return l
}

// depthAt is how many brackets the lines leave open.
func depthAt(lines []string) int {
	depth := 0
	for _, l := range lines {
		for _, c := range stripPyComment(l) {
			switch c {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
			}
		}
	}
	return depth
}
