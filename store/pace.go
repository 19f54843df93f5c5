package store

import "time"

// Pace is what every process publishing to one GitHub host agrees on: when
// the last write was booked, and a time GitHub asked to wait for (a
// Retry-After, a rate-limit reset). Kept in the store, it holds across
// processes and restarts: a publish started right after another, or after
// one was killed while waiting out a limit, still waits.
type Pace struct {
	Last      time.Time `json:"last,omitzero"`
	NotBefore time.Time `json:"not_before,omitzero"`
}

// ReserveWrite books the next write to host and returns when it may go:
// not before pace has passed since the last write booked by any process,
// nor before a deadline GitHub set, nor before now. Booking it at once
// queues the next caller behind it.
func (tx *Tx) ReserveWrite(host string, pace time.Duration, now time.Time) (time.Time, error) {
	b := tx.btx.Bucket(bucketPace)
	var p Pace
	if _, err := getJSON(b, []byte(host), &p); err != nil {
		return now, err
	}
	at := now
	if !p.Last.IsZero() && p.Last.Add(pace).After(at) {
		at = p.Last.Add(pace)
	}
	if p.NotBefore.After(at) {
		at = p.NotBefore
	}
	// A booking far in the future is a clock that jumped back: start over.
	if at.Sub(now) > pace+24*time.Hour {
		at = now
	}
	p.Last = at
	return at, putJSON(b, []byte(host), p)
}

// HoldOff records that GitHub asked for no writes to host before until.
func (tx *Tx) HoldOff(host string, until time.Time) error {
	b := tx.btx.Bucket(bucketPace)
	var p Pace
	if _, err := getJSON(b, []byte(host), &p); err != nil {
		return err
	}
	if until.After(p.NotBefore) {
		p.NotBefore = until
	}
	return putJSON(b, []byte(host), p)
}

// PaceOf returns the pace recorded for host.
func (tx *Tx) PaceOf(host string) (Pace, error) {
	var p Pace
	_, err := getJSON(tx.btx.Bucket(bucketPace), []byte(host), &p)
	return p, err
}
