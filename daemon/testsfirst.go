package daemon

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"time"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/untested"
	"github.com/ticket-master/ticket-master/finding"
)

// A test may come before the code it tests: pyinvoke/invoke 983fcc9c
// "Test proving need for #793" added completion_given_parser_by_program,
// and its child 0a5b4045 fixed complete(), drafted as untested (round
// 106, noise; date-fns and pexpect did the same). A later test resolves a
// finding (testedByCalls); an earlier one, by the same author in the
// commit just before on the same line of history, keeps it from opening.
// The writer keeps the test calls of the last few commits, in the store
// so that the daemon, which analyses one commit a run, sees its parent's.

// cacheRecentTests names the store's record of the recent commits' test
// calls.
const cacheRecentTests = "recent-tests"

// Bounds of what is kept, and of what counts as written first: the
// commit's parent, within testsFirstWithin of it.
const (
	maxRecentTestCommits = 4
	testsFirstWithin     = 72 * time.Hour
)

// recentTest is one test file a recent commit changed, with the calls its
// hunks make (untested.TestCalls).
type recentTest struct {
	Commit  string    `json:"commit"`
	Author  string    `json:"author,omitempty"`
	Subject string    `json:"subject,omitempty"`
	Time    time.Time `json:"time"`
	Path    string    `json:"path"`
	Calls   string    `json:"calls"`
	// diff is the test's diff until Calls is read from it: asked only of
	// a finding the next commit opens, or when the list is stored.
	diff *analyze.FileDiff
}

// calls is t.Calls, read from its diff on first need.
func (t *recentTest) calls() string {
	if t.diff != nil {
		t.Calls, t.diff = untested.TestCalls(t.diff), nil
	}
	return t.Calls
}

// settle reads every test's calls, for the store.
func (rt recentTests) settle() recentTests {
	kept := rt[:0]
	for i := range rt {
		if rt[i].calls() != "" {
			kept = append(kept, rt[i])
		}
	}
	return kept
}

type recentTests []recentTest

// add records the test files commit c changed (its resolutions by a
// test's calls) and forgets the commits before the last
// maxRecentTestCommits that changed any.
func (rt recentTests) add(c analyze.Commit, resolved []analyze.Resolution) recentTests {
	for _, r := range resolved {
		if r.Fingerprint != untested.Resolution || r.Diff == nil {
			continue
		}
		rt = append(rt, recentTest{Commit: c.Hash, Author: c.Author, Subject: c.Subject, Time: c.Time, Path: r.DiffPath, diff: r.Diff})
	}
	commits := 0
	for i := len(rt) - 1; i >= 0; i-- {
		if i == len(rt)-1 || rt[i].Commit != rt[i+1].Commit {
			commits++
		}
		if commits > maxRecentTestCommits {
			return append(recentTests(nil), rt[i+1:]...)
		}
	}
	return rt
}

// coverFirst reports whether a test that commit c's parent changed, by
// c's author and within testsFirstWithin of it, calls every symbol the
// untested finding f lists, or is a test of f's language under a subject
// that names the issue c's subject names ("Test proving need for #793",
// then "Fix and changelog closes #793": the test runs the program, and
// calls complete() through it).
func (rt recentTests) coverFirst(c analyze.Commit, f finding.Finding) bool {
	if f.Kind != finding.KindUntested || len(c.Parents) != 1 || c.Author == "" {
		return false
	}
	for i := range rt {
		t := &rt[i]
		if t.Commit != c.Parents[0] || t.Author != c.Author {
			continue
		}
		if gap := c.Time.Sub(t.Time); gap < 0 || gap > testsFirstWithin {
			continue
		}
		if untested.CallsCover(t.Path, t.calls(), f.Evidence.Path, f.Items) {
			return true
		}
		if analyze.SourceLanguage(t.Path) == analyze.SourceLanguage(f.Evidence.Path) && sameIssue(t.Subject, c.Subject) {
			return true
		}
	}
	return false
}

// sameIssue reports whether two subjects name an issue or pull request
// ("#793") in common.
func sameIssue(a, b string) bool {
	refs := map[string]bool{}
	for _, m := range issueRefRE.FindAllString(a, -1) {
		refs[m] = true
	}
	for _, m := range issueRefRE.FindAllString(b, -1) {
		if refs[m] {
			return true
		}
	}
	return false
}

// issueRefRE is a reference to an issue or pull request in a subject.
var issueRefRE = lazyregexp.New(`#[0-9]+\b`)
