package main

import "testing"

func TestColorDecision(t *testing.T) {
	tests := []struct {
		name string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"terminal", true, nil, true},
		{"pipe", false, nil, false},
		{"NO_COLOR on a terminal", true, map[string]string{"NO_COLOR": "1"}, false},
		{"dumb terminal", true, map[string]string{"TERM": "dumb"}, false},
		{"CLICOLOR_FORCE in a pipe", false, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{"CLICOLOR_FORCE=0 in a pipe", false, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{"NO_COLOR beats CLICOLOR_FORCE", false, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, false},
	}
	for _, tt := range tests {
		ios := &IO{OutTTY: tt.tty, Getenv: func(k string) string { return tt.env[k] }}
		if got := ios.Color(); got != tt.want {
			t.Errorf("%s: Color() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPalette(t *testing.T) {
	on, off := palette{on: true}, palette{}
	if got := off.state("pending"); got != "pending" {
		t.Errorf("plain palette changed the text: %q", got)
	}
	if got := on.state("pending"); got != "\x1b[33mpending\x1b[0m" {
		t.Errorf("state(pending) = %q, want yellow", got)
	}
	if got := on.state("published"); got != "\x1b[32mpublished\x1b[0m" {
		t.Errorf("state(published) = %q, want green", got)
	}
	if got := on.bold(""); got != "" {
		t.Errorf("empty text gained escapes: %q", got)
	}
}
