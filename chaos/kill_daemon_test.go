//go:build linux

package chaos

import (
	"math/rand/v2"
	"sync"
	"syscall"
	"testing"
	"time"
)

// daemonKills: commits with TODOs land in an enrolled repository while the
// daemon is SIGKILLed at random moments and started again (by `daemon
// start`, or by the next commit's hook, which revives a daemon that died).
// At the end every commit is analysed and every TODO has exactly one draft.
// tried: kills. lost: commits never analysed, TODOs never drafted.
// duplicated: drafts beyond one per TODO.
func daemonKills(t *testing.T, c *chaos) {
	s := newSandbox(t)
	repo := s.newRepo("repo")
	s.mustTM(repo, "enroll")
	commits := c.size(12, 120)

	var mu sync.Mutex // guards the counts the killer shares
	kills, crashes := 0, []string{}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	killer := rand.New(rand.NewPCG(c.rnd.Uint64(), 1))
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Duration(50+killer.IntN(350)) * time.Millisecond):
			}
			pid := s.daemonPID()
			if pid == 0 {
				continue
			}
			if syscall.Kill(pid, syscall.SIGKILL) != nil {
				continue
			}
			mu.Lock()
			kills++
			mu.Unlock()
			waitFor(5*time.Second, func() bool { return !alive(pid) })
			if killer.IntN(2) == 0 {
				continue // the next commit's hook revives it
			}
			if r := s.tm(repo, "daemon", "start"); crashed(r) != "" {
				mu.Lock()
				crashes = append(crashes, crashed(r)+": "+r.String())
				mu.Unlock()
			}
		}
	}()

	var want []string
	for i := range commits {
		path, content := todoFile(i)
		s.commitFile(repo, path, content, "add "+path)
		want = append(want, path)
		// Bursts and pauses: some reconciles take several commits, some one.
		if c.rnd.IntN(3) == 0 {
			time.Sleep(c.between(20*time.Millisecond, 250*time.Millisecond))
		}
	}
	close(stop)
	wg.Wait()
	c.tried(kills)
	for _, m := range crashes {
		c.fail("daemon start after a kill: %s", m)
	}

	if r := s.tm(repo, "daemon", "start"); r.code != 0 {
		c.fail("daemon start at the end: %v", r)
	}
	if r := s.tm(repo, "daemon", "sync", "--timeout", "90s"); r.code != 0 {
		c.fail("daemon sync: %v", r)
	}
	checkAnalysedOnce(c, s, commits, want)
}

// checkAnalysedOnce counts the commits not analysed and the TODOs with no
// draft, or more than one.
func checkAnalysedOnce(c *chaos, s *sandbox, commits int, want []string) {
	c.t.Helper()
	st, err := s.status()
	if err != nil {
		c.fail("status: %v", err)
		return
	}
	if len(st.Repos) != 1 {
		c.fail("status lists %d repositories, want 1", len(st.Repos))
		return
	}
	r := st.Repos[0]
	if r.LastError != "" {
		c.fail("the last reconcile failed: %s", r.LastError)
	}
	ds, err := s.allDrafts()
	if err != nil {
		c.fail("drafts list: %v", err)
		return
	}
	countCommits(c, commits, r.Analysed, r.Backlog, want, draftsPerTODO(ds), nil)
}

// countCommits counts lost and duplicated commits of a scenario whose every
// commit adds one TODO file (want): a commit is lost when it was not
// analysed or its TODO has no draft (and is not waiting for the budget),
// and duplicated once per draft beyond the first.
func countCommits(c *chaos, commits, analysed, backlog int, want []string, drafts map[string][]string, waiting map[string]bool) {
	c.t.Helper()
	if analysed > commits {
		c.fail("status says %d commits analysed, but only %d were made", analysed, commits)
	}
	lost, dup, lostEx, dupEx := tally(want, drafts, waiting)
	if commits-analysed >= lost && commits > analysed {
		c.lose(commits-analysed, "commits not analysed: status says %d of %d (backlog %d); %d TODOs have no draft, e.g. %v",
			analysed, commits, backlog, lost, lostEx)
	} else {
		c.lose(lost, "commits whose TODO has no draft (status: %d of %d analysed, backlog %d), e.g. %v", analysed, commits, backlog, lostEx)
	}
	c.duplicate(dup, "TODOs with more than one draft, e.g. %v", dupEx)
}
