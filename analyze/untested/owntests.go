package untested

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// This file finds tests that live in the source file they test: Rust's
// #[cfg(test)] modules, test attributes and macros, and doc tests;
// Python's doctests.

var (
	// rustTestAttrRE is a test attribute or a test-generating macro:
	// #[test], #[tokio::test(flavor = "multi_thread")], #[rstest],
	// #[test_case(1)], #[quickcheck], proptest! {.
	rustTestAttrRE = lazyregexp.New(`^\s*(?:#\[(?:cfg\(test\)|(?:\w+::)*(?:test|rstest|test_case|quickcheck|proptest|wasm_bindgen_test)\b)|(?:proptest|quickcheck)!\s*\{)`)
	// rustCfgTestRE opens a module that only test builds compile.
	rustCfgTestRE = lazyregexp.New(`^\s*#\[cfg\((?:all\()?test\b`)
	rustModRE     = lazyregexp.New(`^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{`)
	// rustFnRE opens a function item, which a test attribute above makes
	// a test.
	rustFnRE = lazyregexp.New(`^\s*(?:pub(?:\([^)]*\))?\s+)?(?:(?:const|async|unsafe|extern(?:\s+"[^"]*")?)\s+)*fn\s+\w+`)
	// rustDocFenceRE opens or closes a code block in a doc comment; its
	// info string says whether it is a Rust doc test.
	rustDocFenceRE = lazyregexp.New("^\\s*//[/!]\\s?\\s*(```+|~~~+)\\s*([\\w,-]*)")
)

// hunksChangeOwnTests reports whether the hunks of the source file f show
// it adding or changing a test of its own: a Rust test attribute or macro,
// a line inside a #[cfg(test)] module or a doc test that the hunk shows
// whole, a Python doctest line.
func hunksChangeOwnTests(f *analyze.FileDiff) bool {
	switch analyze.SourceLanguage(f.NewPath) {
	case analyze.LangRust:
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Kind == analyze.Added && rustTestAttrRE.MatchString(l.Text) {
					return true
				}
			}
		}
		for _, h := range f.Hunks {
			if addsLineIn(f, rustTestLines(f.NewPath, analyze.SideOfHunk(h, analyze.Added))) {
				return true
			}
		}
	case analyze.LangPython:
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Kind == analyze.Added && strings.HasPrefix(strings.TrimSpace(l.Text), ">>>") {
					return true // a doctest
				}
			}
		}
	}
	return false
}

// fileChangesOwnTests is hunksChangeOwnTests with the whole new file at
// hand, for what a hunk cannot show: a line added to a #[cfg(test)]
// module or a doc test whose opening is outside the hunk. It reads the
// file, so it is asked only about files that would be reported.
func fileChangesOwnTests(files *symbol.Commit, f *analyze.FileDiff) bool {
	if analyze.SourceLanguage(f.NewPath) != analyze.LangRust {
		return false
	}
	src, ok := files.Read(f.NewPath, analyze.Added)
	return ok && addsLineIn(f, rustTestLines(f.NewPath, analyze.FileLines(src)))
}

// isTestData reports a file of a data-driven test suite: not code itself,
// but cases a test runner reads (mypy's test-data/unit/check-x.test,
// golden files).
func isTestData(p string) bool {
	// "_test" too: yuin/goldmark keeps its cases in _test/extra.txt,
	// which extra_test.go runs (four drafts said no test changed: round
	// 103, wrong).
	if analyze.HasDir(p, "test", "tests", "_test", "_tests", "test-data", "test_data", "testdata", "__tests__", "__snapshots__") {
		return true
	}
	// A suite of cases in a data file its test runner reads: itchyny/
	// gojq's cli/test.yaml, to which 0467490 added the regression case
	// of its fix (drafted "Add a regression test": round 101, wrong).
	if analyze.IsConfigPath(p) {
		return false // .github/workflows/run-tests.yml runs tests; it holds none
	}
	stem := strings.ToLower(path.Base(p))
	ext := path.Ext(stem)
	stem = strings.TrimSuffix(stem, ext)
	// A format of cases named for tests, under a folder named for them:
	// caddyserver/caddy's caddytest/integration/caddyfile_adapt/
	// *.caddyfiletest, which caddyfile_adapt_test.go runs (945d19972 and
	// 39c9a85f8 added one with their fixes: "changed no test" was false,
	// round 113).
	if len(ext) > len(".test") && strings.HasSuffix(ext, "test") {
		return true
	}
	return ext == ".test" || stem == "test" || stem == "tests" || strings.HasSuffix(stem, "_test") || strings.HasSuffix(stem, "_tests") ||
		strings.HasSuffix(stem, ".test") || strings.HasSuffix(stem, "-test") || strings.HasSuffix(stem, "-tests")
}

// addsLineIn reports whether f adds a line, other than a blank one, whose
// number is in lines.
func addsLineIn(f *analyze.FileDiff, lines map[int]bool) bool {
	if len(lines) == 0 {
		return false
	}
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == analyze.Added && lines[l.NewNo] && strings.TrimSpace(l.Text) != "" {
				return true
			}
		}
	}
	return false
}

// rustTestLines returns the numbers of the lines that are tests: inside a
// #[cfg(test)] module, a function under a test attribute (#[test] fn at
// the top of the file: seanmonstar/httparse 140faf3 rewrote the
// neon_code_matches_* tests of src/simd/neon.rs with the functions they
// call), or inside a doc comment's code block that rustdoc runs (no info
// string, or rust, should_panic, no_run, edition...; not text, ignore or
// another language).
func rustTestLines(p string, lines []analyze.SideLine) map[int]bool {
	// Most hunks hold neither a fence nor an attribute: no need to lex
	// them or to run a pattern on every line.
	if !slices.ContainsFunc(lines, func(l analyze.SideLine) bool {
		return strings.Contains(l.Text, "```") || strings.Contains(l.Text, "~~~") || strings.Contains(l.Text, "#[")
	}) {
		return nil
	}
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.Text
	}
	code := symbol.Code(p, texts)
	out := map[int]bool{}
	fence, doctest := "", false
	cfgTest := false // a #[cfg(test)] waits for its item
	testFn := false  // a test attribute waits for its function
	for i := 0; i < len(lines); i++ {
		t := lines[i].Text
		if !strings.Contains(t, "```") && !strings.Contains(t, "~~~") {
			// not a fence
		} else if m := rustDocFenceRE.FindStringSubmatch(t); m != nil {
			switch {
			case fence == "":
				fence, doctest = m[1], rustDocTest(m[2])
			case strings.HasPrefix(m[1], fence) && m[2] == "":
				fence = ""
			}
			continue
		}
		trimmed := strings.TrimSpace(t)
		if strings.HasPrefix(trimmed, "///") || strings.HasPrefix(trimmed, "//!") {
			if fence != "" && doctest {
				out[lines[i].No] = true
			}
			continue
		}
		fence = ""
		if code[i].Inside {
			continue
		}
		switch {
		case strings.Contains(t, "#[cfg(") && rustCfgTestRE.MatchString(t):
			cfgTest = true
		case strings.Contains(t, "#[") && rustTestAttrRE.MatchString(t):
			testFn = true
		case (cfgTest || testFn) && rustFnRE.MatchString(code[i].Code), cfgTest && rustModRE.MatchString(code[i].Code):
			// The item, to its closing brace.
			depth, opened := 0, false
			for j := i; j < len(lines); j++ {
				out[lines[j].No] = true
				depth += strings.Count(code[j].Code, "{") - strings.Count(code[j].Code, "}")
				opened = opened || strings.Contains(code[j].Code, "{")
				i = j
				if opened && depth <= 0 || !opened && strings.HasSuffix(strings.TrimSpace(code[j].Code), ";") {
					break // closed, or a declaration without a body
				}
			}
			cfgTest, testFn = false, false
		case trimmed == "" || strings.HasPrefix(trimmed, "#[") || strings.HasPrefix(trimmed, "//"):
		default:
			cfgTest, testFn = false, false
		}
	}
	return out
}

// rustDocTest reports whether a doc comment's code block with this info
// string is a doc test rustdoc compiles.
func rustDocTest(info string) bool {
	for _, w := range strings.Split(info, ",") {
		switch strings.TrimSpace(w) {
		case "", "rust", "should_panic", "no_run", "compile_fail", "edition2015", "edition2018", "edition2021", "edition2024":
		default:
			return false
		}
	}
	return true
}
