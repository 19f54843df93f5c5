package store

import (
	"testing"
	"time"
)

// An issue found on GitHub after a restore marks the pending draft of its
// finding published, and a draft made later for it starts out published.
func TestRecordedPublicationMarksDrafts(t *testing.T) {
	s, _ := newStore(t)
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutRepo(Repo{ID: "r", Path: "/r", Enrolled: true}); err != nil {
			return err
		}
		_, err := tx.PutDraft(Draft{RepoID: "r", Fingerprints: []string{"todo:a"}, Title: "a", State: DraftPending})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *Tx) error {
		marked, err := tx.RecordPublication("r", "todo:a", Publication{Issue: 7, URL: "https://github.com/o/n/issues/7"})
		if err != nil {
			return err
		}
		if len(marked) != 1 || marked[0].State != DraftPublished || marked[0].Issue != 7 {
			t.Errorf("marked = %+v", marked)
		}
		if _, err := tx.RecordPublication("r", "todo:b", Publication{Issue: 8}); err != nil {
			return err
		}
		// The reconcile after the restore drafts todo:b again.
		d, err := tx.PutDraft(Draft{RepoID: "r", Fingerprints: []string{"todo:b"}, Title: "b", State: DraftPending})
		if err != nil {
			return err
		}
		if d.State != DraftPublished || d.Issue != 8 || d.Note == "" {
			t.Errorf("new draft = %+v, want published as #8", d)
		}
		// Unrelated drafts are untouched.
		d, err = tx.PutDraft(Draft{RepoID: "r", Fingerprints: []string{"todo:c"}, Title: "c", State: DraftPending})
		if d.State != DraftPending {
			t.Errorf("unrelated draft = %s", d.State)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRestoredFrom(t *testing.T) {
	s, _ := newStore(t)
	at := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	if err := s.Update(func(tx *Tx) error { return tx.SetRestoredFrom(at) }); err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(tx *Tx) error {
		if got := tx.RestoredFrom(); !got.Equal(at) {
			t.Errorf("restored from = %v", got)
		}
		return nil
	})
	if err := s.Update(func(tx *Tx) error { return tx.SetRestoredFrom(time.Time{}) }); err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(tx *Tx) error {
		if got := tx.RestoredFrom(); !got.IsZero() {
			t.Errorf("not cleared: %v", got)
		}
		return nil
	})
}
