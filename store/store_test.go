package store

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/ticket-master/ticket-master/finding"
)

func newStore(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "db", "tm.db"), Options{
		LockTimeout: 200 * time.Millisecond,
		NoticeDir:   filepath.Join(dir, "notices"),
		Now:         func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, filepath.Join(dir, "notices")
}

func TestOpenMigratesAnEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	// A schema-0 file: a bbolt file with no buckets at all.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(func(tx *Tx) error {
		v, err := schemaOf(tx.btx)
		if v != SchemaVersion() {
			t.Errorf("schema = %d, want %d", v, SchemaVersion())
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	s, _ := newStore(t)
	db, err := bolt.Open(s.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("99"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(func(*Tx) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "newer ticket-master") {
		t.Fatalf("err = %v, want a newer-version message", err)
	}
	if _, err := Open(s.Path(), Options{}); err == nil {
		t.Fatal("Open of a newer database succeeded")
	}
}

func TestLockTimeoutGivesClearError(t *testing.T) {
	s, _ := newStore(t)
	// Another "process" holds the write lock: flock conflicts between two
	// open file descriptions even in one process.
	holder, err := bolt.Open(s.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	start := time.Now()
	err = s.Update(func(*Tx) error { return nil })
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("err = %v, want ErrBusy", err)
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Errorf("waited %v for the lock", waited)
	}
}

func TestReposTipsAndCommits(t *testing.T) {
	s, _ := newStore(t)
	r := Repo{ID: "abc", Path: "/src/a", GitDir: "/src/a/.git", Owner: "o", Name: "n", Enrolled: true}
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutRepo(r); err != nil {
			return err
		}
		if err := tx.SetTips("abc", map[string]string{"refs/heads/main": "c1"}); err != nil {
			return err
		}
		return tx.MarkAnalysed("abc", "c1", "c2")
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(func(tx *Tx) error {
		got, err := tx.Repo("abc")
		if err != nil {
			return err
		}
		if got.GitHub() != "o/n" || got.Path != "/src/a" {
			t.Errorf("repo = %+v", got)
		}
		tips, err := tx.Tips("abc")
		if err != nil {
			return err
		}
		if tips["refs/heads/main"] != "c1" {
			t.Errorf("tips = %v", tips)
		}
		if !tx.Analysed("abc", "c2") || tx.Analysed("abc", "c3") || tx.AnalysedCount("abc") != 2 {
			t.Error("analysed set is wrong")
		}
		analysed, unknown := tx.AnalysedOf("abc"), tx.AnalysedOf("nope")
		for h, want := range map[string]bool{"c1": true, "c2": true, "c3": false} {
			if analysed(h) != want || unknown(h) {
				t.Errorf("AnalysedOf: %s analysed = %v in abc, %v in an unknown repository", h, analysed(h), unknown(h))
			}
		}
		if _, err := tx.Repo("nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing repo err = %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDraftsFindingsAndNotices(t *testing.T) {
	s, notices := newStore(t)
	var id uint64
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutRepo(Repo{ID: "r1", Path: "/p"}); err != nil {
			return err
		}
		if err := tx.PutFinding("r1", Finding{Finding: finding.Finding{Fingerprint: "todo:a.go:1"}, Status: FindingOpen}); err != nil {
			return err
		}
		for _, fp := range []string{"todo:a.go:1", "todo:b.go:2"} {
			d, err := tx.PutDraft(Draft{RepoID: "r1", Repo: "/p", Fingerprints: []string{fp}, Title: fp, State: DraftPending})
			if err != nil {
				return err
			}
			id = d.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if id != 2 {
		t.Errorf("second draft id = %d, want 2", id)
	}
	notice, err := os.ReadFile(NoticeFile(notices, "r1"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(notice), "2 issue drafts waiting") {
		t.Errorf("notice = %q", notice)
	}

	err = s.Update(func(tx *Tx) error {
		d, ok, err := tx.DraftForFinding("r1", "todo:b.go:2")
		if err != nil || !ok {
			t.Fatalf("draft for finding: %v %v", ok, err)
		}
		d.State = DraftDiscarded
		_, err = tx.PutDraft(d)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	notice, _ = os.ReadFile(NoticeFile(notices, "r1"))
	if !strings.Contains(string(notice), "1 issue draft waiting") {
		t.Errorf("notice after discard = %q", notice)
	}

	err = s.View(func(tx *Tx) error {
		pending, err := tx.Drafts(DraftFilter{RepoID: "r1", State: DraftPending})
		if err != nil {
			return err
		}
		if len(pending) != 1 || pending[0].ID != 1 {
			t.Errorf("pending = %+v", pending)
		}
		fs, err := tx.Findings("r1", FindingOpen)
		if len(fs) != 1 {
			t.Errorf("open findings = %d", len(fs))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	if err := s.Update(func(tx *Tx) error { return tx.DeleteRepo("r1") }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(NoticeFile(notices, "r1")); !os.IsNotExist(err) {
		t.Errorf("notice survives the repo's deletion: %v", err)
	}
	err = s.View(func(tx *Tx) error {
		ds, err := tx.Drafts(DraftFilter{})
		if len(ds) != 0 {
			t.Errorf("drafts after delete = %d", len(ds))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFailedUpdateWritesNothing(t *testing.T) {
	s, _ := newStore(t)
	boom := errors.New("boom")
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutRepo(Repo{ID: "x", Path: "/x"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	_ = s.View(func(tx *Tx) error {
		if rs, _ := tx.Repos(); len(rs) != 0 {
			t.Errorf("rolled-back repo persisted: %+v", rs)
		}
		return nil
	})
}

func TestCache(t *testing.T) {
	s, _ := newStore(t)
	type entry struct{ ETag string }
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutRepo(Repo{ID: "r", Path: "/r"}); err != nil {
			return err
		}
		return tx.PutCache("r", "open-issues", entry{ETag: "abc"})
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(tx *Tx) error {
		var e entry
		ok, err := tx.Cache("r", "open-issues", &e)
		if err != nil || !ok || e.ETag != "abc" {
			t.Errorf("cache = %+v, %v, %v", e, ok, err)
		}
		if ok, _ := tx.Cache("r", "other", &e); ok {
			t.Error("a missing entry was found")
		}
		return nil
	})
}

// FindingsWithPrefix reads the findings whose fingerprint starts with the
// prefix, of the status asked, and no others.
func TestFindingsWithPrefix(t *testing.T) {
	s, _ := newStore(t)
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutRepo(Repo{ID: "r1", Path: "/p"}); err != nil {
			return err
		}
		for fp, status := range map[string]string{"untested:a.go": FindingOpen, "untested:pkg/b.go": FindingOpen,
			"untested:pkg/c.go": FindingResolved, "todo:a.go:1": FindingOpen, "untestedx:d.go": FindingOpen} {
			if err := tx.PutFinding("r1", Finding{Finding: finding.Finding{Fingerprint: fp}, Status: status}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		prefix, status string
		want           []string
	}{
		{"untested:", FindingOpen, []string{"untested:a.go", "untested:pkg/b.go"}},
		{"untested:pkg/", "", []string{"untested:pkg/b.go", "untested:pkg/c.go"}},
		{"hotspot:", "", nil},
	} {
		var got []string
		_ = s.View(func(tx *Tx) error {
			fs, err := tx.FindingsWithPrefix("r1", tc.prefix, tc.status)
			for _, f := range fs {
				got = append(got, f.Fingerprint)
			}
			return err
		})
		if !slices.Equal(got, tc.want) {
			t.Errorf("FindingsWithPrefix(%q, %q) = %q, want %q", tc.prefix, tc.status, got, tc.want)
		}
	}
}
