package daemon

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ticket-master/ticket-master/config"
)

// A command run with TICKET_MASTER=0 must leave its commits unanalysed,
// whichever comes first: the hook's background call that records them as
// skipped, or a reconcile set off by the file watcher (which sees the new
// refs before any hook runs). The order is made this way:
//
//  1. git updates the refs, then runs the hook; the hook's first act, before
//     the user's chained hook and without forking, is to write a hold file,
//     holds/<repo-id>.<pid> in the state folder.
//  2. A ref change seen by the file watcher waits watchSettle (1 s, or
//     daemon.debounce if longer) before it is reconciled: long enough for the
//     hook to start even on a loaded machine. A hook's own nudge replaces
//     that wait by the usual debounce, so commits made with hooks are
//     reconciled as soon as before. A reconcile that finds a fresh hold
//     returns ErrHeld at once, and the scheduler runs it again a little
//     later.
//  3. The background call records the commits as skipped (analysed, with a
//     flag: no reconcile or backfill ever looks at them) and removes its
//     hold; the postponed reconcile then finds nothing new. It does not
//     nudge: in a rebase, each picked commit's hook records it, and a nudge
//     then would cut short the wait for the hook that holds the repository
//     when the branch moves at the end.
//
// A hold older than holdMaxAge is stale (its background call died or never
// ran) and is removed, so a lost hold delays a repository by seconds, never
// for good.
//
// What is left: a reconcile that had already started (for an earlier
// commit, the periodic timer, `daemon sync`) when the held command moved a
// ref, and reads the refs after that, may analyse the command's commits
// before the hook holds the repository. Checking the hold again before each
// batch of results is written would narrow that to a reconcile that
// finishes within the moment the hook takes to start.

// ErrHeld is returned by a reconcile postponed by a hold.
var ErrHeld = errors.New("a command run with TICKET_MASTER=0 is recording its commits as skipped")

const (
	holdMaxAge = 10 * time.Second
	// heldRetry is how soon the scheduler tries a held repository again.
	heldRetry = 200 * time.Millisecond
)

// watchSettle is how long a ref change seen by the watcher waits for the
// hook of the command that made it (see above).
const watchSettle = time.Second

// watchNudge is the watcher's nudge: it waits watchSettle, or the debounce
// when that is longer.
func (s *server) watchNudge(repoID string) {
	s.sched.NudgeAfter(repoID, max(watchSettle, s.opts.Config.Daemon.Debounce.Std()))
}

// HoldFile is the hold path of a repository without the ".<pid>" the hook
// appends.
func HoldFile(paths config.Paths, repoID string) string {
	return filepath.Join(holdsDir(paths.StateDir), repoID)
}

// holdsDir is where holds live: in the state folder, beside the database.
func holdsDir(stateDir string) string { return filepath.Join(stateDir, "holds") }

// checkHold is the first thing a reconcile does: ErrHeld while a fresh hold
// of the repository exists.
func (rc *Reconciler) checkHold(repoID string) error {
	if held(holdsDir(filepath.Dir(rc.Store.Path())), repoID, time.Now()) {
		return ErrHeld
	}
	return nil
}

// held reports whether dir holds a fresh hold of repoID, removing stale
// ones. File times are the wall clock's, so now is too.
func held(dir, repoID string, now time.Time) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	fresh := false
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), repoID+".") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		age := now.Sub(info.ModTime())
		if age < holdMaxAge && age > -holdMaxAge {
			fresh = true
			continue
		}
		_ = os.Remove(filepath.Join(dir, e.Name()))
	}
	return fresh
}

// retryHeldLocked handles a run that found a hold: it does not count as a
// run, so its waiters wait for the next one, which starts after heldRetry
// (or at a pending nudge's time, or at once on a Trigger).
func (s *Scheduler) retryHeldLocked(id string, sl *slot) {
	sl.running, sl.again = false, false
	sl.next = append(sl.current, sl.next...)
	sl.current = nil
	if sl.timer != nil {
		return
	}
	sl.timer = s.clock.AfterFunc(heldRetry, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		sl.timer = nil
		if s.done || s.ctx.Err() != nil {
			for _, ch := range sl.next {
				ch <- context.Canceled
			}
			sl.next = nil
			return
		}
		s.startLocked(id, nil)
	})
}

// ErrInProgress is returned by a reconcile postponed because git is in the
// middle of a rebase, merge, cherry-pick or revert in the repository: HEAD
// and the branches are in flux (a rebase first detaches HEAD onto its new
// base, before any hook runs), and what such a command brings is
// recorded, analysed or skipped, once it is done. It is retried like
// ErrHeld.
var ErrInProgress = fmt.Errorf("git is in the middle of a rebase, merge, cherry-pick or revert: %w", ErrHeld)

// inProgress reports whether git is in the middle of a history-writing
// command in the repository whose git folder is gitDir (the common one:
// a linked worktree's state is in worktrees/NAME).
func inProgress(gitDir string) bool {
	dirs := []string{gitDir}
	if wts, err := os.ReadDir(filepath.Join(gitDir, "worktrees")); err == nil {
		for _, wt := range wts {
			dirs = append(dirs, filepath.Join(gitDir, "worktrees", wt.Name()))
		}
	}
	for _, d := range dirs {
		for _, name := range []string{"rebase-merge", "rebase-apply", "MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "sequencer"} {
			if _, err := os.Lstat(filepath.Join(d, name)); err == nil {
				return true
			}
		}
	}
	return false
}
