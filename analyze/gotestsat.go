package analyze

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"
)

// The checks of open findings at branch tips (after a backfill: are the
// symbols an untested finding lists called by the tests now, and were
// they by the tests at the finding's commit?) asked git grep for a Go
// package's tests: the _test.go files of its folder. On go-git's last
// 2,000 commits that was five greps one after the other at the end of the
// backfill (one at the tip, four at the findings' commits), 80-100 ms with
// nothing else left to do. GoTests answers the same questions in process,
// from the folder's tree and its test files read through one `git
// cat-file`, which the tip and the findings' commits mostly share.

// TreeReader reads tree objects and objects by name: a BlobReader.
type TreeReader interface {
	ReadTree(name string) ([]byte, error)
	ReadObjects(names []string, max int64) []BlobAnswer
}

// maxGoTestsKept bounds the test files one GoTests keeps; past it, files
// are read again.
const maxGoTestsKept = 16 << 20

// errGoTestsGrep means git grep should answer: a test file too large to
// read here (grep reads any size).
var errGoTestsGrep = errors.New("too large to read in process")

// GoTests answers TestCallersAt and TestCallsAt's question of a Go
// folder's own tests in process, as git grep does: the same pattern
// (callRegexp), a line at a time, in every _test.go file directly in the
// folder, binary files (a NUL in the first 8,000 bytes) left out. Safe for
// concurrent use.
type GoTests struct {
	r TreeReader

	mu   sync.Mutex
	kept map[string][]byte // test files by object name
	size int
}

// NewGoTests reads through r.
func NewGoTests(r TreeReader) *GoTests {
	return &GoTests{r: r, kept: map[string][]byte{}}
}

// goTestFile is one test file of a folder.
type goTestFile struct {
	path    string
	content []byte
}

// folderTests reads the _test.go files directly in folder dir at commit:
// none when the folder is not there.
func (g *GoTests) folderTests(commit, dir string) ([]goTestFile, error) {
	if dir == "." {
		dir = ""
	}
	tree, err := g.r.ReadTree(commit + ":" + dir)
	if errors.Is(err, ErrNoBlob) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	entries, err := treeBlobs(tree, len(commit)/2)
	if err != nil {
		return nil, err
	}
	var out []goTestFile
	var missing []string
	var missingAt []int
	g.mu.Lock()
	for _, e := range entries {
		if !strings.HasSuffix(e.name, "_test.go") {
			continue
		}
		f := goTestFile{path: path.Join(dir, e.name)}
		if content, ok := g.kept[e.object]; ok {
			f.content = content
		} else {
			missing = append(missing, e.object)
			missingAt = append(missingAt, len(out))
		}
		out = append(out, f)
	}
	g.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	for i, got := range g.r.ReadObjects(missing, MaxSourceBytes) {
		switch {
		case errors.Is(got.Err, ErrBlobTooLarge):
			return nil, errGoTestsGrep
		case got.Err != nil:
			return nil, got.Err
		}
		out[missingAt[i]].content = got.Data
		g.mu.Lock()
		if g.size+len(got.Data) <= maxGoTestsKept {
			if _, dup := g.kept[missing[i]]; !dup {
				g.kept[missing[i]] = got.Data
				g.size += len(got.Data)
			}
		}
		g.mu.Unlock()
	}
	return out, nil
}

// treeEntry is a file of a tree object: its name and object name.
type treeEntry struct{ name, object string }

// treeBlobs lists the entries of a raw tree object that are files, with
// their object names.
func treeBlobs(tree []byte, hashSize int) ([]treeEntry, error) {
	var out []treeEntry
	err := eachTreeFile(tree, hashSize, func(name, object []byte) {
		out = append(out, treeEntry{name: string(name), object: hex.EncodeToString(object)})
	})
	return out, err
}

// binaryForGrep reports content git grep -I leaves out: a NUL byte in its
// first 8,000 bytes.
func binaryForGrep(content []byte) bool {
	return bytes.IndexByte(content[:min(len(content), 8000)], 0) >= 0
}

// calls runs git grep's pattern for names over the lines of f that hold
// one, calling fn with each name a match calls.
func (f goTestFile) calls(re *regexp.Regexp, names []string, fn func(name string)) {
	if binaryForGrep(f.content) {
		return
	}
	linesHolding(f.content, names, func(line []byte) {
		for _, m := range re.FindAll(line, -1) {
			fn(calledName(string(m)))
		}
	})
}

// callPattern is callRegexp for names, compiled as indexedGoCalls does.
func callPattern(names []string) (*regexp.Regexp, error) {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	return regexp.Compile("(?m)" + callRegexp(quoted, ""))
}

// folderCalls runs the pattern re for asked over the tests of folder dir at
// commit, calling fn with each test's path and each name a match calls. ok
// is false when a test is too large to read here.
func (g *GoTests) folderCalls(commit, dir string, re *regexp.Regexp, asked []string, fn func(path, name string)) (ok bool, err error) {
	files, err := g.folderTests(commit, dir)
	if errors.Is(err, errGoTestsGrep) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read the tests of %s: %w", dir, err)
	}
	for _, f := range files {
		f.calls(re, asked, func(name string) { fn(f.path, name) })
	}
	return true, nil
}

// CallersAt is TestCallersAt for sources that are all Go files: for each
// of names, the tests of the sources' folders at commit that call it. ok
// is false when a source is not Go, there are none (every test of the
// tree), or a test is too large to read here: TestCallersAt's git grep
// answers then.
func (g *GoTests) CallersAt(commit string, names, sources []string) (callers map[string][]string, ok bool, err error) {
	if len(sources) == 0 {
		return nil, false, nil // every test of the tree: git grep's
	}
	var dirs []string
	for _, p := range sources {
		if SourceLanguage(p) != LangGo {
			return nil, false, nil
		}
		dirs = appendNew(dirs, path.Dir(p))
	}
	var asked []string
	for _, n := range names {
		if identifier.MatchString(n) {
			asked = append(asked, n)
		}
	}
	out := map[string][]string{}
	if len(asked) == 0 {
		return out, true, nil
	}
	re, err := callPattern(asked)
	if err != nil {
		return nil, false, nil
	}
	seen := map[string]bool{}
	for _, dir := range dirs {
		ok, err := g.folderCalls(commit, dir, re, asked, func(p, name string) {
			if key := name + "\x00" + p; IsTestPath(p) && !seen[key] {
				seen[key] = true
				out[name] = append(out[name], p)
			}
		})
		if !ok || err != nil {
			return nil, false, err
		}
	}
	return out, true, nil
}

// OwnCallsAt answers the first question TestCallsAt asks for a Go source
// file src: which of names the tests of its folder at commit call. ok is
// false when src is not Go, or a test too large to read here.
// TestCallsAt goes on to the tests that reach an internal package from
// elsewhere (goCallsElsewhere) for the exported names this leaves out.
func (g *GoTests) OwnCallsAt(commit string, names []string, src string) (found map[string]bool, ok bool, err error) {
	if SourceLanguage(src) != LangGo {
		return nil, false, nil
	}
	want := map[string]bool{}
	var asked []string
	for _, n := range names {
		if identifier.MatchString(n) && len(asked) < maxCallNames {
			asked = append(asked, n)
			want[n] = true
		}
	}
	found = map[string]bool{}
	if len(asked) == 0 {
		return found, true, nil
	}
	re, err := callPattern(asked)
	if err != nil {
		return nil, false, nil
	}
	ok, err = g.folderCalls(commit, path.Dir(src), re, asked, func(p, name string) {
		if want[name] && SourceLanguage(p) == LangGo && IsTestPath(p) {
			found[name] = true
		}
	})
	if !ok || err != nil {
		return nil, false, err
	}
	return found, true, nil
}

// MayCallFromElsewhere reports whether TestCallsAt would look past the
// folder's own tests of Go source src for names it left out: src is in an
// internal package and an exported name is missing (goCallsElsewhere).
func MayCallFromElsewhere(src string, names []string, found map[string]bool) bool {
	if _, internal := internalRoot(path.Dir(src)); !internal || !identifier.MatchString(path.Base(path.Dir(src))) {
		return false
	}
	for _, n := range names {
		if !found[n] && n != "" && n[0] >= 'A' && n[0] <= 'Z' {
			return true
		}
	}
	return false
}
