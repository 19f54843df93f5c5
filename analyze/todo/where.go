package todo

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// declarations match the header of a function or type in the languages the
// table knows best; the last group that matched names it. The generic
// C-family form ("Type name(args) {") needs its brace on the same line, so
// that a call statement in a language without semicolons is not taken for
// one.
var declarations = []*lazyregexp.Regexp{
	// Go, with the receiver's type: func (s *Server) Close(
	lazyregexp.New(`^\s*func\s+\(\s*\w*\s*\*?\s*([A-Za-z_]\w*)(?:\[[^\]]*\])?\s*\)\s*([A-Za-z_]\w*)`),
	// Go, Swift, GDScript: func name
	lazyregexp.New(`^\s*(?:(?:public|private|fileprivate|internal|open|static|final|override|mutating|class|@objc)\s+)*func\s+([A-Za-z_]\w*)`),
	// Python, Ruby, Scala, Elixir, Crystal: def name
	lazyregexp.New(`^\s*(?:async\s+)?(?:def|defp|defmacro)\s+(?:self\.)?([A-Za-z_]\w*[?!]?)`),
	// Rust: fn name
	lazyregexp.New(`^\s*(?:pub(?:\([^)]*\))?\s+)?(?:(?:const|async|unsafe|extern\s+"[^"]*")\s+)*fn\s+([A-Za-z_]\w*)`),
	// Kotlin: fun name
	lazyregexp.New(`^\s*(?:(?:public|private|protected|internal|override|open|abstract|suspend|inline|operator|infix|tailrec)\s+)*fun\s+(?:<[^>]*>\s*)?(?:[\w.]+\.)?([A-Za-z_]\w*)`),
	// JavaScript, TypeScript, PHP, Lua: function name
	lazyregexp.New(`^\s*(?:(?:export|default|async|local|public|private|protected|static|final|abstract)\s+)*function\s*\*?\s*([A-Za-z_$][\w$.:]*)`),
	// JavaScript, TypeScript: const name = (...) => / function
	lazyregexp.New(`^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[A-Za-z_$][\w$]*\s*=>)`),
	// AL: procedure Name( / trigger OnRun(
	lazyregexp.New(`(?i)^\s*(?:local\s+|internal\s+)?(?:procedure|trigger)\s+"?([A-Za-z_][\w ]*?)"?\s*\(`),
	// ABAP: METHOD name. / FORM name.
	lazyregexp.New(`(?i)^\s*(?:method|form)\s+([A-Za-z_][\w~]*)`),
	// C, C++, Java, C#, JavaScript methods: Type name(args) {
	// (last but one: declName checks that the line is not a statement)
	lazyregexp.New(`^\s*(?:[\w$<>\[\]:*&,.~@]+\s+)*\**([A-Za-z_$~][\w$:~]*)\s*\([^;]*\)\s*(?:const|noexcept|override|final|throws\s+[\w., ]+|->\s*[^{;]+|:\s*[^{;]+|\s)*\{\s*$`),
	// Shell: name() {
	lazyregexp.New(`^\s*(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\)\s*\{`),
}

// headerDeclaration is the C-family form without its brace, for a line git
// chose as a hunk's function header, or one followed by a lone "{" (the
// brace on its own line): "ImVec2 ImGui::CalcTextSize(const char* text,".
var headerDeclaration = lazyregexp.New(`^\s*(?:[\w$<>\[\]:*&,.~@]+\s+)+\**([A-Za-z_$~][\w$:~]*)\s*\(`)

// typeDeclaration matches the header of a type, module or impl block: the
// enclosing name when no function encloses the TODO. An export macro before
// a C++ class's name (struct IMGUI_API ImGuiTable) is not its name.
var typeDeclaration = lazyregexp.New(`^\s*(?:(?:pub(?:\([^)]*\))?|export|public|private|protected|internal|abstract|final|sealed|static|data|open)\s+)*(?:class|struct|interface|trait|impl(?:<[^>]*>)?(?:\s+[\w:<>]+\s+for)?|module|object|enum|record|protocol|extension)\s+(?:[A-Z][A-Z0-9_]*_[A-Z0-9_]*\s+)?([A-Za-z_][\w:]*)`)

// notNames are words the C-family form would take for a function's name.
var notNames = map[string]bool{
	"if": true, "for": true, "while": true, "switch": true, "catch": true, "return": true,
	"else": true, "elif": true, "do": true, "try": true, "with": true, "match": true,
	"loop": true, "when": true, "foreach": true, "until": true, "unless": true, "sizeof": true,
	"typeof": true, "new": true, "delete": true, "throw": true, "await": true, "yield": true,
	"case": true, "default": true, "synchronized": true, "using": true, "lock": true,
	"fixed": true, "function": true, "super": true, "this": true, "assert": true, "defer": true,
	"go": true, "select": true, "unsafe": true, "checked": true, "unchecked": true,
}

// testBlockRE is a test framework's call that opens a test or a suite
// with its description: `it('...', ...`, `describe("...", ...`,
// `test.each(...)(`, `beforeEach(`.
var testBlockRE = lazyregexp.New(`^\s*(?:it|xit|fit|describe|xdescribe|fdescribe|test|suite|context|specify|beforeEach|afterEach|beforeAll|afterAll)(?:\.\w+)*\s*\(\s*(?:['"\x60]|function\b|\(|async\b)`)

// declName returns the name a line declares (a function, else a type), and
// whether it is a function.
func declName(line string) (string, bool) {
	if testBlockRE.MatchString(line) {
		// A test framework's block: `it('should ...', function() {` names
		// the test by its string, and "in it" said nothing (mozilla/
		// nunjucks e6cc590, round 110, wrong).
		return "", false
	}
	for k, re := range declarations {
		m := re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if k == len(declarations)-2 && statement(line) {
			continue
		}
		name := m[len(m)-1]
		if len(m) == 3 && m[1] != "" { // a Go method: Type.Name
			name = m[1] + "." + m[2]
		}
		name = strings.TrimSpace(name)
		if name == "" || notNames[strings.ToLower(name)] {
			continue
		}
		return name, true
	}
	if m := typeDeclaration.FindStringSubmatch(line); m != nil {
		return strings.TrimRight(m[1], ":"), false // Python's "class Response:"
	}
	return "", false
}

// headerName is the name headerDeclaration finds in a line that is not a
// statement, or "".
func headerName(line string) string {
	m := headerDeclaration.FindStringSubmatch(line)
	if m == nil || statement(line) || notNames[strings.ToLower(m[1])] {
		return ""
	}
	return m[1]
}

// statement reports whether a line that looks like "Type name(args) {" is a
// statement instead: it assigns (if let Some(x) = ..., x = f() {), matches
// (Some(x) => {), or starts with a keyword (while, else, let).
func statement(line string) bool {
	if strings.Contains(line, "=") && !strings.Contains(line, "==") || strings.Contains(line, "=>") {
		return true
	}
	first, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	first = strings.TrimRight(first, "({")
	return notNames[first] || first == "let" || first == "var" || first == "const" || first == "}" || first == "else"
}

// enclosing names the function (or, failing that, the type) the TODO on
// line i of a hunk sits in, from what the hunk shows: the declaration a
// leading comment stands above, else the nearest declaration above the
// TODO indented less than it, else the hunk header's section (git's guess
// at the function the hunk is in). "" when none says.
func enclosing(seq []analyze.Line, lines []scannedLine, i int, section string) string {
	indent := indentOf(seq[i].Text)
	// A comment directly above a declaration is about it.
	for j := i + 1; j < len(seq); j++ {
		code := codeOf(seq[j].Text, lines[j])
		if strings.TrimSpace(seq[j].Text) == "" {
			break
		}
		if code == "" {
			continue // the TODO's own comment goes on
		}
		if indentOf(seq[j].Text) == indent {
			if name, fn := declName(code); name != "" && fn {
				return name
			}
		}
		break
	}
	typeName := ""
	for j := i - 1; j >= 0 && indent > 0; j-- {
		code := codeOf(seq[j].Text, lines[j])
		if code == "" {
			continue
		}
		ind := indentOf(seq[j].Text)
		if ind >= indent || strings.HasPrefix(strings.TrimSpace(code), ")") {
			continue // inside, beside, or the end of a signature written over lines
		}
		indent = ind
		name, fn := declName(code)
		if fn {
			return name
		}
		if j+1 < len(seq) && strings.TrimSpace(seq[j+1].Text) == "{" {
			if name := headerName(code); name != "" {
				return name
			}
		}
		if name != "" && typeName == "" {
			typeName = name
		}
	}
	if indent > 0 && section != "" {
		if name, fn := declName(section); fn || typeName == "" && name != "" {
			return name
		}
		if name := headerName(section); name != "" {
			return name
		}
	}
	return typeName
}

// codeOf is a line's code: the text before its first comment, or "" when
// the line starts inside a comment or is blank.
func codeOf(text string, sl scannedLine) string {
	if len(sl.spans) > 0 {
		if sl.spans[0].marker == "" {
			return ""
		}
		text = text[:sl.spans[0].start]
	}
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return text
}

// indentOf is the width of a line's leading blanks, a tab counting four.
func indentOf(s string) int {
	n := 0
	for _, c := range s {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}
