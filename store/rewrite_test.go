package store

import (
	"errors"
	"testing"
)

// RewriteDraft changes a draft's record and nothing else: the finding a
// later draft took over still points to that one.
func TestRewriteDraftLeavesTheIndex(t *testing.T) {
	s, _ := newStore(t)
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutRepo(Repo{ID: "r1", Path: "/p"}); err != nil {
			return err
		}
		first, err := tx.PutDraft(Draft{RepoID: "r1", Fingerprints: []string{"digest:x", "todo:a.go:1"}, Title: "old", State: DraftPending})
		if err != nil {
			return err
		}
		second, err := tx.PutDraft(Draft{RepoID: "r1", Fingerprints: []string{"todo:a.go:1"}, Title: "own", State: DraftPending})
		if err != nil {
			return err
		}
		first.Title, first.Body = "new", "body"
		if err := tx.RewriteDraft(first); err != nil {
			return err
		}
		if d, err := tx.Draft(first.ID); err != nil || d.Title != "new" || d.Body != "body" {
			t.Errorf("draft %d after its rewrite = %+v, %v", first.ID, d, err)
		}
		for fp, want := range map[string]uint64{"todo:a.go:1": second.ID, "digest:x": first.ID} {
			if id, ok, err := tx.DraftIDForFinding("r1", fp); err != nil || !ok || id != want {
				t.Errorf("%s points to draft %d (%v, %v), want %d", fp, id, ok, err, want)
			}
			if d, ok, err := tx.DraftForFinding("r1", fp); err != nil || !ok || d.ID != want {
				t.Errorf("draft for %s = %d (%v, %v), want %d", fp, d.ID, ok, err, want)
			}
		}
		if _, ok, err := tx.DraftIDForFinding("r1", "todo:b.go:1"); ok || err != nil {
			t.Errorf("a finding without a draft points to one (%v, %v)", ok, err)
		}
		for _, id := range []uint64{0, second.ID + 1} {
			if err := tx.RewriteDraft(Draft{ID: id, RepoID: "r1"}); !errors.Is(err, ErrNotFound) {
				t.Errorf("rewriting draft %d, which is not stored: %v, want ErrNotFound", id, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
