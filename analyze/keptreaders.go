package analyze

import (
	"context"
	"errors"
	"sync"
)

// An analysis ends with its git cat-file readers warm: their packs opened
// and their caches of delta bases full of the files the last commits
// changed. What follows it on the same repository (following the code at
// the branch tips after a backfill) reads many of the same files, and a
// fresh reader first spends 5-10 ms setting up. So a Repo may keep, for
// its owner, up to a number of an ended analysis' readers, which
// NewBlobReader hands out before it starts a process; the owner closes
// those nobody took (CloseKept). A Repo that was not asked keeps none.
type keptReaders struct {
	mu     sync.Mutex
	want   int
	ctx    context.Context // the readers' own: a reader of a context that ended is not handed out
	kept   []*BlobReader
	closed bool
}

// KeepReaders asks r to keep up to n readers of the analyses that end on
// it, until CloseKept.
func (r *Repo) KeepReaders(n int) {
	r.keep.mu.Lock()
	defer r.keep.mu.Unlock()
	r.keep.want, r.keep.closed = n, false
}

// CloseKept ends the readers kept and keeps no more.
func (r *Repo) CloseKept() error {
	r.keep.mu.Lock()
	kept := r.keep.kept
	r.keep.kept, r.keep.want, r.keep.closed = nil, 0, true
	r.keep.mu.Unlock()
	var errs []error
	for _, b := range kept {
		errs = append(errs, b.Close())
	}
	return errors.Join(errs...)
}

// offer gives r a reader of an analysis that ended, started under ctx; it
// reports false when r does not keep it (the caller closes it then). A
// reader whose process failed is not kept.
func (r *Repo) offer(ctx context.Context, b *BlobReader) bool {
	r.keep.mu.Lock()
	defer r.keep.mu.Unlock()
	if r.keep.closed || len(r.keep.kept) >= r.keep.want || ctx.Err() != nil || b.failed() {
		return false
	}
	if len(r.keep.kept) == 0 {
		r.keep.ctx = ctx
	} else if r.keep.ctx != ctx {
		return false // one context's readers at a time
	}
	r.keep.kept = append(r.keep.kept, b)
	return true
}

// takeKept returns a kept reader, or nil. One whose context ended since is
// no use (its process is killed): it is closed.
func (r *Repo) takeKept() *BlobReader {
	r.keep.mu.Lock()
	defer r.keep.mu.Unlock()
	for len(r.keep.kept) > 0 {
		n := len(r.keep.kept) - 1
		b := r.keep.kept[n]
		r.keep.kept = r.keep.kept[:n]
		if r.keep.ctx.Err() == nil && !b.failed() {
			return b
		}
		b.Close()
	}
	return nil
}
