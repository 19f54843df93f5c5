package analyze

import (
	"context"
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
