//go:build unix

package daemon

import "syscall"

// detachAttr puts the daemon in a session of its own, so that closing the
// terminal or a Ctrl-C in it does not reach the daemon.
func detachAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }
