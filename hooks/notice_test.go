package hooks

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// noticeRepo is a repository with our hooks, a notice file with a line, a
// fake binary and a second branch "side" with two commits to rebase or
// merge.
func noticeRepo(t *testing.T) (repo, events string) {
	t.Helper()
	root := hermetic(t)
	repo = newRepo(t, filepath.Join(root, "repo"))
	events = filepath.Join(root, "events")
	bin := filepath.Join(root, "bin", "ticket-master")
	notice := filepath.Join(root, "notices", "id")
	fakeBinary(t, bin, events)
	mkdir(t, filepath.Dir(notice))
	write(t, notice, "ticket-master: 2 issue drafts waiting\n", 0o644)
	run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "base")
	run(t, repo, nil, "git", "checkout", "-q", "-b", "side")
	for _, f := range []string{"a", "b"} {
		write(t, filepath.Join(repo, f), f+"\n", 0o644)
		run(t, repo, nil, "git", "add", f)
		run(t, repo, nil, "git", "commit", "-q", "-m", f)
	}
	run(t, repo, nil, "git", "checkout", "-q", "main")
	write(t, filepath.Join(repo, "c"), "c\n", 0o644)
	run(t, repo, nil, "git", "add", "c")
	run(t, repo, nil, "git", "commit", "-q", "-m", "c")
	mustInstall(t, repo, Options{Binary: bin, NoticeFile: notice})
	return repo, events
}

// TestNoticeOncePerCommand: a rebase runs post-commit for every commit it
// picks and post-rewrite once; an amend runs post-commit and post-rewrite;
// a cherry-pick of several commits runs post-commit for each, and nothing
// after; the notice shows once in each.
func TestNoticeOncePerCommand(t *testing.T) {
	const line = "ticket-master: 2 issue drafts waiting\n"
	for _, tc := range []struct {
		name  string
		cmds  [][]string
		calls int // background calls of the binary: one per hook run
	}{
		{"commit", [][]string{{"git", "commit", "-q", "--allow-empty", "-m", "x"}}, 1},
		{"amend", [][]string{{"git", "commit", "-q", "--amend", "--allow-empty", "-m", "amended"}}, 2},
		{"merge", [][]string{{"git", "merge", "-q", "--no-edit", "side"}}, 1},
		{"rebase", [][]string{{"git", "checkout", "-q", "side"}, {"git", "rebase", "-q", "main"}}, 3},
		{"rebase --apply", [][]string{{"git", "checkout", "-q", "side"}, {"git", "rebase", "-q", "--apply", "main"}}, 1},
		{"cherry-pick", [][]string{{"git", "cherry-pick", "side~1"}}, 1},
		{"cherry-pick of two", [][]string{{"git", "cherry-pick", "side~1", "side"}}, 2},
		{"revert of two", [][]string{{"git", "checkout", "-q", "side"}, {"git", "revert", "--no-edit", "HEAD~1", "HEAD"}}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo, events := noticeRepo(t)
			var stderr string
			for _, c := range tc.cmds {
				_, e := run(t, repo, nil, c[0], c[1:]...)
				stderr += e
			}
			if n := strings.Count(stderr, line); n != 1 {
				t.Fatalf("notice shown %d times:\n%s", n, stderr)
			}
			// Every hook run still nudged: the notice is all that is once.
			waitUntil(t, func() bool { return countPrefix(events, "binary hook ") == tc.calls })
		})
	}
}

// TestNoticeInALinkedWorktreeRebase: in a linked worktree .git is a file;
// the rebase is still recognised.
func TestNoticeInALinkedWorktreeRebase(t *testing.T) {
	repo, events := noticeRepo(t)
	wt := filepath.Join(filepath.Dir(repo), "linked")
	run(t, repo, nil, "git", "worktree", "add", "-q", wt, "side")
	_, stderr := run(t, wt, nil, "git", "rebase", "-q", "main")
	if n := strings.Count(stderr, "ticket-master: 2 issue drafts waiting\n"); n != 1 {
		t.Fatalf("notice shown %d times in a linked worktree's rebase:\n%s", n, stderr)
	}
	waitUntil(t, func() bool { return countPrefix(events, "binary hook ") == 3 })
}

// TestNoticeOnItsOwnLine: on a terminal, git's rebase progress line ends in
// a carriage return; the notice clears it first, as git does before its
// own "Successfully rebased" line, so that the two are not glued together.
func TestNoticeOnItsOwnLine(t *testing.T) {
	repo, events := noticeRepo(t)
	run(t, repo, nil, "git", "checkout", "-q", "side")
	out := runOnTerminal(t, repo, []string{"TERM=xterm"}, "git", "rebase", "main")
	waitUntil(t, func() bool { return countPrefix(events, "binary hook ") == 3 })
	if !strings.Contains(out, "Rebasing (2/2)\r") {
		t.Skipf("git printed no progress line on the terminal: %q", out)
	}
	// The notice once, after a clear-line, and ending its line.
	re := regexp.MustCompile(`\r\x1b\[Kticket-master: 2 issue drafts waiting\r?\n`)
	if got := re.FindAllString(out, -1); len(got) != 1 || strings.Count(out, "drafts waiting") != 1 {
		t.Fatalf("terminal output %q", out)
	}

	// A dumb terminal gets spaces, as git gives it.
	repo, events = noticeRepo(t)
	run(t, repo, nil, "git", "checkout", "-q", "side")
	out = runOnTerminal(t, repo, []string{"TERM=dumb"}, "git", "rebase", "main")
	waitUntil(t, func() bool { return countPrefix(events, "binary hook ") == 3 })
	if !strings.Contains(out, "\r"+strings.Repeat(" ", 80)+"\rticket-master: 2 issue drafts waiting") {
		t.Fatalf("dumb terminal output %q", out)
	}
}

// TestOptOutHoldsBeforeTheChainedHook: with TICKET_MASTER=0 the hold file
// exists before anything else runs (the chained hook sees it), and the
// background call is told its name.
func TestOptOutHoldsBeforeTheChainedHook(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	events := filepath.Join(root, "events")
	bin := filepath.Join(root, "bin", "ticket-master")
	holds := filepath.Join(root, "holds")
	mkdir(t, holds)
	fakeBinary(t, bin, events)
	foreignHook(t, filepath.Join(repo, ".git", "hooks", "post-commit"), events,
		"for f in "+shQuote(holds)+"/*; do echo \"hold seen ${f##*/}\" >> "+shQuote(events)+"; done\n")
	mustInstall(t, repo, Options{Binary: bin, HoldFile: filepath.Join(holds, "repo-id")})

	run(t, repo, []string{"TICKET_MASTER=0"}, "git", "commit", "-q", "--allow-empty", "-m", "off")
	var call string
	poll := func() bool {
		for _, l := range readLines(events) {
			if strings.HasPrefix(l, "binary hook post-commit --hold ") {
				call = l
				return true
			}
		}
		return false
	}
	waitUntil(t, poll)
	lines := readLines(events)
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "hold seen repo-id.") {
		t.Fatalf("events %q", lines)
	}
	hold := filepath.Join(holds, strings.TrimPrefix(lines[1], "hold seen "))
	head, _ := run(t, repo, nil, "git", "rev-parse", "HEAD")
	if want := "binary hook post-commit --hold " + hold + " --head " + strings.TrimSpace(head) + " --orig-head  --"; call != want {
		t.Fatalf("background call %q\nwant %q", call, want)
	}
	if !exists(hold) {
		t.Fatal("the hold is gone before the binary removed it")
	}

	// Without the holds folder the hook still runs to the end: a failed
	// redirection must not end the script.
	if err := os.RemoveAll(holds); err != nil {
		t.Fatal(err)
	}
	_, stderr := run(t, repo, []string{"TICKET_MASTER=0", "TM_TAG=nohold"}, "git", "commit", "-q", "--allow-empty", "-m", "off")
	if stderr != "" {
		t.Fatalf("stderr %q", stderr)
	}
	waitUntil(t, func() bool { return countPrefix(events, "binary nohold hook post-commit --hold ") == 1 })
}

// TestOptOutPassesHeadsAsTheyWere: the background call may run after the
// next command, so the script reads HEAD and ORIG_HEAD from git's files
// itself (no fork): on a branch, detached, and in a linked worktree, whose
// branches live in the main repository's folder.
func TestOptOutPassesHeadsAsTheyWere(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	events := filepath.Join(root, "events")
	bin := filepath.Join(root, "bin", "ticket-master")
	fakeBinary(t, bin, events)
	mustInstall(t, repo, Options{Binary: bin})
	off := []string{"TICKET_MASTER=0"}
	rev := func(dir, r string) string {
		out, _ := run(t, dir, nil, "git", "rev-parse", r)
		return strings.TrimSpace(out)
	}
	expect := func(dir, hook, orig, args string) {
		t.Helper()
		want := "binary hook " + hook + " --head " + rev(dir, "HEAD") + " --orig-head " + orig + " --" + args
		deadline := time.Now().Add(10 * time.Second)
		for indexOf(readLines(events), want) < 0 {
			if time.Now().After(deadline) {
				t.Fatalf("no %q in %q", want, readLines(events))
			}
			time.Sleep(5 * time.Millisecond)
		}
	}

	run(t, repo, off, "git", "commit", "-q", "--allow-empty", "-m", "one")
	expect(repo, "post-commit", "", "")

	// A merge: ORIG_HEAD is where main was before it.
	run(t, repo, nil, "git", "branch", "side")
	run(t, repo, nil, "git", "checkout", "-q", "side")
	run(t, repo, nil, "git", "commit", "-q", "--allow-empty", "-m", "side")
	run(t, repo, nil, "git", "checkout", "-q", "main")
	before := rev(repo, "HEAD")
	run(t, repo, off, "git", "merge", "-q", "--ff-only", "side")
	expect(repo, "post-merge", before, " 0")

	// Detached.
	run(t, repo, nil, "git", "checkout", "-q", "--detach")
	run(t, repo, off, "git", "commit", "-q", "--allow-empty", "-m", "detached")
	expect(repo, "post-commit", before, "")

	// A linked worktree.
	wt := filepath.Join(root, "linked")
	run(t, repo, nil, "git", "worktree", "add", "-q", "-b", "wt", wt, "main")
	run(t, wt, off, "git", "commit", "-q", "--allow-empty", "-m", "in the worktree")
	expect(wt, "post-commit", rev(wt, "ORIG_HEAD"), "") // worktree add set it
}
