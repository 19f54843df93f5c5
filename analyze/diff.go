package analyze

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CommitInfo reads one commit's metadata.
func (r *Repo) CommitInfo(ctx context.Context, hash string) (Commit, error) {
	out, err := runGit(ctx, r.GitDir, "-c", "log.showSignature=false", "log", "-1", "--no-color",
		"--format=%H %P%x1f%ct%x1f%s", hash, "--")
	if err != nil {
		return Commit{}, err
	}
	fields := strings.SplitN(out, "\x1f", 3)
	if len(fields) != 3 {
		return Commit{}, fmt.Errorf("git log: unexpected answer %q", out)
	}
	ids := strings.Fields(fields[0])
	secs, _ := strconv.ParseInt(fields[1], 10, 64)
	return Commit{Hash: ids[0], Parents: ids[1:], Time: time.Unix(secs, 0).UTC(), Subject: fields[2]}, nil
}

// DiffOf is one commit's diff against its first parent, parsed: what the
// model reviews. Like Analyze, it asks git for the diff.
func (r *Repo) DiffOf(ctx context.Context, c Commit, limits DiffLimits) (*CommitDiff, error) {
	// --no-commit-id: the stream parser is given the hash line itself below.
	args := []string{"diff-tree", "-p", "--always", "--root", "--no-commit-id", "-M", "--full-index", "--no-color",
		"--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", "--ignore-submodules"}
	if len(c.Parents) > 0 {
		args = append(args, c.Parents[0], c.Hash)
	} else {
		args = append(args, c.Hash)
	}
	cmd := gitCommand(ctx, r.GitDir, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git diff-tree: %w", err)
	}
	// The stream parser expects each commit's diff after a line with its
	// hash, as `diff-tree --stdin` prints; a single diff has none.
	pr, pw := io.Pipe()
	go func() {
		_, _ = io.WriteString(pw, c.Hash+"\n")
		_, err := io.Copy(pw, out)
		pw.CloseWithError(err)
	}()
	cd, perr := NewDiffReader(pr, limits).Next()
	_, _ = io.Copy(io.Discard, pr)
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git diff-tree: %s", firstLine(stderr.String(), err))
	}
	if perr != nil && !errors.Is(perr, io.EOF) {
		return nil, fmt.Errorf("read diff: %w", perr)
	}
	if cd == nil {
		cd = &CommitDiff{Hash: c.Hash}
	}
	return cd, nil
}
