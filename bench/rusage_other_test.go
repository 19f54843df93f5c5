//go:build !unix

package bench

import (
	"os"
	"time"
)

// usage: no peak memory where rusage is missing; the sandbox skips these
// systems anyway.
func usage(ps *os.ProcessState) (cpu time.Duration, peakRSS int64) {
	return ps.UserTime() + ps.SystemTime(), 0
}
