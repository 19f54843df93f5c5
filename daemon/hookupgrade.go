package daemon

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/hooks"
	"github.com/ticket-master/ticket-master/store"
)

// HookOptions are the options a repository's hooks are installed with:
// what they call, the notice they print and the hold they write.
func HookOptions(paths config.Paths, binary, repoID string, force bool) hooks.Options {
	return hooks.Options{
		Binary:     binary,
		NoticeFile: store.NoticeFile(paths.NoticeDir(), repoID),
		HoldFile:   HoldFile(paths, repoID),
		Force:      force,
	}
}

// InstallHooks installs a repository's hooks with HookOptions, after making
// the folder their holds go to (the hook itself only writes a file there).
func InstallHooks(repoPath string, paths config.Paths, binary, repoID string, force bool) ([]hooks.Action, error) {
	if err := os.MkdirAll(holdsDir(paths.StateDir), 0o700); err != nil {
		return nil, fmt.Errorf("create the holds folder: %w", err)
	}
	return hooks.Install(repoPath, HookOptions(paths, binary, repoID, force))
}

// upgradeHooks reinstalls, at start-up, the hooks of enrolled repositories
// whose scripts are of an older version, so that upgrading the binary is
// enough to bring every repository's hooks along. Hooks that are not ours
// (a repository enrolled with --no-hooks) are left alone; a repository
// whose folder belongs to another manager was written into with --force
// once, so the upgrade may write there again.
func upgradeHooks(st *store.Store, paths config.Paths, binary string, log *slog.Logger) {
	var repos []store.Repo
	err := st.View(func(tx *store.Tx) error {
		all, err := tx.Repos()
		for _, r := range all {
			if r.Enrolled {
				repos = append(repos, r)
			}
		}
		return err
	})
	if err != nil {
		log.Warn("list repositories to upgrade their hooks", "err", err)
		return
	}
	for _, r := range repos {
		states, err := hooks.Inspect(r.Path)
		if err != nil {
			continue // moved or deleted: status and the reconcile say so
		}
		outdated := false
		for _, s := range states {
			outdated = outdated || s.Outdated
		}
		if !outdated {
			continue
		}
		if _, err := InstallHooks(r.Path, paths, binary, r.ID, true); err != nil {
			log.Warn("cannot upgrade hooks", "repo", r.Path, "err", err, "fix", "ticket-master enroll "+r.Path)
			continue
		}
		log.Info("upgraded hooks", "repo", r.Path, "version", hooks.Version)
	}
}

// hookBinary is the binary upgraded hooks call: this one, which knows
// their version, unless the options say otherwise.
func hookBinary(opts Options) string {
	if opts.HookBinary != "" {
		return opts.HookBinary
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	return exe
}
