package daemon

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/store"
)

// SkipRequest comes from a hook run under TICKET_MASTER=0.
type SkipRequest struct {
	Dir    string   // the hook's working folder (the top of the work tree)
	GitDir string   // $GIT_DIR when git set it
	Hook   string   // post-commit, post-merge or post-rewrite
	Args   []string // the hook's arguments
	// Head and OrigHead are the commits HEAD and ORIG_HEAD named when the
	// hook ran (the script reads them from git's files); empty or not a
	// commit name, HEAD and ORIG_HEAD are read now, which is late if the
	// next command has already moved them.
	Head, OrigHead string
}

// SkipCommits records as skipped every commit the hook's command made: the
// new commit of a post-commit (and, for a merge commit, all it brought),
// everything a merge or a rebase brought (ORIG_HEAD..HEAD), the amended
// commit of a post-rewrite after an amend. It returns the repository's ID
// and how many commits were newly recorded; a repository that is not
// enrolled is left alone.
func SkipCommits(ctx context.Context, st *store.Store, req SkipRequest) (repoID string, n int, err error) {
	gitDir, err := analyze.FindGitDir(req.Dir, req.GitDir)
	if err != nil {
		return "", 0, err
	}
	repoID = RepoIDOf(gitDir)
	var enrolled bool
	err = st.View(func(tx *store.Tx) error {
		rec, err := tx.Repo(repoID)
		enrolled = err == nil && rec.Enrolled
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		return err
	})
	if err != nil || !enrolled {
		return repoID, 0, err
	}
	commits, err := commitsOf(ctx, req)
	if err != nil {
		return repoID, 0, fmt.Errorf("list the commits to skip: %w", err)
	}
	err = st.Update(func(tx *store.Tx) error {
		n, err = tx.MarkSkipped(repoID, commits...)
		return err
	})
	return repoID, n, err
}

// commitsOf lists the commits req's command made.
func commitsOf(ctx context.Context, req SkipRequest) ([]string, error) {
	g := func(args ...string) (string, error) { return skipGit(ctx, req, args...) }
	arg := ""
	if len(req.Args) > 0 {
		arg = req.Args[0]
	}
	head, orig := "HEAD", "ORIG_HEAD"
	if objectName.MatchString(req.Head) {
		head = req.Head
	}
	if objectName.MatchString(req.OrigHead) {
		orig = req.OrigHead
	}
	if req.Hook == "post-merge" || (req.Hook == "post-rewrite" && arg != "amend") {
		if _, err := g("rev-parse", "--verify", "-q", orig+"^{commit}"); err == nil {
			out, err := g("rev-list", orig+".."+head)
			return strings.Fields(out), err
		}
	}
	// One new commit at HEAD; a merge commit also brought what its other
	// parents hold that its first parent does not.
	out, err := g("rev-list", "--parents", "-n", "1", head)
	if err != nil {
		return nil, err
	}
	f := strings.Fields(out)
	if len(f) <= 2 {
		return f[:min(len(f), 1)], nil
	}
	out, err = g("rev-list", head, "--not", f[1])
	return strings.Fields(out), err
}

// objectName is a full SHA-1 or SHA-256 commit name.
var objectName = lazyregexp.New(`^[0-9a-f]{40}([0-9a-f]{24})?$`)

// skipGit runs git for req's repository: in its working folder, with its
// $GIT_DIR when the hook had one, and none of the other variables git sets
// for hooks (an index file of a rebase, say).
func skipGit(ctx context.Context, req SkipRequest, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = req.Dir
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR",
			"GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE":
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	if req.GitDir != "" {
		gd := req.GitDir
		if !filepath.IsAbs(gd) {
			gd = filepath.Join(req.Dir, gd)
		}
		cmd.Env = append(cmd.Env, "GIT_DIR="+gd)
	}
	cmd.Env = append(cmd.Env, "LC_ALL=C", "GIT_OPTIONAL_LOCKS=0")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %w: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(stdout.String()), nil
}
