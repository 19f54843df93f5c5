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
	// Throwaway says the file is removed when the command ends (analyze's
	// store): no commit waits for the disk (fdatasync), since a crash loses
	// the file all the same. Never for the user's own database.
	Throwaway bool
}

// Store is a handle on the database file. It holds no open file between
// transactions and is safe for concurrent use.
type Store struct {
	path  string
	opts  Options
	reuse *reuse // see ReuseDecoded
}

// Open returns a Store for the file at path, creating the file and its
// folder if needed and migrating an older schema. It refuses, with a
// MissingError, to create an empty database where one evidently existed,
// and checks the whole file when that is cheap (see quickCheckLimit).
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
	s := &Store{path: path, opts: opts, reuse: &reuse{}}
	if err := s.createIfNew(); err != nil {
		return nil, err
	}
	if st, err := os.Stat(path); err == nil && st.Size() <= quickCheckLimit {
		// Under bbolt's shared lock, so that no writer changes pages
		// while they are read.
		if err := s.withDB(true, func(*bolt.DB) error { return verifyFile(path) }); err != nil {
			return nil, err
		}
	}
	if err := s.migrate(); err != nil {
		return nil, fmt.Errorf("prepare database %s: %w", path, err)
	}
	return s, nil
}

// quickCheckLimit is the largest file whose whole structure Open checks: a
// few milliseconds for a few thousand pages, once per command.
const quickCheckLimit = 16 << 20

// Path is the database file.
func (s *Store) Path() string { return s.path }

// View runs fn in a read-only transaction. Readers share the file lock.
func (s *Store) View(fn func(*Tx) error) error {
	return s.withDB(true, func(db *bolt.DB) error {
		return db.View(func(btx *bolt.Tx) error {
			if err := checkVersion(btx); err != nil {
				return err
			}
			return fn(&Tx{btx: btx, now: s.opts.Now, reuse: s.reuse})
		})
	})
}

// Update runs fn in a read-write transaction, committed if fn returns nil.
// Afterwards the notice files of repositories whose drafts changed are
// rewritten, so that hooks always print the current count.
func (s *Store) Update(fn func(*Tx) error) error {
	return s.withDB(false, func(db *bolt.DB) error {
		var tx *Tx
		err := db.Update(func(btx *bolt.Tx) error {
			if err := checkVersion(btx); err != nil {
				return err
			}
			tx = &Tx{btx: btx, now: s.opts.Now, writable: true, reuse: s.reuse}
			return fn(tx)
		})
		if err != nil {
			return err
		}
		return s.afterUpdate(db, tx)
	})
}

// afterUpdate writes the files that mirror the database for readers that
// must not open it: the hooks' notices and the list of repositories.
func (s *Store) afterUpdate(db *bolt.DB, tx *Tx) error {
	if (len(tx.touched) == 0 || s.opts.NoticeDir == "") && !tx.reposChanged {
		return nil
	}
	return db.View(func(btx *bolt.Tx) error {
		view := &Tx{btx: btx, now: s.opts.Now, reuse: s.reuse}
		if tx.reposChanged {
			if err := writeRegistry(registryPath(s.path), view); err != nil {
				return err
			}
		}
		if len(tx.touched) == 0 || s.opts.NoticeDir == "" {
			return nil
		}
		return writeNotices(s.opts.NoticeDir, view, tx.touched)
	})
}
