package analyze

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// PathsAt finds a path that any of the commits has, file or folder, and
// none that they all lack; a path git cannot be asked about counts as
// there, since nothing is known against it.
func TestPathsAt(t *testing.T) {
	repo, commits := gitRepo(t)
	dir := filepath.Dir(repo.GitDir)
	run := gitIn(t, dir)
	writeIn(t, dir)("sub/new file.go", "package sub\n")
	run("add", ".")
	run("rm", "-q", "big.txt")
	run("commit", "-qm", "third")
	third := run("rev-parse", "HEAD")

	got, err := repo.PathsAt(context.Background(), []string{commits[0], third},
		[]string{"a.txt", "big.txt", "sub/new file.go", "sub", "gone.txt", "a.txt", "odd\nname", ""})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"a.txt": true, "big.txt": true, "sub/new file.go": true, "sub": true,
		"gone.txt": false, "odd\nname": true, "": true}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("at the first and third commits: %v\nwant %v", got, want)
	}

	got, err = repo.PathsAt(context.Background(), []string{third}, []string{"big.txt", "sub/new file.go"})
	if err != nil {
		t.Fatal(err)
	}
	if got["big.txt"] || !got["sub/new file.go"] {
		t.Errorf("at the third commit, which deleted big.txt: %v", got)
	}

	if _, err := repo.PathsAt(context.Background(), []string{strings.Repeat("0", 40)}, []string{"a.txt"}); err != nil {
		t.Errorf("a commit git does not have is no error, its paths are missing: %v", err)
	}
}
