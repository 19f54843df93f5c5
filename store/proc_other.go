//go:build unix && !linux

package store

import "syscall"

// processStart is not read where there is no /proc: the pid alone says
// whether a lease's owner lives.
func processStart(int) uint64 { return 0 }

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
