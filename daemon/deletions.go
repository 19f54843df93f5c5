package daemon

import (
	"maps"
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
//
// A file renamed away is waiting too, with where it went (cacheRenamed):
// a finding made on its old path after the rename was followed, by a
// commit of a branch that still had it, carries on at the new path once
// that branch is merged and gone (pallets/flask-sqlalchemy: a 2.x commit
// changed flask_sqlalchemy/model.py after master moved it to src/, and
// its finding stayed at the old path).
func recordDeletions(tx *store.Tx, repoID string, batch []analyze.Result) error {
	var gone []string
	renamed, at := map[string]string{}, map[string]string{}
	for _, res := range batch {
		for from, to := range res.Moved {
			gone = append(gone, from)
			if to != "" {
				renamed[from], at[from] = to, res.Commit.Hash
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
	if err := tx.PutCache(repoID, cacheDeleted, slices.Compact(waiting)); err != nil {
		return err
	}
	if len(renamed) == 0 {
		return nil
	}
	for _, c := range []struct {
		name string
		add  map[string]string
	}{{cacheRenamed, renamed}, {cacheRenamedAt, at}} {
		known := map[string]string{}
		if _, err := tx.Cache(repoID, c.name, &known); err != nil {
			return err
		}
		maps.Copy(known, c.add)
		if err := tx.PutCache(repoID, c.name, known); err != nil {
			return err
		}
	}
	return nil
}

// cacheRenamed names the store's record of where the files waiting in
// cacheDeleted that were renamed went; cacheRenamedAt, by which commit (a
// store written before it was kept has none: the rename is then followed
// whatever came before it).
const (
	cacheRenamed   = "renamed-files"
	cacheRenamedAt = "renamed-files-at"
)

// rename is where a file went, and the commit that moved it there.
type rename struct{ to, commit string }

// takeDeletions adds the deleted files waiting for followCode to deleted
// (which it may change), returns where the renamed ones went, and the
// function that forgets them once followCode has looked for them.
func (rc *Reconciler) takeDeletions(repoID string, deleted map[string]bool) (map[string]bool, map[string]rename, func() error, error) {
	var waiting []string
	renamed, at := map[string]string{}, map[string]string{}
	err := rc.Store.View(func(tx *store.Tx) error {
		if _, err := tx.Cache(repoID, cacheDeleted, &waiting); err != nil {
			return err
		}
		if _, err := tx.Cache(repoID, cacheRenamed, &renamed); err != nil {
			return err
		}
		_, err := tx.Cache(repoID, cacheRenamedAt, &at)
		return err
	})
	moves := map[string]rename{}
	for from, to := range renamed {
		moves[from] = rename{to: to, commit: at[from]}
	}
	if err != nil || len(waiting) == 0 {
		return deleted, moves, func() error { return nil }, err
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
			if err := tx.PutCache(repoID, cacheDeleted, now); err != nil {
				return err
			}
			left, leftAt := map[string]string{}, map[string]string{}
			if _, err := tx.Cache(repoID, cacheRenamed, &left); err != nil {
				return err
			}
			if _, err := tx.Cache(repoID, cacheRenamedAt, &leftAt); err != nil {
				return err
			}
			maps.DeleteFunc(left, func(p, to string) bool { return slices.Contains(waiting, p) && renamed[p] == to })
			maps.DeleteFunc(leftAt, func(p, c string) bool { _, kept := left[p]; return !kept && at[p] == c })
			if err := tx.PutCache(repoID, cacheRenamed, left); err != nil {
				return err
			}
			return tx.PutCache(repoID, cacheRenamedAt, leftAt)
		})
	}
	return deleted, moves, done, nil
}
