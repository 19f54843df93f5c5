package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// dump reads everything a command would show, to compare databases.
func dump(t testing.TB, s *Store) string {
	t.Helper()
	var b strings.Builder
	err := s.View(func(tx *Tx) error {
		repos, err := tx.Repos()
		if err != nil {
			return err
		}
		for _, r := range repos {
			fs, err := tx.Findings(r.ID, "")
			if err != nil {
				return err
			}
			tips, err := tx.Tips(r.ID)
			if err != nil {
				return err
			}
			b.WriteString(r.ID + " " + r.Path + " " + tips["refs/heads/main"] + " ")
			b.WriteString(strings.Repeat("f", len(fs)) + " ")
			b.WriteString(strings.Repeat("c", tx.AnalysedCount(r.ID)) + "\n")
		}
		ds, err := tx.Drafts(DraftFilter{})
		for _, d := range ds {
			b.WriteString(d.Title + " " + d.State + "\n")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestBackupOnlyWhenChangedAndRestore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	filledStore(t, path)
	s, err := Open(path, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if b := Backup(path); b.Exists {
		t.Fatal("a backup exists before the first one")
	}
	wrote, err := s.Backup()
	if err != nil || !wrote {
		t.Fatalf("first backup: %v, %v", wrote, err)
	}
	info, err := os.Stat(BackupPath(path))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v, want 0600", info.Mode().Perm())
	}
	// Reading changes nothing, so there is nothing to back up.
	_ = dump(t, s)
	if _, err := Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	if wrote, err := s.Backup(); err != nil || wrote {
		t.Fatalf("backup after reads only: wrote=%v, %v", wrote, err)
	}
	want := dump(t, s)

	// A change after the backup is what a restore loses.
	if err := s.Update(func(tx *Tx) error {
		_, err := tx.PutDraft(Draft{RepoID: "repo0", Title: "after the backup", State: DraftPending})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	smashRoot(t, path)
	if err := s.View(func(*Tx) error { return nil }); !errors.Is(err, ErrDamaged) && err != nil {
		t.Logf("view of the smashed file: %v", err)
	}
	// A damaged database is not backed up over the good copy.
	if wrote, err := s.Backup(); wrote || !errors.Is(err, ErrDamaged) {
		t.Fatalf("backup of a damaged database: wrote=%v, err=%v", wrote, err)
	}

	now := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	aside, err := RestoreBackup(path, Options{}, now)
	if err != nil {
		t.Fatal(err)
	}
	if aside != path+".damaged-20261201-093000" {
		t.Errorf("aside = %q", aside)
	}
	if _, err := os.Stat(aside); err != nil {
		t.Errorf("the damaged file was not kept: %v", err)
	}
	if got := dump(t, s); got != want {
		t.Errorf("restored database differs from the backup:\n%s\nwant\n%s", got, want)
	}
	if _, err := Check(path, Options{}); err != nil {
		t.Errorf("the restored database fails its check: %v", err)
	}
}

func TestRestoreRefusesADamagedBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	filledStore(t, path)
	s, _ := Open(path, Options{})
	if _, err := s.Backup(); err != nil {
		t.Fatal(err)
	}
	smashRoot(t, BackupPath(path))
	before, _ := os.ReadFile(path)
	if _, err := RestoreBackup(path, Options{}, time.Now()); err == nil || !strings.Contains(err.Error(), "unusable") {
		t.Fatalf("err = %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the database changed")
	}
}

func TestStartAfreshKeepsTheOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	filledStore(t, path)
	smashRoot(t, path)
	aside, err := StartAfresh(path, Options{}, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(aside); err != nil {
		t.Fatalf("old file not kept: %v", err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := dump(t, s); got != "" {
		t.Errorf("fresh database holds %q", got)
	}
}

func TestCompactKeepsEverythingAndShrinks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	filledStore(t, path)
	s, err := Open(path, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.DeleteRepo("repo1") }); err != nil {
		t.Fatal(err)
	}
	want := dump(t, s)
	before, after, err := s.Compact()
	if err != nil {
		t.Fatal(err)
	}
	if after >= before {
		t.Errorf("size %d → %d", before, after)
	}
	if got := dump(t, s); got != want {
		t.Errorf("compacted database differs:\n%s\nwant\n%s", got, want)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v", info.Mode().Perm())
	}
	// Draft numbers go on from where they were, never reused.
	var d Draft
	if err := s.Update(func(tx *Tx) (err error) {
		d, err = tx.PutDraft(Draft{RepoID: "repo0", Title: "next", State: DraftPending})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if d.ID != 451 {
		t.Errorf("next draft after compaction = %d, want 451", d.ID)
	}
}

// A process that waits for the lock while the file is replaced must write
// into the new file, not the one set aside.
func TestWriterWaitingDuringCompactionWritesTheNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	filledStore(t, path)
	s, err := Open(path, Options{Now: fixedNow, LockTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 21)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.Update(func(tx *Tx) error {
				_, err := tx.PutDraft(Draft{RepoID: "repo2", Title: "during " + string(rune('a'+i)), State: DraftPending})
				return err
			})
		}()
		if i == 5 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, err := s.Compact()
				errs <- err
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	_ = s.View(func(tx *Tx) error {
		ds, _ := tx.Drafts(DraftFilter{})
		for _, d := range ds {
			if strings.HasPrefix(d.Title, "during ") {
				n++
			}
		}
		return nil
	})
	if n != 20 {
		t.Errorf("%d of 20 drafts written during compaction survived", n)
	}
}

func TestReadContentsOfADamagedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	filledStore(t, path)
	c, err := ReadContents(path)
	if err != nil || c.Repos != 3 || c.Drafts[DraftPending] != 450 {
		t.Fatalf("contents = %+v, %v", c, err)
	}
	smashRoot(t, path)
	if _, err := ReadContents(path); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged file: %v", err)
	}
}
