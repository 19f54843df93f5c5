package githubtest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/ticket-master/ticket-master/internal/githubtest"
)

const token = "ghp_fake0123456789"

// newServer is a fake with one user and one repository, and a go-github
// client for it, as the code under test would build one.
func newServer(t *testing.T, opts ...githubtest.RepoOption) (*githubtest.Server, *github.Client) {
	t.Helper()
	srv := githubtest.New(t)
	srv.AddUser("octocat", token)
	srv.AddRepo("acme", "gadgets", opts...)
	gh := github.NewClient(nil).WithAuthToken(token)
	base, err := gh.BaseURL.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	gh.BaseURL = base
	return srv, gh
}

func status(err error) int {
	var er *github.ErrorResponse
	if errors.As(err, &er) {
		return er.Response.StatusCode
	}
	return 0
}

func TestCreateListAndLabels(t *testing.T) {
	srv, gh := newServer(t, githubtest.WithLabels("bug", "Enhancement"))
	ctx := context.Background()
	defer func() {
		if n := len(srv.Requests()); n != 6 {
			t.Errorf("recorded %d requests, want 6", n)
		}
	}()

	is, resp, err := gh.Issues.Create(ctx, "acme", "gadgets", &github.IssueRequest{
		Title: github.String("Crash on start"), Body: github.String("body"), Labels: &[]string{"BUG", "enhancement"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusCreated || is.GetNumber() != 1 || is.GetUser().GetLogin() != "octocat" {
		t.Fatalf("created %d #%d by %q", resp.StatusCode, is.GetNumber(), is.GetUser().GetLogin())
	}
	if got := []string{is.Labels[0].GetName(), is.Labels[1].GetName()}; got[0] != "bug" || got[1] != "Enhancement" {
		t.Errorf("labels %v, want the repository's spelling", got)
	}
	if is.GetHTMLURL() != "https://github.com/acme/gadgets/issues/1" {
		t.Errorf("html_url %q", is.GetHTMLURL())
	}
	for _, h := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Resource"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}

	_, _, err = gh.Issues.Create(ctx, "acme", "gadgets", &github.IssueRequest{Title: github.String("x"), Labels: &[]string{"nope"}})
	var er *github.ErrorResponse
	if !errors.As(err, &er) || er.Response.StatusCode != 422 || er.Message != "Validation Failed" ||
		len(er.Errors) != 1 || er.Errors[0].Resource != "Label" || er.Errors[0].Code != "invalid" {
		t.Fatalf("unknown label: %v", err)
	}

	list, _, err := gh.Issues.ListByRepo(ctx, "acme", "gadgets", &github.IssueListByRepoOptions{State: "all", Creator: "octocat"})
	if err != nil || len(list) != 1 || list[0].GetTitle() != "Crash on start" {
		t.Fatalf("list: %v %v", list, err)
	}

	if _, _, err := gh.Issues.CreateLabel(ctx, "acme", "gadgets", &github.Label{Name: github.String("BUG")}); status(err) != 422 {
		t.Errorf("duplicate label: %v", err)
	}
	if _, _, err := gh.Issues.CreateLabel(ctx, "acme", "gadgets", &github.Label{Name: github.String("docs")}); err != nil {
		t.Fatal(err)
	}
	labels, _, err := gh.Issues.ListLabels(ctx, "acme", "gadgets", nil)
	if err != nil || len(labels) != 3 {
		t.Fatalf("labels %v %v", labels, err)
	}
}

func TestLabelsDroppedWithoutPushAccess(t *testing.T) {
	srv, gh := newServer(t, githubtest.WithLabels("bug"), githubtest.WithPermissions(githubtest.Permissions{Pull: true}))
	is, _, err := gh.Issues.Create(context.Background(), "acme", "gadgets", &github.IssueRequest{
		Title: github.String("t"), Labels: &[]string{"bug", "unknown"},
	})
	if err != nil || len(is.Labels) != 0 {
		t.Fatalf("labels %v, err %v: GitHub drops them silently for readers", is.Labels, err)
	}
	if got := srv.Issues("acme", "gadgets"); len(got) != 1 {
		t.Fatalf("issues %v", got)
	}
}

func TestAutoCreateLabels(t *testing.T) {
	srv, gh := newServer(t, githubtest.WithAutoCreateLabels())
	if _, _, err := gh.Issues.Create(context.Background(), "acme", "gadgets", &github.IssueRequest{
		Title: github.String("t"), Labels: &[]string{"new"},
	}); err != nil {
		t.Fatal(err)
	}
	if got := srv.Labels("acme", "gadgets"); len(got) != 1 || got[0] != "new" {
		t.Fatalf("labels %v", got)
	}
}

func TestPaginationAndFilters(t *testing.T) {
	srv, gh := newServer(t)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 75 {
		user := "octocat"
		if i%5 == 0 {
			user = "someone"
		}
		if _, err := srv.AddIssue("acme", "gadgets", githubtest.Issue{
			Title: fmt.Sprint("issue ", i+1), User: user, CreatedAt: base.Add(time.Duration(i) * time.Hour),
			PullRequest: i == 74,
		}); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	opts := &github.IssueListByRepoOptions{ListOptions: github.ListOptions{PerPage: 20}}
	var all []*github.Issue
	for {
		page, resp, err := gh.Issues.ListByRepo(ctx, "acme", "gadgets", opts)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page...)
		if resp.NextPage == 0 {
			if resp.PrevPage != 3 || resp.FirstPage != 1 {
				t.Errorf("last page links: prev %d first %d", resp.PrevPage, resp.FirstPage)
			}
			break
		}
		opts.Page = resp.NextPage
	}
	if len(all) != 75 || all[0].GetNumber() != 75 || !all[0].IsPullRequest() || all[74].GetNumber() != 1 {
		t.Fatalf("got %d, first #%d, last #%d: want all, newest first, pull requests included", len(all), all[0].GetNumber(), all[74].GetNumber())
	}

	page, _, err := gh.Issues.ListByRepo(ctx, "acme", "gadgets", &github.IssueListByRepoOptions{
		Creator: "someone", Since: base.Add(50 * time.Hour), Direction: "asc",
	})
	if err != nil {
		t.Fatal(err)
	}
	var nums []int
	for _, is := range page {
		nums = append(nums, is.GetNumber())
	}
	if fmt.Sprint(nums) != "[51 56 61 66 71]" {
		t.Errorf("creator+since+asc: %v", nums)
	}
}

func TestConditionalList(t *testing.T) {
	srv, gh := newServer(t)
	if _, err := srv.AddIssue("acme", "gadgets", githubtest.Issue{Title: "one"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, resp, err := gh.Issues.ListByRepo(ctx, "acme", "gadgets", nil)
	if err != nil {
		t.Fatal(err)
	}
	etag := resp.Header.Get("ETag")
	if !strings.HasPrefix(etag, `W/"`) {
		t.Fatalf("ETag %q", etag)
	}
	remaining := resp.Rate.Remaining

	req, _ := gh.NewRequest("GET", "repos/acme/gadgets/issues", nil)
	req.Header.Set("If-None-Match", etag)
	resp, err = gh.Do(ctx, req, nil)
	if status(err) != http.StatusNotModified || resp.StatusCode != http.StatusNotModified {
		t.Fatalf("want go-github's ErrorResponse with 304, got %v", err)
	}
	if resp.Rate.Remaining != remaining {
		t.Errorf("a 304 counted against the rate limit: %d then %d", remaining, resp.Rate.Remaining)
	}

	if _, err := srv.AddIssue("acme", "gadgets", githubtest.Issue{Title: "two"}); err != nil {
		t.Fatal(err)
	}
	req, _ = gh.NewRequest("GET", "repos/acme/gadgets/issues", nil)
	req.Header.Set("If-None-Match", etag)
	var list []*github.Issue
	if _, err := gh.Do(ctx, req, &list); err != nil || len(list) != 2 {
		t.Fatalf("after a change: %d issues, %v", len(list), err)
	}
	got := srv.RequestsTo("GET /repos/acme/gadgets/issues")
	if len(got) != 3 || got[1].Header.Get("If-None-Match") != etag {
		t.Errorf("recorded %d requests, If-None-Match %q", len(got), got[1].Header.Get("If-None-Match"))
	}
}

// clock is a settable clock for the server.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestSearchLags(t *testing.T) {
	srv, gh := newServer(t)
	clk := &clock{now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	srv.SetClock(clk.Now)
	srv.AddRepo("acme", "other")
	ctx := context.Background()
	body := "text\n<!-- ticket-master:fingerprint=abc123 -->\n"
	if _, _, err := gh.Issues.Create(ctx, "acme", "gadgets", &github.IssueRequest{Title: github.String("t"), Body: &body}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := gh.Issues.Create(ctx, "acme", "other", &github.IssueRequest{Title: github.String("t"), Body: &body}); err != nil {
		t.Fatal(err)
	}
	search := func() int {
		t.Helper()
		res, resp, err := gh.Search.Issues(ctx, `"ticket-master:fingerprint=abc123" repo:acme/gadgets in:body is:issue`, nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Header.Get("X-RateLimit-Resource") != "search" {
			t.Errorf("resource %q", resp.Header.Get("X-RateLimit-Resource"))
		}
		return res.GetTotal()
	}
	if n := search(); n != 0 {
		t.Fatalf("found %d at once; search lags", n)
	}
	clk.Add(githubtest.DefaultSearchLag)
	if n := search(); n != 1 {
		t.Fatalf("found %d after the lag, want 1 (the other repository's excluded)", n)
	}

	srv.SetSearchLag(-1)
	if _, _, err := gh.Issues.Create(ctx, "acme", "gadgets", &github.IssueRequest{Title: github.String("t"), Body: &body}); err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Hour)
	if n := search(); n != 1 {
		t.Fatalf("a stalled index (negative lag) keeps what it had and adds nothing: %d", n)
	}
	srv.IndexSearch()
	if n := search(); n != 2 {
		t.Fatalf("after IndexSearch: %d", n)
	}
	if _, _, err := gh.Search.Issues(ctx, `"fingerprint=zzz" repo:acme/gadgets`, nil); err != nil {
		t.Fatal(err)
	}
}

func TestInjectedFailures(t *testing.T) {
	srv, gh := newServer(t)
	reset := time.Now().Add(10 * time.Minute).Truncate(time.Second)
	srv.Fail("POST /repos/acme/gadgets/issues",
		githubtest.Status(401),
		githubtest.SecondaryRateLimit(30*time.Second),
		githubtest.PrimaryRateLimit(403, reset),
		githubtest.PrimaryRateLimit(429, reset),
		githubtest.Status(502),
		githubtest.Validation(githubtest.FieldError{Resource: "Issue", Field: "body", Code: "custom", Message: "body is too long"}),
	)
	ctx := context.Background()
	create := func() error {
		// A fresh client each time: go-github refuses requests locally while
		// it remembers a rate limit.
		c := github.NewClient(nil).WithAuthToken(token)
		c.BaseURL = gh.BaseURL
		_, _, err := c.Issues.Create(ctx, "acme", "gadgets", &github.IssueRequest{Title: github.String("t")})
		return err
	}

	if err := create(); status(err) != 401 {
		t.Errorf("1: %v", err)
	}
	var abuse *github.AbuseRateLimitError
	if err := create(); !errors.As(err, &abuse) || abuse.RetryAfter == nil || *abuse.RetryAfter != 30*time.Second ||
		!strings.Contains(abuse.Message, "You have exceeded a secondary rate limit") {
		t.Errorf("2: %v", err)
	}
	var rl *github.RateLimitError
	if err := create(); !errors.As(err, &rl) || !rl.Rate.Reset.Time.Equal(reset) || rl.Rate.Remaining != 0 {
		t.Errorf("3: %v", err)
	}
	if err := create(); status(err) != 429 {
		t.Errorf("4: go-github sees a 429 as a plain ErrorResponse: %v", err)
	}
	if err := create(); status(err) != 502 {
		t.Errorf("5: %v", err)
	}
	var er *github.ErrorResponse
	if err := create(); !errors.As(err, &er) || er.Response.StatusCode != 422 || er.Errors[0].Message != "body is too long" {
		t.Errorf("6: %v", err)
	}
	if err := create(); err != nil {
		t.Errorf("7: failures used up, want success: %v", err)
	}
	if n := len(srv.RequestsTo("POST /repos/acme/gadgets/issues")); n != 7 {
		t.Errorf("recorded %d requests", n)
	}
}

func TestErrorsOfState(t *testing.T) {
	srv, gh := newServer(t, githubtest.WithIssuesDisabled())
	ctx := context.Background()
	var er *github.ErrorResponse
	_, _, err := gh.Issues.Create(ctx, "acme", "gadgets", &github.IssueRequest{Title: github.String("t")})
	if !errors.As(err, &er) || er.Response.StatusCode != 410 || er.Message != "Issues are disabled for this repo" {
		t.Errorf("issues disabled: %v", err)
	}
	repo, _, err := gh.Repositories.Get(ctx, "acme", "gadgets")
	if err != nil || repo.GetHasIssues() || !repo.GetPermissions()["push"] {
		t.Errorf("repo %v %v", repo, err)
	}
	if _, _, err := gh.Repositories.Get(ctx, "acme", "nothing"); status(err) != 404 {
		t.Errorf("missing repo: %v", err)
	}
	bad := github.NewClient(nil).WithAuthToken("wrong")
	bad.BaseURL = gh.BaseURL
	if _, _, err := bad.Users.Get(ctx, ""); status(err) != 401 {
		t.Errorf("bad token: %v", err)
	}
	u, _, err := gh.Users.Get(ctx, "")
	if err != nil || u.GetLogin() != "octocat" {
		t.Errorf("user %v %v", u, err)
	}
	if len(srv.Requests()) != 5 {
		t.Errorf("recorded %d requests", len(srv.Requests()))
	}
}

func TestEditAndComment(t *testing.T) {
	srv, gh := newServer(t)
	ctx := context.Background()
	is, _, err := gh.Issues.Create(ctx, "acme", "gadgets", &github.IssueRequest{Title: github.String("t")})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := gh.Issues.CreateComment(ctx, "acme", "gadgets", is.GetNumber(), &github.IssueComment{Body: github.String("done in abc")})
	if err != nil || !strings.HasSuffix(c.GetHTMLURL(), fmt.Sprintf("#issuecomment-%d", c.GetID())) {
		t.Fatalf("comment %v %v", c, err)
	}
	closed, _, err := gh.Issues.Edit(ctx, "acme", "gadgets", is.GetNumber(), &github.IssueRequest{State: github.String("closed")})
	if err != nil || closed.GetState() != "closed" || closed.GetStateReason() != "completed" || closed.ClosedAt == nil {
		t.Fatalf("closed %v %v", closed, err)
	}
	got := srv.Issues("acme", "gadgets")[0]
	if got.State != "closed" || len(got.Comments) != 1 || got.Comments[0].Body != "done in abc" {
		t.Fatalf("stored %+v", got)
	}
}

func TestEnterprisePrefix(t *testing.T) {
	srv := githubtest.New(t)
	srv.AddUser("octocat", token)
	gh, err := github.NewClient(nil).WithAuthToken(token).WithEnterpriseURLs(strings.TrimSuffix(srv.URL(), "/"), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(gh.BaseURL.Path, "/api/v3/") {
		t.Fatalf("base %s", gh.BaseURL)
	}
	if u, _, err := gh.Users.Get(context.Background(), ""); err != nil || u.GetLogin() != "octocat" {
		t.Fatalf("user %v %v", u, err)
	}
	if got := srv.Requests()[0].Route(); got != "GET /user" {
		t.Errorf("route %q", got)
	}
}

// recorder stands in for a test, to see what the fake reports at its end.
type recorder struct {
	testing.TB
	errors   []string
	cleanups []func()
}

func (r *recorder) Helper()          {}
func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recorder) Errorf(format string, a ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, a...))
}

func TestUnusedFailuresFailTheTest(t *testing.T) {
	rec := &recorder{TB: t}
	srv := githubtest.New(rec)
	srv.Fail("POST /repos/acme/gadgets/issues", githubtest.Status(500))
	srv.Fail("GET /user", githubtest.Status(502))
	srv.AddUser("octocat", token)
	gh := github.NewClient(nil).WithAuthToken(token)
	gh.BaseURL, _ = gh.BaseURL.Parse(srv.URL())
	if _, _, err := gh.Users.Get(context.Background(), ""); status(err) != 502 {
		t.Fatalf("user: %v", err)
	}
	for i := len(rec.cleanups) - 1; i >= 0; i-- {
		rec.cleanups[i]()
	}
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "POST /repos/acme/gadgets/issues") {
		t.Fatalf("reported %q, want the unused POST failure only", rec.errors)
	}
}
