package hooks

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Dir returns the absolute hooks folder git itself uses for the repository
// at repoPath: core.hooksPath when set, else the common git dir's hooks, so
// that a linked worktree shares the main repository's hooks.
func Dir(repoPath string) (string, error) {
	base, err := repoBase(repoPath)
	if err != nil {
		return "", err
	}
	return hooksDir(base)
}

// repoBase is the absolute, symlink-free form of repoPath. Symlinks are
// resolved because git prints paths relative to its physical working
// directory, and joining "../x" lexically onto a symlinked path goes wrong.
func repoBase(repoPath string) (string, error) {
	abs, err := filepath.Abs(repoPath)
	if err != nil {
		return "", fmt.Errorf("repository %s: %w", repoPath, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", fmt.Errorf("repository %s: %w", repoPath, err)
	}
	return real, nil
}

func hooksDir(base string) (string, error) {
	out, err := git(base, "rev-parse", "--git-path", "hooks")
	if err != nil {
		return "", fmt.Errorf("find hooks folder of %s: %w", base, err)
	}
	return absAgainst(base, out), nil
}

// absAgainst makes a path printed by `git -C base ...` absolute: git prints
// it relative to its working directory, which -C set to base.
func absAgainst(base, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(base, p)
}

// git runs the real git binary in dir and returns its trimmed stdout.
// Variables that point git at another repository are dropped: the caller
// named the repository, and a hook or script running us may have set them.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg != "" {
			return "", fmt.Errorf("git %s: %w: %s", args[0], err, msg)
		}
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return strings.TrimRight(string(out), "\r\n"), nil
}

// exitCode is git's exit status, or -1 when it did not run to completion.
func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

func gitEnv() []string {
	env := os.Environ()
	kept := env[:0:0]
	for _, kv := range env {
		switch {
		case strings.HasPrefix(kv, "GIT_DIR="),
			strings.HasPrefix(kv, "GIT_WORK_TREE="),
			strings.HasPrefix(kv, "GIT_COMMON_DIR="),
			strings.HasPrefix(kv, "GIT_INDEX_FILE="):
			continue
		}
		kept = append(kept, kv)
	}
	return kept
}
