// Package review is the human side of the loop: walking pending drafts
// with a person (publish, edit, skip, discard, like `git add -p`), and
// publishing drafts to GitHub with the store's bookkeeping around each
// request, so that a crash never loses a publication or creates one twice.
package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ticket-master/ticket-master/daemon/draft"
	"github.com/ticket-master/ticket-master/publish"
	"github.com/ticket-master/ticket-master/store"
)

// PublisherFor returns the publisher for a GitHub host (github.com or an
// Enterprise host), so drafts of repositories on different hosts each use
// their own token. It is called lazily: listing drafts needs no token.
type PublisherFor func(ctx context.Context, host string) (*publish.Publisher, error)

// Publishing publishes drafts and records what happened.
type Publishing struct {
	Store     *store.Store
	Publisher PublisherFor
}

// ErrNotPublishable means the draft cannot be published as it is.
var ErrNotPublishable = errors.New("not publishable")

// Published reports one published draft.
type Published struct {
	Draft       store.Draft         `json:"draft"`
	Publication publish.Publication `json:"publication"`
}

// Publish creates the draft's issue on GitHub. The attempt is recorded
// before the request and the issue's number right after GitHub answers; a
// draft whose publishing failed stays pending.
func (p *Publishing) Publish(ctx context.Context, id uint64) (Published, error) {
	var d store.Draft
	var rec store.Repo
	var previous time.Time
	err := p.Store.Update(func(tx *store.Tx) error {
		var err error
		if d, err = tx.Draft(id); err != nil {
			return err
		}
		if d.State != store.DraftPending {
			return fmt.Errorf("draft %d is %s: %w", id, d.State, ErrNotPublishable)
		}
		if rec, err = tx.Repo(d.RepoID); err != nil {
			return err
		}
		if rec.GitHub() == "" {
			return fmt.Errorf("draft %d: %s has no GitHub repository (enroll it again with --github OWNER/REPO): %w", id, rec.Path, ErrNotPublishable)
		}
		previous = d.PublishAttempt
		if d.PublishAttempt.IsZero() {
			d.PublishAttempt = tx.Now()
			d, err = tx.PutDraft(d)
		}
		return err
	})
	if err != nil {
		return Published{}, err
	}
	host := rec.Host
	if host == "" {
		host = "github.com"
	}
	pub, err := p.Publisher(ctx, host)
	if err != nil {
		return Published{}, err
	}
	target := publish.Target{Host: host, Owner: rec.Owner, Name: rec.Name}
	res, err := pub.Publish(ctx, target, IssueOf(d), previous)
	if err != nil {
		return Published{}, fmt.Errorf("draft %d: %w", id, err)
	}
	err = p.Store.Update(func(tx *store.Tx) error {
		cur, err := tx.Draft(id)
		if err != nil {
			return err
		}
		cur.State, cur.Issue, cur.IssueURL, cur.PublishedAt = store.DraftPublished, res.Number, res.URL, tx.Now()
		if len(res.Missing) > 0 {
			cur.Note = "labels not in " + target.String() + ", left off: " + strings.Join(res.Missing, ", ")
		}
		d, err = tx.PutDraft(cur)
		return err
	})
	if err != nil {
		// GitHub has the issue; the marker lets the next attempt find it.
		return Published{}, fmt.Errorf("issue #%d was created but not recorded (the next publish finds it again): %w", res.Number, err)
	}
	return Published{Draft: d, Publication: res}, nil
}

// IssueOf is what a draft becomes on GitHub.
func IssueOf(d store.Draft) publish.Issue {
	return publish.Issue{Title: d.Title, Body: d.Body, Labels: d.Labels, Marker: draft.Marker(d.Fingerprint())}
}

// Discard marks a pending draft discarded: its finding is not suggested
// again.
func Discard(st *store.Store, id uint64) (store.Draft, error) {
	var d store.Draft
	err := st.Update(func(tx *store.Tx) error {
		cur, err := tx.Draft(id)
		if err != nil {
			return err
		}
		if cur.State != store.DraftPending {
			return fmt.Errorf("draft %d is %s, not pending: only pending drafts can be discarded", id, cur.State)
		}
		cur.State = store.DraftDiscarded
		d, err = tx.PutDraft(cur)
		return err
	})
	return d, err
}

// Resolved is a published issue whose findings have all been resolved.
type Resolved struct {
	Draft   store.Draft
	Repo    store.Repo
	Commit  string // the commit that resolved the last of them
	Subject string
}

// ResolvedPublished lists published, still open issues whose findings were
// all resolved, so that review can offer to close them.
func ResolvedPublished(st *store.Store, repoID string) ([]Resolved, error) {
	var out []Resolved
	err := st.View(func(tx *store.Tx) error {
		ds, err := tx.Drafts(store.DraftFilter{RepoID: repoID, State: store.DraftPublished})
		if err != nil {
			return err
		}
		for _, d := range ds {
			if !d.ClosedAt.IsZero() || d.Issue == 0 {
				continue
			}
			r := Resolved{Draft: d}
			open := false
			for _, fp := range d.Fingerprints {
				f, ok, err := tx.Finding(d.RepoID, fp)
				if err != nil {
					return err
				}
				if !ok || f.Status == store.FindingOpen {
					open = true
					break
				}
				r.Commit, r.Subject = f.ResolvedBy, f.ResolvedSubject
			}
			if open {
				continue
			}
			if r.Repo, err = tx.Repo(d.RepoID); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// CloseComment says why an issue is being closed.
func CloseComment(r Resolved) string {
	msg := fmt.Sprintf("What this issue was about is gone as of %s", draft.ShortHash(r.Commit))
	if r.Subject != "" {
		msg += fmt.Sprintf(" (%q)", r.Subject)
	}
	return msg + ", so ticket-master is closing it. Reopen it if the work is not done."
}

// Close closes a resolved published issue with a comment and records it.
func (p *Publishing) Close(ctx context.Context, r Resolved) error {
	host := r.Repo.Host
	if host == "" {
		host = "github.com"
	}
	pub, err := p.Publisher(ctx, host)
	if err != nil {
		return err
	}
	target := publish.Target{Host: host, Owner: r.Repo.Owner, Name: r.Repo.Name}
	if err := pub.Close(ctx, target, r.Draft.Issue, draft.Neutralize(CloseComment(r))); err != nil {
		return err
	}
	return p.Store.Update(func(tx *store.Tx) error {
		cur, err := tx.Draft(r.Draft.ID)
		if err != nil {
			return err
		}
		cur.ClosedAt = tx.Now()
		_, err = tx.PutDraft(cur)
		return err
	})
}
