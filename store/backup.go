package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BackupPath is where the backup copy of the database at dbPath is kept.
func BackupPath(dbPath string) string { return dbPath + ".backup" }

// BackupInfo describes the backup copy.
type BackupInfo struct {
	Path   string    `json:"path"`
	Exists bool      `json:"exists"`
	Time   time.Time `json:"time,omitzero"` // when it was written
	// TxID is the transaction the copy was taken at: while the database is
	// still at it, nothing changed since.
	TxID uint64 `json:"-"`
	// Err says why an existing backup is unusable.
	Err error `json:"-"`
}

// Backup reports on the backup copy of the database at dbPath.
func Backup(dbPath string) BackupInfo {
	info := BackupInfo{Path: BackupPath(dbPath)}
	f, err := os.Open(info.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return info
	}
	info.Exists = true
	if err != nil {
		info.Err = err
		return info
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		info.Time = st.ModTime()
	}
	h, _, err := readHeader(f, info.Path)
	info.TxID, info.Err = h.txid, err
	return info
}

// Backup writes a consistent copy of the database (bbolt's Tx.WriteTo in a
// read transaction) to BackupPath, through a temporary file renamed into
// place, mode 0600. It writes nothing when the backup already holds the
// current state, and it never replaces a good backup with a damaged copy:
// the copy is checked before the rename. wrote says whether it wrote.
func (s *Store) Backup() (wrote bool, err error) {
	dst := BackupPath(s.path)
	prev := Backup(s.path)
	var tmp string
	err = s.withDB(true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			if prev.Exists && prev.Err == nil && prev.TxID == uint64(tx.ID()) {
				return nil
			}
			f, err := os.CreateTemp(filepath.Dir(dst), ".backup-*")
			if err != nil {
				return fmt.Errorf("back up the database: %w", err)
			}
			tmp = f.Name()
			_, err = tx.WriteTo(f)
			if err == nil {
				err = f.Sync()
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("back up the database: %w", err)
			}
			return nil
		})
	})
	if tmp == "" || err != nil {
		if tmp != "" {
			os.Remove(tmp)
		}
		return false, err
	}
	defer os.Remove(tmp)
	if err := verifyFile(tmp); err != nil {
		// The copy is what the database holds: it is damaged.
		var de *DamageError
		if errors.As(err, &de) {
			de.Path = s.path
		}
		return false, err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return false, fmt.Errorf("back up the database: %w", err)
	}
	return true, nil
}
