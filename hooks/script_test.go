package hooks

import (
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	want := []string{"post-commit", "post-merge", "post-rewrite"}
	if got := Names(); !slices.Equal(got, want) {
		t.Fatalf("Names() = %q, want %q", got, want)
	}
	Names()[0] = "changed"
	if Names()[0] != "post-commit" {
		t.Fatal("Names shares its slice with callers")
	}
}

// TestScriptForksNothing checks the text for the things that would fork a
// process on git's critical path, and that sh can parse it.
func TestScriptForksNothing(t *testing.T) {
	forks := regexp.MustCompile("\\$\\(|`|\\b(dirname|basename|cat|sed|awk|test|env)\\b")
	for _, h := range Names() {
		s := Script(h, Options{Binary: "/usr/local/bin/ticket-master", NoticeFile: "/tmp/notice"})
		lines := strings.Split(s, "\n")
		if lines[0] != "#!/bin/sh" {
			t.Errorf("%s: first line %q", h, lines[0])
		}
		if !slices.Contains(lines, marker) {
			t.Errorf("%s: no marker line %q", h, marker)
		}
		if m := forks.FindString(s); m != "" {
			t.Errorf("%s: script contains %q:\n%s", h, m, s)
		}
		call := `"$tm" hook '` + h + `' --no-notice -- "$@" </dev/null >/dev/null 2>&1 &`
		if !strings.Contains(s, call+"\nexit 0\n") {
			t.Errorf("%s: script does not end with the background call %s:\n%s", h, call, s)
		}
		if out, err := exec.Command("sh", "-n", "-c", s).CombinedOutput(); err != nil {
			t.Errorf("%s: sh -n: %v\n%s", h, err, out)
		}
	}
}

func TestScriptWithoutNotice(t *testing.T) {
	s := Script("post-commit", Options{Binary: "/bin/tm"})
	if strings.Contains(s, "notice=") {
		t.Fatalf("script reads a notice file though none was given:\n%s", s)
	}
}

func TestShQuote(t *testing.T) {
	for _, s := range []string{"", "plain", "with space", "it's", "''", `"$HOME" $(x) ` + "`y` \\ * ? ~ \n new line"} {
		got, err := exec.Command("sh", "-c", "printf %s "+shQuote(s)).Output()
		if err != nil {
			t.Fatalf("sh: %v", err)
		}
		if string(got) != s {
			t.Errorf("shQuote(%q) = %s; sh read it as %q", s, shQuote(s), got)
		}
	}
}
