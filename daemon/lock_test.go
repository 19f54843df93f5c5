package daemon

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A process that looks at the lock for an instant (status, a hook: lockHeld)
// while the daemon starts does not make the daemon think another one runs;
// one that keeps it (a daemon) does.
func TestAcquireLockWaitsOutAProbe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "daemon.pid")
	probe, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer probe.Close()
	if err := lockFile(probe); err != nil {
		t.Fatal(err)
	}
	unlocked := make(chan struct{})
	go func() {
		defer close(unlocked)
		time.Sleep(50 * time.Millisecond) // as lockHeld holds it, and a little more
		_ = unlockFile(probe)
	}()
	defer func() { <-unlocked }() // before probe.Close: the race detector holds us to it
	l, err := acquireLock(path)
	if err != nil {
		t.Fatalf("the daemon's lock with a probe holding it a moment: %v", err)
	}
	if !lockHeld(path) {
		t.Fatal("the daemon holds the lock, and lockHeld says nobody does")
	}

	start := time.Now()
	if _, err := acquireLock(path); !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("a second daemon: %v, want ErrAlreadyRunning", err)
	}
	if waited := time.Since(start); waited < lockWait || waited > 10*lockWait {
		t.Errorf("the second daemon was told after %s, want about %s", waited, lockWait)
	}
	l.release()
}
