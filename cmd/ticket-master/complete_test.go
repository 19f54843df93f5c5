package main

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/store"
)

func TestComplete(t *testing.T) {
	st := draftStore(t, "todo", "untested")
	if _, err := discardForTest(st, 2); err != nil {
		t.Fatal(err)
	}
	ios, _, _ := testIO(nil)
	app := newApp(newFactory(ios))
	src := &completionSource{store: func() (*store.Store, error) { return st, nil }}
	values := func(words ...string) string {
		var vs []string
		for _, c := range complete(t.Context(), app, src, words) {
			vs = append(vs, c.value)
		}
		return strings.Join(vs, " ")
	}
	tests := []struct {
		words []string
		want  string
	}{
		{[]string{"dr"}, "drafts"},
		{[]string{"drafts", "re"}, "restore"},
		{[]string{"drafts", "list", "--k"}, "--kind"},
		{[]string{"drafts", "list", "--kind", "d"}, "docdrift dependency digest"},
		{[]string{"drafts", "list", "--repo", ""}, "/src/gadgets"},
		{[]string{"drafts", "discard", ""}, "1"},
		{[]string{"drafts", "restore", ""}, "2"},
		{[]string{"drafts", "show", ""}, "2 1"},
		{[]string{"drafts", "show", "1", ""}, ""},
		{[]string{"publish", "--dry-run", ""}, "1"},
		{[]string{"unenroll", ""}, "/src/gadgets"},
		{[]string{"completion", "f"}, "fish"},
		{[]string{"hook", "post-m"}, "post-merge"},
		{[]string{"help", "dae"}, "daemon"},
		{[]string{"__com"}, ""},
	}
	for _, tt := range tests {
		if got := values(tt.words...); got != tt.want {
			t.Errorf("complete %q = %q, want %q", tt.words, got, tt.want)
		}
	}
}
