package untested

import (
	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
	"github.com/ticket-master/ticket-master/finding"
	"path"
	"slices"
	"strings"
)

// Options configure Detect. Zero fields take the defaults.
type Options struct {
	// MinSymbols is how many exported symbols of one file must change for
	// the file to be reported. Default 1.
	MinSymbols int
}

// sweepingFiles is how many files' untested findings make a commit a
// sweeping change, reported for none of them: a refactor moved onto a new
// helper, a callback style replaced across a package, a lint rule applied
// everywhere. On the labelled real histories every commit with 6 or more
// such files was judged noise file after file (mypy's named_type
// refactor, 8 files; go-git's move onto pktline.Scanner, 7), while
// commits with up to 5 held useful ones (rust-analyzer's optimisation of
// its token trees). A test for each file is not what such a change asks
// for.
const sweepingFiles = 6

// Fingerprint is the fingerprint of the untested finding for a
// source file: one per file, whatever its symbols, so that a later commit
// that adds the tests can resolve it without knowing which symbols the
// finding listed.
func Fingerprint(path string) string {
	return finding.KindUntested + ":" + path
}

// messageCatalogDirs are the folders projects keep their translations'
// messages in.
var messageCatalogDirs = []string{"locales", "locale", "i18n", "l10n", "translations"}

// Detect reports the source files in which a commit adds or changes
// exported functions, methods, classes or constants that hold code (see
// symbol.Commit.Changed; plain types have nothing to test) while it
// touches no test that could cover them: for Go a *_test.go in the same
// directory (example tests included) or one anywhere that imports the
// file's package; for Python, JS/TS and Java any test
// file of that language (IsTestPath); for Rust a test in the same file (a
// #[cfg(test)] module, a test attribute or macro, a doc test) or a file
// under tests/; for Python a doctest changed in the same file; for any
// language, a data-driven test case or a test in another language (a
// file that is no source we read under test/, tests/, test-data/ or
// testdata/: mypy's check-*.test, fzf's test/*.rb). Code moved from
// another file of the commit is not new, nor is code the project leaves
// out of its coverage (`# pragma: no cover`, see excludedFromCoverage),
// nor a Python class left with no body but a docstring (symbol.Commit.EmptyClass),
// nor code the project's tests already call, unless the commit says it
// fixes it (owncalls.go, projectcalls.go).
// Changes to
// comments, docstrings, type annotations or layout alone, renames, and
// constants that hold values are no change. Test files, vendored and
// generated files, support code (examples, scripts, fixtures: see
// IsSupportPath), a Rust module its parent declares without pub and does
// not re-export (rustPrivateModule), and languages the symbol rules do not
// read are never reported, nor are the files a commit adds when its
// subject says it brings in another project's code (vendors), nor is a
// sweeping change: sweepingFiles files or more at once, nor a bot's commit.
// A program's entry points are run, not unit-tested: bin/, and Python's
// __main__.py (the `python -m` shim).
//
// It resolves the untested findings of the source files a changed test
// covers (Covers) among the commit's own files and the files the test is
// conventionally named after (conventionalSources), and of source files
// the commit deletes; a renamed file's finding carries on under its new
// name (ReplacedBy).
func Detect(c analyze.Commit, cd *analyze.CommitDiff, o Options) (found []finding.Finding, resolved []analyze.Resolution) {
	if cd == nil {
		return nil, nil
	}
	if o.MinSymbols <= 0 {
		o.MinSymbols = 1
	}
	var tests []string               // test files the commit adds or changes
	selfTested := map[string]bool{}  // files whose own tests changed, as the hunks show
	testLangs := map[string]bool{}   // languages with any changed test
	testData := false                // a data-driven test case changed (test-data/unit/x.test)
	goEndToEnd := false              // a Go end-to-end test changed (goEndToEndTest)
	var docTests []string            // Sphinx pages whose doctests changed: their calls count
	var deletedTests []string        // test files the commit deletes
	var examples []*analyze.FileDiff // examples the commit adds lines to, that tests may read
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.NewPath == "" && f.OldPath != "" && analyze.IsTestPath(f.OldPath) {
			// A test taken out is a test changed: vitejs/vite cccef55dfa
			// deleted shared/__tests__/utils.spec.ts, wrapId's and
			// unwrapId's tests, and the draft said it changed no test
			// file (round 119, wrong).
			deletedTests = append(deletedTests, f.OldPath)
			testLangs[analyze.SourceLanguage(f.OldPath)] = true
			continue
		}
		if f.NewPath == "" || f.Binary {
			continue
		}
		switch {
		case analyze.IsTestPath(f.NewPath):
			tests = append(tests, f.NewPath)
			testLangs[analyze.SourceLanguage(f.NewPath)] = true
			goEndToEnd = goEndToEnd || goOutsideTest(f)
		case analyze.SourceLanguage(f.NewPath) == "" && isTestData(f.NewPath):
			testData = true
		case goEndToEndTest(f.NewPath):
			goEndToEnd = true
		case addsDoctest(f):
			docTests = append(docTests, f.NewPath)
		case analyze.HasDir(f.NewPath, exampleDirs...) && analyze.SourceLanguage(f.NewPath) != "" && addsLines(f):
			examples = append(examples, f)
			continue
		case hunksChangeOwnTests(f):
			selfTested[f.NewPath] = true
			tests = append(tests, f.NewPath)
			if analyze.SourceLanguage(f.NewPath) == analyze.LangRust {
				testLangs[analyze.LangRust] = true // a crate's tests exercise its neighbours too
			}
		}
	}
	recentImports.carryTests(cd)
	byName := newCoverIndex(append(slices.Clip(tests), deletedTests...))
	var importers *goImporters // read on first need
	messages := &messageTests{cd: cd, tests: tests}
	inputLangs := map[string]bool(nil) // languages of examples the tests read, on first need
	covered := func(p string) bool {
		if selfTested[p] {
			return true
		}
		if len(examples) > 0 {
			if inputLangs == nil {
				inputLangs = testInputs(cd, examples)
			}
			if inputLangs[analyze.SourceLanguage(p)] {
				return true
			}
		}
		if testData {
			return true // the project's tests are data, or in another language (test/*.rb)
		}
		if lang := analyze.SourceLanguage(p); lang != analyze.LangGo {
			// Rust is often an extension that tests in the language it
			// extends exercise: pydantic/pydantic-core tests its PyO3
			// code from tests/*.py (ten commits drafted "nothing under
			// tests/" beside changed Python tests), napi-rs and
			// wasm-bindgen crates from JavaScript.
			return testLangs[lang] || lang == analyze.LangRust && (testLangs[analyze.LangPython] || testLangs[analyze.LangJS])
		}
		if goEndToEnd {
			return true // it runs the program whole, this file among the rest
		}
		if byName.covers(p) {
			return true
		}
		if importers == nil {
			importers = newGoImporters(cd, tests)
		}
		return importers.covers(p) || messages.covers(p)
	}

	syms := symbol.ForCommit(cd)
	// Whether another Rust file of the commit changes test code the hunks
	// do not show as such (a #[cfg(test)] fn whose attribute is above the
	// hunk: sharkdp/hyperfine 038f369 changed scheduler.rs's test helper
	// generate_results with ExportManager::from_cli_arguments, drafted
	// untested: round 101, wrong). A crate's tests exercise its
	// neighbours, as when the hunks show them. Read on first need, at
	// most maxRustTestReads files.
	// Only the reported file's crate: rust-lang/rust-analyzer's commits
	// touch one crate's tests beside another crate's code, judged useful.
	rustTestCrates := map[string]bool{} // crate roots with test code changed
	rustTestsRead := false
	rustTestsElsewhere := func(reported *analyze.FileDiff) bool {
		if !rustTestsRead {
			rustTestsRead = true
			reads := 0
			for i := range cd.Files {
				g := &cd.Files[i]
				if g.NewPath == "" || g.Binary || analyze.SourceLanguage(g.NewPath) != analyze.LangRust || reads == maxRustTestReads {
					continue
				}
				reads++
				if fileChangesOwnTests(syms, g) {
					rustTestCrates[rustCrateRoot(g.NewPath)] = true
				}
			}
		}
		root := rustCrateRoot(reported.NewPath)
		return root != "" && rustTestCrates[root]
	}
	calls := newCallIndex(cd, append(tests, docTests...))
	// What the subject says is asked only of commits with a file to
	// report (the tests of the subject are regular expressions, and most
	// commits have none).
	restructuring := once(func() bool { return restructures(c.Subject) })
	typingOnly := once(func() bool { return typing(c.Subject) })
	removing := once(func() bool { return removes(c.Subject) && !analyze.IsFixSubject(c.Subject) })
	linting := once(func() bool { return lints(c.Subject) })
	prettying := once(func() bool { return cosmetic(c.Subject) })
	// A fix asks for its regression test, whatever tests there are: go-git
	// 8cdb798 fixed ObjectID.ResetBySize, which objectid_test.go called,
	// and added no test of the fix (judged useful). A fix of types is the
	// type checker's to test ("Fix areIntervalsOverlapping types",
	// date-fns fc45ceed8 took generic parameters off: round 90, noise).
	fixing := once(func() bool { return analyze.IsFixSubject(c.Subject) && !typingOnly() })
	// The files a vendoring commit adds are another project's.
	vendoring := once(func() bool { return vendors(c.Subject) })
	// A bot's commit is a tool's routine (pyparsing ea463fa, github-actions
	// syncing an example's copy): no test is missing from it.
	byBot := once(func() bool { return analyze.IsBot(c.Author) })
	kept := 0            // files a restructuring left under their own tests
	var moved movedLines // read on first need
	foundFP := map[string]bool{}
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.NewPath == "" || !cd.AnalysableSource(f) || analyze.IsSupportPath(f.NewPath) ||
			analyze.HasDir(f.NewPath, "bin") || path.Base(f.NewPath) == "__main__.py" || f.OldPath == "" && vendoring() || byBot() || covered(f.NewPath) {
			continue // a command's entry point is run, not unit-tested
		}
		if analyze.HasDir(f.NewPath, messageCatalogDirs...) {
			// A translation's messages: data written as code. colinhacks/
			// zod's locales/bn.ts, ckb.ts and five more each "Add tests for
			// the default export of ..." (round 122, noise); a test that
			// loops over every locale checks them all.
			continue
		}
		if syms.ChangesNone(f) {
			// Nothing to report, known from the hunks: before Generated,
			// which reads the file (294 of the 902 Go files go-git's last
			// 2,000 commits change that get this far).
			continue
		}
		if syms.Generated(f) {
			// Before its symbols are read: goccy/go-json regenerates four
			// 5,000-line vm.go files with most of its commits, and parsing
			// them was four fifths of its backfill (round 115).
			continue
		}
		var keep []symbol.Symbol
		changed := syms.Changed(f)
		for _, s := range changed {
			if !testable(s) || excludedFromCoverage(s, changed) {
				continue
			}
			if s.Kind == symbol.Func && s.Name == "main" && strings.HasPrefix(path.Base(f.NewPath), "main.") {
				// A program's entry point is run, not unit-tested
				// (ajeetdsouza/zoxide's `pub fn main` in src/main.rs:
				// round 101, noise).
				continue
			}
			if pythonTest(f.NewPath, s.Name) {
				continue // a test in a package of test helpers (keyring/testing/)
			}
			if s.Change == symbol.BodyChanged && (prettying() || logsOnly(f, s)) {
				continue // how it reads or what it logs, not what it does (logs.go)
			}
			if s.Change == symbol.BodyChanged && changedCodeLines(f, []symbol.Symbol{s}) == 0 && (removing() || testsName(cd, tests, removalNames(f, s))) {
				// Code only taken out, by a commit that says it takes
				// something out: nothing new to test (olivere/elastic
				// 9005e28f "Removed unsupported fields ..." from Source and
				// NewSamplerAggregation; b0a09204 "No default bucket
				// count ...", which a test of the commit before checked;
				// round 69). Lines taken out under another subject may
				// change a contract (go-git 3fe32a2's DiscoverVersion,
				// judged useful), and a fix asks for its regression test;
				// unless the commit's tests changed with what the lines
				// named (testedremoval.go).
				continue
			}
			if s.Kind == symbol.Class && analyze.SourceLanguage(f.NewPath) == analyze.LangPython {
				if syms.EmptyClass(f.NewPath, s.Line) {
					continue // a docstring alone: an exception or warning type
				}
			}
			if s.Change == symbol.Added {
				if moved == nil {
					moved = removedLines(cd)
				}
				if moved.holds(f, s) || restructuring() && removesName(cd, shortName(s)) {
					// Moved: the same lines, or under a subject that says
					// it moves or restructures code, a definition the
					// commit's removed lines named ("Move `isRedirect`
					// function to a seperate file", node-fetch 07c6b74 made
					// `fetch.isRedirect = code => ...` a function of
					// utils/is-redirect.js: round 93, noise).
					continue
				}
			}
			keep = append(keep, s) // code moved from another file keeps its tests
		}
		keep = withoutDeprecated(syms.Read, f, outsideStrings(syms.Read, f, keep))
		// A private Rust module's pub items are the crate's. Asked once
		// there is something to report: it reads the modules above the
		// file (termcolor's 2,000-line lib.rs at most commits).
		if len(keep) == 0 || len(keep) < o.MinSymbols {
			continue
		}
		if keep = publicIn(f, syms.Read, keep); len(keep) == 0 || len(keep) < o.MinSymbols || fileChangesOwnTests(syms, f) ||
			analyze.SourceLanguage(f.NewPath) == analyze.LangRust && rustTestsElsewhere(f) || inlineScript(syms, f) || toolScript(syms, f) ||
			calls.cover(f.NewPath, keep) || importers != nil && importers.coversThrough(f.NewPath) {
			continue
		}
		testedFix := false
		called := calledByTests(syms, cd, f.NewPath, keep, typingOnly())
		if byName := len(called); byName < len(keep) {
			reachedByTestedCallers(syms, cd, f.NewPath, keep, called)
			if len(called) == len(keep) && !fixing() {
				// Left out for its callers' tests, it still counts to the
				// sweep below, as it did when it was reported.
				kept++
				continue
			}
		}
		switch {
		case len(called) == len(keep):
			if !fixing() {
				continue // tested code rewritten (owncalls.go, projectcalls.go)
			}
			// A fix of code the tests call asks for its regression test,
			// but the tests are there to take it: an item of the digest,
			// not an issue of its own (django-filter f38dcdd's
			// handle_timezone, psf/cachecontrol 5569c80's FileCache.get,
			// h11 bdcc34e: drafts judged noise in rounds 74 to 77).
			testedFix = true
		case len(called) > 0:
			// The tested code rewritten is not what the draft asks tests
			// for: bluss/indexmap de27e9e's OccupiedEntry.swap_remove_entry
			// and 6378856's IndexSet.get_index, which tests/quick.rs calls,
			// were named beside the new code no test calls (round 80,
			// wrong); in a fix too: pressly/goose 3fade11 "fix: Set
			// explicit transaction mode on Go register" was "Add tests for
			// AddNamedMigrationContext and 1 more", which migrate_test.go
			// calls (round 103, wrong). What the commit adds stays,
			// whatever tests call a name like it.
			keep = slices.DeleteFunc(keep, func(s symbol.Symbol) bool { return called[s.Name] && s.Change != symbol.Added })
			if len(keep) == 0 || len(keep) < o.MinSymbols {
				continue
			}
		}
		if linting() && bodiesOnly(keep, false) {
			continue // a linter's findings answered: behaviour kept (restructure.go)
		}
		if restructuring() && bodiesOnly(keep, typingOnly()) && hasTestFile(syms, f.NewPath) {
			kept++ // behaviour kept, under tests that exist (restructure.go)
			continue
		}
		if coverageGated(cd, analyze.SourceLanguage(f.NewPath)) {
			continue // the project's test run fails below 100% (coveragegate.go)
		}
		if !cd.HasTests(analyze.SourceLanguage(f.NewPath)) {
			// A project with no test of the language asks for none of each
			// change: rivo/tview has no _test.go, and its 18 untested
			// drafts and digest lines were all noise (round 110).
			continue
		}
		fd := untestedFinding(c, syms, f, keep)
		if testedFix {
			fd.Confidence, fd.Severity = min(fd.Confidence, draftAlone-0.1), finding.Low
			// Tests exist: "Add tests for Output.Copy" read as if none did
			// (muesli/termenv a6f7ced, "fix detecting tmux", whose
			// screen_test.go calls o.Copy; round 81, judged wrong).
			fd.Title = regressionTitle(fd.Title)
			fd.Body += " The project's tests call it already; the commit says it fixes something, and a test of the fix belongs with them."
		}
		foundFP[fd.Fingerprint] = true
		found = append(found, fd)
		if len(found)+kept >= sweepingFiles {
			// Reported for none: the files after it need not be read.
			// Those the loop did not reach are uncovered source files
			// still there, which the resolutions below never name.
			break
		}
	}
	if len(found)+kept >= sweepingFiles {
		// Their fingerprints stay in foundFP: the change tests none of
		// those files, so it resolves no earlier finding of theirs.
		found = nil
	}

	resolvedFP := map[string]bool{}
	resolve := func(p, replacedBy string) {
		fp := Fingerprint(p)
		if p == "" || foundFP[fp] || resolvedFP[fp] || analyze.IsTestPath(p) || analyze.SourceLanguage(p) == "" {
			return
		}
		resolvedFP[fp] = true
		resolved = append(resolved, analyze.Resolution{Fingerprint: fp, Commit: c.Hash, ReplacedBy: replacedBy})
	}
	for i := range cd.Files {
		f := &cd.Files[i]
		switch {
		case f.OldPath == "" || f.OldPath == f.NewPath:
		case f.NewPath == "", analyze.IsTestPath(f.NewPath), analyze.SkipReason(f.NewPath) != "",
			analyze.SourceLanguage(f.NewPath) == "", covered(f.NewPath):
			resolve(f.OldPath, "") // deleted, or moved where it is covered or not reported
		default:
			resolve(f.OldPath, Fingerprint(f.NewPath)) // renamed: the finding follows the file
		}
		if byName.covers(f.NewPath) {
			resolve(f.NewPath, "")
		}
	}
	for _, t := range tests {
		if selfTested[t] {
			resolve(t, "")
		}
		for _, p := range conventionalSources(t) {
			resolve(p, "")
		}
	}
	resolved = append(resolved, calls.resolutions(c)...)
	return found, append(resolved, removalResolutions(c, cd)...)
}

// testable reports symbols with behaviour to test: functions, methods,
// classes and constants that hold code (JS arrow functions), changed in
// what they do. A Go method that only returns its receiver's fields (under
// its lock at most) is an accessor with nothing of its own to test. A Go struct, a TypeScript interface or a Rust enum that
// gains a field has nothing a test could exercise (its methods are
// reported on their own); neither has a constant's value, a Python stub,
// a change of type annotations or of the text in strings alone, or a
// rename.
func testable(s symbol.Symbol) bool {
	switch {
	case s.Kind == symbol.Type, s.Value, s.Stub, s.Abstract, s.TypesOnly, s.TextOnly, s.Accessor:
		return false
	}
	return s.Change == symbol.Added || s.Change == symbol.BodyChanged || s.Change == symbol.SignatureChanged
}

// regressionTitle is an untested finding's title ("Add tests for X in
// PATH") as a fix asks it: "Add a regression test for X in PATH". The
// longer words shorten the names, not the path (python-trio/trio's "Add a
// regression test for BaseEventBroker.start in…" lost its file: round 97).
func regressionTitle(title string) string {
	what := strings.TrimPrefix(title, "Add tests for ")
	if k := strings.LastIndex(what, " in "); k > 0 {
		return analyze.FitTitle("Add a regression test for ", what[:k], what[k:])
	}
	return analyze.ShortenTitle("Add a regression test for "+what, analyze.TitleMax)
}

// maxRustTestReads bounds the Rust files one commit's check for test code
// elsewhere reads.
const maxRustTestReads = 8

// once is f, asked at most once.
func once(f func() bool) func() bool {
	done, v := false, false
	return func() bool {
		if !done {
			v, done = f(), true
		}
		return v
	}
}
