package untested

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// A body change that only takes lines out is no new code; still, it may
// change what callers get (go-git 3fe32a2's DiscoverVersion stopped
// consuming the version line: judged useful). When the commit's tests
// change beside it, naming what the lines taken out named, the tests were
// brought to the code as it is now: go-task/task 87076b16 "feat: enable
// remote taskfiles" took `!experiments.RemoteTaskfiles.Enabled()` out of
// taskfile.NewNode and `enableExperimentForTest(t,
// &experiments.RemoteTaskfiles, 1)` out of task_test.go, and "changed no
// test" was drafted (round 106, wrong). go-git's tests of the commit named
// none of DiscoverVersion's.

// removalNames are the names the code lines the hunks take out of s name:
// identifiers of at least minRemovalName bytes, not the package or object
// a chain of selectors starts from (`experiments.`, `errors.`: anyone's),
// strings and comments left out.
func removalNames(f *analyze.FileDiff, s symbol.Symbol) []string {
	var names []string
	for _, h := range f.Hunks {
		at := h.NewStart // where a removed line stood in the new file
		for _, l := range h.Lines {
			switch l.Kind {
			case analyze.Context, analyze.Added:
				at = l.NewNo + 1
				continue
			}
			if at < s.Line || at > max(s.EndLine, s.Line)+1 {
				continue
			}
			code := strings.TrimSpace(quotedRE.ReplaceAllString(l.Text, `""`))
			if commentLine(code) {
				continue
			}
			for _, m := range identRE.FindAllStringIndex(code, -1) {
				name := code[m[0]:m[1]]
				qualifier := strings.HasPrefix(code[m[1]:], ".") && !strings.HasSuffix(code[:m[0]], ".")
				if len(name) >= minRemovalName && !qualifier && !keywords[name] {
					names = append(names, name)
				}
			}
		}
	}
	return names
}

// minRemovalName is the shortest name removalNames keeps: "err", "ok",
// "node" are every function's.
const minRemovalName = 6

// testsName reports whether the lines the commit changes in its tests
// (tests, the test files it adds or changes) name one of names.
func testsName(cd *analyze.CommitDiff, tests []string, names []string) bool {
	if len(names) == 0 || len(tests) == 0 {
		return false
	}
	for i := range cd.Files {
		f := &cd.Files[i]
		if !slices.Contains(tests, f.NewPath) {
			continue
		}
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Kind == analyze.Context {
					continue
				}
				for _, n := range names {
					if analyze.IndexWord(l.Text, n) >= 0 {
						return true
					}
				}
			}
		}
	}
	return false
}

var (
	identRE  = lazyregexp.New(`[A-Za-z_][A-Za-z0-9_]*`)
	quotedRE = lazyregexp.New(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|` + "`[^`]*`")
	// keywords are the words of the languages' syntax removalNames meets
	// at its length.
	keywords = map[string]bool{"return": true, "import": true, "struct": true, "switch": true, "select": true, "default": true,
		"continue": true, "nonlocal": true, "lambda": true, "except": true, "finally": true, "typeof": true, "instanceof": true,
		"function": true, "extends": true, "static": true, "public": true, "private": true, "unsafe": true, "package": true, "delete": true}
)
