package analyze

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
)

// langExts are the file name endings of each language's sources, for the
// pathspecs of TestCalls and FilesNaming: git reads only the files that
// could hold an answer.
var langExts = map[string][]string{
	LangGo:     {".go"},
	LangPython: {".py"},
	LangJS:     {".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"},
	LangJava:   {".java"},
	LangRust:   {".rs"},
}

// maxCallNames bounds the names one TestCalls question sends to git: a
// longer list is a sweeping change, which no caller asks about.
const maxCallNames = 64

// identifier is a name TestCalls can look for: it goes into a regular
// expression, so nothing but identifier bytes.
var identifier = lazyregexp.New(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// IsIdentifier reports whether s is a name a call can spell, in the
// languages whose calls the detectors look for: a letter, "_" or "$",
// then those or digits.
func IsIdentifier(s string) bool { return identifier.MatchString(s) }

// TestCalls reports which of names the tests of source file src's
// language call ("name(", with no identifier byte before it) in the
// commit's tree: the tests the project already has, whatever their files
// are named. For Go those are the tests of src's package, in its
// directory, then any test that calls the name through the package's name
// ("tag.Add(": BurntSushi/toml's toml_test.go is what calls its
// internal/tag helpers; judged wrong in round 79); for the other
// languages any test of the tree. It asks git once (git grep at
// the commit, over the files whose names could be tests), so callers ask
// it only of what they would otherwise report. nil, with no error, when no
// repository is behind the diff (a test's CommitDiff).
func (cd *CommitDiff) TestCalls(names []string, src string) (map[string]bool, error) {
	if cd.testCalls == nil {
		return nil, nil
	}
	var asked []string
	for _, n := range names {
		if identifier.MatchString(n) && len(asked) < maxCallNames {
			asked = append(asked, n)
		}
	}
	lang := SourceLanguage(src)
	if len(asked) == 0 || len(langExts[lang]) == 0 {
		return map[string]bool{}, nil
	}
	if lang == LangGo {
		dir := path.Dir(src)
		found, own, ok := cd.goTestCalls(dir, asked)
		if !ok {
			var err error
			found, err = cd.testCalls(cd.Hash, asked, lang, "", []string{":(glob)" + path.Join(dir, "*_test.go")})
			if err != nil {
				return nil, err
			}
			own = true // not known: the folder's tests are taken to be there
		}
		if _, internal := internalRoot(dir); !own && !internal {
			return cd.goCallsFromAnyTest(dir, asked, found)
		}
		return cd.goCallsElsewhere(dir, asked, found)
	}
	if found, ok := cd.indexedTestCalls(lang, asked); ok {
		return found, nil
	}
	var specs []string
	for _, ext := range langExts[lang] {
		specs = append(specs, ":(icase)*test*"+ext, ":(icase)*spec*"+ext)
	}
	return cd.testCalls(cd.Hash, asked, lang, "", specs)
}

// goCallsElsewhere adds to found the exported names of asked that a Go
// test outside an internal package's folder dir calls through the
// package's name (its folder's name), from where Go lets it be imported:
// the tree of internal's parent. An internal package is where a module
// keeps the helpers its tests share; a public package's tests live in its
// folder, and asking every test of go-git's tree of each public package
// doubled its backfill for no draft. One git grep, asked only when the
// folder's own tests left a name uncalled.
func (cd *CommitDiff) goCallsElsewhere(dir string, asked []string, found map[string]bool) (map[string]bool, error) {
	root, ok := internalRoot(dir)
	pkg := path.Base(dir)
	if !ok || !identifier.MatchString(pkg) {
		return found, nil
	}
	var missing []string
	for _, n := range asked {
		if !found[n] && n[0] >= 'A' && n[0] <= 'Z' { // unexported names are the folder's own
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return found, nil
	}
	more, ok := cd.indexedGoCalls(missing, pkg, func(p string) bool {
		return (root == "." || strings.HasPrefix(p, root+"/")) && path.Dir(p) != dir
	})
	if !ok {
		var err error
		more, err = cd.testCalls(cd.Hash, missing, LangGo, pkg,
			[]string{":(glob)" + path.Join(root, "**/*_test.go"), ":(exclude,glob)" + path.Join(dir, "*_test.go")})
		if err != nil {
			return nil, err
		}
	}
	for n := range more {
		found[n] = true
	}
	return found, nil
}

// goCallsFromAnyTest adds to found the exported names of asked that any Go
// test of the tree calls, for a package in dir with no test of its own: its
// tests live elsewhere (knadh/koanf keeps them in a tests/ module of their
// own, which called Koanf.UnmarshalWithConf through `k.`; round 83, wrong).
// Only the tests of folders named for tests are read: go-git's backfill
// took an eighth longer when any test of the tree was (many of its
// packages have none), and doubled when every public package's names were
// looked for everywhere.
func (cd *CommitDiff) goCallsFromAnyTest(dir string, asked []string, found map[string]bool) (map[string]bool, error) {
	var missing []string
	for _, n := range asked {
		if !found[n] && n[0] >= 'A' && n[0] <= 'Z' {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return found, nil
	}
	more, ok := cd.indexedGoCalls(missing, "", inTestFolder)
	if !ok {
		var specs []string
		for _, f := range testFolders {
			specs = append(specs, ":(glob)**/"+f+"/**/*_test.go")
		}
		var err error
		if more, err = cd.testCalls(cd.Hash, missing, LangGo, "", specs); err != nil {
			return nil, err
		}
	}
	for n := range more {
		found[n] = true
	}
	return found, nil
}

// testFolders are the names of the folders Go projects keep tests of
// other packages in.
var testFolders = []string{"test", "tests", "testing", "integration", "e2e"}

// inTestFolder reports a path under a folder of testFolders, as the
// pathspec **/NAME/** has it.
func inTestFolder(p string) bool {
	for _, part := range strings.Split(path.Dir(p), "/") {
		if slices.Contains(testFolders, part) {
			return true
		}
	}
	return false
}

// maxGrepInProcess is how many Go tests indexedGoCalls reads in process;
// with more, one git grep reads them better. The tests come through the
// file cache, from memory once read: go-git's last 2,000 commits ask nine
// questions of all its 306 tests (2.5 MB), and reading them so rather
// than in nine greps (the bound was 40) took 7% off its backfill (CPU
// 2.92 s to 2.71 s; its greps' 0.31 s to 0.11 s); gohugoio/hugo's 386
// tests and prometheus's 276 were as fast either way.
const maxGrepInProcess = 400

// grepReadBatch is how many tests indexedGoCalls reads at once: what it
// holds in memory whatever the tests' sizes, and where it may stop once
// every name is found.
const grepReadBatch = 32

// indexedGoCalls answers a question of goCallsElsewhere or
// goCallsFromAnyTest in process when the analysis's test index knows the
// Go tests of the tree (the _test.go files under match): none, and there
// is nothing to read; a few, read through the file cache, which serves
// those unchanged since the last question from memory. A git grep per
// question, over test folders the tree did not have, was most of
// charmbracelet/gum's backfill (130 processes for 300 commits, each
// answering nothing). ok is false when git grep should answer: no index,
// or more tests than maxGrepInProcess.
func (cd *CommitDiff) indexedGoCalls(names []string, qualifier string, match func(string) bool) (found map[string]bool, ok bool) {
	if cd.tests == nil {
		return nil, false
	}
	tests, ok := cd.tests.where(LangGo, func(p string) bool { return strings.HasSuffix(p, "_test.go") && match(p) }, maxGrepInProcess)
	if !ok {
		return nil, false
	}
	found = map[string]bool{}
	if len(tests) == 0 {
		return found, true
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	// git grep's pattern, a line at a time as git reads it.
	re, err := regexp.Compile("(?m)" + callRegexp(quoted, qualifier))
	if err != nil {
		return nil, false
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	for len(tests) > 0 && len(found) < len(want) {
		batch := tests[:min(grepReadBatch, len(tests))]
		tests = tests[len(batch):]
		asks := make([]FileAt, len(batch))
		for i, p := range batch {
			asks[i] = FileAt{Path: p, Side: Added}
		}
		for _, got := range cd.ReadSources(asks) {
			if !got.OK {
				continue // not in this commit's tree
			}
			linesHolding(got.Content, names, func(line []byte) {
				for _, m := range re.FindAll(line, -1) {
					if n := calledName(string(m)); want[n] {
						found[n] = true
					}
				}
			})
			if len(found) == len(want) {
				break
			}
		}
	}
	return found, true
}

// linesHolding calls fn with each line of src (without its newline) that
// holds one of names, in order, each line once. Every match of a call
// pattern (callRegexp) holds one of its names and lies within a line, as
// git grep reads it, so the pattern need run on those lines alone: run
// over whole test files it was tried at every byte (it starts with no
// literal), a twentieth of a go-git backfill's CPU.
func linesHolding(src []byte, names []string, fn func(line []byte)) {
	var starts []int
	for _, n := range names {
		if n == "" {
			continue
		}
		name := []byte(n)
		for from := 0; from < len(src); {
			k := bytes.Index(src[from:], name)
			if k < 0 {
				break
			}
			k += from
			starts = append(starts, bytes.LastIndexByte(src[:k], '\n')+1)
			end := bytes.IndexByte(src[k:], '\n')
			if end < 0 {
				break
			}
			from = k + end + 1 // the next line
		}
	}
	slices.Sort(starts)
	for i, s := range starts {
		if i > 0 && s == starts[i-1] {
			continue
		}
		line := src[s:]
		if end := bytes.IndexByte(line, '\n'); end >= 0 {
			line = line[:end]
		}
		fn(line)
	}
}

// internalRoot is the folder whose tree may import the Go package in dir
// when dir is an internal package (a path element "internal"): the parent
// of the last such element, "." for a top-level internal/.
func internalRoot(dir string) (string, bool) {
	parts := strings.Split(dir, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] == "internal" {
			return path.Join(append([]string{"."}, parts[:i]...)...), true
		}
	}
	return "", false
}

// testCallsFunc answers TestCalls for an analysis of r: the names of names
// called, qualified by qualifier and a dot when it is not empty, from a
// test of lang among the files of pathspecs.
type testCallsFunc func(commit string, names []string, lang, qualifier string, pathspecs []string) (map[string]bool, error)

// grepTestCalls is TestCalls through git grep: only the matched calls reach
// this process, and it stops reading once every name is found.
func grepTestCalls(ctx context.Context, gitDir string) testCallsFunc {
	return func(commit string, names []string, lang, qualifier string, pathspecs []string) (map[string]bool, error) {
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = regexp.QuoteMeta(n)
		}
		var found map[string]bool
		err := grepCalls(ctx, gitDir, commit, callRegexp(quoted, qualifier), pathspecs, func(out io.Reader) bool {
			found = readTestCalls(out, commit, names, lang)
			return len(found) == len(names)
		})
		return found, err
	}
}

// readTestCalls reads git grep -z -o output ("COMMIT:PATH\0MATCH" lines)
// and returns the names called from a test of lang, by IsTestPath, up to
// the point where every name is found.
func readTestCalls(out io.Reader, commit string, names []string, lang string) map[string]bool {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	found := map[string]bool{}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() && len(found) < len(want) {
		name, match, ok := strings.Cut(sc.Text(), "\x00")
		p := strings.TrimPrefix(name, commit+":")
		if !ok || SourceLanguage(p) != lang || !IsTestPath(p) {
			continue
		}
		if match = calledName(match); want[match] {
			found[match] = true
		}
	}
	return found
}

// goTestCalls answers TestCalls for a Go package's folder in process: the
// folder's tree at the commit lists its tests, which are read through the
// analysis's cache of files (they seldom change between the commits that
// ask). A git grep for each question was a sixth of go-git's backfill
// (153 of its last 2,000 commits asked). ok is false when the folder
// cannot be listed so; own is false when the folder has no test.
func (cd *CommitDiff) goTestCalls(dir string, names []string) (found map[string]bool, own, ok bool) {
	if cd.ListDir == nil {
		return nil, false, false
	}
	files, err := cd.ListDir(dir)
	if err != nil {
		return nil, false, false
	}
	var asks []FileAt
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			asks = append(asks, FileAt{Path: path.Join(dir, f), Side: Added})
		}
	}
	found = map[string]bool{}
	for _, got := range cd.ReadSources(asks) {
		if got.OK {
			callsIn(got.Content, names, found)
		}
	}
	return found, len(asks) > 0, true
}

// maxIndexedTests is how many tests of a language TestCalls reads in
// process (indexedTestCalls); with more, git grep reads them.
const maxIndexedTests = 300

// indexedTestCalls answers TestCalls for a language other than Go in
// process: the analysis's testIndex names the tests, read through its
// file cache. ok is false when there is no index, or too many tests.
func (cd *CommitDiff) indexedTestCalls(lang string, names []string) (map[string]bool, bool) {
	if cd.tests == nil {
		return nil, false
	}
	tests, ok := cd.tests.of(lang, maxIndexedTests)
	if !ok {
		return nil, false
	}
	asks := make([]FileAt, len(tests))
	for i, p := range tests {
		asks[i] = FileAt{Path: p, Side: Added}
	}
	found := map[string]bool{}
	for _, got := range cd.ReadSources(asks) {
		if got.OK {
			callsIn(got.Content, names, found)
		}
	}
	return found, true
}

// callsIn adds to found the names src calls (Calls).
func callsIn(src []byte, names []string, found map[string]bool) {
	for _, n := range names {
		if !found[n] && Calls(src, n) {
			found[n] = true
		}
	}
}

// treeFiles lists the names of the entries of a raw tree object (see
// BlobReader.ReadTree) that are files; hashSize is the length of an object
// name in binary (20 for SHA-1, 32 for SHA-256).
func treeFiles(tree []byte, hashSize int) ([]string, error) {
	var out []string
	err := eachTreeFile(tree, hashSize, func(name, _ []byte) { out = append(out, string(name)) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachTreeFile calls fn with the name and binary object name of each entry
// of a raw tree object that is a file (not a folder or a submodule).
func eachTreeFile(tree []byte, hashSize int, fn func(name, object []byte)) error {
	for len(tree) > 0 {
		sp := bytes.IndexByte(tree, ' ')
		nul := bytes.IndexByte(tree, 0)
		if sp < 0 || nul < sp || len(tree) < nul+1+hashSize {
			return errors.New("damaged tree object")
		}
		if mode := string(tree[:sp]); mode != "40000" && mode != "160000" { // a folder, a submodule
			fn(tree[sp+1:nul], tree[nul+1:nul+1+hashSize])
		}
		tree = tree[nul+1+hashSize:]
	}
	return nil
}

// testPathspecs are the pathspecs of the tests TestCalls reads for
// sources, every test when sources is nil.
func testPathspecs(sources []string) []string {
	var out []string
	langs := []string{LangPython, LangJS, LangJava, LangRust}
	if sources == nil {
		out = append(out, "*_test.go")
	} else {
		langs = nil
		for _, p := range sources {
			switch lang := SourceLanguage(p); {
			case lang == LangGo:
				// A glob's * stops at a slash: the folder's own tests.
				out = appendNew(out, ":(glob)"+path.Join(path.Dir(p), "*_test.go"))
			case len(langExts[lang]) > 0 && !slices.Contains(langs, lang):
				langs = append(langs, lang)
			}
		}
		slices.Sort(langs)
	}
	for _, lang := range langs {
		for _, ext := range langExts[lang] {
			out = append(out, ":(icase)*test*"+ext, ":(icase)*spec*"+ext)
		}
	}
	return out
}

// appendNew appends s to list unless list holds it.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// TestCallsAt is TestCalls at any commit of r, for a caller with no
// analysis running: which of names the tests at commit call, for source
// file src (one git grep, or two for a Go internal package).
func (r *Repo) TestCallsAt(ctx context.Context, commit string, names []string, src string) (map[string]bool, error) {
	cd := &CommitDiff{Hash: commit, testCalls: grepTestCalls(ctx, r.GitDir)}
	return cd.TestCalls(names, src)
}

// TestCallersAt lists, for each of names, the tests at commit that call it
// ("name(", with no identifier byte before it), in every language
// TestCalls reads: one git grep for many questions, as a check of every
// open finding at a branch tip asks. Names that are no identifiers are
// not asked. With sources, only the tests TestCalls reads for those
// source files are: for Go the tests of their folders, for the other
// languages every test of theirs (go-git's tip has 300 Go tests; a check
// of its findings asks of a few folders).
func (r *Repo) TestCallersAt(ctx context.Context, commit string, names, sources []string) (map[string][]string, error) {
	var asked []string
	for _, n := range names {
		if identifier.MatchString(n) {
			asked = append(asked, n)
		}
	}
	out := map[string][]string{}
	if len(asked) == 0 {
		return out, nil
	}
	quoted := make([]string, len(asked))
	for i, n := range asked {
		quoted[i] = regexp.QuoteMeta(n)
	}
	pathspecs := testPathspecs(sources)
	if len(pathspecs) == 0 {
		return out, nil
	}
	seen := map[string]bool{}
	err := grepCalls(ctx, r.GitDir, commit, callRegexp(quoted, ""), pathspecs, func(rd io.Reader) bool {
		sc := bufio.NewScanner(rd)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			name, match, ok := strings.Cut(sc.Text(), "\x00")
			p := strings.TrimPrefix(name, commit+":")
			if !ok || !IsTestPath(p) {
				continue
			}
			match = calledName(match)
			if key := match + "\x00" + p; !seen[key] {
				seen[key] = true
				out[match] = append(out[match], p)
			}
		}
		return false
	})
	return out, err
}
