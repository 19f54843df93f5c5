package review

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/internal/githubtest"
	"github.com/ticket-master/ticket-master/publish"
	"github.com/ticket-master/ticket-master/store"
)

// A draft published after the backup comes back published with its issue,
// and is not published again.
func TestRecoverPublicationsMarksDrafts(t *testing.T) {
	f := newFixture(t, "first thing", "second thing")
	restoredFrom := time.Now().Add(-time.Hour)
	if err := f.st.Update(func(tx *store.Tx) error { return tx.SetRestoredFrom(restoredFrom) }); err != nil {
		t.Fatal(err)
	}
	// Issue #1 was created from draft 1 after the backup.
	d1 := f.draft(t, 1)
	if _, err := f.gh.AddIssue("acme", "gadgets", githubtest.Issue{Title: d1.Title, Body: d1.Body, User: "octo"}); err != nil {
		t.Fatal(err)
	}
	found, err := RecoverPublications(context.Background(), f.st, f.pub.Publisher, restoredFrom)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].Found != 1 || len(found[0].Marked) != 1 {
		t.Fatalf("found = %+v", found)
	}
	if d := f.draft(t, 1); d.State != store.DraftPublished || d.Issue != 1 {
		t.Errorf("draft 1 = %s #%d", d.State, d.Issue)
	}
	if d := f.draft(t, 2); d.State != store.DraftPending {
		t.Errorf("draft 2 = %s", d.State)
	}
	_ = f.st.View(func(tx *store.Tx) error {
		if !tx.RestoredFrom().IsZero() {
			t.Error("RestoredFrom not cleared after GitHub answered")
		}
		return nil
	})
	if _, err := f.pub.Publish(context.Background(), 1); !errors.Is(err, ErrNotPublishable) {
		t.Errorf("publishing draft 1 again: %v", err)
	}
}

// When GitHub cannot be asked, publishing a draft after the restore looks
// for its issue first instead of creating a second one.
func TestPublishAfterRestoreLooksFirst(t *testing.T) {
	f := newFixture(t, "first thing")
	if err := f.st.Update(func(tx *store.Tx) error { return tx.SetRestoredFrom(time.Now().Add(-time.Hour)) }); err != nil {
		t.Fatal(err)
	}
	noGitHub := func(context.Context, string) (*publish.Publisher, error) { return nil, errors.New("no token") }
	if _, err := RecoverPublications(context.Background(), f.st, noGitHub, time.Time{}); err == nil {
		t.Fatal("no error without GitHub")
	}
	d1 := f.draft(t, 1)
	if _, err := f.gh.AddIssue("acme", "gadgets", githubtest.Issue{Title: d1.Title, Body: d1.Body, User: "octo"}); err != nil {
		t.Fatal(err)
	}
	res, err := f.pub.Publish(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Publication.Found || res.Publication.Number != 1 {
		t.Errorf("publication = %+v, want the existing issue found", res.Publication)
	}
	if n := len(f.gh.Issues("acme", "gadgets")); n != 1 {
		t.Errorf("%d issues on GitHub, want 1", n)
	}
}
