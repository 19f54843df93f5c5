package untested

import (
	"fmt"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
	"github.com/ticket-master/ticket-master/finding"
)

// This file words an untested finding: its title, text, body and items.

var goPackageRE = lazyregexp.New(`^package\s+(\w+)`)

func untestedFinding(c analyze.Commit, files *symbol.Commit, f *analyze.FileDiff, syms []symbol.Symbol) finding.Finding {
	p := f.NewPath
	syms = files.Spanned(f, syms)
	names := make([]string, len(syms))
	items := make([]string, len(syms))
	for i, s := range syms {
		names[i] = displayName(s.Name)
		if s.EndLine > s.Line {
			items[i] = fmt.Sprintf("%s (lines %d-%d)", names[i], s.Line, s.EndLine)
		} else {
			items[i] = fmt.Sprintf("%s (line %d)", names[i], s.Line)
		}
	}
	first := syms[0]
	ev := finding.Evidence{Path: p, Line: first.Line, Commit: c.Hash, Excerpt: first.Signature}
	if first.EndLine > first.Line {
		ev.EndLine = first.EndLine
	}
	fd := finding.Finding{
		Kind:        finding.KindUntested,
		Fingerprint: Fingerprint(p),
		Text:        fmt.Sprintf("%s changed in %s with no test change", joinNames(names, 3), p),
		Body: fmt.Sprintf(bodyLead+"%s%s and changes %s.",
			p, listed(files, f, syms, joinNames(changeWords(syms), 0)), testPlace(p)),
		Title:      untestedTitle(files, f, syms),
		Labels:     []string{"testing"},
		Items:      items,
		Confidence: confidence(c.Subject, files, f, syms),
		Evidence:   ev,
	}
	if fd.Confidence < draftAlone {
		// A line or two, or a file the project keeps no test file for:
		// judged on real history, rarely worth an issue of its own. It
		// goes into the maintenance digest.
		fd.Severity = finding.Low
	}
	return fd
}

// listed is how the body lists syms (list, in words) among what the
// commit changed in f: all of it in parentheses, or "among it" when the
// commit changed other exported symbols the finding leaves out (tested,
// accessors, types).
// charmbracelet/lipgloss ad876c4 added layer.go whole, and "(Layer.GetLayer
// added, ... and Compositor.Refresh added)" read as all it added, a
// dozen methods short (round 123, wrong).
func listed(files *symbol.Commit, f *analyze.FileDiff, syms []symbol.Symbol, list string) string {
	changed := 0
	for _, s := range files.Changed(f) {
		if s.Change != "" {
			changed++
		}
	}
	if changed > len(syms) {
		return ", among it " + list + ","
	}
	return " (" + list + ")"
}

// draftAlone is the confidence from which an untested finding gets a
// draft of its own: below it, most were true but not worth an issue.
const draftAlone = 0.7

// displayName is how prose names a symbol: an anonymous default export is
// "the default export".
func displayName(name string) string {
	if name == "default" {
		return "the default export"
	}
	return name
}

// untestedTitle is "Add tests for calc.Div" for one Go symbol, "Add tests
// for Div and Mul in calc/div.go" for more, shortened to fit 80 characters.
func untestedTitle(files *symbol.Commit, f *analyze.FileDiff, syms []symbol.Symbol) string {
	p := f.NewPath
	syms = files.Spanned(f, syms)
	names := make([]string, len(syms))
	for i, s := range syms {
		names[i] = displayName(s.Name)
	}
	if len(syms) == 1 && analyze.SourceLanguage(p) == analyze.LangGo && !goPlatformFile(files, f) {
		if pkg := goPackageName(files, f); pkg != "" {
			if t := "Add tests for " + pkg + "." + syms[0].Name; len(t) <= analyze.TitleMax {
				return t
			}
		}
	}
	if len(syms) == 1 && syms[0].Name == "default" {
		return analyze.FitTitle("Add tests for the default export of ", p, "")
	}
	for _, t := range []string{
		"Add tests for " + joinNames(names, 3) + " in " + p,
		"Add tests for " + joinNames(names, 1) + " in " + p,
		"Add tests for " + joinNames(names, 1) + " in " + path.Base(p),
		"Add tests for the changes to " + path.Base(p),
	} {
		if len(t) <= analyze.TitleMax {
			return t
		}
	}
	return analyze.ShortenTitle("Add tests for the changes to "+path.Base(p), analyze.TitleMax)
}

// goPackageName is the package clause if the diff shows it, else the
// directory's name; "" at the repository's root.
func goPackageName(files *symbol.Commit, f *analyze.FileDiff) string {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if m := goPackageRE.FindStringSubmatch(l.Text); m != nil && l.Kind != analyze.Removed {
				return m[1]
			}
		}
	}
	// Not the folder's name: fzf keeps package fzf in src/ ("src.Run"
	// was its draft's title). The file, read already for its symbols
	// most often, says; without it the title names the path instead.
	src, ok := files.Read(f.NewPath, analyze.Added)
	if !ok {
		return ""
	}
	for _, line := range strings.SplitN(string(firstLines(src, goPackageProbeLines)), "\n", goPackageProbeLines) {
		if m := goPackageRE.FindStringSubmatch(line); m != nil {
			return m[1]
		}
	}
	return ""
}

// goPlatformFile reports a Go file built for some platforms only: named
// for one (debug_linux.go, x_windows_amd64.go) or constrained by a
// //go:build line above its package clause. Its package's other files
// most often define the same names for the other platforms (fsnotify's
// internal.Debug in debug_linux.go, debug_kqueue.go, debug_windows.go...),
// so a title names the file, not the package.
func goPlatformFile(files *symbol.Commit, f *analyze.FileDiff) bool {
	base := strings.TrimSuffix(path.Base(f.NewPath), ".go")
	parts := strings.Split(strings.TrimSuffix(base, "_test"), "_")
	for _, part := range parts[1:] {
		if goPlatforms[part] {
			return true
		}
	}
	src, ok := files.Read(f.NewPath, analyze.Added)
	if !ok {
		return false
	}
	for _, line := range strings.SplitN(string(firstLines(src, goPackageProbeLines)), "\n", goPackageProbeLines) {
		switch {
		case strings.HasPrefix(line, "//go:build ") || strings.HasPrefix(line, "// +build "):
			return true
		case goPackageRE.MatchString(line):
			return false
		}
	}
	return false
}

// goPlatforms are the operating systems and architectures the go tool
// reads from a file's name (go tool dist list).
var goPlatforms = map[string]bool{
	"aix": true, "android": true, "darwin": true, "dragonfly": true, "freebsd": true, "hurd": true,
	"illumos": true, "ios": true, "js": true, "linux": true, "netbsd": true, "openbsd": true,
	"plan9": true, "solaris": true, "wasip1": true, "windows": true, "zos": true,
	"386": true, "amd64": true, "arm": true, "arm64": true, "loong64": true, "mips": true,
	"mipsle": true, "mips64": true, "mips64le": true, "ppc64": true, "ppc64le": true,
	"riscv64": true, "s390x": true, "wasm": true,
}

// goPackageProbeLines is how far down a Go file its package clause is
// looked for: after a licence header and the package's doc comment.
const goPackageProbeLines = 200

// firstLines is src up to its n-th line.
func firstLines(src []byte, n int) []byte {
	for i, k := 0, 0; i < len(src); i++ {
		if src[i] == '\n' {
			if k++; k == n {
				return src[:i]
			}
		}
	}
	return src
}

// changeWords says how each symbol changed: "Div added", "Mul changed".
func changeWords(syms []symbol.Symbol) []string {
	out := make([]string, len(syms))
	for i, s := range syms {
		name := displayName(s.Name)
		switch {
		case s.Change == symbol.Added && s.Exposed:
			out[i] = name + " made public"
		case s.Change == symbol.Added:
			out[i] = name + " added"
		case s.Change == symbol.SignatureChanged && !s.AnnotationOnly:
			// A decorator above it is no signature: ipython 6936f6ed0 gave
			// count_lines_in_py_file `@functools.lru_cache(maxsize=128)`,
			// "with a new signature" (round 143, wrong).
			out[i] = name + " with a new signature"
		default:
			out[i] = name + " changed"
		}
	}
	return out
}

// testPlace says where the tests that were not changed would have been.
func testPlace(p string) string {
	switch analyze.SourceLanguage(p) {
	case analyze.LangGo:
		dir := path.Dir(p)
		if dir == "." {
			return "no _test.go file in the repository's root nor one that imports its package"
		}
		return "no _test.go file in " + dir + "/ nor one that imports its package"
	case analyze.LangPython:
		return "no Python test file (test_*.py, *_test.py, tests/) and no doctest"
	case analyze.LangJS:
		return "no test file (*.test.*, *.spec.*, __tests__/, test/)"
	case analyze.LangJava:
		return "no Java test (src/test/, *Test.java)"
	case analyze.LangRust:
		return "no test: none in the file (#[test], #[cfg(test)], doc tests) and nothing under tests/"
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
