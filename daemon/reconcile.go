package daemon

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/daemon/analyze"
	"github.com/ticket-master/ticket-master/daemon/draft"
	"github.com/ticket-master/ticket-master/store"
)

// batchSize is how many commits' results go into one transaction: large
// enough that a backfill is not bound by fsync, small enough that a crash
// loses little work and the CLI never waits long for the lock.
const batchSize = 200

// Reconciler brings a repository's findings and drafts up to date with its
// refs. Every trigger (hook, file event, timer, start-up) leads here, and the
// result depends only on the refs and the store, so a missed trigger or a
// crash loses nothing: the next reconcile catches up.
type Reconciler struct {
	Store  *store.Store
	Config config.Config
	// Progress, when set, is told how many of the commits found are done.
	Progress func(done, total int)
}

// Summary reports what one reconcile did.
type Summary struct {
	RepoID    string `json:"repo_id"`
	Commits   int    `json:"commits"`
	Findings  int    `json:"findings"`
	Resolved  int    `json:"resolved"`
	NewDrafts int    `json:"new_drafts"`
	Withdrawn int    `json:"withdrawn"`
}

func (rc *Reconciler) analyzeOptions() analyze.Options {
	return analyze.Options{
		TODO:   analyze.TODOOptions{Words: rc.Config.TODO.Words, WordLabels: rc.Config.TODO.Labels},
		Limits: analyze.DiffLimits{MaxFileLines: rc.Config.Analysis.MaxFileLines},
	}
}

// Reconcile analyses the commits that are new since the last reconcile.
func (rc *Reconciler) Reconcile(ctx context.Context, repoID string) (Summary, error) {
	sum := Summary{RepoID: repoID}
	var rec store.Repo
	var boundary map[string]string
	err := rc.Store.View(func(tx *store.Tx) error {
		var err error
		if rec, err = tx.Repo(repoID); err != nil {
			return err
		}
		boundary, err = tx.Tips(repoID)
		return err
	})
	if err != nil {
		return sum, err
	}
	if !rec.Enrolled {
		return sum, nil
	}
	repo, tips, err := rc.openAndTips(ctx, rec)
	if err != nil {
		return sum, rc.recordHealth(repoID, err)
	}
	commits, err := repo.NewCommits(ctx, analyze.SortedTips(tips), analyze.SortedTips(boundary), rc.Config.Analysis.MaxNewCommits)
	if err != nil {
		return sum, rc.recordHealth(repoID, err)
	}
	if err := rc.analyze(ctx, repo, rec, commits, &sum); err != nil {
		return sum, rc.recordHealth(repoID, err)
	}
	err = rc.Store.Update(func(tx *store.Tx) error {
		cur, err := tx.Repo(repoID)
		if err != nil {
			return err
		}
		cur.LastReconcile, cur.LastError = tx.Now(), ""
		if err := tx.PutRepo(cur); err != nil {
			return err
		}
		return tx.SetTips(repoID, tips)
	})
	return sum, err
}

// Backfill analyses the last n commits of the watched branches, for
// `enroll --backfill N`; commits already analysed are skipped.
func (rc *Reconciler) Backfill(ctx context.Context, repoID string, n int) (Summary, error) {
	sum := Summary{RepoID: repoID}
	var rec store.Repo
	err := rc.Store.View(func(tx *store.Tx) (err error) {
		rec, err = tx.Repo(repoID)
		return err
	})
	if err != nil {
		return sum, err
	}
	repo, tips, err := rc.openAndTips(ctx, rec)
	if err != nil {
		return sum, err
	}
	commits, err := repo.RecentCommits(ctx, analyze.SortedTips(tips), n)
	if err != nil {
		return sum, err
	}
	return sum, rc.analyze(ctx, repo, rec, commits, &sum)
}

func (rc *Reconciler) openAndTips(ctx context.Context, rec store.Repo) (*analyze.Repo, map[string]string, error) {
	repo, err := analyze.Open(ctx, rec.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s (moved or deleted? run `ticket-master unenroll %s`): %w", rec.Path, rec.Path, err)
	}
	tips, err := repo.Tips(ctx, rec.Branches)
	if err != nil {
		return nil, nil, err
	}
	return repo, tips, nil
}

// recordHealth stores the error of a failed reconcile for `status`, and
// returns it.
func (rc *Reconciler) recordHealth(repoID string, cause error) error {
	if errors.Is(cause, context.Canceled) {
		return cause
	}
	err := rc.Store.Update(func(tx *store.Tx) error {
		cur, err := tx.Repo(repoID)
		if err != nil {
			return err
		}
		cur.LastReconcile, cur.LastError = tx.Now(), cause.Error()
		return tx.PutRepo(cur)
	})
	return errors.Join(cause, err)
}

// analyze runs the detectors over commits not analysed yet and writes the
// results, one transaction per batch. The store is never held while git
// works: a batch's results are collected first, then written.
func (rc *Reconciler) analyze(ctx context.Context, repo *analyze.Repo, rec store.Repo, commits []analyze.Commit, sum *Summary) error {
	var todo []analyze.Commit
	err := rc.Store.View(func(tx *store.Tx) error {
		for _, c := range commits {
			if !tx.Analysed(rec.ID, c.Hash) {
				todo = append(todo, c)
			}
		}
		return nil
	})
	if err != nil || len(todo) == 0 {
		return err
	}
	target := draft.TargetOf(rec)
	var batch []analyze.Result
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := rc.Store.Update(func(tx *store.Tx) error { return apply(tx, rec, target, batch, sum) })
		if err != nil {
			return err
		}
		sum.Commits += len(batch)
		if rc.Progress != nil {
			rc.Progress(sum.Commits, len(todo))
		}
		batch = batch[:0]
		return nil
	}
	err = repo.Analyze(ctx, todo, rc.analyzeOptions(), func(res analyze.Result) error {
		batch = append(batch, res)
		if len(batch) >= batchSize {
			return flush()
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	return flush()
}

// apply writes a batch of results: findings opened, reopened or resolved,
// their drafts created or withdrawn, and the commits marked as analysed, all
// in one transaction so that a crash leaves either all of it or none.
func apply(tx *store.Tx, rec store.Repo, target draft.Target, batch []analyze.Result, sum *Summary) error {
	// Drafts are numbered in the order their findings were seen: by
	// commit, then by path, as people read a diff.
	var touched []string
	seen := map[string]bool{}
	touch := func(fp string) {
		if !seen[fp] {
			seen[fp] = true
			touched = append(touched, fp)
		}
	}
	for _, res := range batch {
		for _, r := range res.Resolved {
			f, ok, err := tx.Finding(rec.ID, r.Fingerprint)
			if err != nil {
				return err
			}
			if !ok || f.Status != store.FindingOpen {
				continue
			}
			f.Status, f.ResolvedBy, f.ResolvedSubject, f.UpdatedAt = store.FindingResolved, r.Commit, res.Commit.Subject, tx.Now()
			if err := tx.PutFinding(rec.ID, f); err != nil {
				return err
			}
			touch(f.Fingerprint)
			sum.Resolved++
		}
		for _, af := range res.Findings {
			f, ok, err := tx.Finding(rec.ID, af.Fingerprint)
			if err != nil {
				return err
			}
			if ok && f.Status == store.FindingOpen {
				// Seen before, in another commit or a rebased copy of it.
				continue
			}
			nf := toStoreFinding(af, res.Commit, tx.Now())
			if ok {
				nf.FirstSeen = f.FirstSeen
			}
			if err := tx.PutFinding(rec.ID, nf); err != nil {
				return err
			}
			touch(nf.Fingerprint)
			sum.Findings++
		}
		if err := tx.MarkAnalysed(rec.ID, res.Commit.Hash); err != nil {
			return err
		}
	}
	return syncDrafts(tx, rec, target, touched, sum)
}

// syncDrafts gives every open finding a pending draft and withdraws the
// pending drafts of resolved ones. A discarded draft stays discarded: the
// person said no to that finding.
func syncDrafts(tx *store.Tx, rec store.Repo, target draft.Target, fps []string, sum *Summary) error {
	for _, fp := range fps {
		f, ok, err := tx.Finding(rec.ID, fp)
		if err != nil || !ok {
			return err
		}
		d, has, err := tx.DraftForFinding(rec.ID, fp)
		if err != nil {
			return err
		}
		switch {
		case f.Status == store.FindingOpen && (!has || d.State == store.DraftWithdrawn):
			is := draft.Template(target, f)
			d.RepoID, d.Repo, d.Fingerprints = rec.ID, rec.Path, []string{fp}
			d.Title, d.Body, d.Labels = is.Title, is.Body, is.Labels
			d.State, d.DraftedBy = store.DraftPending, draft.TemplateName
			d.Evidence = []store.Evidence{f.Evidence}
			if _, err := tx.PutDraft(d); err != nil {
				return err
			}
			sum.NewDrafts++
		case f.Status == store.FindingResolved && has && d.State == store.DraftPending:
			// A draft that covers several findings (merged duplicates)
			// stays while any of them is open.
			open, err := anyOpen(tx, rec.ID, d.Fingerprints)
			if err != nil {
				return err
			}
			if open {
				continue
			}
			d.State = store.DraftWithdrawn
			if _, err := tx.PutDraft(d); err != nil {
				return err
			}
			sum.Withdrawn++
		}
	}
	return nil
}

func toStoreFinding(f analyze.Finding, c analyze.Commit, now time.Time) store.Finding {
	return store.Finding{
		Fingerprint: f.Fingerprint,
		Kind:        f.Kind,
		Word:        f.Word,
		Text:        f.Text,
		Body:        f.Body,
		Title:       f.Title,
		Items:       f.Items,
		Labels:      f.Labels,
		Evidence: store.Evidence{
			Path:    f.Evidence.Path,
			Line:    f.Evidence.Line,
			EndLine: f.Evidence.EndLine,
			Commit:  f.Evidence.Commit,
			Subject: c.Subject,
			Time:    c.Time,
			Excerpt: f.Evidence.Excerpt,
		},
		Status:    store.FindingOpen,
		FirstSeen: now,
		UpdatedAt: now,
	}
}

func anyOpen(tx *store.Tx, repoID string, fps []string) (bool, error) {
	for _, fp := range fps {
		f, ok, err := tx.Finding(repoID, fp)
		if err != nil {
			return false, err
		}
		if ok && f.Status == store.FindingOpen {
			return true, nil
		}
	}
	return false, nil
}
