package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDamageInsideATransactionLetsGoOfTheLock: the file is truncated while
// a write transaction runs (as `truncate` beside a running daemon), so the
// transaction faults, and so does bbolt's rollback, which then never
// unlocks the database object. The process must still let go of the file
// lock, or `doctor --fix` finds the database busy for as long as the
// daemon lives.
func TestDamageInsideATransactionLetsGoOfTheLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	filledStore(t, path)
	st, err := Open(path, Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- st.Update(func(tx *Tx) error {
			if err := os.Truncate(path, 0); err != nil {
				return err
			}
			_, err := tx.Repos() // reads pages that are gone: a fault
			return err
		})
	}()
	select {
	case err := <-done:
		var de *DamageError
		if err == nil || (!errors.As(err, &de) && !errors.Is(err, ErrDamaged)) {
			t.Logf("the damaged transaction returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a transaction on a file truncated under it never returned")
	}
	// Another process (here, another handle) can take the lock, well within
	// a lock timeout.
	other, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	deadline := time.Now().Add(2 * time.Second)
	for {
		held, err := tryLock(other)
		if err != nil {
			t.Fatal(err)
		}
		if !held {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the file lock is still held after the damaged transaction")
		}
		time.Sleep(10 * time.Millisecond)
	}
	unlock(other)
}
