//go:build unix

package e2e

import "syscall"

// resume continues a process suspended with SIGSTOP.
func resume(pid int) { _ = syscall.Kill(pid, syscall.SIGCONT) }
