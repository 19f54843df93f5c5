package analyze

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// goFuncRE: func Name(, func Name[T any](, func (r *Recv[T]) Name(.
	goFuncRE = regexp.MustCompile(`^func\s*(?:\(\s*(?:\w+\s+)?\*?\s*(\w+)\s*(?:\[[^\]]*\])?\s*\)\s*)?(\w+)\s*[\[(]`)
	goTypeRE = regexp.MustCompile(`^type\s+(\w+)\b`)
	// goGroupTypeRE is a type inside "type ( ... )".
	goGroupTypeRE = regexp.MustCompile(`^\s+(\w+)\s*(?:\[[^\]]*\]\s*)?[=\w*\[({]`)
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
	if g := goFuncRE.FindStringSubmatch(text); g != nil {
		if g[1] != "" {
			return defSpan{name: g[1] + "." + g[2], kind: symMethod, exported: isUpperStart(g[1]) && isUpperStart(g[2])}, true
		}
		return defSpan{name: g[2], kind: symFunc, exported: isUpperStart(g[2])}, true
	}
	if g := goTypeRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: g[1], kind: symType, exported: isUpperStart(g[1]), typeName: g[1]}, true
	}
	if m.inTypeGroup {
		if g := goGroupTypeRE.FindStringSubmatch(text); g != nil && !strings.HasPrefix(t, "//") {
			return defSpan{name: g[1], kind: symType, exported: isUpperStart(g[1]), typeName: g[1]}, true
		}
	}
	return defSpan{}, false
}

func isUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

var (
	jsExportFuncRE  = regexp.MustCompile(`^\s*export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?function\b\s*\*?\s*([\w$]*)`)
	jsExportClassRE = regexp.MustCompile(`^\s*export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?class\b\s*([\w$]*)`)
	jsExportTypeRE  = regexp.MustCompile(`^\s*export\s+(?:declare\s+)?(?:interface|type|enum|const\s+enum|namespace)\s+([\w$]+)`)
	jsExportConstRE = regexp.MustCompile(`^\s*export\s+(?:declare\s+)?(?:const|let|var)\s+([\w$]+)`)
	jsExportDefRE   = regexp.MustCompile(`^\s*export\s+default\b`)
	jsFuncRE        = regexp.MustCompile(`^\s*(?:async\s+)?function\b\s*\*?\s*([\w$]*)`)
	jsClassRE       = regexp.MustCompile(`^\s*(?:abstract\s+)?class\s+([\w$]+)`)
	// jsMemberRE is a method in a class body: modifiers, name, (type
	// parameters), "(".
	jsMemberRE = regexp.MustCompile(`^\s*((?:(?:public|private|protected|static|async|readonly|override|abstract|get|set|declare)\s+)*)\*?\s*(#?[\w$]+)\s*(?:<[^>]*>)?\s*\(`)
)

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
	if in != nil && in.kind == symClass {
		if g := jsMemberRE.FindStringSubmatch(text); g != nil && !jsKeyword(g[2]) {
			private := strings.Contains(g[1], "private") || strings.Contains(g[1], "protected") ||
				strings.HasPrefix(g[2], "#") || strings.HasPrefix(g[2], "_")
			return defSpan{name: in.typeName + "." + g[2], kind: symMethod, exported: in.exported && !private}, true
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
		return defSpan{name: name(g[1]), kind: symFunc, exported: true}, true
	}
	if g := jsExportClassRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: name(g[1]), kind: symClass, exported: true, typeName: name(g[1])}, true
	}
	if g := jsExportTypeRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: g[1], kind: symType, exported: true}, true
	}
	if g := jsExportConstRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: g[1], kind: symConst, exported: true}, true
	}
	if jsExportDefRE.MatchString(text) {
		return defSpan{name: "default", kind: symConst, exported: true}, true
	}
	if g := jsFuncRE.FindStringSubmatch(text); g != nil && in == nil {
		return defSpan{name: name(g[1]), kind: symFunc}, true
	}
	if g := jsClassRE.FindStringSubmatch(text); g != nil && in == nil {
		return defSpan{name: g[1], kind: symClass, typeName: g[1]}, true
	}
	return defSpan{}, false
}

const javaAnnotations = `(?:@[\w.]+(?:\([^)]*\))?\s+)*`

var (
	javaTypeRE   = regexp.MustCompile(`^\s*` + javaAnnotations + `((?:(?:public|protected|private|abstract|static|final|sealed|non-sealed|strictfp)\s+)*)(?:class|interface|enum|record|@interface)\s+(\w+)`)
	javaMethodRE = regexp.MustCompile(`^\s*` + javaAnnotations + `((?:(?:public|protected|private|abstract|static|final|synchronized|native|default|strictfp)\s+)*)(?:<[^>]+>\s+)?(?:([\w.$]+(?:<.*>)?(?:\[\])*)\s+)?(\w+)\s*\(`)
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
	if in != nil && in.kind != symClass {
		return defSpan{}, false // inside a method body
	}
	if g := javaTypeRE.FindStringSubmatch(text); g != nil {
		public := strings.Contains(g[1], "public") && (in == nil || in.exported)
		name := g[2]
		if in != nil {
			name = in.typeName + "." + g[2]
		}
		return defSpan{name: name, kind: symClass, exported: public, typeName: name}, true
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
	return defSpan{name: name, kind: symMethod, exported: public}, true
}

func lastDotted(s string) string {
	return s[strings.LastIndexByte(s, '.')+1:]
}

const rustVis = `(pub(?:\s*\([^)]*\))?\s+)?`

var (
	rustFnRE   = regexp.MustCompile(`^\s*` + rustVis + `(?:default\s+)?(?:(?:const|async|unsafe|extern(?:\s+"[^"]*")?)\s+)*fn\s+(\w+)`)
	rustTypeRE = regexp.MustCompile(`^\s*` + rustVis + `(struct|enum|trait|union|type)\s+(\w+)`)
	rustModRE  = regexp.MustCompile(`^\s*` + rustVis + `mod\s+(\w+)`)
	rustImplRE = regexp.MustCompile(`^\s*(?:unsafe\s+)?impl\b(.*)`)
)

// rustMatcher finds pub fn, struct, enum, trait, union and type items;
// "pub(crate)" and the like are not public. A pub fn inside an impl is
// named by its type ("Stack.push").
type rustMatcher struct{}

func (rustMatcher) def(text string, in *defSpan) (defSpan, bool) {
	if in != nil && in.kind != symImpl && in.kind != symType && in.kind != symMod {
		return defSpan{}, false // inside a function body
	}
	public := func(vis string) bool {
		return strings.TrimSpace(vis) == "pub" && (in == nil || in.exported || in.kind == symImpl)
	}
	if g := rustFnRE.FindStringSubmatch(text); g != nil {
		switch {
		case in != nil && in.kind == symImpl:
			return defSpan{name: in.typeName + "." + g[2], kind: symMethod, exported: public(g[1])}, true
		case in != nil && in.kind == symType: // a trait's method: public with the trait
			return defSpan{name: in.typeName + "." + g[2], kind: symMethod, exported: in.exported}, true
		}
		return defSpan{name: g[2], kind: symFunc, exported: public(g[1])}, true
	}
	if g := rustTypeRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: g[3], kind: symType, exported: public(g[1]), typeName: g[3]}, true
	}
	if g := rustModRE.FindStringSubmatch(text); g != nil {
		return defSpan{name: g[2], kind: symMod, exported: public(g[1])}, true
	}
	if g := rustImplRE.FindStringSubmatch(text); g != nil && in == nil {
		if name := rustImplType(g[1]); name != "" {
			return defSpan{name: "impl " + name, kind: symImpl, typeName: name}, true
		}
	}
	return defSpan{}, false
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
