package analyze

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/ticket-master/ticket-master/finding"
)

// GrepStream is grepStream in r: git grep with args (which name commit)
// read as it comes by read, which says whether it stopped early.
func (r *Repo) GrepStream(ctx context.Context, commit string, args []string, read func(io.Reader) (stopped bool)) error {
	return grepStream(ctx, r.GitDir, commit, args, read)
}

// grepStream runs git grep with args at commit and hands its output to
// read as it comes; read says whether it stopped before the end, and then
// what git still has to print is dropped and its exit is no failure. No
// line matched (exit status 1) is no failure either.
func grepStream(ctx context.Context, gitDir, commit string, args []string, read func(io.Reader) (stopped bool)) error {
	cmd := gitCommand(ctx, gitDir, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	stopped := read(out)
	_ = out.Close()
	err = cmd.Wait()
	var exit *exec.ExitError
	switch {
	case err == nil, stopped:
		return nil
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		return nil
	}
	return fmt.Errorf("git grep %s: %s", finding.ShortHash(commit), strings.TrimSpace(stderr.String()))
}
