package daemon

import (
	"context"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
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
//
// A symbol its file no longer defines at the tip was taken out, and a
// constructor is called through its type's name: isaacs/node-glob's v9
// rewrite of 2023 ("tests not updated, all failing") listed Glob.doNonull
// and GlobWalker.getChildren, gone within minutes, and Glob.constructor,
// which the tests call as `new Glob(` (round 86, wrong).
//
// The tests of a Go package are read in process (analyze.GoTests), the
// others through git grep.
func testedAtTips(ctx context.Context, repo *analyze.Repo, open []store.Finding, tips []string, blobs analyze.FileReader, tests *analyze.GoTests) map[string]bool {
	type ask struct {
		f     store.Finding
		items []itemName
	}
	var asks []ask
	var all []string
	var sources []string // the findings' files: only their tests can count (calledFrom)
	for _, f := range open {
		if f.Kind != finding.KindUntested || f.Evidence.Commit == "" {
			continue
		}
		if items, ok := itemNames(f.Items); ok {
			asks = append(asks, ask{f, items})
			sources = append(sources, f.CurrentPath())
			for _, it := range items {
				all = append(all, it.name)
				if it.typ != "" {
					all = append(all, it.typ)
				}
			}
		}
	}
	out := map[string]bool{}
	if len(asks) == 0 {
		return out
	}
	type check struct {
		f     store.Finding
		names []string // called at the tip
	}
	var checks []check
	for _, tip := range tips {
		callers, err := testCallersAt(ctx, repo, tests, tip, all, sources)
		if err != nil {
			continue
		}
		for _, a := range asks {
			if out[a.f.Fingerprint] {
				continue
			}
			src, err := blobs.Read(tip, a.f.CurrentPath(), analyze.MaxSourceBytes)
			if err != nil {
				continue // not there (the deleted-file rule's), or unreadable
			}
			var names []string
			ok := true
			for _, it := range a.items {
				switch {
				case gone(a.f.CurrentPath(), src, it):
					// Taken out of the file since.
				case calledFrom(callers, []string{it.name}, a.f.CurrentPath()):
					names = append(names, it.name)
				case it.typ != "" && calledFrom(callers, []string{it.typ}, a.f.CurrentPath()):
					names = append(names, it.typ)
				default:
					ok = false
				}
			}
			if !ok {
				continue
			}
			if len(names) == 0 {
				out[a.f.Fingerprint] = true
				continue
			}
			checks = append(checks, check{a.f, names})
		}
		// Called at the tip; the commit's own tests, when they called it
		// all too, left it open on purpose. A few at a time: the ones git
		// grep answers are most of this pass's wait.
		left := make([]bool, len(checks))
		var wg sync.WaitGroup
		slots := make(chan struct{}, maxGrepsAtOnce)
		for i, c := range checks {
			wg.Add(1)
			slots <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-slots }()
				left[i] = allCalled(ctx, repo, tests, c.f.Evidence.Commit, c.names, c.f.Evidence.Path)
			}()
		}
		wg.Wait()
		for i, c := range checks {
			if !left[i] {
				out[c.f.Fingerprint] = true
			}
		}
		checks = checks[:0]
	}
	return out
}

// maxGrepsAtOnce bounds the git greps testedAtTips runs side by side.
const maxGrepsAtOnce = 4

// whyListGone is why an untested finding whose list is out of date resolves.
const whyListGone = "its file at the branch tips no longer defines a symbol it lists"

// listedGoneAtTips is the set of open untested findings that list a symbol
// their file no longer defines at any branch tip that has the file: a
// draft that asks for tests of code taken out or renamed since is out of
// date, whatever the rest of its list. tokio-rs/loom's "Add tests for
// AtomicBool.new and 11 more" of 2019 listed AtomicBool.get_mut, removed
// in 88e4225 (round 144, stale); vercel/serve's parseEndpoint moved to
// cli.ts and rustfmt's get_ld_library_path was renamed (rounds 142, 137).
// Names of fewer than three letters are anyone's: such a finding stays.
func listedGoneAtTips(open []store.Finding, tips []string, blobs analyze.FileReader) map[string]bool {
	out := map[string]bool{}
	for _, f := range open {
		if f.Kind != finding.KindUntested || f.Evidence.Commit == "" || slices.ContainsFunc(f.Items, func(it string) bool { return strings.Contains(it, ": ") }) {
			continue // a list of several files' symbols: each file's own finding says
		}
		items, ok := itemNames(f.Items)
		if !ok {
			continue
		}
		read, stale := 0, 0
		for _, tip := range tips {
			src, err := blobs.Read(tip, f.CurrentPath(), analyze.MaxSourceBytes)
			if err != nil {
				continue // not there (the deleted-file rule's), or unreadable
			}
			read++
			if slices.ContainsFunc(items, func(it itemName) bool { return gone(f.CurrentPath(), src, it) }) {
				stale++
			}
		}
		if read > 0 && stale == read {
			out[f.Fingerprint] = true
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
// source file p; false when git cannot tell. A Go package's own tests are
// read in process; git grep answers the rest (TestCallsAt), and the tests
// elsewhere that reach an internal package.
func allCalled(ctx context.Context, repo *analyze.Repo, tests *analyze.GoTests, commit string, names []string, p string) bool {
	called, ok, err := tests.OwnCallsAt(commit, names, p)
	if !ok || err != nil || analyze.MayCallFromElsewhere(p, names, called) {
		called, err = repo.TestCallsAt(ctx, commit, names, p)
	}
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

// testCallersAt is repo.TestCallersAt, answered in process when the
// sources are all Go files (analyze.GoTests).
func testCallersAt(ctx context.Context, repo *analyze.Repo, tests *analyze.GoTests, commit string, names, sources []string) (map[string][]string, error) {
	if callers, ok, err := tests.CallersAt(commit, names, sources); ok && err == nil {
		return callers, nil
	}
	return repo.TestCallersAt(ctx, commit, names, sources)
}

// itemName is a symbol an untested finding lists, as calls spell it
// ("Output.Copy (lines 10-16)" is "Copy"), and for a constructor its
// type's name, which calls spell instead ("Glob.constructor": "Glob").
type itemName struct{ name, typ string }

// constructors are the names languages give the method that builds an
// object of its type.
var constructors = map[string]bool{"constructor": true, "__init__": true, "new": true, "__new__": true}

// itemNames are the symbols an untested finding lists; ok is false when
// an item names none, or one too short to tell apart.
func itemNames(items []string) ([]itemName, bool) {
	var names []itemName
	for _, it := range items {
		full, _, found := strings.Cut(it, " (line")
		if !found {
			return nil, false
		}
		if k := strings.LastIndex(full, ": "); k >= 0 {
			full = full[k+2:] // "src/glob.ts: Glob.process", in a list of files
		}
		k := strings.LastIndexAny(full, ".:")
		n := itemName{name: full[k+1:]}
		if k > 0 && constructors[n.name] {
			typ := full[:k]
			n.typ = typ[strings.LastIndexAny(typ, ".:")+1:]
		}
		if len(n.name) < 3 && n.typ == "" || n.typ != "" && len(n.typ) < 3 || !analyze.IsIdentifier(n.name) {
			return nil, false // "the default export" is no name a call spells
		}
		names = append(names, n)
	}
	return names, len(names) > 0
}

// gone reports whether the file at p, whose content at a tip is src, no
// longer defines the item (a constructor: its type); false when the
// language is not read.
func gone(p string, src []byte, it itemName) bool {
	name := it.name
	if it.typ != "" {
		name = it.typ
	}
	defined, known := symbol.DefinedIn(p, src, name)
	return known && !defined
}
