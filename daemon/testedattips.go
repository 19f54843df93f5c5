package daemon

import (
	"context"
	"path"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// whyTestedAtTips is why an untested finding resolves at the tips.
const whyTestedAtTips = "the tests call every symbol it lists at a branch tip"

// testedAtTips is the set of open untested findings whose symbols the
// tests at some tip all call by name, though the tests at the finding's
// commit did not: tests that came later, over commits none of which
// called them all (lukeed/uvu wrote test/assert.js's suites for
// src/assert.js's nine assertions over several commits, and the draft of
// 2020 stayed open; round 81, stale). A finding kept while the tests
// called its symbols (a fix's regression test, a rewritten contract) is
// not the tests' to resolve: the commit's own check says so. Names of
// fewer than three letters are anyone's: such a finding stays.
func testedAtTips(ctx context.Context, repo *analyze.Repo, open []store.Finding, tips []string) map[string]bool {
	type ask struct {
		f     store.Finding
		names []string
	}
	var asks []ask
	var all []string
	for _, f := range open {
		if f.Kind != finding.KindUntested || f.Evidence.Commit == "" {
			continue
		}
		if names, ok := itemNames(f.Items); ok {
			asks = append(asks, ask{f, names})
			all = append(all, names...)
		}
	}
	out := map[string]bool{}
	if len(asks) == 0 {
		return out
	}
	for _, tip := range tips {
		callers, err := repo.TestCallersAt(ctx, tip, all)
		if err != nil {
			continue
		}
		for _, a := range asks {
			if out[a.f.Fingerprint] || !calledFrom(callers, a.names, a.f.CurrentPath()) {
				continue
			}
			// Called at the tip; the commit's own tests, when they called
			// it all too, left it open on purpose.
			if !allCalled(ctx, repo, a.f.Evidence.Commit, a.names, a.f.Evidence.Path) {
				out[a.f.Fingerprint] = true
			}
		}
	}
	return out
}

// calledFrom reports whether every name has a caller among the tests that
// could reach source file p, as TestCalls reads them: for Go the tests of
// its folder, for the other languages any test of the same language.
func calledFrom(callers map[string][]string, names []string, p string) bool {
	lang := analyze.SourceLanguage(p)
	for _, n := range names {
		if !slices.ContainsFunc(callers[n], func(t string) bool {
			if lang == analyze.LangGo {
				return path.Dir(t) == path.Dir(p)
			}
			return analyze.SourceLanguage(t) == lang
		}) {
			return false
		}
	}
	return true
}

// allCalled reports whether the tests at commit call every name, for
// source file p; false when git cannot tell.
func allCalled(ctx context.Context, repo *analyze.Repo, commit string, names []string, p string) bool {
	called, err := repo.TestCallsAt(ctx, commit, names, p)
	if err != nil || called == nil {
		return false
	}
	for _, n := range names {
		if !called[n] {
			return false
		}
	}
	return true
}

// itemNames are the names of the symbols an untested finding lists, as
// calls spell them ("Output.Copy (lines 10-16)" is "Copy"); ok is false
// when an item names none, or one too short to tell apart.
func itemNames(items []string) ([]string, bool) {
	var names []string
	for _, it := range items {
		name, _, found := strings.Cut(it, " (line")
		if !found {
			return nil, false
		}
		name = name[strings.LastIndexAny(name, ".:")+1:]
		if len(name) < 3 {
			return nil, false
		}
		names = append(names, name)
	}
	return names, len(names) > 0
}
