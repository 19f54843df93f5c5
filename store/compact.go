package store

import (
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// CompactThreshold is the share of the file that must be free (pages
// bbolt freed but never gives back, plus room it grew ahead of use) before
// the daemon compacts on its own, and compactMinSize the least size worth
// compacting: a few hundred kilobytes of slack cost nothing.
const (
	CompactThreshold = 0.5
	CompactMinSize   = 4 << 20
)

// NeedsCompaction says whether a file in this health is worth compacting.
func (h Health) NeedsCompaction() bool {
	return h.Size >= CompactMinSize && h.FreeShare() >= CompactThreshold
}

// Compact rewrites the database into a new file holding only what is in use
// (bbolt's Compact) and renames it into place. It holds bbolt's exclusive
// lock on the database throughout, so no other process reads or writes
// meanwhile; those that waited open the new file (see withDB). The new file
// is checked before it replaces the old one.
func (s *Store) Compact() (before, after int64, err error) {
	err = s.withDB(false, func(src *bolt.DB) error {
		if info, err := os.Stat(s.path); err == nil {
			before = info.Size()
		}
		f, err := os.CreateTemp(filepath.Dir(s.path), ".compact-*")
		if err != nil {
			return fmt.Errorf("compact database: %w", err)
		}
		tmp := f.Name()
		f.Close()
		defer os.Remove(tmp)
		dst, err := bolt.Open(tmp, 0o600, nil)
		if err != nil {
			return fmt.Errorf("compact database: %w", err)
		}
		err = bolt.Compact(dst, src, 4<<20)
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("compact database: %w", err)
		}
		if err := verifyFile(tmp); err != nil {
			return fmt.Errorf("compact database: the new file fails its check: %w", err)
		}
		info, err := os.Stat(tmp)
		if err != nil {
			return fmt.Errorf("compact database: %w", err)
		}
		after = info.Size()
		if err := os.Chmod(tmp, 0o600); err != nil {
			return fmt.Errorf("compact database: %w", err)
		}
		return replace(s.path, tmp, "")
	})
	return before, after, err
}
