package review

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/internal/githubtest"
	"github.com/ticket-master/ticket-master/publish"
	"github.com/ticket-master/ticket-master/store"
)

// Two publishers (as two processes would be) publish the same twenty
// drafts at once: every draft gets exactly one issue, and what one skips
// the other published.
func TestTwoPublishersCreateNoDuplicates(t *testing.T) {
	var titles []string
	for i := range 20 {
		titles = append(titles, fmt.Sprintf("thing %d", i))
	}
	f := newFixture(t, titles...)
	second := &Publishing{Store: f.st, Publisher: f.pub.Publisher}
	var wg sync.WaitGroup
	var mu sync.Mutex
	published, skippedN := 0, 0
	for _, p := range []*Publishing{f.pub, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := uint64(1); id <= 20; id++ {
				_, err := p.Publish(context.Background(), id)
				mu.Lock()
				switch {
				case err == nil:
					published++
				case errors.Is(err, ErrSkipped):
					skippedN++
				default:
					t.Errorf("draft %d: %v", id, err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if n := len(f.gh.Issues("acme", "gadgets")); n != 20 {
		t.Errorf("%d issues for 20 drafts", n)
	}
	if published != 20 || skippedN != 20 {
		t.Errorf("published %d, skipped %d; want 20 and 20", published, skippedN)
	}
	seen := map[int]bool{}
	for id := uint64(1); id <= 20; id++ {
		d := f.draft(t, id)
		if d.State != store.DraftPublished || seen[d.Issue] {
			t.Errorf("draft %d: %s #%d", id, d.State, d.Issue)
		}
		seen[d.Issue] = true
	}
	_ = f.st.View(func(tx *store.Tx) error {
		for id := uint64(1); id <= 20; id++ {
			if l, ok, _ := tx.DraftLease(id); ok {
				t.Errorf("draft %d still leased by %+v", id, l)
			}
		}
		return nil
	})
}

// A draft claimed by a live publisher is skipped, with who holds it.
func TestClaimedDraftIsSkipped(t *testing.T) {
	f := newFixture(t, "first thing")
	other := store.NewLease()
	if err := f.st.Update(func(tx *store.Tx) error { _, err := tx.ClaimDraft(1, other); return err }); err != nil {
		t.Fatal(err)
	}
	_, err := f.pub.Publish(context.Background(), 1)
	if !errors.Is(err, ErrSkipped) || !errors.Is(err, store.ErrClaimed) {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.gh.Issues("acme", "gadgets")); n != 0 {
		t.Errorf("%d issues created", n)
	}
}

// A publisher that died after GitHub created the issue left its lease:
// the next one takes it over, finds the issue by its marker and creates
// nothing.
func TestStaleLeaseIsRecoveredByTheMarker(t *testing.T) {
	f := newFixture(t, "first thing")
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	dead := store.Lease{PID: cmd.Process.Pid, Start: 1, Nonce: "dead"}
	d := f.draft(t, 1)
	err := f.st.Update(func(tx *store.Tx) error {
		if _, err := tx.ClaimDraft(1, dead); err != nil {
			return err
		}
		d.PublishAttempt = time.Now().Add(-time.Minute)
		_, err := tx.PutDraft(d)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// It died before GitHub created anything: the issue is created once.
	if _, err := f.pub.Publish(context.Background(), 1); err != nil {
		t.Fatalf("takeover: %v", err)
	}
	if n := len(f.gh.Issues("acme", "gadgets")); n != 1 {
		t.Fatalf("%d issues", n)
	}

	// Again, with the issue already there and a dead owner's lease: found,
	// not created.
	f2 := newFixture(t, "second thing")
	d2 := f2.draft(t, 1)
	if _, err := f2.gh.AddIssue("acme", "gadgets", githubtest.Issue{Title: d2.Title, Body: d2.Body, User: "octo"}); err != nil {
		t.Fatal(err)
	}
	err = f2.st.Update(func(tx *store.Tx) error {
		_, err := tx.ClaimDraft(1, dead)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := f2.pub.Publish(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Publication.Found || len(f2.gh.Issues("acme", "gadgets")) != 1 {
		t.Errorf("publication %+v; issues %d", res.Publication, len(f2.gh.Issues("acme", "gadgets")))
	}
}

// The final write never overwrites a publication another process
// recorded: while this one waited for GitHub, another (which took over a
// lease it thought stale) recorded #77.
func TestFinalWriteKeepsAnotherProcesssPublication(t *testing.T) {
	f := newFixture(t, "first thing")
	racing := &Publishing{Store: f.st, Publisher: func(ctx context.Context, host string) (*publish.Publisher, error) {
		err := f.st.Update(func(tx *store.Tx) error {
			d, err := tx.Draft(1)
			if err != nil {
				return err
			}
			d.State, d.Issue, d.IssueURL = store.DraftPublished, 77, "https://github.com/acme/gadgets/issues/77"
			_, err = tx.PutDraft(d)
			return err
		})
		if err != nil {
			return nil, err
		}
		return f.pub.Publisher(ctx, host)
	}}
	_, err := racing.Publish(context.Background(), 1)
	if err == nil || !strings.Contains(err.Error(), "as #77; #1 is a duplicate: close it") {
		t.Fatalf("err = %v", err)
	}
	if d := f.draft(t, 1); d.Issue != 77 {
		t.Errorf("draft records #%d, want the other process's #77", d.Issue)
	}
}
