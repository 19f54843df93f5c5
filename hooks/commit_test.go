package hooks

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests run real git commands in temp repositories, with a fake
// ticket-master (a sh script) that appends its arguments to an events file.

// foreignHook is a user's hook: it logs its name and arguments to events
// and copies its stdin to <events>.<hook>.stdin.
func foreignHook(t *testing.T, path, events, extra string) {
	t.Helper()
	write(t, path, "#!/bin/sh\n"+
		"printf 'foreign %s %s\\n' \"${0##*/}\" \"$*\" >> "+shQuote(events)+"\n"+
		"cat > "+shQuote(events)+".\"${0##*/}\".stdin\n"+
		extra, 0o755)
}

// TestCommitRunsChainedHookFirst: the chained hook runs first, under its
// own name (hooks that dispatch on $0 keep working), with the arguments and
// stdin git gave.
func TestCommitRunsChainedHookFirst(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	dir := filepath.Join(repo, ".git", "hooks")
	events := filepath.Join(root, "events")
	bin := filepath.Join(root, "bin", "ticket-master")
	fakeBinary(t, bin, events)
	foreignHook(t, filepath.Join(dir, "post-commit"), events, "")
	foreignHook(t, filepath.Join(dir, "post-rewrite"), events, "")
	mustInstall(t, repo, Options{Binary: bin})

	run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "one")
	lines := waitFor(t, events, "binary hook post-commit --no-notice --")
	if i := indexOf(lines, "foreign post-commit "); i < 0 || i > indexOf(lines, "binary hook post-commit --no-notice --") {
		t.Fatalf("chained hook did not run before the binary: %q", lines)
	}

	// post-rewrite gets an argument and the rewritten commits on stdin.
	before, _ := run(t, repo, nil, "git", "rev-parse", "HEAD")
	run(t, repo, nil, "git", "commit", "-q", "--amend", "--allow-empty", "-m", "one, amended")
	after, _ := run(t, repo, nil, "git", "rev-parse", "HEAD")
	lines = waitFor(t, events, "binary hook post-rewrite --no-notice -- amend")
	// The amend ran post-commit too, in the background.
	waitForN(t, events, "binary hook post-commit --no-notice --", 2)
	if i := indexOf(lines, "foreign post-rewrite amend"); i < 0 || i > indexOf(lines, "binary hook post-rewrite --no-notice -- amend") {
		t.Fatalf("chained post-rewrite did not run first with its argument: %q", lines)
	}
	stdin := read(t, events+".post-rewrite.stdin")
	if want := strings.TrimSpace(before) + " " + strings.TrimSpace(after) + "\n"; stdin != want {
		t.Fatalf("chained post-rewrite got stdin %q, want %q", stdin, want)
	}
}

func TestCommitNoticeAndOptOut(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	events := filepath.Join(root, "events")
	bin := filepath.Join(root, "bin", "ticket-master")
	notice := filepath.Join(root, "notice")
	fakeBinary(t, bin, events)
	foreignHook(t, filepath.Join(repo, ".git", "hooks", "post-commit"), events, "")
	mustInstall(t, repo, Options{Binary: bin, NoticeFile: notice})

	// No notice file yet: the hook says nothing.
	_, stderr := run(t, repo, []string{"TM_TAG=quiet"}, "git", "commit", "-q", "--allow-empty", "-m", "quiet")
	if stderr != "" {
		t.Fatalf("stderr without a notice: %q", stderr)
	}
	waitFor(t, events, "binary quiet hook post-commit --no-notice --")

	write(t, notice, "ticket-master: 3 issue drafts waiting\nsecond line\n", 0o644)
	_, stderr = run(t, repo, []string{"TM_TAG=notice"}, "git", "commit", "-q", "--allow-empty", "-m", "notice")
	if stderr != "ticket-master: 3 issue drafts waiting\n" {
		t.Fatalf("stderr %q, want the notice's first line", stderr)
	}
	waitFor(t, events, "binary notice hook post-commit --no-notice --")

	// An empty first line means no notice.
	write(t, notice, "\nlater\n", 0o644)
	if _, stderr = run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "empty"); stderr != "" {
		t.Fatalf("stderr with an empty first line: %q", stderr)
	}

	// While the daemon is stopped on purpose, its line wins.
	stopped := filepath.Join(root, StoppedNotice)
	write(t, stopped, "ticket-master: the daemon is stopped\n", 0o644)
	if _, stderr = run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "stopped"); stderr != "ticket-master: the daemon is stopped\n" {
		t.Fatalf("stderr with the daemon stopped: %q", stderr)
	}
	if err := os.Remove(stopped); err != nil {
		t.Fatal(err)
	}

	// TICKET_MASTER=0: the chained hook still runs, and the binary only to
	// record the commit as skipped (no --no-notice: it is not a nudge); no
	// notice.
	write(t, notice, "should not show\n", 0o644)
	_, stderr = run(t, repo, []string{"TICKET_MASTER=0", "TM_TAG=off"}, "git", "commit", "-q", "--allow-empty", "-m", "off")
	if stderr != "" {
		t.Fatalf("stderr with TICKET_MASTER=0: %q", stderr)
	}
	head, _ := run(t, repo, nil, "git", "rev-parse", "HEAD")
	waitFor(t, events, "binary off hook post-commit --head "+strings.TrimSpace(head)+" --orig-head  --")
	run(t, repo, []string{"TM_TAG=on"}, "git", "commit", "-q", "--allow-empty", "-m", "on")
	lines := waitFor(t, events, "binary on hook post-commit --no-notice --")
	var foreign int
	for _, l := range lines {
		if strings.HasPrefix(l, "foreign ") {
			foreign++
		}
	}
	if foreign != 6 {
		t.Fatalf("chained hook ran %d times in 6 commits: %q", foreign, lines)
	}
}

func TestCommitSurvivesFailingForeignHook(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	events := filepath.Join(root, "events")
	bin := filepath.Join(root, "bin", "ticket-master")
	fakeBinary(t, bin, events)
	foreignHook(t, filepath.Join(repo, ".git", "hooks", "post-commit"), events, "exit 1\n")
	mustInstall(t, repo, Options{Binary: bin})

	cmd := exec.Command("git", "commit", "-q", "--allow-empty", "-m", "x")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git commit failed because of the chained hook: %v\n%s", err, out)
	}
	waitFor(t, events, "binary hook post-commit --no-notice --")
}

func TestCommitWithQuotesAndSpacesInPaths(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "it's a repo"))
	events := filepath.Join(root, "it's events")
	bin := filepath.Join(root, "bin dir", "it's ticket-master")
	notice := filepath.Join(root, "state dir", "it's notice")
	fakeBinary(t, bin, events)
	mkdir(t, filepath.Dir(notice))
	write(t, notice, "it's a notice\n", 0o644)
	mustInstall(t, repo, Options{Binary: bin, NoticeFile: notice})

	_, stderr := run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "x")
	if stderr != "it's a notice\n" {
		t.Fatalf("stderr %q", stderr)
	}
	waitFor(t, events, "binary hook post-commit --no-notice --")
}

// TestCommitFallsBackToPath: when the installed binary is gone the hook
// calls ticket-master on PATH, and with none there it does nothing, quietly.
func TestCommitFallsBackToPath(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	events := filepath.Join(root, "events")
	pathDir := filepath.Join(root, "path bin")
	fakeBinary(t, filepath.Join(pathDir, "ticket-master"), events)
	mustInstall(t, repo, Options{Binary: filepath.Join(root, "moved", "ticket-master")})

	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	shPath, err := exec.LookPath("sh")
	if err != nil {
		t.Fatal(err)
	}
	basePath := filepath.Dir(gitPath) + string(os.PathListSeparator) + filepath.Dir(shPath)

	t.Setenv("PATH", pathDir+string(os.PathListSeparator)+basePath)
	run(t, repo, []string{"TM_TAG=path"}, "git", "commit", "-q", "--allow-empty", "-m", "x")
	waitFor(t, events, "binary path hook post-commit --no-notice --")

	t.Setenv("PATH", basePath)
	if p, err := exec.LookPath("ticket-master"); err == nil {
		t.Skipf("a real ticket-master is on PATH at %s", p)
	}
	if _, stderr := run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "y"); stderr != "" {
		t.Fatalf("hook without any binary wrote %q", stderr)
	}
}
