package publish

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/ticket-master/ticket-master/ghrepo"
)

const (
	// clockSlack widens the search window for the difference between this
	// machine's clock and GitHub's.
	clockSlack = time.Minute
	// maxFindPages bounds the listing: 1,000 issues created since an
	// attempt is far more than one person publishes.
	maxFindPages = 10
)

// findByMarker looks for an issue in t whose body carries marker, created
// by an attempt that started at since. It lists the issues updated since
// then (by p.Login when known), newest first: the issues list is strongly
// consistent, so an issue created a moment ago is in it. With useSearch it
// then asks search, which finds issues the listing cannot (another login
// created it, more than maxFindPages pages since) but lags behind creation.
func (p *Publisher) findByMarker(ctx context.Context, t ghrepo.Repo, marker string, since time.Time, useSearch bool) (*github.Issue, error) {
	opts := &github.IssueListByRepoOptions{
		State: "all", Creator: p.Login, Since: since.Add(-clockSlack),
		Sort: "created", Direction: "desc", ListOptions: github.ListOptions{PerPage: 100},
	}
	for range maxFindPages {
		var list []*github.Issue
		var resp *github.Response
		err := p.retrying(ctx, func(gh *github.Client) (err error) {
			list, resp, err = gh.Issues.ListByRepo(ctx, t.Owner, t.Name, opts)
			return err
		}, nil)
		if err != nil {
			return nil, fmt.Errorf("list recent issues: %w", err)
		}
		if is := withMarker(list, marker); is != nil {
			return is, nil
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	if !useSearch {
		return nil, nil
	}
	query := fmt.Sprintf(`"%s" repo:%s/%s in:body is:issue`, markerPhrase(marker), t.Owner, t.Name)
	var res *github.IssuesSearchResult
	err := p.retrying(ctx, func(gh *github.Client) (err error) {
		res, _, err = gh.Search.Issues(ctx, query, &github.SearchOptions{ListOptions: github.ListOptions{PerPage: 20}})
		return err
	}, nil)
	if err != nil {
		return nil, fmt.Errorf("search issues: %w", err)
	}
	return withMarker(res.Issues, marker), nil
}

// withMarker returns the first issue (not pull request) whose body holds
// the whole marker: search matches words, so its hits are only candidates.
func withMarker(list []*github.Issue, marker string) *github.Issue {
	for _, is := range list {
		if !is.IsPullRequest() && strings.Contains(is.GetBody(), marker) {
			return is
		}
	}
	return nil
}

// markerPhrase is the marker's text without the HTML comment around it and
// without double quotes, to search for as a phrase.
func markerPhrase(marker string) string {
	s := strings.TrimSpace(marker)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<!--"), "-->")
	return strings.TrimSpace(strings.ReplaceAll(s, `"`, " "))
}
