package daemon

import (
	"slices"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/store"
)

// cacheDeleted names the store's record of the files analysed commits
// deleted that followCode has not yet looked for at the branch tips.
const cacheDeleted = "deleted-files"

// recordDeletions adds the files a batch's commits deleted to those
// waiting for followCode, in the batch's transaction: a run killed after
// the batch was stored, or one that stops with a backlog, leaves them for
// the next one, which does not analyse those commits again. Kept in memory
// only, they were lost with the run, and findings about deleted files
// stayed open (and their drafts pending) for good.
func recordDeletions(tx *store.Tx, repoID string, batch []analyze.Result) error {
	var gone []string
	for _, res := range batch {
		for from, to := range res.Moved {
			if to == "" {
				gone = append(gone, from)
			}
		}
	}
	if len(gone) == 0 {
		return nil
	}
	var waiting []string
	if _, err := tx.Cache(repoID, cacheDeleted, &waiting); err != nil {
		return err
	}
	waiting = append(waiting, gone...)
	slices.Sort(waiting)
	return tx.PutCache(repoID, cacheDeleted, slices.Compact(waiting))
}

// takeDeletions adds the deleted files waiting for followCode to deleted
// (which it may change) and returns the function that forgets them once
// followCode has looked for them.
func (rc *Reconciler) takeDeletions(repoID string, deleted map[string]bool) (map[string]bool, func() error, error) {
	var waiting []string
	err := rc.Store.View(func(tx *store.Tx) error {
		_, err := tx.Cache(repoID, cacheDeleted, &waiting)
		return err
	})
	if err != nil || len(waiting) == 0 {
		return deleted, func() error { return nil }, err
	}
	if deleted == nil {
		deleted = map[string]bool{}
	}
	for _, p := range waiting {
		deleted[p] = true
	}
	done := func() error {
		return rc.Store.Update(func(tx *store.Tx) error {
			// Only those looked for: another run may have added more.
			var now []string
			if _, err := tx.Cache(repoID, cacheDeleted, &now); err != nil {
				return err
			}
			now = slices.DeleteFunc(now, func(p string) bool { return slices.Contains(waiting, p) })
			return tx.PutCache(repoID, cacheDeleted, now)
		})
	}
	return deleted, done, nil
}
