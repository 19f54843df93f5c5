package analyze

import "sync"

// knownPaths are the paths of one kind (keep) that an analysis's commits
// may have: those of the tree the analysis starts from, listed once at the
// first question, and those any commit recorded so far changed (the
// stream records a commit's changes before its detectors run). It may
// name a file a commit does not have; reading it there finds nothing.
// The grammar index and the manifest index are this set with their own
// questions.
type knownPaths struct {
	keep func(string) bool
	// list names the files of the tree the analysis starts from; nil when
	// it starts from no tree (a root commit).
	list func() ([]string, error)
	once sync.Once

	mu     sync.Mutex
	known  map[string]bool
	failed bool // list failed: the set is not all there is
}

func newKnownPaths(keep func(string) bool, list func() ([]string, error)) *knownPaths {
	return &knownPaths{keep: keep, list: list, known: map[string]bool{}}
}

// note records the paths of the kind among those a commit changed.
func (k *knownPaths) note(paths map[string]bool) {
	var found []string
	for p := range paths {
		if k.keep(p) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, p := range found {
		k.known[p] = true
	}
}

// with lists the starting tree if that was not done, and calls fn with
// the paths known and whether the listing failed, under the set's lock.
func (k *knownPaths) with(fn func(known map[string]bool, failed bool)) {
	k.once.Do(func() {
		if k.list == nil {
			return
		}
		files, err := k.list()
		k.mu.Lock()
		defer k.mu.Unlock()
		if err != nil {
			k.failed = true
			return
		}
		for _, p := range files {
			if k.keep(p) {
				k.known[p] = true
			}
		}
	})
	k.mu.Lock()
	defer k.mu.Unlock()
	fn(k.known, k.failed)
}
