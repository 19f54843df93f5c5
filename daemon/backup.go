package daemon

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/ticket-master/ticket-master/store"
)

// How often the daemon looks after the database file.
const (
	// backupEvery: a backup is written this often, and only when the
	// database changed since the last one (store.Backup compares them).
	backupEvery = time.Hour
	// compactEvery: the free space is measured at most this often, and the
	// file compacted when it passes store.CompactThreshold.
	compactEvery = 24 * time.Hour
)

// upkeep keeps a consistent backup of the database beside it, for
// `doctor --fix` to restore, and compacts the file when deleted records
// have left much of it free (bbolt never shrinks a file by itself).
type upkeep struct {
	store *store.Store
	clock Clock
	log   *slog.Logger
	// minSize is the least file size worth compacting (store.CompactMinSize).
	minSize int64

	mu          sync.Mutex // one round at a time
	lastCompact time.Time  // when the free space was last measured
}

func newUpkeep(st *store.Store, clock Clock, log *slog.Logger) *upkeep {
	return &upkeep{store: st, clock: clock, log: log, minSize: store.CompactMinSize}
}

// start runs a round now (a database changed while no daemon ran gets its
// backup at once) and then every backupEvery until ctx ends.
func (u *upkeep) start(ctx context.Context) {
	u.round(ctx)
	var arm func()
	arm = func() {
		u.clock.AfterFunc(backupEvery, func() {
			if ctx.Err() != nil {
				return
			}
			u.round(ctx)
			arm()
		})
	}
	arm()
}

func (u *upkeep) round(ctx context.Context) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	u.backup()
	now := u.clock.Now()
	if !u.lastCompact.IsZero() && now.Sub(u.lastCompact) < compactEvery {
		return
	}
	u.lastCompact = now
	if info, err := os.Stat(u.store.Path()); err != nil || info.Size() < u.minSize {
		return // small files are not worth measuring
	}
	health, err := store.Check(u.store.Path(), store.Options{})
	if err != nil {
		u.complain("check the database", err)
		return
	}
	if health.FreeShare() < store.CompactThreshold {
		return
	}
	before, after, err := u.store.Compact()
	if err != nil {
		u.complain("compact the database", err)
		return
	}
	u.log.Info("database compacted", "before_bytes", before, "after_bytes", after)
	u.backup() // the compacted file is a new file: back it up now
}

func (u *upkeep) backup() {
	wrote, err := u.store.Backup()
	switch {
	case err != nil:
		u.complain("back up the database", err)
	case wrote:
		u.log.Info("database backed up", "backup", store.BackupPath(u.store.Path()))
	}
}

func (u *upkeep) complain(what string, err error) {
	if errors.Is(err, store.ErrDamaged) || errors.Is(err, store.ErrMissing) {
		u.log.Error("cannot "+what+"; the last good backup is kept", "err", err)
		return
	}
	u.log.Warn("cannot "+what, "err", err)
}
