package publish

import (
	"context"
	"errors"
	"time"
)

// DefaultPace is the least time between two content-creating requests.
// GitHub's secondary limits allow 80 a minute and 500 an hour, and accounts
// that create content in bursts get blocked well below that.
const DefaultPace = 3 * time.Second

// Ledger keeps the pace of writes outside the process, so that it holds
// across processes and restarts: two publishes at once take turns, and a
// publish started right after another (or after one was killed while
// waiting out a rate limit) still waits. review.Publishing keeps it in the
// store.
type Ledger interface {
	// Reserve books the next write and returns when it may go: pace after
	// the last booked write, and not before a hold-off.
	Reserve(ctx context.Context, pace time.Duration, now time.Time) (time.Time, error)
	// HoldOff records that GitHub asked for no writes before until.
	HoldOff(ctx context.Context, until time.Time) error
}

// ConfigPace turns the github.pace setting into Publisher.Pace: in the
// config 0s means no pacing, in the Publisher 0 means DefaultPace (its
// zero value must be safe) and a negative value none.
func ConfigPace(configured time.Duration) time.Duration {
	if configured <= 0 {
		return -1
	}
	return configured
}

func (p *Publisher) pace() time.Duration {
	switch {
	case p.Pace == 0:
		return DefaultPace
	case p.Pace < 0:
		return 0
	}
	return p.Pace
}

// SetLedger makes the Publisher pace its writes by l as well, from the
// next write on.
func (p *Publisher) SetLedger(l Ledger) {
	p.paceMu.Lock()
	defer p.paceMu.Unlock()
	p.ledger = l
}

// waitTurn is called before every request that creates or changes content
// on GitHub (an issue, a label, a comment, a close): it sleeps until Pace
// has passed since the previous one, and until any hold-off GitHub asked
// for has passed, by this process's count and by the Ledger's. The lock is
// held while sleeping so that concurrent publishes queue up instead of
// bursting together.
func (p *Publisher) waitTurn(ctx context.Context) error {
	p.paceMu.Lock()
	defer p.paceMu.Unlock()
	clock := p.clock()
	now := clock.Now()
	at := now
	if !p.lastWrite.IsZero() && p.lastWrite.Add(p.pace()).After(at) {
		at = p.lastWrite.Add(p.pace())
	}
	if p.notBefore.After(at) {
		at = p.notBefore
	}
	if p.ledger != nil {
		booked, err := p.ledger.Reserve(ctx, p.pace(), now)
		if err != nil {
			return err
		}
		if booked.After(at) {
			at = booked
		}
	}
	if wait := at.Sub(now); wait > 0 {
		if err := clock.Sleep(ctx, wait); err != nil {
			return err
		}
	}
	p.lastWrite = clock.Now()
	return nil
}

// holdOff remembers a wait GitHub asked for (a Retry-After, a rate-limit
// reset), in this process and in the Ledger, so that writes from here and
// from a publish started later both respect it.
func (p *Publisher) holdOff(ctx context.Context, until time.Time) {
	p.paceMu.Lock()
	if until.After(p.notBefore) {
		p.notBefore = until
	}
	l := p.ledger
	p.paceMu.Unlock()
	if l != nil {
		// Best effort: the wait itself happens either way.
		_ = l.HoldOff(ctx, until)
	}
}

// holdsOff says whether a failure asks for writes to pause.
func holdsOff(v verdict) bool { return errors.Is(v.err, ErrRateLimited) }
