package review

import (
	"context"
	"time"

	"github.com/ticket-master/ticket-master/store"
)

// storeLedger keeps a GitHub host's pace in the store (publish.Ledger), so
// that every ticket-master process publishing there takes turns with the
// others and honours a Retry-After one of them was given.
type storeLedger struct {
	st   *store.Store
	host string
}

func (l *storeLedger) Reserve(_ context.Context, pace time.Duration, now time.Time) (at time.Time, err error) {
	err = l.st.Update(func(tx *store.Tx) error {
		at, err = tx.ReserveWrite(l.host, pace, now)
		return err
	})
	return at, err
}

func (l *storeLedger) HoldOff(_ context.Context, until time.Time) error {
	return l.st.Update(func(tx *store.Tx) error { return tx.HoldOff(l.host, until) })
}
