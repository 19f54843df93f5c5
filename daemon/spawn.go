package daemon

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/ticket-master/ticket-master/config"
)

// StartDetached starts `<exe> daemon run` in the background, detached from
// the caller's terminal and session, with its output appended to the daemon
// log, and waits until it answers. It is how enroll and `daemon start` make
// sure a daemon runs where no OS service manager does (issue #5 adds one).
// started is false when a daemon was already running.
func StartDetached(ctx context.Context, paths config.Paths, exe string) (started bool, err error) {
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
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		return false, err
	}
	defer devnull.Close()
	cmd := exec.Command(exe, "daemon", "run")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = devnull, logf, logf
	// The daemon must not keep the caller's folder busy, nor hold GitHub
	// tokens it never uses (publishing happens in the CLI).
	cmd.Dir = "/"
	cmd.Env = daemonEnv(os.Environ())
	cmd.SysProcAttr = detachAttr()
	if err := cmd.Start(); err != nil {
		return false, fmt.Errorf("start daemon: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-exited:
			// It may have lost a race with another daemon starting now.
			if _, serr := c.Status(ctx); serr == nil {
				return false, nil
			}
			return false, fmt.Errorf("the daemon exited at once (%v); see %s", err, paths.DaemonLog())
		case <-tick.C:
			if _, err := c.Status(ctx); err == nil {
				return true, nil
			}
		case <-deadline.C:
			return false, fmt.Errorf("the daemon did not answer within 10s; see %s", paths.DaemonLog())
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
}

// Stop asks a running daemon to stop and waits until its socket is gone.
// stopped is false when no daemon was running.
func Stop(ctx context.Context, paths config.Paths) (stopped bool, err error) {
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
// GitHub tokens.
func daemonEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN":
			continue
		}
		out = append(out, kv)
	}
	return out
}
