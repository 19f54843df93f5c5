package daemon

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
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

// plan is what one repository's analysis runs with: its settings (the
// repository's .ticket-master.yaml and the user's config, layered) turned
// into detector options.
type plan struct {
	settings config.Effective
	opts     analyze.Options
	review   bool // queue new commits for the model's diff review
}

// planFor reads the repository's settings afresh: a team member may have
// just committed a change to .ticket-master.yaml. An invalid file fails the
// reconcile with its line numbers rather than being half applied.
func (rc *Reconciler) planFor(repoPath string) (plan, error) { return planFor(rc.Config, repoPath) }

func planFor(cfg config.Config, repoPath string) (plan, error) {
	team, err := config.LoadRepoSettings(repoPath)
	if err != nil {
		return plan{}, err
	}
	eff := cfg.ForRepo(repoPath, team)
	ignore, err := config.NewMatcher(eff.Ignore)
	if err != nil {
		return plan{}, err
	}
	return plan{
		settings: eff,
		opts: analyze.Options{
			TODO:    analyze.TODOOptions{Words: eff.TODO.Words, WordLabels: eff.TODO.Labels},
			Limits:  analyze.DiffLimits{MaxFileLines: cfg.Analysis.MaxFileLines},
			Enabled: eff.Detectors,
			Ignore:  ignore.Match,
			// Placeholders in test fixtures are what fixtures are for.
			Secret: analyze.SecretOptions{FixturePlaceholders: true},
		},
		review: eff.On("llm_review") && cfg.LLM.Enabled(),
	}, nil
}

func (p plan) hotspotOptions(windowID string) analyze.HotspotOptions {
	return analyze.HotspotOptions{
		Window: p.settings.HotspotWindow, MinChanges: p.settings.HotspotMinChanges,
		MinFixes: p.settings.HotspotMinFixes, MinShare: p.settings.HotspotMinShare, WindowID: windowID,
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
	if err := rc.recheckAfterRewrite(ctx, repo, rec, boundary, tips, &sum); err != nil {
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
	p, err := rc.planFor(rec.Path)
	if err != nil {
		return err
	}
	w := writer{rec: rec, target: draft.TargetOf(rec), plan: p, sum: sum}
	var batch []analyze.Result
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := rc.Store.Update(func(tx *store.Tx) error { return w.apply(tx, batch) }); err != nil {
			return err
		}
		sum.Commits += len(batch)
		if rc.Progress != nil {
			rc.Progress(sum.Commits, len(todo))
		}
		batch = batch[:0]
		return nil
	}
	err = repo.Analyze(ctx, todo, p.opts, func(res analyze.Result) error {
		res.Resolved = confirmResolutions(ctx, repo, res, p.opts.TODO)
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

// writer writes analysis results of one repository into the store.
type writer struct {
	rec    store.Repo
	target draft.Target
	plan   plan
	sum    *Summary
}

// cacheHotspots names the store's record of the hotspot window.
const cacheHotspots = "hotspot-window"

// cacheReviewQueue names the commits waiting for the model's diff review.
const cacheReviewQueue = "review-queue"

// maxReviewQueue is how many commits per repository may wait for review.
const maxReviewQueue = 20

// apply writes a batch of results: findings opened, reopened or resolved,
// their drafts created or withdrawn, the hotspot window moved on, and the
// commits marked as analysed, all in one transaction so that a crash leaves
// either all of it or none.
func (w writer) apply(tx *store.Tx, batch []analyze.Result) error {
	var win hotspotWindow
	if _, err := tx.Cache(w.rec.ID, cacheHotspots, &win); err != nil {
		return err
	}
	var queue []string
	if w.plan.review {
		if _, err := tx.Cache(w.rec.ID, cacheReviewQueue, &queue); err != nil {
			return err
		}
	}
	for _, res := range batch {
		fps, err := w.record(tx, res.Commit, res.Resolved, res.Findings)
		if err != nil {
			return err
		}
		if err := w.syncDrafts(tx, fps); err != nil {
			return err
		}
		win.add(res.Touch, w.plan.settings.HotspotWindow)
		if w.plan.review && len(res.Commit.Parents) <= 1 {
			queue = append(queue, res.Commit.Hash)
			// A backfill must not queue hours of model time: the model
			// reviews the most recent commits only.
			if len(queue) > maxReviewQueue {
				queue = queue[len(queue)-maxReviewQueue:]
			}
		}
		if err := tx.MarkAnalysed(w.rec.ID, res.Commit.Hash); err != nil {
			return err
		}
	}
	if w.plan.settings.On("hotspot") && len(batch) > 0 {
		last := batch[len(batch)-1].Commit
		found := analyze.DetectHotspots(win.Touches, w.plan.hotspotOptions(win.BlockID))
		fps, err := w.record(tx, last, nil, found)
		if err != nil {
			return err
		}
		if err := w.syncDrafts(tx, fps); err != nil {
			return err
		}
	}
	if err := tx.PutCache(w.rec.ID, cacheHotspots, win); err != nil {
		return err
	}
	if w.plan.review {
		return tx.PutCache(w.rec.ID, cacheReviewQueue, queue)
	}
	return nil
}

// record applies one commit's resolutions, then its findings, and returns
// the fingerprints touched, in the order seen: drafts are numbered that
// way, by commit, then by path, as people read a diff.
func (w writer) record(tx *store.Tx, c analyze.Commit, resolved []analyze.Resolution, found []analyze.Finding) ([]string, error) {
	var touched []string
	resolved, err := expandDocResolutions(tx, w.rec.ID, resolved)
	if err != nil {
		return nil, err
	}
	for _, r := range resolved {
		f, ok, err := tx.Finding(w.rec.ID, r.Fingerprint)
		if err != nil {
			return nil, err
		}
		if !ok || f.Status != store.FindingOpen {
			continue
		}
		f.Status, f.ResolvedBy, f.ResolvedSubject, f.UpdatedAt = store.FindingResolved, r.Commit, c.Subject, tx.Now()
		if err := tx.PutFinding(w.rec.ID, f); err != nil {
			return nil, err
		}
		touched = append(touched, f.Fingerprint)
		w.sum.Resolved++
	}
	for _, af := range found {
		f, ok, err := tx.Finding(w.rec.ID, af.Fingerprint)
		if err != nil {
			return nil, err
		}
		if ok && f.Status == store.FindingOpen {
			// Seen before, in another commit or a rebased copy of it.
			continue
		}
		nf := toStoreFinding(af, c, tx.Now())
		if ok {
			nf.FirstSeen = f.FirstSeen
		}
		if err := tx.PutFinding(w.rec.ID, nf); err != nil {
			return nil, err
		}
		touched = append(touched, nf.Fingerprint)
		w.sum.Findings++
	}
	return touched, nil
}

// syncDrafts gives every open finding a pending draft and withdraws the
// pending drafts of resolved ones, for the findings of one commit: at most
// max_drafts_per_commit new drafts, each with the repository's extra
// labels. A discarded draft stays discarded: the person said no to it.
func (w writer) syncDrafts(tx *store.Tx, fps []string) error {
	created := 0
	for _, fp := range fps {
		f, ok, err := tx.Finding(w.rec.ID, fp)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		d, has, err := tx.DraftForFinding(w.rec.ID, fp)
		if err != nil {
			return err
		}
		switch {
		case f.Status == store.FindingOpen && (!has || d.State == store.DraftWithdrawn):
			if max := w.plan.settings.MaxDraftsPerCommit; max > 0 && created >= max {
				continue // kept as a finding; the commit has drafted enough
			}
			is := draft.Template(w.target, f)
			d.RepoID, d.Repo, d.Fingerprints = w.rec.ID, w.rec.Path, []string{fp}
			d.Title, d.Body = is.Title, is.Body
			d.Labels = withLabels(is.Labels, w.plan.settings.Labels)
			d.State, d.DraftedBy = store.DraftPending, draft.TemplateName
			d.Evidence = []store.Evidence{f.Evidence}
			if _, err := tx.PutDraft(d); err != nil {
				return err
			}
			created++
			w.sum.NewDrafts++
		case f.Status == store.FindingResolved && has && d.State == store.DraftPending:
			// A draft that covers several findings (merged duplicates)
			// stays while any of them is open.
			open, err := anyOpen(tx, w.rec.ID, d.Fingerprints)
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
			w.sum.Withdrawn++
		}
	}
	return nil
}

// withLabels appends extra labels that are not there yet.
func withLabels(labels, extra []string) []string {
	out := append([]string{}, labels...)
	for _, l := range extra {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

func toStoreFinding(f analyze.Finding, c analyze.Commit, now time.Time) store.Finding {
	// A credential that sits in a comment must not reach the database, the
	// JSON listings or a prompt: the fingerprint was computed before this.
	f.Text, _ = draft.Redact(f.Text)
	f.Body, _ = draft.Redact(f.Body)
	f.Evidence.Excerpt, _ = draft.Redact(f.Evidence.Excerpt)
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

// expandDocResolutions turns a commit's documentation mentions into
// resolutions of the open drift findings whose surface they name: the
// docs caught up, in this commit or a later one.
func expandDocResolutions(tx *store.Tx, repoID string, resolved []analyze.Resolution) ([]analyze.Resolution, error) {
	var out []analyze.Resolution
	var open []store.Finding
	loaded := false
	for _, r := range resolved {
		if r.Fingerprint != analyze.DocDriftResolution {
			out = append(out, r)
			continue
		}
		if !loaded {
			all, err := tx.Findings(repoID, store.FindingOpen)
			if err != nil {
				return nil, err
			}
			for _, f := range all {
				if f.Kind == analyze.KindDocDrift {
					open = append(open, f)
				}
			}
			loaded = true
		}
		for _, f := range open {
			if name := analyze.DocDriftSurface(f.Fingerprint); name != "" && strings.Contains(r.DocMentions, name) {
				out = append(out, analyze.Resolution{Fingerprint: f.Fingerprint, Commit: r.Commit})
			}
		}
	}
	return out, nil
}

// confirmResolutions drops the removal of a TODO when the file still holds
// an identical one at that commit: the finding is still true.
func confirmResolutions(ctx context.Context, repo *analyze.Repo, res analyze.Result, opts analyze.TODOOptions) []analyze.Resolution {
	out := res.Resolved[:0:0]
	for _, r := range res.Resolved {
		if analyze.TODOPath(r.Fingerprint) != "" {
			if present, _ := repo.TODOPresent(ctx, res.Commit.Hash, r.Fingerprint, opts); present {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// recheckAfterRewrite resolves the open TODO findings that none of the
// current branch tips carries any more, when history was rewritten since
// the last reconcile: an amended or dropped commit takes its TODO with it
// without any commit removing it.
func (rc *Reconciler) recheckAfterRewrite(ctx context.Context, repo *analyze.Repo, rec store.Repo, before, now map[string]string, sum *Summary) error {
	// Only branches count: a detached HEAD moves all the time (checkout,
	// bisect, a rebase in progress) without rewriting anything.
	branches := map[string]string{}
	for ref, h := range before {
		if ref != "HEAD" {
			branches[ref] = h
		}
	}
	gone, err := repo.Unreachable(ctx, analyze.SortedTips(branches), analyze.SortedTips(now))
	if err != nil || !gone {
		return err
	}
	var open []store.Finding
	err = rc.Store.View(func(tx *store.Tx) error {
		all, err := tx.Findings(rec.ID, store.FindingOpen)
		for _, f := range all {
			if f.Kind == analyze.KindTODO {
				open = append(open, f)
			}
		}
		return err
	})
	if err != nil || len(open) == 0 {
		return err
	}
	p, err := rc.planFor(rec.Path)
	if err != nil {
		return err
	}
	tips := analyze.SortedTips(now)
	var resolved []analyze.Resolution
	for _, f := range open {
		present := false
		for _, tip := range tips {
			if ok, _ := repo.TODOPresent(ctx, tip, f.Fingerprint, p.opts.TODO); ok {
				present = true
				break
			}
		}
		if !present && len(tips) > 0 {
			resolved = append(resolved, analyze.Resolution{Fingerprint: f.Fingerprint, Commit: tips[0]})
		}
	}
	if len(resolved) == 0 {
		return nil
	}
	w := writer{rec: rec, target: draft.TargetOf(rec), plan: p, sum: sum}
	c := analyze.Commit{Hash: tips[0], Subject: "history rewritten (amend, rebase, reset or a deleted branch)"}
	return rc.Store.Update(func(tx *store.Tx) error {
		fps, err := w.record(tx, c, resolved, nil)
		if err != nil {
			return err
		}
		return w.syncDrafts(tx, fps)
	})
}
