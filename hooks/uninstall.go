package hooks

import (
	"fmt"
	"os"
	"path/filepath"
)

// Uninstall removes ticket-master's hooks from the folder git uses for
// repoPath and puts any chained foreign hook back in place, byte for byte,
// from either layout (ticket-master-chained/<hook>, or version 1's
// <hook>.pre-ticket-master). A hook someone else wrote over ours is left
// alone. Running it twice is harmless: the second run reports "not
// installed".
func Uninstall(repoPath string) ([]Action, error) {
	return uninstall(repoPath, ops{})
}

func uninstall(repoPath string, o ops) ([]Action, error) {
	dir, err := Dir(repoPath)
	if err != nil {
		return nil, fmt.Errorf("uninstall hooks: %w", err)
	}
	var acts []Action
	for _, h := range Names() {
		what, err := uninstallOne(dir, h, o)
		if err != nil {
			return acts, fmt.Errorf("uninstall %s hook: %w", h, err)
		}
		acts = append(acts, Action{Hook: h, Path: filepath.Join(dir, h), What: what})
	}
	removeEmptyChainDir(dir)
	return acts, nil
}

func uninstallOne(dir, hook string, o ops) (string, error) {
	f, err := inspectFiles(dir, hook)
	if err != nil {
		return "", err
	}
	if err := sweep(dir, hook); err != nil {
		return "", err
	}
	if err := sweep(filepath.Dir(f.chain), hook); err != nil {
		return "", err
	}
	if f.hookKind == foreign {
		// The same hook below as well: an Install or Uninstall was
		// interrupted half way; the copy below is not needed.
		if f.chainKind == foreign && sameHook(f.path, f.chain) {
			if err := os.Remove(f.chain); err != nil {
				return "", err
			}
		}
		return "left foreign hook alone", nil
	}
	removed := false
	for _, q := range []struct {
		path string
		k    *kind
	}{{f.chain, &f.chainKind}, {f.legacy, &f.legacyKind}} {
		if *q.k == ours {
			if err := os.Remove(q.path); err != nil {
				return "", err
			}
			*q.k, removed = absent, true
		}
	}
	if f.chainKind == foreign && f.legacyKind == foreign {
		if !sameHook(f.legacy, f.chain) {
			return "", fmt.Errorf("both %s and %s hold a hook; keep the one you want at %s, delete the other and run again", f.chain, f.legacy, f.path)
		}
		// An interrupted migration from version 1: the same hook twice.
		if err := os.Remove(f.legacy); err != nil {
			return "", err
		}
		f.legacyKind = absent
	}
	switch {
	case f.chainKind == foreign:
		// One rename replaces our script with the user's hook, so git
		// never sees the folder without it.
		if err := moveUp(f.chain, f.path, o); err != nil {
			return "", err
		}
		return "restored existing hook", nil
	case f.legacyKind == foreign:
		if err := os.Rename(f.legacy, f.path); err != nil {
			return "", err
		}
		return "restored existing hook", nil
	}
	if f.hookKind == absent {
		if removed {
			return "removed", nil
		}
		return "not installed", nil
	}
	if err := os.Remove(f.path); err != nil {
		return "", err
	}
	return "removed", nil
}
