package daemon

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/hooks"
)

// A daemon that is not running holds every commit back. Two cases differ:
//
//   - It was stopped on purpose: `ticket-master daemon stop` (through the API
//     or the service manager), or Ctrl-C on `daemon run`. The stop leaves a
//     one-line notice, notices/daemon-stopped, which the hooks print (without
//     forking) instead of the drafts notice, and nothing starts the daemon
//     again until someone does. Any start removes the notice.
//   - It died: a crash, a kill, a SIGTERM from a reboot or logout without a
//     service manager. The pid file still names it (a stop on purpose clears
//     it), nobody holds its lock, and there is no stop notice. The hooks'
//     background call then starts it again (Revive), through the same policy
//     as `daemon start`.

// stoppedLine is what the hooks print while the daemon is stopped on purpose.
const stoppedLine = "ticket-master: the daemon is stopped; new commits wait for it (start it: ticket-master daemon start)"

func stoppedNotice(paths config.Paths) string {
	return filepath.Join(paths.NoticeDir(), hooks.StoppedNotice)
}

// markStopped leaves the stop notice for the hooks; it is a hint, so a
// failure to write it is not an error.
func markStopped(paths config.Paths) {
	if err := os.MkdirAll(paths.NoticeDir(), 0o700); err != nil {
		return
	}
	tmp := stoppedNotice(paths) + ".tmp"
	if os.WriteFile(tmp, []byte(stoppedLine+"\n"), 0o600) == nil {
		_ = os.Rename(tmp, stoppedNotice(paths))
	}
}

func clearStopped(paths config.Paths) { _ = os.Remove(stoppedNotice(paths)) }

// StoppedOnPurpose reports whether the daemon was stopped with `daemon
// stop` and not started since.
func StoppedOnPurpose(paths config.Paths) bool {
	_, err := os.Stat(stoppedNotice(paths))
	return err == nil
}

// Crashed reports whether the pid file names a daemon that is gone without
// being stopped on purpose.
func Crashed(paths config.Paths) bool {
	if StoppedOnPurpose(paths) || lockHeld(paths.DaemonLock()) {
		return false
	}
	f, err := os.Open(paths.DaemonLock())
	if err != nil {
		return false
	}
	defer f.Close()
	return readPID(f) > 0
}

// Revive starts the daemon again when it Crashed, and reports whether it
// tried. The hooks call it when their nudge finds no daemon. Of many hooks
// at once (a rebase runs one per commit), one starts it; the others go on.
func (s *Starter) Revive(ctx context.Context) (bool, error) {
	if !Crashed(s.Paths) {
		return false, nil
	}
	guard, err := tryLock(filepath.Join(s.Paths.StateDir, "daemon.start.lock"))
	if err != nil {
		return false, nil // another hook is starting it
	}
	defer guard.release()
	if !Crashed(s.Paths) { // it started meanwhile
		return false, nil
	}
	if _, err := s.client().Status(ctx); err == nil || !errors.Is(err, ErrNotRunning) {
		return false, nil // it answers, or it is there but not answering
	}
	_, err = s.Ensure(ctx)
	return true, err
}

// onPurpose marks the coming exit as a stop on purpose: the pid file is
// cleared on the way out and the hooks say that the daemon is stopped.
func onPurpose(paths config.Paths, lock *instanceLock) {
	lock.stopRequested()
	markStopped(paths)
}

// notifyInterrupt calls fn when the process gets SIGINT: a person pressed
// Ctrl-C on `daemon run`, which is a stop on purpose. SIGTERM is not: it
// also comes from a reboot or a logout, after which the hooks should start
// the daemon again. The returned function stops listening; a SIGINT that
// arrived before it is still handled then, before it returns. (The same
// SIGINT also cancels the command's context, so the daemon may be on its
// way out before the goroutine below has run: without that last look, the
// stop notice was sometimes missing.)
func notifyInterrupt(fn func()) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		select {
		case <-ch:
			fn()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
		<-finished
		select {
		case <-ch:
			fn()
		default:
		}
	}
}
