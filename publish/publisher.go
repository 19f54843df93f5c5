package publish

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/ticket-master/ticket-master/ghrepo"
)

// Issue is what to create.
type Issue struct {
	Title, Body string
	Labels      []string
	// Marker is the hidden fingerprint comment the body carries (see
	// draft.Marker); it is how an issue is found again after a
	// crash. Publish appends it to a body that lacks it.
	Marker string
}

// Publication is what Publish did.
type Publication struct {
	Number int
	URL    string
	// Found: an earlier attempt had created the issue, and nothing was
	// created now.
	Found bool
	// Labels: Applied are on the issue (in the repository's spelling);
	// Missing do not exist in the repository and were left off; Created
	// were created for this issue (CreateLabels).
	Applied, Missing, Created []string
}

// Publisher creates issues politely and at most once. Its zero value needs
// only a Client; one Publisher should serve a whole session, since it
// caches each repository's labels and paces all its writes together. It is
// safe for concurrent use.
type Publisher struct {
	Client *Client
	Clock  Clock // nil: RealClock
	// Pace is the least time between two writes (issues, labels,
	// comments): 0 means DefaultPace, a negative value no pacing.
	Pace time.Duration
	// MaxRetries bounds the retries of each request after a rate limit or
	// a server error: 0 means DefaultMaxRetries, a negative value none.
	MaxRetries int
	// CreateLabels creates labels the repository lacks instead of leaving
	// them off.
	CreateLabels bool
	// Login is the token's user (Client.User), to narrow the search for an
	// earlier attempt to issues it created; empty searches all issues.
	Login string

	labelsMu sync.Mutex
	labels   map[string]labelSet // by labelKey

	paceMu    sync.Mutex
	lastWrite time.Time
	notBefore time.Time // a hold-off GitHub asked for
	ledger    Ledger    // see SetLedger
}

// Publish creates is in t.
//
// attemptedSince makes it idempotent: the caller records the time before
// calling, and passes it again on a later call for the same issue if it
// never learnt the outcome (the process died between GitHub's answer and
// the record). Then an issue carrying is.Marker created since then is
// returned with Found set, and nothing is created. A zero attemptedSince
// means there was no earlier attempt.
//
// Labels the repository lacks are reported in Missing, not sent (GitHub
// would refuse them or, for some users, drop them silently), unless
// CreateLabels is set.
func (p *Publisher) Publish(ctx context.Context, t ghrepo.Repo, is Issue, attemptedSince time.Time) (Publication, error) {
	if p.Client == nil {
		return Publication{}, errors.New("publish: no GitHub client")
	}
	body := is.Body
	if is.Marker != "" && !strings.Contains(body, is.Marker) {
		body = strings.TrimRight(body, "\n") + "\n\n" + is.Marker + "\n"
	}
	if !attemptedSince.IsZero() && is.Marker != "" {
		earlier, err := p.findByMarker(ctx, t, is.Marker, attemptedSince, true)
		if err != nil {
			return Publication{}, fmt.Errorf("look for an earlier attempt in %s: %w", t, err)
		}
		if earlier != nil {
			return found(earlier), nil
		}
	}
	applied, missing, created, err := p.resolveLabels(ctx, t, is.Labels)
	if err != nil {
		return Publication{}, fmt.Errorf("labels of %s: %w", t, err)
	}
	req := &github.IssueRequest{Title: &is.Title, Body: &body}
	if len(applied) > 0 {
		req.Labels = &applied
	}

	// A create that failed ambiguously (a 502, a timeout) may have created
	// the issue: before trying again, look for it.
	started := p.clock().Now()
	var made, earlier *github.Issue
	settle := func() (bool, error) {
		if is.Marker == "" {
			return false, nil
		}
		var err error
		earlier, err = p.findByMarker(ctx, t, is.Marker, started, false)
		if err != nil {
			return true, fmt.Errorf("look for the issue after a failed attempt: %w", err)
		}
		return earlier != nil, nil
	}
	err = p.write(ctx, func(gh *github.Client) (err error) {
		made, _, err = gh.Issues.Create(ctx, t.Owner, t.Name, req)
		return err
	}, settle)
	switch {
	case err != nil:
		return Publication{}, fmt.Errorf("create issue in %s: %w", t, err)
	case earlier != nil:
		return found(earlier), nil
	}
	return Publication{
		Number: made.GetNumber(), URL: made.GetHTMLURL(),
		Applied: applied, Missing: missing, Created: created,
	}, nil
}

// found describes an issue an earlier attempt created.
func found(is *github.Issue) Publication {
	pub := Publication{Number: is.GetNumber(), URL: is.GetHTMLURL(), Found: true}
	for _, l := range is.Labels {
		pub.Applied = append(pub.Applied, l.GetName())
	}
	return pub
}
