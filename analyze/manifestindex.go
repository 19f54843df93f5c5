package analyze

import (
	"bytes"
	"path"
	"slices"
	"strings"
	"sync"
)

// The dependency detector asks, of a commit that adds a package to a
// manifest, whether another manifest of the same kind declared it at the
// commit's parent (HoldersAt with `**/go.mod`): a git grep of the whole
// tree, five of them in a backfill of go-git's last 2,000 commits, each a
// git process (4 ms of CPU to start on the 2-core VM of session 29) for
// a question about two go.mod files. The analysis knows the manifests its
// commits may have, as it knows their tests (testIndex), and reads a few
// of them through its file cache instead.

// heldManifests are the manifests' names HoldersAt may answer from the
// index: those the dependency detector asks about as `**/NAME`.
var heldManifests = map[string]bool{
	ManifestGoMod: true, ManifestPackageJSON: true, ManifestCargo: true,
	ManifestPom: true, ManifestGemfile: true, ManifestComposer: true,
}

func isHeldManifest(p string) bool { return heldManifests[path.Base(p)] }

// maxHeldInProcess bounds the manifests HoldersAt reads itself; past it
// (a monorepo's hundred package.json files) git greps them better.
const maxHeldInProcess = 8

// manifestIndex knows, for one analysis, the manifests (heldManifests) its
// commits may have: those of the tree the analysis starts from and those
// any commit recorded so far changed. It may name a file a commit does not
// have; reading it there finds nothing.
type manifestIndex struct {
	list func() ([]string, error) // nil: no tree to start from
	once sync.Once

	mu     sync.Mutex
	known  map[string]bool
	failed bool
}

func newManifestIndex(list func() ([]string, error)) *manifestIndex {
	return &manifestIndex{list: list, known: map[string]bool{}}
}

// note records the manifests among the paths a commit changed.
func (m *manifestIndex) note(paths map[string]bool) {
	var found []string
	for p := range paths {
		if isHeldManifest(p) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range found {
		m.known[p] = true
	}
}

// named lists the manifests named base that the analysis knows, sorted;
// ok is false when the starting tree could not be listed (or there was
// none to list) or more than max are known.
func (m *manifestIndex) named(base string, max int) (paths []string, ok bool) {
	m.once.Do(func() {
		if m.list == nil {
			m.mu.Lock()
			m.failed = true
			m.mu.Unlock()
			return
		}
		files, err := m.list()
		m.mu.Lock()
		defer m.mu.Unlock()
		if err != nil {
			m.failed = true
			return
		}
		for _, p := range files {
			m.known[p] = true
		}
	})
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failed {
		return nil, false
	}
	for p := range m.known {
		if path.Base(p) == base {
			if len(paths) == max {
				return nil, false
			}
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	return paths, true
}

// holdersInProcess is HoldersAt for a manifest's name anywhere in the tree
// (one glob `**/NAME`) at the commit or its first parent, answered from
// the manifests the analysis knows, read through its file cache; ok is
// false when it cannot answer (another glob, another commit, too many
// manifests), and git greps. As git grep -I -F does: a manifest with a
// NUL byte in its first 8,000 is binary and not searched, and a text (one
// line at most) is held by a file when a line of it holds the text. A
// manifest over MaxSourceBytes reads as absent here: none is that large.
func (cd *CommitDiff) holdersInProcess(commit string, texts, globs []string, max int) (map[string][]string, bool) {
	if cd.manifests == nil || len(globs) != 1 || !strings.HasPrefix(globs[0], "**/") || !heldManifests[globs[0][len("**/"):]] {
		return nil, false
	}
	var side LineKind
	switch commit {
	case cd.Hash:
		side = Added
	case cd.parent:
		side = Removed
	default:
		return nil, false
	}
	paths, ok := cd.manifests.named(globs[0][len("**/"):], maxHeldInProcess)
	if !ok {
		return nil, false
	}
	read := cd.ReadSources(FilesAt(side, paths...))
	// The read waited for the merges before the commit to be recorded
	// (fileCache.awaitMerges): a manifest one of them added is known now.
	if again, ok := cd.manifests.named(globs[0][len("**/"):], maxHeldInProcess); !ok || !slices.Equal(again, paths) {
		return nil, false
	}
	out := map[string][]string{}
	for i, got := range read {
		if !got.OK || bytes.IndexByte(got.Content[:min(len(got.Content), 8000)], 0) >= 0 {
			continue
		}
		for _, t := range texts {
			if len(out[t]) < max && bytes.Contains(got.Content, []byte(t)) {
				out[t] = append(out[t], paths[i])
			}
		}
	}
	return out, true
}
