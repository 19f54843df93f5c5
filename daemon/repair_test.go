package daemon

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/store"
)

// repairPaths puts the enrolled repository's store where RepairDatabase
// looks for it.
func repairPaths(t *testing.T, rc *Reconciler) config.Paths {
	t.Helper()
	home := t.TempDir()
	paths, err := config.ResolvePaths(func(k string) string {
		if k == "TICKET_MASTER_HOME" {
			return home
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := paths.EnsureState(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(rc.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths.Database(), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(paths.Database(), store.Options{NoticeDir: paths.NoticeDir()})
	if err != nil {
		t.Fatal(err)
	}
	rc.Store = st
	return paths
}

func truncateHalf(t *testing.T, path string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/4); err != nil {
		t.Fatal(err)
	}
}

func titles(ds []store.Draft) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Title)
	}
	return strings.ToLower(strings.Join(out, " | "))
}

// After a restore the backup's tips are older than the branches, so the
// next ordinary reconcile analyses the commits made since the backup and
// their findings and drafts come back.
func TestRestoreThenReconcileCatchesUp(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, config.Defaults())
	paths := repairPaths(t, rc)
	ctx := context.Background()
	r.commit("a", map[string]string{"a.go": "package a\n// TODO: before the backup\n"})
	if _, err := rc.Reconcile(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.Store.Backup(); err != nil {
		t.Fatal(err)
	}
	r.commit("b", map[string]string{"b.go": "package a\n// TODO: after the backup\n"})
	if _, err := rc.Reconcile(ctx, id); err != nil {
		t.Fatal(err)
	}
	want := titles(drafts(t, rc, store.DraftPending))
	truncateHalf(t, paths.Database())

	repairs, err := RepairDatabase(ctx, RepairOptions{Paths: paths, Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(repairs[0].Detail, "restored the backup") || !strings.Contains(repairs[0].Detail, ".damaged-20260102-030405") {
		t.Errorf("repair = %+v", repairs[0])
	}
	if got := titles(drafts(t, rc, store.DraftPending)); strings.Contains(got, "after the backup") || !strings.Contains(got, "before the backup") {
		t.Fatalf("restored drafts = %q, want only the one before the backup", got)
	}
	sum, err := rc.Reconcile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Commits != 1 {
		t.Errorf("reconcile after the restore analysed %d commits, want 1", sum.Commits)
	}
	if got := titles(drafts(t, rc, store.DraftPending)); got != want {
		t.Errorf("drafts after catching up = %q, want %q", got, want)
	}
}

// With no backup, a fresh database is started, the damaged one kept, and
// the repositories listed beside it enrolled again from their current tips.
func TestRepairWithoutBackupStartsAfresh(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, config.Defaults())
	paths := repairPaths(t, rc)
	ctx := context.Background()
	// Any write lists the repository beside the database.
	if err := rc.Store.Update(func(tx *store.Tx) error {
		rec, err := tx.Repo(id)
		if err != nil {
			return err
		}
		return tx.PutRepo(rec)
	}); err != nil {
		t.Fatal(err)
	}
	truncateHalf(t, paths.Database())
	repairs, err := RepairDatabase(ctx, RepairOptions{Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	if len(repairs) < 2 || !strings.Contains(repairs[0].Detail, "there is no backup: started a new one") ||
		!strings.Contains(repairs[0].Detail, "lost:") || !strings.Contains(repairs[1].Detail, "enrolled again") {
		t.Fatalf("repairs = %+v", repairs)
	}
	matches, _ := filepath.Glob(paths.Database() + ".damaged-*")
	if len(matches) != 1 {
		t.Errorf("damaged files kept: %v", matches)
	}
	// The repository is enrolled again with its tips as the baseline: a
	// new commit is analysed, nothing before it.
	r.commit("new", map[string]string{"n.go": "package a\n// TODO: after the repair\n"})
	if _, err := rc.Reconcile(ctx, id); err != nil {
		t.Fatal(err)
	}
	if got := titles(drafts(t, rc, store.DraftPending)); !strings.Contains(got, "after the repair") {
		t.Errorf("drafts = %q", got)
	}
}

// A deleted database is restored from the backup too.
func TestRepairRestoresADeletedDatabase(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, _ := enrolled(t, r, config.Defaults())
	paths := repairPaths(t, rc)
	if _, err := rc.Store.Backup(); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(paths.Database()); err != nil {
		t.Fatal(err)
	}
	repairs, err := RepairDatabase(context.Background(), RepairOptions{Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(repairs[0].Detail, "was missing") || strings.Contains(repairs[0].Detail, "kept at") {
		t.Errorf("repair = %+v", repairs[0])
	}
	if _, err := store.Check(paths.Database(), store.Options{}); err != nil {
		t.Error(err)
	}
}

// A file whose pages are sound but whose schema version reads older than
// it is, with a record the migration then cannot read (what random damage
// did in the chaos suite), is restored from its backup like any other
// damage, instead of doctor --fix failing in the migration.
func TestRepairRestoresWhenTheMigrationFindsDamage(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, config.Defaults())
	paths := repairPaths(t, rc)
	ctx := context.Background()
	r.commit("a", map[string]string{"a.go": "package a\n// TODO: kept in the backup\n"})
	if _, err := rc.Reconcile(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.Store.Backup(); err != nil {
		t.Fatal(err)
	}
	want := titles(drafts(t, rc, store.DraftPending))
	db, err := bolt.Open(paths.Database(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte(strconv.Itoa(store.SchemaVersion()-1))); err != nil {
			return err
		}
		return tx.Bucket([]byte("drafts")).ForEach(func(k, _ []byte) error {
			return tx.Bucket([]byte("drafts")).Put(k, []byte("{not json"))
		})
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(paths.Database(), store.Options{}); !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("open = %v, want the migration to find damage", err)
	}

	repairs, err := RepairDatabase(ctx, RepairOptions{Paths: paths})
	if err != nil {
		t.Fatalf("repair: %v", err)
	}
	if !strings.Contains(repairs[0].Detail, "restored the backup") {
		t.Fatalf("repair = %+v", repairs[0])
	}
	st, err := store.Open(paths.Database(), store.Options{NoticeDir: paths.NoticeDir()})
	if err != nil {
		t.Fatal(err)
	}
	rc.Store = st
	if got := titles(drafts(t, rc, store.DraftPending)); got != want {
		t.Errorf("drafts after the repair = %q, want %q", got, want)
	}
}
