package analyze

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// NewCommits lists the commits reachable from tips but not from boundary,
// oldest first (parents before children), at most max of them (the newest
// ones) when max > 0. Boundary commits that no longer exist (pruned after a
// rebase) are ignored rather than failing the walk.
//
// The walk is git's own (`git log --stdin`): excluding everything reachable
// from a set of commits is what git does best, and it stays fast on
// histories of any size.
func (r *Repo) NewCommits(ctx context.Context, tips, boundary []string, max int) ([]Commit, error) {
	if len(tips) == 0 {
		return nil, nil
	}
	existing, err := r.existingCommits(ctx, boundary)
	if err != nil {
		return nil, err
	}
	var in strings.Builder
	for _, t := range tips {
		in.WriteString(t + "\n")
	}
	for _, b := range existing {
		in.WriteString("^" + b + "\n")
	}
	args := []string{"-c", "log.showSignature=false", "log", "--stdin", "--topo-order", "--reverse",
		"--no-color", "--format=%H %P%x1f%ct%x1f%s"}
	if max > 0 {
		args = append(args, "--max-count="+strconv.Itoa(max))
	}
	cmd := gitCommand(ctx, r.GitDir, args...)
	cmd.Stdin = strings.NewReader(in.String())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("git log: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git log: %w", err)
	}
	commits, perr := parseLog(stdout)
	werr := cmd.Wait()
	if werr != nil {
		return nil, fmt.Errorf("git log: %s", firstLine(stderr.String(), werr))
	}
	if perr != nil {
		return nil, perr
	}
	return commits, nil
}

func firstLine(s string, fallback error) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "fatal: "))
	if s == "" {
		return fallback.Error()
	}
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func parseLog(rd io.Reader) ([]Commit, error) {
	var out []Commit
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		fields := strings.SplitN(sc.Text(), "\x1f", 3)
		if len(fields) != 3 {
			return nil, fmt.Errorf("git log: unexpected line %q", sc.Text())
		}
		ids := strings.Fields(fields[0])
		if len(ids) == 0 {
			return nil, fmt.Errorf("git log: unexpected line %q", sc.Text())
		}
		secs, _ := strconv.ParseInt(fields[1], 10, 64)
		out = append(out, Commit{
			Hash:    ids[0],
			Parents: ids[1:],
			Time:    time.Unix(secs, 0).UTC(),
			Subject: fields[2],
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read git log: %w", err)
	}
	return out, nil
}

// existingCommits keeps the hashes that still name commits in the repository.
func (r *Repo) existingCommits(ctx context.Context, hashes []string) ([]string, error) {
	if len(hashes) == 0 {
		return nil, nil
	}
	cmd := gitCommand(ctx, r.GitDir, "cat-file", "--batch-check=%(objectname) %(objecttype)")
	cmd.Stdin = strings.NewReader(strings.Join(hashes, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	var keep []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if hash, typ, ok := strings.Cut(line, " "); ok && typ == "commit" {
			keep = append(keep, hash)
		}
	}
	return keep, nil
}

// RecentCommits lists the last n commits reachable from tips, oldest first:
// the history `enroll --backfill N` and `analyze --last N` look at.
func (r *Repo) RecentCommits(ctx context.Context, tips []string, n int) ([]Commit, error) {
	return r.NewCommits(ctx, tips, nil, n)
}

// ResolveRevision returns the commit a revision names.
func (r *Repo) ResolveRevision(ctx context.Context, rev string) (string, error) {
	h, err := runGit(ctx, r.GitDir, "rev-parse", "-q", "--verify", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%q does not name a commit in %s", rev, r.Path)
	}
	return h, nil
}

// Unreachable reports whether any of the old tips is no longer reachable
// from the current ones: history was rewritten (amend, rebase, reset) or a
// branch deleted, so what those commits added may be gone without any
// commit removing it.
func (r *Repo) Unreachable(ctx context.Context, old, current []string) (bool, error) {
	if len(old) == 0 {
		return false, nil
	}
	existing, err := r.existingCommits(ctx, old)
	if err != nil {
		return false, err
	}
	if len(existing) < len(old) {
		return true, nil // pruned: certainly not reachable
	}
	if len(current) == 0 {
		return true, nil
	}
	commits, err := r.NewCommits(ctx, existing, current, 1)
	return len(commits) > 0, err
}
