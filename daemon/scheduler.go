package daemon

import (
	"context"
	"errors"
	"sync"
	"time"
)

// JobFunc reconciles one repository.
type JobFunc func(ctx context.Context, repoID string) error

// Scheduler runs at most one job per repository at a time. Nudges are
// debounced, so a burst of commits (a rebase rewriting twenty) costs one or
// two reconciles; a request arriving while a job runs queues exactly one
// more run, since the running one may have read the refs too early.
type Scheduler struct {
	ctx      context.Context
	job      JobFunc
	debounce time.Duration
	clock    Clock

	mu    sync.Mutex
	slots map[string]*slot
	wg    sync.WaitGroup
	done  bool
}

type slot struct {
	timer   Timer
	running bool
	again   bool
	// waiters are told when a run that started after they asked ends.
	next    []chan error
	current []chan error
	lastErr error
	runs    int
}

// NewScheduler makes a scheduler whose jobs run under ctx.
func NewScheduler(ctx context.Context, job JobFunc, debounce time.Duration, clock Clock) *Scheduler {
	if clock == nil {
		clock = RealClock{}
	}
	return &Scheduler{ctx: ctx, job: job, debounce: debounce, clock: clock, slots: map[string]*slot{}}
}

func (s *Scheduler) slot(id string) *slot {
	sl := s.slots[id]
	if sl == nil {
		sl = &slot{}
		s.slots[id] = sl
	}
	return sl
}

// Nudge asks for a reconcile of id after the debounce delay; nudges within
// the delay are merged into one.
func (s *Scheduler) Nudge(id string) { s.NudgeAfter(id, s.debounce) }

// NudgeAfter is Nudge with a delay of its own; the latest nudge's delay is
// the one that counts.
func (s *Scheduler) NudgeAfter(id string, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return
	}
	sl := s.slot(id)
	if sl.timer != nil {
		sl.timer.Stop()
	}
	sl.timer = s.clock.AfterFunc(delay, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		sl.timer = nil
		s.startLocked(id, nil)
	})
}

// Trigger starts a reconcile of id now (or right after the running one) and
// returns a channel that receives the result of that run.
func (s *Scheduler) Trigger(id string) <-chan error {
	ch := make(chan error, 1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		ch <- context.Canceled
		return ch
	}
	s.startLocked(id, ch)
	return ch
}

func (s *Scheduler) startLocked(id string, waiter chan error) {
	sl := s.slot(id)
	if waiter != nil {
		sl.next = append(sl.next, waiter)
	}
	if sl.running {
		sl.again = true
		return
	}
	sl.running, sl.again = true, false
	sl.current, sl.next = sl.next, nil
	s.wg.Add(1)
	go s.run(id, sl)
}

func (s *Scheduler) run(id string, sl *slot) {
	defer s.wg.Done()
	err := s.job(s.ctx, id)
	s.mu.Lock()
	defer s.mu.Unlock()
	if errors.Is(err, ErrHeld) && !s.done && s.ctx.Err() == nil {
		s.retryHeldLocked(id, sl) // see hold.go
		return
	}
	sl.running, sl.lastErr = false, err
	sl.runs++
	for _, ch := range sl.current {
		ch <- err
	}
	sl.current = nil
	if (sl.again || len(sl.next) > 0) && !s.done && s.ctx.Err() == nil {
		s.startLocked(id, nil)
		return
	}
	for _, ch := range sl.next {
		ch <- context.Canceled
	}
	sl.next = nil
}

// Busy reports whether a job runs or is queued for id.
func (s *Scheduler) Busy(id string) (running, queued bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sl := s.slots[id]
	if sl == nil {
		return false, false
	}
	return sl.running, sl.again || sl.timer != nil
}

// Stop cancels pending nudges and waits for running jobs to end; the caller
// cancels the context to make them end sooner.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	s.done = true
	for _, sl := range s.slots {
		if sl.timer != nil {
			sl.timer.Stop()
			sl.timer = nil
		}
		if !sl.running { // waiters of a held run; a running one answers its own
			for _, ch := range sl.next {
				ch <- context.Canceled
			}
			sl.next = nil
		}
	}
	s.mu.Unlock()
	s.wg.Wait()
}
