package untested

import (
	"math"
	"path"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// confidence says how sure the finding is to be worth an issue, from what
// the commit shows, as judged on real history (quality/FINDINGS.md):
//   - new code more than changed code, more than a line of it;
//   - a fix with no regression test is the most worth an issue, however
//     small (rust-analyzer eba920da: a one-line panic fix "without a
//     regression test"); its file having tests makes one easy to add;
//   - otherwise, in a file the project already tests (its conventional test
//     file exists at the commit), new code was left out of its tests, but
//     code only changed is most often a rewrite those tests already cover
//     (go-git bf2347ea moves seven Decode methods onto a scanner, each with
//     its _test.go): it goes to the digest.
func confidence(subject string, files *symbol.Commit, f *analyze.FileDiff, syms []symbol.Symbol) float64 {
	c := 0.5
	added := false
	for _, s := range syms {
		switch s.Change {
		case symbol.Added:
			c, added = max(c, 0.6), true
		case symbol.SignatureChanged:
			c, added = max(c, 0.55), true
		}
	}
	fix := analyze.IsFixSubject(subject)
	switch n := changedCodeLines(f, syms); {
	case n <= 1 && !fix:
		c -= 0.15
	case n >= 5:
		c += 0.1
	}
	tested := hasTestFile(files, f.NewPath)
	switch {
	case fix:
		c += 0.2
		if tested {
			c += 0.1
		}
	case tested && added:
		c += 0.2
	case tested:
		c -= 0.1 // changed only, in tested code: a rewrite the tests cover
	}
	return math.Round(min(max(c, 0.1), 0.95)*100) / 100
}

// changedCodeLines counts the non-blank lines f adds inside the symbols.
func changedCodeLines(f *analyze.FileDiff, syms []symbol.Symbol) int {
	n := 0
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind != analyze.Added || strings.TrimSpace(l.Text) == "" {
				continue
			}
			for _, s := range syms {
				if l.NewNo >= s.Line && l.NewNo <= max(s.EndLine, s.Line) {
					n++
					break
				}
			}
		}
	}
	return n
}

// hasTestFile reports whether the file at p has tests of its own at the
// commit: the test files named after it where projects keep them, or,
// for Rust, a #[cfg(test)] module in the file.
func hasTestFile(files *symbol.Commit, p string) bool {
	tests := conventionalTests(p)
	files.Prefetch(analyze.FilesAt(analyze.Added, tests...)...) // Python's four places in one round trip
	for _, t := range tests {
		if _, ok := files.Read(t, analyze.Added); ok {
			return true
		}
	}
	if analyze.SourceLanguage(p) == analyze.LangRust {
		if src, ok := files.Read(p, analyze.Added); ok {
			return strings.Contains(string(src), "#[cfg(test)]")
		}
	}
	return false
}

// conventionalTests are the paths where projects keep the tests of the
// source file p: the reverse of conventionalSources.
func conventionalTests(p string) []string {
	dir, base := path.Dir(p), path.Base(p)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	switch analyze.SourceLanguage(p) {
	case analyze.LangGo:
		return []string{path.Join(dir, stem+"_test.go")}
	case analyze.LangPython:
		// A private module's tests drop its underscore: python-hyper/h11's
		// _receivebuffer.py is tested in tests/test_receivebuffer.py; so
		// does a module named around a keyword or a standard module:
		// httpie's ssl_.py is tested in tests/test_ssl.py (round 93).
		stem = strings.Trim(stem, "_")
		// And a project whose pytest takes any file for a test names it
		// as the module: pyinvoke/invoke's invoke/runners.py is tested in
		// tests/runners.py ("test: implement additional typing" had
		// Result.ok's annotation drafted: round 106, noise).
		out := []string{path.Join(dir, "test_"+stem+".py"), path.Join(dir, stem+"_test.py"),
			path.Join(dir, "tests", "test_"+stem+".py"), path.Join("tests", "test_"+stem+".py")}
		if dir != "." && !strings.Contains(dir, "/") && stem != "__init__" && stem != "" {
			out = append(out, path.Join("tests", stem+".py")) // a top package's module: invoke/parser/context.py is not tests/context.py's
		}
		if parent := path.Dir(dir); parent != "." {
			out = append(out, path.Join(parent, "tests", "test_"+stem+".py"))
		}
		return out
	case analyze.LangJS:
		out := []string{path.Join(dir, stem+".test"+ext), path.Join(dir, stem+".spec"+ext),
			path.Join(dir, "__tests__", stem+".test"+ext), path.Join(dir, "__tests__", base)}
		// A src/ tree mirrored under test/: iamkun/dayjs tests
		// src/plugin/advancedFormat/index.js in
		// test/plugin/advancedFormat.test.js (round 108, noise).
		name, under := stem, dir
		if stem == "index" {
			name, under = path.Base(dir), path.Dir(dir)
		}
		if rest, ok := strings.CutPrefix(under+"/", "src/"); ok {
			for _, top := range []string{"test", "tests", "__tests__"} {
				out = append(out, path.Join(top, rest, name+".test"+ext), path.Join(top, rest, name+".spec"+ext))
			}
		}
		return out
	case analyze.LangJava:
		if k := strings.Index("/"+dir+"/", "/src/main/"); k >= 0 {
			testDir := dir[:k] + "src/test/" + strings.TrimPrefix(dir[k:], "src/main/")
			return []string{path.Join(testDir, stem+"Test.java"), path.Join(testDir, stem+"Tests.java")}
		}
	}
	return nil
}
