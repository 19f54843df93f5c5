package analyze

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestTipsWhileGitWritesARef: git updates a ref by writing NAME.lock (empty
// at first) and renaming it; the tips read meanwhile are the branches, not
// an error.
func TestTipsWhileGitWritesARef(t *testing.T) {
	repo, commits := gitRepo(t)
	for _, lock := range []string{"refs/remotes/origin/main.lock", "refs/heads/topic.lock"} {
		p := filepath.Join(repo.GitDir, lock)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tips, err := repo.Tips(context.Background(), nil)
	if err != nil {
		t.Fatalf("Tips with a ref being written: %v", err)
	}
	if len(tips) != 1 {
		t.Fatalf("Tips = %v, want the one branch", tips)
	}
	for ref, h := range tips {
		if h != commits[1] || filepath.Base(ref) == "topic.lock" {
			t.Fatalf("Tips = %v, want the branch at %s", tips, commits[1])
		}
	}
}
