package analyze

import (
	"regexp"
	"strings"
)

// defMatcher recognises the definitions of one language on a line. in is
// the innermost definition open around the line (nil at the top level, or
// when the hunk does not show it). Matchers of languages with declaration
// groups (Go's "type (") keep that state, so one is made per scan.
type defMatcher interface {
	def(text string, in *defSpan) (defSpan, bool)
}

// scanDefs finds the definitions in one side of one hunk, and which of
// their lines changed.
func scanDefs(lang string, lines []sideLine) []defSpan {
	switch lang {
	case langPython:
		return scanPythonDefs(lines)
	case langGo:
		return scanBraceDefs(&goMatcher{}, quotesOf(lang), lines)
	case langJS:
		return scanBraceDefs(jsMatcher{}, quotesOf(lang), lines)
	case langJava:
		return scanBraceDefs(javaMatcher{}, quotesOf(lang), lines)
	case langRust:
		return scanBraceDefs(rustMatcher{}, quotesOf(lang), lines)
	}
	return nil
}

// braceFrame is a definition whose end has not been seen yet.
type braceFrame struct {
	def    int  // index into the scan's definitions
	depth  int  // brace depth outside the definition
	opened bool // its body's "{" has been seen
}

// declGroupRE is Go's "type (", "const (", ... whose parenthesis groups
// declarations rather than opening an expression.
var declGroupRE = regexp.MustCompile(`^(?:type|const|var|import)\s*\($`)

// scanBraceDefs follows definitions through a hunk by brace depth: a
// definition ends where the brace that opened its body closes, or, with
// no body, at the ";" or line end that ends its declaration.
func scanBraceDefs(m defMatcher, q quoteStyle, lines []sideLine) []defSpan {
	var defs []defSpan
	var stack []braceFrame
	depth, group := 0, 0 // braces; parentheses and brackets
	for i, ln := range lines {
		code := stripCode(ln.text, q)
		trimmed := strings.TrimSpace(code)
		if len(stack) == 0 || stack[len(stack)-1].opened {
			var in *defSpan
			if len(stack) > 0 {
				cur := defs[stack[len(stack)-1].def]
				in = &cur
			}
			if d, ok := m.def(ln.text, in); ok {
				d.line, d.end, d.sig = ln.no, ln.no, strings.TrimSpace(ln.text)
				d.defChanged = ln.changed && trimmed != ""
				d.docChanged, d.headerChanged = docAbove(lines, i, false)
				defs = append(defs, d)
				stack = append(stack, braceFrame{def: len(defs) - 1, depth: depth})
			}
		}
		if n := len(stack); n > 0 {
			top := stack[n-1]
			d := &defs[top.def]
			if ln.changed && trimmed != "" && d.line != ln.no {
				if top.opened {
					d.bodyChanged = true
				} else {
					d.headerChanged = true
				}
			}
			for _, f := range stack {
				defs[f.def].end = ln.no
			}
		}
		if declGroupRE.MatchString(trimmed) {
			continue
		}
		for k := 0; k < len(code); k++ {
			switch code[k] {
			case '(', '[':
				group++
			case ')', ']':
				group = max(group-1, 0)
			case '{':
				depth++
				if n := len(stack); n > 0 && !stack[n-1].opened && group == 0 && depth == stack[n-1].depth+1 {
					stack[n-1].opened = true
				}
			case '}':
				depth--
				for n := len(stack); n > 0; n = len(stack) {
					top := stack[n-1]
					if depth < top.depth || (top.opened && depth == top.depth) {
						stack = stack[:n-1]
						continue
					}
					break
				}
			case ';':
				if n := len(stack); n > 0 && !stack[n-1].opened && group == 0 && depth == stack[n-1].depth {
					stack = stack[:n-1] // a declaration without a body
				}
			}
		}
		if n := len(stack); n > 0 && !stack[n-1].opened && group == 0 && !continuesLine(trimmed) && !continuedBy(lines, i+1, q) {
			stack = stack[:n-1] // `type X int`, `export const x = 1`
		}
	}
	return defs
}

// continuesLine reports whether a declaration's line ends in the middle of
// it, so that the next line still belongs to its header.
func continuesLine(code string) bool {
	if strings.HasSuffix(code, "->") || strings.HasSuffix(code, "=>") || code == "where" || strings.HasSuffix(code, " where") {
		return true
	}
	return code != "" && strings.ContainsRune(",([=+-*/&|?:.", rune(code[len(code)-1]))
}

// continuedBy reports whether the line at i continues the declaration
// before it: an opening brace on its own line, a Rust where clause, a
// Java throws clause.
func continuedBy(lines []sideLine, i int, q quoteStyle) bool {
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(stripCode(lines[i].text, q))
		if t == "" {
			continue
		}
		for _, p := range []string{"{", "where", "throws", "extends", "implements", ".", "&&", "||", "?", ":", "|", "+"} {
			if strings.HasPrefix(t, p) {
				return true
			}
		}
		return false
	}
	return false
}

// docAbove reads the lines above the definition on line i: its doc
// comment, and annotations, attributes or decorators. It reports whether a
// doc line changed and whether an annotation did (which is part of the
// signature: @Deprecated, #[must_use], @app.route).
func docAbove(lines []sideLine, i int, python bool) (docChanged, annotationChanged bool) {
	for j := i - 1; j >= 0; j-- {
		t := strings.TrimSpace(lines[j].text)
		switch {
		case t == "":
			return
		case python && strings.HasPrefix(t, "#"),
			!python && (strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*") || strings.HasPrefix(t, "*")):
			docChanged = docChanged || lines[j].changed
		case strings.HasPrefix(t, "@") || strings.HasPrefix(t, "#["):
			annotationChanged = annotationChanged || lines[j].changed
		default:
			return
		}
	}
	return
}

// quoteStyle is how a language writes string and character literals.
type quoteStyle struct {
	strings string // characters that open a one-line string
	// charLit: a single quote opens a character literal ('x', '\n') only
	// when one closes it right after; otherwise it is a Rust lifetime.
	charLit bool
}

// quotesOf returns how a brace language writes its literals.
func quotesOf(lang string) quoteStyle {
	switch lang {
	case langGo:
		return quoteStyle{strings: "\"`", charLit: true}
	case langJS:
		return quoteStyle{strings: "\"'`"}
	default: // Java, Rust
		return quoteStyle{strings: `"`, charLit: true}
	}
}

// stripCode returns line without its string and character literals (their
// quotes stay, empty) and comments, so that braces inside them do not
// count. Literals and block comments spanning lines are not followed: the
// scanners accept that error for such rare lines.
func stripCode(line string, q quoteStyle) string {
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '/' && i+1 < len(line) && line[i+1] == '/':
			return b.String()
		case c == '/' && i+1 < len(line) && line[i+1] == '*':
			k := strings.Index(line[i+2:], "*/")
			if k < 0 {
				return b.String()
			}
			i += 2 + k + 1
			b.WriteByte(' ')
		case strings.IndexByte(q.strings, c) >= 0:
			b.WriteByte(c)
			j := i + 1
			for j < len(line) && line[j] != c {
				if line[j] == '\\' && c != '`' {
					j++
				}
				j++
			}
			b.WriteByte(c)
			i = j
		case c == '\'' && q.charLit:
			switch {
			case i+2 < len(line) && line[i+1] != '\\' && line[i+2] == '\'':
				i += 2
			case i+1 < len(line) && line[i+1] == '\\':
				if k := strings.IndexByte(line[i+2:], '\''); k >= 0 && k < 10 {
					i += 2 + k
				}
			}
			b.WriteString("''")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// pyFrame is a Python definition whose end has not been seen yet.
type pyFrame struct {
	def    int
	indent int
	// header: its ":" has not been seen yet. first: the next statement is
	// its first, a docstring if it is a string. doc: inside its docstring.
	header, first, doc bool
}

var (
	pyDefRE   = regexp.MustCompile(`^(\s*)(?:async\s+)?def\s+(\w+)\s*\(\s*(\w*)`)
	pyClassRE = regexp.MustCompile(`^(\s*)class\s+(\w+)\s*[(:]`)
	pyDocRE   = regexp.MustCompile(`^[rRuUbB]?("""|''')`)
)

// scanPythonDefs follows definitions by indentation: a definition ends
// before the next code line indented no deeper than its first line.
func scanPythonDefs(lines []sideLine) []defSpan {
	var defs []defSpan
	var stack []pyFrame
	group := 0     // brackets open across lines
	inString := "" // the triple quote of a string spanning lines
	extend := func(no int) {
		for _, f := range stack {
			defs[f.def].end = no
		}
	}
	for i, ln := range lines {
		t := strings.TrimSpace(ln.text)
		if inString != "" {
			closes := strings.Count(t, inString)%2 == 1
			if n := len(stack); n > 0 {
				markPython(&defs[stack[n-1].def], &stack[n-1], ln)
				if closes {
					stack[n-1].doc = false
				}
				extend(ln.no)
			}
			if closes {
				inString = ""
			}
			continue
		}
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if group == 0 {
			indent := len(ln.text) - len(strings.TrimLeft(ln.text, " \t"))
			for len(stack) > 0 && indent <= stack[len(stack)-1].indent {
				stack = stack[:len(stack)-1]
			}
			var in *defSpan
			if len(stack) > 0 {
				cur := defs[stack[len(stack)-1].def]
				in = &cur
			}
			if d, ok := pythonDef(ln.text, in); ok {
				d.line, d.end, d.sig = ln.no, ln.no, t
				d.defChanged = ln.changed
				d.docChanged, d.headerChanged = docAbove(lines, i, true)
				defs = append(defs, d)
				stack = append(stack, pyFrame{def: len(defs) - 1, indent: indent, header: true})
			}
		}
		opens := "" // a triple quote this line leaves open
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(t, q)%2 == 1 {
				opens = q
				break
			}
		}
		code := strings.TrimSpace(stripPython(t))
		for _, c := range code {
			switch c {
			case '(', '[', '{':
				group++
			case ')', ']', '}':
				group = max(group-1, 0)
			}
		}
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			if top.first {
				top.first, top.doc = false, pyDocRE.MatchString(t)
			}
			markPython(&defs[top.def], top, ln)
			if top.doc && opens == "" {
				top.doc = false // a one-line docstring
			}
			if top.header && group == 0 && strings.HasSuffix(code, ":") {
				top.header, top.first = false, true
			}
			extend(ln.no)
		}
		inString = opens
	}
	return defs
}

// markPython records a changed line against the definition it is in.
func markPython(d *defSpan, f *pyFrame, ln sideLine) {
	if !ln.changed || d.line == ln.no {
		return
	}
	switch {
	case f.header:
		d.headerChanged = true
	case f.doc:
		d.docChanged = true
	default:
		d.bodyChanged = true
	}
}

// stripPython drops a line's one-line string literals and its comment.
func stripPython(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch c {
		case '#':
			return b.String()
		case '"', '\'':
			if strings.HasPrefix(line[i:], strings.Repeat(string(c), 3)) {
				return b.String() // a triple-quoted string: the rest is its text
			}
			j := i + 1
			for j < len(line) && line[j] != c {
				if line[j] == '\\' {
					j++
				}
				j++
			}
			i = j
			b.WriteString(`""`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// pythonDef recognises def and class lines. Top-level names not starting
// with "_" are public; so are the methods of public classes. A method
// whose class the hunk does not show is taken as public when its first
// parameter is self or cls.
func pythonDef(text string, in *defSpan) (defSpan, bool) {
	if m := pyDefRE.FindStringSubmatch(text); m != nil {
		name, public := m[2], !strings.HasPrefix(m[2], "_")
		switch {
		case in == nil && m[1] == "":
			return defSpan{name: name, kind: symFunc, exported: public}, true
		case in == nil:
			method := m[3] == "self" || m[3] == "cls"
			return defSpan{name: name, kind: symMethod, exported: public && method}, true
		case in.kind == symClass:
			return defSpan{name: in.typeName + "." + name, kind: symMethod, exported: public && in.exported}, true
		default:
			return defSpan{name: name, kind: symFunc}, true // nested: private
		}
	}
	if m := pyClassRE.FindStringSubmatch(text); m != nil {
		name, public := m[2], !strings.HasPrefix(m[2], "_")
		switch {
		case in == nil && m[1] == "":
			return defSpan{name: name, kind: symClass, exported: public, typeName: name}, true
		case in != nil && in.kind == symClass:
			q := in.typeName + "." + name
			return defSpan{name: q, kind: symClass, exported: public && in.exported, typeName: q}, true
		default:
			return defSpan{name: name, kind: symClass, typeName: name}, true
		}
	}
	return defSpan{}, false
}
