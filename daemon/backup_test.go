package daemon

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/store"
)

func upkeepStore(t *testing.T) (*store.Store, *fakeClock, *upkeep) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "tm.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock()
	return st, clock, newUpkeep(st, clock, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func addDraft(t *testing.T, st *store.Store, title string) {
	t.Helper()
	err := st.Update(func(tx *store.Tx) error {
		if _, err := tx.Repo("r"); err != nil {
			if err := tx.PutRepo(store.Repo{ID: "r", Path: "/r", Enrolled: true}); err != nil {
				return err
			}
		}
		_, err := tx.PutDraft(store.Draft{RepoID: "r", Title: title, Body: strings.Repeat("x", 2000), State: store.DraftPending})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func backupTime(t *testing.T, st *store.Store) time.Time {
	t.Helper()
	b := store.Backup(st.Path())
	if !b.Exists || b.Err != nil {
		t.Fatalf("backup: exists=%v err=%v", b.Exists, b.Err)
	}
	return b.Time
}

// The backup is written at start, refreshed on the hour while something
// changed, and left alone when nothing did.
func TestUpkeepBacksUpHourlyWhenChanged(t *testing.T) {
	st, clock, u := upkeepStore(t)
	addDraft(t, st, "first")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	u.start(ctx)
	first := backupTime(t, st)

	// Age the backup file so a rewrite shows in its time.
	old := first.Add(-2 * time.Hour)
	if err := os.Chtimes(store.BackupPath(st.Path()), old, old); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour) // nothing changed
	if got := backupTime(t, st); !got.Equal(old) {
		t.Fatalf("backup rewritten although nothing changed (%v)", got)
	}

	addDraft(t, st, "second")
	clock.Advance(59 * time.Minute)
	if got := backupTime(t, st); !got.Equal(old) {
		t.Fatal("backup rewritten before the hour")
	}
	clock.Advance(time.Minute)
	if got := backupTime(t, st); got.Equal(old) {
		t.Fatal("backup not refreshed on the hour after a change")
	}
	// The backup holds the change.
	restored, err := store.Open(store.BackupPath(st.Path()), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	_ = restored.View(func(tx *store.Tx) error {
		ds, _ := tx.Drafts(store.DraftFilter{})
		n = len(ds)
		return nil
	})
	if n != 2 {
		t.Errorf("backup holds %d drafts, want 2", n)
	}

	cancel()
	addDraft(t, st, "after stop")
	before := backupTime(t, st)
	clock.Advance(2 * time.Hour)
	if got := backupTime(t, st); !got.Equal(before) {
		t.Error("a stopped daemon still backs up")
	}
}

// Compaction: at most once a day, and only when the free share passes the
// threshold.
func TestUpkeepCompactsWhenMostlyFree(t *testing.T) {
	st, clock, u := upkeepStore(t)
	u.minSize = 256 << 10
	for i := range 300 {
		addDraft(t, st, fmt.Sprintf("draft %d", i))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	u.start(ctx) // measures: nothing free yet
	size := func() int64 {
		info, err := os.Stat(st.Path())
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}
	full := size()
	if err := st.Update(func(tx *store.Tx) error { return tx.DeleteRepo("r") }); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour) // an hour later: not measured again yet
	if size() != full {
		t.Fatalf("compacted within the day: %d → %d", full, size())
	}
	clock.Advance(23 * time.Hour)
	if got := size(); got >= full/2 {
		t.Fatalf("not compacted after a day: %d → %d", full, got)
	}
	if _, err := store.Check(st.Path(), store.Options{}); err != nil {
		t.Fatal(err)
	}
	// The backup is of the compacted file.
	b := store.Backup(st.Path())
	if info, _ := os.Stat(b.Path); info.Size() > full/2 {
		t.Errorf("backup is %d bytes, not refreshed after compaction", info.Size())
	}
}
