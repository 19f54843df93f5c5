package analyze

import (
	"slices"
	"testing"
)

// A title names a file by its path, then by the path without one more
// leading folder each time, down to its base name; an end of more than one
// name says it is one.
func TestPathEnds(t *testing.T) {
	for p, want := range map[string][]string{
		"tenacity/asyncio/__init__.py":             {"tenacity/asyncio/__init__.py", "…/asyncio/__init__.py", "__init__.py"},
		"website/scripts/sync-algolia-crawler.mjs": {"website/scripts/sync-algolia-crawler.mjs", "…/scripts/sync-algolia-crawler.mjs", "sync-algolia-crawler.mjs"},
		"merge.go": {"merge.go"},
		"":         {""},
	} {
		if got := PathEnds(p); !slices.Equal(got, want) {
			t.Errorf("PathEnds(%q) = %q, want %q", p, got, want)
		}
	}
}
