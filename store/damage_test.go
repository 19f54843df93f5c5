package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/finding"
)

// filledStore writes a database through the store as the daemon would:
// repositories, tips, analysed commits, findings and drafts, enough of them
// to span a few hundred pages, so that damage lands in every kind of page.
func filledStore(t testing.TB, path string) {
	t.Helper()
	s, err := Open(path, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("Some words about the finding. ", 20)
	for r := range 3 {
		id := fmt.Sprintf("repo%d", r)
		err := s.Update(func(tx *Tx) error {
			if err := tx.PutRepo(Repo{ID: id, Path: "/src/" + id, GitDir: "/src/" + id + "/.git", Owner: "o", Name: id, Enrolled: true}); err != nil {
				return err
			}
			if err := tx.SetTips(id, map[string]string{"refs/heads/main": "c0ffee"}); err != nil {
				return err
			}
			for i := range 150 {
				if err := tx.MarkAnalysed(id, fmt.Sprintf("%040d", i)); err != nil {
					return err
				}
				fp := fmt.Sprintf("todo:%s:file%d.go:%d", id, i, i)
				if err := tx.PutFinding(id, Finding{Finding: finding.Finding{Fingerprint: fp, Kind: "todo", Text: "fix it " + fp, Body: body}, Status: FindingOpen}); err != nil {
					return err
				}
				if _, err := tx.PutDraft(Draft{RepoID: id, Repo: "/src/" + id, Fingerprints: []string{fp}, Title: "Fix " + fp, Body: body, State: DraftPending}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func fixedNow() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }

// exercise runs what commands do with the database (open, list, read every
// record, write) and returns the first error. It must never panic.
func exercise(path string) (err error) {
	s, err := Open(path, Options{Now: fixedNow, LockTimeout: time.Second})
	if err != nil {
		return err
	}
	return exerciseStore(s)
}

func exerciseStore(s *Store) error {
	err := s.View(func(tx *Tx) error {
		repos, err := tx.Repos()
		if err != nil {
			return err
		}
		for _, r := range repos {
			if _, err := tx.Findings(r.ID, ""); err != nil {
				return err
			}
			if _, err := tx.Tips(r.ID); err != nil {
				return err
			}
			tx.AnalysedCount(r.ID)
			tx.Analysed(r.ID, fmt.Sprintf("%040d", 7))
		}
		_, err = tx.Drafts(DraftFilter{})
		return err
	})
	if err != nil {
		return err
	}
	return s.Update(func(tx *Tx) error {
		if err := tx.PutRepo(Repo{ID: "new", Path: "/src/new", Enrolled: true}); err != nil {
			return err
		}
		if err := tx.MarkAnalysed("repo1", "abc"); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		_, err := tx.PutDraft(Draft{RepoID: "new", Title: "x", State: DraftPending})
		return err
	})
}

func runExercise(t *testing.T, name, path string) error {
	t.Helper()
	return noPanic(t, name, func() error { return exercise(path) })
}

func noPanic(t *testing.T, name string, fn func() error) (err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s: panic: %v", name, r)
		}
	}()
	return fn()
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	raw, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestTruncatedDatabaseIsAnErrorNotACrash(t *testing.T) {
	dir := t.TempDir()
	orig := filepath.Join(dir, "orig.db")
	filledStore(t, orig)
	if err := runExercise(t, "intact", orig); err != nil {
		t.Fatalf("the intact file fails: %v", err)
	}
	f, err := os.Open(orig)
	if err != nil {
		t.Fatal(err)
	}
	h, _, err := readHeader(f, orig)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	// bbolt grows the file ahead of use: what lies past the pages in use
	// may go.
	size := int64(h.pgid) * int64(h.pageSize)
	path := filepath.Join(dir, "spare.db")
	copyFile(t, orig, path)
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
	if err := runExercise(t, "cut after the last page", path); err != nil {
		t.Fatalf("cut after the last page in use: %v", err)
	}
	// Cut at page boundaries and in the middle of pages, from the header
	// pages to the last page.
	for _, cut := range []int64{1, 100, 4096, 4096 + 17, 8192, 3 * 4096, size / 4, size / 2, size - 4096, size - 1} {
		path := filepath.Join(dir, fmt.Sprintf("cut%d.db", cut))
		copyFile(t, orig, path)
		if err := os.Truncate(path, cut); err != nil {
			t.Fatal(err)
		}
		err := runExercise(t, fmt.Sprintf("cut at %d", cut), path)
		if !errors.Is(err, ErrDamaged) {
			t.Errorf("cut at %d of %d: err = %v, want a damaged-database error", cut, size, err)
			continue
		}
		if !strings.Contains(err.Error(), FixCommand) {
			t.Errorf("cut at %d: the message does not name the fix: %v", cut, err)
		}
	}
}

func TestEmptiedDatabaseIsNotReplacedSilently(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tm.db")
	filledStore(t, path) // writes the repository list beside it
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path, Options{})
	var missing *MissingError
	if !errors.As(err, &missing) || !missing.Emptied {
		t.Fatalf("err = %v, want an emptied-database error", err)
	}
	if !strings.Contains(err.Error(), "recorded 3 enrolled repositories") {
		t.Errorf("the message does not say why: %v", err)
	}
	if info, _ := os.Stat(path); info.Size() != 0 {
		t.Errorf("the empty file was initialised (size %d)", info.Size())
	}

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); !errors.Is(err, ErrMissing) {
		t.Fatalf("deleted: err = %v, want ErrMissing", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a new database was created in place of the deleted one")
	}
}

func TestDatabaseDeletedUnderAStoreIsReported(t *testing.T) {
	s, _ := newStore(t)
	if err := s.Update(func(tx *Tx) error { return tx.PutRepo(Repo{ID: "r", Path: "/r", Enrolled: true}) }); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(s.Path()); err != nil {
		t.Fatal(err)
	}
	err := s.View(func(*Tx) error { return nil })
	if !errors.Is(err, ErrMissing) {
		t.Fatalf("err = %v, want ErrMissing", err)
	}
	if _, err := os.Stat(s.Path()); !os.IsNotExist(err) {
		t.Error("the transaction created a new database")
	}
}

// corrupt damages the file at path in one of the ways disks and crashes
// do, chosen by rng: bytes flipped anywhere, a page header or its first
// elements overwritten, a page zeroed, a header page smashed.
func corrupt(t testing.TB, rng *rand.Rand, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const ps = 4096
	pages := len(raw) / ps
	page := 2 + rng.IntN(pages-2)
	var what string
	switch kind := rng.IntN(6); kind {
	case 0:
		n := 1 + rng.IntN(8)
		for range n {
			raw[rng.IntN(len(raw))] = byte(rng.Uint32())
		}
		what = fmt.Sprintf("%d random bytes", n)
	case 1:
		for i := range 16 {
			raw[page*ps+i] = byte(rng.Uint32())
		}
		what = fmt.Sprintf("header of page %d", page)
	case 2:
		off := page*ps + 16 + rng.IntN(64)
		for i := range 8 {
			raw[off+i] = byte(rng.Uint32())
		}
		what = fmt.Sprintf("elements of page %d", page)
	case 3:
		clear(raw[page*ps : (page+1)*ps])
		what = fmt.Sprintf("page %d zeroed", page)
	case 4:
		m := rng.IntN(2) * ps
		for i := range 8 {
			raw[m+16+rng.IntN(64)] ^= byte(1 << i)
		}
		what = fmt.Sprintf("header page %d", m/ps)
	case 5:
		// An overflow count or page number made huge.
		off := page*ps + 12
		copy(raw[off:], []byte{0xff, 0xff, 0xff, 0x7f})
		what = fmt.Sprintf("overflow of page %d", page)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return what
}

// Forty random corruptions, seeded so a failure can be replayed: none may
// panic or crash the process. Most are caught as damage; some hit bytes
// nobody reads, or a value that then fails to decode.
func TestRandomCorruptionNeverPanics(t *testing.T) {
	dir := t.TempDir()
	orig := filepath.Join(dir, "orig.db")
	filledStore(t, orig)
	caught := 0
	for trial := range 40 {
		rng := rand.New(rand.NewPCG(2026, uint64(trial)))
		path := filepath.Join(dir, fmt.Sprintf("trial%d.db", trial))
		copyFile(t, orig, path)
		what := corrupt(t, rng, path)
		err := runExercise(t, fmt.Sprintf("trial %d (%s)", trial, what), path)
		if errors.Is(err, ErrDamaged) {
			caught++
			if !strings.Contains(err.Error(), FixCommand) {
				t.Errorf("trial %d: the message does not name the fix: %v", trial, err)
			}
		}
		t.Logf("trial %2d: %-24s %v", trial, what, err)
	}
	if caught < 30 {
		t.Errorf("only %d of 40 corruptions were reported as damage", caught)
	}
}

// The same damage met by transactions alone, as when the file is too big
// for Open's whole check or is damaged after Open: bbolt then reads the
// bad pages itself, and its panics and faults must come back as errors.
func TestRandomCorruptionInTransactionsNeverPanics(t *testing.T) {
	dir := t.TempDir()
	orig := filepath.Join(dir, "orig.db")
	filledStore(t, orig)
	caught := 0
	for trial := range 40 {
		rng := rand.New(rand.NewPCG(2027, uint64(trial)))
		path := filepath.Join(dir, fmt.Sprintf("trial%d.db", trial))
		copyFile(t, orig, path)
		what := corrupt(t, rng, path)
		s := &Store{path: path, opts: Options{Now: fixedNow, LockTimeout: time.Second}}
		err := noPanic(t, fmt.Sprintf("trial %d (%s)", trial, what), func() error { return exerciseStore(s) })
		if errors.Is(err, ErrDamaged) {
			caught++
		}
		t.Logf("trial %2d: %-24s %v", trial, what, err)
	}
	if caught < 20 {
		t.Errorf("only %d of 40 corruptions were reported as damage", caught)
	}
}
