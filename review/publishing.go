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
	"sync"
	"time"

	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/finding"
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

	mu     sync.Mutex
	owner  store.Lease // this Publishing's claims on drafts
	paced  map[*publish.Publisher]bool
	leased bool
}

// ErrNotPublishable means the draft cannot be published as it is.
var ErrNotPublishable = errors.New("not publishable")

// ErrSkipped matches the error of a draft another ticket-master process is
// publishing, or published meanwhile: nothing was done here, and nothing
// is wrong.
var ErrSkipped = errors.New("skipped")

type skipped struct{ error }

func (e skipped) Is(target error) bool { return target == ErrSkipped }
func (e skipped) Unwrap() error        { return e.error }

// Published reports one published draft.
type Published struct {
	Draft       store.Draft         `json:"draft"`
	Publication publish.Publication `json:"publication"`
}

func (p *Publishing) lease() store.Lease {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.leased {
		p.owner, p.leased = store.NewLease(), true
	}
	return p.owner
}

// publisher returns the host's publisher, pacing its writes through the
// store so that the pace holds across processes (see publish.Ledger).
func (p *Publishing) publisher(ctx context.Context, host string) (*publish.Publisher, error) {
	pub, err := p.Publisher(ctx, host)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.paced[pub] {
		if p.paced == nil {
			p.paced = map[*publish.Publisher]bool{}
		}
		pub.SetLedger(&storeLedger{st: p.Store, host: host})
		p.paced[pub] = true
	}
	return pub, nil
}

// Publish creates the draft's issue on GitHub. The draft is claimed first
// (a lease in the store naming this process), so that another process
// publishing the same drafts skips it (ErrSkipped) instead of creating a
// second issue; a lease left by a process that died is taken over, and its
// issue looked for by its marker before anything is created. The attempt
// is recorded before the request and the issue's number right after
// GitHub answers, unless another process recorded a publication meanwhile,
// which is kept. A draft whose publishing failed stays pending.
func (p *Publishing) Publish(ctx context.Context, id uint64) (Published, error) {
	if err := p.precheck(ctx, id); err != nil {
		return Published{}, err
	}
	me := p.lease()
	var d store.Draft
	var rec store.Repo
	var previous time.Time
	err := p.Store.Update(func(tx *store.Tx) error {
		var err error
		if d, err = tx.Draft(id); err != nil {
			return err
		}
		if d.State == store.DraftPublished && d.Issue != 0 {
			return skipped{fmt.Errorf("draft %d was published meanwhile as #%d: %w", id, d.Issue, ErrNotPublishable)}
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
		stale, err := tx.ClaimDraft(id, me)
		if errors.Is(err, store.ErrClaimed) {
			return skipped{err}
		}
		if err != nil {
			return err
		}
		previous = d.PublishAttempt
		if previous.IsZero() && stale != nil {
			previous = stale.At // it may have created the issue before it died
		}
		if previous.IsZero() {
			// After a restore, the issue may have been created after the
			// backup: look for it before creating one (see RestoredFrom).
			previous = tx.RestoredFrom()
		}
		if d.PublishAttempt.IsZero() {
			d.PublishAttempt = tx.Now()
			d, err = tx.PutDraft(d)
		}
		return err
	})
	if err != nil {
		return Published{}, err
	}
	res, err := p.create(ctx, rec, d, previous)
	if err != nil {
		p.release(id, me)
		return Published{}, fmt.Errorf("draft %d: %w", id, err)
	}
	target := rec.GitHubRepo()
	err = p.Store.Update(func(tx *store.Tx) error {
		cur, err := tx.Draft(id)
		if err != nil {
			return err
		}
		if err := tx.ReleaseDraft(id, me); err != nil {
			return err
		}
		if cur.State == store.DraftPublished && cur.Issue != 0 {
			// Another process recorded a publication: keep it.
			d = cur
			if cur.Issue != res.Number {
				return fmt.Errorf("draft %d was published meanwhile by another ticket-master process as #%d; #%d is a duplicate: close it (%s)",
					id, cur.Issue, res.Number, res.URL)
			}
			return nil
		}
		cur.State, cur.Issue, cur.IssueURL, cur.PublishedAt = store.DraftPublished, res.Number, res.URL, tx.Now()
		if len(res.Missing) > 0 {
			cur.Note = "labels not in " + target.String() + ", left off: " + strings.Join(res.Missing, ", ")
		}
		d, err = tx.PutDraft(cur)
		return err
	})
	if err != nil {
		if strings.Contains(err.Error(), "is a duplicate") {
			return Published{}, err
		}
		// GitHub has the issue; the marker lets the next attempt find it.
		return Published{}, fmt.Errorf("issue #%d was created but not recorded (the next publish finds it again): %w", res.Number, err)
	}
	return Published{Draft: d, Publication: res}, nil
}

func (p *Publishing) create(ctx context.Context, rec store.Repo, d store.Draft, previous time.Time) (publish.Publication, error) {
	host := rec.GitHubRepo().HostName()
	pub, err := p.publisher(ctx, host)
	if err != nil {
		return publish.Publication{}, err
	}
	target := rec.GitHubRepo()
	return pub.Publish(ctx, target, IssueOf(d), previous)
}

// release gives up the claim on a draft whose publishing failed, so that
// the next attempt (here or in another process) need not wait. If it
// cannot be written, the lease goes stale when this process exits.
func (p *Publishing) release(id uint64, me store.Lease) {
	_ = p.Store.Update(func(tx *store.Tx) error { return tx.ReleaseDraft(id, me) })
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
	Why     string // how, when no commit removed it (a deleted file, a rewrite)
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
				r.Commit, r.Subject, r.Why = f.ResolvedBy, f.ResolvedSubject, f.ResolvedWhy
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
	msg := fmt.Sprintf("What this issue was about is gone as of %s", finding.ShortHash(r.Commit))
	if r.Subject != "" {
		msg += fmt.Sprintf(" (%q)", r.Subject)
	}
	if r.Why != "" {
		msg += ": " + r.Why
	}
	return msg + ", so ticket-master is closing it. Reopen it if the work is not done."
}

// Close closes a resolved published issue with a comment and records it.
func (p *Publishing) Close(ctx context.Context, r Resolved) error {
	host := r.Repo.GitHubRepo().HostName()
	pub, err := p.publisher(ctx, host)
	if err != nil {
		return err
	}
	target := r.Repo.GitHubRepo()
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
