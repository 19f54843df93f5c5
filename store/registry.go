package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The registry is a small JSON file beside the database listing the
// enrolled repositories. It is written after every change of a repository
// and read without bbolt, so it survives the database: it says a lost
// database existed, and `doctor --fix` re-enrolls what it lists when there
// is no backup to restore.

// RegistryEntry is one repository in the registry.
type RegistryEntry struct {
	ID     string `json:"id"`
	Path   string `json:"path"`
	GitDir string `json:"git_dir"`
	Host   string `json:"host,omitempty"`
	Owner  string `json:"owner,omitempty"`
	Name   string `json:"name,omitempty"`
	// Branches and NoHooks are as enroll was told.
	Branches []string `json:"branches,omitempty"`
	NoHooks  bool     `json:"no_hooks,omitempty"`
}

func registryPath(dbPath string) string { return dbPath + ".repos.json" }

func writeRegistry(path string, tx *Tx) error {
	repos, err := tx.Repos()
	if err != nil {
		return err
	}
	out := []RegistryEntry{}
	for _, r := range repos {
		if r.Enrolled {
			out = append(out, RegistryEntry{ID: r.ID, Path: r.Path, GitDir: r.GitDir, Host: r.Host, Owner: r.Owner, Name: r.Name,
				Branches: r.Branches, NoHooks: r.NoHooks})
		}
	}
	raw, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("encode repository list: %w", err)
	}
	raw = append(raw, '\n')
	if cur, err := os.ReadFile(path); err == nil && bytes.Equal(cur, raw) {
		return nil // every reconcile touches its record; the list rarely changes
	}
	return writeFileAtomic(path, raw)
}

func readRegistry(path string) ([]RegistryEntry, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []RegistryEntry
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// Registry lists the repositories recorded beside the database at dbPath.
func Registry(dbPath string) ([]RegistryEntry, error) { return readRegistry(registryPath(dbPath)) }

// countNotices counts the hooks' notice files in dir.
func countNotices(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasSuffix(e.Name(), ".tmp") {
			n++
		}
	}
	return n
}

// writeFileAtomic replaces path with data (mode 0600) so that a reader
// sees the old content or the new, never a mix.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
