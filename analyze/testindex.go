package analyze

import (
	"slices"
	"sync"
)

// testIndex knows, for one analysis, the test files its commits may have
// in the languages TestCalls reads: those of the tree the analysis starts
// from and those any commit diffed so far changed. It may name a file a
// commit does not have (added later, or deleted): reading it there finds
// nothing. TestCalls reads the tests it names through the analysis's file
// cache, which serves a test unchanged since the last question from
// memory, where a git grep at each question read every test again (most
// of the time python/mypy's backfill gained with TestCalls).
type testIndex struct {
	list func() ([]string, error) // nil: no tree to start from
	once sync.Once

	mu     sync.Mutex
	known  map[string]bool
	failed bool
	// firstSeen is, for each test a commit changed, the order of the
	// first commit recorded that did (the starting tree's are not in it):
	// HasTests asks of the commits up to the one it is asked at, whichever
	// the reading goroutine has recorded meanwhile.
	firstSeen map[string]int
}

func newTestIndex(list func() ([]string, error)) *testIndex {
	return &testIndex{list: list, known: map[string]bool{}, firstSeen: map[string]int{}}
}

// isTestSource reports a test in a language TestCalls reads, of the
// project's own: a vendored module's tests are not (go-chi/render has no
// test of its own, and vendor/github.com/ajg/form's _test.go files made
// it "a project with Go tests": its untested draft was noise, round 128).
func isTestSource(p string) bool {
	return len(langExts[SourceLanguage(p)]) > 0 && IsTestPath(p) && SkipReason(p) == ""
}

// note records the paths a commit changed; seq is the commit's order.
func (t *testIndex) note(paths map[string]bool, seq int) {
	var found []string
	for p := range paths {
		if isTestSource(p) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, p := range found {
		if _, seen := t.firstSeen[p]; !seen && !t.known[p] {
			t.firstSeen[p] = seq
		}
		t.known[p] = true
	}
}

// load lists the starting tree's tests, once: the tests a commit changed
// before then that the tree holds were there from the start.
func (t *testIndex) load() {
	t.once.Do(func() {
		if t.list == nil {
			return
		}
		files, err := t.list()
		t.mu.Lock()
		defer t.mu.Unlock()
		if err != nil {
			t.failed = true
			return
		}
		for _, p := range files {
			t.known[p] = true
			delete(t.firstSeen, p)
		}
	})
}

// anyUpTo reports whether the index knows a test of lang from the
// starting tree or from a commit recorded at or before seq; true when the
// starting tree could not be listed.
func (t *testIndex) anyUpTo(lang string, seq int) bool {
	t.load()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.failed {
		return true
	}
	for p := range t.known {
		if SourceLanguage(p) != lang {
			continue
		}
		if first, changed := t.firstSeen[p]; !changed || first <= seq {
			return true
		}
	}
	return false
}

// of lists the tests of language lang the analysis knows, sorted; ok is
// false when the starting tree could not be listed, or more than max are
// known (then git grep reads them better than this process would).
func (t *testIndex) of(lang string, max int) (tests []string, ok bool) {
	return t.where(lang, nil, max)
}

// where is of for the tests keep holds (all when keep is nil).
func (t *testIndex) where(lang string, keep func(string) bool, max int) (tests []string, ok bool) {
	t.load()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.failed {
		return nil, false
	}
	for p := range t.known {
		if SourceLanguage(p) == lang && (keep == nil || keep(p)) {
			if len(tests) == max {
				return nil, false
			}
			tests = append(tests, p)
		}
	}
	slices.Sort(tests)
	return tests, true
}

// HasTests reports whether the project has tests of language lang that
// the analysis knows of: in the tree it started from, or changed by this
// commit or one before it in the analysis (deleted ones included: a suite
// removed in the window still says the project tested). Commits recorded
// after it do not count, so that the answer does not depend on how far
// ahead the diff's reader has gone. True when it cannot tell: no index (a
// test's CommitDiff), too many tests to list, a tree that could not be
// read.
func (cd *CommitDiff) HasTests(lang string) bool {
	if cd == nil || cd.tests == nil {
		return true
	}
	return cd.tests.anyUpTo(lang, cd.seq)
}
