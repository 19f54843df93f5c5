package daemon

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"testing"
)

// A Ctrl-C that arrives as the daemon is already on its way out (the same
// SIGINT cancels its context) still counts as a stop on purpose, exactly
// once: daemon_revive.txtar saw the stop notice missing now and then.
func TestNotifyInterruptHandlesASIGINTStillPendingAtStop(t *testing.T) {
	// While the test runs, a SIGINT never takes its default action.
	guard := make(chan os.Signal, 1)
	signal.Notify(guard, os.Interrupt)
	defer signal.Stop(guard)
	for i := range 200 {
		var calls atomic.Int32
		stop := notifyInterrupt(func() { calls.Add(1) })
		if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		<-guard
		stop()
		if n := calls.Load(); n != 1 {
			t.Fatalf("round %d: fn called %d times, want once", i, n)
		}
	}
}
