package hooks

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstallFresh(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	opts := Options{Binary: "/opt/tm/ticket-master", NoticeFile: "/opt/tm/notice"}

	acts := mustInstall(t, repo, opts)
	wantAll(t, acts, "installed")
	for _, a := range acts {
		if a.Path != filepath.Join(dir, a.Hook) {
			t.Errorf("%s: path %s", a.Hook, a.Path)
		}
		if got := read(t, a.Path); got != Script(a.Hook, opts) {
			t.Errorf("%s: file differs from Script:\n%s", a.Hook, got)
		}
		if m := mode(t, a.Path); m != 0o755 {
			t.Errorf("%s: mode %v, want 0755", a.Hook, m)
		}
		if exists(chainPath(dir, a.Hook)) || exists(legacyPath(dir, a.Hook)) {
			t.Errorf("%s: chained file created without a foreign hook", a.Hook)
		}
	}
	states, err := Inspect(repo)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range states {
		if !s.Ours || s.Foreign || s.Chained {
			t.Errorf("Inspect: %+v, want ours only", s)
		}
	}
	if exists(filepath.Join(dir, ChainDir)) {
		t.Errorf("%s created without a foreign hook", ChainDir)
	}
	// No temp files left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temp file left: %s", e.Name())
		}
	}
}

func TestInstallCreatesHooksDir(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	wantAll(t, mustInstall(t, repo, Options{}), "installed")
	if m := mode(t, dir); m.Perm() != 0o755 || !m.IsDir() {
		t.Fatalf("hooks dir mode %v", m)
	}
}

func TestInstallIdempotent(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	opts := Options{Binary: "/opt/tm/ticket-master"}
	mustInstall(t, repo, opts)
	wantAll(t, mustInstall(t, repo, opts), "up to date")

	// The binary moved: the scripts are rewritten to call the new one.
	opts.Binary = "/usr/local/bin/ticket-master"
	acts := mustInstall(t, repo, opts)
	wantAll(t, acts, "updated")
	for _, a := range acts {
		if got := read(t, a.Path); got != Script(a.Hook, opts) {
			t.Errorf("%s not rewritten:\n%s", a.Hook, got)
		}
		if exists(chainPath(filepath.Dir(a.Path), a.Hook)) {
			t.Errorf("%s: our own script was chained", a.Hook)
		}
	}

	// An edited copy of ours is still ours (the marker decides) and lost x bits come back.
	p := acts[0].Path
	write(t, p, read(t, p)+"# edited\n", 0o644)
	if got := whats(mustInstall(t, repo, opts))[acts[0].Hook]; got != "updated" {
		t.Fatalf("edited hook: %q, want updated", got)
	}
	if m := mode(t, p); m != 0o755 {
		t.Fatalf("mode %v after update", m)
	}
}

// TestChainAndRestore follows a foreign hook through install, reinstall and
// uninstall: it must come back byte for byte with its mode.
func TestChainAndRestore(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	hook := filepath.Join(dir, "post-commit")
	chain := chainPath(dir, "post-commit")
	original := "#!/bin/sh\r\n# someone's hook\x00\xff no final newline"
	write(t, hook, original, 0o750)

	acts := mustInstall(t, repo, Options{Binary: "/bin/tm"})
	w := whats(acts)
	if w["post-commit"] != "chained existing hook" || w["post-merge"] != "installed" || w["post-rewrite"] != "installed" {
		t.Fatalf("Install: %+v", acts)
	}
	if read(t, chain) != original || mode(t, chain) != 0o750 {
		t.Fatalf("chained file differs: mode %v, %q", mode(t, chain), read(t, chain))
	}
	states, err := Inspect(repo)
	if err != nil {
		t.Fatal(err)
	}
	if s := states[0]; !s.Ours || !s.Chained || s.Foreign {
		t.Fatalf("Inspect: %+v", s)
	}

	// Reinstalling keeps the chain as it is.
	if got := whats(mustInstall(t, repo, Options{Binary: "/bin/tm"}))["post-commit"]; got != "up to date" {
		t.Fatalf("reinstall: %q", got)
	}
	if read(t, chain) != original {
		t.Fatal("reinstall changed the chained hook")
	}

	w = whats(mustUninstall(t, repo))
	if w["post-commit"] != "restored existing hook" || w["post-merge"] != "removed" || w["post-rewrite"] != "removed" {
		t.Fatalf("Uninstall: %v", w)
	}
	if read(t, hook) != original || mode(t, hook) != 0o750 {
		t.Fatalf("restored hook differs: mode %v, %q", mode(t, hook), read(t, hook))
	}
	for _, p := range []string{chain, filepath.Join(dir, ChainDir), filepath.Join(dir, "post-merge"), filepath.Join(dir, "post-rewrite")} {
		if exists(p) {
			t.Errorf("%s left behind", p)
		}
	}

	// Again: harmless, and the restored hook is now someone else's.
	w = whats(mustUninstall(t, repo))
	if w["post-commit"] != "left foreign hook alone" || w["post-merge"] != "not installed" {
		t.Fatalf("second Uninstall: %v", w)
	}
	if read(t, hook) != original {
		t.Fatal("second Uninstall touched the user's hook")
	}
}

func TestUninstallLeavesReplacedHook(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	mustInstall(t, repo, Options{})
	hook := filepath.Join(repo, ".git", "hooks", "post-merge")
	write(t, hook, "#!/bin/sh\necho mine\n", 0o755)

	states, err := Inspect(repo)
	if err != nil {
		t.Fatal(err)
	}
	if s := states[1]; s.Ours || !s.Foreign {
		t.Fatalf("Inspect: %+v", s)
	}
	if got := whats(mustUninstall(t, repo))["post-merge"]; got != "left foreign hook alone" {
		t.Fatalf("Uninstall: %q", got)
	}
	if read(t, hook) != "#!/bin/sh\necho mine\n" {
		t.Fatal("user's hook changed")
	}
}

func TestUninstallRestoresOrphanedChain(t *testing.T) {
	for _, layout := range []string{"chained folder", "version 1"} {
		t.Run(layout, func(t *testing.T) {
			root := hermetic(t)
			repo := newRepo(t, filepath.Join(root, "repo"))
			dir := filepath.Join(repo, ".git", "hooks")
			hook := filepath.Join(dir, "post-rewrite")
			orphan := legacyPath(dir, "post-rewrite")
			if layout == "chained folder" {
				orphan = chainPath(dir, "post-rewrite")
				mkdir(t, filepath.Dir(orphan))
			}
			write(t, orphan, "#!/bin/sh\necho old\n", 0o700)

			states, err := Inspect(repo)
			if err != nil {
				t.Fatal(err)
			}
			if s := states[2]; s.Ours || s.Foreign || !s.Chained || s.ChainedPath != orphan {
				t.Fatalf("Inspect: %+v", s)
			}
			if got := whats(mustUninstall(t, repo))["post-rewrite"]; got != "restored existing hook" {
				t.Fatalf("Uninstall: %q", got)
			}
			if read(t, hook) != "#!/bin/sh\necho old\n" || mode(t, hook) != 0o700 || exists(orphan) {
				t.Fatal("orphaned chain not restored as it was")
			}
			if exists(filepath.Join(dir, ChainDir)) {
				t.Fatalf("%s left behind", ChainDir)
			}
		})
	}
}

func TestInstallRefusesToOverwriteChain(t *testing.T) {
	for _, layout := range []string{"chained folder", "version 1"} {
		t.Run(layout, func(t *testing.T) {
			root := hermetic(t)
			repo := newRepo(t, filepath.Join(root, "repo"))
			dir := filepath.Join(repo, ".git", "hooks")
			hook := filepath.Join(dir, "post-rewrite")
			other := legacyPath(dir, "post-rewrite")
			if layout == "chained folder" {
				other = chainPath(dir, "post-rewrite")
				mkdir(t, filepath.Dir(other))
			}
			write(t, hook, "#!/bin/sh\necho new\n", 0o755)
			write(t, other, "#!/bin/sh\necho old\n", 0o755)

			_, err := Install(repo, Options{})
			if err == nil {
				t.Fatal("Install overwrote a file")
			}
			if !strings.Contains(err.Error(), hook) || !strings.Contains(err.Error(), other) {
				t.Fatalf("error does not name both files: %v", err)
			}
			if read(t, hook) != "#!/bin/sh\necho new\n" || read(t, other) != "#!/bin/sh\necho old\n" {
				t.Fatal("files changed")
			}
			// Nothing else was installed either.
			if exists(filepath.Join(dir, "post-commit")) {
				t.Fatal("Install went half way")
			}
		})
	}
}

func TestInstallRejectsRelativePaths(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	for _, o := range []Options{{Binary: "bin/tm"}, {NoticeFile: "notice"}} {
		if _, err := Install(repo, o); err == nil {
			t.Errorf("Install(%+v) accepted a relative path", o)
		}
	}
}

func TestInspectNotARepository(t *testing.T) {
	root := hermetic(t)
	for name, f := range map[string]func(string) error{
		"Inspect":   func(p string) error { _, err := Inspect(p); return err },
		"Uninstall": func(p string) error { _, err := Uninstall(p); return err },
		"Install":   func(p string) error { _, err := Install(p, Options{}); return err },
	} {
		err := f(root)
		var owned *OwnedError
		if err == nil || errors.As(err, &owned) {
			t.Errorf("%s outside a repository: %v", name, err)
		}
	}
}
