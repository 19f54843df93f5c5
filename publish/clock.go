package publish

import (
	"context"
	"time"
)

// Clock is the time the Publisher paces and waits by; tests inject a fake
// one so that they never sleep.
type Clock interface {
	Now() time.Time
	// Sleep waits d, or less if ctx ends first, in which case it returns
	// ctx's error.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
func RealClock() Clock { return realClock{} }

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
