package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// withDB opens the file, runs fn on it and closes it, all under guard: a
// damaged file gives a DamageError, never a crash. The file is checked
// before bbolt maps it (size and header pages), never created (Open does
// that), and, if a restore or a compaction replaced it while we waited for
// its lock, opened again.
func (s *Store) withDB(readOnly bool, fn func(*bolt.DB) error) error {
	for attempt := 0; ; attempt++ {
		var db *bolt.DB
		var file *os.File
		returned := false // fn did not fault
		err := guard(s.path, func() error {
			var err error
			db, err = s.openFile(readOnly, &file)
			if err != nil {
				return err
			}
			if !sameFileAt(file, s.path) {
				returned = true
				return errReplaced
			}
			err = fn(db)
			returned = true
			return err
		})
		switch {
		case db != nil && returned:
			if cerr := guard(s.path, db.Close); err == nil && cerr != nil {
				err = fmt.Errorf("close database: %w", cerr)
			}
		case file != nil:
			// bbolt panicked inside Open, or a transaction faulted on a file
			// damaged under it, where bbolt's rollback faults too and leaves
			// the database object locked for good (db.Close would wait for
			// ever): let go of the lock and the file. Unlock first: bbolt's
			// mapping, which stays until the process ends, keeps the open
			// file alive, and with it a lock that closing alone would keep.
			unlock(file)
			file.Close()
		}
		if errors.Is(err, errReplaced) && attempt < 5 {
			continue
		}
		return err
	}
}

// errReplaced: the path names another file than the one we locked.
var errReplaced = errors.New("the database file was replaced while opening it; try again")

// openFile opens the existing database with bbolt. *file receives the
// handle bbolt opens, so that it can be closed if bbolt panics half-way.
func (s *Store) openFile(readOnly bool, file **os.File) (*bolt.DB, error) {
	if err := s.checkHeader(); err != nil {
		return nil, err
	}
	opts := &bolt.Options{
		Timeout:    s.opts.LockTimeout,
		ReadOnly:   readOnly,
		NoSync:     s.opts.Throwaway,
		NoGrowSync: s.opts.Throwaway,
		// bbolt creates a missing file and initialises an empty one; here
		// either means the database was lost, which checkHeader reports.
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag&^os.O_CREATE, perm)
			if err == nil && *file == nil {
				*file = f
			}
			return f, err
		},
	}
	db, err := bolt.Open(s.path, 0o600, opts)
	if err != nil {
		*file = nil // bbolt closed it
	}
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, ErrBusy
	case errors.Is(err, fs.ErrNotExist):
		return nil, s.missing(false)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, damaged(s.path, "%v", err)
	case err != nil:
		return nil, fmt.Errorf("open database %s: %w", s.path, err)
	}
	return db, nil
}

// checkHeader is the check before every open: cheap (a stat and two small
// reads) and enough to keep bbolt from mapping a truncated file.
func (s *Store) checkHeader() error {
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return s.missing(false)
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", s.path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open database %s: %w", s.path, err)
	}
	if st.Size() == 0 {
		return s.missing(true)
	}
	_, _, err = readHeader(f, s.path)
	return err
}

// missing is the error for a database that is gone or empty.
func (s *Store) missing(emptied bool) error {
	ev := s.evidence()
	if ev == "" {
		ev = "it was there when this command started"
	}
	return &MissingError{Path: s.path, Emptied: emptied, Evidence: ev}
}

// createIfNew creates and initialises the database file when there is
// none, unless something says there was one: then the loss is reported
// (ErrMissing) instead of being covered by an empty database.
func (s *Store) createIfNew() error {
	st, err := os.Stat(s.path)
	switch {
	case err == nil && st.Size() > 0:
		return nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("open database %s: %w", s.path, err)
	}
	if ev := s.evidence(); ev != "" {
		return &MissingError{Path: s.path, Emptied: err == nil, Evidence: ev}
	}
	return s.create(s.path)
}

// create makes a new, empty database at path with the current schema.
func (s *Store) create(path string) error {
	return guard(path, func() error {
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: s.opts.LockTimeout})
		if errors.Is(err, berrors.ErrTimeout) {
			return ErrBusy
		}
		if err != nil {
			return fmt.Errorf("create database %s: %w", path, err)
		}
		defer db.Close()
		return db.Update(migrate)
	})
}

// evidence says why a database should be at the path, or "" when nothing
// says so (a first run).
func (s *Store) evidence() string {
	if info, err := os.Stat(BackupPath(s.path)); err == nil {
		return fmt.Sprintf("a backup of it from %s exists", info.ModTime().Local().Format(time.DateTime))
	}
	if repos, err := readRegistry(registryPath(s.path)); err == nil && len(repos) > 0 {
		return fmt.Sprintf("%s recorded %s", registryPath(s.path), repositories(len(repos), "enrolled "))
	}
	if s.opts.NoticeDir != "" {
		if n := countNotices(s.opts.NoticeDir); n > 0 {
			return fmt.Sprintf("%s holds notices of %s", s.opts.NoticeDir, repositories(n, ""))
		}
	}
	return ""
}

// repositories counts them in words: "1 enrolled repository", "3 enrolled
// repositories".
func repositories(n int, adj string) string {
	if n == 1 {
		return "1 " + adj + "repository"
	}
	return fmt.Sprintf("%d %srepositories", n, adj)
}

// sameFileAt reports whether path still names the open file f.
func sameFileAt(f *os.File, path string) bool {
	if f == nil {
		return true
	}
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// migrate brings the file up to SchemaVersion. The check is a read: most
// opens find the schema current and must not write (a write would also
// count as a change for the backup).
func (s *Store) migrate() error {
	var v int
	err := s.withDB(true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) (err error) {
			v, err = schemaOf(tx)
			return err
		})
	})
	if err != nil || v == SchemaVersion() {
		return err
	}
	err = s.withDB(false, func(db *bolt.DB) error { return db.Update(migrate) })
	// A record a migration cannot read was damaged (a flipped byte can
	// also make a current file look older): the migration rolled back,
	// and the fix is doctor's, as for any other damage.
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syntax) || errors.As(err, &typ) {
		return damaged(s.path, "%v", err)
	}
	return err
}
