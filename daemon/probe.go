package daemon

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/ticket-master/ticket-master/config"
)

// Liveness states, as `status`, `daemon status` and `doctor` report them.
const (
	LiveRunning      = "running"
	LiveNotAnswering = "not answering" // accepts connections, never replies: suspended or hung
	LiveStopped      = "stopped"       // on purpose: daemon stop, Ctrl-C
	LiveDied         = "died"          // a crash, a kill, a reboot: the hooks start it again
	LiveNotRunning   = "not running"   // never started here
)

// Liveness is how the daemon is.
type Liveness struct {
	State  string
	PID    int             // from its answer, or from the pid file
	Status *StatusResponse // when it answers
	Err    error           // why it does not answer
}

// Probe asks the daemon how it is through c, and where it does not answer,
// finds out why from its pid file, lock and stop notice in paths.
func Probe(ctx context.Context, c *Client, paths config.Paths) Liveness {
	st, err := c.Status(ctx)
	if err == nil {
		return Liveness{State: LiveRunning, PID: st.PID, Status: &st}
	}
	l := Liveness{Err: err, PID: pidInFile(paths.DaemonLock())}
	switch {
	case errors.Is(err, ErrNotAnswering):
		l.State = LiveNotAnswering
	case !errors.Is(err, ErrNotRunning):
		l.State = LiveNotAnswering // it is there, but what it says makes no sense
	case StoppedOnPurpose(paths):
		l.State = LiveStopped
	case Crashed(paths):
		l.State = LiveDied
	default:
		l.State = LiveNotRunning
	}
	return l
}

func pidInFile(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	return readPID(f)
}

// Text is what the CLI prints after "daemon:": Word (Detail).
func (l Liveness) Text() string { return l.Word() + " (" + l.Detail() + ")" }

// Word is "running", "not answering" or "not running".
func (l Liveness) Word() string {
	switch l.State {
	case LiveRunning, LiveNotAnswering:
		return l.State
	}
	return "not running"
}

// Detail says more about it.
func (l Liveness) Detail() string {
	switch l.State {
	case LiveRunning:
		return fmt.Sprintf("pid %d, version %s", l.Status.PID, l.Status.Version)
	case LiveNotAnswering:
		if l.PID > 0 {
			return fmt.Sprintf("pid %d accepts connections but does not reply: suspended or hung", l.PID)
		}
		return "something accepts connections on its socket but does not reply"
	case LiveStopped:
		return "stopped with `ticket-master daemon stop`; start it with: ticket-master daemon start"
	case LiveDied:
		return "it ended without being stopped; the next commit's hook starts it again, or run: ticket-master daemon start"
	}
	return "start it with: ticket-master daemon start"
}

// Fix is what to do about it; "" when it runs.
func (l Liveness) Fix() string {
	switch l.State {
	case LiveRunning:
		return ""
	case LiveNotAnswering:
		if l.PID > 0 {
			return fmt.Sprintf("if it was suspended (Ctrl-Z, kill -STOP), resume it: kill -CONT %d; if it is hung: kill %d, then ticket-master daemon start (and see: ticket-master daemon logs)", l.PID, l.PID)
		}
		return "see: ticket-master daemon logs; then ticket-master daemon restart"
	case LiveDied:
		return "ticket-master daemon start (and see why it ended: ticket-master daemon logs)"
	}
	return "ticket-master daemon start"
}
