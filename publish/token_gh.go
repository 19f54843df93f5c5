package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// ghTimeout bounds `gh auth token`: it reads gh's config and perhaps the same
// OS keyring, which can hang as ours can.
const ghTimeout = 5 * time.Second

// ghCLIToken asks an installed GitHub CLI for host's token. No gh on PATH is
// not an error: it just has no token.
func ghCLIToken(ctx context.Context, host string) (string, error) {
	path, err := exec.LookPath("gh")
	if err != nil {
		return "", nil
	}
	ctx, cancel := context.WithTimeout(ctx, ghTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "auth", "token", "--hostname", host)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// Do not wait for children of gh that keep its output open.
	cmd.WaitDelay = time.Second
	out, err := cmd.Output()
	if err != nil {
		// gh prints its token only on stdout, which is not in the error;
		// scrub anyway in case a failing gh printed part of it.
		msg := strings.TrimSpace(firstLine(stderr.String()))
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			msg = "no answer within " + ghTimeout.String()
		}
		return "", scrubSecret(fmt.Errorf("gh auth token --hostname %s: %w: %s", host, err, msg), strings.TrimSpace(string(out)))
	}
	return strings.TrimSpace(string(out)), nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
