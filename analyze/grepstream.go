package analyze

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/ticket-master/ticket-master/finding"
)

// grepFunc is grepStream in one repository.
type grepFunc func(commit string, args []string, read func(io.Reader) (stopped bool)) error

// HeldAt lists, up to max, the files among globs (git's glob pathspecs)
// that hold text (a fixed string, on one line) at commit, another than the
// diff's (its parent, say): where a note a commit adds to a new file was
// already (a copy of code, with its notes). One git grep, so callers ask
// it only of what they would otherwise report. nil, with no error, when
// no repository is behind the diff.
func (cd *CommitDiff) HeldAt(commit, text string, globs []string, max int) ([]string, error) {
	if cd.grep == nil || commit == "" || len(globs) == 0 || strings.TrimSpace(text) == "" || strings.ContainsAny(text, "\n\x00") {
		return nil, nil
	}
	args := []string{"grep", "--no-color", "-I", "-l", "-z", "-F", "-e", text, commit, "--"}
	for _, g := range globs {
		args = append(args, ":(glob)"+g)
	}
	var files []string
	err := cd.grep(commit, args, func(out io.Reader) bool {
		sc := bufio.NewScanner(out)
		sc.Split(splitNUL)
		for sc.Scan() && len(files) < max {
			files = append(files, strings.TrimPrefix(sc.Text(), commit+":"))
		}
		return len(files) == max
	})
	return files, err
}

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
