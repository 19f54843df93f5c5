package store

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// ErrDamaged matches (with errors.Is) every error that says the database
// file is damaged: unreadable header pages, pages beyond the end of the
// file, a broken tree, or a panic or memory fault inside bbolt.
var ErrDamaged = errors.New("the ticket-master database is damaged")

// ErrMissing matches the error of a database that is gone or was emptied
// while something says it existed (a backup, the repository list, notice
// files), so that it is not silently replaced by an empty one.
var ErrMissing = errors.New("the ticket-master database is missing")

// FixCommand is what repairs a damaged or missing database.
const FixCommand = "ticket-master doctor --fix"

// DamageError says what is wrong with the file and what to do.
type DamageError struct {
	Path   string
	Detail string // what was found, for people
}

func (e *DamageError) Error() string {
	return fmt.Sprintf("the ticket-master database %s is damaged (%s): run `%s` to set it aside and restore the last backup",
		e.Path, e.Detail, FixCommand)
}

// Is makes errors.Is(err, ErrDamaged) true.
func (e *DamageError) Is(target error) bool { return target == ErrDamaged }

// MissingError says that the database is gone and why we think it existed.
type MissingError struct {
	Path     string
	Emptied  bool   // the file is there but empty
	Evidence string // why we think it held something
}

func (e *MissingError) Error() string {
	what := "is missing"
	if e.Emptied {
		what = "is empty"
	}
	return fmt.Sprintf("the ticket-master database %s %s, but %s: run `%s` to restore the last backup (or to start afresh and re-enroll the repositories it can find)",
		e.Path, what, e.Evidence, FixCommand)
}

// Is makes errors.Is(err, ErrMissing) true.
func (e *MissingError) Is(target error) bool { return target == ErrMissing }

func damaged(path, format string, a ...any) error {
	return &DamageError{Path: path, Detail: fmt.Sprintf(format, a...)}
}

// guard runs fn so that a damaged file gives an error instead of killing the
// process: a memory fault in a mapped page (SIGBUS after truncation, SIGSEGV
// for a page number beyond the mapping) becomes a panic on this goroutine
// (debug.SetPanicOnFault), and a panic raised inside bbolt (such as
// "invalid freelist page") or by a fault is turned into a DamageError. A
// panic in our own code is a bug, not damage, and goes on panicking.
func guard(path string, fn func() error) (err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if !isDamagePanic(r) {
			panic(r)
		}
		err = damaged(path, "%s", panicText(r))
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return fn()
}

// isDamagePanic tells a fault or a panic raised inside bbolt from a bug of
// ours. It runs in the deferred function, while the panicking frames are
// still on the stack.
func isDamagePanic(r any) bool {
	if re, ok := r.(runtime.Error); ok {
		if _, fault := re.(interface{ Addr() uintptr }); fault {
			return true
		}
	}
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case strings.HasPrefix(f.Function, "runtime.gopanic"), strings.HasPrefix(f.Function, "runtime.panic"),
			strings.HasPrefix(f.Function, "runtime.goPanic"), f.Function == "runtime.sigpanic":
			panicking = true
		case panicking && strings.HasPrefix(f.Function, "runtime."):
			// still inside the runtime's panic path
		case panicking:
			// The first frame past the runtime is where the panic came from.
			return strings.HasPrefix(f.Function, "go.etcd.io/bbolt")
		}
		if !more {
			return false
		}
	}
}

func panicText(r any) string {
	s := fmt.Sprint(r)
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return "bbolt: " + s
}

// undecodable is the error for a record that does not decode: the bytes
// bbolt returned are not what the store wrote, so the file is damaged.
func undecodable(b *bolt.Bucket, what string, err error) error {
	return damaged(b.Tx().DB().Path(), "%s cannot be read: %v", printable([]byte(what)), err)
}
