package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The evidence shown to the judge dates its commit as drafts do: the
// committer's date in UTC. pallets-eco/blinker 9bc4890 was committed at
// 19:39 on 2024-04-26 at -0700, which is the 27th in UTC (round 158).
func TestEvidenceDatedInUTC(t *testing.T) {
	dir := t.TempDir()
	run := func(env []string, args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run(nil, "init", "-q")
	if err := os.WriteFile(filepath.Join(dir, "base.py"), []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(nil, "add", ".")
	when := "2024-04-26T19:39:03-07:00"
	run([]string{"GIT_AUTHOR_DATE=" + when, "GIT_COMMITTER_DATE=" + when}, "-c", "user.name=David Lord", "-c", "user.email=d@l",
		"commit", "-q", "-m", "simplify weakref handling")
	head := run(nil, "rev-parse", "HEAD")
	var out bytes.Buffer
	showEvidence(context.Background(), &out, Source{Name: "blinker", Dir: dir}, Evidence{Path: "base.py", Line: 1, Commit: head})
	if !strings.Contains(out.String(), "(David Lord, 2024-04-27)") {
		t.Errorf("evidence shown as:\n%s\nwant the commit dated 2024-04-27 (UTC)", out.String())
	}
}
