package untested

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// Whether a commit's tests in other packages import a changed file's
// package is found in two round trips to git: the go.mod files of the
// file's folder and those above it together, then every test together.
// One by one it was a trip per folder and per test.
func TestGoImportersReadTogether(t *testing.T) {
	test := func(imp string) string { return "package t\n\nimport \"" + imp + "\"\n\nfunc TestX(t *testing.T) {}\n" }
	cd := difftest.CommitOf(t,
		difftest.Unchanged("go.mod", "module example.com/m\n\ngo 1.22\n"),
		difftest.Changed("lib/sub/x.go", "package sub\n\nfunc X() {}\n", "package sub\n\nfunc X() { println() }\n"),
		difftest.Changed("t1/a_test.go", test("fmt"), test("example.com/m/other")),
		difftest.Changed("t2/b_test.go", test("fmt"), test("example.com/m/lib/sub")),
		difftest.Changed("t3/c_test.go", test("os"), test("fmt")),
	)
	trips := 0
	difftest.CountTrips(cd, &trips)
	g := newGoImporters(cd, []string{"t1/a_test.go", "t2/b_test.go", "t3/c_test.go"})
	if !g.covers("lib/sub/x.go") {
		t.Fatal("t2/b_test.go imports example.com/m/lib/sub: not seen")
	}
	if trips != 2 {
		t.Errorf("%d round trips, want 2", trips)
	}
	if g.covers("lib/y.go") {
		t.Error("no test imports example.com/m/lib")
	}
	if trips != 2 {
		t.Errorf("%d round trips after a second question, want none more", trips)
	}
	// What the tests' packages import is read once, all together: the
	// sources the tests are named after.
	g.coversThrough("lib/y.go")
	g.coversThrough("lib/sub/x.go")
	if trips != 3 {
		t.Errorf("%d round trips after two questions through the tests' packages, want one more", trips)
	}
}

// A test covers the packages its own package's sources import, one step
// away: spf13/afero 3fa2944 "mem: return ErrFileClosed on double Close" added
// TestMemMapFsDoubleClose to memmap_test.go, which reaches mem.File
// through memmap.go; go-toml 9b67e40 "decoder: strict mode" tested
// internal/tracker through the strict.go it added beside its test.
func TestCoversThroughPackage(t *testing.T) {
	gomod := difftest.Unchanged("go.mod", "module github.com/spf13/afero\n\ngo 1.23\n")
	memFile := difftest.Changed("mem/file.go", "package mem\n\nfunc (f *File) Close() error { return nil }\n",
		"package mem\n\nfunc (f *File) Close() error {\n\tif f.closed {\n\t\treturn ErrFileClosed\n\t}\n\treturn nil\n}\n")
	memmapTest := difftest.Changed("memmap_test.go", "package afero\n", "package afero\n\nfunc TestMemMapFsDoubleClose(t *testing.T) {}\n")
	cases := []struct {
		name  string
		files []difftest.Change
		want  bool
	}{
		{
			name:  "the test's paired source imports the package",
			files: []difftest.Change{gomod, memFile, memmapTest, difftest.Unchanged("memmap.go", "package afero\n\nimport \"github.com/spf13/afero/mem\"\n\nvar _ mem.File\n")},
			want:  true,
		},
		{
			name:  "a source the commit changes beside the test imports it",
			files: []difftest.Change{gomod, memFile, memmapTest, difftest.Changed("strict.go", "package afero\n", "package afero\n\nimport \"github.com/spf13/afero/mem\"\n\nvar _ mem.File\n")},
			want:  true,
		},
		{
			name:  "the code the test is named after imports something else",
			files: []difftest.Change{gomod, memFile, memmapTest, difftest.Unchanged("memmap.go", "package afero\n\nimport \"os\"\n\nvar _ os.File\n")},
		},
		{
			// segmentio/kafka-go 4296f73: writer_test.go's new SASL case
			// reaches protocol/saslauthenticate through transport.go, a
			// source of its package the commit left alone (round 115).
			name: "another source of the test's package imports it",
			files: []difftest.Change{gomod, memFile, memmapTest,
				difftest.Unchanged("memmap.go", "package afero\n\nimport \"os\"\n\nvar _ os.File\n"),
				difftest.Unchanged("transport.go", "package afero\n\nimport \"github.com/spf13/afero/mem\"\n\nvar _ mem.File\n")},
			want: true,
		},
		{
			name: "a test of another package imports it: not the test's package",
			files: []difftest.Change{gomod, memFile, memmapTest,
				difftest.Unchanged("memmap.go", "package afero\n\nimport \"os\"\n\nvar _ os.File\n"),
				difftest.Unchanged("other/transport.go", "package other\n\nimport \"github.com/spf13/afero/mem\"\n\nvar _ mem.File\n")},
		},
		{
			name:  "two steps away: a package the importer's importer has",
			files: []difftest.Change{gomod, memFile, memmapTest, difftest.Unchanged("memmap.go", "package afero\n\nimport \"github.com/spf13/afero/internal/common\"\n\nvar _ = common.X\n")},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cd := difftest.CommitOf(t, tc.files...)
			g := newGoImporters(cd, []string{"memmap_test.go"})
			if got := g.covers("mem/file.go") || g.coversThrough("mem/file.go"); got != tc.want {
				t.Errorf("covers(mem/file.go) = %v, want %v", got, tc.want)
			}
		})
	}
}
