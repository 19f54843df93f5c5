package store

import (
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"
)

// deadPID is the pid of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no `true` to run:", err)
	}
	return cmd.Process.Pid
}

func TestLeaseClaimAndRelease(t *testing.T) {
	s, _ := newStore(t)
	a, b := NewLease(), NewLease() // two publishers in this one live process
	if !a.Alive() {
		t.Fatal("our own lease is not alive")
	}
	err := s.Update(func(tx *Tx) error {
		stale, err := tx.ClaimDraft(1, a)
		if err != nil || stale != nil {
			t.Fatalf("first claim: %v, stale %v", err, stale)
		}
		_, err = tx.ClaimDraft(1, b)
		var claimed *ClaimedError
		if !errors.As(err, &claimed) || claimed.Owner.Nonce != a.Nonce || !errors.Is(err, ErrClaimed) {
			t.Fatalf("second claim: %v", err)
		}
		if _, err := tx.ClaimDraft(1, a); !errors.Is(err, ErrClaimed) {
			t.Errorf("a claims its own draft again: %v", err)
		}
		// b cannot release a's lease; a can.
		if err := tx.ReleaseDraft(1, b); err != nil {
			return err
		}
		if _, ok, _ := tx.DraftLease(1); !ok {
			t.Fatal("b released a's lease")
		}
		if err := tx.ReleaseDraft(1, a); err != nil {
			return err
		}
		if _, ok, _ := tx.DraftLease(1); ok {
			t.Fatal("a's lease survives its release")
		}
		_, err = tx.ClaimDraft(1, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A lease whose owner died, or whose pid now belongs to another process,
// is taken over and reported stale.
func TestStaleLeaseIsTakenOver(t *testing.T) {
	s, _ := newStore(t)
	gone := Lease{PID: deadPID(t), Start: 12345, Nonce: "x", At: time.Now().Add(-time.Minute)}
	reused := Lease{PID: os.Getppid(), Start: 1, Nonce: "y"} // a live pid with another start time
	if gone.Alive() {
		t.Fatal("a dead process's lease is alive")
	}
	if processStart(os.Getppid()) != 0 && reused.Alive() {
		t.Fatal("a reused pid's lease is alive")
	}
	me := NewLease()
	err := s.Update(func(tx *Tx) error {
		for id, l := range map[uint64]Lease{1: gone, 2: reused} {
			if err := putJSON(tx.btx.Bucket(bucketLeases), draftKey(id), l); err != nil {
				return err
			}
		}
		stale, err := tx.ClaimDraft(1, me)
		if err != nil || stale == nil || stale.PID != gone.PID {
			t.Errorf("claim over a dead owner: stale %v, %v", stale, err)
		}
		if processStart(os.Getppid()) != 0 {
			if stale, err := tx.ClaimDraft(2, me); err != nil || stale == nil {
				t.Errorf("claim over a reused pid: stale %v, %v", stale, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPaceAcrossProcesses(t *testing.T) {
	s, _ := newStore(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	pace := 3 * time.Second
	var slots []time.Time
	for range 3 {
		err := s.Update(func(tx *Tx) error {
			at, err := tx.ReserveWrite("github.com", pace, now)
			slots = append(slots, at)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, want := range []time.Duration{0, 3 * time.Second, 6 * time.Second} {
		if got := slots[i].Sub(now); got != want {
			t.Errorf("slot %d at +%v, want +%v", i, got, want)
		}
	}
	// GitHub asks for a minute: nobody writes before it, whatever the pace.
	err := s.Update(func(tx *Tx) error {
		if err := tx.HoldOff("github.com", now.Add(time.Minute)); err != nil {
			return err
		}
		at, err := tx.ReserveWrite("github.com", pace, now.Add(10*time.Second))
		if got := at.Sub(now); got != time.Minute {
			t.Errorf("after a hold-off: +%v, want +1m", got)
		}
		// Another host is not held.
		other, err2 := tx.ReserveWrite("ghe.example.com", pace, now)
		if !other.Equal(now) {
			t.Errorf("other host at %v", other)
		}
		return errors.Join(err, err2)
	})
	if err != nil {
		t.Fatal(err)
	}
}
