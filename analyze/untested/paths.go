package untested

import (
	"path"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// Covers reports whether a change to the test file testPath
// resolves an open untested finding for sourcePath: a Go test in the same
// directory; Python test_<base>.py or <base>_test.py anywhere; JS/TS
// <base>.test.* or <base>.spec.* (or __tests__/<base>.*) anywhere; Java
// <Base>Test.java, <Base>Tests.java or <Base>IT.java anywhere; Rust the
// same file (which added a #[test]). The store knows which findings are
// open; Detect only knows the paths in the commit, so a caller
// that wants every covered path resolved applies this to its open
// untested findings.
func Covers(testPath, sourcePath string) bool {
	lang := analyze.SourceLanguage(sourcePath)
	if lang == "" || analyze.SourceLanguage(testPath) != lang || analyze.IsTestPath(sourcePath) {
		return false
	}
	switch lang {
	case analyze.LangGo:
		return analyze.IsTestPath(testPath) && path.Dir(testPath) == path.Dir(sourcePath)
	case analyze.LangRust:
		return testPath == sourcePath
	}
	stem := testedStem(testPath)
	return stem != "" && stem == analyze.FileStem(sourcePath)
}

// testedStem is the base name, without extension, of the file a test file
// is named after: "calc" for test_calc.py, calc.test.ts, __tests__/calc.ts;
// "Calc" for CalcTest.java. "" when the name follows no convention.
func testedStem(testPath string) string {
	base := path.Base(testPath)
	switch analyze.SourceLanguage(testPath) {
	case analyze.LangGo:
		return strings.TrimSuffix(base, "_test.go")
	case analyze.LangPython:
		stem := strings.TrimSuffix(base, ".py")
		if s, ok := strings.CutPrefix(stem, "test_"); ok {
			return s
		}
		if s, ok := strings.CutSuffix(stem, "_test"); ok {
			return s
		}
	case analyze.LangJS:
		for _, marker := range []string{".test.", ".spec."} {
			if k := strings.Index(base, marker); k > 0 {
				return base[:k]
			}
		}
		if analyze.HasDir(testPath, "__tests__") {
			return analyze.FileStem(testPath)
		}
	case analyze.LangJava:
		stem := strings.TrimSuffix(base, ".java")
		for _, suffix := range []string{"Tests", "Test", "IT"} {
			if s, ok := strings.CutSuffix(stem, suffix); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

// conventionalSources guesses the source files a test file is named after,
// where projects usually keep them: calc/div_test.go tests calc/div.go;
// tests/test_calc.py tests calc.py beside tests/; src/__tests__/calc.test.ts
// tests src/calc.ts; src/test/java/a/CalcTest.java tests
// src/main/java/a/Calc.java. A guess that names no open finding resolves
// nothing.
func conventionalSources(testPath string) []string {
	stem := testedStem(testPath)
	if stem == "" {
		return nil
	}
	dir, base := path.Dir(testPath), path.Base(testPath)
	var out []string
	add := func(d, name string) { out = append(out, path.Join(d, name)) }
	switch analyze.SourceLanguage(testPath) {
	case analyze.LangGo:
		add(dir, stem+".go")
	case analyze.LangPython:
		add(dir, stem+".py")
		if b := path.Base(dir); b == "tests" || b == "test" {
			add(path.Dir(dir), stem+".py")
		}
	case analyze.LangJS:
		ext := path.Ext(base)
		add(dir, stem+ext)
		if path.Base(dir) == "__tests__" {
			add(path.Dir(dir), stem+ext)
		}
	case analyze.LangJava:
		if k := strings.Index("/"+dir+"/", "/src/test/"); k >= 0 {
			dir = dir[:k] + "src/main/" + strings.TrimPrefix(dir[k:], "src/test/")
		}
		add(dir, stem+".java")
	}
	return out
}

// goOutsideTest reports a Go test whose folder holds tests of the module
// from outside its packages (test/issues/567/issue_test.go, tests/
// feature_test.go), to which the commit adds lines: such a test calls the
// API, which reaches the changed code through packages of its own.
// expr-lang/expr 73384e1 "fix(vm): show func for safe calls in
// disassembly" added test/issues/567's TestIssue567, which checks
// Program.DisassembleWriter's output through expr.Compile, and the draft
// said no test could cover vm/program.go (round 73, wrong).
func goOutsideTest(f *analyze.FileDiff) bool {
	p := f.NewPath
	if analyze.SourceLanguage(p) != analyze.LangGo || !analyze.IsTestPath(p) || !analyze.HasDir(p, "test", "tests") {
		return false
	}
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == analyze.Added && strings.TrimSpace(l.Text) != "" {
				return true
			}
		}
	}
	return false
}

// goEndToEndTest reports a Go file of an end-to-end test suite, which is
// no _test.go file: jesseduffield/lazygit's pkg/integration/tests/ (each
// test a NewIntegrationTest value its runner drives the whole program
// with), an e2e/ or integration_tests/ folder. A change to one tests what
// the commit changed anywhere in the program (lazygit b96b8a975 fixed
// rapid keypresses in the staging panel and turned the test's expected
// failure into the expected result). An integration/ folder alone may be
// the product's integrations with other services: it takes a tests/ folder
// under it. So is a file named for a suite of tests that go test does not
// run: minio/minio-go's functional_tests.go, a `//go:build mint` program
// the Mint harness runs against a server (76a4146 added
// testGetObjectAttributes to it with GetObjectAttributes, and the draft
// said no test could cover it: round 141, wrong).
func goEndToEndTest(p string) bool {
	if analyze.SourceLanguage(p) != analyze.LangGo || analyze.IsTestPath(p) {
		return false
	}
	return strings.HasSuffix(path.Base(p), "_tests.go") ||
		analyze.HasDir(p, "e2e", "integration_tests", "integration-tests", "integrationtests") ||
		analyze.HasDir(p, "integration") && analyze.HasDir(p, "tests", "test")
}

// coverIndex answers Covers for one commit's tests at once: a big commit
// asked Covers of every test for every file (343 files and 100 tests in
// go-git's move to v6), each asking a file's language again.
type coverIndex map[string]bool

// coverKey is what a test and a source file Covers pairs share: the
// folder of a Go file, a Rust file's own path, or the stem the other
// languages name their tests after; "" when p can cover or be covered by
// nothing of lang.
func coverKey(lang, p string, test bool) string {
	switch lang {
	case "":
		return ""
	case analyze.LangGo:
		return path.Dir(p)
	case analyze.LangRust:
		return p
	}
	if test {
		return testedStem(p)
	}
	return analyze.FileStem(p)
}

func newCoverIndex(tests []string) coverIndex {
	ix := coverIndex{}
	for _, t := range tests {
		lang := analyze.SourceLanguage(t)
		if lang == analyze.LangGo && !analyze.IsTestPath(t) {
			continue // a Go file covers its folder only as a test
		}
		if k := coverKey(lang, t, true); k != "" {
			ix[lang+"\x00"+k] = true
		}
	}
	return ix
}

// covers is whether any of the tests Covers the source file p.
func (ix coverIndex) covers(p string) bool {
	lang := analyze.SourceLanguage(p)
	if len(ix) == 0 || lang == "" || analyze.IsTestPath(p) {
		return false
	}
	k := coverKey(lang, p, false)
	return k != "" && ix[lang+"\x00"+k]
}

// pythonTest reports a Python test by pytest's names: a test_ function or
// method, or a method of a class of ...Tests. A library's package of test helpers for its
// plugins holds them outside the test folders (jaraco/keyring's
// keyring/testing/backend.py, whose BackendBasicTests.test_empty_username
// was drafted untested: round 73, noise).
func pythonTest(p, name string) bool {
	if analyze.SourceLanguage(p) != analyze.LangPython {
		return false
	}
	class, fn, method := strings.Cut(name, ".")
	if !method {
		fn, class = class, ""
	}
	// Not a class named Test...: a test framework's own TestReport is
	// its product (pytest-dev/pytest's src/_pytest/reports.py).
	return strings.HasPrefix(fn, "test_") || strings.HasSuffix(class, "Tests")
}
