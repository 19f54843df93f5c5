package hooks

import (
	"path/filepath"
	"testing"
)

func TestDir(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	sub := filepath.Join(repo, "a", "b")
	mkdir(t, sub)
	want := filepath.Join(repo, ".git", "hooks")
	for _, p := range []string{repo, sub} {
		got, err := Dir(p)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Dir(%s) = %s, want %s", p, got, want)
		}
	}

	// A relative core.hooksPath is relative to the top of the work tree,
	// wherever in it we ask from.
	run(t, repo, nil, "git", "config", "core.hooksPath", ".githooks")
	want = filepath.Join(repo, ".githooks")
	for _, p := range []string{repo, sub} {
		got, err := Dir(p)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("with core.hooksPath: Dir(%s) = %s, want %s", p, got, want)
		}
	}
}

func TestDirNotARepository(t *testing.T) {
	root := hermetic(t)
	if _, err := Dir(root); err == nil {
		t.Fatal("Dir of a folder outside any repository did not fail")
	}
	if _, err := Dir(filepath.Join(root, "missing")); err == nil {
		t.Fatal("Dir of a missing folder did not fail")
	}
}

// TestWorktree checks that a linked worktree shares the main repository's
// hooks, and that a commit made in it runs them.
func TestWorktree(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "first")
	wt := filepath.Join(root, "linked worktree")
	run(t, repo, nil, "git", "worktree", "add", "-q", "-b", "linked", wt)

	main, err := Dir(repo)
	if err != nil {
		t.Fatal(err)
	}
	linked, err := Dir(wt)
	if err != nil {
		t.Fatal(err)
	}
	if linked != main {
		t.Fatalf("Dir(worktree) = %s, want the main repository's %s", linked, main)
	}

	events := filepath.Join(root, "events")
	bin := filepath.Join(root, "bin", "ticket-master")
	fakeBinary(t, bin, events)
	acts := mustInstall(t, wt, Options{Binary: bin})
	for _, a := range acts {
		if filepath.Dir(a.Path) != main {
			t.Errorf("%s installed at %s, want in %s", a.Hook, a.Path, main)
		}
	}
	run(t, wt, nil, "git", "commit", "-q", "--allow-empty", "-m", "in worktree")
	waitFor(t, events, "binary hook post-commit --no-notice --")
}
