package symbol

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// Both sides of a file are asked of git in one round trip; Read then
// answers from what came back, files not there included, without asking
// again.
func TestPrefetchReadsTogether(t *testing.T) {
	files := map[analyze.FileAt]string{
		{Path: "a.go", Side: analyze.Removed}: "package a\n",
		{Path: "a.go", Side: analyze.Added}:   "package a\n\nfunc A() {}\n",
	}
	var one, many int
	cd := &analyze.CommitDiff{
		Source: func(p string, side analyze.LineKind) ([]byte, bool) {
			one++
			src, ok := files[analyze.FileAt{Path: p, Side: side}]
			return []byte(src), ok
		},
		Sources: func(asked []analyze.FileAt) []analyze.SourceFile {
			many++
			out := make([]analyze.SourceFile, len(asked))
			for i, f := range asked {
				src, ok := files[f]
				out[i] = analyze.SourceFile{Content: []byte(src), OK: ok}
			}
			return out
		},
	}
	c := ForCommit(analyze.WithMemo(cd))
	f := &analyze.FileDiff{OldPath: "a.go", NewPath: "a.go"}
	c.Prefetch(append(bothSides(f), analyze.FileAt{Path: "gone.go", Side: analyze.Added}, analyze.FileAt{Path: "a.go", Side: analyze.Added})...)
	if many != 1 {
		t.Fatalf("%d round trips for three files", many)
	}
	if src, ok := c.Read("a.go", analyze.Added); !ok || string(src) != files[analyze.FileAt{Path: "a.go", Side: analyze.Added}] {
		t.Errorf("Read after Prefetch: %q, %v", src, ok)
	}
	if _, ok := c.Read("gone.go", analyze.Added); ok {
		t.Error("a file not there reads as there")
	}
	c.Prefetch(bothSides(f)...)
	if one != 0 || many != 1 {
		t.Errorf("asked again: %d single reads, %d round trips", one, many)
	}
	// One file left to read is read as Read would: no batch of one.
	c.Prefetch(analyze.FileAt{Path: "b.go", Side: analyze.Added}, analyze.FileAt{Path: "a.go", Side: analyze.Added})
	if many != 1 {
		t.Errorf("a batch of one: %d round trips", many)
	}
}
