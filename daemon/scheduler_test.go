package daemon

import (
	"context"
	"sync"
	"testing"
	"time"
)

type recorder struct {
	mu    sync.Mutex
	runs  map[string]int
	gate  chan struct{} // when set, each job waits for a token
	start chan string
}

func (r *recorder) job(ctx context.Context, id string) error {
	if r.start != nil {
		r.start <- id
	}
	if r.gate != nil {
		select {
		case <-r.gate:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.runs[id]++
	return nil
}

func (r *recorder) count(id string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.runs[id]
}

func TestNudgesAreDebounced(t *testing.T) {
	clock := newFakeClock()
	rec := &recorder{runs: map[string]int{}}
	s := NewScheduler(context.Background(), rec.job, 300*time.Millisecond, clock)
	for i := 0; i < 10; i++ {
		s.Nudge("a")
		clock.Advance(100 * time.Millisecond)
	}
	if n := rec.count("a"); n != 0 {
		t.Fatalf("ran %d times during the burst", n)
	}
	clock.Advance(300 * time.Millisecond)
	s.Stop()
	if n := rec.count("a"); n != 1 {
		t.Fatalf("a burst of nudges ran %d jobs, want 1", n)
	}
}

func TestOneJobPerRepoAndOneQueuedRun(t *testing.T) {
	rec := &recorder{runs: map[string]int{}, gate: make(chan struct{}), start: make(chan string, 10)}
	s := NewScheduler(context.Background(), rec.job, 0, newFakeClock())
	first := s.Trigger("a")
	<-rec.start // the first run is in progress
	// Three requests while it runs: they must share one more run, since the
	// running job may have read the refs before they were made.
	w := []<-chan error{s.Trigger("a"), s.Trigger("a"), s.Trigger("a")}
	if running, queued := s.Busy("a"); !running || !queued {
		t.Errorf("Busy = %v, %v; want running and queued", running, queued)
	}
	rec.gate <- struct{}{}
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	<-rec.start // the queued run
	rec.gate <- struct{}{}
	for _, ch := range w {
		if err := <-ch; err != nil {
			t.Fatal(err)
		}
	}
	s.Stop()
	if n := rec.count("a"); n != 2 {
		t.Fatalf("ran %d jobs, want 2", n)
	}
}

func TestReposRunIndependently(t *testing.T) {
	rec := &recorder{runs: map[string]int{}, gate: make(chan struct{}), start: make(chan string, 10)}
	s := NewScheduler(context.Background(), rec.job, 0, newFakeClock())
	a, b := s.Trigger("a"), s.Trigger("b")
	got := map[string]bool{<-rec.start: true, <-rec.start: true}
	if !got["a"] || !got["b"] {
		t.Fatalf("both repos should run at once, started %v", got)
	}
	rec.gate <- struct{}{}
	rec.gate <- struct{}{}
	<-a
	<-b
	s.Stop()
}

func TestStopCancelsPendingNudges(t *testing.T) {
	clock := newFakeClock()
	rec := &recorder{runs: map[string]int{}}
	s := NewScheduler(context.Background(), rec.job, time.Second, clock)
	s.Nudge("a")
	s.Stop()
	clock.Advance(time.Minute)
	// A timer that Stop left behind would start the job on a goroutine of
	// its own during Advance: wait for whatever was started before counting,
	// or the count would read 0 before that goroutine ran.
	s.wg.Wait()
	if n := rec.count("a"); n != 0 {
		t.Fatalf("a nudge ran after Stop")
	}
	if running, queued := s.Busy("a"); running || queued {
		t.Fatalf("after Stop, Busy = %v, %v; want nothing running or queued", running, queued)
	}
	if err := <-s.Trigger("a"); err != context.Canceled {
		t.Fatalf("Trigger after Stop = %v", err)
	}
}

func TestCancelledContextEndsRunningJob(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	rec := &recorder{runs: map[string]int{}, gate: make(chan struct{}), start: make(chan string, 1)}
	s := NewScheduler(ctx, rec.job, 0, newFakeClock())
	ch := s.Trigger("a")
	<-rec.start
	cancel()
	if err := <-ch; err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	s.Stop()
}
