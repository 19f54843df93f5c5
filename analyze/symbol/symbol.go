package symbol

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// Symbol is an exported definition (function, method, type, class,
// constant) that a diff adds, changes or removes.
type Symbol struct {
	// Name is the definition's name; a method carries its type or class:
	// "Calc.Div". An anonymous default export is "default".
	Name string
	// Kind is "func", "method", "type", "class" or "const".
	Kind   string
	Change Change
	// Line and EndLine are the first and last lines of the definition that
	// the diff shows, in the new file; in the old file for Removed.
	// EndLine falls short of the real end when a hunk ends inside the body.
	// Read whole (Go, with both sides at hand), they span the definition.
	Line, EndLine int
	// Signature is the definition's first line, trimmed (the old one for
	// Removed); OldSignature is the old first line when it changed.
	Signature    string
	OldSignature string
	// DocChanged says that the diff touches the symbol's doc comment (the
	// comment lines above it, or a Python docstring).
	DocChanged bool
	// TypesOnly says that only type annotations changed (Python and
	// TypeScript annotations, Rust's types and bounds): no parameter,
	// result or statement came or went. SigTypesOnly says so of the
	// signature alone, whatever the body did.
	TypesOnly, SigTypesOnly bool
	// AnnotationOnly says that the signature "changed" only by an
	// attribute or decorator above it that changes what the definition
	// does, not how it is called: its own lines are the same.
	AnnotationOnly bool
	// Compatible says that the signature changed in a way no caller
	// notices: a parameter appended that callers may leave out (a Go
	// variadic one, a Python or JavaScript one with a default).
	Compatible bool
	// TextOnly says that only the text of string literals changed (a
	// message, a link): code inside strings is not code.
	TextOnly bool
	// Value says a constant holds a value, not code (export const
	// VERSION = "1.2"): nothing to test, and its value is not its
	// signature.
	Value bool
	// Stub says the definition declares a shape and holds no code: a
	// Python overload or protocol method whose body is "...".
	Stub bool
	// Abstract says a Python method is decorated abstract
	// (@abc.abstractmethod, @abstractproperty): subclasses give its code.
	Abstract bool
	// Accessor says a method only reads its receiver's state. In Go, read
	// from the syntax tree: its body is one return of fields (a
	// comparison, a len), under the receiver's lock at most; or a
	// function only hands its parameters on to another package's function
	// or a field's method (isPassThrough). In the
	// languages read from the hunks, when the hunk shows it whole: a body
	// that only returns one field of self or this.
	Accessor bool
	// Exposed, on an Added symbol, says the old side defines it too, not
	// exported: a visibility change made it part of the API (square/
	// retrofit d6eac54 made OptionalConverterFactory public), which
	// prose must not call added.
	Exposed bool
	// RenamedFrom, on a symbol of change Renamed, is its old name;
	// RenamedTo, on a Removed one, its new name.
	RenamedFrom, RenamedTo string
}

// Change says how a diff touched a symbol.
type Change string

// Ways a diff touches a symbol.
const (
	// Added: the definition is new (or newly exported).
	Added Change = "added"
	// BodyChanged: code inside the definition changed, its header did not.
	BodyChanged Change = "changed"
	// SignatureChanged: its header changed (parameters, results,
	// modifiers, annotations or decorators, or a type's definition line).
	SignatureChanged Change = "signature"
	// Removed: the definition is gone (deleted, renamed or unexported).
	Removed Change = "removed"
	// Renamed: the definition is an old one under a new name, and nothing
	// else about it changed.
	Renamed Change = "renamed"
)

// Kinds of symbol.
const (
	Func   = "func"
	Method = "method"
	Type   = "type"
	Class  = "class"
	Const  = "const"
	// impl is a Rust impl block and mod a Rust module: not symbols,
	// but they decide the names and visibility of the definitions inside.
	impl = "impl"
	mod  = "mod"
	// macro is a Rust macro_rules! definition: what its body spells out
	// is a template the macro's callers expand, defining nothing itself.
	macro = "macro"
)

// Changed returns the exported symbols a file diff adds, changes or
// removes, in the order the new file shows them, removed ones last. It
// reads only what the diff shows: a change deep inside a long function,
// whose first line is outside every hunk, cannot be named and is left out
// (a Python method whose class the hunk does not show is named by the
// class the hunk's section names, when it names one). Changes
// to comments, docstrings and layout alone are no change; a definition
// renamed and otherwise unchanged is Renamed (its old name Removed, with
// RenamedTo).
func Changed(f *analyze.FileDiff) []Symbol {
	if f == nil || f.Binary {
		return nil
	}
	var newDefs, oldDefs []defSpan
	if lang := analyze.SourceLanguage(f.NewPath); lang != "" {
		for _, h := range f.Hunks {
			newDefs = append(newDefs, inSectionClass(lang, h.Section, scanDefs(lang, analyze.SideOfHunk(h, analyze.Added)))...)
		}
	}
	if lang := analyze.SourceLanguage(f.OldPath); lang != "" {
		for _, h := range f.Hunks {
			oldDefs = append(oldDefs, inSectionClass(lang, h.Section, scanDefs(lang, analyze.SideOfHunk(h, analyze.Removed)))...)
		}
	}
	syms := mergeSymbols(typeStripper(f.Path()), optionalParam(f.Path()), paramNamesDropper(f.Path()), exportedDefs(newDefs), exportedDefs(oldDefs))
	markExposed(syms, oldDefs)
	if analyze.SourceLanguage(f.NewPath) == analyze.LangJS {
		valuesHaveNoSignature(syms)
	}
	return pairExposingRenames(syms, newDefs, oldDefs)
}

// valuesHaveNoSignature makes the changed declaration line of a
// JavaScript binding that holds no function a changed value, not a new
// signature: sveltejs/kit bbd1e2f gave `export let read_implementation =
// null` an initializer that restores it, and "read_implementation with a
// new signature" was drafted of a variable (round 113, wrong).
func valuesHaveNoSignature(syms []Symbol) {
	for i := range syms {
		s := &syms[i]
		sig := jsBlockCommentRE.ReplaceAllString(s.Signature, " ") // a JSDoc cast's `=>` is a type's
		if s.Kind == Const && s.Change == SignatureChanged && !jsFunctionValueRE.MatchString(sig) {
			s.Change = BodyChanged
		}
	}
}

// jsFunctionValueRE is a binding whose value is a function: an arrow, a
// function or class expression.
var jsBlockCommentRE = lazyregexp.New(`/\*.*?\*/`)

var jsFunctionValueRE = lazyregexp.New(`=>|=\s*(?:async\s+)?function\b|=\s*class\b|\)\s*(?::[^=]*)?\{\s*$`)

// pySectionClassRE is a hunk's section that is a Python class statement:
// git's default function-name rule takes the last line above the hunk
// that starts at the left margin, which for a method is its class's.
var pySectionClassRE = lazyregexp.New(`^class\s+(\w+)`)

// inSectionClass names the Python methods of one hunk that the hunk shows
// outside any class by the class its section names. Named alone, the
// methods of one name in several classes were one symbol: python-hyper/
// hyperframe 72a6db5 annotated every frame class's serialize_body, and
// PingFrame's changed message made Frame's a signature change to test
// (round 76, noise).
func inSectionClass(lang, section string, defs []defSpan) []defSpan {
	if lang != analyze.LangPython {
		return defs
	}
	m := pySectionClassRE.FindStringSubmatch(section)
	if m == nil {
		return defs
	}
	class, public := m[1], !strings.HasPrefix(m[1], "_")
	for i := range defs {
		if defs[i].kind == Method && !strings.Contains(defs[i].name, ".") {
			defs[i].name = class + "." + defs[i].name
			defs[i].exported = defs[i].exported && public
		}
	}
	return defs
}

// pairExposingRenames marks an added symbol renamed when the old side
// defines, unexported, the same definition under another name: a private
// function made public by its rename, its body as it was (pypa/
// setuptools_scm 3565096 "s/_strip_local/strip_local/", drafted as
// strip_local added, round 72). It needs no test a private one did not.
func pairExposingRenames(syms []Symbol, newDefs, oldDefs []defSpan) []Symbol {
	for i := range syms {
		if syms[i].Change != Added || syms[i].Exposed {
			continue
		}
		k := slices.IndexFunc(newDefs, func(d defSpan) bool { return d.name == syms[i].Name })
		if k < 0 || len(newDefs[k].body) == 0 {
			continue // a one-line declaration says too little to be sure
		}
		masked := maskedDef(newDefs[k], syms[i].Name)
		for _, o := range oldDefs {
			if !o.exported && o.kind == newDefs[k].kind && receiverOf(o.name) == receiverOf(syms[i].Name) && maskedDef(o, o.name) == masked {
				syms[i].Change, syms[i].RenamedFrom = Renamed, o.name
				break
			}
		}
	}
	return syms
}

// markExposed marks the added symbols that the old side defines under the
// same name, unexported.
func markExposed(syms []Symbol, oldDefs []defSpan) {
	for i := range syms {
		if syms[i].Change != Added {
			continue
		}
		for _, d := range oldDefs {
			if !d.exported && d.name == syms[i].Name && d.kind == syms[i].Kind {
				syms[i].Exposed = true
				break
			}
		}
	}
}

// defSpan is one definition as one side of one hunk shows it.
type defSpan struct {
	name     string // qualified: "Calc.Div"
	kind     string
	exported bool
	// typeName qualifies the definitions inside a class, impl or type.
	typeName  string
	sig       string
	line, end int
	// defChanged: the first line is a changed line. headerChanged: another
	// line of the header is (continuation lines up to the body's opening,
	// annotations and decorators above). bodyChanged: a code line inside
	// the body is. docChanged: a line of its doc comment is.
	defChanged, headerChanged, bodyChanged, docChanged bool
	// annotationChanged: an annotation, attribute or decorator above it
	// that changes what it does or how it is called changed;
	// callAnnotationChanged: one that changes how it is called.
	annotationChanged, callAnnotationChanged bool
	// decorators: a Python definition's decorators, comments left out
	// (pyDecorators), to tell a changed decorator from a changed comment.
	decorators []string
	// head and body are the norms (see lexLine) of the lines the side
	// shows of its header and of its own body (not of definitions inside
	// it): equal on both sides, the definition did not change.
	head, body []string
	// heads are the headers of each definition a group of one name holds
	// (groupDefs), when it holds more than one: head joins them.
	heads [][]string
	// headsChanged says, for each of heads, whether that definition's
	// first line is a changed line (one added or removed whole).
	headsChanged []bool
	// value: a constant whose value is not code. stub: a body of "...".
	value, stub bool
	// abstract: a Python method decorated abstract, or a function or
	// method declared without a body (Symbol.Abstract).
	abstract bool
	// record: a Python class a record decorator makes (@dataclass), kind
	// Type, whose methods are still a class's.
	record bool
	// closed: the side shows where its body ends. nested: a definition
	// starts inside it (whose lines are not in body).
	closed, nested bool
}

// fieldGetterRE is a body that only hands out one field of the object, as
// the norms of its lines join (normJoin): Rust's "{self.name}" (or
// &self.name, or the field asked whether it is empty, or compared with a
// literal, as Go's accessors may: bitflags ac67dea's is_named,
// "{self.name!=""}", then 635fb14's "{!self.name.is_empty()}"),
// JavaScript's and Java's "{return this.name;}" or "{return name;}",
// Python's "4|return self._name".
var fieldGetterRE = lazyregexp.New(`^(?:\{!?&?self\.[A-Za-z_]\w*(?:\.(?:is_empty|len|is_some|is_none)\(\))?(?:(?:==|!=|<=|>=|<|>)(?:""|\d+|true|false))?\}|\{return (?:this\.#?)?[A-Za-z_$][\w$]*;?\}|\d+\|return self\.[A-Za-z_]\w*)$`)

// delegationRE is a body that only passes its call on to the method of the
// same name of a field, with names alone for arguments: Java's
// "{delegate.sort(c);}" or "{return delegate.spliterator();}" (gson
// 9d5d6a8), Rust's "{self.inner.len()}", Python's
// "4|return self._list.index(x)". Group 1 is the method called.
var delegationRE = lazyregexp.New(`^(?:\{(?:return )?(?:(?:this|self)\.)?#?[A-Za-z_$][\w$]*\.([A-Za-z_$][\w$]*)\((?:[A-Za-z_$][\w$]*(?:,[A-Za-z_$][\w$]*)*)?\);?\}|\d+\|return self\.[A-Za-z_]\w*\.([A-Za-z_]\w*)\((?:\w+(?:,\s*\w+)*)?\))$`)

// fieldsConstructorRE is a Rust body that only builds its type from its
// parameters, a field each: "{Flag{name,value}}", "{Self{inner:v}}"
// (bitflags 26f51db's `pub const fn new(name, value) -> Self { Flag {
// name, value } }`, drafted untested; round 84, noise).
var fieldsConstructorRE = lazyregexp.New(`^\{(?:Self|[A-Z]\w*)\{[a-z_]\w*(?::[a-z_]\w*)?(?:,[a-z_]\w*(?::[a-z_]\w*)?)*,?\}\}$`)

// constantBodyRE is a body that only hands back a constant: Rust's
// "{Ok(())}" (dtolnay/syn 18702620 added three `require_empty` methods
// that return `Ok(())` and nothing else, each drafted untested; round 120,
// noise), "{true}", JavaScript's and Java's "{return null;}", Python's
// "4|return None".
var constantBodyRE = lazyregexp.New(`^(?:\{(?:return )?(?:Ok\(\(\)\)|\(\)|None|Ok\(None\)|true|false|Ok\(true\)|Ok\(false\)|null|undefined|-?\d+|"");?\}|\d+\|return (?:None|True|False|-?\d+|""|''))$`)

// accessor reports a definition the side shows whole whose body only hands
// out a field or a constant, passes the call on to a field's method of the
// same name, or builds its type from its parameters (Symbol.Accessor):
// nothing of its own to test.
func (d *defSpan) accessor() bool {
	if !d.closed || d.nested {
		return false
	}
	body := normJoin(d.body)
	// Go's bodies are read whole by go/parser (isNoOp and the accessor
	// rules of gosrc.go); its hunks, read here when the file cannot be,
	// keep the rules they had.
	goFunc := strings.HasPrefix(strings.TrimSpace(d.sig), "func ")
	if fieldGetterRE.MatchString(body) || fieldsConstructorRE.MatchString(body) || !goFunc && constantBodyRE.MatchString(body) {
		return true
	}
	m := delegationRE.FindStringSubmatch(body)
	return m != nil && d.name[strings.LastIndexByte(d.name, '.')+1:] == m[1]+m[2]
}

func (d *defSpan) addNorm(body bool, norm string) {
	if norm == "" {
		return
	}
	if body {
		d.body = append(d.body, norm)
	} else {
		d.head = append(d.head, norm)
	}
}

func exportedDefs(defs []defSpan) []defSpan {
	var out []defSpan
	for _, d := range defs {
		if d.exported && d.kind != impl && d.kind != mod {
			out = append(out, d)
		}
	}
	return out
}

// mergeSymbols pairs the definitions of the two sides by name. A first
// line that is context appears on both sides; a changed one on one side
// (new or removed definition) or both (changed signature). What the two
// sides show of a definition, compared by meaning, decides whether it
// changed at all.
func mergeSymbols(strip func(head, body []string) (string, string), optionalParams func(string) bool, dropNames func(string) string, newDefs, oldDefs []defSpan) []Symbol {
	newBy, newOrder := groupDefs(newDefs)
	oldBy, oldOrder := groupDefs(oldDefs)
	var out []Symbol
	for _, name := range newOrder {
		n := newBy[name]
		o, hasOld := oldBy[name]
		s := Symbol{Name: name, Kind: n.kind, Line: n.line, EndLine: n.end, Signature: n.sig, DocChanged: n.docChanged,
			Value: n.value, Stub: n.stub, Abstract: n.abstract, Accessor: n.accessor()}
		if n.defChanged && (!hasOld || !o.defChanged) {
			s.Change = Added
			out = append(out, s)
			continue
		}
		if !hasOld {
			if n.headerChanged || n.bodyChanged {
				s.Change = BodyChanged // the old side does not show it: trust the new
				if n.headerChanged {
					s.Change = SignatureChanged
				}
				out = append(out, s)
			}
			continue
		}
		s.DocChanged = s.DocChanged || o.docChanged
		s.Stub = s.Stub || o.stub
		s.Abstract = s.Abstract || o.abstract
		o = withoutRemovedNamesakes(o, n)
		oh, nh, ob, nb := normJoin(o.head), normJoin(n.head), normJoin(o.body), normJoin(n.body)
		arrowBody := false // the headers' expression bodies moved to the bodies
		if osig, obody, ok := arrowSplit(oh); ok {
			if nsig, nbody, ok := arrowSplit(nh); ok && osig == nsig && obody != nbody {
				arrowBody = true
				// An arrow function's expression body is on its header's
				// lines, and a change there is the body's: eemeli/yaml
				// a2fe9cc's isNode tested two more classes, and was
				// drafted "with a new signature" (round 124, wrong).
				oh, nh, ob, nb = osig, nsig, ob+obody, nb+nbody
			}
		}
		annotation := n.annotationChanged || o.annotationChanged
		if annotation && len(n.decorators) > 0 && slices.Equal(n.decorators, o.decorators) {
			annotation = false // only a comment on a decorator's line changed
		}
		if !annotation && (oh != nh || ob != nb) && renamedLocals(oh, nh, ob, nb, dropNames != nil) {
			continue // the same code with its own names renamed (localrename.go)
		}
		if dropNames != nil && oh != nh && dropNames(oh) == dropNames(nh) {
			nh = oh // only parameters' names: no call changes
		}
		if oh != nh && withoutObjectBase(oh) == withoutObjectBase(nh) {
			nh = oh // Python 3's classes all derive from object
		}
		headDiff, bodyDiff := oh != nh || annotation, ob != nb
		// A difference that vanishes without type annotations is one of
		// types alone.
		var headTypes, bodyTypes bool
		if strip != nil && (headDiff || bodyDiff) {
			soh, sob := stripDef(strip, o)
			snh, snb := stripDef(strip, n)
			if arrowBody {
				if sig, body, ok := arrowSplit(soh); ok {
					soh, sob = sig, sob+body
				}
				if sig, body, ok := arrowSplit(snh); ok {
					snh, snb = sig, snb+body
				}
			}
			headTypes = headDiff && !annotation && soh == snh
			bodyTypes = bodyDiff && sob == snb
		}
		switch {
		case headDiff:
			s.Change, s.SigTypesOnly = SignatureChanged, headTypes
			s.AnnotationOnly = annotation && oh == nh && !n.callAnnotationChanged && !o.callAnnotationChanged
			s.TypesOnly = headTypes && (!bodyDiff || bodyTypes)
			s.Compatible = !annotation && compatibleParams(typeStripperOrJoin(strip, o.head), typeStripperOrJoin(strip, n.head), optionalParams)
		case bodyDiff:
			s.Change, s.TypesOnly = BodyChanged, bodyTypes
			s.TextOnly = !bodyTypes && blankStrings(ob) == blankStrings(nb)
		default:
			continue // untouched context, layout, or only comments and docs
		}
		if s.Change == SignatureChanged && n.defChanged && normSpace(o.sig) != normSpace(n.sig) {
			s.OldSignature = o.sig
		}
		if s.Value {
			s.Change = BodyChanged // a constant's value is not its signature
		}
		out = append(out, s)
	}
	for _, name := range oldOrder {
		o := oldBy[name]
		if _, ok := newBy[name]; ok || !o.defChanged {
			continue
		}
		out = append(out, Symbol{Name: name, Kind: o.kind, Change: Removed, Line: o.line, EndLine: o.end, Signature: o.sig,
			DocChanged: o.docChanged, Value: o.value, Stub: o.stub})
	}
	return pairRenames(out, newBy, oldBy)
}

// pairRenames finds, among the added and removed symbols, those that are
// one definition under a new name: the same kind, in the same type, and
// the same text but for the name.
// maskedDef is what a definition says with its own name masked: two that
// are equal so are the same definition under two names.
func maskedDef(d defSpan, name string) string {
	bare := name[strings.LastIndexByte(name, '.')+1:]
	return normJoin(append([]string{replaceWord(normJoin(d.head), bare, "\x00")}, d.body...))
}

func pairRenames(syms []Symbol, newBy, oldBy map[string]defSpan) []Symbol {
	masked := maskedDef
	for i := range syms {
		if syms[i].Change != Added {
			continue
		}
		n := newBy[syms[i].Name]
		if len(n.body) == 0 && !n.value {
			continue // a one-line declaration says too little to be sure
		}
		for j := range syms {
			o := syms[j]
			if o.Change != Removed || o.RenamedTo != "" || o.Kind != syms[i].Kind || receiverOf(o.Name) != receiverOf(syms[i].Name) {
				continue
			}
			if masked(oldBy[o.Name], o.Name) == masked(n, syms[i].Name) {
				syms[i].Change, syms[i].RenamedFrom = Renamed, o.Name
				syms[j].RenamedTo = syms[i].Name
				break
			}
		}
	}
	return syms
}

// groupDefs merges the definitions of one side that share a name (one
// function seen in two hunks, Java overloads) and keeps their order.
// withoutRemovedNamesakes is the old side's group o of a name as the new
// side's one definition n, whose first line the diff kept, compares with
// it: without the definitions of that name the commit removed whole,
// which were others' (rust-lang/flate2-rs 3ea8c3d removed a test module's
// `BlockingCursor::new` in a hunk below GzDecoder's `new`, grouped with it
// by name, and "Update the docs for the changed GzDecoder.new signature"
// was drafted of a signature the commit kept: round 111, wrong).
func withoutRemovedNamesakes(o, n defSpan) defSpan {
	if len(o.heads) < 2 || len(n.heads) > 0 || n.defChanged {
		return o
	}
	var kept [][]string
	for i, h := range o.heads {
		if !o.headsChanged[i] {
			kept = append(kept, h)
		}
	}
	if len(kept) != 1 {
		return o
	}
	o.head, o.heads, o.headsChanged = kept[0], nil, nil
	return o
}

func groupDefs(defs []defSpan) (map[string]defSpan, []string) {
	by := map[string]defSpan{}
	var order []string
	for _, d := range defs {
		g, ok := by[d.name]
		if !ok {
			by[d.name] = d
			order = append(order, d.name)
			continue
		}
		// The line is the signature's: the evidence quotes one at the
		// other (square/javapoet a03c978 added writeTo(Path, Charset)
		// below writeTo(Path), and the symbol cited the first's line with
		// the second's signature).
		// The lines cited are the one definition's the line names, not
		// from the first to the last of the group: tokio-rs/mio 3d6a47b
		// cited "IoSourceState.register (lines 50-77)", the register of
		// a #[cfg(not(windows))] impl (50-58) up to the first line of
		// the #[cfg(windows)] one's.
		if d.defChanged && !g.defChanged {
			g.sig, g.kind, g.line, g.end = d.sig, d.kind, d.line, d.end
		}
		g.defChanged = g.defChanged || d.defChanged
		g.headerChanged = g.headerChanged || d.headerChanged
		g.bodyChanged = g.bodyChanged || d.bodyChanged
		g.docChanged = g.docChanged || d.docChanged
		g.annotationChanged = g.annotationChanged || d.annotationChanged
		g.decorators = append(g.decorators[:len(g.decorators):len(g.decorators)], d.decorators...)
		g.callAnnotationChanged = g.callAnnotationChanged || d.callAnnotationChanged
		if g.heads == nil {
			g.heads = [][]string{g.head[:len(g.head):len(g.head)]}
			g.headsChanged = []bool{by[d.name].defChanged}
		}
		g.heads = append(g.heads, d.head)
		g.headsChanged = append(g.headsChanged, d.defChanged)
		g.head = append(g.head[:len(g.head):len(g.head)], d.head...)
		g.body = append(g.body[:len(g.body):len(g.body)], d.body...)
		g.value = g.value && d.value
		g.stub = g.stub && d.stub
		by[d.name] = g
	}
	return by, order
}

// stripDef is strip of d's header and body, each header of a group on its
// own: a stripper reads one parameter list, and one name may stand for
// several definitions (httpx's Client.request and AsyncClient.request in
// one file, whose hunks do not show their classes: encode/httpx 359f77d4).
func stripDef(strip func(head, body []string) (string, string), d defSpan) (string, string) {
	if len(d.heads) < 2 {
		return strip(d.head, d.body)
	}
	_, body := strip(nil, d.body)
	heads := make([]string, len(d.heads))
	for i, h := range d.heads {
		heads[i], _ = strip(h, nil)
	}
	return strings.Join(heads, "\n"), body
}

func normSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// replaceWord replaces the first whole-word w in s.
func replaceWord(s, w, with string) string {
	k := analyze.IndexWord(s, w)
	if k < 0 {
		return s
	}
	return s[:k] + with + s[k+len(w):]
}

// blankStrings empties the string literals of a joined norm.
func blankStrings(norm string) string {
	var b strings.Builder
	for i := 0; i < len(norm); i++ {
		c := norm[i]
		b.WriteByte(c)
		if c != '"' && c != '`' {
			continue
		}
		for i++; i < len(norm) && norm[i] != c; i++ {
			if norm[i] == '\\' {
				i++
			}
		}
		if i < len(norm) {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// objectBaseRE is a Python class header whose bases say only what every
// class of Python 3 is: `class Cleaner(object):`, `class Cleaner():`.
var objectBaseRE = lazyregexp.New(`^class\s+(\w+)\s*\(\s*(?:object\s*,?\s*)?\)\s*:`)

// withoutObjectBase is head with such bases dropped (mozilla/bleach
// 4d8a2e0 "drop object from class definitions" drafted tests for three
// classes it left as they were).
func withoutObjectBase(head string) string {
	if !strings.HasPrefix(head, "class") {
		return head
	}
	// A Generic[...] base is for the type checker alone: davidhalter/parso
	// 6a4bb35 made `class DFAState(object)` `class DFAState(Generic[_T])`
	// with annotations, and drafted a test for it (round 85, noise).
	head = genericBaseRE.ReplaceAllString(head, "")
	head = strings.Replace(head, "(,", "(", 1)
	return objectBaseRE.ReplaceAllString(head, "class $1:")
}

// genericBaseRE is a typing.Generic base in a Python class header, with
// the comma before it.
var genericBaseRE = lazyregexp.New(`,?\s*(?:typing\.)?Generic\[[^\]]*\]`)

// arrowSplit splits the norm of an arrow function's header at the "=>"
// after its parameters: its signature, and the expression body a header
// holds. ok is false for a header with no such arrow.
func arrowSplit(h string) (sig, body string, ok bool) {
	open := strings.IndexByte(h, '(')
	if open < 0 {
		return "", "", false
	}
	depth := 0
	for i := open; i < len(h); i++ {
		switch h[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '=':
			if depth == 0 && i+1 < len(h) && h[i+1] == '>' {
				return h[:i+2], h[i+2:], true
			}
		}
	}
	return "", "", false
}
