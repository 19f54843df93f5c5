package daemon

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/store"
)

// doctor --fix on a healthy database that holds much free space (a
// repository purged, say) compacts it and keeps everything that is left;
// once compact, it only says the database is healthy.
func TestRepairCompactsAHealthyDatabase(t *testing.T) {
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
	st, err := store.Open(paths.Database(), store.Options{NoticeDir: paths.NoticeDir()})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *store.Tx) error {
		for _, id := range []string{"gone", "kept"} {
			if err := tx.PutRepo(store.Repo{ID: id, Path: "/src/" + id, Enrolled: true}); err != nil {
				return err
			}
		}
		for i := range 300 {
			d := store.Draft{RepoID: "gone", Title: fmt.Sprintf("draft %d", i), Body: strings.Repeat("x", 2000), State: store.DraftPending}
			if _, err := tx.PutDraft(d); err != nil {
				return err
			}
		}
		_, err := tx.PutDraft(store.Draft{RepoID: "kept", Title: "the one left", State: store.DraftPending})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Update(func(tx *store.Tx) error { return tx.DeleteRepo("gone") }); err != nil {
		t.Fatal(err)
	}
	size := func() int64 {
		info, err := os.Stat(paths.Database())
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}
	full := size()

	repairs, err := RepairDatabase(context.Background(), RepairOptions{Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	if len(repairs) == 0 || repairs[0].What != "database" || !strings.Contains(repairs[0].Detail, "compacted from") {
		t.Fatalf("repairs = %+v, want the database compacted", repairs)
	}
	if got := size(); got*4 > full {
		t.Errorf("database %d bytes after compaction, was %d", got, full)
	}
	var left []store.Draft
	err = st.View(func(tx *store.Tx) (err error) {
		left, err = tx.Drafts(store.DraftFilter{})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if titles(left) != "the one left" {
		t.Errorf("drafts after compaction: %q", titles(left))
	}

	repairs, err = RepairDatabase(context.Background(), RepairOptions{Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	if len(repairs) == 0 || repairs[0].Detail != "healthy" {
		t.Errorf("second repair = %+v, want only \"healthy\"", repairs)
	}
}
