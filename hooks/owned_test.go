package hooks

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestOwnedHooksFolder(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scope   string // "--local" or "--global"
		path    func(root, repo string) (value, dir string)
		manager string
	}{
		{"local", "--local", func(root, repo string) (string, string) {
			return ".githooks", filepath.Join(repo, ".githooks")
		}, "this repository's core.hooksPath"},
		{"global", "--global", func(root, repo string) (string, string) {
			p := filepath.Join(root, "shared hooks")
			return p, p
		}, "a global core.hooksPath"},
		{"husky", "--local", func(root, repo string) (string, string) {
			return ".husky/_", filepath.Join(repo, ".husky", "_")
		}, "husky"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := hermetic(t)
			repo := newRepo(t, filepath.Join(root, "repo"))
			value, dir := tc.path(root, repo)
			run(t, repo, nil, "git", "config", tc.scope, "core.hooksPath", value)

			_, err := Install(repo, Options{Binary: "/bin/tm"})
			var owned *OwnedError
			if !errors.As(err, &owned) {
				t.Fatalf("Install: %v, want *OwnedError", err)
			}
			if owned.Dir != dir || !strings.Contains(owned.Manager, tc.manager) {
				t.Errorf("OwnedError{Dir: %q, Manager: %q}, want %q, %q", owned.Dir, owned.Manager, dir, tc.manager)
			}
			for _, want := range []string{`ticket-master hook post-commit "$@"`, `ticket-master hook post-rewrite "$@"`, "--force"} {
				if !strings.Contains(owned.Hint, want) || !strings.Contains(err.Error(), want) {
					t.Errorf("hint lacks %q:\n%s", want, err)
				}
			}
			if exists(dir) {
				t.Fatalf("Install without Force created %s", dir)
			}

			acts := mustInstall(t, repo, Options{Binary: "/bin/tm", Force: true})
			wantAll(t, acts, "installed")
			for _, a := range acts {
				if a.Path != filepath.Join(dir, a.Hook) || !exists(a.Path) {
					t.Errorf("%s installed at %s, want in %s", a.Hook, a.Path, dir)
				}
			}
			// Uninstall needs no Force: it only touches our own files.
			wantAll(t, mustUninstall(t, repo), "removed")
		})
	}
}

// TestHooksPathToGitsOwnFolder: pointing core.hooksPath at .git/hooks hands
// the folder to nobody.
func TestHooksPathToGitsOwnFolder(t *testing.T) {
	root := hermetic(t)
	repo := newRepo(t, filepath.Join(root, "repo"))
	run(t, repo, nil, "git", "config", "core.hooksPath", ".git/hooks")
	wantAll(t, mustInstall(t, repo, Options{}), "installed")
}
