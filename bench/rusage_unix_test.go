//go:build unix

package bench

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// usage is what a finished process used, as /usr/bin/time reports it: CPU
// time (user and system) and peak resident memory. Both count the child
// processes it waited for, git's among them; the peak is the largest of the
// process and each of them, not their sum.
func usage(ps *os.ProcessState) (cpu time.Duration, peakRSS int64) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return ps.UserTime() + ps.SystemTime(), 0
	}
	peakRSS = int64(ru.Maxrss)
	if runtime.GOOS != "darwin" {
		peakRSS <<= 10 // kilobytes everywhere but macOS, which counts bytes
	}
	return ps.UserTime() + ps.SystemTime(), peakRSS
}
