//go:build linux

package chaos

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// userHook is the repository's own post-commit hook, there before
// ticket-master: it logs the name it was run under, as hooks that dispatch
// on $0 depend on it.
const userHook = "#!/bin/sh\n# the user's own hook\nprintf '%%s\\n' \"${0##*/}\" >> '%s'\n"

// enrollKills: in a repository with a post-commit hook of its own,
// `enroll` and `unenroll` are SIGKILLed at random moments, many times.
// After each kill a commit must run the user's hook exactly once, under
// its own name, whatever state the kill left; after the next enroll that
// completes, no temp file (.post-*.tmp-*) is left in the hooks folder; the
// last unenroll restores the hooks folder byte for byte. tried: kills.
// lost: a commit that did not run the user's hook. duplicated: one that
// ran it twice. failed: a leftover, a hook not restored, a crash.
func enrollKills(t *testing.T, c *chaos) {
	s := newSandbox(t)
	repo := s.newRepo("repo")
	hooksDir := filepath.Join(repo, ".git", "hooks")
	log := filepath.Join(s.dir, "user-hook.log")
	s.writeFile(filepath.Join(hooksDir, "post-commit"), fmt.Sprintf(userHook, log))
	if err := os.Chmod(filepath.Join(hooksDir, "post-commit"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, hooksDir)

	// commit makes an empty commit and says how often, and under which
	// names, the user's hook ran.
	commit := func(what string) {
		os.Remove(log)
		s.git(repo, "commit", "-q", "--allow-empty", "-m", what)
		b, _ := os.ReadFile(log)
		runs := strings.Fields(string(b))
		switch {
		case len(runs) == 0:
			c.lose(1, "%s: git did not run the user's hook", what)
		case len(runs) > 1:
			c.duplicate(len(runs)-1, "%s: the user's hook ran %d times", what, len(runs))
		}
		for _, name := range runs {
			if name != "post-commit" {
				c.fail("%s: the user's hook ran as %q, not post-commit", what, name)
			}
		}
	}

	// One undisturbed round first: it measures how long each command
	// takes, so that the kills land anywhere in it.
	start := time.Now()
	s.mustTM(repo, "enroll", "--no-daemon")
	enrollTime := time.Since(start)
	commit("after a complete enroll")
	start = time.Now()
	s.mustTM(repo, "unenroll")
	unenrollTime := time.Since(start)
	commit("after a complete unenroll")
	checkRestored(c, "after a complete unenroll", before, snapshot(t, hooksDir))

	kills := 0
	for i := range c.size(10, 80) {
		args, took := []string{"enroll", "--no-daemon"}, enrollTime
		if c.rnd.IntN(3) == 0 {
			args, took = []string{"unenroll"}, unenrollTime
		}
		ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
		cmd := s.command(ctx, repo, args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			cancel()
			t.Fatal(err)
		}
		time.Sleep(c.between(0, took*3/2+time.Millisecond))
		killed := syscall.Kill(cmd.Process.Pid, syscall.SIGKILL) == nil
		err := cmd.Wait()
		cancel()
		r := ended(cmd, err)
		r.args, r.stdout = args, out.String()
		if r.signal == syscall.SIGKILL && killed {
			kills++
		} else if why := crashed(r); why != "" {
			c.fail("%s: %s: %v", args[0], why, r)
		}
		commit(fmt.Sprintf("kill %d, %s", i+1, args[0]))
	}
	c.tried(kills)

	// The next enroll cleans up whatever the kills left.
	s.mustTM(repo, "enroll", "--no-daemon")
	for _, name := range slices.Sorted(maps.Keys(snapshot(t, hooksDir))) {
		if strings.Contains(filepath.Base(name), ".tmp-") {
			c.fail("after the next enroll, %s is left in the hooks folder", name)
		}
	}
	commit("after the next enroll")
	s.mustTM(repo, "unenroll")
	commit("after the last unenroll")
	checkRestored(c, "after the last unenroll", before, snapshot(t, hooksDir))
}

// entry is one file or folder of a hooks folder.
type entry struct {
	mode    fs.FileMode
	content string
}

// snapshot reads every file and folder under dir, by path from dir.
func snapshot(t *testing.T, dir string) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		e := entry{mode: info.Mode()}
		switch {
		case info.Mode().IsRegular():
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			e.content = string(b)
		case info.Mode()&fs.ModeSymlink != 0:
			e.content, _ = os.Readlink(path)
		}
		out[rel] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkRestored fails for each path that differs between two snapshots.
func checkRestored(c *chaos, when string, want, got map[string]entry) {
	c.t.Helper()
	for _, p := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[p]
		switch {
		case !ok:
			c.fail("%s: %s is gone", when, p)
		case g.mode != want[p].mode:
			c.fail("%s: %s has mode %v, was %v", when, p, g.mode, want[p].mode)
		case g.content != want[p].content:
			c.fail("%s: %s differs:\n%s\nwas:\n%s", when, p, g.content, want[p].content)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[p]; !ok {
			c.fail("%s: %s is left behind", when, p)
		}
	}
}
