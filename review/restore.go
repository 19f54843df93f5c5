package review

import (
	"fmt"

	"github.com/ticket-master/ticket-master/store"
)

// Restore undoes a discard: the draft is pending again, as long as one of
// its findings is still open (a draft about something already fixed would
// be stale).
func Restore(st *store.Store, id uint64) (store.Draft, error) {
	var d store.Draft
	err := st.Update(func(tx *store.Tx) error {
		cur, err := tx.Draft(id)
		if err != nil {
			return err
		}
		if cur.State != store.DraftDiscarded {
			return fmt.Errorf("draft %d is %s, not discarded: only discarded drafts can be restored", id, cur.State)
		}
		open := false
		for _, fp := range cur.Fingerprints {
			f, ok, err := tx.Finding(cur.RepoID, fp)
			if err != nil {
				return err
			}
			open = open || (ok && f.Status == store.FindingOpen)
		}
		if !open {
			return fmt.Errorf("draft %d is about something resolved since it was discarded: nothing to restore", id)
		}
		cur.State = store.DraftPending
		d, err = tx.PutDraft(cur)
		return err
	})
	return d, err
}
