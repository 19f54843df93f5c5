package analyze

import (
	"context"
	"testing"
)

// The walk reports each commit's author, which tells bots apart, and its
// subject whole, separators and all.
func TestNewCommitsAuthorAndSubject(t *testing.T) {
	repo, commits := gitRepo(t)
	walked, err := repo.NewCommits(context.Background(), commits[1:], nil, 0)
	if err != nil || len(walked) != 2 {
		t.Fatalf("walk: %+v %v", walked, err)
	}
	for i, c := range walked {
		if c.Hash != commits[i] || c.Author != "t" || c.Subject != []string{"first", "second"}[i] {
			t.Errorf("commit %d: %+v", i, c)
		}
	}
}
