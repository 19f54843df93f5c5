package hooks

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// installV1 writes the version 1 script of hook (as the previous release
// wrote it, kept in testdata) into dir.
func installV1(t *testing.T, dir, hook string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "v1-"+hook))
	if err != nil {
		t.Fatal(err)
	}
	mkdir(t, dir)
	write(t, filepath.Join(dir, hook), string(raw), 0o755)
}

// countPrefix counts the lines of file that start with prefix.
func countPrefix(file, prefix string) int {
	n := 0
	for _, l := range readLines(file) {
		if strings.HasPrefix(l, prefix) {
			n++
		}
	}
	return n
}

// TestNonExecutableChainedHookKeepsGitsHint: git says when it skips a hook
// that is not executable; chained, the hook still says so, in git's words,
// unless advice.ignoredHook is false.
func TestNonExecutableChainedHookKeepsGitsHint(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	events := filepath.Join(root, "events")
	write(t, filepath.Join(dir, "post-commit"), "#!/bin/sh\necho ran >> "+shQuote(events)+"\n", 0o644)

	// What git itself prints, before we are installed.
	_, gitSays := run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "before")
	gitLines := strings.Split(strings.TrimSpace(gitSays), "\n")
	if len(gitLines) != 2 || !strings.Contains(gitLines[0], "hook was ignored because it's not set as executable") {
		t.Skipf("this git prints no ignored-hook hint: %q", gitSays)
	}

	mustInstall(t, repo, Options{Binary: "/nonexistent/tm"})
	_, stderr := run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "after")
	chained := filepath.Join(".git", "hooks", ChainDir, "post-commit")
	want := "hint: The '" + chained + "' hook was ignored because it's not set as executable.\n" + gitLines[1] + "\n"
	if stderr != want {
		t.Fatalf("stderr %q\nwant   %q", stderr, want)
	}
	if exists(events) {
		t.Fatal("the non-executable hook ran")
	}

	// Made executable, it runs and the hint goes.
	if err := os.Chmod(chainPath(dir, "post-commit"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, stderr = run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "x"); stderr != "" || countPrefix(events, "ran") != 1 {
		t.Fatalf("executable chained hook: stderr %q, events %q", stderr, readLines(events))
	}

	// advice.ignoredHook false silences git, and us from the next install.
	if err := os.Chmod(chainPath(dir, "post-commit"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, repo, nil, "git", "config", "advice.ignoredHook", "false")
	if got := whats(mustInstall(t, repo, Options{Binary: "/nonexistent/tm"}))["post-commit"]; got != "updated" {
		t.Fatalf("reinstall: %q", got)
	}
	if _, stderr = run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "y"); stderr != "" {
		t.Fatalf("hint with advice.ignoredHook false: %q", stderr)
	}
}

// TestRelativeSymlinkHookKeepsPointingAtItsScript: a hook that is a
// relative symlink (a common way to keep hooks in the repository) still
// reaches its script from the chained folder, and comes back unchanged.
func TestRelativeSymlinkHookKeepsPointingAtItsScript(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	events := filepath.Join(root, "events")
	mkdir(t, filepath.Join(repo, "hook-scripts"))
	foreignHook(t, filepath.Join(repo, "hook-scripts", "post-commit"), events, "")
	hook := filepath.Join(dir, "post-commit")
	if err := os.Symlink("../../hook-scripts/post-commit", hook); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(root, "bin", "ticket-master")
	fakeBinary(t, bin, events)

	if got := whats(mustInstall(t, repo, Options{Binary: bin}))["post-commit"]; got != "chained existing hook" {
		t.Fatalf("Install: %q", got)
	}
	run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "x")
	waitFor(t, events, "binary hook post-commit --no-notice --")
	if countPrefix(events, "foreign post-commit") != 1 {
		t.Fatalf("chained symlink did not run: %q", readLines(events))
	}

	mustUninstall(t, repo)
	if target, err := os.Readlink(hook); err != nil || target != "../../hook-scripts/post-commit" {
		t.Fatalf("restored link: %q, %v", target, err)
	}
}

// TestMigrateVersion1: a version 1 install (chained hook at
// <hook>.pre-ticket-master) moves to the chained folder; the chained hook
// then sees its own name.
func TestMigrateVersion1(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	events := filepath.Join(root, "events")
	for _, h := range Names() {
		installV1(t, dir, h)
	}
	original := "#!/bin/sh\nprintf 'foreign %s\\n' \"${0##*/}\" >> " + shQuote(events) + "\n"
	write(t, legacyPath(dir, "post-commit"), original, 0o750)

	run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "v1")
	if got := readLines(events); len(got) != 1 || got[0] != "foreign post-commit.pre-ticket-master" {
		t.Fatalf("version 1 chain: %q", got)
	}
	states, err := Inspect(repo)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range states {
		if !s.Ours || !s.Outdated {
			t.Fatalf("Inspect of version 1 hooks: %+v", s)
		}
	}
	if !states[0].Chained || states[0].ChainedPath != legacyPath(dir, "post-commit") {
		t.Fatalf("Inspect: %+v", states[0])
	}

	acts := mustInstall(t, repo, Options{Binary: "/nonexistent/tm"})
	w := whats(acts)
	if w["post-commit"] != "updated, moving post-commit.pre-ticket-master to ticket-master-chained/post-commit" ||
		w["post-merge"] != "updated" || w["post-rewrite"] != "updated" {
		t.Fatalf("Install: %v", w)
	}
	chain := chainPath(dir, "post-commit")
	if exists(legacyPath(dir, "post-commit")) || read(t, chain) != original || mode(t, chain) != 0o750 {
		t.Fatalf("not moved as it was: legacy exists %v, mode %v", exists(legacyPath(dir, "post-commit")), mode(t, chain))
	}
	states, _ = Inspect(repo)
	for _, s := range states {
		if !s.Ours || s.Outdated {
			t.Fatalf("Inspect after the upgrade: %+v", s)
		}
	}
	run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "v2")
	if got := readLines(events); len(got) != 2 || got[1] != "foreign post-commit" {
		t.Fatalf("chained hook after the upgrade: %q", got)
	}

	// Both layouts are restored byte for byte; here, the new one.
	if got := whats(mustUninstall(t, repo))["post-commit"]; got != "restored existing hook" {
		t.Fatalf("Uninstall: %q", got)
	}
	hook := filepath.Join(dir, "post-commit")
	if read(t, hook) != original || mode(t, hook) != 0o750 || exists(filepath.Join(dir, ChainDir)) {
		t.Fatal("not restored as it was")
	}
}

// TestUninstallVersion1: a version 1 install that was never upgraded is
// removed as well, its chained hook put back.
func TestUninstallVersion1(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	for _, h := range Names() {
		installV1(t, dir, h)
	}
	original := "#!/bin/sh\r\necho mine\x00"
	write(t, legacyPath(dir, "post-merge"), original, 0o700)
	w := whats(mustUninstall(t, repo))
	if w["post-commit"] != "removed" || w["post-merge"] != "restored existing hook" || w["post-rewrite"] != "removed" {
		t.Fatalf("Uninstall: %v", w)
	}
	if hook := filepath.Join(dir, "post-merge"); read(t, hook) != original || mode(t, hook) != 0o700 {
		t.Fatal("not restored as it was")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sample") && e.Name() != "post-merge" {
			t.Errorf("left in the hooks folder: %s", e.Name())
		}
	}
}

// TestInstallSweepsOnlyItsLeftovers: leftovers of an interrupted run
// are swept by the next one; files of other people are not.
func TestInstallSweepsOnlyItsLeftovers(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	mkdir(t, filepath.Join(dir, ChainDir))
	ours := []string{
		filepath.Join(dir, ".post-commit.tmp-123456"),
		filepath.Join(dir, ".post-rewrite.tmp-link"),
		filepath.Join(dir, ChainDir, ".post-merge.tmp-99"),
	}
	theirs := []string{
		filepath.Join(dir, ".pre-commit.tmp-1"),
		filepath.Join(dir, "post-commit.sample"),
		filepath.Join(dir, ChainDir, "notes"),
	}
	for _, p := range append(ours, theirs...) {
		write(t, p, "x", 0o644)
	}
	mustInstall(t, repo, Options{})
	for _, p := range ours {
		if exists(p) {
			t.Errorf("leftover %s not removed", p)
		}
	}
	for _, p := range theirs {
		if !exists(p) {
			t.Errorf("%s removed", p)
		}
	}
}

// TestChainedCopyOfOurScriptIsRemoved: a copy of our own script in the chained
// folder would run itself for ever; Install removes it.
func TestChainedCopyOfOurScriptIsRemoved(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	mkdir(t, filepath.Join(dir, ChainDir))
	write(t, chainPath(dir, "post-commit"), Script("post-commit", Options{}), 0o755)
	write(t, legacyPath(dir, "post-merge"), read(t, filepath.Join("testdata", "v1-post-merge")), 0o755)
	mustInstall(t, repo, Options{})
	if exists(chainPath(dir, "post-commit")) || exists(legacyPath(dir, "post-merge")) {
		t.Fatal("a chained copy of our script was kept")
	}
	cmd := exec.Command("git", "commit", "-q", "--allow-empty", "-m", "x")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("commit: %v\n%s", err, out)
	}
}
