package analyze

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FindGitDir returns the common git folder of the repository containing dir
// by reading files only: `.git` folders, `gitdir:` files of linked worktrees
// and their `commondir`. The hook path uses it because starting git would
// cost a commit more time than everything else the hook does. gitDirEnv is
// $GIT_DIR when git set it for the hook.
func FindGitDir(dir, gitDirEnv string) (string, error) {
	if gitDirEnv != "" {
		if !filepath.IsAbs(gitDirEnv) {
			gitDirEnv = filepath.Join(dir, gitDirEnv)
		}
		return commonDir(gitDirEnv)
	}
	for d := dir; ; {
		p := filepath.Join(d, ".git")
		st, err := os.Stat(p)
		if err == nil {
			if st.IsDir() {
				return commonDir(p)
			}
			return gitDirFromFile(p)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("%s: %w", dir, ErrNotRepo)
		}
		d = parent
	}
}

func gitDirFromFile(p string) (string, error) {
	raw, err := os.ReadFile(p)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", p, err)
	}
	target, ok := strings.CutPrefix(strings.TrimSpace(string(raw)), "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s: not a gitdir file", p)
	}
	target = strings.TrimSpace(target)
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(p), target)
	}
	return commonDir(target)
}

// commonDir follows a linked worktree's commondir file to the folder shared
// by all worktrees, and resolves symlinks so that every path to the same
// repository gives the same answer.
func commonDir(gitDir string) (string, error) {
	raw, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if err == nil {
		c := strings.TrimSpace(string(raw))
		if !filepath.IsAbs(c) {
			c = filepath.Join(gitDir, c)
		}
		gitDir = c
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("read commondir: %w", err)
	}
	resolved, err := filepath.EvalSymlinks(gitDir)
	if err != nil {
		return "", fmt.Errorf("resolve git folder: %w", err)
	}
	return filepath.Clean(resolved), nil
}

// RepoID is the short stable name of a repository, derived from its common
// git folder, so that the hook can compute it without asking anyone.
func RepoID(commonGitDir string) string {
	sum := sha256.Sum256([]byte(commonGitDir))
	return hex.EncodeToString(sum[:6])
}
