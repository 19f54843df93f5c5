package symbol

import "strings"

// lexer reads the lines of a brace language one after another, following
// what spans lines (block comments, raw strings, template literals, text
// blocks), so that a line inside one is never taken for code: a "func F()"
// in a raw string defines nothing, and a changed line of a block comment
// changes nothing.
type lexer struct {
	q       quoteStyle
	inBlock bool   // inside /* ... */
	inStr   string // the delimiter that closes the string the line starts in
	// special are the bytes that may start a comment or a literal in q: a
	// line with none of them is code and meaning as it stands, and most
	// lines are such.
	special string
}

// newLexer reads lines of a language that quotes as q.
func newLexer(q quoteStyle) lexer {
	special := "/" + q.strings
	if q.multi != "" {
		special += q.multi[:1]
	}
	if q.charLit {
		special += "'"
	}
	if q.rawRust {
		special += "rb"
	}
	return lexer{q: q, special: special}
}

// lexLine is one line as the lexer saw it.
type lexLine struct {
	// code drops comments and empties string literals (their quotes stay):
	// braces and parentheses in it are the code's.
	code string
	// norm is what the line means: comments dropped, strings kept, layout
	// collapsed (see normJoin). Two versions of a line with equal norms
	// differ only in comments and formatting.
	norm string
	// inside: the line starts inside a block comment or a string.
	inside bool
}

// line reads the next line.
func (lx *lexer) line(text string) lexLine {
	if lx.inBlock || lx.inStr != "" || strings.ContainsAny(text, lx.special) {
		return lx.scan(text)
	}
	// What scan would copy byte by byte.
	return lexLine{code: text, norm: lx.trimNorm(text)}
}

// scan reads the next line byte by byte.
func (lx *lexer) scan(text string) lexLine {
	out := lexLine{inside: lx.inBlock || lx.inStr != ""}
	var code, norm strings.Builder
	i := 0
	// Finish what the previous line left open.
	switch {
	case lx.inBlock:
		k := strings.Index(text, "*/")
		if k < 0 {
			return out
		}
		lx.inBlock = false
		i = k + 2
		code.WriteByte(' ')
	case lx.inStr != "":
		k := strings.Index(text, lx.inStr)
		if k < 0 {
			norm.WriteString(text) // a string's text is meaning, layout included
			norm.WriteByte('\n')
			out.norm = norm.String()
			return out
		}
		norm.WriteString(text[:k+len(lx.inStr)])
		code.WriteString(lx.inStr)
		i = k + len(lx.inStr)
		lx.inStr = ""
	}
	// Each is about the rest of the line long: grown once, not once per
	// doubling.
	code.Grow(len(text) - i)
	norm.Grow(len(text))
	for ; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '/' && lx.q.regexLit && i+1 < len(text) && text[i+1] != '/' && text[i+1] != '*' && operandStarts(code.String()):
			// A regular expression literal: colinhacks/zod 898c446's
			// `!/^https?:\/\//i.test(trimmed)) {` lost its brace to a
			// "comment", and the functions after it their ranges (round
			// 122, wrong). It ends on its line, at a slash outside a
			// character class; its flags follow.
			end := regexLiteralEnd(text, i)
			if end < 0 {
				code.WriteByte(c)
				norm.WriteByte(c)
				break
			}
			code.WriteString(`""`)
			norm.WriteString(text[i:end])
			i = end - 1
		case c == '/' && i+1 < len(text) && text[i+1] == '/':
			i = len(text)
		case c == '/' && i+1 < len(text) && text[i+1] == '*':
			k := strings.Index(text[i+2:], "*/")
			if k < 0 {
				lx.inBlock = true
				i = len(text)
				break
			}
			i += 2 + k + 1
			code.WriteByte(' ')
			norm.WriteByte(' ')
		case lx.q.rawRust && (c == 'r' || c == 'b') && (i == 0 || !isIdent(text[i-1])) && rawStringOpen(text[i:]) != "":
			// r"...", r#"..."#, br"...": no escapes, may span lines.
			open := rawStringOpen(text[i:])
			closing := `"` + strings.Repeat("#", strings.Count(open, "#"))
			k := strings.Index(text[i+len(open):], closing)
			code.WriteString(`""`)
			if k < 0 {
				norm.WriteString(text[i:])
				norm.WriteByte('\n')
				lx.inStr = closing
				i = len(text)
				break
			}
			end := i + len(open) + k + len(closing)
			norm.WriteString(text[i:end])
			i = end - 1
		case lx.q.multi != "" && strings.HasPrefix(text[i:], lx.q.multi):
			d := lx.q.multi
			k := strings.Index(text[i+len(d):], d)
			code.WriteString(d)
			if k < 0 {
				norm.WriteString(text[i:])
				norm.WriteByte('\n')
				lx.inStr = d
				i = len(text)
				break
			}
			norm.WriteString(text[i : i+len(d)+k+len(d)])
			code.WriteString(d)
			i += len(d) + k + len(d) - 1
		case strings.IndexByte(lx.q.strings, c) >= 0:
			j := i + 1
			for j < len(text) && text[j] != c {
				if text[j] == '\\' {
					j++
				}
				j++
			}
			lit := text[i:min(j+1, len(text))]
			if lx.q.unifyQuotes && c == '\'' && len(lit) >= 2 {
				lit = `"` + lit[1:len(lit)-1] + `"` // 'x' and "x" are one string
			}
			code.WriteByte(c)
			code.WriteByte(c)
			norm.WriteString(lit)
			i = j
		case c == '\'' && lx.q.charLit:
			start := i
			switch {
			case i+2 < len(text) && text[i+1] != '\\' && text[i+2] == '\'':
				i += 2
			case i+1 < len(text) && text[i+1] == '\\':
				if k := strings.IndexByte(text[i+2:], '\''); k >= 0 && k < 10 {
					i += 2 + k
				}
			}
			code.WriteString("''")
			norm.WriteString(text[start : i+1])
		default:
			code.WriteByte(c)
			norm.WriteByte(c)
		}
	}
	out.code = code.String()
	out.norm = lx.trimNorm(norm.String())
	return out
}

// trimNorm drops a line's layout at its ends from its norm.
func (lx *lexer) trimNorm(n string) string {
	n = strings.TrimSpace(n)
	if lx.q.optionalSemicolons {
		n = strings.TrimSuffix(n, ";")
	}
	return n
}

// normJoin joins the norms of consecutive lines into one string that
// ignores layout: whitespace survives only between two identifier
// characters ("return x"), where it separates words, and a comma before a
// closing bracket (a trailing comma a formatter adds) is dropped.
func normJoin(parts []string) string {
	var b strings.Builder
	var last byte
	pendingSpace := false
	for _, p := range parts {
		inStr := byte(0)
		for i := 0; i < len(p); i++ {
			c := p[i]
			if inStr != 0 {
				b.WriteByte(c)
				if c == '\\' && i+1 < len(p) {
					i++
					b.WriteByte(p[i])
				} else if c == inStr {
					inStr = 0
				}
				last = c
				continue
			}
			switch c {
			case ' ', '\t', '\n', '\r':
				pendingSpace = true
				continue
			case '"', '`':
				inStr = c
			case ')', ']', '}':
				if last == ',' {
					s := b.String()
					b.Reset()
					b.WriteString(s[:len(s)-1])
				}
			}
			if pendingSpace && isIdent(last) && isIdent(c) {
				b.WriteByte(' ')
			}
			pendingSpace = false
			b.WriteByte(c)
			last = c
		}
		pendingSpace = true
	}
	return b.String()
}

func isIdent(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// rawStringOpen is the opening of a Rust raw string at the start of s
// ("r#\"", "br\""), or "".
func rawStringOpen(s string) string {
	i := 0
	if i < len(s) && s[i] == 'b' {
		i++
	}
	if i >= len(s) || s[i] != 'r' {
		return ""
	}
	i++
	for i < len(s) && s[i] == '#' {
		i++
	}
	if i < len(s) && s[i] == '"' {
		return s[:i+1]
	}
	return ""
}

// operandStarts reports whether a JavaScript operand, not an operator,
// comes after code (a line's code read so far): at its start, after an
// opening bracket, a comma, an operator or a keyword that takes one. A
// slash there opens a regular expression; after a name, a number or a
// closing bracket it divides. Not after "<": a JSX closing tag (`</a>`)
// is no expression.
func operandStarts(code string) bool {
	t := strings.TrimRight(code, " \t")
	if t == "" {
		return true
	}
	last := t[len(t)-1]
	if strings.IndexByte("(,=:[!&|?{};+-*%>~^", last) >= 0 {
		return true
	}
	if !isIdent(last) {
		return false
	}
	k := len(t)
	for k > 0 && isIdent(t[k-1]) {
		k--
	}
	switch t[k:] {
	case "return", "typeof", "case", "in", "of", "delete", "void", "throw", "new", "yield", "await", "instanceof":
		return true
	}
	return false
}

// regexLiteralEnd is the index just past the regular expression literal
// that starts at text[i] ("/"), its flags included; -1 when the line does
// not close it.
func regexLiteralEnd(text string, i int) int {
	inClass := false
	for j := i + 1; j < len(text); j++ {
		switch c := text[j]; {
		case c == '\\':
			j++
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			j++
			for j < len(text) && isIdent(text[j]) {
				j++
			}
			return j
		}
	}
	return -1
}
