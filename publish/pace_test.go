package publish_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/internal/githubtest"
)

// memLedger is a Ledger in memory, standing in for the store that two
// processes share.
type memLedger struct {
	mu        sync.Mutex
	last      time.Time
	notBefore time.Time
}

func (l *memLedger) Reserve(_ context.Context, pace time.Duration, now time.Time) (time.Time, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	at := now
	if !l.last.IsZero() && l.last.Add(pace).After(at) {
		at = l.last.Add(pace)
	}
	if l.notBefore.After(at) {
		at = l.notBefore
	}
	l.last = at
	return at, nil
}

func (l *memLedger) HoldOff(_ context.Context, until time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if until.After(l.notBefore) {
		l.notBefore = until
	}
	return nil
}

func sleptAtLeast(t *testing.T, c *ghClock, d time.Duration) {
	t.Helper()
	var total time.Duration
	for _, s := range c.Sleeps() {
		total += s
	}
	if total < d {
		t.Errorf("slept %v in all, want at least %v", c.Sleeps(), d)
	}
}

// A second process (a new Publisher, nothing in memory) that publishes
// right after the first still keeps the pace, through the shared ledger.
func TestLedgerPacesAcrossPublishers(t *testing.T) {
	srv, first, clock := newGitHub(t)
	ledger := &memLedger{}
	first.Pace = 3 * time.Second
	first.SetLedger(ledger)
	ctx := context.Background()
	if _, err := first.Publish(ctx, gadgets, draft("fp1"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	second := newPublisher(t, srv, clock)
	second.Pace = 3 * time.Second
	second.SetLedger(ledger)
	before := len(clock.Sleeps())
	if _, err := second.Publish(ctx, gadgets, draft("fp2"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	if s := clock.Sleeps()[before:]; len(s) != 1 || s[0] != 3*time.Second {
		t.Errorf("the second publisher slept %v, want [3s]", s)
	}

	// Without the ledger, a new process would not know to wait.
	third := newPublisher(t, srv, clock)
	third.Pace = 3 * time.Second
	before = len(clock.Sleeps())
	if _, err := third.Publish(ctx, gadgets, draft("fp3"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	if s := clock.Sleeps()[before:]; len(s) != 0 {
		t.Errorf("without a ledger it slept %v", s)
	}
}

// A Retry-After outlives the process that was told it: a publish started
// afterwards waits for it before its first write.
func TestRetryAfterIsRememberedInTheLedger(t *testing.T) {
	srv, first, clock := newGitHub(t)
	ledger := &memLedger{}
	first.MaxRetries = -1 // it gives up at once, as a killed process would
	first.SetLedger(ledger)
	srv.Fail(createRoute, githubtest.SecondaryRateLimit(90*time.Second))
	ctx := context.Background()
	if _, err := first.Publish(ctx, gadgets, draft("fp1"), time.Time{}); err == nil {
		t.Fatal("no error from a rate limit without retries")
	}
	second := newPublisher(t, srv, clock)
	second.SetLedger(ledger)
	if _, err := second.Publish(ctx, gadgets, draft("fp2"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	sleptAtLeast(t, clock, 90*time.Second)
}
