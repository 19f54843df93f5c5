package main

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// draftStore is a real bbolt store with one repository and drafts of the
// given kinds, labelled after their kind; a published one when asked.
func draftStore(t *testing.T, kinds ...string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "tm.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *store.Tx) error {
		if err := tx.PutRepo(store.Repo{ID: "r1", Path: "/src/gadgets", Host: "github.com", Owner: "acme", Name: "gadgets", Enrolled: true}); err != nil {
			return err
		}
		for i, k := range kinds {
			fp := k + ":a.go:" + strings.Repeat(string(rune('a'+i)), 12)
			if err := tx.PutFinding("r1", store.Finding{Finding: finding.Finding{Fingerprint: fp, Kind: k}, Status: store.FindingOpen}); err != nil {
				return err
			}
			d := store.Draft{RepoID: "r1", Repo: "/src/gadgets", Fingerprints: []string{fp}, Title: "About " + k,
				Labels: []string{"l-" + k}, State: store.DraftPending, DraftedBy: "template"}
			if k == "published" {
				d.State, d.Issue, d.IssueURL = store.DraftPublished, 12, "https://github.com/acme/gadgets/issues/12"
			}
			if _, err := tx.PutDraft(d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestDraftKind(t *testing.T) {
	for fp, want := range map[string]string{
		"todo:svc/upload.py:0123456789ab": "todo",
		"untested:a.go":                   "untested",
		"":                                "",
	} {
		if got := draftKind(store.Draft{Fingerprints: []string{fp}}); got != want {
			t.Errorf("draftKind(%q) = %q, want %q", fp, got, want)
		}
	}
}

func TestDraftsListFilters(t *testing.T) {
	st := draftStore(t, "todo", "untested", "todo", "published")
	list := func(sel selection) string {
		ios, out, _ := testIO(nil)
		o := &draftsListOptions{IO: ios, Store: func() (*store.Store, error) { return st, nil }, Selection: sel}
		if err := runDraftsList(t.Context(), o); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	got := list(selection{AllRepos: true, State: store.DraftPending, Kind: "todo"})
	want := "ID  KIND  STATE    REPO     LABELS  TITLE\n" +
		"1   todo  pending  gadgets  l-todo  About todo\n" +
		"3   todo  pending  gadgets  l-todo  About todo\n"
	if got != want {
		t.Errorf("--kind todo:\n%s\nwant:\n%s", got, want)
	}
	if got := list(selection{AllRepos: true, State: store.DraftPending, Label: "l-untested"}); !strings.Contains(got, "2   untested") || strings.Contains(got, "About todo") {
		t.Errorf("--label l-untested:\n%s", got)
	}
	if got := list(selection{AllRepos: true, State: store.DraftPending, Kind: "secret"}); got != "No pending drafts of kind secret.\n" {
		t.Errorf("no match: %q", got)
	}
	got = list(selection{AllRepos: true})
	if !strings.Contains(got, "ISSUE\n") || !strings.Contains(got, "#12 https://github.com/acme/gadgets/issues/12\n") {
		t.Errorf("a published draft's issue is not shown:\n%s", got)
	}
}

// A kind that does not exist is a usage error naming the kinds, as a bad
// --state is, not an empty listing.
func TestDraftsListRejectsAnUnknownKind(t *testing.T) {
	ios, _, _ := testIO(nil)
	ran := false
	capture := func(context.Context, *draftsListOptions) error { ran = true; return nil }
	err := runCmd(t, newDraftsListCmd(newFactory(ios), capture), "--kind", "todos")
	if exitCode(err) != exitUsage || ran || !strings.Contains(err.Error(), "use one of todo, untested") {
		t.Errorf("--kind todos: err %v (exit %d), ran %v; want a usage error naming the kinds", err, exitCode(err), ran)
	}
	for _, kind := range []string{"review", "digest"} {
		ran = false
		if err := runCmd(t, newDraftsListCmd(newFactory(ios), capture), "--kind", kind); err != nil || !ran {
			t.Errorf("--kind %s: err %v, ran %v", kind, err, ran)
		}
	}
}

// runCmd runs one command, alone, as `tm NAME ARGS...`.
func runCmd(t *testing.T, cmd *cli.Command, args ...string) error {
	t.Helper()
	app := &cli.App{Name: "tm", Commands: []*cli.Command{cmd}, ExitErrHandler: func(*cli.Context, error) {}}
	prepare(app)
	return app.RunContext(context.Background(), append([]string{"tm", cmd.Name}, args...))
}

func TestDraftsDiscardOptions(t *testing.T) {
	ios, _, _ := testIO(nil)
	f := newFactory(ios)
	var got *draftsDiscardOptions
	capture := func(_ context.Context, o *draftsDiscardOptions) error { got = o; return nil }

	if err := runCmd(t, newDraftsDiscardCmd(f, capture), "3", "#5"); err != nil {
		t.Fatal(err)
	}
	if len(got.IDs) != 2 || got.IDs[0] != 3 || got.IDs[1] != 5 || got.All {
		t.Errorf("discard 3 #5: %+v", got)
	}
	if err := runCmd(t, newDraftsDiscardCmd(f, capture), "--all", "--kind", "hotspot"); err != nil {
		t.Fatal(err)
	}
	if !got.All || got.Selection.Kind != "hotspot" || got.Selection.State != store.DraftPending {
		t.Errorf("discard --all --kind hotspot: %+v", got)
	}
	for _, args := range [][]string{{}, {"--all"}, {"3", "--all", "--kind", "todo"}, {"--kind", "todo"}, {"x"}, {"--all", "--kind", "todos"}} {
		got = nil
		err := runCmd(t, newDraftsDiscardCmd(f, capture), args...)
		if exitCode(err) != exitUsage || got != nil {
			t.Errorf("discard %q: err %v (exit %d), ran %v; want a usage error", args, err, exitCode(err), got != nil)
		}
	}
}

func TestDraftsDiscardAndRestore(t *testing.T) {
	st := draftStore(t, "todo", "untested", "todo")
	storeF := func() (*store.Store, error) { return st, nil }
	ios, out, _ := testIO(nil)
	err := runDraftsDiscard(t.Context(), &draftsDiscardOptions{IO: ios, Store: storeF, All: true,
		Selection: selection{AllRepos: true, State: store.DraftPending, Kind: "todo"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Discarded draft 1: About todo\nDiscarded draft 3: About todo\n"; out.String() != want {
		t.Errorf("discard --all --kind todo printed %q, want %q", out, want)
	}
	ios, out, errOut := testIO(nil)
	err = runDraftsRestore(t.Context(), &draftsRestoreOptions{IO: ios, Store: storeF, IDs: []uint64{1, 2}})
	if err == nil || err.Error() != "1 of 2 drafts not restored (see above)" {
		t.Errorf("restore 1 2: %v", err)
	}
	if !strings.Contains(out.String(), "Restored draft 1: About todo") || !strings.Contains(errOut.String(), "draft 2 is pending, not discarded") {
		t.Errorf("restore 1 2 printed %q and %q", out, errOut)
	}
}

func discardForTest(st *store.Store, id uint64) (store.Draft, error) {
	var d store.Draft
	err := st.Update(func(tx *store.Tx) (err error) {
		if d, err = tx.Draft(id); err != nil {
			return err
		}
		d.State = store.DraftDiscarded
		d, err = tx.PutDraft(d)
		return err
	})
	return d, err
}

func TestDraftIDs(t *testing.T) {
	ids, err := draftIDs([]string{"3", "#5", "3", "5", "7"})
	if err != nil || !slices.Equal(ids, []uint64{3, 5, 7}) {
		t.Errorf("draftIDs = %v, %v; want [3 5 7]", ids, err)
	}
	for _, bad := range []string{"0", "x", "-1", "#"} {
		if _, err := draftIDs([]string{bad}); err == nil {
			t.Errorf("draftIDs(%q) accepted it", bad)
		}
	}
}
