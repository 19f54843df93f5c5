package store

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"time"
)

// A Lease is a claim on a draft while one process publishes it, so that two
// processes publishing the same drafts at once (two `publish --all`, or
// `review` beside a `publish`) never both create its issue. It names its
// owner by pid and process start time, so a lease left by a process that
// died (or whose pid was reused) is known to be stale.
type Lease struct {
	PID int `json:"pid"`
	// Start is when the process started, as the OS counts it (clock ticks
	// since boot on Linux); 0 where it cannot be read, and then the pid
	// alone says whether the owner lives.
	Start uint64 `json:"start,omitempty"`
	// Nonce tells apart two publishers in one process.
	Nonce string    `json:"nonce"`
	At    time.Time `json:"at"`
}

// ErrClaimed matches the error of a draft another live process is
// publishing.
var ErrClaimed = errors.New("being published by another ticket-master process")

// ClaimedError names the process that holds the lease.
type ClaimedError struct {
	Draft uint64
	Owner Lease
}

func (e *ClaimedError) Error() string {
	return fmt.Sprintf("draft %d is being published by another ticket-master process (pid %d, since %s)",
		e.Draft, e.Owner.PID, e.Owner.At.Local().Format(time.TimeOnly))
}

// Is makes errors.Is(err, ErrClaimed) true.
func (e *ClaimedError) Is(target error) bool { return target == ErrClaimed }

// NewLease is a lease owned by this process (its time is set when claimed).
func NewLease() Lease {
	nonce := make([]byte, 8)
	_, _ = rand.Read(nonce)
	return Lease{PID: os.Getpid(), Start: processStart(os.Getpid()), Nonce: hex.EncodeToString(nonce)}
}

// Alive reports whether the lease's owner still runs.
func (l Lease) Alive() bool {
	if l.PID <= 0 {
		return false
	}
	if l.PID == os.Getpid() {
		return l.Start == processStart(l.PID)
	}
	if !processAlive(l.PID) {
		return false
	}
	start := processStart(l.PID)
	return l.Start == 0 || start == 0 || start == l.Start
}

func (l Lease) same(o Lease) bool { return l.PID == o.PID && l.Start == o.Start && l.Nonce == o.Nonce }

// ClaimDraft takes the lease on draft id for l. It fails with a
// ClaimedError while another live owner holds it. A lease whose owner is
// gone is taken over and returned as stale: that publisher may have
// created the issue before it died, so the caller looks for it first.
func (tx *Tx) ClaimDraft(id uint64, l Lease) (stale *Lease, err error) {
	b := tx.btx.Bucket(bucketLeases)
	var cur Lease
	ok, err := getJSON(b, draftKey(id), &cur)
	if err != nil {
		return nil, err
	}
	if ok {
		if cur.same(l) || cur.Alive() {
			return nil, &ClaimedError{Draft: id, Owner: cur}
		}
		stale = &cur
	}
	l.At = tx.Now()
	return stale, putJSON(b, draftKey(id), l)
}

// ReleaseDraft gives up l's lease on draft id; a lease someone else took
// over is left alone.
func (tx *Tx) ReleaseDraft(id uint64, l Lease) error {
	b := tx.btx.Bucket(bucketLeases)
	var cur Lease
	ok, err := getJSON(b, draftKey(id), &cur)
	if err != nil || !ok || !cur.same(l) {
		return err
	}
	return b.Delete(draftKey(id))
}

// DraftLease returns the lease on draft id, if any.
func (tx *Tx) DraftLease(id uint64) (Lease, bool, error) {
	var l Lease
	ok, err := getJSON(tx.btx.Bucket(bucketLeases), draftKey(id), &l)
	return l, ok, err
}
