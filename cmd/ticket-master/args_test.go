package main

import (
	"strings"
	"testing"
)

func TestPermuteArgs(t *testing.T) {
	app := newApp(newFactory(&IO{Getenv: func(string) string { return "" }}))
	tests := []struct{ in, want string }{
		{"tm enroll repo --backfill 10", "tm enroll --backfill 10 -- repo"},
		{"tm enroll --backfill=3 repo --force", "tm enroll --backfill=3 --force -- repo"},
		{"tm enroll repo --backfill -1", "tm enroll --backfill -1 -- repo"},
		{"tm drafts list --repo x --json", "tm drafts list --repo x --json"},
		{"tm drafts show 3 --json", "tm drafts show --json -- 3"},
		{"tm hook post-commit --no-notice -- amend", "tm hook --no-notice -- post-commit amend"},
		{"tm unknown a --b", "tm unknown a --b"},
		{"tm --version", "tm --version"},
	}
	for _, tt := range tests {
		got := strings.Join(permuteArgs(app, strings.Fields(tt.in)), " ")
		if got != tt.want {
			t.Errorf("permuteArgs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
