package daemon

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/store"
)

// waitFor polls cond until it holds, for at most 10 s: the scheduler runs
// jobs on goroutines of its own.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// holdRepo is an enrolled repository with a new commit carrying a TODO,
// made as with TICKET_MASTER=0.
func holdRepo(t *testing.T) (r *gitRepo, rc *Reconciler, id, commit, holds string) {
	t.Helper()
	r = newGitRepo(t)
	r.commit("start", map[string]string{"a.go": "package a\n"})
	rc, id = enrolled(t, r, config.Defaults())
	commit = r.commit("off the record", map[string]string{"b.go": "package a\n// TODO: never draft this one\n"})
	holds = holdsDir(filepath.Dir(rc.Store.Path()))
	if err := os.MkdirAll(holds, 0o700); err != nil {
		t.Fatal(err)
	}
	return r, rc, id, commit, holds
}

func skipped(t *testing.T, st *store.Store, id, hash string) bool {
	t.Helper()
	var ok bool
	if err := st.View(func(tx *store.Tx) error { ok = tx.Skipped(id, hash); return nil }); err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestSkipBeforeReconcile: the hook's background call wins the race; the
// reconcile then finds the commit analysed.
func TestSkipBeforeReconcile(t *testing.T) {
	r, rc, id, commit, _ := holdRepo(t)
	ctx := context.Background()
	gotID, n, err := SkipCommits(ctx, rc.Store, SkipRequest{Dir: r.dir, Hook: "post-commit"})
	if err != nil || gotID != id || n != 1 {
		t.Fatalf("SkipCommits: %s, %d, %v", gotID, n, err)
	}
	sum, err := rc.Reconcile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Commits != 0 || len(drafts(t, rc, "")) != 0 || !skipped(t, rc.Store, id, commit) {
		t.Fatalf("a skipped commit was analysed: %+v", sum)
	}
}

// TestReconcileBeforeSkip: the watcher's reconcile wins the race. It finds
// the hold, is postponed without touching the commit, and runs again once
// the background call has recorded it and removed the hold; whoever waited
// for it (daemon sync) is answered by the run that did the work.
func TestReconcileBeforeSkip(t *testing.T) {
	r, rc, id, commit, holds := holdRepo(t)
	hold := filepath.Join(holds, id+".4242")
	if err := os.WriteFile(hold, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock()
	var mu sync.Mutex
	var results []error
	job := func(ctx context.Context, id string) error {
		_, err := rc.Reconcile(ctx, id)
		mu.Lock()
		results = append(results, err)
		mu.Unlock()
		return err
	}
	ran := func() int { mu.Lock(); defer mu.Unlock(); return len(results) }
	s := NewScheduler(context.Background(), job, 0, clock)
	defer s.Stop()
	done := s.Trigger(id)
	waitFor(t, "the held run", func() bool { running, queued := s.Busy(id); return ran() == 1 && !running && queued })
	if !errors.Is(results[0], ErrHeld) {
		t.Fatalf("first run: %v, want ErrHeld", results[0])
	}
	// Still held a moment later: postponed again, nothing analysed.
	clock.Advance(heldRetry)
	waitFor(t, "the second held run", func() bool { running, queued := s.Busy(id); return ran() == 2 && !running && queued })
	select {
	case err := <-done:
		t.Fatalf("the waiter was answered by a held run: %v", err)
	default:
	}
	if err := rc.Store.View(func(tx *store.Tx) error {
		if tx.Analysed(id, commit) {
			t.Fatal("the held reconcile analysed the commit")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	// The background call: record, release, and the retry finds nothing.
	if _, _, err := SkipCommits(context.Background(), rc.Store, SkipRequest{Dir: r.dir, Hook: "post-commit"}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(hold); err != nil {
		t.Fatal(err)
	}
	clock.Advance(heldRetry)
	if err := <-done; err != nil {
		t.Fatalf("the run after the hold: %v", err)
	}
	if len(drafts(t, rc, "")) != 0 || !skipped(t, rc.Store, id, commit) {
		t.Fatal("the commit made with TICKET_MASTER=0 was drafted")
	}
}

// TestStaleHoldIsIgnored: a hold whose background call died goes stale;
// the commit is then analysed after all (nothing is lost) and the hold
// removed.
func TestStaleHoldIsIgnored(t *testing.T) {
	_, rc, id, _, holds := holdRepo(t)
	hold := filepath.Join(holds, id+".4242")
	if err := os.WriteFile(hold, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-holdMaxAge - time.Second)
	if err := os.Chtimes(hold, old, old); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(holds, "another-repo.1")
	if err := os.WriteFile(other, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.Reconcile(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if len(drafts(t, rc, "")) != 1 {
		t.Fatal("the commit behind a stale hold was not analysed")
	}
	if _, err := os.Stat(hold); err == nil {
		t.Fatal("stale hold left")
	}
	if _, err := os.Stat(other); err != nil {
		t.Fatal("another repository's hold removed")
	}
}

// TestSkipCommitsOfEachCommand: the commits recorded are those the command
// made: one commit, a merge commit and what it brought, what a merge or a
// rebase brought, the amended commit.
func TestSkipCommitsOfEachCommand(t *testing.T) {
	for _, tc := range []struct {
		name string
		hook string
		args []string
		// do runs the command and returns the commits it made.
		do func(r *gitRepo) []string
	}{
		{"commit", "post-commit", nil, func(r *gitRepo) []string {
			return []string{r.commit("one", nil)}
		}},
		{"fast-forward merge", "post-merge", []string{"0"}, func(r *gitRepo) []string {
			side := sideBranch(r)
			r.git("-C", r.dir, "merge", "-q", "--ff-only", "side")
			return side
		}},
		{"merge commit", "post-merge", []string{"0"}, func(r *gitRepo) []string {
			side := sideBranch(r)
			r.commit("on main", nil)
			r.git("-C", r.dir, "merge", "-q", "--no-edit", "side")
			return append(side, r.git("-C", r.dir, "rev-parse", "HEAD"))
		}},
		{"merge commit after a conflict", "post-commit", nil, func(r *gitRepo) []string {
			side := sideBranch(r)
			r.commit("on main", map[string]string{"s0.txt": "main\n"})
			_ = runGit(r, "merge", "-q", "side") // conflicts on s0.txt
			r.commit("merged", map[string]string{"s0.txt": "both\n"})
			return append(side, r.git("-C", r.dir, "rev-parse", "HEAD"))
		}},
		{"rebase", "post-rewrite", []string{"rebase"}, func(r *gitRepo) []string {
			r.git("-C", r.dir, "checkout", "-q", "-b", "topic")
			r.commit("t1", map[string]string{"t1": "1\n"})
			r.commit("t2", map[string]string{"t2": "2\n"})
			r.git("-C", r.dir, "checkout", "-q", "main")
			r.commit("m1", map[string]string{"m1": "1\n"})
			m := r.git("-C", r.dir, "rev-parse", "HEAD")
			r.git("-C", r.dir, "checkout", "-q", "topic")
			r.git("-C", r.dir, "rebase", "-q", "main")
			out := strings.Fields(r.git("-C", r.dir, "rev-list", "main..HEAD"))
			return append(out, m) // main's new commit came with the rebase too
		}},
		{"amend", "post-rewrite", []string{"amend"}, func(r *gitRepo) []string {
			r.commit("to amend", nil)
			r.git("-C", r.dir, "commit", "-q", "--amend", "--allow-empty", "-m", "amended")
			return []string{r.git("-C", r.dir, "rev-parse", "HEAD")}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newGitRepo(t)
			r.commit("start", map[string]string{"a.go": "package a\n"})
			rc, id := enrolled(t, r, config.Defaults())
			want := tc.do(r)
			if _, _, err := SkipCommits(context.Background(), rc.Store, SkipRequest{Dir: r.dir, Hook: tc.hook, Args: tc.args}); err != nil {
				t.Fatal(err)
			}
			var got []string
			err := rc.Store.View(func(tx *store.Tx) error {
				for _, h := range strings.Fields(r.git("-C", r.dir, "rev-list", "--all")) {
					if tx.Skipped(id, h) {
						got = append(got, h)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("skipped %v, want %v", got, want)
			}
		})
	}
}

// sideBranch makes branch side with two commits off main and returns them.
func sideBranch(r *gitRepo) []string {
	r.git("-C", r.dir, "checkout", "-q", "-b", "side")
	a := r.commit("s1", map[string]string{"s0.txt": "side\n"})
	b := r.commit("s2", map[string]string{"s2.txt": "2\n"})
	r.git("-C", r.dir, "checkout", "-q", "main")
	return []string{a, b}
}

func runGit(r *gitRepo, args ...string) error {
	_, err := skipGit(context.Background(), SkipRequest{Dir: r.dir}, args...)
	return err
}

// TestSkipCommitsOfARepositoryNotEnrolled changes nothing.
func TestSkipCommitsOfARepositoryNotEnrolled(t *testing.T) {
	r := newGitRepo(t)
	r.commit("x", nil)
	st, _ := storeWith(t, r, false)
	if _, n, err := SkipCommits(context.Background(), st, SkipRequest{Dir: r.dir, Hook: "post-commit"}); err != nil || n != 0 {
		t.Fatalf("SkipCommits: %d, %v", n, err)
	}
}
