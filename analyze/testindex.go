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
}

func newTestIndex(list func() ([]string, error)) *testIndex {
	return &testIndex{list: list, known: map[string]bool{}}
}

// isTestSource reports a test in a language TestCalls reads.
func isTestSource(p string) bool {
	return len(langExts[SourceLanguage(p)]) > 0 && IsTestPath(p)
}

// note records the paths a commit changed.
func (t *testIndex) note(paths map[string]bool) {
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
		t.known[p] = true
	}
}

// of lists the tests of language lang the analysis knows, sorted; ok is
// false when the starting tree could not be listed, or more than max are
// known (then git grep reads them better than this process would).
func (t *testIndex) of(lang string, max int) (tests []string, ok bool) {
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
		}
	})
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.failed {
		return nil, false
	}
	for p := range t.known {
		if SourceLanguage(p) == lang {
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
// the analysis knows of: in the tree it started from, or changed by a
// commit so far (deleted ones included: a suite removed in the window
// still says the project tested). True when it cannot tell: no index (a
// test's CommitDiff), too many tests to list, a tree that could not be
// read.
func (cd *CommitDiff) HasTests(lang string) bool {
	if cd == nil || cd.tests == nil {
		return true
	}
	tests, ok := cd.tests.of(lang, maxIndexedTests)
	return !ok || len(tests) > 0
}
