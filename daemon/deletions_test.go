package daemon

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/store"
)

// A run killed after it stored the batch of a commit that deleted a file,
// before it looked for the file at the branch tips: the next run analyses
// that commit no more, yet the TODO of the deleted file is resolved and its
// draft withdrawn (a pending draft about a file that no longer exists is
// a bug).
func TestDeletionStoredBeforeAKillResolvesItsFindings(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, todoOnly())
	c1 := r.commit("todo", map[string]string{"a.go": "package a\n\n// TODO: cache the parsed templates between requests\nfunc A() {}\n"})
	reconcile(t, rc, id)
	if ds := drafts(t, rc, store.DraftPending); len(ds) != 1 {
		t.Fatalf("drafts = %+v", ds)
	}
	c2 := r.commit("delete", map[string]string{"a.go": ""})
	// What the killed run stored: the commit, analysed, and nothing else.
	applyResults(t, rc, id, analyze.Result{
		Commit: analyze.Commit{Hash: c2, Parents: []string{c1}, Subject: "delete"},
		Moved:  map[string]string{"a.go": ""},
	})

	sum := reconcile(t, rc, id)
	if sum.Commits != 0 {
		t.Errorf("the next run analysed %d commits again", sum.Commits)
	}
	if ds := drafts(t, rc, store.DraftPending); len(ds) != 0 {
		t.Errorf("pending drafts after the file was deleted: %+v", ds)
	}
	if open := findings(t, rc, id, store.FindingOpen); len(open) != 0 {
		t.Errorf("open findings after the file was deleted: %+v", open)
	}
	var waiting []string
	if err := rc.Store.View(func(tx *store.Tx) error { _, err := tx.Cache(id, cacheDeleted, &waiting); return err }); err != nil || len(waiting) != 0 {
		t.Errorf("deleted files still waiting after they were looked for: %v (%v)", waiting, err)
	}
}
