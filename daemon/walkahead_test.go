package daemon

import (
	"context"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/store"
)

// A walk started before the repository is registered lists the commits
// at the tips it was started at: a commit made meanwhile is the next
// reconcile's, not the backfill's.
func TestBackfillWalkTakesTheCommitsAtItsTips(t *testing.T) {
	r := newGitRepo(t)
	r.commit("one", map[string]string{"a.go": "package a\n\n// TODO: retry the upload when the server answers 503\nfunc A() {}\n"})
	r.commit("two", map[string]string{"b.go": "package a\n\n// TODO: close the pack file on the error path\nfunc B() {}\n"})
	cfg := config.Defaults()
	ctx := context.Background()
	repo, err := analyze.Open(ctx, r.dir)
	if err != nil {
		t.Fatal(err)
	}
	tips, err := repo.Tips(ctx, cfg.Branches)
	if err != nil {
		t.Fatal(err)
	}
	w := StartWalk(ctx, repo, tips, 10)
	rc, id := enrolled(t, r, cfg)
	r.commit("three", map[string]string{"c.go": "package a\n\n// TODO: cache the parsed index between calls\nfunc C() {}\n"})

	sum, err := rc.BackfillWalk(ctx, id, w)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Commits != 2 {
		t.Errorf("backfill analysed %d commits, want the 2 the walk listed", sum.Commits)
	}
	if got := len(todoDrafts(t, rc, store.DraftPending)); got != 2 {
		t.Errorf("%d TODO drafts, want the 2 notes of the walked commits", got)
	}

	// The same backfill without a walk started ahead reads the tips now.
	rc2, id2 := enrolled(t, r, cfg)
	sum, err = rc2.Backfill(ctx, id2, 10)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Commits != 3 {
		t.Errorf("Backfill analysed %d commits, want all 3", sum.Commits)
	}
}
