package daemon

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestStartDetachedLosesARaceQuietly: while a hook revives a daemon that
// died, `daemon start` spawns its own, which finds the lock taken and
// exits with "already running" before the winner answers (it is still
// opening the database). The start waits for the winner and says the
// daemon runs, instead of reporting the loser's error (CI, chaos row
// "daemon SIGKILLs during reconciles").
func TestStartDetachedLosesARaceQuietly(t *testing.T) {
	p := tempPaths(t)
	lock, err := acquireLock(p.DaemonLock()) // the winner, not answering yet
	if err != nil {
		t.Fatal(err)
	}
	defer lock.release()
	exe := filepath.Join(p.StateDir, "fake-ticket-master")
	loser := "#!/bin/sh\necho 'ticket-master: a ticket-master daemon is already running (pid 1); stop it first with: ticket-master daemon stop' >&2\nexit 1\n"
	if err := os.WriteFile(exe, []byte(loser), 0o755); err != nil {
		t.Fatal(err)
	}

	go func() {
		time.Sleep(400 * time.Millisecond) // after the loser has exited
		if err := os.MkdirAll(filepath.Dir(p.Socket()), 0o700); err != nil {
			return
		}
		l, err := net.Listen("unix", p.Socket())
		if err != nil {
			return
		}
		t.Cleanup(func() { l.Close() })
		mux := http.NewServeMux()
		mux.HandleFunc(PathStatus, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{}`))
		})
		_ = http.Serve(l, mux)
	}()

	started, err := startDetached(context.Background(), p, exe, 5*time.Second)
	if err != nil || started {
		t.Fatalf("startDetached = %v, %v; want the winner's daemon reported as running", started, err)
	}

	// With no winner holding the lock the loser's error is the answer.
	lock.release()
	os.Remove(p.Socket())
	p2 := tempPaths(t)
	if _, err := startDetached(context.Background(), p2, exe, 2*time.Second); err == nil {
		t.Fatal("a daemon that exited at once with no other running was reported started")
	}
}
