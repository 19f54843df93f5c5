package main

import "testing"

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int
		word string
		want string
	}{
		{0, "commit", "0 commits"},
		{1, "commit", "1 commit"},
		{2, "commit", "2 commits"},
		{1, "branch tip", "1 branch tip"},
		{3, "branch tip", "3 branch tips"},
		{2, "repository", "2 repositories"},
		{1, "repository", "1 repository"},
		{2, "match", "2 matches"},
	}
	for _, tt := range tests {
		if got := plural(tt.n, tt.word); got != tt.want {
			t.Errorf("plural(%d, %q) = %q, want %q", tt.n, tt.word, got, tt.want)
		}
	}
}
