//go:build unix

package daemon

import (
	"os"

	"golang.org/x/sys/unix"
)

// redirectStd points the process's stdout and stderr at f, so that what the
// runtime writes there (a crash's trace) goes to the current log file.
func redirectStd(f *os.File) {
	_ = unix.Dup2(int(f.Fd()), 1)
	_ = unix.Dup2(int(f.Fd()), 2)
}
