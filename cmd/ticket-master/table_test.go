package main

import (
	"strings"
	"testing"
)

func TestTableAlignsColouredCells(t *testing.T) {
	tb := newTable("ID", "STATE", "TITLE")
	tb.paint[1] = palette{on: true}.state
	tb.row("1", "pending", "Retry uploads")
	tb.row("12", "published", "Escape names")
	var b strings.Builder
	if err := tb.print(&b); err != nil {
		t.Fatal(err)
	}
	plain := strings.NewReplacer("\x1b[33m", "", "\x1b[32m", "", "\x1b[0m", "").Replace(b.String())
	want := "ID  STATE      TITLE\n" +
		"1   pending    Retry uploads\n" +
		"12  published  Escape names\n"
	if plain != want {
		t.Errorf("table:\n%s\nwant:\n%s", plain, want)
	}
	if !strings.Contains(b.String(), "\x1b[33mpending\x1b[0m    Retry") {
		t.Errorf("the state is not coloured, or its padding is inside the colour: %q", b.String())
	}
}

// A row whose last cells are empty (a pending draft has no ISSUE) ends at
// its last cell, with no trailing blanks.
func TestTableNoTrailingBlanks(t *testing.T) {
	tb := newTable("ID", "TITLE", "ISSUE")
	tb.row("1", "Retry uploads", "#3 https://github.com/acme/gadgets/issues/3")
	tb.row("2", "Escape names", "")
	var b strings.Builder
	if err := tb.print(&b); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.HasSuffix(l, " ") {
			t.Errorf("trailing blanks: %q", l)
		}
	}
	if !strings.Contains(b.String(), "\n2   Escape names\n") {
		t.Errorf("table:\n%s", b.String())
	}
}
