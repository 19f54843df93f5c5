package review

import (
	"context"
	"fmt"

	"github.com/ticket-master/ticket-master/store"
)

// DigestUpdate reports one published maintenance digest brought up to date
// on GitHub, or why it could not be.
type DigestUpdate struct {
	Draft store.Draft `json:"draft"`
	Error string      `json:"error,omitempty"`
}

// UpdateDigests updates on GitHub the body of every published maintenance
// digest whose checklist changed since (items added, or struck through
// when resolved), of one repository or (repoID "") all. The digest stays
// one issue: it is edited, never opened again.
func (p *Publishing) UpdateDigests(ctx context.Context, repoID string) ([]DigestUpdate, error) {
	var due []store.Draft
	recs := map[string]store.Repo{}
	err := p.Store.View(func(tx *store.Tx) error {
		ds, err := tx.Drafts(store.DraftFilter{RepoID: repoID, State: store.DraftPublished})
		if err != nil {
			return err
		}
		for _, d := range ds {
			if d.Digest && d.NeedsUpdate && d.Issue != 0 {
				if _, ok := recs[d.RepoID]; !ok {
					if recs[d.RepoID], err = tx.Repo(d.RepoID); err != nil {
						return err
					}
				}
				due = append(due, d)
			}
		}
		return nil
	})
	if err != nil || len(due) == 0 {
		return nil, err
	}
	var out []DigestUpdate
	for _, d := range due {
		rec := recs[d.RepoID]
		up := DigestUpdate{Draft: d}
		if err := p.updateDigest(ctx, d, rec); err != nil {
			up.Error = err.Error()
		}
		out = append(out, up)
	}
	return out, nil
}

func (p *Publishing) updateDigest(ctx context.Context, d store.Draft, rec store.Repo) error {
	if err := CheckPublishable(ctx, d, rec); err != nil {
		return err
	}
	host := rec.GitHubRepo().HostName()
	pub, err := p.Publisher(ctx, host)
	if err != nil {
		return err
	}
	target := rec.GitHubRepo()
	if err := pub.UpdateBody(ctx, target, d.Issue, d.Body); err != nil {
		return fmt.Errorf("digest #%d: %w", d.Issue, err)
	}
	return p.Store.Update(func(tx *store.Tx) error {
		cur, err := tx.Draft(d.ID)
		if err != nil {
			return err
		}
		if cur.Body == d.Body { // not changed again meanwhile
			cur.NeedsUpdate = false
		}
		_, err = tx.PutDraft(cur)
		return err
	})
}
