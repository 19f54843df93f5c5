package daemon

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/detectors"
	"github.com/ticket-master/ticket-master/analyze/hotspot"
	"github.com/ticket-master/ticket-master/analyze/todo"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// batchSize is how many commits' results go into one transaction: large
// enough that a backfill is not bound by fsync, small enough that a crash
// loses little work and the CLI never waits long for the lock.
const batchSize = 200

// Reconciler brings a repository's findings and drafts up to date with its
// refs. Every trigger (hook, file event, timer, start-up) leads here, and the
// result depends only on the refs and the store, so a missed trigger or a
// crash loses nothing: the next reconcile catches up. It is the one
// pipeline: `analyze` runs it against a throwaway store, so that what it
// shows is exactly what the daemon would queue.
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
	// Dropped counts findings whose claims git contradicted: never queued.
	Dropped int `json:"dropped"`
	// Backlog is how many new commits are left for the next reconcile
	// (more arrived than analysis.max_new_commits allows at once).
	Backlog int `json:"backlog"`
	// Skipped counts files the diff reader left out (binary, too long).
	Skipped int `json:"skipped_files"`
	// Unreadable counts commits git could not diff (an object missing
	// from the repository): recorded as analysed, with nothing found.
	Unreadable int `json:"unreadable_commits,omitempty"`
	// What the repository holds afterwards: open findings, pending drafts,
	// and open findings waiting for room in the draft budget.
	Open    int `json:"open_findings"`
	Pending int `json:"pending_drafts"`
	Waiting int `json:"waiting"`
}

// totals fills in what the repository holds now.
func (rc *Reconciler) totals(repoID string, sum *Summary) error {
	return rc.Store.View(func(tx *store.Tx) error {
		t, err := Totals(tx, repoID)
		sum.Open, sum.Pending, sum.Waiting = t.Open, t.Pending, t.Waiting
		return err
	})
}

// plan is what one repository's analysis runs with: its settings (the
// repository's .ticket-master.yaml and the user's config, layered) turned
// into detector options.
type plan struct {
	settings   *config.Effective
	run        detectors.Run
	limits     analyze.DiffLimits
	todo       todo.Options
	diffReview bool // queue new commits for the model's diff review
}

// planFor reads the repository's settings afresh, from the
// .ticket-master.yaml committed at commit (the newest commit analysed): a
// team member may have just committed a change to it, and what the daemon
// does depends on history alone, never on the working tree (an uncommitted
// edit, or a link there to /dev/zero). An invalid file, a link or a file
// over 64 KiB fails the reconcile with its line numbers rather than being
// half applied. An empty commit means no repository settings.
func (rc *Reconciler) planFor(ctx context.Context, repo *analyze.Repo, commit string) (plan, error) {
	return planFor(ctx, rc.Config, repo, commit)
}

func planFor(ctx context.Context, cfg config.Config, repo *analyze.Repo, commit string) (plan, error) {
	var team config.RepoSettings
	if commit != "" {
		var err error
		if team, err = repo.LoadRepoSettingsAt(ctx, commit); err != nil {
			return plan{}, err
		}
	}
	eff := cfg.ForRepo(repo.Path, team)
	ignore, err := config.NewMatcher(eff.Ignore)
	if err != nil {
		return plan{}, err
	}
	return plan{
		settings:   &eff,
		run:        detectors.Run{Settings: &eff, Ignore: ignore.Match},
		limits:     analyze.DiffLimits{MaxFileLines: cfg.Analysis.MaxFileLines},
		todo:       todo.Options{Words: eff.TODO.Words, WordLabels: eff.TODO.Labels},
		diffReview: eff.On("llm_review") && cfg.LLM.Enabled(),
	}, nil
}

// planForTips is planFor at the newest tip of the repository's watched
// branches, for work outside a reconcile (the model's drafts and reviews).
func planForTips(ctx context.Context, cfg config.Config, rec store.Repo) (plan, error) {
	repo, err := analyze.Open(ctx, rec.Path)
	if err != nil {
		return plan{}, err
	}
	tips, err := repo.Tips(ctx, rec.Branches)
	if err != nil {
		return plan{}, err
	}
	tip, err := repo.NewestCommit(ctx, analyze.SortedTips(tips))
	if err != nil {
		return plan{}, err
	}
	return planFor(ctx, cfg, repo, tip)
}

// newestOf is the commit with the latest commit date among commits, the
// last of them on a tie (they come oldest first).
func newestOf(commits []analyze.Commit) string {
	newest := ""
	var at time.Time
	for _, c := range commits {
		if newest == "" || !c.Time.Before(at) {
			newest, at = c.Hash, c.Time
		}
	}
	return newest
}

func (p plan) hotspotOptions() hotspot.Options {
	return hotspot.OptionsFrom(p.settings)
}

// Reconcile analyses the commits that are new since the last reconcile,
// oldest first. At most analysis.max_new_commits of them are analysed in
// one call (a pull of thousands must not hold the repository for long);
// the rest are the backlog (Summary.Backlog), which the next calls take
// up where this one stopped: the recorded tips move on only once the
// backlog is empty, and commits already analysed are skipped, so nothing
// is lost and nothing is analysed twice.
func (rc *Reconciler) Reconcile(ctx context.Context, repoID string) (Summary, error) {
	sum := Summary{RepoID: repoID}
	if err := rc.checkHold(repoID); err != nil {
		return sum, err // a TICKET_MASTER=0 command is at work: see hold.go
	}
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
	if inProgress(rec.GitDir) {
		return sum, ErrInProgress
	}
	repo, tips, err := rc.openAndTips(ctx, rec)
	if err != nil {
		return sum, rc.recordHealth(repoID, err)
	}
	commits, err := repo.NewCommits(ctx, analyze.SortedTips(tips), analyze.SortedTips(boundary), 0)
	if err != nil {
		return sum, rc.recordHealth(repoID, err)
	}
	todo, err := rc.notAnalysed(rec.ID, commits)
	if err != nil {
		return sum, err
	}
	if max := rc.Config.Analysis.MaxNewCommits; max > 0 && len(todo) > max {
		sum.Backlog = len(todo) - max
		todo = todo[:max]
	}
	deleted, err := rc.analyze(ctx, repo, rec, todo, &sum, nil)
	if err != nil {
		return sum, rc.recordHealth(repoID, err)
	}
	if sum.Backlog == 0 {
		scope := followScope{manifests: slices.ContainsFunc(todo, func(c analyze.Commit) bool { return len(c.Parents) > 1 }), walked: commits}
		if err := rc.followCode(ctx, repo, rec, deleted, boundary, tips, scope, &sum); err != nil {
			return sum, rc.recordHealth(repoID, err)
		}
	}
	quiet := sum.Commits == 0 && sum.Resolved == 0 && sum.NewDrafts == 0 && sum.Withdrawn == 0 &&
		sum.Backlog == rec.Backlog && rec.LastError == "" && !rec.LastReconcile.IsZero() && sameTips(boundary, tips)
	if quiet {
		// Nothing changed: the database is left as it is, so that the
		// hourly backup is not rewritten for a reconcile that found nothing
		// (the daemon tells status when it last ran).
		return sum, rc.totals(repoID, &sum)
	}
	err = rc.Store.Update(func(tx *store.Tx) error {
		cur, err := tx.Repo(repoID)
		if err != nil {
			return err
		}
		cur.LastReconcile, cur.LastError, cur.Backlog = tx.Now(), "", sum.Backlog
		if err := tx.PutRepo(cur); err != nil {
			return err
		}
		if sum.Backlog > 0 {
			return nil // the tips move on once the backlog is done
		}
		return tx.SetTips(repoID, tips)
	})
	if err != nil {
		return sum, err
	}
	return sum, rc.totals(repoID, &sum)
}

// Backfill analyses the last n commits of the watched branches, for
// `enroll --backfill N` and `analyze --last N`; commits already analysed
// are skipped.
func (rc *Reconciler) Backfill(ctx context.Context, repoID string, n int) (Summary, error) {
	return rc.history(ctx, repoID, func(rec store.Repo) (*Walk, error) {
		repo, tips, err := rc.openAndTips(ctx, rec)
		if err != nil {
			return nil, err
		}
		return StartWalk(ctx, repo, tips, n), nil
	})
}

// Since analyses the commits of the watched branches after rev, for
// `analyze --since REV`.
func (rc *Reconciler) Since(ctx context.Context, repoID, rev string) (Summary, error) {
	return rc.history(ctx, repoID, func(rec store.Repo) (*Walk, error) {
		repo, tips, err := rc.openAndTips(ctx, rec)
		if err != nil {
			return nil, err
		}
		return startWalk(repo, tips, func() ([]analyze.Commit, error) {
			base, err := repo.ResolveRevision(ctx, rev)
			if err != nil {
				return nil, err
			}
			return repo.NewCommits(ctx, analyze.SortedTips(tips), []string{base}, 0)
		}), nil
	})
}

// history analyses the commits the walk start starts lists, then lets
// findings follow the code to the tips the walk started at.
func (rc *Reconciler) history(ctx context.Context, repoID string, start func(store.Repo) (*Walk, error)) (Summary, error) {
	sum := Summary{RepoID: repoID}
	var rec store.Repo
	err := rc.Store.View(func(tx *store.Tx) (err error) {
		rec, err = tx.Repo(repoID)
		return err
	})
	if err != nil {
		return sum, err
	}
	w, err := start(rec)
	if err != nil {
		return sum, err
	}
	repo, tips := w.repo, w.tips
	ahead := rc.planAhead(ctx, repo, tips) // while git walks: see planahead.go
	commits, err := w.wait()
	if err != nil {
		return sum, err
	}
	// Following the code at the tips reads through the analysis' own
	// git cat-file readers, warm (analyze.Repo.KeepReaders): a fresh one
	// takes git 5-10 ms to set up, and its cache of delta bases starts
	// empty.
	repo.KeepReaders(2)
	defer repo.CloseKept()
	todo, err := rc.notAnalysed(rec.ID, commits)
	if err != nil {
		return sum, err
	}
	deleted, err := rc.analyze(ctx, repo, rec, todo, &sum, ahead)
	if err != nil {
		return sum, err
	}
	if err := rc.followCode(ctx, repo, rec, deleted, nil, tips, followScope{everyFile: true, manifests: true, walked: commits}, &sum); err != nil {
		return sum, err
	}
	return sum, rc.totals(repoID, &sum)
}

// notAnalysed keeps the commits the store has not seen analysed (or
// recorded as skipped).
func (rc *Reconciler) notAnalysed(repoID string, commits []analyze.Commit) ([]analyze.Commit, error) {
	var todo []analyze.Commit
	err := rc.Store.View(func(tx *store.Tx) error {
		analysed := tx.AnalysedOf(repoID)
		for _, c := range commits {
			if !analysed(c.Hash) {
				todo = append(todo, c)
			}
		}
		return nil
	})
	return todo, err
}

func (rc *Reconciler) openAndTips(ctx context.Context, rec store.Repo) (*analyze.Repo, map[string]string, error) {
	repo, err := analyze.Open(ctx, rec.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s (moved or deleted? run `ticket-master enroll NEW-PATH` where it is now, or `ticket-master unenroll %s`): %w", rec.Path, rec.Path, err)
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

// analyze runs the detectors over commits (oldest first), checks what they
// claim against git, and writes the results, one transaction per batch.
// The store is never held while git walks and diffs: a batch's results are
// collected and checked first, then written. It returns the paths the
// commits deleted, for followCode.
// ahead, when not nil, may hold the plan already read (planAhead).
func (rc *Reconciler) analyze(ctx context.Context, repo *analyze.Repo, rec store.Repo, todo []analyze.Commit, sum *Summary, ahead <-chan plannedAt) (map[string]bool, error) {
	deleted := map[string]bool{}
	if len(todo) == 0 {
		return deleted, nil
	}
	workers, pace := 0, analyze.PaceFunc(nil) // one worker per P
	if len(todo) > batchGCMinCount {
		defer batchGC.enter()() // see batchgc.go
		workers, pace = batchGC.workers(), batchGC.pace
		// Each batch reads the findings and drafts the last one left.
		defer rc.Store.ReuseDecoded()()
	}
	p, err := rc.planOf(ctx, repo, newestOf(todo), ahead)
	if err != nil {
		return nil, err
	}
	prep := newPreparer(ctx, repo, p, todo)
	defer prep.Close()
	w := &writer{rec: rec, target: rec.GitHubRepo(), plan: p, sum: sum}
	// Hotspots are found over the window at the end of each batch, and
	// checked like any commit's findings, on the writer's goroutine.
	aside := prep.aside()
	hotspots := func(touches []analyze.FileTouch) []finding.Finding {
		return aside.check(hotspot.Detect(touches, p.hotspotOptions()))
	}
	done := 0
	store1 := func(b resultBatch) error {
		// A command run with TICKET_MASTER=0 may have moved the refs
		// after this reconcile read them: its hold stops the batch before
		// anything is written, and its commits are recorded as skipped
		// (see hold.go).
		if err := rc.checkHold(rec.ID); err != nil {
			return err
		}
		if err := rc.Store.Update(func(tx *store.Tx) error {
			if err := w.apply(tx, b.results, hotspots); err != nil {
				return err
			}
			checks, dropped := aside.take()
			checks.merge(b.checks)
			b.dropped += dropped
			return recordChecks(tx, rec.ID, checks)
		}); err != nil {
			return err
		}
		sum.Dropped += b.dropped
		done += len(b.results)
		sum.Commits += len(b.results)
		if rc.Progress != nil {
			rc.Progress(done, len(todo))
		}
		return nil
	}
	bw := startBatchWriter(store1)
	var batch []analyze.Result
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		b := resultBatch{results: batch, checks: prep.takeChecks(), dropped: prep.dropped}
		prep.dropped = 0
		batch = nil // the writer has that one
		return bw.write(b)
	}
	// The detectors run on several commits at once, while this goroutine
	// prepares the results in order and the writer stores them, a batch
	// at a time.
	err = repo.AnalyzeConcurrently(ctx, todo, p.limits, workers, prep.detect, pace, func(res analyze.Result) error {
		res = prep.prepare(ctx, res)
		sum.Skipped += len(res.Skipped)
		if res.Unreadable != "" {
			sum.Unreadable++
		}
		for from, to := range res.Moved {
			if to == "" {
				deleted[from] = true
			}
		}
		batch = append(batch, res)
		if len(batch) >= batchSize {
			return flush()
		}
		return ctx.Err()
	})
	if err == nil {
		err = flush()
	}
	// Whatever stopped the analysis, no batch is written after this
	// returns.
	if werr := bw.close(); err == nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	return deleted, nil
}

// sameTips reports whether two sets of ref tips are the same.
func sameTips(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for ref, h := range a {
		if b[ref] != h {
			return false
		}
	}
	return true
}
