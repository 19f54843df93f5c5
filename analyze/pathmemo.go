package analyze

import (
	"sync"
	"sync/atomic"
)

// The detectors ask the same questions of the same paths: whether a file
// is vendored or generated, documentation, a manifest. Each answer depends
// on the path alone, and a backfill asked them tens of thousands of times
// for a few hundred paths (a tenth of the detectors' time), so the answers
// for recent paths are kept.

// maxMemoPaths bounds each memo; past it, it starts again empty.
const maxMemoPaths = 4096

// pathMemo keeps the answers of one pure function of a path (or of any
// short string asked as often: a commit subject). Its reads
// take no lock: two detect workers ask at once, and a mutex around a plain
// map was a third of the memo's time.
type pathMemo[T any] struct {
	m sync.Map     // path → T
	n atomic.Int32 // answers stored since the memo was last emptied
	f func(string) T
}

func newPathMemo[T any](f func(string) T) *pathMemo[T] {
	return &pathMemo[T]{f: f}
}

// get is f(p), kept or found now.
func (pm *pathMemo[T]) get(p string) T {
	if v, ok := pm.m.Load(p); ok {
		return v.(T)
	}
	v := pm.f(p)
	if pm.n.Add(1) > maxMemoPaths {
		pm.m.Clear()
		pm.n.Store(1)
	}
	pm.m.Store(p, v)
	return v
}
