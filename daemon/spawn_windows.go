//go:build windows

package daemon

import "syscall"

// detachAttr starts the daemon without a console, in a process group of its
// own, so that closing the console does not stop it.
func detachAttr() *syscall.SysProcAttr {
	const createNewProcessGroup, detachedProcess = 0x00000200, 0x00000008
	return &syscall.SysProcAttr{CreationFlags: createNewProcessGroup | detachedProcess}
}
