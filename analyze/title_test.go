package analyze

import (
	"slices"
	"strings"
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

// A path too long for the title is named by the longest end that fits.
func TestFitPathTitle(t *testing.T) {
	for _, tc := range []struct{ p, want string }{
		{"tests/certs/server.key", "Confirm tests/certs/server.key is a test-only key"},
		{"a/very/long/path/of/folders/that/goes/on/and/on/client_proxy_server_test.go", "Confirm …/that/goes/on/and/on/client_proxy_server_test.go is a test-only key"},
		{strings.Repeat("x", 90) + ".go", "Confirm " + ShortenTitle(strings.Repeat("x", 90)+".go", TitleMax-len("Confirm ")-len(" is a test-only key")) + " is a test-only key"},
	} {
		if got := FitPathTitle("Confirm ", tc.p, " is a test-only key"); got != tc.want || len(got) > TitleMax {
			t.Errorf("FitPathTitle(%s) = %q, want %q", tc.p, got, tc.want)
		}
	}
}
