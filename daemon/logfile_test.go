package daemon

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRotatingLogCapsItsFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "daemon.log")
	var rotated []string
	l, err := openRotatingLog(path, 100, 2, func(f *os.File) { rotated = append(rotated, f.Name()) })
	if err != nil {
		t.Fatal(err)
	}
	// 12 lines of 25 bytes: four to a file, so three files' worth.
	for i := range 12 {
		if _, err := fmt.Fprintf(l, "line %02d of the daemon ..\n", i); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		path:        "08 09 10 11",
		path + ".1": "04 05 06 07",
		path + ".2": "00 01 02 03",
	}
	for p, lines := range want {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(raw) > 100 {
			t.Errorf("%s has %d bytes, over the cap", p, len(raw))
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
			got = append(got, strings.Fields(l)[1])
		}
		if strings.Join(got, " ") != lines {
			t.Errorf("%s holds lines %v, want %s", p, got, lines)
		}
	}
	if len(rotated) != 2 || rotated[0] != path {
		t.Errorf("told of new files %v", rotated)
	}

	// Past the generations kept, the oldest goes.
	l, err = openRotatingLog(path, 100, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 12; i < 16; i++ {
		fmt.Fprintf(l, "line %02d of the daemon ..\n", i)
	}
	l.Close()
	if _, err := os.Stat(path + ".3"); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a third old generation was kept")
	}
	if raw, _ := os.ReadFile(path + ".2"); !strings.Contains(string(raw), "line 04") {
		t.Fatalf("oldest kept: %q", raw)
	}
}

// TestRotatingLogRotatesAnOversizedFileAtOnce: a log that grew past the cap
// before (an older binary, say) is rotated when the daemon opens it.
func TestRotatingLogRotatesAnOversizedFileAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "daemon.log")
	if err := os.WriteFile(path, bytes.Repeat([]byte("old line\n"), 50), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := openRotatingLog(path, 100, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(l, "new line")
	l.Close()
	if raw, _ := os.ReadFile(path); string(raw) != "new line\n" {
		t.Fatalf("current log %q", raw)
	}
	if info, err := os.Stat(path + ".1"); err != nil || info.Size() != 450 {
		t.Fatalf("the old log was not kept as .1: %v", err)
	}
}

func TestTailLogReadsAcrossGenerations(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "daemon.log")
	var b bytes.Buffer
	if err := TailLog(&b, path, 5); !errors.Is(err, ErrNoLog) {
		t.Fatalf("no log: %v", err)
	}
	write := func(p string, from, to int) {
		var s strings.Builder
		for i := from; i < to; i++ {
			fmt.Fprintf(&s, "line %d\n", i)
		}
		if err := os.WriteFile(p, []byte(s.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(path+".2", 0, 3)
	write(path+".1", 3, 6)
	write(path, 6, 8)
	for _, tc := range []struct {
		n    int
		want string
	}{
		{1, "7"},
		{2, "6 7"},
		{4, "4 5 6 7"},
		{100, "0 1 2 3 4 5 6 7"},
	} {
		b.Reset()
		if err := TailLog(&b, path, tc.n); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
			got = append(got, strings.TrimPrefix(l, "line "))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("TailLog(%d) = %q, want lines %s", tc.n, b.String(), tc.want)
		}
	}

	// Just rotated: no current file yet, the generations still count; a
	// last line without a newline gets one.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".1", []byte("line 3\nline 4\nline 5"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := TailLog(&b, path, 2); err != nil || b.String() != "line 4\nline 5\n" {
		t.Fatalf("TailLog after a rotation: %q, %v", b.String(), err)
	}
}

// TestTailLogOfABigFileReadsItsEnd: lines longer than the read chunk and a
// file much bigger than what is shown.
func TestTailLogOfABigFileReadsItsEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "daemon.log")
	long := strings.Repeat("x", 40<<10)
	content := strings.Repeat("short\n", 10000) + long + "\nlast\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := TailLog(&b, path, 2); err != nil {
		t.Fatal(err)
	}
	if b.String() != long+"\nlast\n" {
		t.Fatalf("got %d bytes ending %q", b.Len(), b.String()[max(0, b.Len()-20):])
	}
}
