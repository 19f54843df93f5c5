package daemon

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/config"
)

func tempPaths(t *testing.T) config.Paths {
	t.Helper()
	// Short: the socket path must fit in a sockaddr_un.
	dir, err := os.MkdirTemp("", "tmrv")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	p := config.Paths{ConfigDir: filepath.Join(dir, "c"), StateDir: filepath.Join(dir, "s"), RuntimeDir: filepath.Join(dir, "r")}
	if err := p.EnsureState(); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCrashedOrStoppedOnPurpose follows the pid file and the stop notice
// through a daemon's lives.
func TestCrashedOrStoppedOnPurpose(t *testing.T) {
	p := tempPaths(t)
	if Crashed(p) || StoppedOnPurpose(p) {
		t.Fatal("no daemon ever ran: neither crashed nor stopped")
	}

	// Running: not crashed.
	lock, err := acquireLock(p.DaemonLock())
	if err != nil {
		t.Fatal(err)
	}
	if Crashed(p) {
		t.Fatal("a running daemon counts as crashed")
	}
	// It dies without a stop on purpose (a crash, SIGTERM at reboot): the
	// pid stays, the lock goes.
	lock.release()
	if !Crashed(p) {
		t.Fatal("a daemon that died is not seen as crashed")
	}

	// Started and stopped on purpose: pid cleared, notice left.
	lock, err = acquireLock(p.DaemonLock())
	if err != nil {
		t.Fatal(err)
	}
	onPurpose(p, lock)
	lock.release()
	if Crashed(p) || !StoppedOnPurpose(p) {
		t.Fatalf("stopped on purpose: crashed %v, stopped %v", Crashed(p), StoppedOnPurpose(p))
	}
	line, err := os.ReadFile(filepath.Join(p.NoticeDir(), "daemon-stopped"))
	if err != nil || !strings.HasPrefix(string(line), "ticket-master: the daemon is stopped") {
		t.Fatalf("notice %q, %v", line, err)
	}

	// A later crash of a daemon started since: the start removed the
	// notice, so the hooks start it again.
	clearStopped(p)
	lock, _ = acquireLock(p.DaemonLock())
	lock.release()
	if !Crashed(p) {
		t.Fatal("a crash after a restart is not seen")
	}
}

// TestReviveStartsADaemonThatDied: with a pid file naming a dead daemon,
// Revive runs the start policy, once even if many hooks ask together; it
// does nothing for a daemon stopped on purpose.
func TestReviveStartsADaemonThatDied(t *testing.T) {
	p := tempPaths(t)
	starts := filepath.Join(p.StateDir, "starts")
	exe := filepath.Join(p.StateDir, "fake-ticket-master")
	// The fake daemon says it started and exits at once, so each Revive
	// reports an error after trying; what counts is that it tried.
	if err := os.WriteFile(exe, []byte("#!/bin/sh\necho \"$*\" >> '"+starts+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := &Starter{Paths: p, Exe: exe, NoInstall: true}
	ctx := context.Background()
	count := func() int {
		raw, _ := os.ReadFile(starts)
		return strings.Count(string(raw), "daemon run\n")
	}

	if tried, _ := s.Revive(ctx); tried || count() != 0 {
		t.Fatal("Revive started a daemon that never ran")
	}
	lock, _ := acquireLock(p.DaemonLock())
	lock.release() // died

	// Another hook is starting it: this one leaves it to that one.
	guard, err := tryLock(filepath.Join(p.StateDir, "daemon.start.lock"))
	if err != nil {
		t.Fatal(err)
	}
	if tried, _ := s.Revive(ctx); tried || count() != 0 {
		t.Fatal("two hooks started the daemon")
	}
	guard.release()

	tried, err := s.Revive(ctx)
	if !tried || count() != 1 {
		t.Fatalf("Revive did not start a daemon that died: tried %v, %d starts, %v", tried, count(), err)
	}

	// Stopped on purpose: the hooks leave it stopped.
	markStopped(p)
	if tried, _ := s.Revive(ctx); tried || count() != 1 {
		t.Fatal("Revive started a daemon stopped on purpose")
	}
}

func TestDaemonEnvDropsWhatGitSetsForTheHook(t *testing.T) {
	got := daemonEnv([]string{
		"HOME=/home/u", "PATH=/usr/bin", "GIT_CONFIG_GLOBAL=/g", "OLLAMA_HOST=x",
		"GH_TOKEN=secret", "GIT_INDEX_FILE=.git/index", "GIT_AUTHOR_DATE=@1 +0000", "GIT_EDITOR=:",
		"GIT_DIR=.git", "TICKET_MASTER=0", "GIT_REFLOG_ACTION=rebase",
	})
	want := "HOME=/home/u PATH=/usr/bin GIT_CONFIG_GLOBAL=/g OLLAMA_HOST=x"
	if strings.Join(got, " ") != want {
		t.Fatalf("daemonEnv = %q, want %q", got, want)
	}
}
