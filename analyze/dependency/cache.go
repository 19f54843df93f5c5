package dependency

import (
	"slices"
	"sync"
)

// A backfill reads the same manifests again and again: the side a commit
// leaves is the side the next commit to touch the file starts from, and
// the manifests of the folders above a changed one (a workspace's root
// Cargo.toml) are read for every commit that changes a member. What a
// manifest declares depends on its kind, path and content alone, so the
// last few read are kept by those, and parsed once.

// Bounds of the kept manifests.
const (
	maxKeptManifests     = 32
	maxKeptManifestBytes = 4 << 20
)

// manifestCache keeps the most recently read manifests, oldest out first.
type manifestCache struct {
	mu    sync.Mutex // commits are analysed several at once
	kept  map[string][]placed
	order []string // keys, oldest first
	size  int      // bytes of the keys
}

// recentManifests are the manifests the last commits analysed in this
// process read.
var recentManifests = &manifestCache{}

// get returns what read makes of the manifest with key, kept from an
// earlier read of the same key or made now. ok false is not kept: a
// manifest that does not parse is rare, and cheap to find again.
func (c *manifestCache) get(key string, read func() ([]placed, bool)) ([]placed, bool) {
	c.mu.Lock()
	if ps, ok := c.kept[key]; ok {
		c.mu.Unlock()
		return slices.Clone(ps), true
	}
	c.mu.Unlock()
	ps, ok := read()
	if !ok || len(key) > maxKeptManifestBytes {
		return ps, ok
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, dup := c.kept[key]; dup {
		return ps, true
	}
	if c.kept == nil {
		c.kept = map[string][]placed{}
	}
	for len(c.order) > 0 && (len(c.order) >= maxKeptManifests || c.size+len(key) > maxKeptManifestBytes) {
		oldest := c.order[0]
		c.order = c.order[1:]
		c.size -= len(oldest)
		delete(c.kept, oldest)
	}
	c.kept[key] = slices.Clone(ps)
	c.order = append(c.order, key)
	c.size += len(key)
	return ps, true
}
