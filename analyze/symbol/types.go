package symbol

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// This file takes type annotations out of what a definition means, for
// the languages where they are optional and change nothing at run time
// (Python, TypeScript), and for Rust, whose compiler checks them: a commit
// that only adds or edits them changed TypesOnly.

// Untyped is a line of a definition's header without its parameters' and
// result's type annotations, in the languages where they are optional
// (Python, TypeScript): a function moved to another file with annotations
// added on the way reads the same at both places (mkdocs 0f793b9 moved
// url_filter(context, value: str) into templates.py as url_filter(context:
// TemplateContext, value: str)). Other lines come back as they are.
func Untyped(p, line string) string {
	switch strings.ToLower(path.Ext(p)) {
	case ".py", ".pyi", ".ts", ".tsx", ".mts", ".cts":
	default:
		return line
	}
	if !strings.Contains(line, "(") || !strings.Contains(line, ":") {
		return line
	}
	h, _ := typeStripper(p)([]string{line}, nil)
	return h
}

// typeStripper returns the function that joins a definition's header and
// body norms without their type annotations, or nil for languages whose
// types decide which code runs (Java's overloads).
func typeStripper(p string) func(head, body []string) (string, string) {
	switch strings.ToLower(path.Ext(p)) {
	case ".py", ".pyi":
		return func(head, body []string) (string, string) {
			out := make([]string, len(body))
			for i, l := range body {
				out[i] = stripPyAnnotation(l)
			}
			h := normJoin(head)
			if strings.HasPrefix(h, "class ") {
				h = pySubscriptRE.ReplaceAllString(h, "") // Generic[K, V] bases are typing
			}
			return stripParams(h, "->", ":"), normJoin(out)
		}
	case ".rs":
		// Rust's types are checked by its compiler: a change to them alone
		// (a bound, a where clause, a parameter's type) needs no test.
		return func(head, body []string) (string, string) {
			out := make([]string, len(body))
			for i, l := range body {
				out[i] = rustLetAnnRE.ReplaceAllString(l, "$1")
			}
			return stripParams(normJoin(head), "->", "{"), normJoin(out)
		}
	case ".java":
		// final on a parameter or a local variable is the compiler's check
		// alone ("Use final", apache/commons-lang 8e3d585f); on a method
		// (before its parameters) it forbids overriding, and stays.
		return func(head, body []string) (string, string) {
			return javaParamFinalRE.ReplaceAllString(normJoin(head), "$1"), javaFinalRE.ReplaceAllString(normJoin(body), "")
		}
	case ".ts", ".tsx", ".mts", ".cts":
		return func(head, body []string) (string, string) {
			out := make([]string, len(body))
			for i, l := range body {
				out[i] = tsAsRE.ReplaceAllString(tsVarAnnRE.ReplaceAllString(l, "$1"), "")
			}
			// An arrow function's expression body is on its header's
			// lines: its casts are types too (isaacs/rimraf 20e3799,
			// `er as FsError` to `er as NodeJS.ErrnoException`).
			h := tsAsRE.ReplaceAllString(normJoin(head), "")
			if !strings.Contains(h, "(") {
				// A class's header: its type parameters and those of what
				// it extends are types (sindresorhus/ow 73861e3's
				// WeakMapPredicate<T1 extends object = any, T2 = any> made
				// <KeyType extends object = object>: round 78, noise).
				return withoutTypeArgs(h), normJoin(out)
			}
			return stripParams(h, ":", "{"), normJoin(out)
		}
	}
	return nil
}

// withoutTypeArgs drops every <...> group of a TypeScript header, nested
// ones with it; a "=>" inside one is not its end.
func withoutTypeArgs(h string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c == '<':
			depth++
		case c == '>' && depth > 0 && (i == 0 || h[i-1] != '='):
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

var (
	// javaParamFinalRE is a parameter's final, in a header's norm
	// ("concat(final boolean[]...arrays)"); javaFinalRE any final in a
	// body's, where it marks local variables.
	javaParamFinalRE = lazyregexp.New(`([(,])final `)
	javaFinalRE      = lazyregexp.New(`\bfinal `)
	// pyAnnRE is an annotated assignment or declaration, a statement as
	// scanPythonDefs writes it: "4|self.x: int = 5", "4|x: list[str]".
	pyAnnRE = lazyregexp.New(`^(\d+\|)([A-Za-z_][\w.]*)\s*:\s*([^=]+?)\s*(=.*)?$`)
	// tsVarAnnRE is a variable's annotation: "const x: Map<K, V> =".
	tsVarAnnRE = lazyregexp.New(`(\b(?:const|let|var)\s+[\w$]+)\??\s*:[^=;]+`)
	// pySubscriptRE is a subscript in a class's bases: MutableMapping[str, t.Any].
	pySubscriptRE = lazyregexp.New(`\[[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\]`)
	// rustLetAnnRE is a binding's annotation: "let mut x: Vec<u8> =".
	rustLetAnnRE = lazyregexp.New(`(\blet\s+(?:mut\s+)?\w+)\s*:[^=;]+`)
	// tsAsRE is a type assertion: "x as Foo", "y as unknown as Bar[]".
	tsAsRE = lazyregexp.New(`\s+as\s+[\w$.]+(?:<[^>]*>)?(?:\[\])*`)
)

// stripPyAnnotation drops the annotation of an annotated statement.
func stripPyAnnotation(l string) string {
	m := pyAnnRE.FindStringSubmatch(l)
	if m == nil {
		return l
	}
	switch m[2] {
	case "else", "try", "finally", "except", "elif", "if", "for", "while", "with", "lambda", "case", "match",
		"def", "class", "return", "async", "await", "yield", "raise", "assert", "del", "pass", "import", "from", "global", "nonlocal":
		return l
	}
	if m[4] == "" {
		// A bare declaration ("ctx: Context" in a class body, pallets/click
		// 9207bdc0) runs nothing: it only tells the type checker.
		return ""
	}
	return m[1] + m[2] + m[4]
}

// stripParams drops the annotations of the parameters in the first
// parenthesised list of head ("a:int=1" becomes "a=1"), the type
// parameters right before it, and the return annotation that follows it,
// which starts with ret and ends before end (or at the end of head).
func stripParams(head, ret, end string) string {
	open := strings.IndexByte(head, '(')
	if open < 0 {
		return head
	}
	var b strings.Builder
	prefix := head[:open]
	if k := strings.IndexByte(prefix, '<'); k >= 0 && strings.HasSuffix(prefix, ">") {
		prefix = prefix[:k] // TypeScript's type parameters
	}
	b.WriteString(prefix)
	b.WriteByte('(')
	depth, i := 0, open+1
	var param strings.Builder
	flush := func() {
		b.WriteString(dropAnnotation(param.String()))
		param.Reset()
	}
	for ; i < len(head); i++ {
		c := head[i]
		if c == '"' || c == '\'' || c == '`' {
			j := i + 1
			for j < len(head) && head[j] != c {
				if head[j] == '\\' {
					j++
				}
				j++
			}
			param.WriteString(head[i:min(j+1, len(head))])
			i = j
			continue
		}
		switch c {
		case '(', '[', '{', '<':
			depth++
		case ']', '}', '>':
			depth--
		case ')':
			if depth == 0 {
				flush()
				b.WriteByte(')')
				rest := head[i+1:]
				if strings.HasPrefix(rest, ret) {
					k := strings.LastIndex(rest, end)
					if ret == ":" && end == "{" {
						// TypeScript: an arrow function's return type ends
						// at its "=>" (eemeli/yaml fa93c2d gave
						// `(str: string) =>` a `: string`, a new signature
						// to the detectors: round 124, wrong).
						if a := strings.Index(rest, "=>"); a >= 0 && (k < 0 || a < k) {
							k = a
						}
					}
					if k >= 0 {
						rest = rest[k:]
					} else {
						rest = ""
					}
				}
				b.WriteString(rest)
				return b.String()
			}
			depth--
		case ',':
			if depth == 0 {
				flush()
				b.WriteByte(',')
				continue
			}
		}
		param.WriteByte(c)
	}
	flush()
	return b.String()
}

// dropAnnotation drops ":type" from one parameter, keeping its default:
// "a:int=1" is "a=1", "b?:string" is "b", "*args:Any" is "*args".
func dropAnnotation(p string) string {
	colon, eq, depth := -1, -1, 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '(', '[', '{', '<':
			depth++
		case ')', ']', '}', '>':
			depth--
		case ':':
			if depth == 0 && colon < 0 && eq < 0 {
				colon = i
			}
		case '=':
			if depth == 0 && eq < 0 && (i+1 >= len(p) || p[i+1] != '>') {
				eq = i
			}
		}
	}
	if colon < 0 {
		return p
	}
	name := strings.TrimSuffix(p[:colon], "?")
	if eq < 0 {
		return name
	}
	return name + p[eq:]
}

// typeStripperOrJoin is a header's norm without its annotations where the
// language has a stripper, else as written.
func typeStripperOrJoin(strip func(head, body []string) (string, string), head []string) string {
	if strip == nil {
		return normJoin(head)
	}
	h, _ := strip(head, nil)
	return h
}

// optionalParam returns what makes a parameter one callers may leave out
// in the language of p, or nil where none is (Rust, Java: any new
// parameter breaks calls).
func optionalParam(p string) func(string) bool {
	switch analyze.SourceLanguage(p) {
	case analyze.LangPython:
		return func(param string) bool {
			return strings.Contains(param, "=") || strings.HasPrefix(param, "*")
		}
	case analyze.LangJS:
		return func(string) bool { return true } // JavaScript calls may pass fewer arguments
	}
	return nil
}

// compatibleParams reports whether the new header only appends parameters
// that callers may leave out, or gives old ones a default: the first
// parenthesised lists of old and new agree on old's parameters, but for
// a default ("echo" made "echo=False": pyinvoke/invoke 6e2ec91 "test: add
// type-hints" gave Runner.handle_stdin's echo one, drafted as a new
// signature to test: round 106, noise), and the rest of the header did
// not change.
func compatibleParams(oldHead, newHead string, optional func(string) bool) bool {
	if optional == nil {
		return false
	}
	op, orest, ok1 := paramList(oldHead)
	np, nrest, ok2 := paramList(newHead)
	if !ok1 || !ok2 || orest != nrest || len(np) < len(op) {
		return false
	}
	changed := len(np) > len(op)
	for i, p := range op {
		switch {
		case np[i] == p:
		case strings.HasPrefix(np[i], p+"=") && optional(np[i]):
			changed = true
		default:
			return false
		}
	}
	if !changed {
		return false
	}
	for _, p := range np[len(op):] {
		if !optional(p) {
			return false
		}
	}
	return true
}

// paramList splits a header's first parenthesised list at its top-level
// commas: "def f(a,b=1)->x:" is [a b=1], "def f|->x:" the rest around it.
func paramList(head string) (params []string, rest string, ok bool) {
	open := strings.IndexByte(head, '(')
	if open < 0 {
		return nil, "", false
	}
	depth, start := 0, open+1
	for i := open + 1; i < len(head); i++ {
		switch head[i] {
		case '(', '[', '{', '<':
			depth++
		case ']', '}', '>':
			depth--
		case ',':
			if depth == 0 {
				params = append(params, head[start:i])
				start = i + 1
			}
		case ')':
			if depth == 0 {
				if last := head[start:i]; last != "" {
					params = append(params, last)
				}
				return params, head[:open] + "|" + head[i+1:], true
			}
			depth--
		}
	}
	return nil, "", false
}

// paramNamesDropper returns, for languages whose calls pass arguments by
// position alone (Rust, Java), the function that writes a header without
// its parameters' names: a parameter renamed changes no call. Nil
// elsewhere (Python and JavaScript callers may name arguments; Go reads
// whole files).
func paramNamesDropper(p string) func(string) string {
	switch analyze.SourceLanguage(p) {
	case analyze.LangRust:
		return func(head string) string {
			return mapParams(head, func(param string) string {
				if k := strings.Index(param, ":"); k >= 0 && !strings.HasPrefix(param[k:], "::") {
					return param[k:] // "mut spec:&str" → ":&str"
				}
				if f := strings.Fields(param); len(f) == 2 && f[0] == "mut" {
					// A receiver taken by value and bound mutable: "mut self"
					// is "self" to callers (bluss/indexmap d8e3545's
					// sorted_by; round 80). "&mut self" is a type.
					return f[1]
				}
				return param
			})
		}
	case analyze.LangJava:
		return func(head string) string {
			return mapParams(head, func(param string) string {
				if k := strings.LastIndexAny(param, " >]"); k >= 0 {
					return param[:k+1] // "final String name" → "final String "
				}
				return param
			})
		}
	}
	return nil
}

// mapParams rewrites each parameter of a header's first parenthesised
// list.
func mapParams(head string, f func(string) string) string {
	params, _, ok := paramList(head)
	if !ok {
		return head
	}
	open := strings.IndexByte(head, '(')
	closeAt := open + 1
	for depth := 0; closeAt < len(head); closeAt++ {
		c := head[closeAt]
		if c == '(' || c == '[' || c == '{' || c == '<' {
			depth++
		} else if c == ']' || c == '}' || c == '>' {
			depth--
		} else if c == ')' {
			if depth == 0 {
				break
			}
			depth--
		}
	}
	out := make([]string, len(params))
	for i, p := range params {
		out[i] = f(p)
	}
	return head[:open+1] + strings.Join(out, ",") + head[min(closeAt, len(head)):]
}
