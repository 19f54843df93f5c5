package analyze

import (
	"context"
	"io"
	"reflect"
	"testing"
)

// HoldersAt answers for several texts in one git grep, each with the
// files that hold it; HeldAt, for one, agrees.
func TestHoldersAt(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	write("a/x.go", "package a\n\n// TODO: make the cache bounded by bytes\nfunc X() {}\n")
	write("b/x.go", "package b\n\n// TODO: make the cache bounded by bytes\n")
	write("tests/test_run.py", "def test_run():\n    check('client_standard.rs')\n")
	git("add", ".")
	git("commit", "-q", "-m", "start")
	repo, head := openHead(t, dir)
	walked, err := repo.RecentCommits(context.Background(), []string{head}, 1)
	if err != nil || len(walked) != 1 {
		t.Fatalf("walk: %v %v", walked, err)
	}
	err = repo.Analyze(context.Background(), walked, DiffLimits{}, func(c Commit, cd *CommitDiff) Result {
		got, err := cd.HoldersAt(c.Hash, []string{"make the cache bounded by bytes", "client_standard.rs", "not anywhere", "make the cache bounded by bytes"}, []string{"**/*.go", "tests/**"}, 5)
		want := map[string][]string{"make the cache bounded by bytes": {"a/x.go", "b/x.go"}, "client_standard.rs": {"tests/test_run.py"}}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("HoldersAt = %v, %v; want %v", got, err, want)
		}
		one, err := cd.HeldAt(c.Hash, "make the cache bounded by bytes", []string{"**/*.go"}, 5)
		if err != nil || !reflect.DeepEqual(one, want["make the cache bounded by bytes"]) {
			t.Errorf("HeldAt = %v, %v", one, err)
		}
		if got, err := (&CommitDiff{}).HoldersAt(c.Hash, []string{"x"}, []string{"*"}, 1); got != nil || err != nil {
			t.Errorf("without a repository: %v, %v", got, err)
		}
		return Result{Commit: c}
	}, func(Result) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
}

// A manifest's name anywhere in the tree, at the commit or its parent, is
// answered from the manifests the analysis knows, read through its file
// cache: the same answer as git grep's, and no git process.
func TestHoldersAtManifestsInProcess(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	write("go.mod", "module example.com/root\n\nrequire golang.org/x/sys v0.1.0\n")
	write("tools/go.mod", "module example.com/tools\n\nrequire (\n\tgolang.org/x/sys v0.2.0\n\tgolang.org/x/mod v0.3.0\n)\n")
	write("vendor/example.com/dep/go.mod", "module example.com/dep\n\nrequire golang.org/x/mod v0.1.0\n")
	write("blob/go.mod", "module example.com/blob\x00\nrequire golang.org/x/mod v0.9.0\n")
	git("add", ".")
	git("commit", "-q", "-m", "start")
	write("cmd/go.mod", "module example.com/cmd\n\nrequire golang.org/x/text v0.4.0\n")
	write("go.mod", "module example.com/root\n\nrequire (\n\tgolang.org/x/sys v0.1.0\n\tgolang.org/x/text v0.4.0\n)\n")
	git("add", ".")
	git("commit", "-q", "-m", "text")
	repo, head := openHead(t, dir)
	walked, err := repo.RecentCommits(context.Background(), []string{head}, 1)
	if err != nil || len(walked) != 1 {
		t.Fatalf("walk: %v %v", walked, err)
	}
	texts := []string{"golang.org/x/sys v", "golang.org/x/mod v", "golang.org/x/text v", "example.com/none v"}
	asked := 0
	err = repo.Analyze(context.Background(), walked, DiffLimits{}, func(c Commit, cd *CommitDiff) Result {
		grep := cd.grep
		cd.grep = func(commit string, args []string, read func(io.Reader) bool) error {
			asked++
			return grep(commit, args, read)
		}
		for _, at := range []string{c.Parents[0], c.Hash} {
			got, err := cd.HoldersAt(at, texts, []string{"**/go.mod"}, 8)
			if err != nil || asked > 0 {
				t.Fatalf("at %s: %v, %d git greps", at[:7], err, asked)
			}
			byGit := *cd
			byGit.manifests = nil
			want, err := byGit.HoldersAt(at, texts, []string{"**/go.mod"}, 8)
			if err != nil || asked != 1 || !reflect.DeepEqual(got, want) {
				t.Errorf("at %s: in process %v, git grep %v (%v)", at[:7], got, want, err)
			}
			asked = 0
		}
		// Another commit, or another glob: git's.
		if _, err := cd.HoldersAt(c.Hash, texts, []string{"tools/*.mod"}, 8); err != nil || asked != 1 {
			t.Errorf("another glob: %v, %d git greps, want 1", err, asked)
		}
		return Result{Commit: c}
	}, func(Result) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
}
