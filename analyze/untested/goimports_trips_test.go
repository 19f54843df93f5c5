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
}
