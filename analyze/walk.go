package analyze

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ticket-master/ticket-master/finding"
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
		"--no-color", "--format=%H %P%x1f%ct%x1f%an%x1f%s"}
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
		fields := strings.SplitN(sc.Text(), "\x1f", 4)
		if len(fields) != 4 {
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
			Author:  fields[2],
			Subject: fields[3],
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
	lines, err := r.batchCheck(ctx, "%(objectname) %(objecttype)", hashes)
	if err != nil {
		return nil, err
	}
	var keep []string
	for _, line := range lines {
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

// CopyOf finds the commit on the branches (reachable from tips) that is a
// copy of commit: the same author date and subject, as a rebase, an amend
// that kept the message, or a cherry-pick leaves them. Only commits not
// reachable from commit itself are looked at, newest first, at most a few
// thousand. ok is false when there is none (or commit no longer exists).
func (r *Repo) CopyOf(ctx context.Context, commit string, tips []string) (string, bool, error) {
	if len(tips) == 0 {
		return "", false, nil
	}
	orig, err := runGit(ctx, r.GitDir, "log", "-1", "--no-color", "--format=%at%x1f%an%x1f%s", commit, "--")
	if err != nil || orig == "" {
		return "", false, nil // pruned: nothing to compare with
	}
	var in strings.Builder
	for _, t := range tips {
		in.WriteString(t + "\n")
	}
	in.WriteString("^" + commit + "\n")
	cmd := gitCommand(ctx, r.GitDir, "-c", "log.showSignature=false", "log", "--stdin", "--no-color",
		"--max-count=5000", "--format=%H%x1f%at%x1f%an%x1f%s")
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		return "", false, fmt.Errorf("git log: %w", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		hash, rest, ok := strings.Cut(line, "\x1f")
		if ok && rest == orig {
			return hash, true, nil
		}
	}
	return "", false, nil
}

// OnRemote reports whether commit is reachable from a remote-tracking
// branch of remote (refs/remotes/REMOTE/*): whether the remote has it, as
// far as the last fetch or push knows. A commit that does not exist here
// is an error.
func (r *Repo) OnRemote(ctx context.Context, remote, commit string) (bool, error) {
	if _, err := runGit(ctx, r.GitDir, "cat-file", "-e", commit+"^{commit}"); err != nil {
		return false, fmt.Errorf("commit %s does not exist in %s", finding.ShortHash(commit), r.Path)
	}
	out, err := runGit(ctx, r.GitDir, "rev-list", "--max-count=1", commit, "--not", "--remotes="+remote)
	if err != nil {
		return false, err
	}
	return out == "", nil
}

// Remotes lists the repository's remotes with their (first) URLs, as the
// configuration writes them (before any insteadOf rewriting).
func (r *Repo) Remotes(ctx context.Context) (map[string]string, error) {
	out, err := runGit(ctx, r.GitDir, "config", "--get-regexp", `^remote\..*\.url$`)
	if err != nil {
		return map[string]string{}, nil // no remote at all
	}
	remotes := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		key, url, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(key, "remote."), ".url")
		if _, seen := remotes[name]; !seen {
			remotes[name] = url
		}
	}
	return remotes, nil
}
