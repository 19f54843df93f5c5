package daemon

import (
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

type tipFileKey struct {
	commit, path string
	max          int64
}

type tipFile struct {
	data []byte
	err  error
}

func newTipFiles(r analyze.FileReader) *tipFiles {
	return &tipFiles{r: r, kept: map[tipFileKey]tipFile{}}
}

// Read is r's Read, answered from what was read before when it can be.
// Answers are kept whole, errors included: a file too large or not there
// stays so for the pass.
func (t *tipFiles) Read(commit, path string, max int64) ([]byte, error) {
	k := tipFileKey{commit, path, max}
	t.mu.Lock()
	f, ok := t.kept[k]
	t.mu.Unlock()
	if ok {
		return f.data, f.err
	}
	// Read without the lock: the other checks go on meanwhile, and two
	// that ask for one file at once read it twice at worst.
	data, err := t.r.Read(commit, path, max)
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, dup := t.kept[k]; !dup && t.bytes+len(data) <= maxTipFileBytes {
		t.kept[k] = tipFile{data, err}
		t.bytes += len(data)
	}
	return data, err
}
