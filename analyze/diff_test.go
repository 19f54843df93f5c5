package analyze

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommitInfoAndDiffOf(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("HOME", dir)
	git := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@t"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	os.WriteFile(filepath.Join(dir, "a.go"), []byte("package a\n"), 0o644)
	git("add", ".")
	git("commit", "-q", "-m", "root")
	os.WriteFile(filepath.Join(dir, "a.go"), []byte("package a\n\nfunc F() {}\n"), 0o644)
	git("commit", "-q", "-am", "add F")
	r, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, rev := range []string{"HEAD", "HEAD~1"} {
		c, err := r.CommitInfo(context.Background(), git("rev-parse", rev))
		if err != nil {
			t.Fatal(err)
		}
		cd, err := r.DiffOf(context.Background(), c, DiffLimits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(cd.Files) != 1 || cd.Files[0].Path() != "a.go" {
			t.Fatalf("%s: diff = %+v", rev, cd)
		}
		added := 0
		for _, h := range cd.Files[0].Hunks {
			for _, l := range h.Lines {
				if l.Kind == Added {
					added++
				}
			}
		}
		if want := map[string]int{"HEAD": 2, "HEAD~1": 1}[rev]; added != want || (rev == "HEAD" && c.Subject != "add F") {
			t.Fatalf("%s: %d added lines, subject %q", rev, added, c.Subject)
		}
	}
}
