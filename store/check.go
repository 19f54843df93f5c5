package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Health is what Check found out about a database file.
type Health struct {
	Size int64 `json:"size"`
	// FreeBytes are allocated to the file but hold nothing: free pages
	// and the room bbolt grew the file by ahead of use. Compact returns
	// them.
	FreeBytes int64 `json:"free_bytes"`
	Schema    int   `json:"schema"`
}

// FreeShare is the part of the file that compaction would give back.
func (h Health) FreeShare() float64 {
	if h.Size == 0 {
		return 0
	}
	return float64(h.FreeBytes) / float64(h.Size)
}

// Check examines the database at path thoroughly, as `doctor` does, without
// creating or changing anything: the header pages, every page reachable from
// them (read without bbolt, so damage cannot crash the process), and then
// bbolt's own consistency check (Tx.Check: no page freed twice or lost, keys
// in order). It returns a DamageError or MissingError when the file is
// damaged or gone, ErrBusy when another process holds it.
func Check(path string, opts Options) (Health, error) {
	if opts.LockTimeout == 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	s := &Store{path: path, opts: opts}
	var h Health
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if s.evidence() == "" {
			return h, nil // a first run: nothing to check yet
		}
		return h, s.missing(false)
	case err != nil:
		return h, fmt.Errorf("open database %s: %w", path, err)
	}
	h.Size = info.Size()
	err = s.withDB(true, func(db *bolt.DB) error {
		// First the plain walk, under bbolt's shared lock so that no
		// writer changes pages meanwhile: only a file it passed is safe
		// for Tx.Check, whose goroutine could not survive a fault.
		if err := verifyFile(path); err != nil {
			return err
		}
		return db.View(func(tx *bolt.Tx) error {
			var problems []string
			for err := range tx.Check() {
				if len(problems) < 5 {
					problems = append(problems, err.Error())
				}
			}
			if len(problems) > 0 {
				return damaged(path, "%s", strings.Join(problems, "; "))
			}
			h.FreeBytes = h.Size - tx.Size() + int64(db.Stats().FreePageN)*int64(db.Info().PageSize)
			var err error
			if h.Schema, err = schemaOf(tx); err != nil || h.Schema != SchemaVersion() {
				return err
			}
			return readable(&Tx{btx: tx, now: time.Now})
		})
	})
	return h, err
}

// readable decodes every record the commands read: repositories, their
// tips and findings, drafts. bbolt's check vouches for the pages, not for
// the bytes of a value; a value damaged in place would make status and
// drafts list report damage while doctor --fix found the file healthy and
// left it as it was.
func readable(tx *Tx) error {
	repos, err := tx.Repos()
	if err != nil {
		return err
	}
	for _, r := range repos {
		if _, err := tx.Tips(r.ID); err != nil {
			return err
		}
		if _, err := tx.Findings(r.ID, ""); err != nil {
			return err
		}
	}
	_, err = tx.Drafts(DraftFilter{})
	return err
}
