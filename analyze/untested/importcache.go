package untested

import (
	"sync"

	"github.com/ticket-master/ticket-master/analyze"
)

// A commit that changes a Go test asks which packages the test imports
// (goImporters), and go-git's busiest tests change every few commits:
// reading each version whole for its import block was a quarter of the
// files a backfill read. The block sits at the top and rarely changes, so
// what one version imports is carried to the next version of the file
// when the commit's hunks all start below the first declaration after it
// (firstDeclLine): the new version has the same imports, and that
// declaration starts on the same line.

// maxCarriedImports bounds the versions whose imports are kept.
const maxCarriedImports = 4096

// testImportsOf is what a version of a Go test imports, and the line of
// its first declaration after the imports (firstDeclLine).
type testImportsOf struct {
	imports []string
	end     int
}

// importCache keeps the imports of recent test versions by object name,
// the oldest out first. Safe for concurrent use: commits analysed at once
// share it.
type importCache struct {
	mu    sync.Mutex
	max   int
	kept  map[string]testImportsOf
	order []string
}

// recentImports are the imports of the test versions the last commits
// analysed in this process read or carried.
var recentImports = &importCache{max: maxCarriedImports}

func (c *importCache) get(blob string) (testImportsOf, bool) {
	if blob == "" {
		return testImportsOf{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.kept[blob]
	return t, ok
}

func (c *importCache) put(blob string, t testImportsOf) {
	if blob == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.kept[blob]; ok {
		return
	}
	if c.kept == nil {
		c.kept = map[string]testImportsOf{}
	}
	for len(c.order) >= c.max {
		delete(c.kept, c.order[0])
		c.order = c.order[1:]
	}
	c.kept[blob] = t
	c.order = append(c.order, blob)
}

// carry gives f's new version the imports of its old one when every hunk
// starts below the old version's first declaration after its imports,
// and reports whether it did.
func (c *importCache) carry(f *analyze.FileDiff) bool {
	if f.OldBlob == "" || f.NewBlob == "" || len(f.Hunks) == 0 {
		return false
	}
	t, ok := c.get(f.OldBlob)
	if !ok {
		return false
	}
	for _, h := range f.Hunks {
		if h.OldStart <= t.end {
			return false
		}
	}
	c.put(f.NewBlob, t)
	return true
}

// carryTests carries the imports of every Go test cd changes, known or
// not needed yet: a version nobody asked about still links the one
// before it to the one after.
func (c *importCache) carryTests(cd *analyze.CommitDiff) {
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.NewPath != "" && analyze.SourceLanguage(f.NewPath) == analyze.LangGo && analyze.IsTestPath(f.NewPath) {
			c.carry(f)
		}
	}
}
