package daemon

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/hooks"
	"github.com/ticket-master/ticket-master/store"
)

// EnrollOptions say what to enroll and how.
type EnrollOptions struct {
	Path     string
	GitHub   string // OWNER/REPO, overriding the origin remote
	Backfill int    // analyse the last N commits now
	Force    bool   // write into a hooks folder another manager owns
	NoHooks  bool   // register only: another hook manager calls `ticket-master hook`
	Binary   string // absolute path the hooks call
	Paths    config.Paths
	Config   config.Config
	Progress func(done, total int)
}

// EnrollResult reports what enroll did.
type EnrollResult struct {
	Repo      store.Repo     `json:"repo"`
	Hooks     []hooks.Action `json:"hooks"`
	Again     bool           `json:"again"` // it was enrolled already
	Branches  int            `json:"branches"`
	Backfill  *Summary       `json:"backfill,omitempty"`
	NoCommits bool           `json:"no_commits"`
	// MovedFrom is the path the repository was enrolled at before it was
	// moved here: its record and baseline carried over.
	MovedFrom string `json:"moved_from,omitempty"`
	// CopyOf is the repository this one is a copy of (its git folder holds
	// the same ID file); it is enrolled as a repository of its own.
	CopyOf string `json:"copy_of,omitempty"`
	// Forgotten: the repository's ID file says it was enrolled, but the
	// database had no record of it (lost, or replaced by an empty one).
	Forgotten bool `json:"forgotten,omitempty"`
}

// Enroll registers a repository: hooks installed, the current branch tips
// recorded as the baseline (so history is not drafted unless asked for),
// and, with Backfill, the last N commits analysed at once. Enrolling again
// is harmless: hooks are refreshed and the baseline is kept.
//
// The repository is known by the ID file in its git folder (see RepoIDOf),
// so enrolling a repository that was moved adopts its record: the
// baseline carries over and the commits made since the move are analysed.
func Enroll(ctx context.Context, st *store.Store, opts EnrollOptions) (EnrollResult, error) {
	var res EnrollResult
	if opts.Backfill > batchGCMinCount {
		batchGC.prepareHeap()
	}
	repo, err := analyze.Open(ctx, opts.Path)
	if err != nil {
		return res, err
	}
	var who identity
	err = st.View(func(tx *store.Tx) (err error) {
		who, err = identify(tx, repo.GitDir)
		return err
	})
	if err != nil {
		return res, err
	}
	id := who.id
	res.MovedFrom, res.CopyOf, res.Forgotten = who.movedFrom, who.copyOf, who.forgotten
	target, err := githubTarget(ctx, repo, opts.GitHub)
	if err != nil {
		return res, err
	}
	tips, err := repo.Tips(ctx, opts.Config.Branches)
	if err != nil {
		return res, err
	}
	res.Branches, res.NoCommits = len(tips), len(tips) == 0
	var walk *Walk // git lists the commits while the repository is registered
	if opts.Backfill > 0 && len(tips) > 0 {
		walk = StartWalk(ctx, repo, tips, opts.Backfill)
	}

	if !opts.NoHooks {
		acts, err := InstallHooks(repo.Path, opts.Paths, opts.Binary, id, opts.Force)
		if err != nil {
			return res, err
		}
		res.Hooks = acts
	}

	err = st.Update(func(tx *store.Tx) error {
		prev, err := tx.Repo(id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		res.Again = err == nil && prev.Enrolled
		rec := store.Repo{
			ID: id, Path: repo.Path, GitDir: repo.GitDir,
			Host: target.Host, Owner: target.Owner, Name: target.Name,
			Branches: opts.Config.Branches, Enrolled: true, EnrolledAt: tx.Now(), NoHooks: opts.NoHooks,
		}
		if res.Again {
			rec.EnrolledAt, rec.LastReconcile, rec.LastError = prev.EnrolledAt, prev.LastReconcile, prev.LastError
		}
		if res.MovedFrom != "" {
			rec.LastError = "" // the error was about the old path
			// Drafts name their repository by path too (drafts list's
			// REPO, "repo" in --json): they move with it.
			if err := moveDrafts(tx, id, repo.Path); err != nil {
				return err
			}
		}
		if rec.GitHub() == "" && prev.GitHub() != "" {
			// No --github and no GitHub origin this time: keep what an
			// earlier enroll was told.
			rec.Host, rec.Owner, rec.Name = prev.Host, prev.Owner, prev.Name
		}
		if err := tx.PutRepo(rec); err != nil {
			return err
		}
		res.Repo = rec
		if res.Again {
			// Keep the baseline: commits since (the last reconcile, or the
			// move) stay due.
			return nil
		}
		return tx.SetTips(id, tips)
	})
	if err != nil {
		return res, err
	}
	if err := store.WriteRepoID(repo.GitDir, id); err != nil {
		return res, err
	}
	if walk != nil {
		rc := &Reconciler{Store: st, Config: opts.Config, Progress: opts.Progress}
		sum, err := rc.BackfillWalk(ctx, id, walk)
		if err != nil {
			return res, fmt.Errorf("backfill: %w", err)
		}
		res.Backfill = &sum
	}
	return res, nil
}

func githubTarget(ctx context.Context, repo *analyze.Repo, flag string) (ghrepo.Repo, error) {
	if flag != "" {
		return ghrepo.ParseOwnerRepo(flag)
	}
	t, _ := ghrepo.ParseRemote(repo.RemoteURL(ctx, "origin"))
	return t, nil // no remote: drafts still work, without permalinks
}

// UnenrollResult reports what unenroll did.
type UnenrollResult struct {
	Repo   store.Repo     `json:"repo"`
	Hooks  []hooks.Action `json:"hooks"`
	Purged bool           `json:"purged"`
	// HooksError says why hooks could not be removed (the repository is
	// gone, say); the repository is unenrolled all the same.
	HooksError string `json:"hooks_error,omitempty"`
}

// Unenroll removes the hooks (restoring any chained foreign hook) and stops
// watching the repository. Its drafts stay for review unless purge removes
// everything recorded about it. A repository that was deleted or moved can
// be unenrolled by its old path.
func Unenroll(ctx context.Context, st *store.Store, path string, purge bool) (UnenrollResult, error) {
	var res UnenrollResult
	rec, err := FindRepo(ctx, st, path)
	if err != nil {
		return res, err
	}
	res.Repo = rec
	if _, statErr := os.Stat(rec.GitDir); statErr == nil {
		acts, err := hooks.Uninstall(rec.Path)
		if err != nil {
			res.HooksError = err.Error()
		}
		res.Hooks = acts
	} else {
		res.HooksError = "the repository is gone; no hooks to remove"
	}
	err = st.Update(func(tx *store.Tx) error {
		if purge {
			return tx.DeleteRepo(rec.ID)
		}
		cur, err := tx.Repo(rec.ID)
		if err != nil {
			return err
		}
		cur.Enrolled = false
		return tx.PutRepo(cur)
	})
	res.Purged = purge && err == nil
	if res.Purged {
		// Nothing is known about it any more: a later enroll is a first one.
		_ = store.RemoveRepoID(rec.GitDir, rec.ID)
	}
	return res, err
}

// FindRepo finds a known repository by a path inside it, or by the path it
// was enrolled at when it no longer exists.
func FindRepo(ctx context.Context, st *store.Store, path string) (store.Repo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return store.Repo{}, err
	}
	var id string
	if repo, err := analyze.Open(ctx, abs); err == nil {
		id = RepoIDOf(repo.GitDir)
	}
	var found store.Repo
	err = st.View(func(tx *store.Tx) error {
		repos, err := tx.Repos()
		if err != nil {
			return err
		}
		for _, r := range repos {
			if r.ID == id || r.Path == abs || r.ID == path {
				found = r
				return nil
			}
		}
		return fmt.Errorf("%s is not enrolled (see: ticket-master status)", abs)
	})
	return found, err
}

// moveDrafts records a repository's new path in each of its drafts.
func moveDrafts(tx *store.Tx, repoID, path string) error {
	drafts, err := tx.Drafts(store.DraftFilter{RepoID: repoID})
	if err != nil {
		return err
	}
	for _, d := range drafts {
		if d.Repo == path {
			continue
		}
		d.Repo = path
		if _, err := tx.PutDraft(d); err != nil {
			return err
		}
	}
	return nil
}
