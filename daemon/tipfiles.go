package daemon

import (
	"errors"
	"slices"
	"sync"

	"github.com/ticket-master/ticket-master/analyze"
)

// maxTipFileBytes bounds what one pass of following the code keeps of the
// files it read at the tips; past it, reads go to git again.
const maxTipFileBytes = 16 << 20

// tipFiles keeps the files one pass of following the code read at the
// branch tips. The checks of that pass each read the open findings' files
// at every tip (a note still there, a dependency still pinned, a cited
// signature still written, a symbol still defined), and findings of
// several kinds often cite one file: each read once serves them all. Safe
// for concurrent use: the checks of a pass run side by side (followCodeAt).
type tipFiles struct {
	r analyze.FileReader

	mu    sync.Mutex
	kept  map[tipFileKey]tipFile
	bytes int
}

type tipFileKey struct{ commit, path string }

// tipFile is one answer of the reader: the file read with bound max, or
// why not.
type tipFile struct {
	data []byte
	err  error
	max  int64
}

// answer is what a read bounded by max gets from f; ok is false when f
// cannot tell (f was too large for a smaller bound).
func (f tipFile) answer(max int64) (data []byte, err error, ok bool) {
	switch {
	case f.err == nil && int64(len(f.data)) <= max:
		return f.data, nil, true
	case f.err == nil:
		return nil, analyze.ErrBlobTooLarge, true
	case errors.Is(f.err, analyze.ErrBlobTooLarge):
		return nil, f.err, max <= f.max
	default:
		return nil, f.err, true // not there, or unreadable, whatever the bound
	}
}

func newTipFiles(r analyze.FileReader) *tipFiles {
	return &tipFiles{r: r, kept: map[tipFileKey]tipFile{}}
}

// Read is r's Read, answered from what was read before when it can be:
// a file read with one bound answers a read with another (too large for
// the smaller one). Answers are kept whole, errors included: a file not
// there stays so for the pass.
func (t *tipFiles) Read(commit, path string, max int64) ([]byte, error) {
	k := tipFileKey{commit, path}
	t.mu.Lock()
	f, ok := t.kept[k]
	t.mu.Unlock()
	if ok {
		if data, err, ok := f.answer(max); ok {
			return data, err
		}
	}
	// Read without the lock: the other checks go on meanwhile, and two
	// that ask for one file at once read it twice at worst.
	data, err := t.r.Read(commit, path, max)
	t.keep(k, tipFile{data, err, max})
	return data, err
}

// keep keeps f unless the bound is reached, or what is kept tells more.
func (t *tipFiles) keep(k tipFileKey, f tipFile) {
	t.mu.Lock()
	defer t.mu.Unlock()
	old, dup := t.kept[k]
	if dup && old.max >= f.max || t.bytes+len(f.data) > maxTipFileBytes {
		return
	}
	t.kept[k] = f
	t.bytes += len(f.data) - len(old.data)
}

// batchReader reads many files in one round trip to git (a BlobReader).
type batchReader interface {
	ReadObjects(names []string, max int64) []analyze.BlobAnswer
}

// prefetchBatch is how many files Prefetch asks git for at once: what it
// may hold in memory beyond the bound, at max bytes each.
const prefetchBatch = 8

// Prefetch reads paths at commit, bounded by max, in a few round trips to
// git rather than one each: the checks that follow read each open
// finding's file at every tip, one after the other (33 files at the end
// of go-git's 2,000-commit backfill). Nothing when r reads one at a time;
// it stops at the bound of what is kept.
func (t *tipFiles) Prefetch(commit string, paths []string, max int64) {
	br, ok := t.r.(batchReader)
	if !ok {
		return
	}
	var ask []string
	t.mu.Lock()
	for _, p := range paths {
		if _, known := t.kept[tipFileKey{commit, p}]; !known && p != "" && !slices.Contains(ask, p) {
			ask = append(ask, p)
		}
	}
	t.mu.Unlock()
	for len(ask) > 0 {
		t.mu.Lock()
		full := t.bytes >= maxTipFileBytes
		t.mu.Unlock()
		if full {
			return
		}
		batch := ask[:min(prefetchBatch, len(ask))]
		ask = ask[len(batch):]
		names := make([]string, len(batch))
		for i, p := range batch {
			names[i] = commit + ":" + p
		}
		for i, got := range br.ReadObjects(names, max) {
			t.keep(tipFileKey{commit, batch[i]}, tipFile{got.Data, got.Err, max})
		}
	}
}
