package untested

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/finding"
)

var divGo = difftest.Added("calc/div.go",
	"package calc",
	"",
	"func Div(a, b int) (int, error) {",
	"\tif b == 0 {",
	"\t\treturn 0, errDiv",
	"\t}",
	"\treturn a / b, nil",
	"}")

func TestDetectUntested(t *testing.T) {
	tests := []struct {
		name         string
		files        []string
		opts         Options
		want         []string // fingerprint | title | items
		wantResolved []string
	}{
		{
			name:  "go function added without a test",
			files: []string{divGo},
			want:  []string{"untested:calc/div.go | Add tests for calc.Div | Div (lines 3-8)"},
		},
		{
			name:  "go: several symbols in one file are one finding; types have nothing to test",
			files: []string{difftest.Added("calc/div.go", "package calc", "func Div() {}", "func Mul() {}", "func sub() {}", "type Ratio struct{}", "func (Ratio) Float() float64 { return 0 }")},
			want:  []string{"untested:calc/div.go | Add tests for Div, Mul and Ratio.Float in calc/div.go | Div (line 2), Mul (line 3), Ratio.Float (line 6)"},
		},
		{
			name:         "go test in the same directory covers it and resolves it",
			files:        []string{divGo, difftest.Added("calc/calc_test.go", "package calc", "func TestDiv(t *testing.T) {}")},
			wantResolved: []string{"untested:calc/div.go", "untested:calc/calc.go"},
		},
		{
			// jesseduffield/lazygit b96b8a975: the integration test's expected
			// failure became its expected result.
			name: "a go end-to-end test changed covers the program",
			files: []string{
				difftest.Added("pkg/gui/controllers/staging_controller.go", "package controllers", "func (self *StagingController) EditHunkAndRefresh() error {",
					"\tif err := self.editHunk(); err != nil {", "\t\treturn err", "\t}", "\tself.c.RefreshBlockingInput(types.RefreshOptions{Scope: []types.RefreshableView{types.FILES, types.STAGING}})", "\treturn nil", "}"),
				difftest.Modified("pkg/integration/tests/staging/stage_hunks_with_rapid_keypresses.go", "pkg/integration/tests/staging/stage_hunks_with_rapid_keypresses.go", difftest.Hunk(36, 36,
					" \t\t\tIsFocused().",
					" \t\t\tPressRapidly(keys.Universal.Select, keys.Universal.Select)",
					" ",
					"-\t\t/* EXPECTED:",
					" \t\tt.Views().StagingSecondary().",
					" \t\t\tIsFocused().",
					" \t\t\tContainsLines(")),
			},
		},
		{
			// minio/minio-go 76a4146: testGetObjectAttributes, in the Mint
			// suite (`//go:build mint`, no _test.go file).
			name: "a go suite of functional tests changed covers the program",
			files: []string{
				difftest.Added("api-get-object-attributes.go", "package minio", "func (c *Client) GetObjectAttributes(ctx context.Context, bucketName, objectName string) (*ObjectAttributes, error) {",
					"	return c.getObjectAttributes(ctx, bucketName, objectName)", "}"),
				difftest.Modified("functional_tests.go", "functional_tests.go", difftest.Hunk(100, 100,
					" }",
					"+func testGetObjectAttributes() {",
					"+	attr, err := c.GetObjectAttributes(context.Background(), bucketName, objectName)",
					"+	_ = attr",
					"+}")),
			},
		},
		{
			// expr-lang/expr 73384e1: TestIssue567 checks
			// Program.DisassembleWriter's output through expr.Compile.
			name: "a go test of the module from a test/ folder covers what the commit changed",
			files: []string{
				difftest.Added("vm/program.go", "package vm", "func (program *Program) DisassembleWriter(w io.Writer) {",
					"	if name, ok := program.debugInfo[fmt.Sprintf(\"const_%d\", arg)]; ok {", "		fmt.Fprintf(w, \"%v\\t<%v>\\t%v\\n\", pp, arg, name)", "	}", "}"),
				difftest.Added("test/issues/567/issue_test.go", "package expr_test", "func TestIssue567(t *testing.T) {",
					"	program, err := expr.Compile(\"concat(1..2, 3..4)\")", "	require.NoError(t, err)", "}"),
			},
			wantResolved: []string{"untested:test/issues/567/issue.go"},
		},
		{
			name:  "an integration/ folder without tests/ is the product's: it covers nothing",
			files: []string{divGo, difftest.Added("pkg/integration/github/client.go", "package github", "func Fetch() {}")},
			want:  []string{"untested:calc/div.go | Add tests for calc.Div | Div (lines 3-8)", "untested:pkg/integration/github/client.go | Add tests for github.Fetch | Fetch (line 2)"},
		},
		{
			name:         "go test in another directory does not",
			files:        []string{divGo, difftest.Added("other/x_test.go", "package other")},
			want:         []string{"untested:calc/div.go | Add tests for calc.Div | Div (lines 3-8)"},
			wantResolved: []string{"untested:other/x.go"},
		},
		{
			name:         "a test-only change does not fire, and resolves the file it is named after",
			files:        []string{difftest.Modified("calc/div_test.go", "calc/div_test.go", difftest.Hunk(3, 3, " func TestDiv(t *testing.T) {", "+\tcheck(t, Div(4, 2))", " }"))},
			wantResolved: []string{"untested:calc/div.go"},
		},
		{
			name:  "go file at the root",
			files: []string{difftest.Added("main.go", "package main", "func Run() {}")},
			want:  []string{"untested:main.go | Add tests for main.Run | Run (line 2)"},
		},
		{
			name:  "go method in a body change",
			files: []string{difftest.Modified("calc/calc.go", "calc/calc.go", difftest.Hunk(10, 10, " func (c *Calc) Mul(x int) int {", "-\treturn x", "+\treturn c.n * x", " }"))},
			want:  []string{"untested:calc/calc.go | Add tests for Calc.Mul in calc/calc.go | Calc.Mul (lines 10-12)"},
		},

		// Python.
		{
			name:  "python",
			files: []string{difftest.Added("svc/calc.py", "def div(a, b):", "    return a / b", "", "def _x():", "    pass")},
			want:  []string{"untested:svc/calc.py | Add tests for div in svc/calc.py | div (lines 1-2)"},
		},
		{
			name: "python: any Python test file silences it; only test_<base>.py resolves",
			files: []string{
				difftest.Added("svc/calc.py", "def div(a, b):", "    return a / b"),
				difftest.Added("tests/test_util.py", "def test_x():", "    pass"),
			},
			wantResolved: []string{"untested:util.py"}, // tests/util.py would be a test itself
		},
		{
			name: "python test_<base>.py anywhere resolves the base",
			files: []string{
				difftest.Added("svc/calc.py", "def div(a, b):", "    return a / b"),
				difftest.Added("tests/unit/test_calc.py", "def test_div():", "    pass"),
			},
			wantResolved: []string{"untested:svc/calc.py"},
		},

		// JavaScript and TypeScript.
		{
			name:  "typescript",
			files: []string{difftest.Added("src/calc.ts", "export function div(a: number, b: number) {", "  return a / b;", "}")},
			want:  []string{"untested:src/calc.ts | Add tests for div in src/calc.ts | div (lines 1-3)"},
		},
		{
			name: "typescript spec beside it",
			files: []string{
				difftest.Added("src/calc.ts", "export function div(a: number, b: number) {", "  return a / b;", "}"),
				difftest.Added("src/calc.spec.ts", "it('divides', () => {});"),
			},
			wantResolved: []string{"untested:src/calc.ts"},
		},
		{
			name: "javascript __tests__",
			files: []string{
				difftest.Added("src/calc.js", "export const div = (a, b) => a / b;"),
				difftest.Added("src/__tests__/calc.js", "test('div', () => {});"),
			},
			wantResolved: []string{"untested:src/calc.js"},
		},

		// Java.
		{
			name:  "java",
			files: []string{difftest.Added("src/main/java/a/Calc.java", "package a;", "public class Calc {", "    public int div(int a, int b) { return a / b; }", "}")},
			want:  []string{"untested:src/main/java/a/Calc.java | Add tests for Calc and Calc.div in src/main/java/a/Calc.java | Calc (lines 2-4), Calc.div (line 3)"},
		},
		{
			name: "java test under src/test",
			files: []string{
				difftest.Added("src/main/java/a/Calc.java", "package a;", "public class Calc {", "    public int div(int a, int b) { return a / b; }", "}"),
				difftest.Added("src/test/java/a/CalcTest.java", "package a;", "class CalcTest {}"),
			},
			wantResolved: []string{"untested:src/main/java/a/Calc.java"},
		},

		// Rust.
		{
			name:  "rust",
			files: []string{difftest.Added("src/stack.rs", "pub fn push(x: u8) {", "    let _ = x;", "}")},
			want:  []string{"untested:src/stack.rs | Add tests for push in src/stack.rs | push (lines 1-3)"},
		},
		{
			name: "rust: a #[test] added in the same file covers and resolves it",
			files: []string{difftest.Added("src/stack.rs", "pub fn push(x: u8) {", "    let _ = x;", "}", "", "#[cfg(test)]", "mod tests {",
				"    #[test]", "    fn pushes() { super::push(1); }", "}")},
			wantResolved: []string{"untested:src/stack.rs"},
		},
		{
			// seanmonstar/httparse 140faf3 (trimmed): the functions and the
			// #[test] fns after them in the file, changed together.
			name: "rust: a top-level #[test] fn changed in the same file",
			files: []string{difftest.Modified("src/simd/neon.rs", "src/simd/neon.rs",
				difftest.Hunk(3, 3, " #[inline]", "-pub(crate) fn match_header_name_vectored(bytes: &[u8]) -> usize {", "+pub fn match_header_name_vectored(bytes: &mut Bytes) {", " }"),
				difftest.Hunk(203, 195, " ", " #[test]", " fn neon_code_matches_uri_chars_table() {",
					"-    assert!(byte_is_allowed(b'_', match_uri_vectored));", "+    #[allow(clippy::undocumented_unsafe_blocks)]", "+    unsafe {",
					"+        assert!(byte_is_allowed(b'_', match_uri_vectored));", "+    }", " }"))},
			wantResolved: []string{"untested:src/simd/neon.rs"},
		},
		{
			// The helper the tests call, under #[cfg(test)] (the same file).
			name: "rust: a #[cfg(test)] fn changed in the same file",
			files: []string{difftest.Modified("src/simd/neon.rs", "src/simd/neon.rs",
				difftest.Hunk(3, 3, " #[inline]", "-pub(crate) fn match_header_name_vectored(bytes: &[u8]) -> usize {", "+pub fn match_header_name_vectored(bytes: &mut Bytes) {", " }"),
				difftest.Hunk(250, 249, " #[cfg(test)]", "-unsafe fn byte_is_allowed(byte: u8, f: unsafe fn(bytes: &[u8]) -> usize) -> bool {",
					"+unsafe fn byte_is_allowed(byte: u8, f: unsafe fn(bytes: &mut Bytes<'_>)) -> bool {", "     let mut slice = [b'_'; 16];", " }"))},
			wantResolved: []string{"untested:src/simd/neon.rs"},
		},
		{
			name:  "rust: tests/ covers",
			files: []string{difftest.Added("src/stack.rs", "pub fn push(x: u8) {}"), difftest.Added("tests/stack.rs", "#[test]", "fn t() {}")},
		},
		{
			// pydantic/pydantic-core b45d0870: a PyO3 extension tested from
			// Python (tests/validators/test_with_default.py, +139 lines).
			name: "rust: the Python tests of an extension cover it",
			files: []string{difftest.Added("src/validators/validation_state.rs", "pub fn floor_exactness(&mut self, exactness: Exactness) {", "    if self.exactness > exactness {", "        self.exactness = exactness;", "    }", "}"),
				difftest.Modified("tests/validators/test_with_default.py", "tests/validators/test_with_default.py", difftest.Hunk(10, 10, " ", "+def test_default_factory_takes_validated_data():", "+    assert v.validate_python({}) == {'x': 1}"))},
		},
		{
			name: "python: a Rust test does not cover Python code",
			files: []string{difftest.Added("svc/calc.py", "def div(a, b):", "    return a / b"),
				difftest.Added("tests/stack.rs", "#[test]", "fn t() {}")},
			want: []string{"untested:svc/calc.py | Add tests for div in svc/calc.py | div (lines 1-2)"},
		},

		// Never reported.
		{name: "vendored", files: []string{difftest.Added("vendor/x/div.go", "package x", "func Div() {}")}},
		{name: "generated", files: []string{difftest.Added("api/x.go", "// Code generated by tool. DO NOT EDIT.", "package api", "func Div() {}")}},
		{name: "generated by name", files: []string{difftest.Added("api/x.pb.go", "package api", "func Div() {}")}},
		{name: "unknown language", files: []string{difftest.Added("a.rb", "def div(a, b)", "end")}},
		{name: "testdata", files: []string{difftest.Added("calc/testdata/x.go", "package x", "func Div() {}")}},
		{name: "only unexported", files: []string{difftest.Added("calc/div.go", "package calc", "func div() {}")}},
		{name: "a struct gains a field", files: []string{difftest.Modified("store/model.go", "store/model.go", difftest.Hunk(3, 3, " type Evidence struct {", "+\tEndLine int", " }"))}},
		{name: "only comments", files: []string{difftest.Modified("calc/div.go", "calc/div.go", difftest.Hunk(3, 3, " func Div() {", "+\t// why", " }"))}},
		{name: "min symbols", files: []string{divGo}, opts: Options{MinSymbols: 2}},

		// Resolution by removal.
		{
			name:         "deleted source file resolves",
			files:        []string{difftest.Deleted("calc/div.go", "package calc", "func Div() {}")},
			wantResolved: []string{"untested:calc/div.go"},
		},
		{
			name:         "renamed file: found under the new path, resolved under the old",
			files:        []string{difftest.Modified("calc/div.go", "calc/divide.go", difftest.Hunk(3, 3, " func Div(a, b int) int {", "-\treturn a / b", "+\treturn a / b / 1", " }"))},
			want:         []string{"untested:calc/divide.go | Add tests for Div in calc/divide.go | Div (lines 3-5)"},
			wantResolved: []string{"untested:calc/div.go"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, resolved := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.Commit(t, tt.files...), tt.opts)
			var got []string
			for _, f := range found {
				got = append(got, f.Fingerprint+" | "+f.Title+" | "+strings.Join(f.Items, ", "))
				if f.Kind != finding.KindUntested || f.Evidence.Commit != difftest.CommitID || !reflect.DeepEqual(f.Labels, []string{"testing"}) {
					t.Errorf("kind %q commit %q labels %q", f.Kind, f.Evidence.Commit, f.Labels)
				}
				if len(f.Title) > 80 {
					t.Errorf("title too long: %q", f.Title)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found:\n got %q\nwant %q", got, tt.want)
			}
			var gotResolved []string
			for _, r := range resolved {
				if r.Fingerprint == Resolution || r.Fingerprint == RemovalResolution {
					continue // a test's calls (calls_test.go), a file's removals (removal_test.go)
				}
				gotResolved = append(gotResolved, r.Fingerprint)
				if r.Commit != difftest.CommitID {
					t.Errorf("resolution commit %q", r.Commit)
				}
			}
			if !reflect.DeepEqual(gotResolved, tt.wantResolved) {
				t.Errorf("resolved = %q, want %q", gotResolved, tt.wantResolved)
			}
		})
	}
}

func TestUntestedFinding(t *testing.T) {
	found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.Commit(t, divGo), Options{})
	if len(found) != 1 {
		t.Fatalf("found %d, want 1", len(found))
	}
	want := finding.Finding{
		Kind:        finding.KindUntested,
		Fingerprint: "untested:calc/div.go",
		Text:        "Div changed in calc/div.go with no test change",
		Body:        "The commit adds or changes exported code in calc/div.go (Div added) and changes no _test.go file in calc/ nor one that imports its package.",
		Title:       "Add tests for calc.Div",
		Labels:      []string{"testing"},
		Items:       []string{"Div (lines 3-8)"},
		Confidence:  0.7, // new code of several lines; no calc/div_test.go to say the file is tested
		Evidence:    finding.Evidence{Path: "calc/div.go", Line: 3, EndLine: 8, Commit: difftest.CommitID, Excerpt: "func Div(a, b int) (int, error) {"},
	}
	if !reflect.DeepEqual(found[0], want) {
		t.Errorf("got  %+v\nwant %+v", found[0], want)
	}

	// The same file changed again, with other symbols: the same finding.
	again, _ := Detect(analyze.Commit{Hash: "d1c7e9d0e8a2b744eb7d16e65b21c9b3aac9f1db"}, difftest.Commit(t, difftest.Modified("calc/div.go", "calc/div.go",
		difftest.Hunk(9, 9, " }", "+func Mul(a, b int) int { return a * b }"))), Options{})
	if len(again) != 1 || again[0].Fingerprint != want.Fingerprint {
		t.Fatalf("again: %+v", again)
	}
}

func TestUntestedTitleFits(t *testing.T) {
	long := "internal/some/really/deep/package/path/with/many/levels/of/nesting/calculator.go"
	found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.Commit(t, difftest.Added(long,
		"func Divide() {}", "func Multiply() {}", "func Subtract() {}", "func Add() {}")), Options{})
	if len(found) != 1 {
		t.Fatalf("found %d", len(found))
	}
	if got, want := found[0].Title, "Add tests for Divide and 3 more in calculator.go"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
}

func TestUntestedCovers(t *testing.T) {
	tests := []struct {
		test, src string
		want      bool
	}{
		{"calc/calc_test.go", "calc/div.go", true},
		{"calc/calc_test.go", "other/div.go", false},
		{"calc/div.go", "calc/div.go", false},
		{"tests/test_calc.py", "pkg/calc.py", true},
		{"pkg/calc_test.py", "pkg/calc.py", true},
		{"tests/test_calc.py", "pkg/other.py", false},
		{"src/calc.test.tsx", "lib/calc.ts", true},
		{"src/__tests__/calc.js", "src/calc.js", true},
		{"src/calc.test.ts", "src/calc.py", false},
		{"src/test/java/a/CalcTest.java", "src/main/java/a/Calc.java", true},
		{"src/test/java/a/CalcIT.java", "src/main/java/a/Calc.java", true},
		{"src/lib.rs", "src/lib.rs", true},
		{"tests/lib.rs", "src/lib.rs", false},
		{"examples_test.go", "command.go", true}, // Go example tests cover their package
	}
	for _, tt := range tests {
		if got := Covers(tt.test, tt.src); got != tt.want {
			t.Errorf("Covers(%q, %q) = %v, want %v", tt.test, tt.src, got, tt.want)
		}
	}
}

func TestIsTestPath(t *testing.T) {
	for p, want := range map[string]bool{
		"a/b_test.go": true, "a/b.go": false, "a/testdata/x.go": false,
		"tests/helpers.py": true, "test_x.py": true, "x_test.py": true, "conftest.py": true, "x.py": false,
		"a.test.js": true, "a.spec.tsx": true, "__tests__/a.ts": true, "a.ts": false,
		"test/unit/adapters/http.js": true, "spec/calc.js": true, "lib/adapters/http.js": false,
		"src/test/java/a/Util.java": true, "FooTest.java": true, "Foo.java": false,
		"tests/it.rs": true, "src/lib.rs": false, "README.md": false,
	} {
		if got := analyze.IsTestPath(p); got != want {
			t.Errorf("IsTestPath(%q) = %v, want %v", p, got, want)
		}
	}
}

// A sweeping change is reported for none of its files: go-git bf2347e
// moved seven decoders of plumbing/protocol onto pktline.Scanner, each a
// changed exported Decode, and no new test was needed for any (each file's
// own tests covered its Decode). Up to sweepingFiles-1 files, each is
// reported as before.
func TestUntestedSweepingChange(t *testing.T) {
	decoder := func(path, typ string) string {
		return difftest.Modified(path, path, difftest.Hunk(50, 50,
			" // Decode reads the "+typ+" from r.",
			" func (u *"+typ+") Decode(r io.Reader) error {",
			"-\ts := pktline.NewScanner(r)",
			"-\tfor s.Scan() {",
			"+\ts := pktline.NewReader(r)",
			"+\tfor {",
			"+\t\t_, line, err := s.ReadPacketLine()",
			" \t\tif err := u.decodeLine(line); err != nil {",
			" \t\t\treturn err",
			" \t\t}"))
	}
	files := []string{
		decoder("plumbing/protocol/packp/uphav.go", "UploadHaves"),
		decoder("plumbing/protocol/packp/report_status.go", "ReportStatus"),
		decoder("plumbing/protocol/packp/shallowupd.go", "ShallowUpdate"),
		decoder("plumbing/protocol/packp/smart.go", "SmartReply"),
		decoder("plumbing/protocol/packp/ulreq_decode.go", "UploadRequest"),
		decoder("plumbing/protocol/packp/sideband/demux.go", "Demuxer"),
		decoder("plumbing/transport/archive.go", "Archive"),
	}
	c := analyze.Commit{Hash: "bf2347e", Subject: "plumbing: protocol, decode onto pktline.Scanner"}
	found, _ := Detect(c, difftest.Commit(t, files[:sweepingFiles-1]...), Options{})
	if len(found) != sweepingFiles-1 {
		t.Fatalf("%d files: %d findings, want one each", sweepingFiles-1, len(found))
	}
	for _, n := range []int{sweepingFiles, len(files)} {
		if found, _ := Detect(c, difftest.Commit(t, files[:n]...), Options{}); len(found) != 0 {
			t.Errorf("%d files at once: %d findings, want none (a sweeping change)", n, len(found))
		}
	}
}

// A Python file with PEP 723 inline metadata is a script: pytest-dev/pluggy
// 40f3ab1 changed downstream/run_downstream.py (run by `uv run` in CI).
// The same code in a module without the block is reported.
func TestInlineScriptIsNotReported(t *testing.T) {
	code := "\n\nclass GitConfig(BaseModel):\n    model_config = ConfigDict(extra=\"forbid\")\n\n    def clone(self, into):\n        run([\"git\", \"clone\", self.url, into])\n        return into\n"
	script := "# /// script\n# requires-python = \">=3.11\"\n# dependencies = [\n#   \"pydantic>=2.7\",\n# ]\n# ///\nfrom __future__ import annotations\n" + code
	module := "from __future__ import annotations\n" + code
	for _, c := range []struct {
		src  string
		want int
	}{{script, 0}, {module, 1}} {
		cd := difftest.CommitOf(t, difftest.Change{NewPath: "downstream/run_downstream.py", New: c.src})
		if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "fix(downstream): fix RuntimeError"}, cd, Options{}); len(found) != c.want {
			t.Errorf("%d findings, want %d for\n%s", len(found), c.want, c.src)
		}
	}
}

// A Go file built for some platforms only is named in the title: its
// package's other files define the same names for the others (fsnotify
// f04cd68 changed internal.Debug in debug_linux.go, debug_kqueue.go,
// debug_solaris.go and debug_windows.go: four digest lines alike).
func TestUntestedTitleNamesPlatformFiles(t *testing.T) {
	const old = "package internal\n\nfunc Debug(name string) {\n\tprintln(name)\n}\n"
	const new = "package internal\n\nfunc Debug(name string) {\n\tprintln(name)\n\tprintln(\"unknown\")\n}\n"
	for _, tc := range []struct{ path, head, want string }{
		{"internal/debug_linux.go", "", "Add tests for Debug in internal/debug_linux.go"},
		{"internal/debug_kqueue.go", "//go:build freebsd || openbsd || netbsd || dragonfly || darwin\n\n", "Add tests for Debug in internal/debug_kqueue.go"},
		{"internal/debug.go", "// Package internal helps.\n", "Add tests for internal.Debug"},
		{"internal/debug_log.go", "", "Add tests for internal.Debug"},
	} {
		cd := difftest.CommitOf(t, difftest.Changed(tc.path, tc.head+old, tc.head+new))
		found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Print unknown flags"}, cd, Options{})
		if len(found) != 1 {
			t.Fatalf("%s: found %d", tc.path, len(found))
		}
		if found[0].Title != tc.want {
			t.Errorf("%s: title %q, want %q", tc.path, found[0].Title, tc.want)
		}
	}
}

// What a Rust macro_rules! body spells out is a template its callers
// expand, no code of the crate's own: bitflags aead794 ("Avoid local
// variables in generated code") changed 20 `pub const fn`s inside
// __impl_bitflags!, and a draft asked for tests of "empty, all, bits and
// 17 more in src/lib.rs". A pub fn outside the macro is still reported.
func TestUntestedSkipsRustMacroBodies(t *testing.T) {
	macro := func(body string) string {
		return "#[macro_export]\n#[doc(hidden)]\nmacro_rules! __impl_bitflags {\n    (\n" +
			"        $PublicBitFlags:ident: $T:ty {\n            fn bits(&self) $bits_body:block\n        }\n    ) => {\n" +
			"        impl $PublicBitFlags {\n            /// Get a flags value with all bits unset.\n" +
			"            #[inline]\n            pub const fn empty() -> Self {\n                Self::from_bits_retain(0)\n            }\n\n" +
			"            /// Get the underlying bits value.\n            #[inline]\n            pub const fn bits(&self) -> $T {\n" +
			body + "            }\n        }\n    };\n}\n"
	}
	const before = "                let f = self;\n                $bits_body\n"
	const after = "                $bits_body\n"
	found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Avoid local variables in generated code."},
		difftest.CommitOf(t, difftest.Changed("src/lib.rs", macro(before), macro(after))), Options{})
	if len(found) != 0 {
		t.Errorf("a change inside a macro's body: %q", found[0].Title)
	}

	const outside = "\npub fn parse(s: &str) -> usize {\n    s.len()\n}\n"
	const outsideNew = "\npub fn parse(s: &str) -> usize {\n    s.trim().len()\n}\n"
	found, _ = Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Trim before parsing"},
		difftest.CommitOf(t, difftest.Changed("src/lib.rs", macro(before)+outside, macro(before)+outsideNew)), Options{})
	if len(found) != 1 || !strings.Contains(found[0].Title, "parse") {
		t.Errorf("a pub fn after the macro: %+v", found)
	}
}

// Files of one commit with the same name are told apart in the merged
// title by their folders (indexmap 61c9d53: "in slice.rs and slice.rs").
func TestMergeCommitTellsSameNamedFilesApart(t *testing.T) {
	fs := []finding.Finding{
		{Kind: finding.KindUntested, Evidence: finding.Evidence{Path: "src/map/slice.rs"}, Items: []string{"Slice.split_at_checked (lines 147-150)", "Slice.split_at_mut_checked (lines 155-158)"}},
		{Kind: finding.KindUntested, Evidence: finding.Evidence{Path: "src/set/slice.rs"}, Items: []string{"Slice.split_at_checked (lines 98-101)"}},
	}
	got := Detector{}.MergeCommit(fs)
	if want := "Add tests for Slice.split_at_checked and 2 more in map/slice.rs and set/slice.rs"; got.Title != want {
		t.Errorf("title %q, want %q", got.Title, want)
	}
	if want := "in map/slice.rs and set/slice.rs with no test change"; !strings.HasSuffix(got.Text, want) {
		t.Errorf("text %q, want it to end %q", got.Text, want)
	}
	for _, tc := range []struct {
		paths []string
		want  string
	}{
		{[]string{"a/x.go", "b/x.go"}, "[a/x.go b/x.go]"},
		{[]string{"a/c/x.go", "b/c/x.go", "y.go"}, "[a/c/x.go b/c/x.go y.go]"},
		{[]string{"x.go", "a/x.go"}, "[x.go a/x.go]"},
		{[]string{"x.go", "x.go"}, "[x.go x.go]"},
		{[]string{"a/x.go", "b/y.go"}, "[x.go y.go]"},
	} {
		if got := fmt.Sprint(distinctNames(tc.paths)); got != tc.want {
			t.Errorf("distinctNames(%q) = %s, want %s", tc.paths, got, tc.want)
		}
	}
}

// The index a commit's files are checked against says what Covers says,
// for every pair of the paths Covers is tested with and a few more.
func TestCoverIndexAgreesWithCovers(t *testing.T) {
	paths := []string{
		"calc/calc_test.go", "calc/div.go", "other/div.go", "examples_test.go", "command.go", "calc/x/y_test.go",
		"tests/test_calc.py", "pkg/calc.py", "pkg/calc_test.py", "pkg/other.py", "test_calc.py",
		"src/calc.test.tsx", "lib/calc.ts", "src/__tests__/calc.js", "src/calc.js", "src/calc.test.ts", "src/calc.py",
		"src/test/java/a/CalcTest.java", "src/test/java/a/CalcIT.java", "src/main/java/a/Calc.java",
		"src/lib.rs", "tests/lib.rs", "README.md", "docs/calc.md", "Makefile",
	}
	for _, test := range paths {
		ix := newCoverIndex([]string{test})
		for _, src := range paths {
			if got, want := ix.covers(src), Covers(test, src); got != want {
				t.Errorf("index of [%s] covers %s: %v; Covers says %v", test, src, got, want)
			}
		}
	}
	all := newCoverIndex(paths)
	for _, src := range paths {
		want := false
		for _, test := range paths {
			want = want || Covers(test, src)
		}
		if got := all.covers(src); got != want {
			t.Errorf("index of every path covers %s: %v; Covers of any says %v", src, got, want)
		}
	}
}

// A bot's commit asks for no test: pyparsing-dev/pyparsing ea463fa,
// "Sync regex_inverter example from pyparsing" by github-actions, copied
// an example's 22 classes. The same change by a person is reported.
func TestUntestedSkipsBotCommits(t *testing.T) {
	file := difftest.Added("dest/inv_regex.py", "class CharacterRangeEmitter:", "    def __init__(self, chars):", "        self.charset = chars")
	for _, tc := range []struct {
		author string
		want   int
	}{{"github-actions", 0}, {"github-actions[bot]", 0}, {"Paul McGuire", 1}} {
		found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Author: tc.author, Subject: "Sync regex_inverter example from pyparsing"},
			difftest.Commit(t, file), Options{})
		if len(found) != tc.want {
			t.Errorf("by %s: %d findings, want %d", tc.author, len(found), tc.want)
		}
	}
}

// leethomason/tinyxml2, a C++ library, keeps setversion.py at its top to
// stamp release numbers: a tool of a repository that declares no Python.
// With a pyproject.toml, the same file is the project's code.
func TestToolScriptOfARepositoryWithoutPython(t *testing.T) {
	script := "import re\nimport sys\n\n\ndef mesonRule(line):\n    matchVersion = \"version : '\"\n    if line.startswith(matchVersion):\n        return matchVersion + versionStr + \"',\\n\"\n    return line\n"
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "meson version"}
	alone := difftest.CommitOf(t, difftest.Change{NewPath: "setversion.py", New: script})
	if found, _ := Detect(c, alone, Options{}); len(found) != 0 {
		t.Errorf("a C++ project's script: %+v", found)
	}
	python := difftest.CommitOf(t, difftest.Change{NewPath: "setversion.py", New: script}, difftest.Unchanged("pyproject.toml", "[project]\nname = \"tinyxml2\"\n"))
	if found, _ := Detect(c, python, Options{}); len(found) != 1 {
		t.Errorf("a Python project's module: %d findings, want 1", len(found))
	}
	// carltongibson/django-filter's runshell.py, beside its setup.py: a
	// shebang says the project runs it.
	run := difftest.CommitOf(t, difftest.Change{NewPath: "setversion.py", New: "#!/usr/bin/env python\n" + script}, difftest.Unchanged("setup.py", "setup()\n"))
	if found, _ := Detect(c, run, Options{}); len(found) != 0 {
		t.Errorf("a script at the top with a shebang: %+v", found)
	}
}

// jaraco/keyring ea2ef8c made Credential.password's abstract body "...",
// its type str: the subclasses give its code.
func TestAbstractMethodAsksForNoTest(t *testing.T) {
	class := func(deco, body string) string {
		return "import abc\n\n\nclass Credential(metaclass=abc.ABCMeta):\n    \"\"\"Abstract class to manage credentials\"\"\"\n\n" +
			"    @abc.abstractproperty\n    def username(self) -> str | None:\n        return None\n\n" + deco + body + "\n\nclass Other:\n    pass\n"
	}
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Restrict SimpleCredential to require a password."}
	for _, tc := range []struct {
		deco string
		want int
	}{{"    @abc.abstractproperty\n", 0}, {"    @property\n", 1}} {
		cd := difftest.CommitOf(t, difftest.Changed("keyring/credentials.py", class(tc.deco, "    def password(self) -> str | None:\n        return None\n"),
			class(tc.deco, "    def password(self) -> str:\n        return os.environ.get(\"PASSWORD\", \"\")\n")), difftest.Unchanged("pyproject.toml", "[project]\n"))
		if found, _ := Detect(c, cd, Options{}); len(found) != tc.want {
			t.Errorf("%q: %d findings, want %d", tc.deco, len(found), tc.want)
		}
	}
}

// psf/cachecontrol bd94f7e "Fix exception raising in BaseCache" made
// get, set and delete raise NotImplementedError rather than
// NotImplemented: placeholders of a base class, whose subclasses give the
// code. A body that does something before it raises is code.
func TestNotImplementedPlaceholderAsksForNoTest(t *testing.T) {
	base := func(body string) string {
		return "class BaseCache(object):\n\n    def get(self, key):\n" + body + "\n    def close(self):\n        pass\n"
	}
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Fix exception raising in BaseCache"}
	for _, tc := range []struct {
		old, new string
		want     int
	}{
		{"        raise NotImplemented()\n", "        raise NotImplementedError()\n", 0},
		{"        \"\"\"Get a value.\"\"\"\n        raise NotImplemented\n", "        \"\"\"Get a value.\"\"\"\n        raise NotImplementedError(\"get\")\n", 0},
		{"        return None\n", "        log(key)\n        raise NotImplementedError()\n", 1},
	} {
		cd := difftest.CommitOf(t, difftest.Changed("cachecontrol/cache.py", base(tc.old), base(tc.new)), difftest.Unchanged("setup.py", "setup()\n"))
		if found, _ := Detect(c, cd, Options{}); len(found) != tc.want {
			t.Errorf("%q: %d findings, want %d", tc.new, len(found), tc.want)
		}
	}
}

func TestPythonTestNames(t *testing.T) {
	for _, tc := range []struct {
		path, name string
		want       bool
	}{
		{"keyring/testing/backend.py", "BackendBasicTests.test_empty_username", true},
		{"keyring/testing/backend.py", "BackendBasicTests.check_set_get", true},
		{"pkg/testing.py", "test_roundtrip", true},
		{"src/_pytest/reports.py", "TestReport.from_item_and_call", false},
		{"pkg/contest.py", "Contest.score", false},
		{"pkg/latest.py", "latest_version", false},
		{"pkg/x.go", "test_thing", false},
	} {
		if got := pythonTest(tc.path, tc.name); got != tc.want {
			t.Errorf("pythonTest(%q, %q) = %v, want %v", tc.path, tc.name, got, tc.want)
		}
	}
}

// python-hyper/h11 bdcc34e rewrote ReceiveBuffer.maybe_extract_lines,
// which tests/test_receivebuffer.py (named without the module's
// underscore) calls: tested code rewritten. Its doc comment rewritten
// with it states a new contract; a fix asks for its regression test.
func TestCodeItsOwnTestsCall(t *testing.T) {
	mod := func(doc, body string) string {
		return "class ReceiveBuffer:\n    def maybe_extract_lines(self):\n        \"\"\"" + doc + "\"\"\"\n        start = self._next_line_search\n" + body + "        return lines\n"
	}
	test := "from .._receivebuffer import ReceiveBuffer\n\n\ndef test_receivebuffer():\n    b = ReceiveBuffer()\n    assert b.maybe_extract_lines() is None\n"
	for _, tc := range []struct {
		name, subject, oldDoc, newDoc string
		want                          int
	}{
		{"rewritten", "Changed maybe_extract_lines start processing", "Extract lines.", "Extract lines.", 0},
		{"a new contract", "Changed maybe_extract_lines start processing", "Extract lines.", "Extract lines; None until a blank line.", 1},
		{"a fix", "Fix maybe_extract_lines skipping a blank line", "Extract lines.", "Extract lines.", 1},
	} {
		cd := difftest.CommitOf(t,
			difftest.Changed("h11/_receivebuffer.py", mod(tc.oldDoc, "        lines = self._extract(start)\n"), mod(tc.newDoc, "        lines = self._extract(max(0, start - 2))\n")),
			difftest.Unchanged("h11/tests/test_receivebuffer.py", test), difftest.Unchanged("pyproject.toml", "[project]\n"))
		if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: tc.subject}, cd, Options{}); len(found) != tc.want {
			t.Errorf("%s: %d findings, want %d", tc.name, len(found), tc.want)
		}
	}
}

// pyinvoke/invoke 72b337a6 "test: implement additional typing" annotated
// Result.ok, which tests/runners.py tests: invoke's pytest takes any file
// for a test, and names each after its module (round 106, noise). A
// subject about types keeps behaviour; under the tests the module has,
// nothing is missing. Without them, the change is reported as before.
func TestTypingUnderTestsNamedAsTheModule(t *testing.T) {
	runners := func(ann, ret string) string {
		return "class Result:\n    @property\n    def ok(self)" + ann + ":\n        return " + ret + "\n"
	}
	change := difftest.Changed("invoke/runners.py", runners("", "self.exited == 0"), runners(" -> bool", "bool(self.exited == 0)"))
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "test: implement additional typing"}
	tested := difftest.CommitOf(t, change, difftest.Unchanged("tests/runners.py", "from invoke import Result\n\ndef ok_is_true():\n    assert Result(exited=0).ok\n"))
	if found, _ := Detect(c, tested, Options{}); len(found) != 0 {
		t.Errorf("types added under tests/runners.py: %+v", found)
	}
	if found, _ := Detect(c, difftest.CommitOf(t, change), Options{}); len(found) != 1 {
		t.Errorf("types added, no test of the module: %d findings, want 1", len(found))
	}
	// 6e2ec91 "test: add type-hints" gave handle_stdin's echo a default as
	// it annotated it: no call breaks. Under another subject it is a new
	// signature to test.
	stdin := func(sig string) string {
		return "class Runner:\n    def handle_stdin(" + sig + ") -> None:\n        return None\n"
	}
	typed := difftest.Changed("invoke/runners.py", stdin("self, input_, output, echo"), stdin("self, input_: \"TextIOWrapper\", output: \"TextIOWrapper\", echo: bool = False"))
	runnersTests := difftest.Unchanged("tests/runners.py", "from invoke import Runner\n\ndef runs():\n    Runner().run(\"true\")\n")
	if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "test: add type-hints"}, difftest.CommitOf(t, typed, runnersTests), Options{}); len(found) != 0 {
		t.Errorf("a default given as types were added: %+v", found)
	}
	if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Let handle_stdin echo by default"}, difftest.CommitOf(t, typed, runnersTests), Options{}); len(found) != 1 {
		t.Errorf("a default given under another subject: %d findings, want 1", len(found))
	}
}

// iamkun/dayjs 7ae1a1d8 moved the en ordinal out of the advancedFormat
// plugin, whose default export test/plugin/advancedFormat.test.js imports
// and hands to dayjs.extend: the src/ tree mirrored under test/, and a
// plugin used, not called, by its tests (round 108, noise).
func TestPluginTestedUnderTheMirroredTree(t *testing.T) {
	plugin := func(ord string) string {
		return "export default (o, c) => {\n  const proto = c.prototype\n  proto.format = function (formatStr) {\n    return " + ord + "\n  }\n}\n"
	}
	change := difftest.Changed("src/plugin/advancedFormat/index.js", plugin("ordinal(this.$D)"), plugin("this.$locale().ordinal(this.$D)"))
	tests := difftest.Unchanged("test/plugin/advancedFormat.test.js",
		"import dayjs from '../../src'\nimport advancedFormat from '../../src/plugin/advancedFormat'\n\ndayjs.extend(advancedFormat)\n\nit('Format Day of Month Do 1 - 31', () => {\n  expect(dayjs().format('Do')).toBe('1st')\n})\n")
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Move en ordinal into the en locale"}
	if found, _ := Detect(c, difftest.CommitOf(t, change, tests), Options{}); len(found) != 0 {
		t.Errorf("a plugin its mirrored test imports: %+v", found)
	}
	if found, _ := Detect(c, difftest.CommitOf(t, change), Options{}); len(found) != 1 {
		t.Errorf("a plugin no test imports: %d findings, want 1", len(found))
	}
}

func TestConventionalTestsDropUnderscores(t *testing.T) {
	for p, want := range map[string]string{
		"h11/_receivebuffer.py": "tests/test_receivebuffer.py",
		"httpie/ssl_.py":        "tests/test_ssl.py", // httpie/cli
	} {
		if got := conventionalTests(p); !slices.Contains(got, want) {
			t.Errorf("conventionalTests(%q) = %q, want it to hold %q", p, got, want)
		}
	}
}

// A test file the commit deletes is a test it changes: vitejs/vite
// cccef55dfa took out shared/__tests__/utils.spec.ts with the code it
// tested, and "changes no test file" was false (round 119, wrong).
func TestDeletedTestIsATestChange(t *testing.T) {
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Revert the id wrapping"}
	for _, tc := range []struct {
		name  string
		files []difftest.Change
		want  int
	}{
		{"JavaScript, a spec deleted", []difftest.Change{
			difftest.Changed("packages/vite/src/shared/utils.ts", "export function wrapId(id) {\n  return id\n}\n", "export function wrapId(id) {\n  return id.startsWith('/@id/') ? id : '/@id/' + id\n}\n"),
			{OldPath: "packages/vite/src/shared/__tests__/utils.spec.ts", Old: "import { wrapId } from '../utils'\ntest('wrapId', () => { wrapId('a') })\n"},
			difftest.Unchanged("packages/vite/src/node/__tests__/other.spec.ts", "test('x', () => {})\n"),
		}, 0},
		{"JavaScript, no test changed", []difftest.Change{
			difftest.Changed("packages/vite/src/shared/utils.ts", "export function wrapId(id) {\n  return id\n}\n", "export function wrapId(id) {\n  return id.startsWith('/@id/') ? id : '/@id/' + id\n}\n"),
			difftest.Unchanged("packages/vite/src/node/__tests__/other.spec.ts", "test('x', () => {})\n"),
		}, 1},
		{"Go, the folder's test deleted", []difftest.Change{
			difftest.Changed("wrap/wrap.go", "package wrap\n\nfunc Wrap(id string) string {\n\treturn id\n}\n", "package wrap\n\nfunc Wrap(id string) string {\n\treturn \"/@id/\" + id\n}\n"),
			{OldPath: "wrap/wrap_test.go", Old: "package wrap\n\nfunc TestWrap(t *testing.T) { Wrap(\"a\") }\n"},
			difftest.Unchanged("other/other_test.go", "package other\n"),
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found, _ := Detect(c, difftest.CommitOf(t, tc.files...), Options{})
			if len(found) != tc.want {
				t.Errorf("%d findings, want %d: %+v", len(found), tc.want, found)
			}
		})
	}
}

// A translation's messages are data written as code: colinhacks/zod's
// locales/bn.ts and six more were drafted "Add tests for the default
// export" (round 122, noise). The same code elsewhere is reported.
func TestMessageCatalogsAskForNoTests(t *testing.T) {
	src := "export default function () {\n  return { localeError: error() };\n}\n\nexport function error() {\n  return (issue) => issue.code === 'too_big' ? 'বড়' : 'ভুল';\n}\n"
	test := difftest.Unchanged("packages/zod/src/v4/core/tests/index.test.ts", "test('x', () => {})\n")
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Add Bengali locale"}
	for p, want := range map[string]int{
		"packages/zod/src/v4/locales/bn.ts": 0,
		"src/i18n/bn.ts":                    0,
		"packages/zod/src/v4/errors/bn.ts":  1,
	} {
		found, _ := Detect(c, difftest.CommitOf(t, test, difftest.Changed(p, "", src)), Options{})
		if len(found) != want {
			t.Errorf("%s: %d findings, want %d", p, len(found), want)
		}
	}
}

// The body's list is all the commit changed only when the finding keeps
// every changed symbol: charmbracelet/lipgloss ad876c4 added layer.go
// whole, and "(Layer.GetLayer added, ... and Compositor.Refresh added)"
// read as all of it, a dozen methods short (round 123, wrong).
func TestBodySaysWhenTheListIsPartOfTheChange(t *testing.T) {
	draw := "\n// Draw draws the layer.\nfunc (l *Layer) Draw(w int) string {\n\tif w <= 0 {\n\t\treturn \"\"\n\t}\n\treturn strings.Repeat(l.id, w)\n}\n"
	id := "\n// ID is the layer's id.\nfunc (l *Layer) ID() string {\n\treturn l.id\n}\n"
	head := "package lipgloss\n\nimport \"strings\"\n\n// Layer is a layer.\ntype Layer struct{ id string }\n"
	test := difftest.Unchanged("style_test.go", "package lipgloss\n\nimport \"testing\"\n\nfunc TestStyle(t *testing.T) {}\n")
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Add layers"}
	for _, tc := range []struct {
		name, src, want string
	}{
		{"an accessor left out", head + draw + id, "exported code in layer.go, among it Layer.Draw added, and changes"},
		{"all of it", "package lipgloss\n\nimport \"strings\"\n" + strings.ReplaceAll(draw, "(l *Layer) ", ""), "exported code in layer.go (Draw added) and changes"},
	} {
		found, _ := Detect(c, difftest.CommitOf(t, test, difftest.Changed("layer.go", "", strings.ReplaceAll(tc.src, "l.id", "\"x\""))), Options{})
		if len(found) != 1 || !strings.Contains(found[0].Body, tc.want) {
			t.Errorf("%s: %+v, want a body with %q", tc.name, found, tc.want)
		}
	}
}
