package analyze

import (
	"errors"
	"slices"
	"testing"
)

// The manifests known: the starting tree's, listed once, and those the
// commits change; none past the bound, and none when the tree could not be
// listed (git greps then). An analysis from a root commit starts from no
// tree: what the commits add is all there is.
func TestManifestIndexNamed(t *testing.T) {
	lists := 0
	m := newManifestIndex(func() ([]string, error) {
		lists++
		return []string{"go.mod", "tools/go.mod", "web/package.json", "README.md"}, nil
	})
	m.note(map[string]bool{"cmd/go.mod": true, "cmd/main.go": true})
	if got, ok := m.named("go.mod", 8); !ok || !slices.Equal(got, []string{"cmd/go.mod", "go.mod", "tools/go.mod"}) {
		t.Errorf("named(go.mod) = %q, %v", got, ok)
	}
	if got, ok := m.named("package.json", 8); !ok || !slices.Equal(got, []string{"web/package.json"}) {
		t.Errorf("named(package.json) = %q, %v", got, ok)
	}
	if got, ok := m.named("go.mod", 2); ok {
		t.Errorf("three go.mod files within a bound of 2: %q", got)
	}
	if lists != 1 {
		t.Errorf("the tree was listed %d times, want once", lists)
	}

	broken := newManifestIndex(func() ([]string, error) { return nil, errors.New("no tree") })
	broken.note(map[string]bool{"go.mod": true})
	if got, ok := broken.named("go.mod", 8); ok {
		t.Errorf("a tree that could not be listed answered %q", got)
	}

	rootless := newManifestIndex(nil)
	rootless.note(map[string]bool{"go.mod": true})
	if got, ok := rootless.named("go.mod", 8); !ok || !slices.Equal(got, []string{"go.mod"}) {
		t.Errorf("from a root commit: %q, %v", got, ok)
	}
}
