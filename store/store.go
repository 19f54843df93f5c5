// Package store keeps ticket-master's state in one bbolt file: enrolled
// repositories, the commits analysed in each, findings, drafts and
// publications.
//
// bbolt allows one writing process at a time and locks the whole file, so the
// store never keeps the file open: every View or Update opens it (with a lock
// timeout), runs one transaction and closes it again. That is what lets the
// CLI work while the daemon runs, and it means no caller can hold the
// database across a network call.
package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrBusy is returned when another process held the database for longer than
// the lock timeout.
var ErrBusy = errors.New("the ticket-master database is busy: another ticket-master process is using it; try again in a moment")

// DefaultLockTimeout is how long to wait for another process's lock.
const DefaultLockTimeout = 5 * time.Second

// Options configure a Store.
type Options struct {
	// LockTimeout bounds the wait for another process; zero means DefaultLockTimeout.
	LockTimeout time.Duration
	// NoticeDir, when set, receives one file per repository with the line its
	// hook prints about waiting drafts; it is rewritten after every Update
	// that changes a repository's drafts.
	NoticeDir string
	// Now is the clock for timestamps; nil means time.Now.
	Now func() time.Time
}

// Store is a handle on the database file. It holds no open file between
// transactions and is safe for concurrent use.
type Store struct {
	path string
	opts Options
}

// Open returns a Store for the file at path, creating the file and its
// folder if needed and migrating an older schema.
func Open(path string, opts Options) (*Store, error) {
	if opts.LockTimeout == 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create database folder: %w", err)
	}
	s := &Store{path: path, opts: opts}
	db, err := s.open(false)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.Update(migrate); err != nil {
		return nil, fmt.Errorf("prepare database %s: %w", path, err)
	}
	return s, nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

func (s *Store) open(readOnly bool) (*bolt.DB, error) {
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: s.opts.LockTimeout, ReadOnly: readOnly})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, ErrBusy
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", s.path, err)
	}
	return db, nil
}

// View runs fn in a read-only transaction. Readers share the file lock.
func (s *Store) View(fn func(*Tx) error) error {
	db, err := s.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(btx *bolt.Tx) error {
		if err := checkVersion(btx); err != nil {
			return err
		}
		return fn(&Tx{btx: btx, now: s.opts.Now})
	})
}

// Update runs fn in a read-write transaction, committed if fn returns nil.
// Afterwards the notice files of repositories whose drafts changed are
// rewritten, so that hooks always print the current count.
func (s *Store) Update(fn func(*Tx) error) error {
	db, err := s.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	var touched map[string]bool
	err = db.Update(func(btx *bolt.Tx) error {
		if err := checkVersion(btx); err != nil {
			return err
		}
		tx := &Tx{btx: btx, now: s.opts.Now, writable: true}
		if err := fn(tx); err != nil {
			return err
		}
		touched = tx.touched
		return nil
	})
	if err != nil || len(touched) == 0 || s.opts.NoticeDir == "" {
		return err
	}
	return db.View(func(btx *bolt.Tx) error {
		return writeNotices(s.opts.NoticeDir, &Tx{btx: btx, now: s.opts.Now}, touched)
	})
}
