package analyze

import (
	"fmt"
	"testing"
)

// The memo answers as the function does, asks it once per path, and stays
// within its bound.
func TestPathMemo(t *testing.T) {
	calls := 0
	pm := newPathMemo(func(p string) string { calls++; return "answer for " + p })
	for range 3 {
		if got := pm.get("a/b.go"); got != "answer for a/b.go" {
			t.Fatalf("get = %q", got)
		}
	}
	if calls != 1 {
		t.Fatalf("the function ran %d times for one path", calls)
	}
	for i := range 3 * maxMemoPaths {
		pm.get(fmt.Sprint("p", i))
	}
	kept := 0
	pm.m.Range(func(any, any) bool { kept++; return true })
	if kept > maxMemoPaths {
		t.Fatalf("%d paths kept, bound %d", kept, maxMemoPaths)
	}
	// The memoised classifiers agree with the functions they keep.
	for _, p := range []string{"vendor/x/y.go", "docs/index.md", "README.md", "src/main.go", "dist/app.min.js", "go.sum"} {
		if SkipReason(p) != skipReason(p) || IsDocPath(p) != isDocPath(p) {
			t.Errorf("%s: memo and function disagree", p)
		}
	}
}
