package publish

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/ticket-master/ticket-master/ghrepo"
)

// MaxOpenIssues bounds the open issues fetched for duplicate checks.
const MaxOpenIssues = 1000

// OpenIssuesCache is a repository's open issues as last fetched, with the
// ETag to ask GitHub whether they changed.
type OpenIssuesCache struct {
	ETag    string
	Fetched time.Time // GitHub's Date of that answer
	Issues  []OpenIssue
}

// OpenIssue is an open issue, enough to spot a likely duplicate.
type OpenIssue struct {
	Number int
	Title  string
	Body   string
	URL    string
}

// OpenIssues refreshes cache: it asks for t's open issues with the cached
// ETag, and a 304 Not Modified (which does not count against the rate
// limit) returns cache unchanged. Otherwise it fetches up to MaxOpenIssues,
// newest first, leaving pull requests out. On error cache is returned with
// it, so a caller can go on with what it had.
//
// The ETag is the first page's: in a repository with more than 100 open
// issues, a change confined to older ones goes unseen until the first page
// changes too. The newest issues are where a fresh duplicate would be.
func (c *Client) OpenIssues(ctx context.Context, t ghrepo.Repo, cache OpenIssuesCache) (OpenIssuesCache, error) {
	gh := c.api()
	// go-github's ListByRepo takes no headers, so the first page is built
	// by hand to carry If-None-Match.
	u := fmt.Sprintf("repos/%s/%s/issues?state=open&per_page=100", url.PathEscape(t.Owner), url.PathEscape(t.Name))
	req, err := gh.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return cache, fmt.Errorf("list open issues of %s: %w", t, err)
	}
	if cache.ETag != "" {
		req.Header.Set("If-None-Match", cache.ETag)
	}
	var page []*github.Issue
	resp, err := gh.Do(ctx, req, &page)
	if notModified(err) {
		return cache, nil
	}
	if err != nil {
		return cache, fmt.Errorf("list open issues of %s: %w", t, mapError(err, time.Now()))
	}
	fresh := OpenIssuesCache{ETag: resp.Header.Get("ETag"), Fetched: answeredAt(resp)}
	for pages := 1; ; pages++ {
		for _, is := range page {
			if !is.IsPullRequest() && len(fresh.Issues) < MaxOpenIssues {
				fresh.Issues = append(fresh.Issues, OpenIssue{
					Number: is.GetNumber(), Title: is.GetTitle(), Body: is.GetBody(), URL: is.GetHTMLURL(),
				})
			}
		}
		// Pull requests share the list, so pages are bounded too.
		if resp.NextPage == 0 || len(fresh.Issues) >= MaxOpenIssues || pages >= 2*MaxOpenIssues/100 {
			return fresh, nil
		}
		opts := &github.IssueListByRepoOptions{State: "open", ListOptions: github.ListOptions{Page: resp.NextPage, PerPage: 100}}
		page, resp, err = gh.Issues.ListByRepo(ctx, t.Owner, t.Name, opts)
		if err != nil {
			return cache, fmt.Errorf("list open issues of %s: %w", t, mapError(err, time.Now()))
		}
	}
}

// notModified: go-github reports a 304 as an *ErrorResponse (with an
// empty message), since it treats every status outside 2xx as an error.
func notModified(err error) bool {
	var er *github.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotModified
}

// answeredAt is GitHub's Date header, so that Fetched is on the same clock
// as the ETag; the local time if it has none.
func answeredAt(resp *github.Response) time.Time {
	if t, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		return t
	}
	return time.Now()
}
