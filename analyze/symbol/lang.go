package symbol

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// goFuncRE: func Name(, func Name[T any](, func (r *Recv[T]) Name(.
	goFuncRE = gated(`^func\s*(?:\(\s*(?:\w+\s+)?\*?\s*(\w+)\s*(?:\[[^\]]*\])?\s*\)\s*)?(\w+)\s*[\[(]`, "func")
	goTypeRE = gated(`^type\s+(\w+)\b`, "type")
	// goGroupTypeRE is a type inside "type ( ... )".
	goGroupTypeRE = lazyregexp.New(`^\s+(\w+)\s*(?:\[[^\]]*\]\s*)?[=\w*\[({]`)
)

// goMatcher finds Go's top-level funcs, methods and types. Exported means
// capitalised; a method is exported when its receiver type is too.
type goMatcher struct {
	inTypeGroup bool // between "type (" and ")"
}

func (m *goMatcher) def(text string, in *defSpan) (defSpan, bool) {
	if in != nil {
		return defSpan{}, false // Go has no named definitions inside others
	}
	t := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(text, "type") && declGroupRE.MatchString(t):
		m.inTypeGroup = true
		return defSpan{}, false
	case t == ")" && !strings.HasPrefix(text, " ") && !strings.HasPrefix(text, "\t"):
		m.inTypeGroup = false
		return defSpan{}, false
	}
	if recv, name, ok := goFuncName(text); ok {
		if recv != "" {
			return defSpan{name: recv + "." + name, kind: Method, exported: isUpperStart(recv) && isUpperStart(name)}, true
		}
		return defSpan{name: name, kind: Func, exported: isUpperStart(name)}, true
	}
	if g := goTypeRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: g[1], kind: Type, exported: isUpperStart(g[1]), typeName: g[1]}, true
	}
	if m.inTypeGroup {
		if g := goGroupTypeRE.FindStringSubmatch(text); g != nil && !strings.HasPrefix(t, "//") {
			return defSpan{name: g[1], kind: Type, exported: isUpperStart(g[1]), typeName: g[1]}, true
		}
	}
	return defSpan{}, false
}

func isUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

var (
	jsExportFuncRE  = gated(`^\s*export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?function\b\s*\*?\s*([\w$]*)`, "export")
	jsExportClassRE = gated(`^\s*export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?class\b\s*([\w$]*)`, "export")
	jsExportTypeRE  = gated(`^\s*export\s+(?:declare\s+)?(?:interface|type|enum|const\s+enum|namespace)\s+([\w$]+)`, "export")
	jsExportConstRE = gated(`^\s*export\s+(?:declare\s+)?(?:const|let|var)\s+([\w$]+)`, "export")
	jsExportDefRE   = gated(`^\s*export\s+default\b`, "export")
	// jsCodeRE starts an expression that is code: an arrow function (its
	// parameters may continue on the next lines), a function or class.
	jsCodeRE  = lazyregexp.New(`^(?:\(|<|async\b|function\b|class\b|\w+\s*=>)`)
	jsFuncRE  = gated(`^\s*(?:async\s+)?function\b\s*\*?\s*([\w$]*)`, "function")
	jsClassRE = gated(`^\s*(?:abstract\s+)?class\s+([\w$]+)`, "class")
	// jsMemberRE is a method in a class body: modifiers, name, (type
	// parameters), "(".
	jsMemberRE = gated(`^\s*((?:(?:public|private|protected|static|async|readonly|override|abstract|get|set|declare)\s+)*)\*?\s*(#?[\w$]+)\s*(?:<[^>]*>)?\s*\(`, "(")
)

// jsValue reports whether the exported constant or default export on line
// text holds a value rather than code: VERSION = "1.2", default axios.
func jsValue(text string) bool {
	rest := text
	if k := strings.IndexByte(text, '='); k >= 0 {
		rest = text[k+1:]
	} else if k := strings.Index(text, "default"); k >= 0 {
		rest = text[k+len("default"):]
	}
	return !strings.Contains(text, "=>") && !jsCodeRE.MatchString(strings.TrimSpace(rest))
}

// jsKeywords start statements that look like calls.
func jsKeyword(s string) bool {
	switch s {
	case "if", "for", "while", "switch", "catch", "function", "return", "await", "typeof", "new",
		"do", "else", "with":
		return true
	}
	return false
}

// jsMatcher finds JavaScript and TypeScript exports: export function,
// class, const/let/var, TypeScript interface/type/enum, export default;
// and the public methods of exported classes ("Calc.div").
type jsMatcher struct{}

func (jsMatcher) def(text string, in *defSpan) (defSpan, bool) {
	if in != nil && in.kind == Class {
		if g := jsMemberRE.FindStringSubmatch(text); g != nil && !jsKeyword(g[2]) {
			private := strings.Contains(g[1], "private") || strings.Contains(g[1], "protected") ||
				strings.HasPrefix(g[2], "#") || strings.HasPrefix(g[2], "_")
			return defSpan{name: in.typeName + "." + g[2], kind: Method, exported: in.exported && !private}, true
		}
		return defSpan{}, false
	}
	name := func(n string) string {
		if n == "" {
			return "default"
		}
		return n
	}
	if g := jsExportFuncRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: name(g[1]), kind: Func, exported: true}, true
	}
	if g := jsExportClassRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: name(g[1]), kind: Class, exported: true, typeName: name(g[1])}, true
	}
	if g := jsExportTypeRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: g[1], kind: Type, exported: true}, true
	}
	if g := jsExportConstRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: g[1], kind: Const, exported: true, value: jsValue(text)}, true
	}
	if jsExportDefRE.MatchString(text) {
		return defSpan{name: "default", kind: Const, exported: true, value: jsValue(text)}, true
	}
	if g := jsFuncRE.FindStringSubmatch(text); g != nil && in == nil {
		return defSpan{name: name(g[1]), kind: Func}, true
	}
	if g := jsClassRE.FindStringSubmatch(text); g != nil && in == nil {
		return defSpan{name: g[1], kind: Class, typeName: g[1]}, true
	}
	return defSpan{}, false
}

const javaAnnotations = `(?:@[\w.]+(?:\([^)]*\))?\s+)*`

var (
	javaTypeRE   = gated(`^\s*`+javaAnnotations+`((?:(?:public|protected|private|abstract|static|final|sealed|non-sealed|strictfp)\s+)*)(?:class|interface|enum|record|@interface)\s+(\w+)`, "class", "interface", "enum", "record")
	javaMethodRE = gated(`^\s*`+javaAnnotations+`((?:(?:public|protected|private|abstract|static|final|synchronized|native|default|strictfp)\s+)*)(?:<[^>]+>\s+)?(?:([\w.$]+(?:<.*>)?(?:\[\])*)\s+)?(\w+)\s*\(`, "(")
)

// javaNotTypes are words that can precede a call in a statement.
func javaNotType(s string) bool {
	switch s {
	case "return", "new", "throw", "else", "case", "yield", "assert", "await", "if", "while", "for",
		"switch":
		return true
	}
	return false
}

// javaMatcher finds public classes, interfaces, enums and records, and the
// public methods and constructors in them ("Calc.div"). A method whose
// class the hunk does not show is named alone.
type javaMatcher struct{}

func (javaMatcher) def(text string, in *defSpan) (defSpan, bool) {
	if in != nil && in.kind != Class {
		return defSpan{}, false // inside a method body
	}
	if g := javaTypeRE.FindStringSubmatch(text); g != nil {
		public := strings.Contains(g[1], "public") && (in == nil || in.exported)
		name := g[2]
		if in != nil {
			name = in.typeName + "." + g[2]
		}
		return defSpan{name: name, kind: Class, exported: public, typeName: name}, true
	}
	g := javaMethodRE.FindStringSubmatch(text)
	if g == nil || javaNotType(g[2]) || javaNotType(g[3]) {
		return defSpan{}, false
	}
	switch {
	case g[2] == "" && (in == nil || g[3] != lastDotted(in.typeName)):
		return defSpan{}, false // a call, not a constructor
	case in == nil && g[1] == "":
		return defSpan{}, false // without modifiers and a class around it, most likely a statement
	}
	public := strings.Contains(g[1], "public") && (in == nil || in.exported)
	name := g[3]
	if in != nil {
		name = in.typeName + "." + g[3]
	}
	return defSpan{name: name, kind: Method, exported: public}, true
}

func lastDotted(s string) string {
	return s[strings.LastIndexByte(s, '.')+1:]
}

const rustVis = `(pub(?:\s*\([^)]*\))?\s+)?`

var (
	rustFnRE   = gated(`^\s*`+rustVis+`(?:default\s+)?(?:(?:const|async|unsafe|extern(?:\s+"[^"]*")?)\s+)*fn\s+(\w+)`, "fn")
	rustTypeRE = gated(`^\s*`+rustVis+`(struct|enum|trait|union|type)\s+(\w+)`, "struct", "enum", "trait", "union", "type")
	rustModRE  = gated(`^\s*`+rustVis+`mod\s+(\w+)`, "mod")
	rustImplRE = gated(`^\s*(?:unsafe\s+)?impl\b(.*)`, "impl")
	// rustMacroRE opens a macro by example. What its body spells out
	// (bitflags' `impl $PublicBitFlags { pub const fn empty() ... }`) is
	// a template: code only where a caller expands it.
	rustMacroRE = gated(`^\s*macro_rules!\s*(\w+)`, "macro_rules")
)

// rustMatcher finds pub fn, struct, enum, trait, union and type items;
// "pub(crate)" and the like are not public. A pub fn inside an impl is
// named by its type ("Stack.push").
type rustMatcher struct{}

func (rustMatcher) def(text string, in *defSpan) (defSpan, bool) {
	if in != nil && in.kind != impl && in.kind != Type && in.kind != mod {
		return defSpan{}, false // inside a function body
	}
	public := func(vis string) bool {
		return strings.TrimSpace(vis) == "pub" && (in == nil || in.exported || in.kind == impl)
	}
	if g := rustFnRE.FindStringSubmatch(text); g != nil {
		switch {
		case in != nil && in.kind == impl:
			return defSpan{name: in.typeName + "." + g[2], kind: Method, exported: public(g[1])}, true
		case in != nil && in.kind == Type: // a trait's method: public with the trait
			return defSpan{name: in.typeName + "." + g[2], kind: Method, exported: in.exported}, true
		}
		return defSpan{name: g[2], kind: Func, exported: public(g[1])}, true
	}
	if g := rustTypeRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: g[3], kind: Type, exported: public(g[1]), typeName: g[3]}, true
	}
	if g := rustModRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: g[2], kind: mod, exported: public(g[1])}, true
	}
	if g := rustMacroRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: "macro " + g[1], kind: macro}, true
	}
	if g := rustImplRE.FindStringSubmatch(text); g != nil && in == nil {
		if name := rustImplType(g[1]); name != "" {
			return defSpan{name: "impl " + name, kind: impl, typeName: name}, true
		}
	}
	return defSpan{}, false
}

// rustPrivateMethods unexports the pub methods of the types defs define
// without pub (pub(crate) included): nothing outside the crate can name
// the type, so nothing there calls its methods (dtolnay/thiserror
// 78d6bd6: `pub fn new` of a `pub(crate) struct IdentUnraw` is no exported
// code). A type the lines do not define keeps its methods as they are.
func rustPrivateMethods(defs []defSpan) []defSpan {
	private := rustPrivateTypes(defs)
	for i, d := range defs {
		if typ, _, ok := strings.Cut(d.name, "."); ok && d.kind == Method && d.exported && private[typ] {
			defs[i].exported = false
		}
	}
	return defs
}

// rustPrivateTypes names the types defs define without pub and never
// with it (another definition, a cfg variant, may be public).
func rustPrivateTypes(defs []defSpan) map[string]bool {
	private := map[string]bool{}
	for _, d := range defs {
		if d.kind == Type && d.typeName != "" {
			private[d.typeName] = private[d.typeName] || !d.exported
		}
	}
	for _, d := range defs {
		if d.kind == Type && d.exported {
			delete(private, d.typeName)
		}
	}
	return private
}

// rustImplType names the type of "impl<T> Trait for path::Type<T> {".
func rustImplType(rest string) string {
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "<") { // the impl's own type parameters
		depth := 0
		for i, c := range rest {
			if c == '<' {
				depth++
			} else if c == '>' {
				if depth--; depth == 0 {
					rest = rest[i+1:]
					break
				}
			}
		}
	}
	if k := strings.LastIndex(rest, " for "); k >= 0 {
		rest = rest[k+len(" for "):]
	}
	rest = strings.TrimLeft(strings.TrimSpace(rest), "&*")
	for _, p := range []string{"mut ", "const ", "dyn "} {
		rest = strings.TrimPrefix(rest, p)
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return !(r == '_' || r == ':' || unicode.IsLetter(r) || unicode.IsDigit(r)) })
	if end >= 0 {
		rest = rest[:end]
	}
	return rest[strings.LastIndex(rest, ":")+1:]
}
