package bench

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// secondCore is how much work a second core adds: the same loop run once
// alone, then twice at once on two threads; if each of the two then runs
// at r times the speed of the one alone, the second core adds 2r-1. 1
// means two cores run two jobs as fast as one runs one; a host that
// shares the second core (a virtual machine's sibling thread) gives less. The backfill uses every core, git log one: this is what
// separates their times beyond the work each does. The median of three
// tries.
func secondCore() float64 {
	if runtime.GOMAXPROCS(0) < 2 || runtime.NumCPU() < 2 {
		return 0
	}
	var tries []float64
	for range 3 {
		alone, together := spinTimed(1), spinTimed(2)
		tries = append(tries, min(max(2*float64(alone)/float64(together)-1, 0), 1))
	}
	slices.Sort(tries)
	return tries[1]
}

// spinTimed runs the loop on n goroutines at once and returns the time
// until the last ends.
func spinTimed(n int) time.Duration {
	var wg sync.WaitGroup
	start := time.Now()
	for range n {
		wg.Go(func() { spinSink.Add(spin(30_000_000)) })
	}
	wg.Wait()
	return time.Since(start)
}

// spin is CPU work the compiler cannot drop: its result is kept.
func spin(n int) uint64 {
	x := uint64(1)
	for i := range n {
		x = x*6364136223846793005 + uint64(i)
	}
	return x
}

// spinSink keeps spin's results, so that the loops are not optimised away.
var spinSink atomic.Uint64

func TestSecondCoreIsAShare(t *testing.T) {
	got := secondCore()
	if got < 0 || got > 1 {
		t.Fatalf("secondCore = %v, want a share between 0 and 1", got)
	}
	if runtime.NumCPU() >= 2 && runtime.GOMAXPROCS(0) >= 2 && got == 0 {
		t.Errorf("secondCore = 0 on %d cores: two loops at once took twice as long as one", runtime.NumCPU())
	}
	t.Logf("a second core adds %.0f%% of a first", 100*got)
}
