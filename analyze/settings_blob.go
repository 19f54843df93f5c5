package analyze

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// RepoSettingsAt returns the .ticket-master.yaml committed at commit, or
// nil when the commit has none. The daemon reads the team's settings from
// the commit it analyses, never from the working tree, so that what it
// does depends on history alone (as a CI run would) and not on an
// uncommitted edit or on what a link in the working tree points at.
//
// Only a regular file is read (mode 100644 or 100755): a symbolic link, a
// submodule or a folder of that name is an error, and so is a file over
// config.MaxRepoFile, refused from its size in the tree before any of it
// is read, and read through a limit all the same.
//
// What a commit named by its hash holds never changes: it is read once per
// Repo (a backfill asks at its newest commit, then again as it follows the
// code there).
func (r *Repo) RepoSettingsAt(ctx context.Context, commit string) ([]byte, error) {
	if commit == "" || strings.HasPrefix(commit, "-") {
		return nil, fmt.Errorf("read %s: %q is not a commit", config.RepoFile, commit)
	}
	if !isHash(commit) {
		return r.repoSettingsAt(ctx, commit)
	}
	r.settingsMu.Lock()
	data, known := r.settingsAt[commit]
	r.settingsMu.Unlock()
	if known {
		return data, nil
	}
	data, err := r.repoSettingsAt(ctx, commit)
	if err != nil {
		return nil, err
	}
	r.settingsMu.Lock()
	defer r.settingsMu.Unlock()
	if r.settingsAt == nil {
		r.settingsAt = map[string][]byte{}
	}
	r.settingsAt[commit] = data
	return data, nil
}

func (r *Repo) repoSettingsAt(ctx context.Context, commit string) ([]byte, error) {
	out, err := runGit(ctx, r.GitDir, "ls-tree", "-l", "-z", "--full-tree", commit, "--", config.RepoFile)
	if err != nil {
		return nil, fmt.Errorf("read %s at %s: %w", config.RepoFile, finding.ShortHash(commit), err)
	}
	entry, _, _ := strings.Cut(out, "\x00")
	if entry == "" {
		return nil, nil
	}
	meta, _, _ := strings.Cut(entry, "\t")
	f := strings.Fields(meta) // mode, type, object, size
	if len(f) != 4 {
		return nil, fmt.Errorf("read %s at %s: unexpected answer from git ls-tree: %q", config.RepoFile, finding.ShortHash(commit), entry)
	}
	mode, object, sizeText := f[0], f[2], f[3]
	bad := func(msg string) error {
		return &config.FileError{File: committedName(commit), Problems: []config.Problem{{Msg: msg}}}
	}
	switch mode {
	case "100644", "100755":
	case "120000":
		return nil, bad("is a symbolic link in this commit; ticket-master reads only a regular file: commit the settings themselves")
	case "160000":
		return nil, bad("is a submodule in this commit, not a settings file")
	case "040000":
		return nil, bad("is a folder in this commit, not a settings file")
	default:
		return nil, bad("is not a regular file in this commit (mode " + mode + ")")
	}
	size, err := strconv.ParseInt(sizeText, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("read %s at %s: unexpected size %q from git ls-tree", config.RepoFile, finding.ShortHash(commit), sizeText)
	}
	if size > config.MaxRepoFile {
		return nil, bad(config.TooLarge(size, config.MaxRepoFile))
	}
	return r.readBlobLimited(ctx, object, config.MaxRepoFile)
}

// readBlobLimited reads a blob of at most max bytes, stopping git if it
// sends more.
func (r *Repo) readBlobLimited(ctx context.Context, object string, max int64) ([]byte, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := gitCommand(ctx, r.GitDir, "cat-file", "blob", object)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", config.RepoFile, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("read %s: %w", config.RepoFile, err)
	}
	data, rerr := io.ReadAll(io.LimitReader(stdout, max+1))
	if int64(len(data)) > max {
		cancel() // kills git: nothing more is wanted from it
		_ = cmd.Wait()
		return nil, fmt.Errorf("read %s: the blob is larger than its tree entry said", config.RepoFile)
	}
	if werr := cmd.Wait(); werr != nil {
		return nil, fmt.Errorf("read %s: git cat-file: %s", config.RepoFile, firstLine(stderr.String(), werr))
	}
	if rerr != nil {
		return nil, fmt.Errorf("read %s: %w", config.RepoFile, rerr)
	}
	return data, nil
}

// LoadRepoSettingsAt reads and checks the .ticket-master.yaml committed at
// commit: what the daemon analyses that commit with. No file is no
// settings. Errors name the file as COMMIT:.ticket-master.yaml with each
// problem's line.
func (r *Repo) LoadRepoSettingsAt(ctx context.Context, commit string) (config.RepoSettings, error) {
	data, err := r.RepoSettingsAt(ctx, commit)
	if err != nil || data == nil {
		return config.RepoSettings{}, err
	}
	s, err := config.ParseRepoSettings(data)
	var fe *config.FileError
	if errors.As(err, &fe) {
		return s, fe.In(committedName(commit))
	}
	return s, err
}

// committedName names the committed file as git's own COMMIT:PATH, which
// `git show` takes as it is.
func committedName(commit string) string {
	if isHash(commit) {
		commit = finding.ShortHash(commit)
	}
	return commit + ":" + config.RepoFile
}

func isHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

// NewestCommit returns the commit with the latest commit date among
// hashes (a reconcile's tips, say), or "" for none: the commit whose
// .ticket-master.yaml the daemon goes by.
func (r *Repo) NewestCommit(ctx context.Context, hashes []string) (string, error) {
	switch len(hashes) {
	case 0:
		return "", nil
	case 1:
		return hashes[0], nil // the newest of one: its callers read it from a ref
	}
	cmd := gitCommand(ctx, r.GitDir, "rev-list", "--no-walk", "--max-count=1", "--stdin")
	cmd.Stdin = strings.NewReader(strings.Join(hashes, "\n") + "\n")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git rev-list: %s", firstLine(stderr.String(), err))
	}
	return strings.TrimSpace(string(out)), nil
}
