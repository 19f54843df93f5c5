package daemon

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/ticket-master/ticket-master/config"
)

// startDetached starts `<exe> daemon run` in the background, detached from
// the caller's terminal and session, with its output appended to the daemon
// log, and waits up to wait until it answers. It is how a daemon runs where
// no OS service manager does. started is false when a daemon was already
// running. Cancelling ctx stops the wait, not the daemon.
func startDetached(ctx context.Context, paths config.Paths, exe string, wait time.Duration) (started bool, err error) {
	c := NewClient(paths.Socket(), 2*time.Second)
	if _, err := c.Status(ctx); err == nil {
		return false, nil
	}
	if err := paths.EnsureState(); err != nil {
		return false, err
	}
	logf, err := os.OpenFile(paths.DaemonLog(), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return false, fmt.Errorf("open daemon log: %w", err)
	}
	defer logf.Close()
	logStart, err := logf.Seek(0, io.SeekEnd)
	if err != nil {
		return false, fmt.Errorf("open daemon log: %w", err)
	}
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		return false, err
	}
	defer devnull.Close()
	cmd := exec.Command(exe, "daemon", "run")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = devnull, logf, logf
	// The daemon must not keep the caller's folder busy, nor hold GitHub
	// tokens it never uses (publishing happens in the CLI), nor what git
	// tells a hook about the command at hand.
	cmd.Dir = "/"
	cmd.Env = daemonEnv(os.Environ())
	cmd.SysProcAttr = detachAttr()
	if err := cmd.Start(); err != nil {
		return false, fmt.Errorf("start daemon: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	lost := false // ours exited while another daemon held the lock
	for {
		select {
		case err := <-exited:
			// It may have lost a race with another daemon starting now
			// (a hook reviving a daemon that died): that one holds the
			// lock and answers once it has opened the database, so wait
			// for it rather than report the loser's "already running".
			if _, serr := c.Status(ctx); serr == nil {
				return false, nil
			}
			if lockHeld(paths.DaemonLock()) {
				exited, lost = nil, true
				continue
			}
			return false, exitedAtOnce(err, paths.DaemonLog(), logStart)
		case <-tick.C:
			if _, err := c.Status(ctx); err == nil {
				return !lost, nil
			}
		case <-deadline.C:
			return false, fmt.Errorf("the daemon did not answer within %v; see %s", wait, paths.DaemonLog())
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
}

// stop asks a running daemon to stop and waits until its socket is gone.
// stopped is false when no daemon was running.
func stop(ctx context.Context, paths config.Paths) (stopped bool, err error) {
	c := NewClient(paths.Socket(), 2*time.Second)
	if err := c.Shutdown(ctx); err != nil {
		if errors.Is(err, ErrNotRunning) {
			return false, nil
		}
		return false, err
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := c.Status(ctx); errors.Is(err, ErrNotRunning) && !lockHeld(paths.DaemonLock()) {
			return true, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true, fmt.Errorf("the daemon did not stop within 10s")
}

// daemonEnv is the environment for a detached daemon: the caller's, without
// GitHub tokens, and without what git sets for a hook (a hook may start the
// daemon): the command's index, author, editor and the like. The git
// configuration variables the user set (GIT_CONFIG_GLOBAL, ...) stay.
func daemonEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN",
			"TICKET_MASTER",
			"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR",
			"GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE",
			"GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "GIT_CHERRY_PICK_HELP", "GIT_REFLOG_ACTION",
			"GIT_QUARANTINE_PATH", "GIT_EXEC_PATH", "GIT_REFLOG_MESSAGE":
			continue
		}
		if strings.HasPrefix(name, "GIT_AUTHOR_") || strings.HasPrefix(name, "GIT_COMMITTER_") {
			continue
		}
		out = append(out, kv)
	}
	return out
}
