package daemon

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/ticket-master/ticket-master/store"
)

// exitDamaged is the exit code of a ticket-master command that found the
// database damaged, missing or emptied (the README's exit codes table).
const exitDamaged = 4

// exitedError is a daemon that ended before it answered. It reads as the
// error the daemon printed, so the user gets the cause and its fix instead
// of "see the log"; a daemon that found the database damaged keeps that
// meaning (store.ErrDamaged) for the caller's exit code.
type exitedError struct {
	msg   string
	cause error
}

func (e *exitedError) Error() string { return e.msg }
func (e *exitedError) Unwrap() error { return e.cause }

// exitedAtOnce explains waitErr, the end of a daemon started detached,
// from what it wrote to its log after offset from.
func exitedAtOnce(waitErr error, log string, from int64) error {
	why := lastErrorLine(log, from)
	if why == "" {
		return fmt.Errorf("the daemon exited at once (%v); see %s", waitErr, log)
	}
	e := &exitedError{msg: "the daemon exited at once: " + why}
	var ee *exec.ExitError
	if errors.As(waitErr, &ee) && ee.ExitCode() == exitDamaged {
		e.cause = store.ErrDamaged
	}
	return e
}

// lastErrorLine is the last "ticket-master: ..." line (how a command
// reports its error) written to the log at or after offset from, without
// that prefix; "" when there is none. Only the last 64 KiB are read.
func lastErrorLine(log string, from int64) string {
	f, err := os.Open(log)
	if err != nil {
		return ""
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return ""
	}
	if from > info.Size() {
		from = 0 // rotated meanwhile: what is there is the new daemon's
	}
	if start := info.Size() - 64<<10; from < start {
		from = start
	}
	if _, err := f.Seek(from, io.SeekStart); err != nil {
		return ""
	}
	var last string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if why, ok := strings.CutPrefix(sc.Text(), "ticket-master: "); ok && strings.TrimSpace(why) != "" {
			last = strings.TrimSpace(why)
		}
	}
	return last
}
