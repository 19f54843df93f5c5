package symbol

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strconv"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
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
func scanDefs(lang string, lines []analyze.SideLine) []defSpan {
	switch lang {
	case analyze.LangPython:
		return scanPythonDefs(lines)
	case analyze.LangGo:
		return scanBraceDefs(&goMatcher{}, quotesOf(lang), lines)
	case analyze.LangJS:
		return emptyJSBodies(scanBraceDefs(jsMatcher{}, quotesOf(lang), lines))
	case analyze.LangJava:
		return scanBraceDefs(javaMatcher{}, quotesOf(lang), lines)
	case analyze.LangRust:
		return rustPrivateMethods(rustDocHidden(scanBraceDefs(rustMatcher{}, quotesOf(lang), lines), lines))
	}
	return nil
}

// jsEmptyBodyRE is a JavaScript definition whose body, on its own line,
// is empty: `export const inferLabel = () => {};`, `noop() {}`.
var jsEmptyBodyRE = lazyregexp.New(`(?:=>|\))\s*\{\s*\}\s*;?$`)

// emptyJSBodies marks the definitions that do nothing stubs: a browser's
// stand-in for what only Node can do (sindresorhus/ow's
// infer-label.browser.ts, drafted as untested: round 78, noise).
func emptyJSBodies(defs []defSpan) []defSpan {
	for i := range defs {
		if jsEmptyBodyRE.MatchString(strings.TrimSpace(defs[i].sig)) {
			defs[i].stub = true
		}
	}
	return defs
}

// rustDocHidden unexports the items the lines show under #[doc(hidden)]:
// a crate hides from its documentation what is public only for its
// macros or its own crates, and users are not to call it
// (seanmonstar/reqwest 9aacdc1: `#[doc(hidden)] fn into_resolve` of a
// trait "only exported to aid seeing what implements this").
func rustDocHidden(defs []defSpan, lines []analyze.SideLine) []defSpan {
	at := 0
	for i := range defs {
		if !defs[i].exported {
			continue
		}
		for at < len(lines) && lines[at].No < defs[i].line {
			at++
		}
		for k := at - 1; k >= 0; k-- {
			t := strings.TrimSpace(lines[k].Text)
			if !strings.HasPrefix(t, "#[") && !strings.HasPrefix(t, "//") {
				break // the item's attributes and doc comment are above it
			}
			if strings.HasPrefix(t, "#[doc(hidden)]") {
				defs[i].exported = false
				break
			}
		}
	}
	return defs
}

// braceFrame is a definition whose end has not been seen yet.
type braceFrame struct {
	def    int  // index into the scan's definitions
	depth  int  // brace depth outside the definition
	opened bool // its body's "{" has been seen
}

// declGroupRE is Go's "type (", "const (", ... whose parenthesis groups
// declarations rather than opening an expression.
var declGroupRE = gated(`^(?:type|const|var|import)\s*\($`, "(")

// scanBraceDefs follows definitions through a hunk by brace depth: a
// definition ends where the brace that opened its body closes, or, with
// no body, at the ";" or line end that ends its declaration. Each line's
// meaning (its norm) goes to the innermost definition around it, to its
// header up to the body's "{", to its body after.
func scanBraceDefs(m defMatcher, q quoteStyle, lines []analyze.SideLine) []defSpan {
	_, rust := m.(rustMatcher)
	var defs []defSpan
	var stack []braceFrame
	lx := newLexer(q)
	depth, group := 0, 0 // braces; parentheses and brackets
	for i, ln := range lines {
		lex := lx.line(ln.Text)
		code := lex.code
		trimmed := strings.TrimSpace(code)
		if !lex.inside && (len(stack) == 0 || stack[len(stack)-1].opened) {
			var in *defSpan // read only by m.def: no copy (13 MB of a backfill's allocations)
			if len(stack) > 0 {
				in = &defs[stack[len(stack)-1].def]
			}
			if d, ok := m.def(ln.Text, in); ok {
				d.line, d.end, d.sig = ln.No, ln.No, strings.TrimSpace(ln.Text)
				d.defChanged = ln.Changed && lex.norm != ""
				var internal bool
				d.docChanged, d.annotationChanged, d.callAnnotationChanged, internal = docAbove(lines, i, false, rust)
				d.exported = d.exported && !internal
				for _, f := range stack {
					defs[f.def].nested = true
				}
				defs = append(defs, d)
				stack = append(stack, braceFrame{def: len(defs) - 1, depth: depth})
			}
		}
		var top *braceFrame
		if n := len(stack); n > 0 {
			top = &stack[n-1]
			d := &defs[top.def]
			if rust && top.opened && strings.HasPrefix(trimmed, "#[cfg") {
				// Conditional compilation inside a body says on which
				// targets a statement is built, not what it does where it
				// was: tokio-rs/mio 4f93f84 added target_os = "horizon" to
				// the cfg of a field in Registry.try_clone.
				lex.norm = ""
			}
			if ln.Changed && lex.norm != "" && d.line != ln.No {
				if top.opened {
					d.bodyChanged = true
				} else {
					d.headerChanged = true
				}
			}
			for _, f := range stack {
				defs[f.def].end = ln.No
			}
		}
		if strings.HasSuffix(trimmed, "(") && declGroupRE.MatchString(trimmed) {
			// (The pattern ends in "($": most lines with a "(" do not.)
			if top != nil {
				defs[top.def].addNorm(top.opened, lex.norm)
			}
			continue
		}
		wasOpened := top != nil && top.opened
		braces := 0 // "{" seen on this line before the body's
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
				} else if top != nil && !top.opened {
					braces++
				}
			case '}':
				depth--
				for n := len(stack); n > 0; n = len(stack) {
					top := stack[n-1]
					if depth < top.depth || (top.opened && depth == top.depth) {
						defs[top.def].closed = top.opened && depth == top.depth
						stack = stack[:n-1]
						continue
					}
					break
				}
			case ';':
				if n := len(stack); n > 0 && !stack[n-1].opened && group == 0 && depth == stack[n-1].depth {
					// A declaration without a body. A function or method
					// declared so (a Rust trait's, a Java interface's, a
					// TypeScript overload or abstract method) is its
					// implementations' to test: Geal/nom af7d8fe's
					// `fn from_external_error(input: I, kind: ErrorKind, e:
					// E) -> Self;` was drafted untested (round 93, noise).
					if d := &defs[stack[n-1].def]; (d.kind == Func || d.kind == Method) && !strings.Contains(d.sig, "=") {
						d.abstract = true
					}
					stack = stack[:n-1]
				}
			}
		}
		if top != nil {
			d := &defs[top.def]
			switch {
			case wasOpened:
				d.addNorm(true, lex.norm)
			case top.opened: // the body opens on this line
				head, body := splitAtBrace(lex.norm, braces)
				d.addNorm(false, head)
				d.addNorm(true, body)
			default:
				d.addNorm(false, lex.norm)
			}
		}
		if n := len(stack); n > 0 && !stack[n-1].opened && group == 0 && !continuesLine(trimmed) && !continuedBy(lines, i+1, q) {
			stack = stack[:n-1] // `type X int`, `export const x = 1`
		}
	}
	return defs
}

// splitAtBrace cuts a line's norm before the "{" that opens the body,
// the one after skip others: "func F() {" and "return 1}" of a one-line
// "func F() { return 1 }".
func splitAtBrace(norm string, skip int) (head, body string) {
	for k := 0; k < len(norm); k++ {
		if norm[k] == '{' {
			if skip == 0 {
				return norm[:k], norm[k:]
			}
			skip--
		}
	}
	return norm, ""
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
func continuedBy(lines []analyze.SideLine, i int, q quoteStyle) bool {
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(stripCode(lines[i].Text, q))
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
// signature: #[non_exhaustive], @app.route). Annotations that change
// neither behaviour nor API (#[must_use], #[inline], @Override,
// @Deprecated) count as documentation. In Rust only ///, //!, /** and
// /*! comments are documentation: a plain comment between them and the
// definition is a note to readers of the code (time-rs/time 267d847a put
// "// https://www.benjoffe.com/fast-leap-year" under is_leap_year's doc
// tests, and the rewrite its doc tests and integration tests check was
// drafted untested; round 92, wrong). internal: a comment above says the
// item is no API (internalDocRE).
func docAbove(lines []analyze.SideLine, i int, python, rust bool) (docChanged, annotationChanged, callChanged, internal bool) {
	inBlock := false // between a block comment's "*/" and its "/*", read upwards
	for j := i - 1; j >= 0; j-- {
		t := strings.TrimSpace(lines[j].Text)
		if !python && !inBlock && strings.HasSuffix(t, "*/") && !strings.Contains(t, "/*") {
			inBlock = true
		}
		if inBlock {
			// A block comment's every line is its words, "@category
			// Utils" written without a leading "*" too: remix-run/
			// react-router f75c89fd9 rewrote createSearchParams' JSDoc,
			// whose old lines had none, and the tag read as a decorator
			// made a "new signature" (round 114, wrong).
			docChanged = docChanged || lines[j].Changed
			internal = internal || internalDoc(t)
			if strings.Contains(t, "/*") {
				inBlock = false
			}
			continue
		}
		switch {
		case t == "":
			return
		case rust && rustPlainComment(t):
			// Neither documentation nor the end of it.
			internal = internal || internalDoc(t)
		case python && strings.HasPrefix(t, "#"),
			!python && (strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*") || strings.HasPrefix(t, "*")):
			docChanged = docChanged || lines[j].Changed
			internal = internal || internalDoc(t)
		case strings.HasPrefix(t, "@") || strings.HasPrefix(t, "#["):
			if descriptiveAnnotation(t) {
				docChanged = docChanged || lines[j].Changed
			} else {
				annotationChanged = annotationChanged || lines[j].Changed
				callChanged = callChanged || lines[j].Changed && callAnnotation(t)
			}
		default:
			return
		}
	}
	return
}

// internalDocRE is a doc comment that says its item is no API, though
// the language makes it public: "Note: This function is not exposed by
// the `time` crate. It is an implementation detail." (time-rs/time
// fab40ada's range_validated functions, drafted untested: round 92,
// noise), JSDoc's @internal and @private, "for internal use only"; read
// by docAbove over a brace language's doc comment.
var internalDocRE = lazyregexp.New(`(?i)\b(?:an? implementation detail|not (?:be )?exposed (?:by|from|in|to)|not part of the public api|not a public api|private api|(?:for )?internal use(?: only)?\b)|@(?:internal|private)\b`)

// internalDoc reports whether comment line t says its item is no API
// (internalDocRE). Most doc lines hold none of its words: the expression
// is run only on those that do (it was a tenth of the hunk scan's time).
func internalDoc(t string) bool {
	for _, w := range [...]string{"detail", "expose", "api", "internal", "private"} {
		if analyze.ContainsFold(t, w) {
			return internalDocRE.MatchString(t)
		}
	}
	return false
}

// rustPlainComment reports whether a line of Rust is a comment that is no
// doc comment: // but not /// (//// is plain again) or //!, /* but not
// /** or /*!.
func rustPlainComment(t string) bool {
	switch {
	case strings.HasPrefix(t, "//"):
		return !(strings.HasPrefix(t, "///") && !strings.HasPrefix(t, "////") || strings.HasPrefix(t, "//!"))
	case strings.HasPrefix(t, "/*"):
		return !(strings.HasPrefix(t, "/**") && !strings.HasPrefix(t, "/**/") || strings.HasPrefix(t, "/*!"))
	}
	return false
}

// pyDecorators lists the decorators above the definition at lines[i],
// each without its trailing comment and spaces: a line changed only in
// its comment (a type checker's "# type: ignore[misc]", sqlalchemy/alembic
// f443584f's on nine @compiles(...) lines, drafted as nine signatures with
// code to test: round 77, noise) leaves them as they were.
func pyDecorators(lines []analyze.SideLine, i int) []string {
	var out []string
	for j := i - 1; j >= 0; j-- {
		t := strings.TrimSpace(lines[j].Text)
		switch {
		case strings.HasPrefix(t, "#"):
		case strings.HasPrefix(t, "@"):
			out = append(out, strings.Join(strings.Fields(withoutPyComment(t)), ""))
		default:
			return out
		}
	}
	return out
}

// withoutPyComment is a line of Python without its trailing comment.
func withoutPyComment(t string) string {
	var quote byte
	for k := 0; k < len(t); k++ {
		switch c := t[k]; {
		case quote != 0:
			if c == '\\' {
				k++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return t[:k]
		}
	}
	return t
}

// descriptiveAnnotations start the attributes and annotations that
// describe a definition to readers, linters and compilers without
// changing what it does or how it is called.
var descriptiveAnnotations = []string{
	// Rust
	"#[must_use", "#[inline", "#[allow(", "#[warn(", "#[deny(", "#[expect(", "#[forbid(", "#[doc",
	"#[deprecated", "#[track_caller", "#[cold", "#[cfg_attr(docsrs", "#[rustfmt::", "#[clippy::",
	// which builds have it, not what it does: uuid-rs/uuid 3df0aaa
	// "stabilize UUIDv6-v8 support" took #[cfg(uuid_unstable)] off four
	// functions, drafted untested (round 86, wrong)
	"#[cfg(",
	// Java and Kotlin
	"@Override", "@Deprecated", "@SuppressWarnings", "@Nullable", "@NonNull", "@Nonnull", "@NotNull",
	"@CheckForNull", "@SafeVarargs", "@FunctionalInterface", "@VisibleForTesting", "@CheckReturnValue",
	"@CanIgnoreReturnValue", "@Contract", "@API(", "@since",
	// Python
	"@overload", "@typing.overload", "@override", "@typing.override", "@typing_extensions.override",
	"@deprecated", "@typing_extensions.deprecated", "@warnings.deprecated",
}

// callAnnotations start the decorators and attributes that change how
// a definition is called or used: a method made a property, a class
// method or static, abstract; a context manager; a Rust type that callers
// may no longer build or match whole. A change of one is a change of the
// signature users read about; of any other (`#[cfg_attr(feature =
// "no-panic", no_panic)]` above dtolnay/itoa's Buffer::new, a cache,
// a route), of what the definition does at most.
var callAnnotations = []string{
	"@staticmethod", "@classmethod", "@property", "@cached_property", "@functools.cached_property",
	"@abstractmethod", "@abc.abstractmethod", "@contextmanager", "@contextlib.contextmanager",
	"@asynccontextmanager", "@contextlib.asynccontextmanager", "#[non_exhaustive",
}

// callAnnotation reports whether the annotation t changes how its
// definition is called (callAnnotations, or a property's setter,
// getter or deleter).
func callAnnotation(t string) bool {
	for _, p := range callAnnotations {
		if strings.HasPrefix(t, p) && (len(t) == len(p) || !isIdent(t[len(p)])) {
			return true
		}
	}
	return strings.HasPrefix(t, "@") && (strings.HasSuffix(t, ".setter") || strings.HasSuffix(t, ".getter") || strings.HasSuffix(t, ".deleter"))
}

func descriptiveAnnotation(t string) bool {
	for _, p := range descriptiveAnnotations {
		if strings.HasPrefix(t, p) {
			rest := t[len(p):]
			if rest == "" || !isIdent(rest[0]) || strings.HasSuffix(p, "(") {
				return true
			}
		}
	}
	return false
}

// quoteStyle is how a language writes string and character literals.
type quoteStyle struct {
	strings string // characters that open a one-line string
	// charLit: a single quote opens a character literal ('x', '\n') only
	// when one closes it right after; otherwise it is a Rust lifetime.
	charLit bool
	// multi opens and closes a string that may span lines: Go's raw
	// strings and JavaScript's template literals (`), Java's text blocks.
	multi string
	// unifyQuotes: 'x' and "x" are the same string (JavaScript).
	unifyQuotes bool
	// optionalSemicolons: a statement's closing ";" is layout.
	optionalSemicolons bool
	// rawRust: Rust's raw strings (r#"..."#), which may span lines.
	rawRust bool
	// regexLit: a slash where an operand starts opens a regular
	// expression literal (JavaScript's /^https?:\/\//i), whose "//" is no
	// comment.
	regexLit bool
}

// quotesOf returns how a brace language writes its literals.
func quotesOf(lang string) quoteStyle {
	switch lang {
	case analyze.LangGo:
		return quoteStyle{strings: `"`, charLit: true, multi: "`"}
	case analyze.LangJS:
		return quoteStyle{strings: `"'`, multi: "`", unifyQuotes: true, optionalSemicolons: true, regexLit: true}
	case analyze.LangJava:
		return quoteStyle{strings: `"`, charLit: true, multi: `"""`}
	default: // Rust
		return quoteStyle{strings: `"`, charLit: true, rawRust: true}
	}
}

// stripCode returns line without its string and character literals (their
// quotes stay, empty) and comments, so that braces inside them do not
// count. It reads the line alone: scanBraceDefs follows what spans lines.
func stripCode(line string, q quoteStyle) string {
	lx := newLexer(q)
	return lx.line(line).code
}

// pyFrame is a Python definition whose end has not been seen yet.
type pyFrame struct {
	def    int
	indent int
	// header: its ":" has not been seen yet. first: the next statement is
	// its first, a docstring if it is a string. doc: inside its docstring.
	// code: no statement of its code seen yet (a docstring is none).
	header, first, doc, code bool
}

var (
	pyDefRE   = gated(`^(\s*)(?:async\s+)?def\s+(\w+)\s*\(\s*(\w*)`, "def")
	pyClassRE = gated(`^(\s*)class\s+(\w+)\s*[(:]`, "class")
	// pyTypeBasesRE is a class that only declares a shape.
	pyTypeBasesRE = lazyregexp.New(`^\s*class\s+\w+\s*\((?:[\w.]*\.)?(?:Protocol|TypedDict|NamedTuple)\b`)
	pyDocRE       = lazyregexp.New(`^[rRuUbB]?("""|''')`)
	// pyNotImplementedRE is a statement that says a method is left to
	// subclasses (NotImplemented, the sentinel, is a common slip for it).
	pyNotImplementedRE = lazyregexp.New(`^raise\s+NotImplemented(?:Error)?\b`)
	// pyRecordDecoratorRE is a decorator that makes a class a record of
	// fields: dataclasses', attrs' (old and new names) and pydantic's.
	pyRecordDecoratorRE = lazyregexp.New(`^@(?:(?:[\w.]*\.)?dataclass|(?:attr|attrs)\.(?:s|attrs|define|frozen|mutable)|define|frozen)\b`)
)

// scanPythonDefs follows definitions by indentation: a definition ends
// before the next code line indented no deeper than its first line. Each
// line's meaning (its norm) goes to the innermost definition around it:
// to its header up to the ":" that ends it, to its body after; its
// docstring and comments to neither.
func scanPythonDefs(lines []analyze.SideLine) []defSpan {
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
		t := strings.TrimSpace(ln.Text)
		if inString != "" {
			closes := strings.Count(t, inString)%2 == 1
			if n := len(stack); n > 0 {
				top := &stack[n-1]
				markPython(&defs[top.def], top, ln)
				if !top.doc {
					defs[top.def].addNorm(!top.header, ln.Text) // a string's text, layout included
				}
				if closes {
					top.doc = false
				}
				extend(ln.No)
			}
			if closes {
				inString = ""
			}
			continue
		}
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		indent := len(ln.Text) - len(strings.TrimLeft(ln.Text, " \t"))
		statement := group == 0
		if statement {
			for len(stack) > 0 && indent <= stack[len(stack)-1].indent {
				defs[stack[len(stack)-1].def].closed = true // a statement after its body
				stack = stack[:len(stack)-1]
			}
			var in *defSpan // read only by pythonDef: no copy
			if len(stack) > 0 {
				in = &defs[stack[len(stack)-1].def]
			}
			// Without a comment after the code: pgjones/quart's `async def
			// save_session(  # type: ignore` over "self, app, ...", read
			// as a function without self, was "made public" when c6905c0
			// dropped the comment (round 160, wrong).
			head := strings.TrimRight(withoutPyComment(ln.Text), " \t\r")
			if strings.HasSuffix(head, "(") && i+1 < len(lines) {
				// A signature black wrapped: "def getitem(" over "self, obj,
				// ...". Its first parameter, on the next line, tells a
				// method from a function when no class is in view.
				head += strings.TrimSpace(lines[i+1].Text)
			}
			if d, ok := pythonDef(head, in); ok {
				d.line, d.end, d.sig = ln.No, ln.No, t
				d.defChanged = ln.Changed
				d.docChanged, d.annotationChanged, d.callAnnotationChanged, _ = docAbove(lines, i, true, false)
				d.decorators = pyDecorators(lines, i)
				if d.kind == Class && dataclassAbove(lines, i) {
					// Its fields are a shape; its methods are reported on
					// their own, as a class's.
					d.kind, d.record = Type, true
				}
				// An abstract method's code is its subclasses': keyring
				// ea2ef8c turned Credential.password's "return None" into
				// "...", drafted as a change to test (round 73, noise).
				d.abstract = decoratedAbove(lines, i, "abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod")
				if decoratedAbove(lines, i, "overload") {
					// A typing.overload stub declares one of the shapes the
					// function below it takes: it is not the function.
					d.exported, d.stub = false, true
				}
				for _, f := range stack {
					defs[f.def].nested = true
				}
				defs = append(defs, d)
				stack = append(stack, pyFrame{def: len(defs) - 1, indent: indent, header: true, code: true})
			}
		}
		opens := "" // a triple quote this line leaves open
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(t, q)%2 == 1 {
				opens = q
				break
			}
		}
		norm := normPython(t)
		headEnd := -1 // where in norm the header's ":" is
		depth := group
		for k, inStr := 0, byte(0); k < len(norm); k++ {
			c := norm[k]
			switch {
			case inStr != 0:
				if c == '\\' {
					k++
				} else if c == inStr {
					inStr = 0
				}
			case c == '"' || c == '\'':
				inStr = c
			case c == '(' || c == '[' || c == '{':
				depth++
			case c == ')' || c == ']' || c == '}':
				depth = max(depth-1, 0)
			case c == ':' && depth == 0 && headEnd < 0:
				headEnd = k
			}
		}
		group = depth
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			d := &defs[top.def]
			if top.first {
				top.first, top.doc = false, pyDocRE.MatchString(t)
				if t == "..." && !top.doc {
					d.stub = true
				}
			}
			markPython(d, top, ln)
			switch {
			case top.doc:
				// a docstring: documentation, not code
			case top.header && headEnd >= 0:
				d.addNorm(false, norm[:headEnd+1])
				body := strings.TrimSpace(norm[headEnd+1:])
				d.addNorm(true, body)
				top.header, top.first = false, body == ""
				if body == "..." || pyNotImplementedRE.MatchString(body) {
					d.stub = true
				}
				top.code = body == ""
			case top.header:
				d.addNorm(false, norm)
			default:
				if top.code {
					// A body that only raises NotImplementedError is a
					// base class's placeholder, its subclasses' code:
					// psf/cachecontrol bd94f7e fixed BaseCache's to raise
					// NotImplementedError rather than NotImplemented, drafted
					// as a change to test (round 76).
					top.code = false
					if pyNotImplementedRE.MatchString(t) {
						d.stub = true
					}
				}
				if statement {
					norm = strconv.Itoa(indent-top.indent) + "|" + norm
				}
				d.addNorm(true, norm)
			}
			if top.doc && opens == "" {
				top.doc = false // a one-line docstring
			}
			extend(ln.No)
		}
		inString = opens
	}
	return defs
}

// dataclassAbove reports a decorator above the definition on line i that
// makes a class a record of fields (@dataclass, attrs' @define,
// @attr.s, ...): its __init__ and comparisons are generated, nothing a
// test of the project exercises (astanin/python-tabulate 46c9fe3: "Add
// tests for DataRow", four annotated fields).
func dataclassAbove(lines []analyze.SideLine, i int) bool {
	for j := i - 1; j >= 0; j-- {
		t := strings.TrimSpace(lines[j].Text)
		if !strings.HasPrefix(t, "@") {
			return false
		}
		if pyRecordDecoratorRE.MatchString(t) {
			return true
		}
	}
	return false
}

// decoratedAbove reports one of the decorators names (bare, or the last
// part of a dotted one: @typing.overload, @abc.abstractmethod) among those
// above the definition on line i.
func decoratedAbove(lines []analyze.SideLine, i int, names ...string) bool {
	for j := i - 1; j >= 0; j-- {
		t := strings.TrimSpace(lines[j].Text)
		if !strings.HasPrefix(t, "@") {
			return false
		}
		for _, n := range names {
			if t == "@"+n || strings.HasSuffix(t, "."+n) {
				return true
			}
		}
	}
	return false
}

// markPython records a changed line against the definition it is in.
func markPython(d *defSpan, f *pyFrame, ln analyze.SideLine) {
	if !ln.Changed || d.line == ln.No {
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

// normPython is what a Python line means: without its comment, with its
// strings as written ('x' and "x" alike), layout left to normJoin.
func normPython(t string) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch c {
		case '#':
			return strings.TrimSpace(b.String())
		case '"', '\'':
			if strings.HasPrefix(t[i:], strings.Repeat(string(c), 3)) {
				b.WriteString(t[i:]) // a triple-quoted string: the rest is its text
				return b.String()
			}
			j := i + 1
			for j < len(t) && t[j] != c {
				if t[j] == '\\' {
					j++
				}
				j++
			}
			b.WriteByte('"')
			if j > len(t) {
				j = len(t)
			}
			b.WriteString(strings.ReplaceAll(t[i+1:j], `"`, `\"`))
			b.WriteByte('"')
			i = j
		default:
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(b.String())
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
			return defSpan{name: name, kind: Func, exported: public}, true
		case in == nil:
			method := m[3] == "self" || m[3] == "cls"
			return defSpan{name: name, kind: Method, exported: public && method}, true
		case in.kind == Class || in.record:
			return defSpan{name: in.typeName + "." + name, kind: Method, exported: public && in.exported}, true
		default:
			return defSpan{name: name, kind: Func}, true // nested: private
		}
	}
	if m := pyClassRE.FindStringSubmatch(text); m != nil {
		name, public := m[2], !strings.HasPrefix(m[2], "_")
		kind := Class
		if pyTypeBasesRE.MatchString(text) {
			kind = Type // a Protocol, TypedDict or NamedTuple declares a shape
		}
		switch {
		case in == nil && m[1] == "":
			return defSpan{name: name, kind: kind, exported: public, typeName: name}, true
		case in != nil && (in.kind == Class || in.record):
			q := in.typeName + "." + name
			return defSpan{name: q, kind: kind, exported: public && in.exported, typeName: q}, true
		default:
			return defSpan{name: name, kind: kind, typeName: name}, true
		}
	}
	return defSpan{}, false
}
