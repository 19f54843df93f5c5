package analyze

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// countingTrees counts the objects a GoTests asks its reader for.
type countingTrees struct {
	*BlobReader
	objects int
}

func (c *countingTrees) ReadObjects(names []string, max int64) []BlobAnswer {
	c.objects += len(names)
	return c.BlobReader.ReadObjects(names, max)
}

// GoTests answers what git grep answers for a Go folder's own tests: the
// same calls found in the same files, whatever their form (a call across
// spaces, a method value handed on, a name in a string; not a method value
// at a line's end, not type arguments in brackets),
// and not in a test of a subfolder, a file that is no test, a binary test,
// or a line that breaks before the parenthesis (grep reads a line at a
// time). The tests the commits share are read once.
func TestGoTestsAnswerAsGitGrepDoes(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	write("a/a.go", "package a\n\nfunc Parse() {}\nfunc Format() {}\nfunc Split() {}\nfunc Join() {}\nfunc Walk() {}\nfunc HandleRequest() {}\n")
	write("a/a_test.go", "package a\n\nfunc TestParse(t *testing.T) {\n\tParse  ()\n\tf := x.Format\n\tuse(f, x.Split)\n\tGeneric[int](1)\n\tJoin\n\t()\n}\n")
	write("a/names_test.go", "package a\n\nvar cases = []string{\"HandleRequest\", \"Walk\"}\n")
	write("a/sub/sub_test.go", "package sub\n\nfunc TestWalk(t *testing.T) { Walk() }\n")
	write("a/helper.go", "package a\n\nfunc helper() { Walk() }\n")
	write("a/bin_test.go", "package a\x00\n\nfunc TestBin(t *testing.T) { Walk() }\n")
	write("top.go", "package top\n\nfunc Run() {}\n")
	write("top_test.go", "package top\n\nfunc TestRun(t *testing.T) { Run() }\n")
	write("internal/tag/tag.go", "package tag\n\nfunc Add() {}\n")
	write("internal/tag/tag_test.go", "package tag\n\nfunc TestAdd(t *testing.T) { add() }\n")
	write("README.md", "Parse() is documented\n")
	git("add", ".")
	git("commit", "-q", "-m", "start")
	first := strings.TrimSpace(git("rev-parse", "HEAD"))
	write("b/b.go", "package b\n\nfunc Open() {}\n")
	write("b/b_test.go", "package b\n\nfunc TestOpen(t *testing.T) { Open(); Parse() }\n")
	git("add", ".")
	git("commit", "-q", "-m", "b")
	repo, head := openHead(t, dir)
	ctx := context.Background()
	reader, err := repo.NewBlobReader(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	counted := &countingTrees{BlobReader: reader}
	tests := NewGoTests(counted)

	names := []string{"Parse", "Format", "Split", "Join", "Walk", "HandleRequest", "Generic", "Open", "Run", "Add", "not a name("}
	sourceSets := [][]string{{"a/a.go"}, {"a/a.go", "top.go"}, {"b/b.go", "a/helper.go"}, {"internal/tag/tag.go"}, {"gone/gone.go"}}
	for _, commit := range []string{head, first} {
		for _, sources := range sourceSets {
			got, ok, err := tests.CallersAt(commit, names, sources)
			want, werr := repo.TestCallersAt(ctx, commit, names, sources)
			if !ok || err != nil || werr != nil {
				t.Fatalf("CallersAt(%v) ok %v, %v (git grep: %v)", sources, ok, err, werr)
			}
			for _, list := range want {
				slices.Sort(list)
			}
			for _, list := range got {
				slices.Sort(list)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("at %.7s, CallersAt(%v) = %v; git grep says %v", commit, sources, got, want)
			}
			for _, src := range sources {
				own, ok, err := tests.OwnCallsAt(commit, names, src)
				want, werr := repo.TestCallsAt(ctx, commit, names, src)
				if !ok || err != nil || werr != nil {
					t.Fatalf("OwnCallsAt(%s) ok %v, %v (git grep: %v)", src, ok, err, werr)
				}
				if MayCallFromElsewhere(src, names, own) {
					continue // TestCallsAt goes on to other folders' tests
				}
				if !reflect.DeepEqual(own, want) {
					t.Errorf("at %.7s, OwnCallsAt(%s) = %v; git grep says %v", commit, src, own, want)
				}
			}
		}
	}
	// The answers above, for what they are: not empty, and what a reader
	// of the tests expects.
	got, _, _ := tests.CallersAt(head, names, []string{"a/a.go"})
	// (A method value at the end of a line, x.Format, and type arguments
	// in brackets are no call to the pattern.)
	want := map[string][]string{"Parse": {"a/a_test.go"}, "Split": {"a/a_test.go"}, "HandleRequest": {"a/names_test.go"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CallersAt(a/a.go) = %v, want %v", got, want)
	}
	// a/'s three tests, the top's, b/'s and internal/tag's, each read once
	// for both commits and every question.
	if counted.objects != 6 {
		t.Errorf("read %d test files, want each of the 6 once", counted.objects)
	}
	if !MayCallFromElsewhere("internal/tag/tag.go", []string{"Add"}, map[string]bool{}) || MayCallFromElsewhere("a/a.go", []string{"Walk"}, map[string]bool{}) {
		t.Error("only an internal package's exported names are looked for elsewhere")
	}
	// What git grep must answer: sources that are not all Go, or every test
	// of the tree.
	if _, ok, _ := tests.CallersAt(head, names, []string{"a/a.go", "src/cli.py"}); ok {
		t.Error("CallersAt answered for a Python source")
	}
	if _, ok, _ := tests.CallersAt(head, names, nil); ok {
		t.Error("CallersAt answered for every test of the tree")
	}
}

// A test too large to hold is git grep's to read.
func TestGoTestsLeaveLargeTestsToGitGrep(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	write("a/a.go", "package a\n\nfunc Parse() {}\n")
	write("a/a_test.go", "package a\n\nfunc TestParse(t *testing.T) { Parse() }\n"+strings.Repeat("// padding\n", MaxSourceBytes/10))
	git("add", ".")
	git("commit", "-q", "-m", "start")
	repo, head := openHead(t, dir)
	reader, err := repo.NewBlobReader(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tests := NewGoTests(reader)
	if _, ok, err := tests.CallersAt(head, []string{"Parse"}, []string{"a/a.go"}); ok || err != nil {
		t.Errorf("CallersAt of a folder with a test over %d bytes: ok %v, %v; want git grep's", MaxSourceBytes, ok, err)
	}
	if _, ok, err := tests.OwnCallsAt(head, []string{"Parse"}, "a/a.go"); ok || err != nil {
		t.Errorf("OwnCallsAt of a folder with a test over %d bytes: ok %v, %v; want git grep's", MaxSourceBytes, ok, err)
	}
}
