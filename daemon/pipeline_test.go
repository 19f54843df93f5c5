package daemon

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// todoOnly is the default configuration with every detector but the TODO
// one off, for tests about the pipeline rather than a detector.
func todoOnly() config.Config {
	cfg := config.Defaults()
	off := false
	cfg.Detectors = config.DetectorSwitches{Untested: &off, DocDrift: &off, Hotspot: &off, Dependency: &off, Secret: &off, LLMReview: &off}
	return cfg
}

// dependencyOnly is the defaults with the dependency detector alone on.
// untestedOnly is the settings with the untested detector alone on.
func untestedOnly() config.Config {
	cfg := config.Defaults()
	off := false
	cfg.Detectors = config.DetectorSwitches{TODO: &off, DocDrift: &off, Hotspot: &off, Dependency: &off, Secret: &off, LLMReview: &off}
	return cfg
}

// docdriftOnly is the defaults with the drift detector alone on.
func docdriftOnly() config.Config {
	cfg := config.Defaults()
	off := false
	cfg.Detectors = config.DetectorSwitches{TODO: &off, Untested: &off, Hotspot: &off, Dependency: &off, Secret: &off, LLMReview: &off}
	return cfg
}

func dependencyOnly() config.Config {
	cfg := config.Defaults()
	off := false
	cfg.Detectors = config.DetectorSwitches{TODO: &off, Untested: &off, DocDrift: &off, Hotspot: &off, Secret: &off, LLMReview: &off}
	return cfg
}

func reconcile(t *testing.T, rc *Reconciler, id string) Summary {
	t.Helper()
	sum, err := rc.Reconcile(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func findingOf(t *testing.T, rc *Reconciler, id, fp string) (store.Finding, bool) {
	t.Helper()
	var f store.Finding
	var ok bool
	err := rc.Store.View(func(tx *store.Tx) (err error) {
		f, ok, err = tx.Finding(id, fp)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f, ok
}

func findings(t *testing.T, rc *Reconciler, id, status string) []store.Finding {
	t.Helper()
	var fs []store.Finding
	err := rc.Store.View(func(tx *store.Tx) (err error) {
		fs, err = tx.Findings(id, status)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// `analyze` is the daemon's pipeline against a throwaway store: for the same
// range, settings and repository it shows exactly the drafts `enroll
// --backfill` queues (issue 11: with labels: [team-x] and
// max_drafts_per_commit: 1 the two used to disagree).
func TestAnalyzeShowsWhatBackfillQueues(t *testing.T) {
	r := newGitRepo(t)
	r.git("-C", r.dir, "remote", "add", "origin", "https://github.com/acme/gadgets.git")
	r.commit("settings", map[string]string{".ticket-master.yaml": "labels: [team-x]\nmax_drafts_per_commit: 1\n"})
	r.commit("two at once", map[string]string{
		"a.go": "package a\n// TODO: retry uploads that fail with a 503\n// FIXME: close the body on error\n",
	})
	r.commit("deps", map[string]string{"go.mod": "module example.com/a\n\ngo 1.22\n\nrequire github.com/google/go-github/v62 v62.0.0\n"})
	r.commit("flag", map[string]string{"main.go": "package main\n\nimport \"flag\"\n\nvar timeout = flag.Duration(\"timeout\", 0, \"how long\")\n"})
	for i := range 3 {
		r.commit(fmt.Sprintf("more %d", i), map[string]string{fmt.Sprintf("b%d.py", i): fmt.Sprintf("# TODO: handle the empty batch case %d\n", i)})
	}
	ctx := context.Background()
	cfg := config.Defaults()

	p, err := RunPreview(ctx, PreviewOptions{Path: r.dir, Last: 10, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "tm.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Enroll(ctx, st, EnrollOptions{Path: r.dir, Backfill: 10, NoHooks: true, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	var queued []store.Draft
	_ = st.View(func(tx *store.Tx) (err error) {
		queued, err = tx.Drafts(store.DraftFilter{State: store.DraftPending})
		return err
	})
	if len(p.Drafts) == 0 || len(p.Drafts) != len(queued) {
		t.Fatalf("analyze shows %d drafts, enroll --backfill queued %d", len(p.Drafts), len(queued))
	}
	for i, d := range queued {
		got := p.Drafts[i]
		if got.Title != d.Title || got.Body != d.Body || !reflect.DeepEqual(got.Labels, d.Labels) || got.Fingerprint != d.Fingerprint() {
			t.Errorf("draft %d differs:\nanalyze: %q %v\n%s\nenroll:  %q %v\n%s", i, got.Title, got.Labels, got.Body, d.Title, d.Labels, d.Body)
		}
		if !slices.Contains(d.Labels, "team-x") {
			t.Errorf("draft %q lacks the team's label: %v", d.Title, d.Labels)
		}
	}
	// The summaries say what is stored, not what went by on the way.
	if res.Backfill == nil || res.Backfill.Pending != len(queued) || p.Waiting != res.Backfill.Waiting {
		t.Errorf("enroll summary %+v, analyze waiting %d; %d drafts stored", res.Backfill, p.Waiting, len(queued))
	}
}

// A finding handed over to another fingerprint (an edited TODO) keeps its
// draft: no new draft, no "left unfinished" in the editing commit.
func TestHandOverKeepsTheDraft(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	c1 := r.commit("todo", map[string]string{"a.go": "package a\n// TODO: retyr the upload\n"})
	reconcile(t, rc, id)
	before := drafts(t, rc, store.DraftPending)
	if len(before) != 1 {
		t.Fatalf("drafts = %+v", before)
	}
	oldFP := before[0].Fingerprint()
	c2 := r.commit("typo", map[string]string{"a.go": "package a\n// TODO: retry the upload\n"})

	// What the TODO detector says of the edit, applied by the writer.
	newFP := "todo:a.go:edited"
	res := analyze.Result{
		Commit:   analyze.Commit{Hash: c2, Parents: []string{c1}, Subject: "typo"},
		Resolved: []analyze.Resolution{{Fingerprint: oldFP, Commit: c2, ReplacedBy: newFP}},
		Findings: []finding.Finding{{Kind: finding.KindTODO, Fingerprint: newFP, Word: "TODO", Text: "retry the upload",
			Evidence: finding.Evidence{Path: "a.go", Line: 2, Commit: c2, Excerpt: "// TODO: retry the upload"}}},
	}
	applyResults(t, rc, id, res)

	after := drafts(t, rc, "")
	if len(after) != 1 || after[0].ID != before[0].ID || after[0].State != store.DraftPending || after[0].Fingerprint() != newFP {
		t.Fatalf("drafts after the edit = %+v", after)
	}
	if !strings.Contains(after[0].Title, "Retry the upload") {
		t.Errorf("the draft still says the old text: %q", after[0].Title)
	}
	if old, _ := findingOf(t, rc, id, oldFP); old.Status != store.FindingReplaced || old.ReplacedBy != newFP {
		t.Errorf("old finding = %s → %s", old.Status, old.ReplacedBy)
	}
}

func applyResults(t *testing.T, rc *Reconciler, id string, results ...analyze.Result) {
	t.Helper()
	var rec store.Repo
	_ = rc.Store.View(func(tx *store.Tx) (err error) { rec, err = tx.Repo(id); return err })
	repo, err := analyze.Open(context.Background(), rec.Path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := rc.planFor(context.Background(), repo, "")
	if err != nil {
		t.Fatal(err)
	}
	w := &writer{rec: rec, plan: p, sum: &Summary{}}
	if err := rc.Store.Update(func(tx *store.Tx) error { return w.apply(tx, results, nil) }); err != nil {
		t.Fatal(err)
	}
}

// A TODO in a renamed file is the same work: its finding and draft follow
// the file; removing it from the new name resolves it.
func TestFindingsFollowRenames(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	r.commit("todo", map[string]string{"a.go": "package a\n\n// TODO: cache the parsed templates between requests\nfunc A() {}\n"})
	reconcile(t, rc, id)
	first := drafts(t, rc, store.DraftPending)
	if len(first) != 1 {
		t.Fatalf("drafts = %+v", first)
	}
	r.git("-C", r.dir, "mv", "a.go", "b.go")
	r.commit("rename", nil)
	reconcile(t, rc, id)
	ds := drafts(t, rc, "")
	if len(ds) != 1 || ds[0].ID != first[0].ID || ds[0].State != store.DraftPending || !strings.HasPrefix(ds[0].Fingerprint(), "todo:b.go:") {
		t.Fatalf("after the rename: %+v", ds)
	}
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 1 || open[0].CurrentPath() != "b.go" || open[0].Evidence.Path != "a.go" {
		t.Fatalf("open findings = %+v", open)
	}
	r.commit("done", map[string]string{"b.go": "package a\n\nfunc A() {}\n"})
	reconcile(t, rc, id)
	if ds := drafts(t, rc, store.DraftWithdrawn); len(ds) != 1 {
		t.Fatalf("removing the TODO from b.go did not withdraw its draft: %+v", drafts(t, rc, ""))
	}
}

// A file moved into vendored code, or renamed out of use, is no longer
// the project's: its findings are resolved, not carried along
// (Neargye/magic_enum 26b9d46 moved test/doctest/doctest.h into
// test/3rdparty/doctest/; spf13/afero 1f3c733 "chore: disable unused
// example" renamed examples_test.go to examples_test.go.bak).
func TestFileSetAsideResolvesItsFindings(t *testing.T) {
	for _, tc := range []struct{ name, from, to string }{
		{"moved into vendored code", "test/doctest/doctest.h", "test/3rdparty/doctest/doctest.h"},
		{"renamed out of use", "stiface/examples_test.go", "stiface/examples_test.go.bak"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newGitRepo(t)
			r.commit("start", nil)
			rc, id := enrolled(t, r, todoOnly())
			r.commit("add", map[string]string{tc.from: "// TODO: stringify pointers with their type name\nint x;\n"})
			reconcile(t, rc, id)
			if n := len(drafts(t, rc, store.DraftPending)); n != 1 {
				t.Fatalf("%d drafts pending, want the TODO's", n)
			}
			if err := os.MkdirAll(filepath.Dir(filepath.Join(r.dir, tc.to)), 0o755); err != nil {
				t.Fatal(err)
			}
			r.git("-C", r.dir, "mv", tc.from, tc.to)
			r.commit("set it aside", nil)
			reconcile(t, rc, id)
			if ds := drafts(t, rc, store.DraftPending); len(ds) != 0 {
				t.Errorf("drafts still pending: %+v", ds)
			}
			if open := findings(t, rc, id, store.FindingOpen); len(open) != 0 {
				t.Errorf("open findings %+v, want none", open)
			}
		})
	}
}

// A deleted file resolves its findings once it is gone from every watched
// branch tip; deleted on one branch only, it is still there on the other.
func TestDeletedFileResolvesItsFindings(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	r.commit("todos", map[string]string{
		"a.go": "package a\n// TODO: validate the input before parsing it\n",
		"b.go": "package a\n// TODO: log the slow queries somewhere useful\n",
	})
	reconcile(t, rc, id)
	r.git("-C", r.dir, "branch", "keep")
	r.commit("drop a", map[string]string{"a.go": ""})
	reconcile(t, rc, id)
	if n := len(drafts(t, rc, store.DraftPending)); n != 2 {
		t.Fatalf("a.go is still on branch keep, yet %d drafts are pending", n)
	}
	r.git("-C", r.dir, "branch", "-D", "keep")
	r.commit("drop b", map[string]string{"b.go": ""})
	reconcile(t, rc, id)
	if ds := drafts(t, rc, store.DraftPending); len(ds) != 0 {
		t.Fatalf("drafts about deleted files are still pending: %+v", ds)
	}
}

// A finding made on a file's old path by a branch that still had it, after
// the main line had moved the file, follows the file once the branch is
// merged and gone (pallets/flask-sqlalchemy: a 2.x commit changed
// flask_sqlalchemy/model.py after master moved it to src/; the draft cited
// a file that no longer existed).
func TestFindingOnARenamedPathFollowsAfterTheMerge(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"pkg/model.py": "def model():\n    return 1\n"})
	rc, id := enrolled(t, r, todoOnly())
	r.git("-C", r.dir, "branch", "2.x")
	r.git("-C", r.dir, "mv", "pkg", "src")
	r.commit("move to src/", nil)
	r.git("-C", r.dir, "checkout", "-q", "2.x")
	r.commit("on 2.x", map[string]string{"pkg/model.py": "def model():\n    # TODO: cache the model between requests\n    return 1\n"})
	r.git("-C", r.dir, "checkout", "-q", "main")
	r.git("-C", r.dir, "merge", "-q", "--no-edit", "2.x")
	r.git("-C", r.dir, "branch", "-q", "-D", "2.x")
	reconcile(t, rc, id)
	open := findings(t, rc, id, store.FindingOpen)
	if len(open) != 1 || open[0].CurrentPath() != "src/model.py" {
		t.Fatalf("open findings %+v, want the TODO at src/model.py", open)
	}
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || !strings.Contains(ds[0].Body, "src/model.py") {
		t.Fatalf("drafts %+v, want one citing src/model.py", ds)
	}
}

// A file made anew at a path its branch had moved away, then deleted, is
// gone: the move came before its finding, which does not go where the old
// file went (sourcegraph/conc 3cb69e9 re-created panic.go beside the
// panics/panics.go its parent had moved it to; a453739 deleted the copy,
// and the finding went on as panics/panics.go's: round 104, wrong).
func TestFindingOnAPathMadeAnewAfterItsMoveIsResolvedWithIt(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"pkg/model.py": "def model():\n    return 1\n"})
	rc, id := enrolled(t, r, todoOnly())
	r.git("-C", r.dir, "mv", "pkg", "src")
	r.commit("move to src/", nil)
	r.commit("a copy back", map[string]string{"pkg/model.py": "def model():\n    # TODO: cache the model between requests\n    return 1\n"})
	r.git("-C", r.dir, "rm", "-q", "-r", "pkg")
	r.commit("remove the copy", nil)
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 0 {
		t.Fatalf("open findings %+v, want none: the file it was made on is gone", open)
	}
	if ds := drafts(t, rc, store.DraftPending); len(ds) != 0 {
		t.Fatalf("drafts %+v, want none", ds)
	}
}

// devDependencies is a .ticket-master.yaml that reports development-only
// dependencies: the real histories below changed dev or docs manifests.
const devDependencies = "dependency:\n  dev: true\n"

// A backfill looks for every open finding's file at the tips: a file can
// leave the branches where no analysed commit shows it. pallets/markupsafe
// changed docs/requirements.txt on a maintenance branch after main had
// deleted it, and the merge kept main's tree: its dependency findings, and
// a TODO of a file the same way, cited files no branch has.
func TestBackfillResolvesFindingsOnFilesNoTipHas(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"README.md": "gadgets\n", "docs/requirements.txt": "Sphinx~=7.1.0\n", config.RepoFile: devDependencies})
	r.git("-C", r.dir, "branch", "2.x")
	r.commit("drop the docs pins", map[string]string{"docs/requirements.txt": ""})
	r.git("-C", r.dir, "checkout", "-q", "2.x")
	r.commit("update docs build", map[string]string{
		"docs/requirements.txt": "Sphinx~=8.1.0\n",
		"lib/old.py":            "def shim():\n    # TODO: drop the legacy shim once every client sends v2 requests\n    return 1\n",
	})
	r.git("-C", r.dir, "checkout", "-q", "main")
	r.git("-C", r.dir, "merge", "-q", "--no-edit", "-s", "ours", "2.x")
	r.git("-C", r.dir, "branch", "-q", "-D", "2.x")
	cfg := config.Defaults()
	off := false
	cfg.Detectors = config.DetectorSwitches{Untested: &off, DocDrift: &off, Hotspot: &off, Secret: &off, LLMReview: &off}
	rc, id := enrolled(t, r, cfg)
	if _, err := rc.Backfill(context.Background(), id, 10); err != nil {
		t.Fatal(err)
	}
	var resolved []string
	for _, f := range findings(t, rc, id, store.FindingResolved) {
		resolved = append(resolved, f.Fingerprint)
	}
	for _, f := range findings(t, rc, id, store.FindingOpen) {
		t.Errorf("open finding %s cites %s, which no branch has (resolved: %v)", f.Fingerprint, f.CurrentPath(), resolved)
	}
	if !slices.Contains(resolved, "dependency:sphinx:v8") || !slices.ContainsFunc(resolved, func(fp string) bool { return strings.HasPrefix(fp, "todo:lib/old.py:") }) {
		t.Errorf("resolved %v, want the TODO and the Sphinx upgrade", resolved)
	}
}

// A backfill resolves a dependency finding whose package no manifest it
// cites declares at any tip, the manifest still there: ramsey/uuid's 3.x
// commits added nikic/php-parser and were merged into 4.x without it (a
// merge's own changes are not analysed). A package still declared stays.
func TestBackfillResolvesADependencyAMergeDropped(t *testing.T) {
	r := newGitRepo(t)
	base := "{\n  \"require-dev\": {\n    \"phpunit/phpunit\": \"^9\"\n  }\n}\n"
	r.commit("start", map[string]string{"composer.json": base, config.RepoFile: devDependencies})
	r.git("-C", r.dir, "branch", "3.x")
	r.commit("4.x: exact decimals", map[string]string{"composer.json": "{\n  \"require\": {\n    \"brick/math\": \"^0.11\"\n  },\n  \"require-dev\": {\n    \"phpunit/phpunit\": \"^9\"\n  }\n}\n"})
	r.git("-C", r.dir, "checkout", "-q", "3.x")
	r.commit("3.x: test the code generator", map[string]string{"composer.json": "{\n  \"require-dev\": {\n    \"nikic/php-parser\": \"^4.13\",\n    \"phpunit/phpunit\": \"^9\"\n  }\n}\n"})
	r.git("-C", r.dir, "checkout", "-q", "main")
	r.git("-C", r.dir, "merge", "-q", "--no-edit", "-s", "ours", "3.x")
	r.git("-C", r.dir, "branch", "-q", "-D", "3.x")
	rc, id := enrolled(t, r, dependencyOnly())
	if _, err := rc.Backfill(context.Background(), id, 10); err != nil {
		t.Fatal(err)
	}
	f, ok := findingOf(t, rc, id, "dependency:nikic/php-parser:v4")
	if !ok || f.Status != store.FindingResolved || f.ResolvedWhy != whyDropped {
		t.Errorf("php-parser's finding = %+v, want resolved: no tip declares it", f)
	}
	if f, ok := findingOf(t, rc, id, "dependency:brick/math:v0.11"); !ok || f.Status != store.FindingOpen {
		t.Errorf("brick/math's finding = %+v, want open: main declares it", f)
	}
}

// The daemon does the same after new commits with a merge among them: a
// side branch's dependency, dropped by the merge that brought the branch
// in, is resolved at the reconcile that sees the merge.
func TestReconcileResolvesADependencyAMergeDropped(t *testing.T) {
	r := newGitRepo(t)
	base := "{\n  \"require-dev\": {\n    \"phpunit/phpunit\": \"^9\"\n  }\n}\n"
	r.commit("start", map[string]string{"composer.json": base, config.RepoFile: devDependencies})
	rc, id := enrolled(t, r, dependencyOnly())
	r.git("-C", r.dir, "checkout", "-q", "-b", "3.x")
	r.commit("3.x: test the code generator", map[string]string{"composer.json": "{\n  \"require-dev\": {\n    \"nikic/php-parser\": \"^4.13\",\n    \"phpunit/phpunit\": \"^9\"\n  }\n}\n"})
	r.git("-C", r.dir, "checkout", "-q", "main")
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "dependency:nikic/php-parser:v4"); !ok || f.Status != store.FindingOpen {
		t.Fatalf("php-parser's finding = %+v, want open while 3.x declares it", f)
	}
	r.commit("4.x: more tests", map[string]string{"tests/a.php": "<?php\n"})
	reconcile(t, rc, id)
	if f, _ := findingOf(t, rc, id, "dependency:nikic/php-parser:v4"); f.Status != store.FindingOpen {
		t.Fatalf("php-parser's finding = %+v, want open: 3.x still declares it", f)
	}
	r.git("-C", r.dir, "merge", "-q", "--no-edit", "-s", "ours", "3.x")
	r.git("-C", r.dir, "branch", "-q", "-D", "3.x")
	reconcile(t, rc, id)
	if f, _ := findingOf(t, rc, id, "dependency:nikic/php-parser:v4"); f.Status != store.FindingResolved || f.ResolvedWhy != whyDropped {
		t.Errorf("php-parser's finding = %+v, want resolved by the merge that dropped it", f)
	}
}

// A dependency that leaves every manifest resolves its finding whatever
// major the finding names (seanmonstar/httparse: pico-sys came in as "*",
// was pinned "0.0" in 4b94df6 and removed in 6f6ff10; its "Review the new
// dependency pico-sys" stayed in the digest, for a package long gone).
func TestRemovedDependencyResolvesItsFindingAtAnyMajor(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"src/lib.rs": "pub fn parse() {}\n", config.RepoFile: devDependencies})
	rc, id := enrolled(t, r, dependencyOnly())
	manifest := "[package]\nname = \"httparse\"\nversion = \"0.0.1\"\n\n[dev-dependencies]\n"
	r.commit("init", map[string]string{"Cargo.toml": manifest + "pico-sys = \"*\"\n"})
	r.commit("pin pico-sys", map[string]string{"Cargo.toml": manifest + "pico-sys = \"0.0\"\n"})
	reconcile(t, rc, id)
	open := findings(t, rc, id, store.FindingOpen)
	if len(open) != 1 || open[0].Fingerprint != "dependency:pico-sys:any" {
		t.Fatalf("open findings %+v, want pico-sys's, found at \"*\"", open)
	}
	r.commit("Switch benches to criterion and remove pico targets", map[string]string{"Cargo.toml": manifest + "criterion = \"0.3.5\"\n"})
	reconcile(t, rc, id)
	for _, f := range findings(t, rc, id, store.FindingOpen) {
		if strings.Contains(f.Fingerprint, "pico-sys") {
			t.Errorf("pico-sys left Cargo.toml, yet %s is open", f.Fingerprint)
		}
	}
}

// Tests that come over several commits, none of which calls every symbol a
// finding lists, cover it at the tip: a backfill resolves it (lukeed/uvu's
// test/assert.js suites for src/assert.js, written one by one; round 81).
// A fix of code the tests called at its commit keeps its line: its
// regression test is what is missing.
func TestBackfillResolvesUntestedCodeTestedLater(t *testing.T) {
	r := newGitRepo(t)
	// A project with tests already (one with none asks for none).
	r.commit("start", map[string]string{"package.json": "{\"name\": \"uvu\"}\n", "test/index.js": "import * as uvu from '../src';\n\ntest('exports', () => {});\n"})
	r.commit("feat: import WIP module", map[string]string{
		"src/assert.js": "export function equal(a, b) {\n  if (a !== b) throw new Error('not equal');\n  return true;\n}\n\nexport function instance(a, T) {\n  if (!(a instanceof T)) throw new Error('not an instance');\n  return true;\n}\n",
	})
	r.commit("chore: begin tests", map[string]string{"test/assert.js": "import { equal } from '../src/assert';\n\ntest('equal', () => {\n  equal(1, 1);\n});\n"})
	r.commit("chore: more tests", map[string]string{"test/assert.js": "import { equal, instance } from '../src/assert';\n\ntest('equal', () => {\n  equal(1, 1);\n});\n\ntest('instance', () => {\n  instance([], Array);\n});\n"})
	rc, id := enrolled(t, r, untestedOnly())
	if _, err := rc.Backfill(context.Background(), id, 10); err != nil {
		t.Fatal(err)
	}
	if f, ok := findingOf(t, rc, id, "untested:src/assert.js"); !ok || f.Status != store.FindingResolved || f.ResolvedWhy != whyTestedAtTips {
		t.Errorf("src/assert.js's finding = %+v (%v), want resolved: the tip's tests call equal and instance", f, ok)
	}
	r.commit("fix: compare arrays by their items", map[string]string{
		"src/assert.js": "export function equal(a, b) {\n  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('not equal');\n  return true;\n}\n\nexport function instance(a, T) {\n  if (!(a instanceof T)) throw new Error('not an instance');\n  return true;\n}\n",
	})
	r.git("-C", r.dir, "checkout", "-q", "-b", "side")
	r.commit("side work", map[string]string{"README.md": "# uvu\n"})
	r.git("-C", r.dir, "checkout", "-q", "main")
	r.git("-C", r.dir, "merge", "-q", "--no-ff", "--no-edit", "side")
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "untested:src/assert.js"); !ok || f.Status != store.FindingOpen {
		t.Errorf("the fix's finding = %+v (%v), want open: its regression test is missing", f, ok)
	}
}

// A dependency changed more than a year before the newest commit has been
// in use since: its finding resolves (sebdah/goldie's go-difflib of 2019,
// drafted "new" in 2025; round 82). Within the year it stays.
func TestAgedDependencyIsResolved(t *testing.T) {
	at := func(date string) {
		t.Setenv("GIT_AUTHOR_DATE", date)
		t.Setenv("GIT_COMMITTER_DATE", date)
	}
	r := newGitRepo(t)
	at("2019-09-01T12:00:00Z")
	r.commit("start", map[string]string{"src/lib.rs": "pub fn diff() {}\n"})
	rc, id := enrolled(t, r, dependencyOnly())
	manifest := "[package]\nname = \"goldie\"\nversion = \"0.1.0\"\n\n[dependencies]\n"
	r.commit("compare by lines", map[string]string{"Cargo.toml": manifest + "similar = \"2.0.0\"\n"})
	at("2020-06-01T12:00:00Z")
	r.commit("more docs", map[string]string{"README.md": "# goldie\n"})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "dependency:similar:v2"); !ok || f.Status != store.FindingOpen {
		t.Fatalf("similar's finding within the year = %+v (%v), want open", f, ok)
	}
	at("2021-03-01T12:00:00Z")
	r.commit("even more docs", map[string]string{"README.md": "# goldie\n\nGolden files.\n"})
	reconcile(t, rc, id)
	if f, _ := findingOf(t, rc, id, "dependency:similar:v2"); f.Status != store.FindingResolved || !strings.Contains(f.ResolvedWhy, "in use since") {
		t.Errorf("similar's finding a year and a half on = %+v, want resolved", f)
	}
}

// A dependency whose version a later commit moves was looked at again: its
// "new dependency" finding resolves (muesli/termenv's go-isatty, added in
// 2020 and bumped since; round 81).
func TestBumpedDependencyIsResolved(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"src/lib.rs": "pub fn watch() {}\n"})
	rc, id := enrolled(t, r, dependencyOnly())
	manifest := "[package]\nname = \"watchfiles\"\nversion = \"0.1.0\"\n\n[dependencies]\n"
	r.commit("watch the files", map[string]string{"Cargo.toml": manifest + "notify = \"5.0.0\"\n"})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "dependency:notify:v5"); !ok || f.Status != store.FindingOpen {
		t.Fatalf("notify's finding = %+v, want open", f)
	}
	r.commit("keep up with the watcher", map[string]string{"Cargo.toml": manifest + "notify = \"5.2.0\"\n"})
	reconcile(t, rc, id)
	if f, _ := findingOf(t, rc, id, "dependency:notify:v5"); f.Status != store.FindingResolved {
		t.Errorf("notify's finding after a bump = %+v, want resolved", f)
	}
}

// An upgrade takes over the package's findings at every lower major, not
// only the one it starts from: samuelcolvin/watchfiles went from notify 6
// to a git fork, then 7 and 8, and "from v5 to v6" stayed listed beside
// "from v7 to v8".
func TestUpgradeTakesOverFindingsAtLowerMajors(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"src/lib.rs": "pub fn watch() {}\n"})
	rc, id := enrolled(t, r, dependencyOnly())
	manifest := "[package]\nname = \"watchfiles\"\nversion = \"0.1.0\"\n\n[dependencies]\n"
	r.commit("watch the files", map[string]string{"Cargo.toml": manifest + "notify = \"5.0.0\"\n"})
	r.commit("watcher 6", map[string]string{"Cargo.toml": manifest + "notify = \"6.0.0\"\n"})
	r.commit("watcher from a fork", map[string]string{"Cargo.toml": manifest + "notify = { git = \"https://github.com/samuelcolvin/notify.git\", branch = \"keep-io-error\" }\n"})
	r.commit("watcher 7", map[string]string{"Cargo.toml": manifest + "notify = \"7.0.0\"\n"})
	reconcile(t, rc, id)
	var open []string
	for _, f := range findings(t, rc, id, store.FindingOpen) {
		open = append(open, f.Fingerprint)
	}
	if !slices.Equal(open, []string{"dependency:notify:v6"}) {
		t.Fatalf("open findings %q, want notify's v6 upgrade (the fork broke the chain)", open)
	}
	r.commit("watcher 8", map[string]string{"Cargo.toml": manifest + "notify = \"8.0.0\"\n"})
	reconcile(t, rc, id)
	open = nil
	for _, f := range findings(t, rc, id, store.FindingOpen) {
		open = append(open, f.Fingerprint)
	}
	if !slices.Equal(open, []string{"dependency:notify:v8"}) {
		t.Errorf("open findings %q, want the v8 upgrade alone", open)
	}
}

// The same TODO pasted into two files of one commit is one draft citing
// both places.
func TestSameTextInTwoFilesIsOneDraft(t *testing.T) {
	r := newGitRepo(t)
	r.git("-C", r.dir, "remote", "add", "origin", "https://github.com/acme/gadgets.git")
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	_ = rc.Store.Update(func(tx *store.Tx) error {
		rec, _ := tx.Repo(id)
		rec.Host, rec.Owner, rec.Name = "github.com", "acme", "gadgets"
		return tx.PutRepo(rec)
	})
	r.commit("pasted", map[string]string{
		"svc/a.go": "package svc\n// TODO: check the response status before decoding\n",
		"svc/b.go": "package svc\n\n// TODO: check the response status before decoding\n",
	})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || len(ds[0].Fingerprints) != 2 || len(ds[0].Evidence) != 2 {
		t.Fatalf("drafts = %+v", ds)
	}
	if !strings.Contains(ds[0].Body, "Also found in [`svc/b.go#L3`]") {
		t.Errorf("the body does not cite the second place:\n%s", ds[0].Body)
	}
	// Removing one of them keeps the draft; removing both withdraws it.
	r.commit("one done", map[string]string{"svc/a.go": "package svc\n"})
	reconcile(t, rc, id)
	if n := len(drafts(t, rc, store.DraftPending)); n != 1 {
		t.Fatalf("%d pending drafts after removing one place, want 1", n)
	}
	r.commit("both done", map[string]string{"svc/b.go": "package svc\n"})
	reconcile(t, rc, id)
	if n := len(drafts(t, rc, store.DraftPending)); n != 0 {
		t.Fatalf("%d pending drafts after removing both, want 0", n)
	}
}

// A commit that removes one place of a merged draft and adds a new TODO
// elsewhere keeps the first draft and drafts the new TODO: the merged
// draft's finding still open once stopped the batch's queue, and the new
// TODO never got a draft.
func TestMergedDraftKeptAndNewTODODraftedInOneCommit(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	r.commit("pasted", map[string]string{
		"svc/a.go": "package svc\n// TODO: check the response status before decoding\n",
		"svc/b.go": "package svc\n\n// TODO: check the response status before decoding\n",
	})
	reconcile(t, rc, id)
	r.commit("one done, one new", map[string]string{
		"svc/a.go": "package svc\n",
		"svc/c.go": "package svc\n// TODO: retry the upload when the bucket answers 503\n",
	})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 2 {
		t.Fatalf("%d pending drafts, want the merged one and the new TODO's: %+v", len(ds), ds)
	}
}

// The notes one commit leaves in one file (catchorg/Catch2 7bf136b, a new
// JSON reporter with its to-do list) are one draft listing them; it loses
// a note when it is done, quotes one as edited, and goes when all are.
func TestNotesOfOneFileAreOneList(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	notes := []string{
		"    // TODO: Ensure this closes the top level object, add asserts",
		"    // TODO: handle testName vs className!!",
		"    // TODO: we want to delay most of the printing to the 'root' section",
		"    // TODO: handling of result.",
	}
	file := func(lines ...string) string {
		return "void report() {\n" + strings.Join(lines, "\n    step();\n") + "\n}\n"
	}
	r.commit("Add JSON reporter (#2706)", map[string]string{"src/catch_reporter_json.cpp": file(notes...)})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || len(ds[0].Fingerprints) != 4 || len(ds[0].Evidence) != 4 {
		t.Fatalf("want one draft listing the 4 notes, got %+v", ds)
	}
	d := ds[0]
	if d.Title != "Resolve 4 TODO notes in src/catch_reporter_json.cpp" {
		t.Errorf("title %q", d.Title)
	}
	for _, want := range []string{"- [ ] `src/catch_reporter_json.cpp#L2`: `// TODO: Ensure this closes the top level object, add asserts`",
		"- [ ] `src/catch_reporter_json.cpp#L8`: `// TODO: handling of result.`"} {
		if !strings.Contains(d.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, d.Body)
		}
	}
	if strings.Contains(d.Body, "Also found in") {
		t.Errorf("a list's notes are not one note found again:\n%s", d.Body)
	}

	// One done, one reworded: the list says so, under its first marker.
	r.commit("progress", map[string]string{"src/catch_reporter_json.cpp": file(notes[0], "    // TODO: handle testName and className!!", notes[2])})
	reconcile(t, rc, id)
	ds = drafts(t, rc, store.DraftPending)
	if len(ds) != 1 {
		t.Fatalf("%d pending drafts after one note done, want the list: %+v", len(ds), ds)
	}
	if ds[0].ID != d.ID || !strings.Contains(ds[0].Body, draft.Marker(d.Fingerprint())) {
		t.Errorf("the list is not the same draft, under the same marker:\n%s", ds[0].Body)
	}
	if strings.Contains(ds[0].Body, "handling of result") || !strings.Contains(ds[0].Body, "handle testName and className!!` (edited in") {
		t.Errorf("the list does not show the note done and the one edited:\n%s", ds[0].Body)
	}
	if ds[0].Title != "Resolve 3 TODO notes in src/catch_reporter_json.cpp" {
		t.Errorf("title %q", ds[0].Title)
	}

	r.commit("done", map[string]string{"src/catch_reporter_json.cpp": file()})
	reconcile(t, rc, id)
	if ds := drafts(t, rc, store.DraftPending); len(ds) != 0 {
		t.Fatalf("every note done, yet %d drafts pending: %+v", len(ds), ds)
	}
}

// A note a commit adds to a new file that the tree already holds word for
// word, in another file, came with copied code: no new finding
// (jmoiron/sqlx e1956c6 copied LoadFile's FIXME of 2013 into the new
// sqlx_context.go; round 80). A note of its own in a new file is one.
func TestCopiedNoteIsNoNewNote(t *testing.T) {
	r := newGitRepo(t)
	note := "// FIXME: this does not really work with multi-statement files for mattn/go-sqlite3\n"
	r.commit("start", map[string]string{"sqlx.go": "package sqlx\n\n" + note + "func LoadFile() {}\n"})
	rc, id := enrolled(t, r, todoOnly())
	r.commit("Initial attempt at supporting Go 1.8's context", map[string]string{"sqlx_context.go": "package sqlx\n\n" + note + "func LoadFileContext() {}\n"})
	if sum := reconcile(t, rc, id); sum.Findings != 0 {
		t.Fatalf("a copied note: %+v, want no finding", sum)
	}
	r.commit("Add named queries", map[string]string{"named.go": "package sqlx\n\n// FIXME: bind the names in one pass over the query text\nfunc Named() {}\n"})
	if sum := reconcile(t, rc, id); sum.Findings != 1 {
		t.Fatalf("a note of its own in a new file: %+v, want a finding", sum)
	}
	// A module copied into v2/ (sebdah/goldie eeaf336): the file of the
	// same name held the note.
	r.commit("Add v2 sub directory", map[string]string{"v2/named.go": "package sqlx\n\n// FIXME: bind the names in one pass over the query text\nfunc Named() {}\n"})
	if sum := reconcile(t, rc, id); sum.Findings != 0 {
		t.Fatalf("a note copied into v2/: %+v, want no finding", sum)
	}
	// A file moved over two commits, deleted by one and written anew
	// under another path by the next (rust-lang/cargo 9306ab8 and
	// 071de10; round 121): its note was there before, and moved.
	r.commit("Add the parser", map[string]string{"util/parser.go": "package util\n\n// FIXME: the base string is user controlled, resolve it first\nfunc Parse() {}\n"})
	reconcile(t, rc, id)
	r.commit("Remove util/parser.go", map[string]string{"util/parser.go": ""})
	r.commit("Add workspace/parser.go", map[string]string{"workspace/parser.go": "package workspace\n\n// FIXME: the base string is user controlled, resolve it first\nfunc Parse() {}\n"})
	reconcile(t, rc, id)
	var moved []store.Finding
	for _, f := range findings(t, rc, id, store.FindingOpen) {
		if f.Evidence.Path == "workspace/parser.go" {
			moved = append(moved, f)
		}
	}
	if len(moved) != 1 || !moved[0].Evidence.Moved {
		t.Fatalf("the note of workspace/parser.go: %+v, want one, moved there", moved)
	}
}

// A test's expected output that .gitattributes marks generated (and
// binary to git) is still the tests' data: charmbracelet/glamour marks
// *.golden linguist-generated, and 9cedaca, which changed
// BlockStack.Width with 28 golden files, was drafted "changes no test"
// (round 101, wrong). The same change without its golden files is
// reported.
func TestGeneratedGoldenFilesAreTestData(t *testing.T) {
	r := newGitRepo(t)
	width := func(margin string) string {
		return "package ansi\n\n// Width is the room the stack leaves.\nfunc Width(total uint) uint {\n\treturn total - " + margin + "\n}\n"
	}
	r.commit("start", map[string]string{
		".gitattributes":            "*.golden linguist-generated=true -text\n",
		"ansi/blockstack.go":        width("2"),
		"ansi/renderer_test.go":     "package ansi\n\nimport \"testing\"\n\nfunc TestRenderer(t *testing.T) { _ = render() }\n",
		"ansi/render.go":            "package ansi\n\nfunc render() string { return \"\" }\n",
		"ansi/testdata/list.golden": "\x1b[0m  • one\n",
	})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("fix: render right margin for block stack elements", map[string]string{
		"ansi/blockstack.go":        width("2*2"),
		"ansi/testdata/list.golden": "\x1b[0m  • one  \n",
	})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 0 {
		t.Fatalf("a change with its golden files: %+v, want no finding", open)
	}
	r.commit("fix: margins again", map[string]string{"ansi/blockstack.go": width("2*3")})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 1 {
		t.Fatalf("a change without its golden files: %+v, want one finding", open)
	}
}

// The cases of a suite under a test folder that .gitattributes keeps out
// of the language statistics (linguist-vendored) are still tests:
// Python-Markdown's tests/misc/html.html, changed with the regex it checks
// by cb47805e, which was drafted "changes no test" (round 110, wrong).
func TestVendoredTestCasesAreTests(t *testing.T) {
	r := newGitRepo(t)
	link := func(call string) string {
		return "class LinkInlineProcessor:\n    def handle_match(self, m, data):\n        return re." + call + "(LINK_RE, data)\n"
	}
	r.commit("start", map[string]string{
		".gitattributes":             "tests/misc/** linguist-vendored\n",
		"markdown/inlinepatterns.py": link("match"),
		"tests/test_legacy.py":       "def test_misc():\n    run_dir('tests/misc')\n",
		"tests/misc/html.html":       "<p><a href=\"script&gt;stuff\">this</a></p>\n",
	})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("Optimize several regexes from quadratic time to linear time", map[string]string{
		"markdown/inlinepatterns.py": link("fullmatch"),
		"tests/misc/html.html":       "<p><a href=\"&lt;script&gt;stuff\">this</a></p>\n",
	})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 0 {
		t.Fatalf("a change with its cases: %+v, want no finding", open)
	}
	r.commit("Match links anywhere", map[string]string{"markdown/inlinepatterns.py": link("search")})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 1 {
		t.Fatalf("a change without its cases: %+v, want one finding", open)
	}
}

// Two notes a commit leaves next to each other in one file are one list
// (BurntSushi/toml 60801d0: "should include \"a\"" and, two rows below in
// the same test table, "should include \"a.a\""); two far apart, or two
// neighbours that ask different things, are a draft each.
func TestNearNotesAreOneList(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	table := `package toml

var keys = []struct{ in, want string }{
	{"a.b=1\na.a=1", "a.b a.a"}, // TODO: should include "a"
	{"[tbl]\na=1", "tbl tbl.a"},
	{"[tbl]\na.a=1", "tbl tbl.a.a"}, // TODO: should include "a.a"
}
`
	r.commit("Correctly set the Meta.Keys() order for inline tables", map[string]string{"decode_test.go": table})
	far := "package toml\n\n// TODO: read from an io.Reader instead of a string\nfunc parse() {}\n" + strings.Repeat("\n", 20) +
		"// TODO: report the line of a duplicate key\nfunc check() {}\n"
	r.commit("Add the parser", map[string]string{"parse.go": far})
	r.commit("Add the client", map[string]string{"client.go": "package toml\n\n// TODO: support retries in the client\n// TODO: document the flags\n"})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	titles := map[string]int{}
	for _, d := range ds {
		titles[d.Title] = len(d.Evidence)
	}
	if len(ds) != 5 || titles["Resolve 2 TODO notes in decode_test.go"] != 2 {
		t.Errorf("want the two near notes as one list and the far ones apart, got %v", titles)
	}
}

// One commit's untested files are one draft (spf13/viper 7dbe493 added a
// nil guard to WithFinder in finder.go and to the options of
// encoding.go, and was two); when a test comes for one file, the draft
// is worded from the other alone, under the same marker.
func TestUntestedFilesOfOneCommitAreOneDraft(t *testing.T) {
	r := newGitRepo(t)
	opt := func(name, field string) string {
		return "package viper\n\n// " + name + " sets a custom " + field + ".\nfunc " + name + "(f any) Option {\n\treturn optionFunc(func(v *Viper) {\n\t\tif f == nil {\n\t\t\treturn\n\t\t}\n\t\tv." + field + " = f\n\t})\n}\n"
	}
	r.commit("start", map[string]string{
		"go.mod":                    "module example.com/viper\n\ngo 1.22\n",
		"finder/finder.go":          "package finder\n",
		"finder/finder_test.go":     "package finder\n",
		"encoding/encoding.go":      "package encoding\n",
		"encoding/encoding_test.go": "package encoding\n",
	})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("fix: do not allow setting dependencies to nil values", map[string]string{
		"finder/finder.go":     strings.Replace(opt("WithFinder", "finder"), "package viper", "package finder", 1),
		"encoding/encoding.go": strings.Replace(opt("WithEncoderRegistry", "encoderRegistry")+opt("WithDecoderRegistry", "decoderRegistry")[len("package viper\n"):], "package viper", "package encoding", 1),
	})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || len(ds[0].Fingerprints) != 2 {
		t.Fatalf("want one draft for the commit's two files, got %+v", ds)
	}
	d := ds[0]
	if d.Title != "Add tests for WithEncoderRegistry and 2 more in encoding.go and finder.go" {
		t.Errorf("title %q", d.Title)
	}
	for _, want := range []string{"encoding/encoding.go: WithEncoderRegistry (lines", "finder/finder.go: WithFinder (lines",
		"It also adds or changes exported code in finder/finder.go (WithFinder added)", "Also found in `finder/finder.go#L"} {
		if !strings.Contains(d.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, d.Body)
		}
	}

	r.commit("test WithFinder", map[string]string{"finder/finder_test.go": "package finder\n\nfunc TestWithFinder(t *testing.T) {}\n"})
	reconcile(t, rc, id)
	ds = drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || ds[0].ID != d.ID || !strings.Contains(ds[0].Body, draft.Marker(d.Fingerprint())) {
		t.Fatalf("want the same draft under the same marker, got %+v", ds)
	}
	if strings.Contains(ds[0].Body, "finder.go") || !strings.HasSuffix(ds[0].Title, "in encoding/encoding.go") {
		t.Errorf("the draft still names the tested file:\n%s\n%s", ds[0].Title, ds[0].Body)
	}
}

// A file of a commit's draft, tested and then changed again untested, is
// found again at the later commit, in the same draft; when the draft's
// other file is deleted, the draft is worded from the first alone
// (olekukonko/tablewriter 5f49c41's draft for tablewriter.go and
// theme/default.go kept quoting default.go after 373142b deleted it, once
// tablewriter.go had been found again at a0dea8a: round 72, stale).
func TestCommitDraftLosesADeletedFileAfterARestatement(t *testing.T) {
	r := newGitRepo(t)
	fn := func(pkg string, names ...string) string {
		src := "package " + pkg + "\n"
		for _, n := range names {
			src += "\n// " + n + " renders the table.\nfunc " + n + "(rows [][]string) string {\n\tout := \"\"\n\tfor _, r := range rows {\n\t\tout += r[0]\n\t}\n\treturn out\n}\n"
		}
		return src
	}
	r.commit("start", map[string]string{
		"go.mod":                "module example.com/tablewriter\n\ngo 1.22\n",
		"tablewriter.go":        "package tablewriter\n",
		"tablewriter_test.go":   "package tablewriter\n",
		"theme/default.go":      "package theme\n",
		"theme/default_test.go": "package theme\n",
	})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("remove options and cleanup naming", map[string]string{
		"tablewriter.go":   fn("tablewriter", "Render"),
		"theme/default.go": fn("theme", "NewDefault", "FormatHeader"),
	})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || len(ds[0].Fingerprints) != 2 {
		t.Fatalf("want one draft for the commit's two files, got %+v", ds)
	}
	r.commit("test Render", map[string]string{"tablewriter_test.go": "package tablewriter\n\nfunc TestRender(t *testing.T) { Render(nil) }\n"})
	reconcile(t, rc, id)
	r.commit("render footers", map[string]string{"tablewriter.go": fn("tablewriter", "Render", "RenderFooter")})
	reconcile(t, rc, id)
	r.git("-C", r.dir, "rm", "-q", "theme/default.go", "theme/default_test.go")
	r.git("-C", r.dir, "commit", "-q", "-m", "tinkering with a better structure")
	reconcile(t, rc, id)
	ds = drafts(t, rc, store.DraftPending)
	if len(ds) != 1 {
		t.Fatalf("want the draft of tablewriter.go, got %+v", ds)
	}
	d := ds[0]
	if strings.Contains(d.Body, "default.go") || strings.Contains(d.Title, "default.go") || len(d.Evidence) != 1 || d.Evidence[0].Path != "tablewriter.go" {
		t.Errorf("the draft still cites the deleted file: %q, evidence %+v\n%s", d.Title, d.Evidence, d.Body)
	}
}

// The same note in two files of two commits is two drafts, and they do not
// share a title: each names its file (imgui 49fa47f and 551a0a6, a
// FIXME-WIP "Works but API is likely to be reworked" in imgui_internal.h
// and imgui_widgets.cpp); two files of one name in folders whose paths do
// not fit the title get the line too.
func TestSameTitleInTwoCommitsNamesTheFile(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	r.commit("wip 1", map[string]string{"imgui_internal.h": "// FIXME: works but API is likely to be reworked\nint a;\n"})
	reconcile(t, rc, id)
	r.commit("wip 2", map[string]string{"imgui_widgets.cpp": "// FIXME: works but API is likely to be reworked\nint b;\n"})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 2 {
		t.Fatalf("drafts = %+v", ds)
	}
	if ds[0].Title != "Works but API is likely to be reworked (imgui_internal.h)" || ds[1].Title != "Works but API is likely to be reworked (imgui_widgets.cpp)" {
		t.Errorf("titles %q and %q do not name their files", ds[0].Title, ds[1].Title)
	}
	long := "backends/platform/windowing/desktop/"
	note := "// FIXME: handle the window being closed while the swap chain is still being resized\n"
	r.commit("wip 3", map[string]string{long + "linux/window.cpp": "int c;\n" + note, long + "macos/window.cpp": "int d;\n"})
	reconcile(t, rc, id)
	r.commit("wip 4", map[string]string{long + "macos/window.cpp": "int d;\n\n" + note})
	reconcile(t, rc, id)
	ds = drafts(t, rc, store.DraftPending)
	if len(ds) != 4 || ds[2].Title == ds[3].Title {
		t.Fatalf("drafts %+v: two pending drafts share a title", ds)
	}
	if !strings.HasSuffix(ds[2].Title, "(window.cpp)") || !strings.HasSuffix(ds[3].Title, "(window.cpp, line 3)") {
		t.Errorf("titles %q and %q: the second should name its line", ds[2].Title, ds[3].Title)
	}
}

// Titles that differ only in case and spacing are the same title, also
// between drafts made in one batch.
func TestSameTitleButForCaseNamesTheFile(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	r.commit("wip 1", map[string]string{"imgui_internal.h": "// FIXME: works but API is likely to be reworked\nint a;\n"})
	r.commit("wip 2", map[string]string{"imgui_widgets.cpp": "// FIXME: works but api is likely  to be reworked\nint b;\n"})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 2 {
		t.Fatalf("drafts = %+v", ds)
	}
	if !strings.HasSuffix(ds[1].Title, "(imgui_widgets.cpp)") || !strings.HasSuffix(ds[0].Title, "(imgui_internal.h)") {
		t.Errorf("titles %q and %q: each should name its file", ds[0].Title, ds[1].Title)
	}
}

// Over the draft budget, findings wait, best first, and are drafted as the
// window of analysed commits gives room.
func TestDraftBudget(t *testing.T) {
	r := newGitRepo(t)
	r.commit("settings", map[string]string{".ticket-master.yaml": "budget:\n  minimum: 2\n  drafts_per_100_commits: 10\nmax_drafts_per_commit: 0\n"})
	rc, id := enrolled(t, r, todoOnly())
	r.commit("five", map[string]string{
		"a.go": "package a\n// TODO: close the first connection pool when the server shuts down\n",
		"b.go": "package a\n// TODO: close the second connection pool when the server shuts down\n",
		"c.go": "package a\n// TODO: close the third connection pool when the server shuts down\n",
		"d.go": "package a\n// TODO: close the fourth connection pool when the server shuts down\n",
		"e.go": "package a\n// TODO: close the fifth connection pool when the server shuts down\n",
	})
	sum := reconcile(t, rc, id)
	if sum.NewDrafts != 2 || sum.Waiting != 3 || sum.Open != 5 {
		t.Fatalf("summary = %+v, want 2 drafts and 3 waiting", sum)
	}
	// 30 analysed commits allow 3 drafts: one more is drafted.
	for i := range 29 {
		r.commit(fmt.Sprintf("empty %d", i), nil)
	}
	if sum := reconcile(t, rc, id); sum.NewDrafts != 1 || sum.Waiting != 2 {
		t.Fatalf("after 30 commits: %+v, want 1 more draft and 2 waiting", sum)
	}
	var waiting []store.Finding
	_ = rc.Store.View(func(tx *store.Tx) (err error) { waiting, err = WaitingFindings(tx, id); return err })
	if len(waiting) != 2 {
		t.Fatalf("waiting = %+v", waiting)
	}
}

// Low-severity findings go into one maintenance digest per repository, a
// checklist that gains and loses items; with nothing left, it is withdrawn.
func TestMaintenanceDigest(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"go.mod": "module example.com/a\n\ngo 1.22\n"})
	rc, id := enrolled(t, r, config.Defaults())
	r.commit("deps", map[string]string{"go.mod": "module example.com/a\n\ngo 1.22\n\nrequire (\n\tgithub.com/google/go-github/v62 v62.0.0\n\tgopkg.in/yaml.v3 v3.0.1\n)\n",
		"gh.go": "package main\n\nimport (\n\t_ \"github.com/google/go-github/v62/github\"\n\t_ \"gopkg.in/yaml.v3\"\n)\n"})
	r.commit("flag", map[string]string{"main.go": "package main\n\nimport \"flag\"\n\nvar timeout = flag.Duration(\"timeout\", 0, \"how long to wait\")\n"})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || !ds[0].Digest || ds[0].Kind() != "digest" {
		t.Fatalf("drafts = %+v, want the digest alone", ds)
	}
	body := ds[0].Body
	for _, want := range []string{"### Dependencies\n- [ ] ", "go-github", "yaml.v3", "### Documentation drift\n- [ ] ", "--timeout", "<!-- ticket-master:fingerprint=digest:"} {
		if !strings.Contains(body, want) {
			t.Errorf("digest lacks %q:\n%s", want, body)
		}
	}
	// Labels a person chose in review survive the list's changes.
	if err := rc.Store.Update(func(tx *store.Tx) error {
		d := ds[0]
		d.Labels, d.Edited = []string{"maintenance"}, true
		_, err := tx.PutDraft(d)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// The README names the flag: that item leaves the pending digest.
	r.commit("docs", map[string]string{"README.md": "# a\n\nUse --timeout to wait longer.\n"})
	reconcile(t, rc, id)
	ds = drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || strings.Contains(ds[0].Body, "--timeout") || !strings.Contains(ds[0].Body, "yaml.v3") {
		t.Fatalf("digest after the docs caught up:\n%+v", ds)
	}
	if len(ds[0].Labels) != 1 || ds[0].Labels[0] != "maintenance" {
		t.Errorf("the labels chosen in review became %v", ds[0].Labels)
	}
	// A severity setting takes a kind out of the digest.
	r.commit("settings", map[string]string{".ticket-master.yaml": "severity:\n  dependency: medium\n"})
	r.commit("dep", map[string]string{"go.mod": "module example.com/a\n\ngo 1.22\n\nrequire (\n\tgithub.com/google/go-github/v62 v62.0.0\n\tgopkg.in/yaml.v3 v3.0.1\n\tgithub.com/fsnotify/fsnotify v1.7.0\n)\n",
		"watch.go": "package main\n\nimport _ \"github.com/fsnotify/fsnotify\"\n"})
	reconcile(t, rc, id)
	var own int
	for _, d := range drafts(t, rc, store.DraftPending) {
		if !d.Digest && strings.Contains(d.Title, "fsnotify") {
			own++
		}
	}
	if own != 1 {
		t.Errorf("a medium dependency finding should get a draft of its own: %+v", drafts(t, rc, store.DraftPending))
	}
}

// A hotspot whose file the whole window then leaves alone has cooled off:
// its finding is resolved (and its digest line with it), saying why; one
// the window still touches stays, and so does one its fixes made (axios
// lib/adapters/fetch.js: six fixes, then quiet).
// A window that starts at a merge says when its commits were made, as
// any other: the merge is one of them (google/btree's "Refactor btree.go,
// changed by 4 fixes in 50 recent commits" spanned ten years).
func TestHotspotWindowFromAMergeSaysWhen(t *testing.T) {
	r := newGitRepo(t)
	// parse.go comes before the window: a fix that adds a file fixed none.
	r.commit("start", map[string]string{".ticket-master.yaml": "hotspot:\n  window: 8\n  min_fixes: 3\n", "parse.go": "package calc\n"})
	cfg := config.Defaults()
	off, on := false, true
	cfg.Detectors = config.DetectorSwitches{TODO: &off, Untested: &off, DocDrift: &off, Hotspot: &on, Dependency: &off, Secret: &off, LLMReview: &off}
	rc, id := enrolled(t, r, cfg)
	r.git("-C", r.dir, "checkout", "-q", "-b", "side")
	r.commit("side work", map[string]string{"side.go": "package calc\n"})
	r.git("-C", r.dir, "checkout", "-q", "main")
	r.commit("main work", map[string]string{"main.go": "package calc\n", "lex.go": "package calc\n"})
	r.git("-C", r.dir, "merge", "-q", "--no-ff", "--no-edit", "side")
	r.git("-C", r.dir, "branch", "-q", "-D", "side")
	for i := range 3 {
		r.commit(fmt.Sprintf("fix: parse bug %d", i), map[string]string{"parse.go": fmt.Sprintf("package calc\n\nconst P = %d\n", i)})
		if i < 2 {
			// Other code: parse.go is not the core of the project.
			r.commit(fmt.Sprintf("feat: calc %d", i), map[string]string{fmt.Sprintf("calc%d.go", i): "package calc\n"})
		}
	}
	reconcile(t, rc, id)
	var titles []string
	for _, f := range findings(t, rc, id, store.FindingOpen) {
		if f.Kind == "hotspot" {
			titles = append(titles, f.Title)
		}
	}
	if len(titles) != 1 || strings.Contains(titles[0], "recent") || !strings.Contains(titles[0], " to 20") {
		t.Errorf("hotspot titles %q, want parse.go's saying the date its window runs to", titles)
	}
}

func TestCooledHotspotIsResolved(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{".ticket-master.yaml": "hotspot:\n  window: 10\n  min_changes: 3\n  min_share: 0.3\n  min_fixes: 3\n"})
	cfg := config.Defaults()
	off, on := false, true
	cfg.Detectors = config.DetectorSwitches{TODO: &off, Untested: &off, DocDrift: &off, Hotspot: &on, Dependency: &off, Secret: &off, LLMReview: &off}
	rc, id := enrolled(t, r, cfg)
	// More code than the two files, which would be the whole project
	// (hotspot.fewFiles).
	r.commit("more code", map[string]string{"lex.go": "package calc\n", "eval.go": "package calc\n"})
	for i := range 4 {
		r.commit(fmt.Sprintf("tune %d", i), map[string]string{"calc.go": fmt.Sprintf("package calc\n\nconst N = %d\n", i)})
		r.commit(fmt.Sprintf("fix: parse bug %d", i), map[string]string{"parse.go": fmt.Sprintf("package calc\n\nconst P = %d\n", i)})
	}
	reconcile(t, rc, id)
	hot := func(status string) map[string]store.Finding {
		out := map[string]store.Finding{}
		for _, f := range findings(t, rc, id, status) {
			if f.Kind == "hotspot" {
				out[f.CurrentPath()] = f
			}
		}
		return out
	}
	if h := hot(store.FindingOpen); len(h) != 2 {
		t.Fatalf("open hotspots after changes of calc.go and fixes of parse.go: %+v", h)
	}
	// Nine commits elsewhere: the last change of parse.go is still in the
	// window of ten.
	for i := range 9 {
		r.commit(fmt.Sprintf("other %d", i), map[string]string{fmt.Sprintf("f%d.go", i): "package calc\n"})
	}
	reconcile(t, rc, id)
	if _, ok := hot(store.FindingOpen)["calc.go"]; ok {
		t.Fatalf("calc.go left the window, yet its hotspot is open")
	}
	res := hot(store.FindingResolved)["calc.go"]
	if !strings.Contains(res.ResolvedWhy, "calc.go has not changed in the last 10 commits") {
		t.Fatalf("calc.go's hotspot resolved as %+v", res)
	}
	r.commit("other 9", map[string]string{"f9.go": "package calc\n"})
	reconcile(t, rc, id)
	if _, ok := hot(store.FindingOpen)["parse.go"]; !ok {
		t.Fatalf("the hotspot its fixes made was resolved when parse.go cooled off: %+v", hot(store.FindingResolved))
	}
}

// Files .gitattributes marks linguist-generated or linguist-vendored are
// nobody's issue here, for every detector.
func TestGitattributesGeneratedFilesAreSkipped(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{".gitattributes": "gen/** linguist-generated\nthird/*.js linguist-vendored=true\nkeep/*.go -linguist-generated\n"})
	rc, id := enrolled(t, r, todoOnly())
	r.commit("files", map[string]string{
		"gen/api.go":   "package gen\n// TODO: generated TODO never drafted\n",
		"third/lib.js": "// FIXME: vendored FIXME never drafted\n",
		"keep/a.go":    "package keep\n// TODO: retry the upload when the bucket answers 503\n",
	})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || !strings.Contains(ds[0].Title, "Retry the upload") {
		t.Fatalf("drafts = %+v", ds)
	}
}

// A finding whose claims git contradicts is dropped before it is queued,
// and counted; a finding's evidence states its own commit's subject and
// date, never another's.
func TestPrepareChecksClaims(t *testing.T) {
	r := newGitRepo(t)
	c1 := r.commit("first", map[string]string{"a.go": "package a\n// TODO: one\n"})
	c2 := r.commit("second", map[string]string{"b.go": "package b\n"})
	repo, err := analyze.Open(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := planFor(context.Background(), config.Defaults(), repo, "")
	if err != nil {
		t.Fatal(err)
	}
	commits, _ := repo.RecentCommits(context.Background(), []string{c2}, 2)
	prep := newPreparer(context.Background(), repo, p, commits)
	defer prep.Close()
	good := finding.Finding{Kind: "hotspot", Fingerprint: "hotspot:a.go", Evidence: finding.Evidence{Path: "a.go", Commit: c1}}
	res := prep.prepare(context.Background(), analyze.Result{
		Commit: commits[1],
		Findings: []finding.Finding{
			good,
			{Kind: "todo", Fingerprint: "todo:x", Evidence: finding.Evidence{Path: "missing.go", Line: 1, Commit: c2}},
			{Kind: "todo", Fingerprint: "todo:y", Evidence: finding.Evidence{Path: "a.go", Line: 9, Commit: c1}},
			{Kind: "todo", Fingerprint: "todo:z", Evidence: finding.Evidence{Path: "a.go", Line: 2, Commit: c1, Excerpt: "// TODO: two"}},
		},
	})
	if len(res.Findings) != 1 || res.Findings[0].Fingerprint != "hotspot:a.go" {
		t.Fatalf("kept %+v, want the true one only", res.Findings)
	}
	if ev := res.Findings[0].Evidence; ev.Subject != "first" {
		t.Errorf("evidence of %.7s is dated with subject %q, want its own, \"first\"", ev.Commit, ev.Subject)
	}
	checks := prep.takeChecks()
	if checks.Checked != 4 || checks.Failed != 3 || prep.dropped != 3 || len(checks.Recent) != 3 {
		t.Errorf("checks = %+v, dropped %d", checks, prep.dropped)
	}
}

// On the detect workers the same checks read the commit's files, and its
// parent's, as the analysis has them (CommitDiff.ReadSource), not from git
// one by one; prepare then counts them in order.
func TestWorkerChecksClaimsWithTheCommitsFiles(t *testing.T) {
	r := newGitRepo(t)
	c1 := r.commit("first", map[string]string{"a.go": "package a\n// TODO: one\n"})
	c2 := r.commit("second", map[string]string{"b.go": "package b\n"})
	ctx := context.Background()
	repo, err := analyze.Open(ctx, r.dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := planFor(ctx, config.Defaults(), repo, "")
	if err != nil {
		t.Fatal(err)
	}
	commits, _ := repo.RecentCommits(ctx, []string{c2}, 2)
	prep := newPreparer(ctx, repo, p, commits)
	defer prep.Close()
	cd, err := repo.DiffOf(ctx, commits[1], analyze.DiffLimits{})
	if err != nil {
		t.Fatal(err)
	}
	var asked []string
	cd.Source = func(path string, side analyze.LineKind) ([]byte, bool) {
		rev := c2
		if side == analyze.Removed {
			rev = c1
		}
		asked = append(asked, path+"@"+rev[:7])
		data, err := prep.blobs.Read(rev, path, 1<<20)
		return data, err == nil
	}
	res := analyze.Result{
		Commit: commits[1],
		Findings: []finding.Finding{
			{Kind: "hotspot", Fingerprint: "hotspot:a.go", Evidence: finding.Evidence{Path: "a.go", Commit: c1}},
			{Kind: "todo", Fingerprint: "todo:x", Evidence: finding.Evidence{Path: "missing.go", Line: 1, Commit: c2}},
			{Kind: "todo", Fingerprint: "todo:y", Evidence: finding.Evidence{Path: "a.go", Line: 9, Commit: c1}},
			{Kind: "todo", Fingerprint: "todo:z", Evidence: finding.Evidence{Path: "b.go", Line: 1, Commit: c2, Excerpt: "package c"}},
		},
	}
	prep.checkOnWorker(commits[1], cd, &res)
	res = prep.prepare(ctx, res)
	if len(res.Findings) != 1 || res.Findings[0].Fingerprint != "hotspot:a.go" || res.Findings[0].Evidence.Subject != "first" {
		t.Fatalf("kept %+v, want the true one only, dated by its own commit", res.Findings)
	}
	checks := prep.takeChecks()
	if checks.Checked != 4 || checks.Failed != 3 || prep.dropped != 3 {
		t.Errorf("checks = %+v, dropped %d", checks, prep.dropped)
	}
	for _, want := range []string{"missing.go@" + c2[:7], "a.go@" + c1[:7], "b.go@" + c2[:7]} {
		if !slices.Contains(asked, want) {
			t.Errorf("the commit's files asked: %v, want %s among them", asked, want)
		}
	}
}

// A commit left on no branch by a rebase made under TICKET_MASTER=0 (its
// copy recorded as skipped, never analysed) keeps its finding, with the
// copy as evidence and the line where the copy has it.
func TestRebasedCopyTakesOverEvidence(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"a.go": "package a\n"})
	rc, id := enrolled(t, r, todoOnly())
	r.git("-C", r.dir, "checkout", "-q", "-b", "topic")
	orig := r.commit("todo", map[string]string{"b.go": "package a\n// TODO: batch the writes to the journal\n"})
	reconcile(t, rc, id)
	r.git("-C", r.dir, "checkout", "-q", "main")
	r.commit("upstream", map[string]string{"a.go": "package a\n\n// upstream work\n"})
	r.git("-C", r.dir, "checkout", "-q", "topic")
	r.git("-C", r.dir, "rebase", "-q", "main")
	copyOf := r.git("-C", r.dir, "rev-parse", "HEAD")
	// Record every new commit as skipped, as a TICKET_MASTER=0 rebase does.
	_ = rc.Store.Update(func(tx *store.Tx) error {
		return tx.MarkAnalysed(id, copyOf, r.git("-C", r.dir, "rev-parse", "main"))
	})
	reconcile(t, rc, id)
	open := findings(t, rc, id, store.FindingOpen)
	if len(open) != 1 || open[0].Evidence.Commit != copyOf || open[0].Evidence.Line != 2 {
		t.Fatalf("after the rebase: %+v (original %.7s, copy %.7s)", open, orig, copyOf)
	}
}

// While git is in the middle of a rebase (HEAD detached onto the new base,
// no hook run yet), a reconcile waits: what the rebase brings is recorded,
// analysed or skipped, once it is done.
func TestReconcileWaitsForARebaseInProgress(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	r.commit("todo", map[string]string{"a.go": "package a\n// TODO: wait for the rebase to finish\n"})
	dir := filepath.Join(r.dir, ".git", "rebase-merge")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.Reconcile(context.Background(), id); !errors.Is(err, ErrInProgress) || !errors.Is(err, ErrHeld) {
		t.Fatalf("reconcile during a rebase = %v, want ErrInProgress", err)
	}
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	if sum := reconcile(t, rc, id); sum.Commits != 1 || sum.NewDrafts != 1 {
		t.Fatalf("after the rebase: %+v", sum)
	}
}

// A credential in a TODO or a commit subject passes the one redaction
// boundary before anything is stored: the finding, the draft and the
// footer's subject never carry it.
func TestCredentialsNeverReachTheStore(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	key := "AKIA" + "Z7Q3XK2M9PLW4RTN"
	token := "ghp_" + "R8sKc2VnT4bqLw7XzP0aYdM3fJ6hN1eQ5uBv"
	r.commit("use "+token+" for the bot", map[string]string{"a.py": "# TODO: rotate the key " + key + " before the release\n"})
	reconcile(t, rc, id)
	var dump strings.Builder
	for _, d := range drafts(t, rc, "") {
		fmt.Fprintf(&dump, "%+v\n", d)
	}
	for _, f := range findings(t, rc, id, "") {
		fmt.Fprintf(&dump, "%+v\n", f)
	}
	if dump.Len() == 0 || !strings.Contains(dump.String(), "[REDACTED]") {
		t.Fatalf("nothing redacted, or nothing stored:\n%s", dump.String())
	}
	for _, secret := range []string{key, token} {
		if strings.Contains(dump.String(), secret) {
			t.Errorf("the store carries %s:\n%s", secret, dump.String())
		}
	}
}

// A merge's diff against its first parent repeats what the merged
// branch's commits did: a TODO is drafted once, citing the commit that
// wrote it, never the merge.
func TestMergesAreNotAnalysedAgain(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"a.go": "package a\n"})
	rc, id := enrolled(t, r, todoOnly())
	r.git("-C", r.dir, "checkout", "-q", "-b", "topic")
	wrote := r.commit("topic work", map[string]string{"b.go": "package a\n// TODO: report parse errors to the caller\n"})
	r.git("-C", r.dir, "checkout", "-q", "main")
	r.commit("main work", map[string]string{"c.go": "package a\n"})
	r.git("-C", r.dir, "merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
	r.git("-C", r.dir, "branch", "-D", "topic")
	// A backfill of the last commit alone (the merge) finds nothing: the
	// TODO is the topic commit's, outside the window.
	if sum, err := rc.Backfill(context.Background(), id, 1); err != nil || sum.Findings != 0 {
		t.Fatalf("backfill of the merge alone = %+v, %v; want no finding", sum, err)
	}
	reconcile(t, rc, id)
	open := findings(t, rc, id, store.FindingOpen)
	if len(open) != 1 || open[0].Evidence.Commit != wrote || open[0].Evidence.Subject != "topic work" {
		t.Fatalf("open findings = %+v, want the TODO cited at %.7s", open, wrote)
	}
}

// Editing a TODO's text (a typo fixed) keeps its finding and its draft:
// it is not a new TODO "left unfinished" in the editing commit.
func TestEditedTODOKeepsItsDraft(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	r.commit("todo", map[string]string{"a.py": "def upload(path):\n    # TODO: retyr uploads that fail with a 503\n    return put(path)\n"})
	reconcile(t, rc, id)
	before := drafts(t, rc, store.DraftPending)
	if len(before) != 1 {
		t.Fatalf("drafts = %+v", before)
	}
	r.commit("typo", map[string]string{"a.py": "def upload(path):\n    # TODO: retry uploads that fail with a 503\n    return put(path)\n"})
	reconcile(t, rc, id)
	after := drafts(t, rc, "")
	if len(after) != 1 || after[0].ID != before[0].ID || after[0].State != store.DraftPending {
		t.Fatalf("after the typo fix: %+v", after)
	}
	if !strings.Contains(after[0].Title, "Retry uploads") {
		t.Errorf("the draft still says the old text: %q", after[0].Title)
	}
}

// A note moved to another file (a file split in two, sindresorhus/execa
// 672c2d7) keeps its draft, which now cites the new place and says the
// commit moved it rather than added it.
func TestMovedTODOKeepsItsDraft(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	test := "def test_cleanup():\n    # TODO: stop relying on signal-exit internals\n    assert listeners()\n"
	r.commit("todo", map[string]string{"tests/test_all.py": "def test_a():\n    pass\n\n" + test})
	reconcile(t, rc, id)
	before := drafts(t, rc, store.DraftPending)
	if len(before) != 1 {
		t.Fatalf("drafts = %+v", before)
	}
	r.commit("Split files", map[string]string{"tests/test_all.py": "def test_a():\n    pass\n", "tests/test_cleanup.py": test})
	reconcile(t, rc, id)
	after := drafts(t, rc, "")
	if len(after) != 1 || after[0].ID != before[0].ID || after[0].State != store.DraftPending {
		t.Fatalf("after the move: %+v", after)
	}
	if !strings.Contains(after[0].Body, "tests/test_cleanup.py#L2") || !strings.Contains(after[0].Body, "moved here in") ||
		strings.Contains(after[0].Body, "added in") {
		t.Errorf("the draft does not cite the new place as moved:\n%s", after[0].Body)
	}
}

// A reconcile that finds nothing new leaves the database as it is, so the
// daemon's hourly backup is not rewritten for nothing.
func TestQuietReconcileWritesNothing(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	r.commit("todo", map[string]string{"a.go": "package a\n// TODO: close the pool when the server stops\n"})
	reconcile(t, rc, id)
	before, err := os.Stat(rc.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		reconcile(t, rc, id)
	}
	after, err := os.Stat(rc.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		t.Errorf("quiet reconciles wrote the database (%v → %v)", before.ModTime(), after.ModTime())
	}
	r.commit("more", map[string]string{"b.go": "package a\n"})
	reconcile(t, rc, id)
	if later, _ := os.Stat(rc.Store.Path()); later.ModTime().Equal(before.ModTime()) {
		t.Error("a reconcile that analysed a commit wrote nothing")
	}
}

// A test that comes a commit after the code resolves its finding when it
// calls what the finding lists (google/btree 3f48535 added BTree.Has in
// btree_generic.go; 8e29150 "Add coverage of Has in test." called tr.Has
// in TestBTree a week later); a test that calls a method of the same name
// on another type does not (afero's OpenFile).
func TestLaterTestCallingTheSymbolResolvesIt(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{
		"go.mod":           "module example.com/btree\n\ngo 1.22\n",
		"btree_generic.go": "package btree\n\ntype BTree struct{ items []int }\n\ntype Cache struct{ m map[int]bool }\n",
		"btree_test.go":    "package btree\n\nimport \"testing\"\n\nfunc TestBTree(t *testing.T) {\n\ttr := &BTree{}\n\t_ = tr\n}\n",
	})
	rc, id := enrolled(t, r, untestedOnly())
	has := "\n// Has returns true if the given key is in the tree.\nfunc (t *BTree) Has(key int) bool {\n\tfor _, it := range t.items {\n\t\tif it == key {\n\t\t\treturn true\n\t\t}\n\t}\n\treturn false\n}\n"
	r.commit("fix: add Has method for a BTree", map[string]string{
		"btree_generic.go": "package btree\n\ntype BTree struct{ items []int }\n\ntype Cache struct{ m map[int]bool }\n" + has,
	})
	r.commit("feat: Cache.Has", map[string]string{
		"cache.go": "package btree\n\n// Has reports whether the cache holds key.\nfunc (c *Cache) Has(key int) bool {\n\tif c.m == nil {\n\t\treturn false\n\t}\n\treturn c.m[key]\n}\n",
	})
	reconcile(t, rc, id)
	if fs := findings(t, rc, id, store.FindingOpen); len(fs) != 2 {
		t.Fatalf("open findings = %+v, want BTree.Has and Cache.Has", fs)
	}
	r.commit("Add coverage of Has in test.", map[string]string{
		"btree_test.go": "package btree\n\nimport \"testing\"\n\nfunc TestBTree(t *testing.T) {\n\ttr := &BTree{}\n\tif tr.Has(1) {\n\t\tt.Fatal(\"has found an item never inserted\")\n\t}\n}\n",
	})
	reconcile(t, rc, id)
	open := findings(t, rc, id, store.FindingOpen)
	if len(open) != 1 || open[0].Evidence.Path != "cache.go" {
		t.Fatalf("open findings after the test = %+v, want Cache.Has's alone", open)
	}
	f, ok := findingOf(t, rc, id, "untested:btree_generic.go")
	if !ok || f.Status != store.FindingResolved || f.ResolvedSubject != "Add coverage of Has in test." {
		t.Errorf("BTree.Has's finding = %+v, want resolved by the test", f)
	}
}

// A later commit that removes what an untested finding lists resolves it,
// though the file stays (pallets/quart: "Add tests for Config.from_file"
// three years after ffa017c removed from_file from config.py).
func TestRemovedSymbolsResolveTheirUntestedFinding(t *testing.T) {
	r := newGitRepo(t)
	base := "class Config(dict):\n    def from_mapping(self, mapping):\n        self.update(mapping)\n        return True\n"
	r.commit("start", map[string]string{"tests/test_app.py": "def test_app():\n    pass\n", "quart/config.py": base})
	rc, id := enrolled(t, r, untestedOnly())
	method := "    def from_file(self, filename, load, silent=False):\n        with open(filename) as f:\n            return self.from_mapping(load(f))\n"
	r.commit("Add a file mode parameter to the config.from_file method", map[string]string{
		"quart/config.py": base + "\n" + method,
	})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 1 || open[0].Fingerprint != "untested:quart/config.py" {
		t.Fatalf("open findings %+v, want config.py's", open)
	}
	r.commit("Utilise the Flask config code", map[string]string{"quart/config.py": base})
	reconcile(t, rc, id)
	f, ok := findingOf(t, rc, id, "untested:quart/config.py")
	if !ok || f.Status != store.FindingResolved {
		t.Errorf("config.py's finding = %+v, want resolved: from_file is gone", f)
	}
}

// A test written in the commit before the code, by its author, covers it:
// pyinvoke/invoke 983fcc9c "Test proving need for #793", then 0a5b4045
// "Fix and changelog closes #793" (round 106, noise). The daemon analyses
// each commit in a run of its own: the parent's tests are kept in the
// store between them.
func TestTestWrittenFirstCoversTheCode(t *testing.T) {
	base := "class Config(dict):\n    def from_mapping(self, mapping):\n        self.update(mapping)\n        return True\n"
	method := "    def from_file(self, filename, load, silent=False):\n        with open(filename) as f:\n            return self.from_mapping(load(f))\n"
	for _, tc := range []struct {
		name, testSubject, test, fixSubject string
		want                                int
	}{
		{"the same issue", "Test proving need for #793", "def test_cli_loads_config():\n    run('app --config conf.toml')\n", "Fix and changelog closes #793", 0},
		// A fix whose regression test came first: no "Add a regression
		// test" line either.
		{"a test that calls it", "Test loading a config file", "from quart.config import Config\n\ndef test_from_file():\n    Config().from_file('conf.toml', toml.load)\n", "Fix loading config files", 0},
		{"another issue", "Test proving need for #792", "def test_cli_loads_config():\n    run('app --config conf.toml')\n", "Fix and changelog closes #793", 1},
		{"no test first", "", "", "Fix and changelog closes #793", 1},
	} {
		r := newGitRepo(t)
		r.commit("start", map[string]string{"tests/test_app.py": "def test_app():\n    pass\n", "quart/config.py": base})
		rc, id := enrolled(t, r, untestedOnly())
		if tc.testSubject != "" {
			r.commit(tc.testSubject, map[string]string{"tests/test_config.py": tc.test})
			reconcile(t, rc, id)
		}
		r.commit(tc.fixSubject, map[string]string{"quart/config.py": base + "\n" + method})
		reconcile(t, rc, id)
		if open := findings(t, rc, id, store.FindingOpen); len(open) != tc.want {
			t.Errorf("%s: open findings %+v, want %d", tc.name, open, tc.want)
		}
	}
}

// A project with no test of a language asks for none of each change:
// rivo/tview has no _test.go, and its 18 untested drafts and digest lines
// were all noise (round 110). The same change in a project with tests is
// reported.
func TestProjectWithoutTestsAsksForNone(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start map[string]string
		want  int
	}{
		{"no test", map[string]string{"go.mod": "module example.com/calc\n", "calc/calc.go": "package calc\n"}, 0},
		{"tests elsewhere", map[string]string{"go.mod": "module example.com/calc\n", "calc/calc.go": "package calc\n",
			"other/other.go": "package other\n", "other/other_test.go": "package other\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n"}, 1},
	} {
		r := newGitRepo(t)
		r.commit("start", tc.start)
		rc, id := enrolled(t, r, untestedOnly())
		r.commit("Add Add", map[string]string{"calc/calc.go": "package calc\n\n// Add adds.\nfunc Add(a, b int) int {\n\tif a == 0 {\n\t\treturn b\n\t}\n\treturn a + b\n}\n"})
		reconcile(t, rc, id)
		if open := findings(t, rc, id, store.FindingOpen); len(open) != tc.want {
			t.Errorf("%s: open findings %+v, want %d", tc.name, open, tc.want)
		}
	}
}

// The writer's list of open untested findings, read when the first test
// of a batch asks for it, gains the findings later commits of the batch
// open: a test two commits after the code, all three in one reconcile,
// still resolves it.
func TestLaterTestInTheSameBatchResolves(t *testing.T) {
	r := newGitRepo(t)
	tree := "package btree\n\ntype BTree struct{ items []int }\n"
	test := "package btree\n\nimport \"testing\"\n\nfunc TestBTree(t *testing.T) {\n\ttr := &BTree{}\n\t_ = tr\n}\n"
	r.commit("start", map[string]string{"go.mod": "module example.com/btree\n\ngo 1.22\n", "btree_generic.go": tree, "btree_test.go": test})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("test: name the tree", map[string]string{"btree_test.go": strings.Replace(test, "tr := &BTree{}", "tr := &BTree{items: nil}", 1)})
	r.commit("feat: Has", map[string]string{
		"btree_generic.go": tree + "\n// Has reports whether key is in the tree.\nfunc (t *BTree) Has(key int) bool {\n\tfor _, it := range t.items {\n\t\tif it == key {\n\t\t\treturn true\n\t\t}\n\t}\n\treturn false\n}\n",
	})
	r.commit("test: Has", map[string]string{
		"btree_test.go": "package btree\n\nimport \"testing\"\n\nfunc TestBTree(t *testing.T) {\n\ttr := &BTree{}\n\tif tr.Has(1) {\n\t\tt.Fatal(\"found an item never inserted\")\n\t}\n}\n",
	})
	reconcile(t, rc, id)
	f, ok := findingOf(t, rc, id, "untested:btree_generic.go")
	if !ok || f.Status != store.FindingResolved || f.ResolvedSubject != "test: Has" {
		t.Errorf("BTree.Has's finding = %+v, want resolved by the test two commits later", f)
	}
}

// A hotspot the windows have not found again for a year is resolved, even
// one its fixes made and one a commit still touches now and then
// (google/gflags' "8 fixes in 50 commits to 2017-05-16", open at the 2025
// tip; round 68). Within the year it stays.
func TestHotspotAYearOldIsResolved(t *testing.T) {
	for _, c := range []struct {
		later    string
		resolved bool
	}{{"2021-06-01T12:00:00Z", true}, {"2020-03-01T12:00:00Z", false}} {
		r := newGitRepo(t)
		at := func(date string) {
			t.Setenv("GIT_AUTHOR_DATE", date)
			t.Setenv("GIT_COMMITTER_DATE", date)
		}
		at("2020-01-01T12:00:00Z")
		r.commit("start", map[string]string{".ticket-master.yaml": "hotspot:\n  window: 10\n  min_fixes: 3\n"})
		cfg := config.Defaults()
		off, on := false, true
		cfg.Detectors = config.DetectorSwitches{TODO: &off, Untested: &off, DocDrift: &off, Hotspot: &on, Dependency: &off, Secret: &off, LLMReview: &off}
		rc, id := enrolled(t, r, cfg)
		for i := range 4 {
			r.commit(fmt.Sprintf("fix: parse bug %d", i), map[string]string{"parse.go": fmt.Sprintf("package calc\n\nconst P = %d\n", i)})
			// Other code as often: parse.go is not the core of the project.
			r.commit(fmt.Sprintf("feat: calc %d", i), map[string]string{fmt.Sprintf("calc%d.go", i): "package calc\n", fmt.Sprintf("eval%d.go", i): "package calc\n"})
		}
		reconcile(t, rc, id)
		if f, ok := findingOf(t, rc, id, "hotspot:parse.go"); !ok || f.Status != store.FindingOpen {
			t.Fatalf("parse.go's fixes made no hotspot: %+v", f)
		}
		at(c.later)
		for i := range 10 {
			files := map[string]string{fmt.Sprintf("f%d.go", i): "package calc\n"}
			if i == 5 {
				files["parse.go"] = "package calc\n\nconst P = 9\n" // touched once: no hotspot, not cooled
			}
			r.commit(fmt.Sprintf("other %d", i), files)
		}
		reconcile(t, rc, id)
		f, _ := findingOf(t, rc, id, "hotspot:parse.go")
		if got := f.Status == store.FindingResolved; got != c.resolved {
			t.Errorf("commits of %s: parse.go's hotspot %s (%s), want resolved %v", c.later, f.Status, f.ResolvedWhy, c.resolved)
		}
		if c.resolved && !strings.Contains(f.ResolvedWhy, "has not been a hotspot since 2020-01-01") {
			t.Errorf("resolved as %q", f.ResolvedWhy)
		}
	}
}

// A doctest a Sphinx page adds later calls what the finding lists: the
// finding is resolved (mozilla/bleach 567eb46 added build_email_re;
// 0503863, the next commit, called it in a `.. doctest::` block of
// docs/linkify.rst, which tox runs). A page whose examples call something
// else resolves nothing.
func TestLaterDoctestOnASphinxPageResolves(t *testing.T) {
	r := newGitRepo(t)
	linkifier := "import re\n\n\ndef build_url_re(tlds=None):\n    return re.compile(r\"https?://\" + \"|\".join(tlds or []))\n"
	r.commit("start", map[string]string{"bleach/linkifier.py": linkifier, "tests/test_linkify.py": "def test_url():\n    pass\n", "docs/linkify.rst": "Linkify\n=======\n"})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("add build_email_re", map[string]string{"bleach/linkifier.py": linkifier +
		"\n\ndef build_email_re(tlds=None):\n    \"\"\"Builds the email recognition regex.\"\"\"\n    joined = \"|\".join(tlds or [])\n    return re.compile(r\"[a-z]+@[a-z]+\\.(?:\" + joined + \")\")\n"})
	r.commit("docs: add a linkify example", map[string]string{"docs/linkify.rst": "Linkify\n=======\n\n.. doctest::\n\n   >>> from bleach.linkifier import build_url_re\n   >>> build_url_re(tlds=['fish']).pattern\n   'https?://fish'\n"})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "untested:bleach/linkifier.py"); !ok || f.Status != store.FindingOpen {
		t.Fatalf("build_email_re's finding = %+v, want open: the page's doctest calls another function", f)
	}
	r.commit("docs: add build_email_re with tlds example", map[string]string{"docs/linkify.rst": "Linkify\n=======\n\n.. doctest::\n\n" +
		"   >>> from bleach.linkifier import Linker, build_email_re\n\n   >>> only_fish_tld_url_re = build_email_re(tlds=['fish'])\n   >>> only_fish_tld_url_re.pattern\n   '[a-z]+@[a-z]+\\\\.(?:fish)'\n"})
	reconcile(t, rc, id)
	f, ok := findingOf(t, rc, id, "untested:bleach/linkifier.py")
	if !ok || f.Status != store.FindingResolved || f.ResolvedSubject != "docs: add build_email_re with tlds example" {
		t.Errorf("build_email_re's finding = %+v, want resolved by the doctest", f)
	}
}

// A drift finding of a removed method is resolved when the docs stop
// naming it: olekukonko/tablewriter removed Table.SetHeader and others in
// c4ef77d, and rewrote its README without them in 87ab8b8, yet the digest
// still listed fourteen "Update the docs for the removed ..." (round 72,
// stale). A README that only moves the line keeps it open.
func TestDocsThatStopNamingARemovedMethodResolveItsDrift(t *testing.T) {
	r := newGitRepo(t)
	table := "package tablewriter\n\n// Table renders rows.\ntype Table struct{ header []string }\n\n// Render writes the table.\nfunc (t *Table) Render() {}\n"
	setHeader := "\n// SetHeader sets the header row.\nfunc (t *Table) SetHeader(keys []string) { t.header = keys }\n"
	readme := "# tablewriter\n\n```go\ntable := tablewriter.NewWriter(os.Stdout)\ntable.SetHeader([]string{\"Name\", \"Sign\"})\ntable.Render()\n```\n"
	r.commit("start", map[string]string{"go.mod": "module github.com/olekukonko/tablewriter\n\ngo 1.22\n", "table.go": table + setHeader, "README.md": readme})
	rc, id := enrolled(t, r, docdriftOnly())
	r.commit("new api", map[string]string{"table.go": table})
	reconcile(t, rc, id)
	fp := "docdrift:table.go:api:Table.SetHeader"
	if f, ok := findingOf(t, rc, id, fp); !ok || f.Status != store.FindingOpen {
		t.Fatalf("SetHeader's drift = %+v, want open", f)
	}
	r.commit("docs: move the example", map[string]string{"README.md": "# tablewriter\n\nAn example:\n\n" + readme[len("# tablewriter\n\n"):]})
	reconcile(t, rc, id)
	if f, _ := findingOf(t, rc, id, fp); f.Status != store.FindingOpen {
		t.Fatalf("SetHeader's drift = %+v, want open: the README still names it", f)
	}
	r.commit("readme for v1", map[string]string{"README.md": "# tablewriter\n\n```go\ntable := tablewriter.NewTable(os.Stdout)\ntable.Header(\"Name\", \"Sign\")\ntable.Render()\n```\n"})
	reconcile(t, rc, id)
	if f, _ := findingOf(t, rc, id, fp); f.Status != store.FindingResolved || f.ResolvedSubject != "readme for v1" {
		t.Errorf("SetHeader's drift = %+v, want resolved by the README that no longer names it", f)
	}
}

// A finding resolved and found anew by one commit words its pending draft
// again: olekukonko/tablewriter 9eed19c took WithHeaderAutoFormat out of
// config.go (into option.go) and added builder methods to config.go; the
// draft kept asking for tests of WithHeaderAutoFormat (round 72, stale).
func TestDraftOfAFindingResolvedAndFoundAgainInOneCommit(t *testing.T) {
	r := newGitRepo(t)
	fn := func(name string) string {
		return "\n// " + name + " sets an option.\nfunc " + name + "(state int) Option {\n\treturn func(t *Table) {\n\t\tif state > 0 {\n\t\t\tt.state = state\n\t\t}\n\t}\n}\n"
	}
	r.commit("start", map[string]string{
		"go.mod":              "module example.com/tablewriter\n\ngo 1.22\n",
		"config.go":           "package tablewriter\n",
		"option.go":           "package tablewriter\n",
		"tablewriter_test.go": "package tablewriter\n",
	})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("fix read and minor update", map[string]string{"config.go": "package tablewriter\n" + fn("WithHeaderAutoFormat")})
	reconcile(t, rc, id)
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || !strings.Contains(ds[0].Title, "WithHeaderAutoFormat") {
		t.Fatalf("want the draft of WithHeaderAutoFormat, got %+v", ds)
	}
	r.commit("separate options from config", map[string]string{"config.go": "package tablewriter\n" +
		"\n// WithGlobal sets the alignment of every column.\nfunc (b *AlignmentBuilder) WithGlobal(align int) *AlignmentBuilder {\n\tfor i := range b.columns {\n\t\tb.columns[i] = align\n\t}\n\treturn b\n}\n"})
	reconcile(t, rc, id)
	ds = drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || strings.Contains(ds[0].Title+ds[0].Body, "WithHeaderAutoFormat") || !strings.Contains(ds[0].Body, "WithGlobal") {
		for _, d := range ds {
			t.Logf("%q\n%s", d.Title, d.Body)
		}
		t.Errorf("want one draft, of WithGlobal alone, got %d", len(ds))
	}
}

// A new flag's drift is resolved when a later commit takes the flag out of
// the code: jaraco/keyring 7830a64 added --get-mode and 1c6450a renamed it
// --mode the next day, documenting that; "Document the new --get-mode
// flag" stayed in the digest (round 73, stale).
func TestRemovedFlagResolvesItsDrift(t *testing.T) {
	r := newGitRepo(t)
	cli := func(flags ...string) string {
		src := "import argparse\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
		for _, f := range flags {
			src += "    parser.add_argument(\"" + f + "\", help=\"how the credential is shown\")\n"
		}
		return src + "    return parser.parse_args()\n"
	}
	r.commit("start", map[string]string{"keyring/cli.py": cli("--list-backends"), "README.md": "# keyring\n\nRun `keyring --list-backends`.\n"})
	rc, id := enrolled(t, r, docdriftOnly())
	r.commit("Add --get-mode", map[string]string{"keyring/cli.py": cli("--list-backends", "--get-mode")})
	reconcile(t, rc, id)
	fp := "docdrift:keyring/cli.py:flag:--get-mode"
	if f, ok := findingOf(t, rc, id, fp); !ok || f.Status != store.FindingOpen {
		var open []string
		for _, f := range findings(t, rc, id, store.FindingOpen) {
			open = append(open, f.Fingerprint)
		}
		t.Fatalf("--get-mode's drift = %+v, want open (open: %v)", f, open)
	}
	r.commit("Rename --get-mode to --mode", map[string]string{"keyring/cli.py": cli("--list-backends", "--mode"),
		"README.md": "# keyring\n\nRun `keyring --list-backends`; `--mode` says how a credential is shown.\n"})
	reconcile(t, rc, id)
	if f, _ := findingOf(t, rc, id, fp); f.Status != store.FindingResolved || f.ResolvedSubject != "Rename --get-mode to --mode" {
		t.Errorf("--get-mode's drift = %+v, want resolved by the rename", f)
	}
}

// Code the project's tests already call, in a file not named after it, is
// tested code rewritten: no finding (jazzband/tablib keeps every format's
// tests in tests/test_tablib.py). A fix still asks for its regression test,
// and code no test calls is still reported.
func TestUntestedCodeTheProjectsTestsCall(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{
		"setup.py":             "from setuptools import setup\nsetup(name='tablib')\n",
		"src/tablib/_csv.py":   "def export_set(dataset):\n    return ','.join(dataset)\n",
		"src/tablib/_json.py":  "import json\n\ndef export_json(dataset):\n    return json.dumps(dataset)\n",
		"tests/test_tablib.py": "from tablib._csv import export_set\n\ndef test_csv():\n    assert export_set(['a', 'b']) == 'a,b'\n    assert export_json([]) == '[]'\n",
	})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("Refactor the csv export", map[string]string{
		"src/tablib/_csv.py": "def export_set(dataset):\n    out = ','.join(dataset)\n    return out\n",
	})
	if sum := reconcile(t, rc, id); sum.Findings != 0 {
		t.Fatalf("a rewrite of code tests/test_tablib.py calls: %+v, want no finding", sum)
	}
	// Called code rewritten beside new code no test calls: the draft asks
	// tests for the new code alone (bluss/indexmap 6378856's get_index,
	// which tests/quick.rs calls, named beside split_off; round 80).
	r.commit("Add a tsv export", map[string]string{
		"src/tablib/_csv.py": "def export_set(dataset):\n    return ', '.join(dataset)\n\ndef export_tsv(dataset):\n    return '\\t'.join(dataset)\n",
	})
	if sum := reconcile(t, rc, id); sum.Findings != 1 {
		t.Fatalf("a function no test calls: %+v, want a finding", sum)
	}
	if f, _ := findingOf(t, rc, id, "untested:src/tablib/_csv.py"); !strings.Contains(f.Title, "export_tsv") || strings.Contains(f.Title+f.Body, "export_set") {
		t.Errorf("the finding = %q\n%s\nwant export_tsv alone", f.Title, f.Body)
	}
	r.commit("Fix the json export of sets", map[string]string{
		"src/tablib/_json.py": "import json\n\ndef export_json(dataset):\n    return json.dumps(list(dataset))\n",
	})
	if sum := reconcile(t, rc, id); sum.Findings != 1 {
		t.Fatalf("a fix of called code: %+v, want a finding", sum)
	}
	// The tests are there to take its regression test: an item of the
	// digest, not a draft of its own.
	if f, ok := findingOf(t, rc, id, "untested:src/tablib/_json.py"); !ok || f.Severity != finding.Low {
		t.Errorf("the fix's finding = %+v, want low severity", f)
	} else if f.Title != "Add a regression test for export_json in src/tablib/_json.py" {
		// Tests exist: "Add tests for" read as if none did (muesli/termenv
		// a6f7ced; round 81).
		t.Errorf("the fix's title = %q, want it to ask for a regression test", f.Title)
	}
}

// A function removed from a file while another copy of the library keeps
// it is no removal: yaml/pyyaml dc0c4c1 deleted lib/yaml/, the Python 2
// copy, while lib3/yaml/ kept safe_load; four drafts said the README named
// removed functions (round 76, wrong). Removed from every copy, it is one.
func TestRemovalKeptByAnotherCopyIsNoDrift(t *testing.T) {
	r := newGitRepo(t)
	lib := "def safe_load(stream):\n    return load(stream, SafeLoader)\n\n\ndef safe_dump(data):\n    return dump(data, SafeDumper)\n"
	r.commit("start", map[string]string{
		"setup.py":              "from setuptools import setup\nsetup(name='PyYAML')\n",
		"lib/yaml/__init__.py":  lib,
		"lib3/yaml/__init__.py": lib,
		"README.md":             "# PyYAML\n\n```python\nyaml.safe_load(stream)\nyaml.safe_dump(data)\n```\n",
	})
	rc, id := enrolled(t, r, docdriftOnly())
	r.commit("Remove 2.7 support", map[string]string{"lib/yaml/__init__.py": ""})
	if sum := reconcile(t, rc, id); sum.Findings != 0 {
		t.Fatalf("lib3 keeps both: %+v, want no finding", sum)
	}
	r.commit("Drop safe_dump", map[string]string{"lib3/yaml/__init__.py": lib[:strings.Index(lib, "\n\n\ndef safe_dump")] + "\n"})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "docdrift:lib3/yaml/__init__.py:api:safe_dump"); !ok || f.Status != store.FindingOpen {
		t.Errorf("safe_dump's drift = %+v (%v), want open: no copy keeps it", f, ok)
	}
}

// A note a merge drops is resolved: the merge's own changes are not
// analysed, and jsonpickle's "remove default registration of the YAML
// backend in v5.0.0", added on its maintenance branch (fe0aa01) and
// dropped by the merge into main (83b3ba3) the same day, stayed a draft
// (round 76, stale). A note the merge keeps stays open.
func TestNoteAMergeDropsIsResolved(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"backend.py": "def load_backend(name):\n    return name\n", "pickler.py": "def flatten(obj):\n    return obj\n"})
	rc, id := enrolled(t, r, todoOnly())
	r.git("-C", r.dir, "checkout", "-q", "-b", "maint")
	r.commit("backend: yaml stays registered", map[string]string{"backend.py": "def load_backend(name):\n    # TODO: remove default registration of the YAML backend in v5.0.0\n    return name\n"})
	r.git("-C", r.dir, "checkout", "-q", "main")
	r.commit("pickler: keep refs", map[string]string{"pickler.py": "def flatten(obj):\n    # TODO: flatten the references of cyclic objects once we track ids\n    return obj\n"})
	r.git("-C", r.dir, "merge", "-q", "-s", "ours", "-m", "Merge branch 'maint'", "maint")
	r.git("-C", r.dir, "branch", "-q", "-D", "maint")
	reconcile(t, rc, id)
	var open, gone []string
	_ = rc.Store.View(func(tx *store.Tx) error {
		fs, err := tx.Findings(id, "")
		for _, f := range fs {
			switch f.Status {
			case store.FindingOpen:
				open = append(open, f.Evidence.Path)
			case store.FindingResolved:
				gone = append(gone, f.Evidence.Path+": "+f.ResolvedWhy)
			}
		}
		return err
	})
	if !reflect.DeepEqual(open, []string{"pickler.py"}) || !reflect.DeepEqual(gone, []string{"backend.py: " + whyTODOGone}) {
		t.Errorf("open %q, resolved %q; want pickler.py's note open, backend.py's resolved", open, gone)
	}
	// A note whose file moved is looked for where the file went.
	r.git("-C", r.dir, "checkout", "-q", "-b", "docs")
	r.commit("docs", map[string]string{"README.md": "# jsonpickle\n"})
	r.git("-C", r.dir, "checkout", "-q", "main")
	r.git("-C", r.dir, "mv", "pickler.py", "core.py")
	r.commit("rename the pickler", nil)
	r.git("-C", r.dir, "merge", "-q", "--no-ff", "-m", "Merge branch 'docs'", "docs")
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, onlyFingerprint(t, rc, id, store.FindingOpen)); !ok || f.CurrentPath() != "core.py" {
		t.Errorf("after the move: %+v, want the note open in core.py", f)
	}
}

// onlyFingerprint is the fingerprint of the one finding of a status.
func onlyFingerprint(t *testing.T, rc *Reconciler, id, status string) string {
	t.Helper()
	var fs []store.Finding
	_ = rc.Store.View(func(tx *store.Tx) (err error) { fs, err = tx.Findings(id, status); return err })
	if len(fs) != 1 {
		t.Fatalf("%d %s findings, want 1: %+v", len(fs), status, fs)
	}
	return fs[0].Fingerprint
}

// A signature changed and changed back closes its drift: Masterminds/semver
// 23f51de made Constraints.Validate take a Version, and 6c684ba "Restoring
// v1 Go package API" gave it back its *Version five days later; the README
// never changed, and the draft asked to update it (round 76, stale).
func TestDriftOfASignatureChangedBackIsResolved(t *testing.T) {
	r := newGitRepo(t)
	validate := func(param string) string {
		return "package semver\n\n// Constraints is a set of constraints.\ntype Constraints struct{ list []string }\n\n" +
			"// Validate checks if a version satisfies a constraint.\nfunc (cs Constraints) Validate(v " + param + ") (bool, []error) {\n\treturn len(cs.list) == 0, nil\n}\n"
	}
	r.commit("start", map[string]string{"go.mod": "module github.com/Masterminds/semver/v3\n\ngo 1.22\n", "constraints.go": validate("*Version"),
		"README.md": "# semver\n\n```go\n// Validate a version against a constraint.\na, msgs := c.Validate(v)\n```\n"})
	rc, id := enrolled(t, r, docdriftOnly())
	r.commit("NewVersion now validates", map[string]string{"constraints.go": validate("Version")})
	reconcile(t, rc, id)
	fp := "docdrift:constraints.go:api:Constraints.Validate"
	if f, ok := findingOf(t, rc, id, fp); !ok || f.Status != store.FindingOpen {
		t.Fatalf("Validate's drift = %+v, want open", f)
	}
	r.commit("Restoring v1 Go package API", map[string]string{"constraints.go": validate("*Version")})
	reconcile(t, rc, id)
	if f, _ := findingOf(t, rc, id, fp); f.Status != store.FindingResolved || f.ResolvedWhy != whyUndone {
		t.Errorf("Validate's drift = %+v, want resolved: the signature is back", f)
	}
}

// A drift whose signature a later commit renamed, with its docs, is
// resolved at the tips (gobwas/glob's New, renamed Compile; round 84).
func TestDriftOfARenamedSymbolIsResolvedAtTheTips(t *testing.T) {
	r := newGitRepo(t)
	src := func(head string) string {
		return "package glob\n\n// Glob matches strings.\ntype Glob interface{ Match(string) bool }\n\n" +
			"// " + strings.Fields(head)[1][:strings.Index(strings.Fields(head)[1], "(")] + " compiles a pattern.\n" + head + " {\n\treturn nil, nil\n}\n"
	}
	r.commit("start", map[string]string{"go.mod": "module github.com/gobwas/glob\n\ngo 1.22\n",
		"glob.go":   src("func New(pattern string) (Glob, error)"),
		"README.md": "# glob\n\n```go\ng, err := glob.New(\"*.go\")\n```\n"})
	r.commit("add range, refactor", map[string]string{"glob.go": src("func New(pattern string, sep rune) (Glob, error)")})
	r.commit("rename New to Compile", map[string]string{"glob.go": src("func Compile(pattern string, sep rune) (Glob, error)"),
		"README.md": "# glob\n\n```go\ng, err := glob.Compile(\"*.go\")\n```\n"})
	rc, id := enrolled(t, r, docdriftOnly())
	if _, err := rc.Backfill(context.Background(), id, 10); err != nil {
		t.Fatal(err)
	}
	fp := "docdrift:glob.go:api:New"
	if f, ok := findingOf(t, rc, id, fp); !ok || f.Status != store.FindingResolved || f.ResolvedWhy != whySignatureGone {
		t.Errorf("New's drift = %+v (%v), want resolved: no tip holds its signature", f, ok)
	}
	// A signature the tip still holds keeps its finding.
	r.commit("widen Compile", map[string]string{"glob.go": src("func Compile(pattern string, sep []rune) (Glob, error)")})
	r.git("-C", r.dir, "checkout", "-q", "-b", "side")
	r.commit("side work", map[string]string{"NOTES.md": "# notes\n"})
	r.git("-C", r.dir, "checkout", "-q", "main")
	r.git("-C", r.dir, "merge", "-q", "--no-ff", "--no-edit", "side")
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "docdrift:glob.go:api:Compile"); !ok || f.Status != store.FindingOpen {
		t.Errorf("Compile's drift = %+v (%v), want open: the tip holds its signature", f, ok)
	}
}

// A module of a multi-module repository that requires what a sibling
// module already requires adds no dependency to the repository (knadh/
// koanf's providers/k8smount/go.mod and fsnotify, required by
// providers/file/go.mod since 2019; round 83). A module no go.mod required
// before is new.
func TestSiblingModulesDependencyIsNotNew(t *testing.T) {
	r := newGitRepo(t)
	fileMod := "module github.com/knadh/koanf/providers/file\n\ngo 1.22\n\nrequire github.com/fsnotify/fsnotify v1.9.0\n"
	r.commit("start", map[string]string{"go.mod": "module github.com/knadh/koanf/v2\n\ngo 1.22\n",
		"providers/file/go.mod":  fileMod,
		"providers/file/file.go": "package file\n\nimport \"github.com/fsnotify/fsnotify\"\n\nvar _ = fsnotify.Create\n"})
	rc, id := enrolled(t, r, dependencyOnly())
	k8s := func(req, imp string) map[string]string {
		return map[string]string{
			"providers/k8smount/go.mod":      "module github.com/knadh/koanf/providers/k8smount\n\ngo 1.22\n\nrequire (\n\t" + req + "\n)\n",
			"providers/k8smount/k8smount.go": "package k8smount\n\nimport \"" + imp + "\"\n\nvar _ = x.Y\n",
		}
	}
	r.commit("Add k8smount provider", k8s("github.com/fsnotify/fsnotify v1.9.0", "github.com/fsnotify/fsnotify"))
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 0 {
		t.Errorf("open findings %+v, want none: providers/file required fsnotify already", open)
	}
	r.commit("Name mounts by xid", k8s("github.com/fsnotify/fsnotify v1.9.0\n\tgithub.com/rs/xid v1.5.0", "github.com/rs/xid"))
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 1 || !strings.Contains(open[0].Fingerprint, "rs/xid") {
		t.Errorf("open findings %+v, want xid's: no go.mod required it", open)
	}
}

// The same across the crates of a Cargo workspace: rust-lang/futures-rs
// b28a6ad made futures-util declare portable-atomic, which futures-core's
// Cargo.toml declared already (round 96, noise). A crate no Cargo.toml
// declared before is new.
func TestSiblingCratesDependencyIsNotNew(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{
		"futures-core/Cargo.toml": "[package]\nname = \"futures-core\"\nversion = \"0.3.30\"\n\n[dependencies]\nportable-atomic = { version = \"1.3\", optional = true }\n",
		"futures-util/Cargo.toml": "[package]\nname = \"futures-util\"\nversion = \"0.3.30\"\n\n[dependencies]\n"})
	rc, id := enrolled(t, r, dependencyOnly())
	util := func(deps string) map[string]string {
		return map[string]string{"futures-util/Cargo.toml": "[package]\nname = \"futures-util\"\nversion = \"0.3.30\"\n\n[dependencies]\n" + deps}
	}
	r.commit("Make futures-util atomic on targets without atomics", util("portable-atomic = { version = \"1.3\", optional = true }\n"))
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 0 {
		t.Errorf("open findings %+v, want none: futures-core declared portable-atomic already", open)
	}
	r.commit("Guard the waker list", util("portable-atomic = { version = \"1.3\", optional = true }\nspin = \"0.9\"\n"))
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 1 || !strings.Contains(open[0].Fingerprint, "spin") {
		t.Errorf("open findings %+v, want spin's: no Cargo.toml declared it", open)
	}
}

// An optional dependency the test environments pinned, declared as an
// extra, is not new: scrapy/scrapy a54c438 "Provide extras for optional
// dependencies" added brotlicffi, Pillow and uvloop, pinned in tox.ini and
// imported for years (round 113, wrong). A package tox.ini never named is.
func TestExtraOfAPinnedTestDependencyIsNotNew(t *testing.T) {
	r := newGitRepo(t)
	pyproject := func(extras string) string {
		return "[project]\nname = \"scrapy\"\nversion = \"2.13\"\ndependencies = [\n    \"Twisted>=21.7.0\",\n]\n\n[project.optional-dependencies]\n" + extras
	}
	r.commit("start", map[string]string{
		"pyproject.toml": pyproject(""),
		"tox.ini":        "[testenv]\ndeps =\n    brotlicffi==1.2.0.0\n    Pillow==8.3.2\n",
	})
	rc, id := enrolled(t, r, dependencyOnly())
	r.commit("Provide extras for optional dependencies", map[string]string{"pyproject.toml": pyproject("brotli = [\"brotlicffi>=1.2.0.0\"]\nimages = [\"Pillow>=8.3.2\"]\n")})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 0 {
		t.Errorf("open findings %+v, want none: tox.ini pinned both", open)
	}
	r.commit("Offer a faster event loop", map[string]string{"pyproject.toml": pyproject("brotli = [\"brotlicffi>=1.2.0.0\"]\nimages = [\"Pillow>=8.3.2\"]\nuvloop = [\"uvloop>=0.16.0\"]\n")})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 1 || !strings.Contains(open[0].Fingerprint, "uvloop") {
		t.Errorf("open findings %+v, want uvloop's: tox.ini never named it", open)
	}
}

// A Go type deleted while a method of another type keeps its name in the
// package is no removal the docs must follow (hashicorp/go-retryablehttp
// ad882be deleted standard.go's StandardClient struct; the README's
// `StandardClient()` is Client.StandardClient; round 85, wrong). A type
// nothing else names is.
func TestGoTypeWhoseNameAMethodKeepsIsNoRemoval(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{
		"go.mod":      "module github.com/hashicorp/go-retryablehttp\n\ngo 1.22\n",
		"client.go":   "package retryablehttp\n\n// Client is an HTTP client with retries.\ntype Client struct{ max int }\n\n// StandardClient returns a stdlib client.\nfunc (c *Client) StandardClient() *http.Client {\n\treturn &http.Client{}\n}\n",
		"standard.go": "package retryablehttp\n\n// StandardClient wraps a Client.\ntype StandardClient struct {\n\tclient *Client\n}\n\n// Do sends a request.\nfunc (s *StandardClient) Do(req *http.Request) (*http.Response, error) {\n\treturn nil, nil\n}\n",
		"pool.go":     "package retryablehttp\n\n// Pool keeps clients.\ntype Pool struct {\n\tclients []*Client\n}\n",
		"README.md":   "# retryablehttp\n\nCall `StandardClient()` for a stdlib client, or keep clients in a `Pool`.\n",
	})
	rc, id := enrolled(t, r, docdriftOnly())
	r.commit("Remove StandardClient struct", map[string]string{"standard.go": ""})
	if sum := reconcile(t, rc, id); sum.Findings != 0 {
		t.Fatalf("Client.StandardClient keeps the name: %+v, want no finding", sum)
	}
	r.commit("Remove Pool", map[string]string{"pool.go": ""})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "docdrift:pool.go:api:Pool"); !ok || f.Status != store.FindingOpen {
		t.Errorf("Pool's drift = %+v (%v), want open: nothing keeps its name", f, ok)
	}
}

// sqlalchemy/mako 3c1c137 "modernize for 2026" raised MarkupSafe's floor
// from 0.9.2 to 2.0 and said so in doc/build/unreleased/markupsafe.rst
// (round 85, noise): a change the commit's changelog names was made on
// purpose. An upgrade the changelog does not name is a finding.
func TestUpgradeTheChangelogNamesIsNoFinding(t *testing.T) {
	r := newGitRepo(t)
	setup := func(markupsafe, jinja string) string {
		return "[metadata]\nname = Mako\n\n[options]\ninstall_requires =\n    MarkupSafe >= " + markupsafe + "\n    Jinja2 >= " + jinja + "\n"
	}
	r.commit("start", map[string]string{"setup.cfg": setup("0.9.2", "2.0"), "mako/__init__.py": "__version__ = '1.3'\n"})
	rc, id := enrolled(t, r, dependencyOnly())
	r.commit("modernize for 2026", map[string]string{"setup.cfg": setup("2.0", "2.0"),
		"doc/build/unreleased/markupsafe.rst": ".. change::\n    :tags: usecase, installation\n\n    Minimum MarkupSafe dependency version bumped from 0.9.2 to 2.0.\n"})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 0 {
		t.Errorf("open findings %+v, want none: the changelog names MarkupSafe", open)
	}
	r.commit("modernize more", map[string]string{"setup.cfg": setup("2.0", "3.0"),
		"doc/build/unreleased/py310.rst": ".. change::\n    :tags: change, installation\n\n    Python 3.10 is the minimum.\n"})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 1 || !strings.Contains(open[0].Fingerprint, "jinja2") {
		t.Errorf("open findings %+v, want Jinja2's upgrade: no changelog line names it", open)
	}
}

// isaacs/node-glob's v9 rewrite ("tests not updated, all failing") listed
// Glob.constructor, Glob.process and Glob.doNonull; doNonull was taken out
// minutes later and the tests that came call `new Glob(` and `.process(`
// (round 86, wrong): at the tip every symbol is either called (a
// constructor through its type) or gone, and the finding is resolved. One
// still there that no test calls keeps it open.
func TestUntestedSymbolsCalledOrGoneAtTheTipsResolve(t *testing.T) {
	glob := func(extra string) string {
		return "export class Glob {\n  constructor(pattern, opts) {\n    this.pattern = pattern\n    this.opts = opts\n    this.nonull = !!opts.doNonull // a word, not a definition\n  }\n\n" +
			"  process() {\n    return this.pattern.split('/')\n  }\n" + extra + "}\n"
	}
	nonull := "\n  doNonull() {\n    return this.opts.nonull ? [this.pattern] : []\n  }\n"
	run := func(t *testing.T, later string) store.Finding {
		r := newGitRepo(t)
		r.commit("start", map[string]string{"package.json": "{\"name\": \"glob\"}\n", "test/00-setup.ts": "t.pass('fixtures')\n"})
		r.commit("v9 rewrite (tests not updated, all failing)", map[string]string{"src/glob.ts": glob(nonull)})
		r.commit("two tests passing!", map[string]string{"src/glob.ts": glob(later)})
		r.commit("test: glob", map[string]string{"test/glob.ts": "import { Glob } from '../src/glob'\n\nt.test('process', t => {\n  const g = new Glob('a/b', {})\n  t.same(g.process(), ['a', 'b'])\n})\n"})
		rc, id := enrolled(t, r, untestedOnly())
		if _, err := rc.Backfill(context.Background(), id, 10); err != nil {
			t.Fatal(err)
		}
		f, ok := findingOf(t, rc, id, "untested:src/glob.ts")
		if !ok {
			t.Fatal("no finding for src/glob.ts")
		}
		return f
	}
	if f := run(t, ""); f.Status != store.FindingResolved || f.ResolvedWhy != whyTestedAtTips {
		t.Errorf("doNonull gone, the rest called: %+v, want resolved", f)
	}
	if f := run(t, nonull); f.Status != store.FindingOpen {
		t.Errorf("doNonull still there, never called: %+v, want open", f)
	}
}

// tkaitchuck/aHash 7dbeb5b moved zerocopy from 0.7 to 0.8 and rewrote its
// uses for IntoBytes (round 87, noise): an upgrade made with the code
// ported to it has been looked at. One made in the manifest alone is a
// finding.
func TestUpgradeWithItsCodePortedIsNoFinding(t *testing.T) {
	r := newGitRepo(t)
	cargo := func(zerocopy, cfgIf string) string {
		return "[package]\nname = \"ahash\"\nversion = \"0.8.11\"\n\n[dependencies]\nzerocopy = \"" + zerocopy + "\"\ncfg-if = \"" + cfgIf + "\"\n"
	}
	r.commit("start", map[string]string{"Cargo.toml": cargo("0.7.31", "1.0"), "src/convert.rs": "use zerocopy::AsBytes;\n\npub fn bytes(x: &u64) -> &[u8] {\n    x.as_bytes()\n}\n"})
	rc, id := enrolled(t, r, dependencyOnly())
	r.commit("Port to the new byte traits", map[string]string{"Cargo.toml": cargo("0.8.24", "1.0"),
		"src/convert.rs": "use zerocopy::IntoBytes;\n\npub fn bytes(x: &u64) -> &[u8] {\n    x.as_bytes()\n}\n"})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 0 {
		t.Errorf("open findings %+v, want none: the code was ported", open)
	}
	r.commit("Bump deps", map[string]string{"Cargo.toml": cargo("0.8.24", "2.0")})
	reconcile(t, rc, id)
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 1 || !strings.Contains(open[0].Fingerprint, "cfg-if") {
		t.Errorf("open findings %+v, want cfg-if's upgrade", open)
	}
}

// A flag of a deleted file that another file of the tree declares is not
// removed: jquery/jquery dfc693e deleted Gruntfile.cjs, whose grunt option
// "filename" the README's `--filename` had named, while build/command.js
// declared it for yargs; the draft said it was removed (round 135, wrong).
// Declared nowhere else, it is.
func TestFlagOfDeletedFileDeclaredElsewhereIsNoDrift(t *testing.T) {
	r := newGitRepo(t)
	grunt := "module.exports = function( grunt ) {\n\tgrunt.option( \"filename\", \"jquery.js\" );\n\tgrunt.option( \"amd\", false );\n};\n"
	r.commit("start", map[string]string{
		"package.json":     "{\"name\": \"jquery\"}\n",
		"Gruntfile.cjs":    grunt,
		"build/command.js": "const argv = yargs( process.argv.slice( 2 ) )\n\t.option( \"filename\", {\n\t\talias: \"f\",\n\t\ttype: \"string\"\n\t} )\n\t.parse();\n",
		"README.md":        "# jQuery\n\nChange the file name using `--filename`:\n\n    npm run build -- --filename=jquery.slim.js\n\nSet `--amd` to build an AMD module.\n",
	})
	rc, id := enrolled(t, r, docdriftOnly())
	r.commit("Tests: migrate testing infrastructure to minimal dependencies", map[string]string{"Gruntfile.cjs": ""})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "docdrift:Gruntfile.cjs:flag:--filename"); ok {
		t.Errorf("--filename, which build/command.js declares, drafted removed: %+v", f)
	}
	if f, ok := findingOf(t, rc, id, "docdrift:Gruntfile.cjs:flag:--amd"); !ok || f.Status != store.FindingOpen {
		t.Errorf("--amd's drift = %+v (%v), want open: no file declares it now", f, ok)
	}
}

// A removal a later commit takes back is resolved at the tips:
// alecthomas/participle ce4901a replaced UnexpectedTokenError.Position
// with Token, and 212920a put Position back; "Update the docs for the
// removed UnexpectedTokenError.Position" stayed in the digest (round 136,
// stale). A removal the tips keep stays open.
func TestRemovalRestoredIsResolvedAtTheTips(t *testing.T) {
	r := newGitRepo(t)
	src := func(methods ...string) string {
		s := "package participle\n\n// UnexpectedTokenError is returned when the parser meets a token it did not expect.\ntype UnexpectedTokenError struct{ Unexpected Token }\n"
		for _, m := range methods {
			s += "\n// " + m + " of the error.\nfunc (u UnexpectedTokenError) " + m + "() Token {\n\treturn u.Unexpected\n}\n"
		}
		return s
	}
	r.commit("start", map[string]string{"go.mod": "module github.com/alecthomas/participle\n\ngo 1.22\n",
		"error.go":  src("Position", "Expected"),
		"README.md": "# participle\n\nOn an error, `err.Position()` says where.\n\nIts `err.Expected()` says what was wanted.\n"})
	r.commit("Modify error interface to report token.", map[string]string{"error.go": src()})
	r.commit("Clean up error interface.", map[string]string{"error.go": src("Position")})
	rc, id := enrolled(t, r, docdriftOnly())
	if _, err := rc.Backfill(context.Background(), id, 10); err != nil {
		t.Fatal(err)
	}
	fp := "docdrift:error.go:api:UnexpectedTokenError.Position"
	if f, ok := findingOf(t, rc, id, fp); !ok || f.Status != store.FindingResolved || f.ResolvedWhy != whyRestored {
		t.Errorf("Position's drift = %+v (%v), want resolved: the tip defines it again", f, ok)
	}
	fp = "docdrift:error.go:api:UnexpectedTokenError.Expected"
	if f, ok := findingOf(t, rc, id, fp); !ok || f.Status != store.FindingOpen {
		t.Errorf("Expected's drift = %+v (%v), want open: no tip defines it", f, ok)
	}
}

// Code the tests reach through a function of its own file that they call
// is not drafted as untested: Suor/funcy's re_finder, which re_find calls
// and tests/test_strings.py tests (round 137, noise). A change no tested
// function reaches still is.
func TestUntestedReachedThroughATestedCaller(t *testing.T) {
	r := newGitRepo(t)
	strs := func(finder, iter string) string {
		return "def re_finder(regex, flags=0):\n    getter = _make_getter(regex)\n    return " + finder + "\n\n\n" +
			"def re_find(regex, s, flags=0):\n    return re_finder(regex, flags)(s)\n\n\n" +
			"def re_iter(regex, s, flags=0):\n    return " + iter + "\n"
	}
	r.commit("start", map[string]string{
		"setup.py":              "from setuptools import setup\nsetup(name='funcy')\n",
		"funcy/strings.py":      strs("lambda s: getter(s)", "regex.finditer(s)"),
		"tests/test_strings.py": "from funcy.strings import re_find\n\n\ndef test_re_find():\n    assert re_find(r'\\d+', 'x34y12') == '34'\n",
	})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("Return the getter from re_finder", map[string]string{"funcy/strings.py": strs("getter", "regex.finditer(s)")})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "untested:funcy/strings.py"); ok {
		t.Errorf("re_finder, reached through the tested re_find, drafted: %+v", f)
	}
	r.commit("Make re_iter lazy", map[string]string{"funcy/strings.py": strs("getter", "(m for m in regex.finditer(s))")})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "untested:funcy/strings.py"); !ok || f.Status != store.FindingOpen || !strings.Contains(f.Title, "re_iter") {
		t.Errorf("re_iter's finding = %+v (%v), want open: no tested function calls it", f, ok)
	}
}

// A commit that adds a case to an example the tests run is tested:
// PyCQA/bandit's tests/functional/test_functional.py runs each file of
// examples/ by name, and af6b4360 taught B113 a case and wrote it into
// examples/requests-missing-timeout.py (round 140, noise). The same change
// with no case added is untested.
func TestUntestedCoveredByAnExampleTheTestsRun(t *testing.T) {
	r := newGitRepo(t)
	plugin := func(verbs string) string {
		return "def request_without_timeout(context):\n    http_verbs = (" + verbs + ")\n    if context.call_function_name in http_verbs:\n        return context.issue()\n"
	}
	r.commit("start", map[string]string{
		"setup.py": "from setuptools import setup\nsetup(name='bandit')\n",
		"bandit/plugins/request_without_timeout.py": plugin("'get', 'post'"),
		"examples/requests-missing-timeout.py":      "import requests\n\nrequests.get('https://example.com')\n",
		"tests/functional/test_functional.py":       "class FunctionalTests:\n    def test_requests_without_timeout(self):\n        self.check_example('requests-missing-timeout.py', {'MEDIUM': 1})\n",
	})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("Detect head requests too", map[string]string{
		"bandit/plugins/request_without_timeout.py": plugin("'get', 'post', 'head'"),
		"examples/requests-missing-timeout.py":      "import requests\n\nrequests.get('https://example.com')\nrequests.head('https://example.com')\n",
	})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "untested:bandit/plugins/request_without_timeout.py"); ok {
		t.Errorf("a change whose case the functional tests run drafted: %+v", f)
	}
	r.commit("Detect put requests too", map[string]string{"bandit/plugins/request_without_timeout.py": plugin("'get', 'post', 'head', 'put'")})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "untested:bandit/plugins/request_without_timeout.py"); !ok || f.Status != store.FindingOpen {
		t.Errorf("the change with no case = %+v (%v), want open", f, ok)
	}
}

// An untested finding that lists a symbol its file no longer defines at
// the tips is out of date, and resolves after a backfill: tokio-rs/loom's
// "Add tests for AtomicBool.new and 11 more" of 2019 listed get_mut,
// removed in 88e4225 (round 144, stale). One whose list the tips still
// define stays.
func TestUntestedListOutOfDateIsResolved(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{
		"setup.py":         "from setuptools import setup\nsetup(name='atomics')\n",
		"tests/test_x.py":  "def test_nothing():\n    assert True\n",
		"atomics/other.py": "def helper():\n    return 1\n",
	})
	r.commit("Add AtomicBool", map[string]string{"atomics/boolean.py": "class AtomicBool:\n    def load(self, order):\n        return self.value and order\n\n    def store(self, value, order):\n        self.value = value or order\n\n    def get_mut(self):\n        return [self.value]\n"})
	r.commit("Add Counter", map[string]string{"atomics/counter.py": "class Counter:\n    def bump(self, step):\n        self.n = self.n + step\n        return self.n\n\n    def reset(self, to):\n        self.n = to or 0\n"})
	r.commit("Remove AtomicBool.get_mut", map[string]string{"atomics/boolean.py": "class AtomicBool:\n    def load(self, order):\n        return self.value and order\n\n    def store(self, value, order):\n        self.value = value or order\n"})
	rc, id := enrolled(t, r, untestedOnly())
	if _, err := rc.Backfill(context.Background(), id, 10); err != nil {
		t.Fatal(err)
	}
	if f, ok := findingOf(t, rc, id, "untested:atomics/boolean.py"); !ok || f.Status != store.FindingResolved || f.ResolvedWhy != whyListGone {
		t.Errorf("AtomicBool's finding = %+v (%v), want resolved: get_mut is gone from the file", f, ok)
	}
	if f, ok := findingOf(t, rc, id, "untested:atomics/counter.py"); !ok || f.Status != store.FindingOpen {
		t.Errorf("Counter's finding = %+v (%v), want open", f, ok)
	}
}

// A test a commit changes reaches the packages its package's other test
// files import: uptrace/bun 9fea1437 changed internal/dbtest's
// inspect_test.go, whose sibling db_test.go builds every database with
// pgdialect.New(), and pgdialect's Inspector was drafted as untested
// (round 152, wrong). A change beside no such test is still drafted.
func TestUntestedReachedThroughASiblingTestsImports(t *testing.T) {
	r := newGitRepo(t)
	inspector := func(body string) string {
		return "package pgdialect\n\n// Inspector reads a database's schema.\ntype Inspector struct{ tables []string }\n\n// New makes an Inspector.\nfunc New() *Inspector { return &Inspector{} }\n\n// Inspect lists the tables.\nfunc (in *Inspector) Inspect() []string {\n\t" + body + "\n}\n"
	}
	r.commit("start", map[string]string{
		"go.mod":                          "module example.com/bun\n\ngo 1.22\n",
		"dialect/pgdialect/inspector.go":  inspector("return in.tables"),
		"internal/dbtest/doc.go":          "// Package dbtest tests bun against real databases.\npackage dbtest\n",
		"internal/dbtest/db_test.go":      "package dbtest\n\nimport \"example.com/bun/dialect/pgdialect\"\n\nfunc newInspector() *pgdialect.Inspector { return pgdialect.New() }\n",
		"internal/dbtest/inspect_test.go": "package dbtest\n\nimport \"testing\"\n\nfunc TestInspect(t *testing.T) {\n\t_ = newInspector().Inspect()\n}\n",
		"other/other.go":                  "package other\n\n// Do does it.\nfunc Do() int { return 1 }\n",
		"other/other_test.go":             "package other\n\nimport \"testing\"\n\nfunc TestDo(t *testing.T) { Do() }\n",
	})
	rc, id := enrolled(t, r, untestedOnly())
	r.commit("feat: order the tables", map[string]string{
		"dialect/pgdialect/inspector.go":  inspector("out := append([]string(nil), in.tables...)\n\tsort.Strings(out)\n\treturn out"),
		"internal/dbtest/inspect_test.go": "package dbtest\n\nimport \"testing\"\n\nfunc TestInspect(t *testing.T) {\n\tif got := newInspector().Inspect(); len(got) != 0 {\n\t\tt.Fatal(got)\n\t}\n}\n",
	})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "untested:dialect/pgdialect/inspector.go"); ok {
		t.Errorf("Inspect, which the changed test reaches through its sibling's import, drafted: %+v", f)
	}
	r.commit("feat: tables in reverse", map[string]string{
		"dialect/pgdialect/inspector.go": inspector("out := append([]string(nil), in.tables...)\n\tsort.Sort(sort.Reverse(sort.StringSlice(out)))\n\treturn out"),
		"other/other_test.go":            "package other\n\nimport \"testing\"\n\nfunc TestDo(t *testing.T) {\n\tif Do() != 1 {\n\t\tt.Fatal()\n\t}\n}\n",
	})
	reconcile(t, rc, id)
	if f, ok := findingOf(t, rc, id, "untested:dialect/pgdialect/inspector.go"); !ok || f.Status != store.FindingOpen {
		t.Errorf("Inspect beside an unrelated test = %+v (%v), want open", f, ok)
	}
}
