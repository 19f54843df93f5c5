package daemon

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// ErrAlreadyRunning means another daemon holds the instance lock.
var ErrAlreadyRunning = errors.New("a ticket-master daemon is already running")

// instanceLock makes the daemon a single instance: the OS releases the lock
// when the process dies, however it dies, so a crash never leaves a stale
// lock behind (unlike a pid file alone).
//
// The same file holds the daemon's pid. A stop asked for through the API
// (`daemon stop`) clears it on the way out; any other end (a crash, a
// signal from a reboot, a logout or kill) leaves it, which is how the
// hooks tell a daemon that died from one stopped on purpose (see
// revive.go).
type instanceLock struct {
	f         *os.File
	requested atomic.Bool // the stop was asked for through the API
}

func acquireLock(path string) (*instanceLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open daemon lock: %w", err)
	}
	if err := lockPatiently(f); err != nil {
		pid := readPID(f)
		f.Close()
		if pid > 0 {
			return nil, fmt.Errorf("%w (pid %d)", ErrAlreadyRunning, pid)
		}
		return nil, ErrAlreadyRunning
	}
	// Record who holds it, for messages and `daemon stop`.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &instanceLock{f: f}, nil
}

// lockWait is how long acquireLock waits for the lock to come free. Other
// processes take it for an instant to learn whether a daemon holds it
// (lockHeld: `status`, the hooks); a daemon starting in that instant must
// not take it for another daemon's. A daemon holds it for good, so a wait
// this short is all it costs to be told one runs.
const (
	lockWait  = 500 * time.Millisecond
	lockRetry = 10 * time.Millisecond
)

// lockPatiently takes f's lock, trying again for lockWait.
func lockPatiently(f *os.File) error {
	deadline := time.Now().Add(lockWait)
	for {
		err := lockFile(f)
		if err == nil || !time.Now().Before(deadline) {
			return err
		}
		time.Sleep(lockRetry)
	}
}

// tryLock takes the lock at path without waiting and without writing a pid:
// a guard for one short task among processes.
func tryLock(path string) (*instanceLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return &instanceLock{f: f}, nil
}

func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	return pid
}

// stopRequested marks the coming stop as asked for through the API.
func (l *instanceLock) stopRequested() { l.requested.Store(true) }

func (l *instanceLock) release() {
	if l.requested.Load() {
		_ = l.f.Truncate(0)
	}
	_ = unlockFile(l.f)
	_ = l.f.Close()
}

// lockHeld reports whether a daemon holds the lock at path: the process
// stays alive a little after its socket is gone, and a new daemon started
// in that moment would find the lock taken.
func lockHeld(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0o600)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := lockFile(f); err != nil {
		return true
	}
	_ = unlockFile(f)
	return false
}
