package review

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/store"
)

// Recovered reports what RecoverPublications found for one repository.
type Recovered struct {
	Repo   string `json:"repo"`   // the repository's path
	GitHub string `json:"github"` // OWNER/NAME
	Found  int    `json:"found"`  // issues with a marker
	// Marked are drafts that were pending and turn out to be published.
	Marked []store.Draft `json:"marked,omitempty"`
	Error  string        `json:"error,omitempty"`
}

// RecoverPublications asks GitHub which issues carrying ticket-master's
// markers were created since the given time (the backup a database was
// restored from; zero for all), and records them in the store: a pending
// draft of such a finding is marked published with its issue number, and
// a draft the next reconcile makes for it starts out published, so nothing
// is published twice. When every repository answered, the store stops
// treating drafts as possibly published (RestoredFrom is cleared).
func RecoverPublications(ctx context.Context, st *store.Store, pubFor PublisherFor, since time.Time) ([]Recovered, error) {
	var repos []store.Repo
	err := st.View(func(tx *store.Tx) (err error) {
		repos, err = tx.Repos()
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []Recovered
	var failed []error
	for _, r := range repos {
		if r.GitHub() == "" {
			continue
		}
		rec := Recovered{Repo: r.Path, GitHub: r.GitHub()}
		if err := recoverRepo(ctx, st, pubFor, r, since, &rec); err != nil {
			rec.Error = err.Error()
			failed = append(failed, fmt.Errorf("%s: %w", r.GitHub(), err))
		}
		out = append(out, rec)
	}
	if len(failed) > 0 {
		return out, errors.Join(failed...)
	}
	return out, st.Update(func(tx *store.Tx) error { return tx.SetRestoredFrom(time.Time{}) })
}

func recoverRepo(ctx context.Context, st *store.Store, pubFor PublisherFor, r store.Repo, since time.Time, rec *Recovered) error {
	host := r.GitHubRepo().HostName()
	pub, err := pubFor(ctx, host)
	if err != nil {
		return err
	}
	issues, err := pub.MarkedIssues(ctx, r.GitHubRepo(), draft.MarkerPrefix, since)
	if err != nil {
		return err
	}
	rec.Found = len(issues)
	return st.Update(func(tx *store.Tx) error {
		for _, is := range issues {
			marked, err := tx.RecordPublication(r.ID, is.Fingerprint, store.Publication{Issue: is.Number, URL: is.URL})
			if err != nil {
				return err
			}
			rec.Marked = append(rec.Marked, marked...)
		}
		return nil
	})
}
