package install

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Runner runs a command and returns its standard output. A failure's error
// carries the command's standard error, which is where systemctl, launchctl
// and schtasks say what went wrong. Tests pass their own to record calls.
type Runner func(ctx context.Context, name string, args ...string) ([]byte, error)

// commandTimeout bounds each call to a service manager: a user bus or a
// launchd domain that is wedged must not hang `ticket-master status`.
const commandTimeout = 10 * time.Second

// execRunner runs the command found on PATH.
func execRunner(ctx context.Context, name string, args ...string) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// A child that keeps the pipes open must not outlive the timeout.
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return stdout.Bytes(), fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, msg)
		}
		return stdout.Bytes(), fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return stdout.Bytes(), nil
}

// run calls the manager's runner with the standard timeout.
func (m *Manager) run(timeout time.Duration, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return m.runner(ctx, name, args...)
}
