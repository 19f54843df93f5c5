package analyze

import (
	"bytes"
	"path"
	"slices"
	"strings"
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
// commits may have (knownPaths).
type manifestIndex struct{ paths *knownPaths }

func newManifestIndex(list func() ([]string, error)) *manifestIndex {
	return &manifestIndex{newKnownPaths(isHeldManifest, list)}
}

// note records the manifests among the paths a commit changed.
func (m *manifestIndex) note(paths map[string]bool) { m.paths.note(paths) }

// named lists the manifests named base that the analysis knows, sorted;
// ok is false when the starting tree could not be listed or more than max
// are known.
func (m *manifestIndex) named(base string, max int) (paths []string, ok bool) {
	m.paths.with(func(known map[string]bool, failed bool) {
		if failed {
			return
		}
		ok = true
		for p := range known {
			if path.Base(p) == base {
				if len(paths) == max {
					paths, ok = nil, false
					return
				}
				paths = append(paths, p)
			}
		}
	})
	slices.Sort(paths)
	return paths, ok
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
