package symbol

import (
	"bytes"
	"hash/maphash"
	"sync"
)

// A backfill meets most Go files again a few commits later: the side a
// commit leaves is the side the next commit to touch the file starts
// from, and the same declarations are often changed again. Splitting a
// file into declarations and parsing them depends on the file's content
// alone, so the sides of recent files are kept, by content, with the
// declarations parsed so far. Both are read-only once made, and shared
// by the commits analysed at once.

// Bounds of the kept sides: a few dozen files, a few MiB of source.
const (
	maxKeptSides     = 64
	maxKeptSideBytes = 8 << 20
)

// sideCache keeps the most recently split sides, oldest out first. They
// are found by a hash of their content, checked against the content
// itself: keyed by the content as a string, every kept file was copied
// once more (35 MB of a 2,000-commit backfill's allocations).
type sideCache struct {
	mu    sync.Mutex
	max   int // sides
	bytes int // of source, at most
	seed  maphash.Seed
	kept  map[uint64]*goSide
	order []uint64 // oldest first
	size  int
}

// recentSides are the sides of the files the last commits analysed in this
// process touched.
var recentSides = newSideCache(maxKeptSides, maxKeptSideBytes)

// newSideCache keeps at most max sides and bytes of source.
func newSideCache(max, bytes int) *sideCache {
	return &sideCache{max: max, bytes: bytes, seed: maphash.MakeSeed()}
}

// side returns the split side of src, made now or kept from an earlier
// commit with the same content.
func (c *sideCache) side(src []byte) *goSide {
	key := maphash.Bytes(c.seed, src)
	c.mu.Lock()
	if s, ok := c.kept[key]; ok && bytes.Equal(s.src, src) {
		c.mu.Unlock()
		return s
	}
	c.mu.Unlock()
	s := splitGoSide(src)
	if len(src) > c.bytes {
		return s
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if kept, ok := c.kept[key]; ok {
		if bytes.Equal(kept.src, src) {
			return kept // another commit split it meanwhile
		}
		return s // another content with the same hash: not kept
	}
	if c.kept == nil {
		c.kept = map[uint64]*goSide{}
	}
	for len(c.order) > 0 && (len(c.order) >= c.max || c.size+len(src) > c.bytes) {
		oldest := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.kept[oldest].src)
		delete(c.kept, oldest)
	}
	c.kept[key] = s
	c.order = append(c.order, key)
	c.size += len(src)
	return s
}

// parsedChunk is one chunk's declarations as parse read them, or ok false
// when it did not parse.
type parsedChunk struct {
	decls   []*goDecl
	aliases map[string][]goTok // the type aliases it declares
	ok      bool
}

// chunk returns the declarations of chunk i, parsing it the first time.
func (s *goSide) chunk(i int) parsedChunk {
	s.mu.Lock()
	if p, ok := s.parsed[i]; ok {
		s.mu.Unlock()
		return p
	}
	s.mu.Unlock()
	p := s.parseChunk(i)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.parsed == nil {
		s.parsed = map[int]parsedChunk{}
	}
	s.parsed[i] = p
	return p
}
