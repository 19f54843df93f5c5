package analyze

import (
	"path"
	"strings"
)

// IsTestPath reports whether the file at p is a test, by the naming
// conventions of the languages ChangedSymbols reads: Go *_test.go; Python
// test_*.py, *_test.py, conftest.py and anything under tests/ or test/;
// JavaScript/TypeScript *.test.*, *.spec.* and __tests__/; Java
// src/test/** and *Test.java, *Tests.java, *IT.java; Rust tests/.
func IsTestPath(p string) bool {
	base := path.Base(p)
	switch symbolLanguage(p) {
	case langGo:
		return strings.HasSuffix(base, "_test.go")
	case langPython:
		return strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") ||
			base == "conftest.py" || hasDir(p, "tests", "test")
	case langJS:
		return strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") || hasDir(p, "__tests__")
	case langJava:
		stem := strings.TrimSuffix(base, ".java")
		return strings.Contains("/"+p, "/src/test/") || strings.HasSuffix(stem, "Test") ||
			strings.HasSuffix(stem, "Tests") || strings.HasSuffix(stem, "IT")
	case langRust:
		return hasDir(p, "tests")
	}
	return false
}

// hasDir reports whether one of p's directories is named one of names.
func hasDir(p string, names ...string) bool {
	for _, dir := range strings.Split(path.Dir(p), "/") {
		for _, n := range names {
			if dir == n {
				return true
			}
		}
	}
	return false
}

// UntestedCovers reports whether a change to the test file testPath
// resolves an open untested finding for sourcePath: a Go test in the same
// directory; Python test_<base>.py or <base>_test.py anywhere; JS/TS
// <base>.test.* or <base>.spec.* (or __tests__/<base>.*) anywhere; Java
// <Base>Test.java, <Base>Tests.java or <Base>IT.java anywhere; Rust the
// same file (which added a #[test]). The store knows which findings are
// open; DetectUntested only knows the paths in the commit, so a caller
// that wants every covered path resolved applies this to its open
// untested findings.
func UntestedCovers(testPath, sourcePath string) bool {
	lang := symbolLanguage(sourcePath)
	if lang == "" || symbolLanguage(testPath) != lang || IsTestPath(sourcePath) {
		return false
	}
	switch lang {
	case langGo:
		return IsTestPath(testPath) && path.Dir(testPath) == path.Dir(sourcePath)
	case langRust:
		return testPath == sourcePath
	}
	stem := testedStem(testPath)
	return stem != "" && stem == fileStem(sourcePath)
}

// testedStem is the base name, without extension, of the file a test file
// is named after: "calc" for test_calc.py, calc.test.ts, __tests__/calc.ts;
// "Calc" for CalcTest.java. "" when the name follows no convention.
func testedStem(testPath string) string {
	base := path.Base(testPath)
	switch symbolLanguage(testPath) {
	case langGo:
		return strings.TrimSuffix(base, "_test.go")
	case langPython:
		stem := strings.TrimSuffix(base, ".py")
		if s, ok := strings.CutPrefix(stem, "test_"); ok {
			return s
		}
		if s, ok := strings.CutSuffix(stem, "_test"); ok {
			return s
		}
	case langJS:
		for _, marker := range []string{".test.", ".spec."} {
			if k := strings.Index(base, marker); k > 0 {
				return base[:k]
			}
		}
		if hasDir(testPath, "__tests__") {
			return fileStem(testPath)
		}
	case langJava:
		stem := strings.TrimSuffix(base, ".java")
		for _, suffix := range []string{"Tests", "Test", "IT"} {
			if s, ok := strings.CutSuffix(stem, suffix); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

// fileStem is the base name up to its first dot: "calc" for calc.ts.
func fileStem(p string) string {
	base := path.Base(p)
	if k := strings.IndexByte(base, '.'); k > 0 {
		return base[:k]
	}
	return base
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
	switch symbolLanguage(testPath) {
	case langGo:
		add(dir, stem+".go")
	case langPython:
		add(dir, stem+".py")
		if b := path.Base(dir); b == "tests" || b == "test" {
			add(path.Dir(dir), stem+".py")
		}
	case langJS:
		ext := path.Ext(base)
		add(dir, stem+ext)
		if path.Base(dir) == "__tests__" {
			add(path.Dir(dir), stem+ext)
		}
	case langJava:
		if k := strings.Index("/"+dir+"/", "/src/test/"); k >= 0 {
			dir = dir[:k] + "src/main/" + strings.TrimPrefix(dir[k:], "src/test/")
		}
		add(dir, stem+".java")
	}
	return out
}
