package publish

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/ticket-master/ticket-master/ghrepo"
)

// MarkedIssue is an issue whose body carries a hidden fingerprint marker.
type MarkedIssue struct {
	Number      int    `json:"number"`
	URL         string `json:"url"`
	Fingerprint string `json:"fingerprint"`
}

// MarkedIssues lists the issues of t (open or closed, by p.Login when
// known) updated since the given time (zero: all) whose body carries a
// marker: prefix, then the fingerprint, then " -->". It is how a restored
// database learns what was published after its backup. The listing is
// bounded like the search for an earlier attempt (maxFindPages pages).
func (p *Publisher) MarkedIssues(ctx context.Context, t ghrepo.Repo, prefix string, since time.Time) ([]MarkedIssue, error) {
	if p.Client == nil {
		return nil, fmt.Errorf("list issues of %s: no GitHub client", t)
	}
	opts := &github.IssueListByRepoOptions{
		State: "all", Creator: p.Login, Sort: "created", Direction: "desc",
		ListOptions: github.ListOptions{PerPage: 100},
	}
	if !since.IsZero() {
		opts.Since = since.Add(-clockSlack)
	}
	var out []MarkedIssue
	for range maxFindPages {
		var list []*github.Issue
		var resp *github.Response
		err := p.retrying(ctx, func(gh *github.Client) (err error) {
			list, resp, err = gh.Issues.ListByRepo(ctx, t.Owner, t.Name, opts)
			return err
		}, nil)
		if err != nil {
			return out, fmt.Errorf("list issues of %s: %w", t, err)
		}
		for _, is := range list {
			if fp, ok := markerIn(is.GetBody(), prefix); ok && !is.IsPullRequest() {
				out = append(out, MarkedIssue{Number: is.GetNumber(), URL: is.GetHTMLURL(), Fingerprint: fp})
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return out, nil
}

// markerIn finds the fingerprint in the last marker of body.
func markerIn(body, prefix string) (string, bool) {
	i := strings.LastIndex(body, prefix)
	if i < 0 {
		return "", false
	}
	rest := body[i+len(prefix):]
	end := strings.Index(rest, " -->")
	if end <= 0 || strings.ContainsAny(rest[:end], "\n") {
		return "", false
	}
	return rest[:end], true
}
