package daemon

import (
	"context"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/store"
)

// A Walk lists the commits a history analysis takes, on its own goroutine
// from the moment the repository's tips are read: `enroll --backfill` and
// `analyze --last` open the repository first and then register it or set
// up their database (12 ms on go-git), and the walk (`git log
// --topo-order` over the whole history, 50 ms there) is git's work, which
// needs none of that. BackfillWalk takes it up.
type Walk struct {
	repo *analyze.Repo
	tips map[string]string

	done    chan struct{}
	commits []analyze.Commit
	err     error
}

// StartWalk starts listing the last n commits of tips (refs to commits) in
// repo, as Backfill would.
func StartWalk(ctx context.Context, repo *analyze.Repo, tips map[string]string, n int) *Walk {
	return startWalk(repo, tips, func() ([]analyze.Commit, error) {
		return repo.RecentCommits(ctx, analyze.SortedTips(tips), n)
	})
}

func startWalk(repo *analyze.Repo, tips map[string]string, pick func() ([]analyze.Commit, error)) *Walk {
	w := &Walk{repo: repo, tips: tips, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		w.commits, w.err = pick()
	}()
	return w
}

// wait returns the commits, once listed.
func (w *Walk) wait() ([]analyze.Commit, error) {
	<-w.done
	return w.commits, w.err
}

// BackfillWalk is Backfill of the commits w lists, at the tips w was
// started at. The repository must be the one repoID names.
func (rc *Reconciler) BackfillWalk(ctx context.Context, repoID string, w *Walk) (Summary, error) {
	return rc.history(ctx, repoID, func(store.Repo) (*Walk, error) { return w, nil })
}
