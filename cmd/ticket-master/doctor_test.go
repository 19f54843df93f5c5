package main

import (
	"context"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/daemon"
)

func TestDoctorMarksAndExit(t *testing.T) {
	checks := []daemon.Check{
		{Name: "git", OK: true, Detail: "git 2.43"},
		{Name: "ollama", OK: true, Warn: true, Detail: "not running"},
		{Name: "hooks", OK: false, Detail: "missing", Fix: "ticket-master enroll"},
	}
	for _, colour := range []bool{false, true} {
		ios, out, _ := testIO(map[string]string{"CLICOLOR_FORCE": map[bool]string{true: "1"}[colour]})
		err := runDoctor(t.Context(), &doctorOptions{IO: ios,
			Checks: func(context.Context) ([]daemon.Check, error) { return checks, nil }})
		if err == nil || err.Error() != "1 problem found (fixes above)" {
			t.Errorf("colour %v: err %v, want one problem", colour, err)
		}
		want := []string{"ok    git", "note  ollama", "FAIL  hooks", "fix: ticket-master enroll"}
		if colour {
			want = []string{"\x1b[32mok  \x1b[0m  git", "\x1b[33mnote\x1b[0m  ollama", "\x1b[31mFAIL\x1b[0m  hooks"}
		}
		for _, w := range want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("colour %v: output lacks %q:\n%s", colour, w, out)
			}
		}
	}
}

func TestVersionFormats(t *testing.T) {
	ios, out, _ := testIO(nil)
	if err := runVersion(t.Context(), &versionOptions{IO: ios}); err != nil {
		t.Fatal(err)
	}
	// urfave/cli prints --version as "NAME version VERSION".
	if want := "ticket-master version " + versionText() + "\n"; out.String() != want {
		t.Errorf("version printed %q, want %q", out, want)
	}
	ios, out, _ = testIO(nil)
	if code := run(t.Context(), []string{"tm", "--version"}, ios); code != 0 || out.String() != "ticket-master version "+versionText()+"\n" {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}
