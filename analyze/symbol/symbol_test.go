package symbol

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// symString is the part of a Symbol most cases check: "Name change first-last".
func symString(s Symbol) string {
	return fmt.Sprintf("%s %s %d-%d", s.Name, s.Change, s.Line, s.EndLine)
}

func TestChangedSymbols(t *testing.T) {
	tests := []struct {
		name string
		diff string
		want []string
	}{
		// Go.
		{
			name: "go added file: funcs, methods, types; unexported left out",
			diff: difftest.Added("calc/div.go",
				"package calc",
				"",
				"// Div divides.",
				"func Div(a, b int) (int, error) {",
				"\tif b == 0 {",
				"\t\treturn 0, errDiv",
				"\t}",
				"\treturn a / b, nil",
				"}",
				"",
				"func helper() {}",
				"",
				"type Calc struct {",
				"\tn int",
				"}",
				"",
				"func (c *Calc) Mul(x int) int { return c.n * x }",
				"func (c *calc) Sub(x int) int { return x }",
				"func Map[T any](xs []T) []T {",
				"\treturn xs",
				"}",
				"type ID = string"),
			want: []string{"Div added 4-9", "Calc added 13-15", "Calc.Mul added 17-17", "Map added 19-21", "ID added 22-22"},
		},
		{
			name: "go body change inside a visible func",
			diff: difftest.Modified("calc/div.go", "calc/div.go", difftest.Hunk(4, 4,
				" func Div(a, b int) (int, error) {",
				"-\treturn a / b, nil",
				"+\tif b == 0 {",
				"+\t\treturn 0, errDiv",
				"+\t}",
				"+\treturn a / b, nil",
				" }",
				" ",
				" func Mul(a, b int) int { return a * b }")),
			want: []string{"Div changed 4-9"},
		},
		{
			name: "go signature change and removal",
			diff: difftest.Modified("calc/div.go", "calc/div.go",
				difftest.Hunk(4, 4,
					"-func Div(a, b int) int {",
					"+func Div(a, b int) (int, error) {",
					" \treturn a / b",
					" }"),
				difftest.Hunk(20, 20,
					"-func Old() {}",
					" func Keep() {}")),
			want: []string{"Div signature 4-6", "Old removed 20-20"},
		},
		{
			name: "go multi-line signature change",
			diff: difftest.Modified("a.go", "a.go", difftest.Hunk(1, 1,
				" func Run(",
				" \tctx context.Context,",
				"-\tn int,",
				"+\tn int64,",
				" ) error {",
				" \treturn nil",
				" }")),
			want: []string{"Run signature 1-6"},
		},
		{
			name: "go type group",
			diff: difftest.Added("a.go", "type (", "\tOptions struct {", "\t\tN int", "\t}", "\tmode int", "\tKind string", ")", "func F() {}"),
			want: []string{"Options added 2-4", "Kind added 6-6", "F added 8-8"},
		},
		{
			name: "go struct field added: the type changed",
			diff: difftest.Modified("a.go", "a.go", difftest.Hunk(3, 3,
				" type Options struct {",
				" \tN int",
				"+\tTimeout time.Duration",
				" }")),
			want: []string{"Options changed 3-6"},
		},
		{
			name: "go comment-only and doc-only changes are no change",
			diff: difftest.Modified("a.go", "a.go", difftest.Hunk(1, 1,
				"-// F does x.",
				"+// F does y.",
				" func F() {",
				"+\t// a note",
				"+",
				" \treturn",
				" }")),
		},
		{
			name: "go change outside any visible definition is not named",
			diff: difftest.Modified("a.go", "a.go", difftest.Hunk(40, 40,
				" \tx := 1",
				"-\ty := 2",
				"+\ty := 3",
				" \treturn x + y",
				" }")),
		},
		{
			name: "go braces in strings and comments do not confuse the depth",
			diff: difftest.Added("a.go", "func F() string {", "\ts := \"}\" // }", "\treturn s + `{`", "}", "func G() {}"),
			want: []string{"F added 1-4", "G added 5-5"},
		},
		{
			name: "go renamed file without changes",
			diff: difftest.Modified("a.go", "b.go"),
		},

		// Python.
		{
			name: "python top level, methods of public classes, private left out",
			diff: difftest.Added("calc.py",
				"import os",
				"",
				"def div(a, b):",
				"    return a / b",
				"",
				"def _helper():",
				"    pass",
				"",
				"class Calc:",
				"    def mul(self, x):",
				"        return x",
				"",
				"    def _private(self):",
				"        pass",
				"",
				"class _Hidden:",
				"    def shown(self):",
				"        pass",
				"",
				"async def fetch(url):",
				"    def inner():",
				"        pass",
				"    return inner"),
			want: []string{"div added 3-4", "Calc added 9-14", "Calc.mul added 10-11", "fetch added 20-23"},
		},
		{
			name: "python body change in a method whose class the hunk does not show",
			diff: difftest.Modified("calc.py", "calc.py", difftest.Hunk(30, 30,
				"     def total(self, items):",
				"-        return sum(items)",
				"+        return sum(i.price for i in items)",
				" ",
				"     def _x(self):")),
			want: []string{"total changed 30-31"},
		},
		{
			name: "python signature over lines, decorator, docstring",
			diff: difftest.Modified("api.py", "api.py", difftest.Hunk(1, 1,
				"+@cache",
				" def fetch(url,",
				"-          timeout=1):",
				"+          timeout=5):",
				"-    \"\"\"Fetch a URL.\"\"\"",
				"+    \"\"\"Fetch a URL, slowly.\"\"\"",
				"     return get(url)")),
			want: []string{"fetch signature 2-5"},
		},
		{
			name: "python multi-line docstring change is a doc change only",
			diff: difftest.Modified("api.py", "api.py", difftest.Hunk(1, 1,
				" def fetch(url):",
				"     \"\"\"Fetch a URL.",
				"-    Old words.",
				"+    New words: { and ( do not count.",
				"     \"\"\"",
				"     return get(url)")),
		},

		// JavaScript and TypeScript.
		{
			name: "js exports",
			diff: difftest.Added("src/calc.ts",
				"import x from 'y';",
				"export function div(a: number, b: number): number {",
				"  return a / b;",
				"}",
				"function helper() {",
				"  return 1;",
				"}",
				"export const VERSION = '1.0';",
				"export class Calc {",
				"  private n = 0;",
				"  mul(x: number) {",
				"    return this.n * x;",
				"  }",
				"  private secret() {}",
				"}",
				"export interface Opts {",
				"  n: number;",
				"}",
				"export default function () {}",
				"export async function fetchAll({ a, b }: Args) {",
				"  return [a, b];",
				"}"),
			want: []string{"div added 2-4", "VERSION added 8-8", "Calc added 9-15", "Calc.mul added 11-13", "Opts added 16-18", "default added 19-19", "fetchAll added 20-22"},
		},
		{
			name: "js body change in an exported arrow function",
			diff: difftest.Modified("src/a.js", "src/a.js", difftest.Hunk(3, 3,
				" export const handler = async (req) => {",
				"-  return 1;",
				"+  return 2;",
				" };")),
			want: []string{"handler changed 3-5"},
		},

		// Java.
		{
			name: "java public class, methods and constructor; private left out",
			diff: difftest.Added("src/main/java/a/Calc.java",
				"package a;",
				"",
				"public class Calc {",
				"    private int n;",
				"    public Calc(int n) {",
				"        this.n = n;",
				"    }",
				"    @Override",
				"    public int div(int a,",
				"                   int b) {",
				"        return a / b;",
				"    }",
				"    private void helper() {}",
				"    public static <T> List<T> wrap(T x) { return List.of(x); }",
				"}",
				"class Hidden {",
				"    public void shown() {}",
				"}"),
			want: []string{"Calc added 3-15", "Calc.Calc added 5-7", "Calc.div added 9-12", "Calc.wrap added 14-14"},
		},
		{
			name: "java method whose class the hunk does not show; statements are not methods",
			diff: difftest.Modified("src/main/java/a/Calc.java", "src/main/java/a/Calc.java", difftest.Hunk(40, 40,
				"     public int sum(List<Integer> xs) {",
				"-        return total(xs);",
				"+        int s = total(xs);",
				"+        log(s);",
				"+        return s;",
				"     }")),
			want: []string{"sum changed 40-44"},
		},

		// Rust.
		{
			name: "rust pub items, impl methods, pub(crate) and private left out",
			diff: difftest.Added("src/lib.rs",
				"pub struct Stack<T> {",
				"    items: Vec<T>,",
				"}",
				"",
				"impl<T: Clone> Stack<T> {",
				"    pub fn push(&mut self, x: T) {",
				"        self.items.push(x);",
				"    }",
				"    fn grow(&mut self) {}",
				"}",
				"",
				"pub(crate) fn internal() {}",
				"pub fn top<'a>(s: &'a Stack<u8>) -> Option<&'a u8>",
				"where",
				"    u8: Copy,",
				"{",
				"    s.items.last()",
				"}",
				"pub enum Kind { A, B }",
				"impl fmt::Display for Kind {",
				"    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) }",
				"}",
				"pub trait Shape {",
				"    fn area(&self) -> f64;",
				"}"),
			want: []string{"Stack added 1-3", "Stack.push added 6-8", "top added 13-18", "Kind added 19-19", "Shape added 23-25", "Shape.area added 24-24"},
		},

		// Unknown languages, deletions.
		{name: "unknown language", diff: difftest.Added("notes.txt", "func Div() {}")},
		{
			name: "deleted file removes every exported symbol",
			diff: difftest.Deleted("calc/div.go", "package calc", "func Div() {}", "func mul() {}"),
			want: []string{"Div removed 2-2"},
		},
		{
			name: "made private: removed under the old name",
			diff: difftest.Modified("a.go", "a.go", difftest.Hunk(1, 1, "-func Div() {}", "+func div() {}")),
			want: []string{"Div removed 1-1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Changed(difftest.File(t, tt.diff)) {
				got = append(got, symString(s))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("symbols:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestChangedSymbolsDetails(t *testing.T) {
	f := difftest.File(t, difftest.Modified("calc/div.go", "calc/div.go", difftest.Hunk(3, 3,
		"-// Div divides.",
		"+// Div divides a by b.",
		"-func Div(a, b int) int {",
		"+func Div(a, b int) (int, error) {",
		" \treturn a / b",
		" }")))
	got := Changed(f)
	want := []Symbol{{
		Name: "Div", Kind: "func", Change: SignatureChanged, Line: 4, EndLine: 6,
		Signature: "func Div(a, b int) (int, error) {", OldSignature: "func Div(a, b int) int {", DocChanged: true,
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestStripCode(t *testing.T) {
	tests := []struct {
		in   string
		q    quoteStyle
		want string
	}{
		{`s := "{" + x // }`, quotesOf(analyze.LangGo), `s := "" + x `},
		{"r := `a}b` /* { */ + '{'", quotesOf(analyze.LangGo), "r := ``   + ''"},
		{`fn f<'a>(x: &'a str) { '}' }`, quotesOf(analyze.LangRust), `fn f<''a>(x: &''a str) { '' }`},
		{`const s = '}' + "{";`, quotesOf(analyze.LangJS), `const s = '' + "";`},
		{`a = "x\"}"`, quotesOf(analyze.LangJava), `a = ""`},
	}
	for _, tt := range tests {
		if got := stripCode(tt.in, tt.q); got != tt.want {
			t.Errorf("stripCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRustImplType(t *testing.T) {
	for in, want := range map[string]string{
		" Stack {":                      "Stack",
		"<T: Clone> Stack<T> {":         "Stack",
		" fmt::Display for Kind {":      "Kind",
		"<'a> From<&'a str> for Name {": "Name",
		" Trait for &mut crate::a::B {": "B",
	} {
		if got := rustImplType(in); got != want {
			t.Errorf("rustImplType(%q) = %q, want %q", in, got, want)
		}
	}
}

// The detectors of one commit share its parsed files; a CommitDiff not made
// for sharing gets its own Commit each time.
func TestForCommitSharedThroughTheMemo(t *testing.T) {
	cd := analyze.WithMemo(&analyze.CommitDiff{Hash: "abc"})
	if a, b := ForCommit(cd), ForCommit(cd); a != b {
		t.Error("two detectors of one commit got two Commits: the Go files are parsed twice")
	}
	plain := &analyze.CommitDiff{Hash: "abc"}
	if a, b := ForCommit(plain), ForCommit(plain); a == b {
		t.Error("a CommitDiff without a memo shared its Commit")
	}
}

// A class a record decorator makes (@dataclass, attrs' @define, @attr.s)
// is a shape like a Go struct: its fields are nothing to test, and a
// method written in it is a symbol of its own (astanin/python-tabulate
// 46c9fe3). A plain class stays a class.
func TestRecordClassesAreTypes(t *testing.T) {
	f := difftest.File(t, difftest.Added("rows.py",
		"@dataclass(frozen=True)",
		"class DataRow:",
		"    begin: str",
		"    escape_map: dict = None",
		"",
		"    def render(self, cells):",
		"        return self.begin.join(cells)",
		"",
		"",
		"@attr.s",
		"class Old:",
		"    x = attr.ib()",
		"",
		"",
		"class Plain:",
		"    begin: str",
	))
	kinds := map[string]string{}
	for _, s := range Changed(f) {
		kinds[s.Name] = s.Kind
	}
	want := map[string]string{"DataRow": Type, "DataRow.render": Method, "Old": Type, "Plain": Class}
	if !reflect.DeepEqual(kinds, want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
}

// A signature that only appends parameters callers may leave out, or gives
// an old one a default, breaks no call: pyinvoke/invoke 6e2ec91 made
// Runner.handle_stdin's echo "echo: bool = False" (round 106).
func TestCompatibleSignatures(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		want     bool
	}{
		{"def handle_stdin(self, input_, output, echo) -> None:", "def handle_stdin(\n        self,\n        input_: \"TextIOWrapper\",\n        output: \"TextIOWrapper\",\n        echo: bool = False,\n    ) -> None:", true},
		{"def f(a, b):", "def f(a, b, c=1):", true},
		{"def f(a, b):", "def f(a, b, c):", false},
		{"def f(a, b):", "def f(a, c=1):", false},
		{"def f(a, b=1):", "def f(a, b=2):", false},
		{"def f(a, b):", "def f(a, b):", false},
	} {
		old := "class Runner:\n    " + tc.old + "\n        return None\n"
		new := "class Runner:\n    " + tc.new + "\n        return None\n"
		cd := difftest.CommitOf(t, difftest.Changed("invoke/runners.py", old, new))
		syms := ForCommit(cd).Changed(&cd.Files[0])
		got := len(syms) == 1 && syms[0].Change == SignatureChanged && syms[0].Compatible
		if got != tc.want {
			t.Errorf("%q to %q: %+v, compatible %v, want %v", tc.old, tc.new, syms, got, tc.want)
		}
	}
}

// A definition the commit removed whole is another's of the same name:
// rust-lang/flate2-rs 3ea8c3d changed GzDecoder::new's body and removed a
// test module's BlockingCursor::new in a hunk below it; grouped by name,
// GzDecoder.new was said to change its signature (round 111, wrong).
func TestRemovedNamesakeIsNoSignatureChange(t *testing.T) {
	filler := strings.Repeat("\n// (unchanged)\n", 12)
	file := func(body, tests string) string {
		return "pub struct GzDecoder<R> {\n    inner: R,\n}\n\nimpl<R: BufRead> GzDecoder<R> {\n    /// Creates a new decoder from the given reader, immediately\n    /// parsing the gzip header.\n    ///\n    /// It reads as little as it can.\n    pub fn new(mut r: R) -> GzDecoder<R> {\n" + body + "    }\n}\n" + filler + tests
	}
	cursor := "#[cfg(test)]\npub mod tests {\n    use std::io::{Cursor, Read, Write};\n\n    //a cursor turning EOF into blocking errors\n    #[derive(Debug)]\n    pub struct BlockingCursor {\n        pub cursor: Cursor<Vec<u8>>,\n    }\n\n    impl BlockingCursor {\n        pub fn new() -> BlockingCursor {\n            BlockingCursor {\n                cursor: Cursor::new(Vec::new()),\n            }\n        }\n\n        pub fn set_position(&mut self, pos: u64) {\n            self.cursor.set_position(pos)\n        }\n    }\n\n    #[test]\n    fn decodes() {}\n}\n"
	cd := difftest.CommitOf(t, difftest.Changed("src/gz/bufread.rs",
		file("        let mut part = GzHeaderPartial::new();\n        GzDecoder { inner: r }\n", cursor),
		file("        let mut header_parser = GzHeaderParser::new();\n        GzDecoder { inner: r }\n", "")))
	for _, s := range Changed(&cd.Files[0]) {
		if strings.HasSuffix(s.Name, "new") && s.Change == SignatureChanged {
			t.Errorf("%s: %s, want its body changed", s.Name, s.Change)
		}
	}
}

// A JavaScript binding that holds no function has a value, not a
// signature: sveltejs/kit bbd1e2f's `export let read_implementation`
// given another initializer was "read_implementation with a new
// signature" (round 113, wrong). An arrow function's parameters are one.
func TestJSValueHasNoSignature(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           Change
	}{
		{"a value", "/** @type {((path: string) => ReadableStream) | null} */\nexport let read_implementation = null;\n\nexport function set_read(fn) {\n\tread_implementation = fn;\n}\n",
			"export let read_implementation = /** @type {((path: string) => ReadableStream) | null} */ (\n\trestore('read_implementation') ?? null\n);\n\nexport function set_read(fn) {\n\tread_implementation = fn;\n}\n", BodyChanged},
		{"an arrow function", "export const get = (path) => read(path);\n", "export const get = (path, opts) => read(path, opts);\n", SignatureChanged},
	} {
		cd := difftest.CommitOf(t, difftest.Changed("src/runtime/internal.js", tc.old, tc.new))
		syms := Changed(&cd.Files[0])
		if len(syms) != 1 || syms[0].Change != tc.want {
			t.Errorf("%s: %+v, want one symbol, %s", tc.name, syms, tc.want)
		}
	}
}

// A block comment's lines are its words, a tag written without a leading
// "*" too: remix-run/react-router f75c89fd9 rewrote createSearchParams'
// JSDoc, whose old "  @category Utils" read as a decorator, and the doc's
// change made a "new signature" (round 114, wrong).
func TestTagInABlockCommentIsNoDecorator(t *testing.T) {
	fn := "export function createSearchParams(\n  init: URLSearchParamsInit = \"\",\n): URLSearchParams {\n  return new URLSearchParams(init);\n}\n"
	cd := difftest.CommitOf(t, difftest.Changed("lib/dom/dom.ts",
		"/**\n  Creates a URLSearchParams object.\n\n  @category Utils\n */\n"+fn,
		"/**\n * Creates a URLSearchParams object using the given initializer.\n *\n * @public\n * @category Utils\n */\n"+fn))
	if syms := Changed(&cd.Files[0]); len(syms) != 0 {
		t.Errorf("a doc comment rewritten: %+v, want no change", syms)
	}
	// A decorator above the function is one still (Python's and
	// TypeScript's @ lines outside a comment).
	cd = difftest.CommitOf(t, difftest.Changed("lib/dom/dom.ts",
		"export class A {\n  @memo\n  get(init: string): string {\n    return init;\n  }\n}\n",
		"export class A {\n  @cached\n  get(init: string): string {\n    return init;\n  }\n}\n"))
	found := false
	for _, sym := range Changed(&cd.Files[0]) {
		found = found || sym.Name == "A.get" && sym.Change == SignatureChanged
	}
	if !found {
		t.Errorf("a decorator changed: want A.get's signature changed")
	}
}
