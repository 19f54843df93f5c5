package hooks

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// killed is what a stop function panics with to end a run where a kill
// would: no deferred clean-up of ours runs on an error path it never took.
type killed struct{ step string }

// interrupted runs fn with a stop function that kills it at step k (1-based)
// of the post-commit hook, and reports whether it got that far; with k = 0
// it runs to the end and returns the number of steps.
func interrupted(k int, fn func(ops) error) (steps int, hit bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(killed); !ok {
				panic(r)
			}
			hit = true
		}
	}()
	n := 0
	err = fn(ops{stop: func(s string) {
		// The other hooks have no foreign hook here: their steps are
		// those of a fresh install, tested by the first few of these.
		if !strings.Contains(s, "post-commit") {
			return
		}
		n++
		if n == k {
			panic(killed{s})
		}
	}})
	return n, false, err
}

// crashCase is one starting state and one run (Install or Uninstall) to
// interrupt at each of its steps.
type crashCase struct {
	name string
	// setup makes the hooks folder; it returns the path of the user's own
	// hook file, to check that git runs it, and a check of the restored
	// hook after Uninstall.
	setup     func(t *testing.T, repo, dir, events string) (restored func(t *testing.T))
	uninstall bool // interrupt Uninstall (after a full Install) instead of Install
	link      func(oldname, newname string) error
	// atomic says the run is one rename, with no step between to stop at.
	atomic bool
}

func TestInterruptedInstallAlwaysRunsTheUsersHook(t *testing.T) {
	foreignFile := func(t *testing.T, repo, dir, events string) func(*testing.T) {
		hook := filepath.Join(dir, "post-commit")
		foreignHook(t, hook, events, "")
		original := read(t, hook)
		return func(t *testing.T) {
			if read(t, hook) != original || mode(t, hook) != 0o755 {
				t.Fatalf("hook not restored byte for byte: %q", read(t, hook))
			}
		}
	}
	foreignLink := func(t *testing.T, repo, dir, events string) func(*testing.T) {
		mkdir(t, filepath.Join(repo, "scripts"))
		foreignHook(t, filepath.Join(repo, "scripts", "commit-hook"), events, "")
		hook := filepath.Join(dir, "post-commit")
		if err := os.Symlink("../../scripts/commit-hook", hook); err != nil {
			t.Fatal(err)
		}
		return func(t *testing.T) {
			if target, err := os.Readlink(hook); err != nil || target != "../../scripts/commit-hook" {
				t.Fatalf("link not restored: %q, %v", target, err)
			}
		}
	}
	version1 := func(t *testing.T, repo, dir, events string) func(*testing.T) {
		for _, h := range Names() {
			installV1(t, dir, h)
		}
		foreignHook(t, legacyPath(dir, "post-commit"), events, "")
		original := read(t, legacyPath(dir, "post-commit"))
		return func(t *testing.T) {
			if hook := filepath.Join(dir, "post-commit"); read(t, hook) != original {
				t.Fatalf("hook not restored byte for byte: %q", read(t, hook))
			}
		}
	}
	noLinks := func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EPERM} }

	for _, tc := range []crashCase{
		{name: "foreign file", setup: foreignFile},
		{name: "foreign file where links are refused", setup: foreignFile, link: noLinks},
		{name: "relative symlink", setup: foreignLink},
		{name: "version 1", setup: version1},
		{name: "uninstall foreign file", setup: foreignFile, uninstall: true, atomic: true},
		{name: "uninstall relative symlink", setup: foreignLink, uninstall: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k := 1; ; k++ {
				if !crashAt(t, tc, k) {
					if k == 1 && !tc.atomic {
						t.Fatal("no step to interrupt")
					}
					break
				}
			}
		})
	}
}

// crashAt interrupts tc's run at step k and checks what a kill there would
// leave: git runs the user's hook, and the next run finishes the job. It
// returns false when the run has fewer than k steps.
func crashAt(t *testing.T, tc crashCase, k int) bool {
	t.Helper()
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	events := filepath.Join(root, "events")
	bin := filepath.Join(root, "bin", "ticket-master")
	fakeBinary(t, bin, events)
	restored := tc.setup(t, repo, dir, events)
	opts := Options{Binary: bin}

	run := func(o ops) error {
		o.link = tc.link
		if tc.uninstall {
			_, err := uninstall(repo, o)
			return err
		}
		_, err := install(repo, opts, o)
		return err
	}
	if tc.uninstall {
		mustInstall(t, repo, opts)
	}
	_, hit, err := interrupted(k, run)
	if err != nil {
		t.Fatalf("step %d: %v", k, err)
	}
	if hit {
		mustRunUsersHook(t, repo, events, k)
		// The next run finishes the job and leaves nothing of the kill.
		if _, _, err := interrupted(0, run); err != nil {
			t.Fatalf("after a kill at step %d, the next run: %v", k, err)
		}
	} else if !tc.atomic {
		return false
	}
	noLeftovers(t, dir, k)
	if !tc.uninstall {
		states, err := Inspect(repo)
		if err != nil {
			t.Fatal(err)
		}
		if s := states[0]; !s.Ours || s.Outdated || s.ChainedPath != chainPath(dir, "post-commit") {
			t.Fatalf("after a kill at step %d and a rerun: %+v", k, s)
		}
		mustUninstall(t, repo)
	}
	restored(t)
	if exists(filepath.Join(dir, ChainDir)) || exists(legacyPath(dir, "post-commit")) {
		t.Fatalf("after a kill at step %d: chained copies left after uninstalling", k)
	}
	return hit
}

// mustRunUsersHook makes a commit and checks that the user's hook ran once.
func mustRunUsersHook(t *testing.T, repo, events string, k int) {
	t.Helper()
	before := countPrefix(events, "foreign post-commit")
	run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "check")
	if got := countPrefix(events, "foreign post-commit") - before; got != 1 {
		t.Fatalf("after a kill at step %d the user's hook ran %d times in a commit; hooks: %v", k, got, listHooks(t, filepath.Join(repo, ".git", "hooks")))
	}
}

func noLeftovers(t *testing.T, dir string, k int) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("after a kill at step %d and a rerun, leftover %s", k, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
}

func listHooks(t *testing.T, dir string) []string {
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !strings.HasSuffix(p, ".sample") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}
