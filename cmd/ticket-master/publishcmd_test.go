package main

import (
	"context"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/internal/githubtest"
	"github.com/ticket-master/ticket-master/publish"
	"github.com/ticket-master/ticket-master/review"
	"github.com/ticket-master/ticket-master/store"
)

// A bad token stops the batch after the first draft: the error counts
// every draft not published, not only the one that failed.
func TestPublishAllCountsWhatWasNotPublished(t *testing.T) {
	st := draftStore(t, "todo", "untested")
	gh := githubtest.New(t)
	gh.AddUser("octo", "ghp_good", "repo")
	gh.AddRepo("acme", "gadgets")
	gh.Fail("POST /repos/acme/gadgets/issues", githubtest.Status(401))
	publishers := func() review.PublisherFor {
		return func(context.Context, string) (*publish.Publisher, error) {
			c, err := publish.NewClient(publish.ClientOptions{APIBase: gh.URL(), Token: "ghp_good"})
			return &publish.Publisher{Client: c, Pace: -1, Login: "octo"}, err
		}
	}
	ios, _, errOut := testIO(nil)
	err := runPublish(t.Context(), &publishOptions{IO: ios, All: true, Yes: true,
		Store: func() (*store.Store, error) { return st, nil }, Publishers: publishers})
	if err == nil || err.Error() != "2 of 2 drafts not published" {
		t.Errorf("err = %v, want 2 of 2 drafts not published", err)
	}
	if !strings.Contains(errOut.String(), "the draft stays pending") {
		t.Errorf("stderr: %s", errOut)
	}
}

// digestStore adds to draftStore's one published maintenance digest,
// #1, whose checklist changed since it was published.
func digestStore(t *testing.T) *store.Store {
	t.Helper()
	st := draftStore(t)
	err := st.Update(func(tx *store.Tx) error {
		_, err := tx.PutDraft(store.Draft{RepoID: "r1", Repo: "/src/gadgets", Fingerprints: []string{"digest:maintenance"},
			Title: "Review the maintenance checklist", Body: "- [ ] new item", State: store.DraftPublished, DraftedBy: "template",
			Digest: true, NeedsUpdate: true, Issue: 1, IssueURL: "https://github.com/acme/gadgets/issues/1"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// publish --all --dry-run says which maintenance digest publish --all
// would update, instead of "No pending drafts to publish.", and sends
// nothing.
func TestPublishDryRunShowsDigestUpdates(t *testing.T) {
	st := digestStore(t)
	ios, out, _ := testIO(nil)
	err := runPublish(t.Context(), &publishOptions{IO: ios, All: true, DryRun: true,
		Store: func() (*store.Store, error) { return st, nil },
		Publishers: func() review.PublisherFor {
			t.Error("a dry run asked for a GitHub client")
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	want := "Would update the maintenance digest #1: https://github.com/acme/gadgets/issues/1 (dry run: nothing is sent)\n"
	if out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
	}
}

// A digest GitHub refused to update fails publish --all (exit 1), so a
// script sees it; one that was updated is said once, without "No pending
// drafts to publish." after it.
func TestPublishAllDigestUpdate(t *testing.T) {
	for _, fail := range []bool{false, true} {
		st := digestStore(t)
		gh := githubtest.New(t)
		gh.AddUser("octo", "ghp_good", "repo")
		gh.AddRepo("acme", "gadgets")
		if _, err := gh.AddIssue("acme", "gadgets", githubtest.Issue{Number: 1, Title: "Review the maintenance checklist", Body: "- [ ] old item"}); err != nil {
			t.Fatal(err)
		}
		if fail {
			gh.Fail("PATCH /repos/acme/gadgets/issues/1", githubtest.Status(403))
		}
		publishers := func() review.PublisherFor {
			return func(context.Context, string) (*publish.Publisher, error) {
				c, err := publish.NewClient(publish.ClientOptions{APIBase: gh.URL(), Token: "ghp_good"})
				return &publish.Publisher{Client: c, Pace: -1, Login: "octo"}, err
			}
		}
		ios, out, errOut := testIO(nil)
		err := runPublish(t.Context(), &publishOptions{IO: ios, All: true, Yes: true,
			Store: func() (*store.Store, error) { return st, nil }, Publishers: publishers})
		if !fail {
			if err != nil || out.String() != "Updated the maintenance digest #1: https://github.com/acme/gadgets/issues/1\n" {
				t.Errorf("err = %v, stdout:\n%s\nstderr:\n%s", err, out, errOut)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "1 of 1 maintenance digest not updated") {
			t.Errorf("err = %v, want 1 of 1 maintenance digest not updated", err)
		}
		if !strings.Contains(errOut.String(), "could not update the maintenance digest #1") {
			t.Errorf("stderr: %s", errOut)
		}
	}
}
