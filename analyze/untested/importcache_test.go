package untested

import (
	"math"
	"slices"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// parseImports is what testImports reads from a whole version.
func parseImports(t testing.TB, src []byte) testImportsOf {
	t.Helper()
	read, ok := parseTestImports("x_test.go", src)
	if !ok {
		t.Fatalf("no parse of %q", src)
	}
	return read
}

func TestFirstDeclLine(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      int
	}{
		{"after an import block", "package a\n\nimport (\n\t\"fmt\"\n)\n\nfunc F() {}\n", 7},
		{"comments between", "package a\n\nimport \"fmt\"\n\n// F is.\n/* func not() */\n\nfunc F() {}\n", 8},
		{"no imports", "package a\n\n// X is.\nvar X = 1\n", 4},
		{"nothing after the imports", "package a\n\nimport \"fmt\"\n", math.MaxInt},
	} {
		if got := parseImports(t, []byte(c.src)).end; got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

// A version's imports are carried to the next only when every hunk
// starts below the line of the first declaration after them.
func TestImportsCarried(t *testing.T) {
	c := &importCache{max: 2}
	c.put("old", testImportsOf{imports: []string{"fmt"}, end: 7})
	f := func(oldStart ...int) *analyze.FileDiff {
		fd := &analyze.FileDiff{OldPath: "a_test.go", NewPath: "a_test.go", OldBlob: "old", NewBlob: "new"}
		for _, s := range oldStart {
			fd.Hunks = append(fd.Hunks, analyze.Hunk{OldStart: s, NewStart: s})
		}
		return fd
	}
	if c.carry(f(5)) || c.carry(f(20, 7)) {
		t.Fatal("carried across a hunk that starts in or above the import block")
	}
	if !c.carry(f(8, 40)) {
		t.Fatal("not carried over hunks below the first declaration")
	}
	if got, ok := c.get("new"); !ok || !slices.Equal(got.imports, []string{"fmt"}) || got.end != 7 {
		t.Fatalf("carried %v %v", got, ok)
	}
	c.put("third", testImportsOf{})
	if _, ok := c.get("old"); ok {
		t.Error("the oldest version was kept past the bound")
	}
}

// On real history (TM_BENCH_REPO, else this repository), what is carried
// from one version of a test to the next is what the next version, read
// whole, imports.
func TestCarriedImportsMatchTheFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("reads real history")
	}
	c := &importCache{max: maxCarriedImports}
	carried := 0
	for _, r := range difftest.History(t, 1000) {
		for i := range r.Diff.Files {
			f := &r.Diff.Files[i]
			if f.NewPath == "" || analyze.SourceLanguage(f.NewPath) != analyze.LangGo || !analyze.IsTestPath(f.NewPath) {
				continue
			}
			src, ok := r.Diff.ReadSource(f.NewPath, analyze.Added)
			if !ok {
				continue
			}
			read := parseImports(t, src)
			if c.carry(f) {
				carried++
				got, _ := c.get(f.NewBlob)
				if !slices.Equal(got.imports, read.imports) || got.end != read.end {
					t.Errorf("%s %s: carried %v (ends %d), the file has %v (ends %d)", r.Commit.Hash[:10], f.NewPath, got.imports, got.end, read.imports, read.end)
				}
				continue
			}
			c.put(f.NewBlob, read)
		}
	}
	t.Logf("%d test versions' imports carried, checked against the files", carried)
}
