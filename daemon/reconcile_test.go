package daemon

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/store"
)

// gitRepo is a real repository in a temp folder, with git isolated from the
// user's configuration.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, "gitconfig"))
	r := &gitRepo{t: t, dir: filepath.Join(t.TempDir(), "repo")}
	r.git("init", "-q", "-b", "main", r.dir)
	r.git("-C", r.dir, "config", "user.name", "T")
	r.git("-C", r.dir, "config", "user.email", "t@example.com")
	return r
}

func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	out, err := exec.Command("git", args...).CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit writes files (path → content; "" deletes) and commits them.
func (r *gitRepo) commit(msg string, files map[string]string) string {
	r.t.Helper()
	for path, content := range files {
		full := filepath.Join(r.dir, path)
		if content == "" {
			r.git("-C", r.dir, "rm", "-q", path)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
		r.git("-C", r.dir, "add", path)
	}
	r.git("-C", r.dir, "commit", "-q", "--allow-empty", "-m", msg)
	return r.git("-C", r.dir, "rev-parse", "HEAD")
}

// enrolled registers the repository in a fresh store with its current tips
// as the baseline, as enroll does, without installing hooks.
func enrolled(t *testing.T, r *gitRepo, cfg config.Config) (*Reconciler, string) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "tm.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	repo, err := analyze.Open(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	tips, err := repo.Tips(context.Background(), cfg.Branches)
	if err != nil {
		t.Fatal(err)
	}
	id := analyze.RepoID(repo.GitDir)
	err = st.Update(func(tx *store.Tx) error {
		if err := tx.PutRepo(store.Repo{ID: id, Path: repo.Path, GitDir: repo.GitDir, Branches: cfg.Branches, Enrolled: true}); err != nil {
			return err
		}
		return tx.SetTips(id, tips)
	})
	if err != nil {
		t.Fatal(err)
	}
	return &Reconciler{Store: st, Config: cfg}, id
}

func drafts(t *testing.T, rc *Reconciler, state string) []store.Draft {
	t.Helper()
	var ds []store.Draft
	err := rc.Store.View(func(tx *store.Tx) (err error) {
		ds, err = tx.Drafts(store.DraftFilter{State: state})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestReconcileOnlyNewCommits(t *testing.T) {
	r := newGitRepo(t)
	r.commit("old", map[string]string{"old.go": "package a\n// TODO: old work that predates enrolling\n"})
	rc, id := enrolled(t, r, config.Defaults())
	ctx := context.Background()

	sum, err := rc.Reconcile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Commits != 0 || len(drafts(t, rc, "")) != 0 {
		t.Fatalf("history before the baseline was analysed: %+v", sum)
	}

	r.commit("new", map[string]string{"new.go": "package a\n// FIXME: close the file on error paths\n"})
	sum, err = rc.Reconcile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Commits != 1 || sum.NewDrafts != 1 {
		t.Fatalf("summary = %+v, want 1 commit and 1 draft", sum)
	}
	// Nothing new: nothing done.
	if sum, _ = rc.Reconcile(ctx, id); sum.Commits != 0 {
		t.Fatalf("second reconcile analysed %d commits", sum.Commits)
	}
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || ds[0].Title != "Close the file on error paths (new.go)" || ds[0].Labels[0] != "bug" {
		t.Fatalf("drafts = %+v", ds)
	}
}

func TestReconcileWatchesOnlyConfiguredBranches(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	cfg := config.Defaults()
	cfg.Branches = []string{"main", "feature/*"}
	rc, id := enrolled(t, r, cfg)
	r.git("-C", r.dir, "checkout", "-q", "-b", "scratch")
	r.commit("scratch", map[string]string{"s.go": "package a\n// TODO: not watched at all\n"})
	r.git("-C", r.dir, "checkout", "-q", "-b", "feature/x", "main")
	r.commit("feature", map[string]string{"f.go": "package a\n// TODO: watched on a feature branch\n"})
	if _, err := rc.Reconcile(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	ds := drafts(t, rc, "")
	if len(ds) != 1 || !strings.Contains(ds[0].Title, "Watched on a feature branch") {
		t.Fatalf("drafts = %+v", ds)
	}
}

func TestReconcileCustomWords(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	cfg := config.Defaults()
	cfg.TODO.Words = []string{"NOTE"}
	cfg.TODO.Labels = map[string][]string{"NOTE": {"documentation"}}
	rc, id := enrolled(t, r, cfg)
	r.commit("words", map[string]string{"a.py": "# NOTE: document the retry policy\n# TODO: not a word here\n"})
	if _, err := rc.Reconcile(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	ds := drafts(t, rc, "")
	if len(ds) != 1 || ds[0].Labels[0] != "documentation" {
		t.Fatalf("drafts = %+v", ds)
	}
}

// More new commits than analysis.max_new_commits are a backlog: analysed
// oldest first, in batches, across as many reconciles as it takes; none is
// lost (issue 10: a pull of 1,200 commits used to lose all but the newest
// 500, with their TODOs).
func TestReconcileWorksThroughABacklog(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	cfg := config.Defaults()
	cfg.Analysis.MaxNewCommits = 3
	rc, id := enrolled(t, r, cfg)
	for i := 0; i < 7; i++ {
		r.commit("c", map[string]string{fmt.Sprintf("f%d.go", i): fmt.Sprintf("package f\n// TODO: close the file handle when parsing record number %d fails\n", i)})
	}
	for _, want := range []struct{ commits, backlog int }{{3, 4}, {3, 1}, {1, 0}, {0, 0}} {
		sum, err := rc.Reconcile(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Commits != want.commits || sum.Backlog != want.backlog {
			t.Fatalf("reconcile = %d commits, backlog %d; want %d, %d", sum.Commits, sum.Backlog, want.commits, want.backlog)
		}
		var rec store.Repo
		_ = rc.Store.View(func(tx *store.Tx) (err error) { rec, err = tx.Repo(id); return err })
		if rec.Backlog != want.backlog {
			t.Errorf("stored backlog = %d, want %d", rec.Backlog, want.backlog)
		}
	}
	// The oldest commit's TODO was analysed, not skipped.
	var found bool
	for _, d := range drafts(t, rc, "") {
		found = found || strings.Contains(d.Title, "record number 0 fails")
	}
	if !found {
		t.Error("the oldest commit's TODO was never drafted")
	}
}

// A reconcile cut short after some batches were written (a crash, a kill)
// resumes without analysing any commit twice.
func TestReconcileResumesAfterInterruption(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, config.Defaults())
	first := r.commit("one", map[string]string{"a.go": "package a\n// TODO: close the first connection pool on shutdown\n"})
	r.commit("two", map[string]string{"b.go": "package a\n// TODO: close the second connection pool on shutdown\n"})

	// Simulate the first reconcile having written the first commit's batch
	// and died before recording the new tips.
	repo, err := analyze.Open(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	var sum Summary
	var rec store.Repo
	_ = rc.Store.View(func(tx *store.Tx) (err error) { rec, err = tx.Repo(id); return err })
	commits, err := repo.RecentCommits(context.Background(), []string{first}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rc.analyze(context.Background(), repo, rec, commits, &sum, nil); err != nil {
		t.Fatal(err)
	}

	sum, err = rc.Reconcile(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Commits != 1 || sum.NewDrafts != 1 {
		t.Fatalf("resumed reconcile = %+v, want only the second commit", sum)
	}
	if n := len(drafts(t, rc, "")); n != 2 {
		t.Fatalf("%d drafts, want 2", n)
	}
}

func TestReconcileRecordsMissingRepository(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, config.Defaults())
	if err := os.RemoveAll(r.dir); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.Reconcile(context.Background(), id); err == nil || !strings.Contains(err.Error(), "moved or deleted") {
		t.Fatalf("err = %v", err)
	}
	_ = rc.Store.View(func(tx *store.Tx) error {
		rec, _ := tx.Repo(id)
		if !strings.Contains(rec.LastError, "moved or deleted") {
			t.Errorf("LastError = %q", rec.LastError)
		}
		return nil
	})
}

// Two identical TODOs in one file are one finding; removing one of them
// leaves it open.
func TestRemovingOneOfTwoIdenticalTODOs(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, config.Defaults())
	two := "def a():\n    # TODO: handle the timeout\n    pass\n\ndef b():\n    # TODO: handle the timeout\n    pass\n"
	one := "def a():\n    # TODO: handle the timeout\n    pass\n\ndef b():\n    pass\n"
	r.commit("two", map[string]string{"t.py": two})
	r.commit("one", map[string]string{"t.py": one})
	if _, err := rc.Reconcile(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if ds := todoDrafts(t, rc, store.DraftPending); len(ds) != 1 {
		t.Fatalf("pending TODO drafts = %d, want the TODO still drafted", len(ds))
	}
	r.commit("none", map[string]string{"t.py": "def a():\n    pass\n"})
	if _, err := rc.Reconcile(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if ds := todoDrafts(t, rc, store.DraftWithdrawn); len(ds) != 1 {
		t.Fatalf("withdrawn TODO drafts = %d, want 1 once both are gone", len(ds))
	}
}

func todoDrafts(t *testing.T, rc *Reconciler, state string) []store.Draft {
	var out []store.Draft
	for _, d := range drafts(t, rc, state) {
		if strings.HasPrefix(d.Fingerprint(), "todo:") {
			out = append(out, d)
		}
	}
	return out
}

// An amend that drops a TODO leaves no commit removing it; the reconcile
// sees that history was rewritten and that no branch holds the TODO now.
func TestAmendThatDropsATODOWithdrawsItsDraft(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, config.Defaults())
	r.commit("todo", map[string]string{"a.txt.py": "# TODO: fix the flaky retry loop\n"})
	if _, err := rc.Reconcile(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if n := len(todoDrafts(t, rc, store.DraftPending)); n != 1 {
		t.Fatalf("pending = %d", n)
	}
	if err := os.WriteFile(filepath.Join(r.dir, "a.txt.py"), []byte("# nothing to do\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.git("-C", r.dir, "commit", "-q", "-a", "--amend", "-m", "todo, amended")
	if _, err := rc.Reconcile(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if n := len(todoDrafts(t, rc, store.DraftWithdrawn)); n != 1 {
		t.Fatalf("withdrawn = %d, want the amended-away TODO's draft withdrawn", n)
	}
}
