package daemon

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// A large analysis (`enroll --backfill N`, `analyze --last N`, the daemon
// catching up on a big pull) allocates much and keeps little alive: diffs,
// parsed files and decoded records, gone once their commit is stored. With
// Go's default (GOGC=100) the collector runs each time the heap doubles,
// which on go-git's last 2,000 commits was a fifth of the process's CPU.
// While one runs, the collector waits until the heap is five times what is
// live, under a soft memory limit that keeps the peak within issue 9's
// 100 MiB of RSS (the limit counts what Go manages; the binary's pages and
// the git processes come on top). Measured there: 3.6 s of CPU with git's
// instead of 4.35 s, peak RSS 72 MiB instead of 53 MiB; `analyze --last
// 8000` on imgui 87 MiB instead of 85 MiB. GOGC=400 alone peaked at
// 80 MiB, GOGC=800 at 127 MiB: the limit is what bounds it. A lower limit
// (48 MiB) gave back half the gain: the collector then ran at the limit.
//
// It also runs Go on half the cores (GOMAXPROCS, at least one): git's
// diff-tree and cat-file processes need about as much CPU as the detectors
// do, and with a P for every core Go's scheduler spent the difference
// spinning and handing goroutines between threads. go-git's last 2,000
// commits on 2 cores, 7 alternating runs: 5.2 s of CPU with git's instead
// of 5.8 s, wall time 3% less.
const (
	batchGCPercent  = 400
	batchMemLimit   = 64 << 20
	batchGCMinCount = batchSize // fewer commits are done before it pays
)

// batchProcs is GOMAXPROCS during a large analysis: half the cores.
func batchProcs() int { return max(1, runtime.NumCPU()/2) }

// gcTuner sets the collector and GOMAXPROCS for large analyses while at
// least one runs (the daemon may run several, one per repository), and
// puts back what was there when the last one ends. A user who set GOGC or
// GOMEMLIMIT chose: then the collector is left alone; one who set
// GOMAXPROCS, the same for it.
type gcTuner struct {
	mu      sync.Mutex
	active  int
	gc      bool  // the collector was tuned
	percent int   // what to put back
	limit   int64 // what to put back
	procs   int   // GOMAXPROCS to put back, 0 when left alone
	getenv  func(string) string
}

// batchGC is the process's one tuner: the collector's settings are the
// process's.
var batchGC = gcTuner{getenv: os.Getenv}

// enter starts a large analysis; the function it returns ends it.
func (g *gcTuner) enter() (leave func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.active == 0 {
		g.gc = g.getenv("GOGC") == "" && g.getenv("GOMEMLIMIT") == ""
		if g.gc {
			g.percent = debug.SetGCPercent(batchGCPercent)
			g.limit = debug.SetMemoryLimit(-1) // reads it
			if g.limit > batchMemLimit {
				debug.SetMemoryLimit(batchMemLimit)
			}
		}
		g.procs = 0
		if g.getenv("GOMAXPROCS") == "" {
			g.procs = runtime.GOMAXPROCS(min(batchProcs(), runtime.GOMAXPROCS(0)))
		}
	}
	g.active++
	var once sync.Once
	return func() { once.Do(g.leave) }
}

func (g *gcTuner) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.active--
	if g.active == 0 {
		if g.gc {
			debug.SetGCPercent(g.percent)
			debug.SetMemoryLimit(g.limit)
		}
		if g.procs > 0 {
			runtime.GOMAXPROCS(g.procs)
		}
	}
}
