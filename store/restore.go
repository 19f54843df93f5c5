package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// AsidePath is where a damaged database is kept when it is replaced.
func AsidePath(dbPath string, now time.Time) string {
	return dbPath + ".damaged-" + now.UTC().Format("20060102-150405")
}

// lockFile holds bbolt's lock on the database file at path (if there is
// one) while fn runs, so that no other process is inside a transaction
// when the file is replaced. Processes that were waiting for the lock find
// the path names a new file and open that (see withDB).
func lockFile(path string, timeout time.Duration, fn func(exists bool) error) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return fn(false)
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	deadline := time.Now().Add(timeout)
	for {
		held, err := tryLock(f)
		if err != nil {
			return fmt.Errorf("lock database %s: %w", path, err)
		}
		if !held {
			break
		}
		if time.Now().After(deadline) {
			return ErrBusy
		}
		time.Sleep(50 * time.Millisecond)
	}
	defer unlock(f)
	return fn(true)
}

// replace puts the file at src in place of the database at path, keeping
// the current file (if any) at aside. The database path never stops naming
// a file on the way: the current file is linked to aside first, then src is
// renamed over path.
func replace(path, src, aside string) error {
	if aside != "" {
		if err := os.Link(path, aside); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				aside = ""
			} else if err := copyPlain(path, aside); err != nil {
				return fmt.Errorf("keep the current database at %s: %w", aside, err)
			}
		}
	}
	if err := os.Rename(src, path); err != nil {
		return fmt.Errorf("put %s in place: %w", src, err)
	}
	return syncDir(filepath.Dir(path))
}

// RestoreBackup replaces the database at path with its backup copy. The
// current file, when there is one, is kept at the returned aside path
// ("" when there was none). A backup that fails its check is not used.
func RestoreBackup(path string, opts Options, now time.Time) (aside string, err error) {
	b := Backup(path)
	if !b.Exists {
		return "", fmt.Errorf("no backup at %s", b.Path)
	}
	if b.Err == nil {
		b.Err = verifyFile(b.Path)
	}
	if b.Err != nil {
		return "", fmt.Errorf("the backup %s is unusable: %w", b.Path, b.Err)
	}
	tmp, err := copyTemp(b.Path, filepath.Dir(path))
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	err = lockFile(path, lockTimeout(opts), func(exists bool) error {
		if exists {
			aside = AsidePath(path, now)
		}
		return replace(path, tmp, aside)
	})
	if err != nil {
		return "", err
	}
	return aside, nil
}

// StartAfresh replaces the database at path with a new, empty one, keeping
// the current file (if any) at the returned aside path.
func StartAfresh(path string, opts Options, now time.Time) (aside string, err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".fresh-*")
	if err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp)
	if err := os.Remove(tmp); err != nil { // bbolt initialises a missing file
		return "", err
	}
	s := &Store{path: tmp, opts: opts}
	if err := s.create(tmp); err != nil {
		return "", err
	}
	err = lockFile(path, lockTimeout(opts), func(exists bool) error {
		if exists {
			aside = AsidePath(path, now)
		}
		return replace(path, tmp, aside)
	})
	if err != nil {
		return "", err
	}
	return aside, nil
}

func lockTimeout(opts Options) time.Duration {
	if opts.LockTimeout == 0 {
		return DefaultLockTimeout
	}
	return opts.LockTimeout
}

// copyTemp copies src into a new temporary file in dir (mode 0600), synced.
func copyTemp(src, dir string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, ".restore-*")
	if err != nil {
		return "", fmt.Errorf("copy %s: %w", src, err)
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Name(), nil
}

func copyPlain(src, dst string) error {
	tmp, err := copyTemp(src, filepath.Dir(dst))
	if err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// syncDir makes a rename in dir durable; where folders cannot be synced
// (Windows) the rename stands on its own.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// Contents counts what a database file holds, as far as it can be read:
// for `doctor --fix` to say what starting afresh loses.
type Contents struct {
	Repos  int            `json:"repos"`
	Drafts map[string]int `json:"drafts"` // by state
}

// ReadContents reads what it can of the (possibly damaged) database at
// path without changing it; an error says the file could not be read.
func ReadContents(path string) (Contents, error) {
	c := Contents{Drafts: map[string]int{}}
	s := &Store{path: path, opts: Options{LockTimeout: time.Second, Now: time.Now}}
	err := s.View(func(tx *Tx) error {
		repos, err := tx.Repos()
		if err != nil {
			return err
		}
		c.Repos = len(repos)
		ds, err := tx.Drafts(DraftFilter{})
		for _, d := range ds {
			c.Drafts[d.State]++
		}
		return err
	})
	return c, err
}
