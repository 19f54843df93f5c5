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
		tries = append(tries, coreShare(spinTimed(1), spinTimed(2)))
	}
	slices.Sort(tries)
	return tries[1]
}

// coreShare is what a second core adds, from the time of one loop alone
// and of two at once: 2r-1 for two loops each at r times the speed of
// one alone, between 0 and 1.
func coreShare(alone, together time.Duration) float64 {
	if alone <= 0 || together <= 0 {
		return 0
	}
	return min(max(2*float64(alone)/float64(together)-1, 0), 1)
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

// The share from the two timings; what secondCore measures depends on
// the host's load (under `go test ./...` the other packages' tests take
// the second core), so only the arithmetic is tested.
func TestCoreShare(t *testing.T) {
	ms := time.Millisecond
	for _, c := range []struct {
		alone, together time.Duration
		want            float64
	}{
		{10 * ms, 10 * ms, 1},    // two at once as fast as one alone
		{10 * ms, 20 * ms, 0},    // no second core to speak of
		{10 * ms, 12500000, 0.6}, // each at 80% of the speed alone
		{10 * ms, 8 * ms, 1},     // faster together (a warmer cache): no more than a whole core
		{10 * ms, 40 * ms, 0},    // slower than one after the other: none
		{10 * ms, 0, 0},          // not measured
	} {
		if got := coreShare(c.alone, c.together); got < c.want-1e-9 || got > c.want+1e-9 {
			t.Errorf("coreShare(%v, %v) = %v, want %v", c.alone, c.together, got, c.want)
		}
	}
	if got := secondCore(); got < 0 || got > 1 {
		t.Errorf("secondCore = %v, want a share between 0 and 1", got)
	}
}
