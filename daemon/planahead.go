package daemon

import (
	"context"

	"github.com/ticket-master/ticket-master/analyze"
)

// A backfill's head runs on one core: the walk (`git log --topo-order`,
// some 40 ms of git's on go-git's last 2,000 commits) and, after it, our
// own preparations, of which reading the settings at the newest commit
// was the longest (7 ms). The settings are read at the newest tip while
// git walks: the walk's newest commit is that tip unless the tip was
// analysed before or an older commit carries a later date, and then they
// are read again at the commit the walk found.

// plannedAt is the plan read ahead for one commit, or the error reading it
// gave.
type plannedAt struct {
	commit string
	plan   plan
	err    error
}

// planAhead reads, on its own goroutine, the plan at the newest of tips
// (refs to commits), for planOf to take when that commit is the one asked
// for. Receive from the channel once.
func (rc *Reconciler) planAhead(ctx context.Context, repo *analyze.Repo, tips map[string]string) <-chan plannedAt {
	out := make(chan plannedAt, 1)
	go func() {
		var a plannedAt
		a.commit, a.err = repo.NewestCommit(ctx, analyze.SortedTips(tips))
		if a.err == nil && a.commit != "" {
			a.plan, a.err = rc.planFor(ctx, repo, a.commit)
		}
		out <- a
	}()
	return out
}

// planOf is the plan at commit: ahead's when it was read for that commit,
// else read now. A nil ahead reads it now.
func (rc *Reconciler) planOf(ctx context.Context, repo *analyze.Repo, commit string, ahead <-chan plannedAt) (plan, error) {
	if ahead != nil {
		if a := <-ahead; a.commit == commit && a.commit != "" {
			return a.plan, a.err
		}
	}
	return rc.planFor(ctx, repo, commit)
}
