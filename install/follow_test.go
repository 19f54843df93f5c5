package install

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is written by the follower and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func waitFor(t *testing.T, out *lockedBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("output never held %q; it is:\n%s", want, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestFollowFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "daemon.log")
	ctx, cancel := context.WithCancel(context.Background())
	var out lockedBuffer
	done := make(chan error, 1)
	go func() { done <- FollowFile(ctx, &out, path, 2, 5*time.Millisecond) }()

	waitFor(t, &out, "No log yet")
	if err := os.WriteFile(path, []byte("one\ntwo\nthree\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &out, "three\n")
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("four\n")
	f.Close()
	waitFor(t, &out, "four\n")
	// Truncated (a new log): read from the start again.
	if err := os.WriteFile(path, []byte("fresh\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &out, "fresh\n")
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	want := "No log yet at " + path + "; waiting for it.\none\ntwo\nthree\nfour\nfresh\n"
	if got := out.String(); got != want {
		t.Errorf("followed:\n%s\nwant:\n%s", got, want)
	}
}

func TestFollowFileStartsWithTheLastLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "daemon.log")
	if err := os.WriteFile(path, []byte("one\ntwo\nthree\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out lockedBuffer
	done := make(chan error, 1)
	go func() { done <- FollowFile(ctx, &out, path, 2, 5*time.Millisecond) }()
	waitFor(t, &out, "three\n")
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("four\n")
	f.Close()
	waitFor(t, &out, "four\n")
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "two\nthree\nfour\n" {
		t.Errorf("followed %q, want the last 2 lines then the new one", got)
	}
}
