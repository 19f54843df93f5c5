package analyze

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// UntestedOptions configure DetectUntested. Zero fields take the defaults.
type UntestedOptions struct {
	// MinSymbols is how many exported symbols of one file must change for
	// the file to be reported. Default 1.
	MinSymbols int
}

// UntestedFingerprint is the fingerprint of the untested finding for a
// source file: one per file, whatever its symbols, so that a later commit
// that adds the tests can resolve it without knowing which symbols the
// finding listed.
func UntestedFingerprint(path string) string {
	return KindUntested + ":" + path
}

var (
	rustTestAttrRE = regexp.MustCompile(`^\s*#\[(?:cfg\(test\)|(?:\w+::)*test)\]`)
	goPackageRE    = regexp.MustCompile(`^package\s+(\w+)`)
)

// DetectUntested reports the source files in which a commit adds or
// changes exported functions, methods, classes or constants (see
// ChangedSymbols; plain types have nothing to test) while it touches no test
// file that could cover them: for Go a *_test.go in the same directory;
// for Python, JS/TS and Java any test file of that language (IsTestPath);
// for Rust a #[test] or #[cfg(test)] added to the same file, or a file
// under tests/. Test files, vendored and generated files, and languages
// ChangedSymbols does not read are never reported.
//
// It resolves the untested findings of the source files a changed test
// covers (UntestedCovers) among the commit's own files and the files the
// test is conventionally named after (conventionalSources), and of source
// files the commit deletes or renames away.
func DetectUntested(c Commit, cd *CommitDiff, o UntestedOptions) (found []Finding, resolved []Resolution) {
	if cd == nil {
		return nil, nil
	}
	if o.MinSymbols <= 0 {
		o.MinSymbols = 1
	}
	var tests []string              // test files the commit adds or changes
	selfTested := map[string]bool{} // Rust files that gain a test
	testLangs := map[string]bool{}  // languages with any changed test
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.NewPath == "" || f.Binary {
			continue
		}
		if IsTestPath(f.NewPath) {
			tests = append(tests, f.NewPath)
			testLangs[symbolLanguage(f.NewPath)] = true
		}
		if symbolLanguage(f.NewPath) == langRust && addsLine(f, rustTestAttrRE) {
			selfTested[f.NewPath] = true
			tests = append(tests, f.NewPath)
		}
	}
	covered := func(p string) bool {
		switch lang := symbolLanguage(p); lang {
		case langGo:
			return slices.ContainsFunc(tests, func(t string) bool { return UntestedCovers(t, p) })
		case langRust:
			return selfTested[p] || testLangs[langRust]
		default:
			return testLangs[lang]
		}
	}

	foundFP := map[string]bool{}
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.NewPath == "" || !analysableSource(f) || covered(f.NewPath) {
			continue
		}
		var syms []Symbol
		for _, s := range ChangedSymbols(f) {
			if s.Change != SymbolRemoved && testable(s) {
				syms = append(syms, s)
			}
		}
		if len(syms) == 0 || len(syms) < o.MinSymbols {
			continue
		}
		fd := untestedFinding(c, f, syms)
		foundFP[fd.Fingerprint] = true
		found = append(found, fd)
	}

	resolvedFP := map[string]bool{}
	resolve := func(p string) {
		fp := UntestedFingerprint(p)
		if p == "" || foundFP[fp] || resolvedFP[fp] || IsTestPath(p) || symbolLanguage(p) == "" {
			return
		}
		resolvedFP[fp] = true
		resolved = append(resolved, Resolution{Fingerprint: fp, Commit: c.Hash})
	}
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.OldPath != "" && f.OldPath != f.NewPath {
			resolve(f.OldPath) // deleted or renamed away
		}
		for _, t := range tests {
			if UntestedCovers(t, f.NewPath) {
				resolve(f.NewPath)
			}
		}
	}
	for _, t := range tests {
		if selfTested[t] {
			resolve(t)
		}
		for _, p := range conventionalSources(t) {
			resolve(p)
		}
	}
	return found, resolved
}

// testable reports symbols with behaviour to test: functions, methods,
// classes and exported constants (JS arrow functions). A Go struct, a
// TypeScript interface or a Rust enum that gains a field has nothing a
// test could exercise; its methods are reported on their own.
func testable(s Symbol) bool {
	return s.Kind != symType
}

// analysableSource reports whether f is a non-test source file the symbol
// detectors read: a known language, not vendored or generated, not binary.
func analysableSource(f *FileDiff) bool {
	p := f.Path()
	if f.Binary || symbolLanguage(p) == "" || IsTestPath(p) || SkipReason(p) != "" || hasDir(p, "testdata") {
		return false
	}
	var top []string
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind != Removed && l.NewNo <= generatedProbeLines {
				top = append(top, l.Text)
			}
		}
	}
	return !GeneratedContent(top)
}

// addsLine reports whether f adds a line matching re.
func addsLine(f *FileDiff, re *regexp.Regexp) bool {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == Added && re.MatchString(l.Text) {
				return true
			}
		}
	}
	return false
}

func untestedFinding(c Commit, f *FileDiff, syms []Symbol) Finding {
	p := f.NewPath
	names := make([]string, len(syms))
	items := make([]string, len(syms))
	for i, s := range syms {
		names[i] = s.Name
		if s.EndLine > s.Line {
			items[i] = fmt.Sprintf("%s (lines %d-%d)", s.Name, s.Line, s.EndLine)
		} else {
			items[i] = fmt.Sprintf("%s (line %d)", s.Name, s.Line)
		}
	}
	first := syms[0]
	ev := Evidence{Path: p, Line: first.Line, Commit: c.Hash, Excerpt: first.Signature}
	if first.EndLine > first.Line {
		ev.EndLine = first.EndLine
	}
	return Finding{
		Kind:        KindUntested,
		Fingerprint: UntestedFingerprint(p),
		Text:        fmt.Sprintf("%s changed in %s with no test change", joinNames(names, 3), p),
		Body: fmt.Sprintf("The commit adds or changes exported code in %s (%s) and changes %s.",
			p, joinNames(changeWords(syms), 0), testPlace(p)),
		Title:    untestedTitle(f, names),
		Labels:   []string{"testing"},
		Items:    items,
		Evidence: ev,
	}
}

// untestedTitle is "Add tests for calc.Div" for one Go symbol, "Add tests
// for Div and Mul in calc/div.go" for more, shortened to fit 80 characters.
func untestedTitle(f *FileDiff, names []string) string {
	p := f.NewPath
	if len(names) == 1 && symbolLanguage(p) == langGo {
		if pkg := goPackageName(f); pkg != "" {
			if t := "Add tests for " + pkg + "." + names[0]; len(t) <= titleMax {
				return t
			}
		}
	}
	for _, t := range []string{
		"Add tests for " + joinNames(names, 3) + " in " + p,
		"Add tests for " + joinNames(names, 1) + " in " + p,
		"Add tests for " + joinNames(names, 1) + " in " + path.Base(p),
		"Add tests for the changes to " + path.Base(p),
	} {
		if len(t) <= titleMax {
			return t
		}
	}
	return shortenTitle("Add tests for the changes to "+path.Base(p), titleMax)
}

// titleMax is the longest title a detector suggests, as drafts allow.
const titleMax = 80

// goPackageName is the package clause if the diff shows it, else the
// directory's name; "" at the repository's root.
func goPackageName(f *FileDiff) string {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if m := goPackageRE.FindStringSubmatch(l.Text); m != nil && l.Kind != Removed {
				return m[1]
			}
		}
	}
	if d := path.Dir(f.NewPath); d != "." {
		return path.Base(d)
	}
	return ""
}

// changeWords says how each symbol changed: "Div added", "Mul changed".
func changeWords(syms []Symbol) []string {
	out := make([]string, len(syms))
	for i, s := range syms {
		switch s.Change {
		case SymbolAdded:
			out[i] = s.Name + " added"
		case SymbolSignatureChanged:
			out[i] = s.Name + " with a new signature"
		default:
			out[i] = s.Name + " changed"
		}
	}
	return out
}

// testPlace says where the tests that were not changed would have been.
func testPlace(p string) string {
	switch symbolLanguage(p) {
	case langGo:
		dir := path.Dir(p)
		if dir == "." {
			return "no _test.go file in the repository's root"
		}
		return "no _test.go file in " + dir + "/"
	case langPython:
		return "no Python test file (test_*.py, *_test.py, tests/)"
	case langJS:
		return "no test file (*.test.*, *.spec.*, __tests__/)"
	case langJava:
		return "no Java test (src/test/, *Test.java)"
	case langRust:
		return "no test: no #[test] in the file and nothing under tests/"
	}
	return "no test file"
}

// joinNames joins names as prose: "A", "A and B", "A, B and C". With limit
// above 0, names beyond it are counted instead: "A, B and 3 more".
func joinNames(names []string, limit int) string {
	if limit > 0 && len(names) > limit {
		return strings.Join(names[:limit], ", ") + fmt.Sprintf(" and %d more", len(names)-limit)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// shortenTitle cuts s to at most n bytes at a word boundary, with "…".
func shortenTitle(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := string(truncateUTF8([]byte(s), n-len("…")))
	if k := strings.LastIndexByte(cut, ' '); k > 0 {
		cut = cut[:k]
	}
	return cut + "…"
}
