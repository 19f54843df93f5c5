package docdrift

import (
	"errors"
	"slices"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// TestListedOnlyKeepsWhatTheFoldersHold: of the READMEs a file's folders
// could hold, those their listings name are kept, and every one of a
// folder that cannot be listed; outside an analysis, all of them.
func TestListedOnlyKeepsWhatTheFoldersHold(t *testing.T) {
	listings := map[string][]string{
		"":    {"README.md", "go.mod"},
		"a":   {"x.go", "README.markdown.bak"},
		"a/b": {"README", "y.go"},
	}
	cd := &analyze.CommitDiff{Hash: "c", ListDir: func(dir string) ([]string, error) {
		if dir == "." {
			dir = ""
		}
		names, ok := listings[dir]
		if !ok {
			return nil, errors.New("no such folder")
		}
		return names, nil
	}}
	paths := readmePaths("a/b/y.go")
	var want []string
	want = append(want, "a/b/README", "README.md")
	want = append(want, docIndexes...) // docs/ and doc/ cannot be listed: kept
	if got := listedOnly(cd, paths); !slices.Equal(got, want) {
		t.Errorf("listedOnly = %q, want %q", got, want)
	}
	if got := listedOnly(&analyze.CommitDiff{Hash: "c"}, paths); !slices.Equal(got, paths) {
		t.Errorf("listedOnly without listings = %q, want every path", got)
	}
}
