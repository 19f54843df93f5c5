package publish

import (
	"context"
	"time"
)

// DefaultPace is the least time between two content-creating requests.
// GitHub's secondary limits allow 80 a minute and 500 an hour, and accounts
// that create content in bursts get blocked well below that.
const DefaultPace = 3 * time.Second

func (p *Publisher) pace() time.Duration {
	switch {
	case p.Pace == 0:
		return DefaultPace
	case p.Pace < 0:
		return 0
	}
	return p.Pace
}

// waitTurn is called before every request that creates or changes content
// on GitHub (an issue, a label, a comment, a close): it sleeps until Pace
// has passed since the previous one. The lock is held while sleeping so
// that concurrent publishes queue up instead of bursting together.
func (p *Publisher) waitTurn(ctx context.Context) error {
	p.paceMu.Lock()
	defer p.paceMu.Unlock()
	clock := p.clock()
	if !p.lastWrite.IsZero() {
		if wait := p.lastWrite.Add(p.pace()).Sub(clock.Now()); wait > 0 {
			if err := clock.Sleep(ctx, wait); err != nil {
				return err
			}
		}
	}
	p.lastWrite = clock.Now()
	return nil
}
