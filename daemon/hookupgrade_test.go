package daemon

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/hooks"
	"github.com/ticket-master/ticket-master/store"
)

// storeWith opens a fresh store with r recorded as a repository, enrolled
// or not.
func storeWith(t *testing.T, r *gitRepo, enrolled bool) (*store.Store, store.Repo) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "tm.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	repo, err := analyze.Open(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	rec := store.Repo{ID: analyze.RepoID(repo.GitDir), Path: repo.Path, GitDir: repo.GitDir, Enrolled: enrolled}
	if err := st.Update(func(tx *store.Tx) error { return tx.PutRepo(rec) }); err != nil {
		t.Fatal(err)
	}
	return st, rec
}

func TestStartUpgradesOutdatedHooks(t *testing.T) {
	r := newGitRepo(t)
	hooksDir := filepath.Join(r.dir, ".git", "hooks")
	v1 := "#!/bin/sh\n# ticket-master-hook v1\nexit 0\n"
	foreign := "#!/bin/sh\necho mine\n"
	for _, h := range hooks.Names() {
		if err := os.WriteFile(filepath.Join(hooksDir, h), []byte(v1), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(hooksDir, "post-commit.pre-ticket-master"), []byte(foreign), 0o755); err != nil {
		t.Fatal(err)
	}
	st, rec := storeWith(t, r, true)
	paths := config.Paths{StateDir: t.TempDir()}
	var logs bytes.Buffer
	upgradeHooks(st, paths, "/opt/tm/ticket-master", slog.New(slog.NewTextHandler(&logs, nil)))

	states, err := hooks.Inspect(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range states {
		if !s.Ours || s.Outdated {
			t.Fatalf("after start-up: %+v", s)
		}
		want := hooks.Script(s.Hook, HookOptions(paths, "/opt/tm/ticket-master", rec.ID, false))
		if got, _ := os.ReadFile(s.Path); string(got) != want {
			t.Fatalf("%s is not the current script:\n%s", s.Hook, got)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(hooksDir, hooks.ChainDir, "post-commit")); string(got) != foreign {
		t.Fatalf("chained hook: %q", got)
	}
	if !strings.Contains(logs.String(), "upgraded hooks") {
		t.Fatalf("log: %s", logs.String())
	}

	// Up to date: nothing is rewritten, nothing logged.
	logs.Reset()
	upgradeHooks(st, paths, "/elsewhere/ticket-master", slog.New(slog.NewTextHandler(&logs, nil)))
	if logs.Len() != 0 {
		t.Fatalf("current hooks touched: %s", logs.String())
	}
}

// TestStartLeavesOthersHooksAlone: a repository enrolled with --no-hooks,
// or not enrolled any more, keeps its hooks as they are.
func TestStartLeavesOthersHooksAlone(t *testing.T) {
	for _, enrolled := range []bool{true, false} {
		r := newGitRepo(t)
		hook := filepath.Join(r.dir, ".git", "hooks", "post-commit")
		body := "#!/bin/sh\n# ticket-master-hook v1\n"
		if enrolled {
			body = "#!/bin/sh\nnpx lint-staged\n" // another manager's
		}
		if err := os.WriteFile(hook, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		st, _ := storeWith(t, r, enrolled)
		upgradeHooks(st, config.Paths{StateDir: t.TempDir()}, "/opt/tm", slog.New(slog.DiscardHandler))
		if got, _ := os.ReadFile(hook); string(got) != body {
			t.Fatalf("enrolled=%v: hook changed to %q", enrolled, got)
		}
		if _, err := os.Stat(filepath.Join(r.dir, ".git", "hooks", "post-merge")); err == nil {
			t.Fatalf("enrolled=%v: hooks installed", enrolled)
		}
	}
}
