package daemon

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
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
// It also runs Go on half the cores (GOMAXPROCS, at least one) while git
// is the slower side: git's diff-tree and cat-file processes need about as
// much CPU as the detectors do, and with a P for every core Go's scheduler
// spent the difference spinning and handing goroutines between threads
// (go-git's last 2,000 commits on 2 cores, 7 alternating runs: 5.2 s of
// CPU with git's instead of 5.8 s, wall time 3% less, when the detectors
// were slower than they are now). While the detectors are the slower side,
// it gives them the cores back (pace).
const (
	batchGCPercent  = 400
	batchMemLimit   = 64 << 20
	batchGCMinCount = batchSize // fewer commits are done before it pays
)

// hugeHeapBytes is how much heap a large analysis is given at once, for
// huge pages (hugeheap_linux.go): what it comes to under batchMemLimit (the
// collector's goal there, 45-50 MB on go-git).
const hugeHeapBytes = 48 << 20

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
	behind  int   // analyses whose detectors are behind git (pace)
	// hugeOnce prepares the heap for huge pages on the first large
	// analysis whose collector is tuned.
	hugeOnce     sync.Once
	heapPrepared bool // under mu
	getenv       func(string) string
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
			g.prepareHeapLocked()
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

// prepareHeap readies the heap for a large analysis about to start
// (prepareHugeHeap), before enter: the history walk and the set-up of
// `enroll --backfill` and `analyze --last` allocate too, 1,500 page faults
// of go-git's backfill before enter, most of them while the second core
// waits for the walk.
func (g *gcTuner) prepareHeap() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.prepareHeapLocked()
}

// prepareHeapLocked prepares the heap for huge pages once a process: the
// memory stays marked when the collector hands it back. Not when the user
// set the collector (GOGC, GOMEMLIMIT) or turned Go's huge pages off
// (GODEBUG=disablethp=1).
func (g *gcTuner) prepareHeapLocked() {
	if g.getenv("GOGC") != "" || g.getenv("GOMEMLIMIT") != "" || strings.Contains(g.getenv("GODEBUG"), "disablethp=1") {
		return
	}
	g.hugeOnce.Do(func() {
		prepareHugeHeap(hugeHeapBytes)
		g.heapPrepared = true
	})
}

// workers is how many commits a large analysis may detect at once:
// workersPerP per P Go had before enter. The workers after the first run
// only while the detectors are behind git's diff stream (analyze/pace.go),
// and meanwhile Go runs on all those Ps (pace): on go-git's history, where
// the detectors are the slower side, 10% less wall time than one worker
// on one P (15 alternating pairs of runs, 2 cores); on imgui's, where git
// is, the backfill runs as before, on one worker and one P (a second of
// each, all along, made it 6% slower).
func (g *gcTuner) workers() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.procs > 0 {
		return workersPerP * g.procs
	}
	return workersPerP * runtime.GOMAXPROCS(0)
}

// workersPerP is how many detect workers a P gets. A worker spends a
// third of its time waiting on git (a cat-file answer, a grep of the
// tests), and with one per P, Go had nothing to run for a fifth of
// go-git's backfill (an execution trace); with two, another worker runs
// meanwhile: 2.6% less
// wall time there (10 alternating pairs of runs), peak RSS 80 MiB instead
// of 79 (imgui's 8,000 commits: 92 MiB either way).
const workersPerP = 2

// pace is an analysis' analyze.PaceFunc: while the detectors of any large
// analysis are behind git, Go runs on as many Ps as before enter, else on
// batchProcs. GOMAXPROCS the user set is left alone.
func (g *gcTuner) pace(behind bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.active == 0 || g.procs == 0 {
		return
	}
	if behind {
		g.behind++
	} else if g.behind > 0 {
		g.behind--
	}
	want := min(batchProcs(), g.procs)
	if g.behind > 0 {
		want = g.procs
	}
	if runtime.GOMAXPROCS(0) != want {
		runtime.GOMAXPROCS(want)
	}
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
		g.behind = 0
	}
}
