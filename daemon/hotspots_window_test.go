package daemon

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// The window holds the last size commits' touches, oldest first, and a
// window read earlier (handed to the hotspot detector) stays as it was
// while later commits move the window on.
func TestHotspotWindowMovesOn(t *testing.T) {
	var w hotspotWindow
	touch := func(i int) analyze.FileTouch {
		return analyze.FileTouch{Commit: analyze.Commit{Hash: fmt.Sprint(i)}, Paths: []string{fmt.Sprintf("f%d.go", i)}}
	}
	var seen []analyze.FileTouch
	for i := range 100 {
		w.add(touch(i), 5)
		if i == 40 {
			seen = w.Touches
		}
	}
	want := []analyze.FileTouch{touch(95), touch(96), touch(97), touch(98), touch(99)}
	if !slices.EqualFunc(w.Touches, want, sameTouch) {
		t.Errorf("window after 100 commits = %+v, want the last five", w.Touches)
	}
	if len(seen) != 5 || seen[0].Commit.Hash != "36" || seen[4].Commit.Hash != "40" {
		t.Errorf("a window read at commit 40 became %+v", seen)
	}
}

func sameTouch(a, b analyze.FileTouch) bool {
	return a.Commit.Hash == b.Commit.Hash && slices.Equal(a.Paths, b.Paths)
}
