package review

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

func TestRestoreUndoesADiscard(t *testing.T) {
	f := newFixture(t, "retry uploads", "escape names")
	if _, err := Discard(f.st, 1); err != nil {
		t.Fatal(err)
	}
	d, err := Restore(f.st, 1)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != store.DraftPending || f.draft(t, 1).State != store.DraftPending {
		t.Errorf("restored draft is %s, want pending", f.draft(t, 1).State)
	}
	// Only a discarded draft can be restored.
	if _, err := Restore(f.st, 2); err == nil || !strings.Contains(err.Error(), "is pending, not discarded") {
		t.Errorf("restoring a pending draft: %v", err)
	}
}

func TestRestoreRefusesAResolvedFinding(t *testing.T) {
	f := newFixture(t, "retry uploads")
	if _, err := Discard(f.st, 1); err != nil {
		t.Fatal(err)
	}
	fp := f.draft(t, 1).Fingerprint()
	err := f.st.Update(func(tx *store.Tx) error {
		return tx.PutFinding("r1", store.Finding{Finding: finding.Finding{Fingerprint: fp}, Status: store.FindingResolved})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(f.st, 1); err == nil || !strings.Contains(err.Error(), "resolved since it was discarded") {
		t.Errorf("restoring a draft whose finding was resolved: %v", err)
	}
	if got := f.draft(t, 1).State; got != store.DraftDiscarded {
		t.Errorf("state after a refused restore: %s", got)
	}
}
