package install

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTailFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.log")
	var b strings.Builder
	for i := 1; i <= 5000; i++ { // larger than one 32 KiB read
		fmt.Fprintf(&b, "line %d of the daemon's output\n", i)
	}
	if err := os.WriteFile(big, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short.log")
	if err := os.WriteFile(short, []byte("one\ntwo"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		n    int
		want string
	}{
		{big, 2, "line 4999 of the daemon's output\nline 5000 of the daemon's output\n"},
		{short, 1, "two"},
		{short, 10, "one\ntwo"},
	} {
		var out bytes.Buffer
		if err := tailFile(&out, tc.path, tc.n); err != nil {
			t.Fatal(err)
		}
		if out.String() != tc.want {
			t.Errorf("tail -n %d %s = %q, want %q", tc.n, filepath.Base(tc.path), out.String(), tc.want)
		}
	}
	var out bytes.Buffer
	if err := tailFile(&out, big, 1500); err != nil || strings.Count(out.String(), "\n") != 1500 {
		t.Errorf("tail -n 1500 gave %d lines (%v)", strings.Count(out.String(), "\n"), err)
	}
	if err := tailFile(&out, filepath.Join(dir, "none.log"), 5); err == nil || !strings.Contains(err.Error(), "no log yet") {
		t.Errorf("missing log: %v", err)
	}
}

// Without a service manager the daemon ran detached, so Logs shows its file.
func TestLogsWithoutManagerTailTheStateLog(t *testing.T) {
	spec := testSpec(t)
	if err := os.WriteFile(spec.Paths.DaemonLog(), []byte("a\nb\nc\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m, err := New(spec, WithPlatform("plan9"), WithHome(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := m.Logs(&out, 2); err != nil {
		t.Fatal(err)
	}
	if out.String() != "b\nc\n" {
		t.Errorf("Logs = %q", out.String())
	}
}
