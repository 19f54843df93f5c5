package daemon

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/store"
)

// schema1Database writes the database the code before ID files left: schema
// 1, the repository keyed by the ID derived from its git folder's path,
// its tips as the baseline.
func schema1Database(t *testing.T, r *gitRepo) (path, id string) {
	t.Helper()
	repo, err := analyze.Open(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	tips, err := repo.Tips(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	id = analyze.RepoID(repo.GitDir)
	path = filepath.Join(t.TempDir(), "tm.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		meta, _ := tx.CreateBucket([]byte("meta"))
		if err := meta.Put([]byte("schema"), []byte("1")); err != nil {
			return err
		}
		if _, err := tx.CreateBucket([]byte("drafts")); err != nil {
			return err
		}
		repos, _ := tx.CreateBucket([]byte("repos"))
		rb, err := repos.CreateBucket([]byte(id))
		if err != nil {
			return err
		}
		for _, sub := range []string{"commits", "findings", "draft-by-finding"} {
			if _, err := rb.CreateBucket([]byte(sub)); err != nil {
				return err
			}
		}
		rec, _ := json.Marshal(map[string]any{"id": id, "path": repo.Path, "git_dir": repo.GitDir, "enrolled": true})
		if err := rb.Put([]byte("record"), rec); err != nil {
			return err
		}
		raw, _ := json.Marshal(tips)
		return rb.Put([]byte("tips"), raw)
	})
	if err != nil {
		t.Fatal(err)
	}
	return path, id
}

// A database from before ID files keeps working: its repository is found
// by its old key, the daemon writes that key into the ID file, and after a
// move, enroll in the new place adopts the record and its baseline, so the
// commit made after the move is analysed.
func TestRepositoryEnrolledBeforeIDFilesSurvivesAMove(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	path, legacy := schema1Database(t, r)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	gitDir := filepath.Join(r.dir, ".git")
	if got := RepoIDOf(gitDir); got != legacy {
		t.Fatalf("RepoIDOf before the ID file = %q, want the old key %q", got, legacy)
	}
	writeMissingIDs(ctx, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if id, ok := store.ReadRepoID(gitDir); !ok || id != legacy {
		t.Fatalf("ID file = %q, %v; want %q", id, ok, legacy)
	}

	// Committed before the move: part of the baseline's future.
	r.commit("before", map[string]string{"a.go": "package a\n// TODO: made before the move\n"})
	moved := filepath.Join(filepath.Dir(r.dir), "moved")
	if err := os.Rename(r.dir, moved); err != nil {
		t.Fatal(err)
	}
	r.dir = moved
	r.commit("after", map[string]string{"b.go": "package a\n// TODO: made after the move\n"})

	res, err := Enroll(ctx, st, EnrollOptions{Path: moved, NoHooks: true, Config: config.Defaults()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Repo.ID != legacy || !strings.HasSuffix(res.MovedFrom, "/repo") || !res.Again {
		t.Fatalf("enroll = id %q moved from %q again %v", res.Repo.ID, res.MovedFrom, res.Again)
	}
	rc := &Reconciler{Store: st, Config: config.Defaults()}
	sum, err := rc.Reconcile(ctx, legacy)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Commits != 2 {
		t.Errorf("analysed %d commits after the move, want the 2 made since the baseline", sum.Commits)
	}
	got := titles(drafts(t, rc, store.DraftPending))
	if !strings.Contains(got, "made after the move") || !strings.Contains(got, "made before the move") {
		t.Errorf("drafts = %q", got)
	}
	var n int
	_ = st.View(func(tx *store.Tx) error {
		repos, _ := tx.Repos()
		n = len(repos)
		return nil
	})
	if n != 1 {
		t.Errorf("%d repositories in the store, want the one adopted", n)
	}
}

// A new repository gets a random ID in its git folder; a copy of an
// enrolled repository (its ID file came along) is a repository of its own.
func TestNewRepositoryIDAndCopies(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	st, err := store.Open(filepath.Join(t.TempDir(), "tm.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := Enroll(ctx, st, EnrollOptions{Path: r.dir, NoHooks: true, Config: config.Defaults()})
	if err != nil {
		t.Fatal(err)
	}
	gitDir := filepath.Join(r.dir, ".git")
	if id, ok := store.ReadRepoID(gitDir); !ok || id != res.Repo.ID || id == analyze.RepoID(gitDir) {
		t.Fatalf("ID file %q (%v), record %q", id, ok, res.Repo.ID)
	}
	again, err := Enroll(ctx, st, EnrollOptions{Path: r.dir, NoHooks: true, Config: config.Defaults()})
	if err != nil || again.Repo.ID != res.Repo.ID || !again.Again {
		t.Fatalf("enroll again: %+v, %v", again, err)
	}

	cp := filepath.Join(filepath.Dir(r.dir), "copy")
	r.git("clone", "-q", "--no-hardlinks", r.dir, cp) // a clone has its own git folder...
	if err := os.WriteFile(store.RepoIDFile(filepath.Join(cp, ".git")), []byte(res.Repo.ID+"\n"), 0o600); err != nil {
		t.Fatal(err) // ...and this one got the ID file, as `cp -r` would
	}
	cres, err := Enroll(ctx, st, EnrollOptions{Path: cp, NoHooks: true, Config: config.Defaults()})
	if err != nil {
		t.Fatal(err)
	}
	if cres.Repo.ID == res.Repo.ID || cres.CopyOf != res.Repo.Path || cres.MovedFrom != "" {
		t.Errorf("copy enrolled as %+v", cres)
	}
	if id, _ := store.ReadRepoID(filepath.Join(cp, ".git")); id != cres.Repo.ID {
		t.Errorf("the copy's ID file says %q, its record %q", id, cres.Repo.ID)
	}
}

// A hook in the moved repository nudges the daemon from the new place: the
// daemon records and logs the move (status and doctor show it), and
// nudges nothing while the record names the old path.
func TestNudgeFromAMovedRepositoryIsReported(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	st, err := store.Open(filepath.Join(t.TempDir(), "tm.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Enroll(context.Background(), st, EnrollOptions{Path: r.dir, NoHooks: true, Config: config.Defaults()})
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	log := slog.New(slog.NewTextHandler(&logged, nil))
	nudged := 0
	s := &server{store: st, log: log, shutdown: func() {}}
	s.sched = NewScheduler(context.Background(), func(context.Context, string) error { nudged++; return nil }, 0, newFakeClock())
	s.llm = newLLMWorker(st, config.Defaults(), nil, log, newFakeClock())
	h := s.routes()

	moved := filepath.Join(filepath.Dir(r.dir), "moved")
	if err := os.Rename(r.dir, moved); err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(NudgeRequest{Dir: moved, Hook: "post-commit"})
	req := httptest.NewRequest(http.MethodPost, PathNudge, bytes.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "ticket-master enroll "+moved) {
		t.Fatalf("answer %d %s", rec.Code, rec.Body)
	}
	if !strings.Contains(logged.String(), "repository moved") {
		t.Errorf("log = %q", logged.String())
	}
	_ = st.View(func(tx *store.Tx) error {
		cur, err := tx.Repo(res.Repo.ID)
		if err != nil || cur.MovedTo != moved {
			t.Errorf("record = %+v, %v", cur, err)
		}
		return nil
	})
	if nudged != 0 {
		t.Errorf("the old path's reconcile was scheduled %d times", nudged)
	}
}

// The ID file says a repository was enrolled even when the database has
// forgotten it; purging it forgets the ID file too.
func TestForgottenRepositoryIsSaidSo(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	ctx := context.Background()
	opts := EnrollOptions{Path: r.dir, NoHooks: true, Config: config.Defaults()}
	first, _ := store.Open(filepath.Join(t.TempDir(), "tm.db"), store.Options{})
	res, err := Enroll(ctx, first, opts)
	if err != nil || res.Forgotten {
		t.Fatalf("first enroll: %+v, %v", res, err)
	}
	lost, _ := store.Open(filepath.Join(t.TempDir(), "tm.db"), store.Options{})
	again, err := Enroll(ctx, lost, opts)
	if err != nil || !again.Forgotten || again.Repo.ID != res.Repo.ID {
		t.Fatalf("enroll into an empty database: %+v, %v", again, err)
	}
	if _, err := Unenroll(ctx, lost, r.dir, true); err != nil {
		t.Fatal(err)
	}
	if _, ok := store.ReadRepoID(filepath.Join(r.dir, ".git")); ok {
		t.Error("the ID file survives a purge")
	}
	fresh, err := Enroll(ctx, lost, opts)
	if err != nil || fresh.Forgotten {
		t.Errorf("enroll after a purge: %+v, %v", fresh, err)
	}
}
