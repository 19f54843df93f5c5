package hooks

import (
	"fmt"
	"os"
	"path/filepath"
)

// Uninstall removes ticket-master's hooks from the folder git uses for
// repoPath and renames any chained <hook>.pre-ticket-master back in place.
// A hook someone else wrote over ours is left alone. Running it twice is
// harmless: the second run reports "not installed".
func Uninstall(repoPath string) ([]Action, error) {
	dir, err := Dir(repoPath)
	if err != nil {
		return nil, fmt.Errorf("uninstall hooks: %w", err)
	}
	var acts []Action
	for _, h := range Names() {
		what, err := uninstallOne(dir, h)
		if err != nil {
			return acts, fmt.Errorf("uninstall %s hook: %w", h, err)
		}
		acts = append(acts, Action{Hook: h, Path: filepath.Join(dir, h), What: what})
	}
	return acts, nil
}

func uninstallOne(dir, hook string) (string, error) {
	path := filepath.Join(dir, hook)
	chain := path + chainSuffix
	hk, err := classify(path)
	if err != nil {
		return "", err
	}
	ck, err := classify(chain)
	if err != nil {
		return "", err
	}
	if hk == foreign {
		return "left foreign hook alone", nil
	}
	switch ck {
	case foreign:
		// Renaming over our script replaces it in one step, so git never
		// sees the folder without the user's hook.
		if err := os.Rename(chain, path); err != nil {
			return "", err
		}
		return "restored existing hook", nil
	case ours:
		if err := os.Remove(chain); err != nil {
			return "", err
		}
	}
	if hk == absent {
		if ck == ours {
			return "removed", nil
		}
		return "not installed", nil
	}
	if err := os.Remove(path); err != nil {
		return "", err
	}
	return "removed", nil
}
