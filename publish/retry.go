package publish

import (
	"context"

	"github.com/google/go-github/v62/github"
)

// DefaultMaxRetries bounds the retries of one request.
const DefaultMaxRetries = 3

func (p *Publisher) maxRetries() int {
	switch {
	case p.MaxRetries == 0:
		return DefaultMaxRetries
	case p.MaxRetries < 0:
		return 0
	}
	return p.MaxRetries
}

func (p *Publisher) clock() Clock {
	if p.Clock == nil {
		return RealClock()
	}
	return p.Clock
}

// retrying runs op until it succeeds, fails in a way that retrying cannot
// fix, or has been retried MaxRetries times. Between attempts it waits on
// the Clock as GitHub asked (rate limits) or backs off (5xx, network).
// When a failed attempt may have taken effect anyway (a 502 after GitHub
// created the issue), settle, if given, runs after the wait and before the
// next attempt; done ends the loop with settle's error (nil: settled).
func (p *Publisher) retrying(ctx context.Context, op func(*github.Client) error, settle func() (done bool, err error)) error {
	for attempt := 0; ; attempt++ {
		err := op(p.Client.api())
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		clock := p.clock()
		v := classify(err, clock.Now(), attempt)
		if holdsOff(v) {
			p.holdOff(ctx, clock.Now().Add(v.wait))
		}
		if !v.retry {
			return v.err
		}
		if attempt >= p.maxRetries() {
			return gaveUp(v.err, attempt)
		}
		if err := clock.Sleep(ctx, v.wait); err != nil {
			return err
		}
		if v.ambiguous && settle != nil {
			if done, err := settle(); done || err != nil {
				return err
			}
		}
	}
}

// write is retrying for a request that creates or changes content: each
// attempt waits its turn (see waitTurn).
func (p *Publisher) write(ctx context.Context, op func(*github.Client) error, settle func() (bool, error)) error {
	return p.retrying(ctx, func(gh *github.Client) error {
		if err := p.waitTurn(ctx); err != nil {
			return err
		}
		return op(gh)
	}, settle)
}
