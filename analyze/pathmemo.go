package analyze

import "sync"

// The detectors ask the same questions of the same paths: whether a file
// is vendored or generated, documentation, a manifest. Each answer depends
// on the path alone, and a backfill asked them tens of thousands of times
// for a few hundred paths (a tenth of the detectors' time), so the answers
// for recent paths are kept.

// maxMemoPaths bounds each memo; past it, it starts again empty.
const maxMemoPaths = 4096

// pathMemo keeps the answers of one pure function of a path.
type pathMemo[T any] struct {
	mu sync.Mutex // the detectors run on several commits at once
	m  map[string]T
	f  func(string) T
}

func newPathMemo[T any](f func(string) T) *pathMemo[T] {
	return &pathMemo[T]{m: map[string]T{}, f: f}
}

// get is f(p), kept or found now.
func (pm *pathMemo[T]) get(p string) T {
	pm.mu.Lock()
	v, ok := pm.m[p]
	pm.mu.Unlock()
	if ok {
		return v
	}
	v = pm.f(p)
	pm.mu.Lock()
	if len(pm.m) >= maxMemoPaths {
		clear(pm.m)
	}
	pm.m[p] = v
	pm.mu.Unlock()
	return v
}
