package store

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestMarkSkipped(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "tm.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *Tx) error {
		if err := tx.PutRepo(Repo{ID: "r1", Path: "/r1", Enrolled: true}); err != nil {
			return err
		}
		return tx.MarkAnalysed("r1", "aaa")
	})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	err = st.Update(func(tx *Tx) (err error) {
		n, err = tx.MarkSkipped("r1", "aaa", "bbb", "ccc", "bbb")
		return err
	})
	if err != nil || n != 2 {
		t.Fatalf("MarkSkipped: %d, %v; want 2 newly marked", n, err)
	}
	err = st.View(func(tx *Tx) error {
		for h, want := range map[string]bool{"aaa": false, "bbb": true, "ccc": true, "ddd": false} {
			if got := tx.Skipped("r1", h); got != want {
				t.Errorf("Skipped(%s) = %v, want %v", h, got, want)
			}
			// Skipped is analysed: no reconcile looks at it again.
			if got := tx.Analysed("r1", h); got != (h != "ddd") {
				t.Errorf("Analysed(%s) = %v", h, got)
			}
			if got := tx.AnalysedOf("r1")(h); got != (h != "ddd") {
				t.Errorf("AnalysedOf(r1)(%s) = %v", h, got)
			}
		}
		if c := tx.AnalysedCount("r1"); c != 3 {
			t.Errorf("AnalysedCount = %d, want 3", c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *Tx) error {
		_, err := tx.MarkSkipped("nope", "aaa")
		return err
	})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("MarkSkipped of an unknown repository: %v", err)
	}
}
