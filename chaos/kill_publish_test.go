//go:build linux

package chaos

import (
	"bytes"
	"context"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"
)

// publishKills: `publish --all --yes` is SIGKILLed at random moments and run
// again, while the network between it and GitHub drops a share of the
// answers (an issue created whose reply never arrives) and answers 502 to
// others. Then it runs undisturbed until nothing is pending. Each draft
// must end with exactly one issue, found by its marker on the fake GitHub.
// tried: kills. lost: a draft with no issue. duplicated: issues beyond one
// per draft.
func publishKills(t *testing.T, c *chaos) {
	s := newSandbox(t)
	gh := s.withGitHub()
	proxy := newLossyProxy(t, gh.URL(), rand.New(rand.NewPCG(c.rnd.Uint64(), 2)), 0.3)
	s.setenv("GITHUB_API_URL", proxy.URL())
	gh.AddRepo("chaos", "kills")
	drafts := c.size(12, 60)
	repo := s.todoRepo("repo", "chaos", "kills", 0, drafts)

	// A run that ends before its kill halves the window the next kill
	// is drawn from, so that the kills land while drafts are left.
	kills, window := 0, time.Duration(c.size(300, 400))*time.Millisecond
	for range c.size(4, 30) {
		ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
		cmd := s.command(ctx, repo, "publish", "--all", "--yes")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			cancel()
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err := <-exited:
			// Done before the kill: it may have failed on a 502 (exit 1),
			// but never crashed.
			r := ended(cmd, err)
			r.args, r.stdout = []string{"publish", "--all", "--yes"}, out.String()
			if why := crashed(r); why != "" {
				c.fail("publish %s: %v", why, r)
			}
			window = max(window/2, 5*time.Millisecond)
		case <-time.After(c.between(time.Millisecond, window)):
			if syscall.Kill(cmd.Process.Pid, syscall.SIGKILL) == nil {
				kills++
			}
			<-exited
		}
		cancel()
		if ds, err := s.allDrafts(); err == nil && pending(ds) == 0 {
			break // published everything between the kills
		}
	}
	c.tried(kills)
	dropped, failed := proxy.counts()
	t.Logf("%d kills, %d issues created meanwhile; the network dropped the replies of %d created issues and failed %d requests",
		kills, len(gh.Issues("chaos", "kills")), dropped, failed)

	// Undisturbed reruns publish what is left: a draft a killed process
	// had claimed is recovered by its marker, not created again.
	proxy.setShare(0)
	for range 3 {
		r := s.tm(repo, "publish", "--all", "--yes")
		if why := crashed(r); why != "" {
			c.fail("publish %s: %v", why, r)
		}
		ds, err := s.allDrafts()
		if err != nil {
			c.fail("drafts list: %v", err)
			return
		}
		if pending(ds) == 0 {
			break
		}
	}
	ds, err := s.allDrafts()
	if err != nil {
		c.fail("drafts list: %v", err)
		return
	}
	if len(ds) != drafts {
		c.fail("%d drafts, want %d", len(ds), drafts)
	}
	checkIssues(c, gh, "chaos", "kills", ds, true)
}

func pending(ds []draftJSON) int {
	n := 0
	for _, d := range ds {
		if d.State == "pending" {
			n++
		}
	}
	return n
}
