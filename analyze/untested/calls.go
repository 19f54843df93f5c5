package untested

import (
	"path"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
	"github.com/ticket-master/ticket-master/finding"
)

// A test that calls what a finding names covers it, whether it came with
// the change or later: btree 3f48535 added BTreeG.Has and 8e29150 "Add
// coverage of Has in test." called tr.Has a week later; afero's symlink
// methods were tested by their author the next day. A later test resolves
// a finding only by the names its added lines call, never by its folder
// or imports alone: those rules took true drafts (every mypy test builds
// an Options; urfave/cli is one package).

// Resolution is the fingerprint of a resolution by a test's calls; see
// analyze.Resolution.Diff.
const Resolution = finding.KindUntested + ":*"

// TestCalls is what the hunks of test file f name, each between spaces:
// the identifiers of three bytes or more, those an added line calls
// marked by an opening parenthesis (" tr Has( item Fatal( "). Context
// lines and the functions the hunks are in (git's section headers:
// "TestBTree") count for the types and modules they name, not for calls:
// a call the test made before the commit covered nothing the finding
// says. "" when there are none.
func TestCalls(f *analyze.FileDiff) string {
	if f == nil {
		return ""
	}
	// A call the removed lines make too is the same call reworded or
	// reformatted (afero cf95922 "Run gofumpt", 0600 to 0o600 on lines
	// calling OpenFile): no new coverage.
	var before map[string]bool
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == analyze.Removed {
				eachIdentifier(l.Text, func(w string) {
					if strings.HasSuffix(w, "(") {
						if before == nil {
							before = map[string]bool{}
						}
						before[w] = true
					}
				})
			}
		}
	}
	seen := map[string]bool{}
	var b strings.Builder
	add := func(text string, calls bool) {
		eachIdentifier(text, func(w string) {
			if strings.HasSuffix(w, "(") && (!calls || before[w]) {
				w = w[:len(w)-1]
			}
			if seen[w] {
				return
			}
			seen[w] = true
			if b.Len() == 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			b.WriteByte(' ')
		})
	}
	for _, h := range f.Hunks {
		add(h.Section, false)
		for _, l := range h.Lines {
			add(l.Text, l.Kind == analyze.Added)
		}
	}
	return b.String()
}

// eachIdentifier calls fn with each identifier of three bytes or more in
// line, with the "(" that follows it when one does: slices of line, so
// that a test's hunks are scanned without a copy of each word.
func eachIdentifier(line string, fn func(string)) {
	for i := 0; i < len(line); {
		if !isIdentByte(line[i]) {
			i++
			continue
		}
		j := i
		for j < len(line) && isIdentByte(line[j]) {
			j++
		}
		if j-i >= 3 && !isDigit(line[i]) {
			if j < len(line) && line[j] == '(' {
				fn(line[i : j+1])
			} else {
				fn(line[i:j])
			}
		}
		i = j
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c >= 0x80
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// callName is the name a call gives the symbol of a finding's item, and
// the type it is a method of ("Has" and "BTree" of "BTree.Has (lines
// 12-16)"); "" for one no call names (the default export) or too short to
// be told from other calls.
func callName(item string) (name, recv string) {
	name = itemName(item)
	if strings.ContainsRune(name, ' ') {
		return "", ""
	}
	if i := strings.LastIndexAny(name, ".:"); i >= 0 {
		recv, name = strings.TrimRight(name[:i], ".:"), name[i+1:]
		if j := strings.LastIndexAny(recv, ".:"); j >= 0 {
			recv = recv[j+1:] // mem.File.Close is a method of File
		}
	}
	if len(name) < 3 {
		return "", ""
	}
	return name, recv
}

// CallsCover reports whether test file testPath, whose added lines name
// calls (see testCalls), covers the untested finding about source file
// src listing items: a test within its reach calls every symbol the
// finding lists, and names the type of each method (or tests it by name,
// TestBTree): afero's tests call OpenFile on every Fs, and one of them
// tests CacheOnReadFs.OpenFile no more than another. A Go test reaches
// the package of its folder; a test in another language reaches the
// sources of its language in its folder and those whose module it names
// (mypy/test/testoptions.py naming options reaches mypy/options.py).
func CallsCover(testPath, calls, src string, items []string) bool {
	// The source file's own test reaches it, and need not name a method's
	// type: it tests that file (python-hyper/h11 c0531bd updated
	// tests/test_state.py's calls to process_client_switch_proposal, on a
	// `cs` made lines above the hunk, of _state.py).
	own := slices.Contains(conventionalTests(src), testPath)
	if calls == "" || len(items) == 0 || !own && !reaches(testPath, calls, src) {
		return false
	}
	for _, it := range items {
		name, recv := callName(it)
		if name == "" || !strings.Contains(calls, " "+name+"( ") {
			return false
		}
		if recv != "" && !own && !containsWord(calls, recv) && !strings.Contains(calls, " Test"+recv) {
			return false
		}
	}
	return true
}

// MayCover is CallsCover's quick test on the added lines of a test
// (AddedText): whether they hold a call of every symbol items lists, as
// text. Most tests a commit changes call none of an open finding's
// symbols, and TestCalls, which reads every line of their hunks, need not
// run.
func MayCover(added string, items []string) bool {
	if added == "" || len(items) == 0 {
		return false
	}
	for _, it := range items {
		name, _ := callName(it)
		if name == "" || !strings.Contains(added, name+"(") {
			return false
		}
	}
	return true
}

// AddedText is the lines a commit added to f, joined, for MayCover.
func AddedText(f *analyze.FileDiff) string {
	if f == nil {
		return ""
	}
	var b strings.Builder
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == analyze.Added {
				b.WriteString(l.Text)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// reaches reports whether a test at testPath, calling calls, may exercise
// source file src.
func reaches(testPath, calls, src string) bool {
	lang := analyze.SourceLanguage(src)
	if lang == "" || testLanguage(testPath) != lang {
		return false
	}
	if path.Dir(testPath) == path.Dir(src) {
		return true
	}
	if lang == analyze.LangGo {
		return false // another package
	}
	stem := moduleStem(src)
	if len(stem) >= 3 && (containsWord(testPath, stem) || containsWord(calls, stem)) {
		return true
	}
	// A Python test names the package whose module it exercises:
	// kennethreitz/maya's tests/test_maya.py calls maya.parse(...) and
	// maya.MayaDT, which src/maya/core.py defines and the package exports
	// (its Long Count methods' tests a commit after them: round 77, stale).
	if lang == analyze.LangPython {
		pkg := path.Base(path.Dir(src))
		return len(pkg) >= 3 && pkg != "src" && pkg != "." && containsWord(calls, pkg)
	}
	return false
}

// moduleStem is the name a module is known by: its file's name without
// extension, or its folder's for an index file (mod.rs, __init__.py,
// index.js).
func moduleStem(p string) string {
	base := path.Base(p)
	stem := strings.TrimSuffix(base, path.Ext(base))
	switch stem {
	case "index", "mod", "__init__", "lib", "main":
		stem = path.Base(path.Dir(p))
	}
	return stem
}

// containsWord reports whether s holds word with no identifier byte either
// side.
func containsWord(s, word string) bool { return analyze.IndexWord(s, word) >= 0 }

// callIndex holds the test files of a commit, and the names each calls in
// the lines it added, read on first need.
type callIndex struct {
	tests []*analyze.FileDiff
	calls []string // by tests' index, once read
	read  []bool
}

func newCallIndex(cd *analyze.CommitDiff, tests []string) *callIndex {
	x := &callIndex{}
	for _, t := range tests {
		if f := fileAt(cd, t); f != nil {
			x.tests = append(x.tests, f)
		}
	}
	return x
}

// cover reports whether one test of the commit calls every symbol of syms
// in src (a test written with the change but in a file no rule of names
// or imports ties to it).
func (x *callIndex) cover(src string, syms []symbol.Symbol) bool {
	if len(x.tests) == 0 {
		return false
	}
	if x.calls == nil {
		x.calls = make([]string, len(x.tests))
		x.read = make([]bool, len(x.tests))
	}
	items := make([]string, len(syms))
	for i, s := range syms {
		items[i] = displayName(s.Name)
	}
	for i, f := range x.tests {
		if !mayReach(f.NewPath, src) {
			continue // a Go test of another package: its calls are not read
		}
		if !x.read[i] {
			x.calls[i], x.read[i] = TestCalls(f), true
		}
		if CallsCover(f.NewPath, x.calls[i], src, items) {
			return true
		}
	}
	return false
}

// mayReach is what reaches says of a test and a source file before the
// test's calls are read: a Go test reaches its folder alone.
func mayReach(testPath, src string) bool {
	lang := analyze.SourceLanguage(src)
	if lang == "" || testLanguage(testPath) != lang {
		return false
	}
	return lang != analyze.LangGo || path.Dir(testPath) == path.Dir(src)
}

// resolutions passes on each test file the commit adds or changes: an open
// finding a later test covers is resolved (daemon's expandResolutions
// asks CallsCover).
func (x *callIndex) resolutions(c analyze.Commit) []analyze.Resolution {
	out := make([]analyze.Resolution, len(x.tests))
	for i, f := range x.tests {
		out[i] = analyze.Resolution{Fingerprint: Resolution, Commit: c.Hash, DiffPath: f.NewPath, Diff: f}
	}
	return out
}

// fileAt is the commit's diff of the file at new path p, or nil.
func fileAt(cd *analyze.CommitDiff, p string) *analyze.FileDiff {
	for i := range cd.Files {
		if cd.Files[i].NewPath == p {
			return &cd.Files[i]
		}
	}
	return nil
}

// testLanguage is the language a test file tests: its own, or Python for
// a Sphinx page, whose doctests `sphinx-build -b doctest` runs (mozilla/
// bleach 0503863 tested build_email_re in docs/linkify.rst the day after
// adding it; round 68 drafted it untested).
func testLanguage(p string) string {
	if path.Ext(p) == ".rst" {
		return analyze.LangPython
	}
	return analyze.SourceLanguage(p)
}

// addsDoctest reports whether f is a Sphinx page whose added lines hold
// a doctest's `>>>` prompt.
func addsDoctest(f *analyze.FileDiff) bool {
	if path.Ext(f.NewPath) != ".rst" {
		return false
	}
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == analyze.Added && strings.HasPrefix(strings.TrimSpace(l.Text), ">>> ") {
				return true
			}
		}
	}
	return false
}
