//go:build linux

package chaos

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// bigPull: a fetch and fast-forward bring many commits at once (1,200 in
// make chaos, each adding a TODO) into an enrolled repository whose
// analysis.max_new_commits is lower (500). The daemon must work through the
// backlog in batches: `daemon sync` waits for all of it, `status` then
// shows every commit analysed and no backlog, and every TODO has a draft
// or waits for room in the draft budget (`drafts list --waiting`). tried:
// pulls. lost: commits not analysed, TODOs neither drafted nor waiting.
// duplicated: drafts beyond one per TODO.
func bigPull(t *testing.T, c *chaos) {
	s := newSandbox(t)
	commits, perReconcile := c.size(150, 1200), c.size(40, 500)
	s.writeFile(s.configPath(), testConfig+fmt.Sprintf("analysis:\n  max_new_commits: %d\n", perReconcile))
	// The team's settings are the defaults: the draft budget holds back
	// most of 1,200 TODOs, and they wait instead of being drafted.
	upstream := s.newRepoWith("upstream", "README.md", "# upstream\n")
	repo := filepath.Join(s.dir, "repo")
	s.git(s.dir, "clone", "-q", upstream, repo)
	s.mustTM(repo, "enroll")

	want := fastImportTODOs(t, s, upstream, commits)
	s.git(repo, "pull", "-q", "--ff-only")
	c.tried(1)
	start := time.Now()
	if r := s.tm(repo, "daemon", "sync", "--timeout", "150s"); r.code != 0 {
		c.fail("daemon sync: %v", r)
	}
	t.Logf("daemon sync after a pull of %d commits: %s", commits, time.Since(start).Round(time.Millisecond))
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
	if r.Backlog != 0 {
		c.fail("status shows a backlog of %d after daemon sync", r.Backlog)
	}
	ds, err := s.allDrafts()
	if err != nil {
		c.fail("drafts list: %v", err)
		return
	}
	waiting := map[string]bool{}
	ws, err := s.waiting()
	if err != nil {
		c.fail("drafts list --waiting: %v", err)
	}
	for _, w := range ws {
		if p := todoPath(w.Fingerprint); p != "" {
			waiting[p] = true
		}
	}
	t.Logf("%d commits analysed, %d drafts, %d findings waiting for the draft budget", r.Analysed, len(ds), len(ws))
	countCommits(c, commits, r.Analysed, r.Backlog, want, draftsPerTODO(ds), waiting)
}

// fastImportTODOs adds n commits to repo's main branch with git
// fast-import, the i-th adding todoFile(i), and returns the files.
func fastImportTODOs(t *testing.T, s *sandbox, repo string, n int) []string {
	t.Helper()
	var in bytes.Buffer
	var files []string
	when := time.Now().Add(-time.Duration(n) * time.Minute).Unix()
	for i := range n {
		path, content := todoFile(i)
		files = append(files, path)
		msg := "add " + path
		fmt.Fprintf(&in, "commit refs/heads/main\ncommitter Chaos <chaos@example.com> %d +0000\ndata %d\n%s\n", when+int64(i)*60, len(msg), msg)
		if i == 0 {
			in.WriteString("from refs/heads/main^0\n")
		}
		fmt.Fprintf(&in, "M 100644 inline %s\ndata %d\n%s\n", path, len(content), content)
	}
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "fast-import", "--quiet")
	cmd.Dir, cmd.Env, cmd.Stdin = repo, s.environ(), &in
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git fast-import: %v\n%s", err, out)
	}
	// fast-import leaves the work tree behind the branch; nothing reads it.
	if _, err := os.Stat(filepath.Join(repo, ".git")); err != nil {
		t.Fatal(err)
	}
	return files
}
