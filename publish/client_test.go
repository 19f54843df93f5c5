package publish_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/internal/githubtest"
	"github.com/ticket-master/ticket-master/publish"
)

func TestAPIBase(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GITHUB_API_URL" {
				return v
			}
			return ""
		}
	}
	for _, tc := range []struct {
		env, configured, host, want string
	}{
		{"", "", "github.com", "https://api.github.com/"},
		{"", "", "", "https://api.github.com/"},
		{"", "", "GitHub.com", "https://api.github.com/"},
		{"", "", "git.corp.example", "https://git.corp.example/api/v3/"},
		{"", "", "acme.ghe.com", "https://api.acme.ghe.com/"},
		{"", "https://ghe.example/api/v3", "ghe.example", "https://ghe.example/api/v3/"},
		{"http://127.0.0.1:8080", "https://ghe.example/api/v3/", "github.com", "http://127.0.0.1:8080/"},
		{" ", "", "github.com", "https://api.github.com/"},
		// A configured API URL serves its own host only: the token found
		// for github.com must never go to an Enterprise server.
		{"", "https://ghe.example/api/v3/", "github.com", "https://api.github.com/"},
		{"", "https://ghe.example/api/v3/", "", "https://api.github.com/"},
		{"", "https://api.github.com/", "ghe.example", "https://ghe.example/api/v3/"},
		{"", "https://api.github.com", "github.com", "https://api.github.com/"},
		{"", "https://api.acme.ghe.com/", "acme.ghe.com", "https://api.acme.ghe.com/"},
		{"", "https://GHE.example/api/v3", "ghe.example", "https://GHE.example/api/v3/"},
		{"", "not a url", "github.com", "https://api.github.com/"},
	} {
		if got := publish.APIBase(env(tc.env), tc.configured, tc.host); got != tc.want {
			t.Errorf("APIBase(env %q, %q, %q) = %q, want %q", tc.env, tc.configured, tc.host, got, tc.want)
		}
	}
	if got := publish.APIBase(nil, "", "github.com"); got != "https://api.github.com/" {
		t.Errorf("nil getenv: %q", got)
	}
}

func TestConfigPace(t *testing.T) {
	for _, tc := range []struct{ configured, want time.Duration }{
		{0, -1}, // github.pace: 0s turns pacing off
		{-time.Second, -1},
		{3 * time.Second, 3 * time.Second},
		{time.Millisecond, time.Millisecond},
	} {
		if got := publish.ConfigPace(tc.configured); got != tc.want {
			t.Errorf("ConfigPace(%v) = %v, want %v", tc.configured, got, tc.want)
		}
	}
}

func TestNewClientRefusesBadURLs(t *testing.T) {
	for _, base := range []string{"ftp://x/", "not a url", "https://user:" + ghToken + "@ghe.example/api/v3/", "%zz"} {
		_, err := publish.NewClient(publish.ClientOptions{APIBase: base, Token: ghToken})
		if err == nil {
			t.Errorf("%q accepted", base)
			continue
		}
		if strings.Contains(err.Error(), ghToken) {
			t.Errorf("error shows the token: %q", err)
		}
	}
}

func TestUser(t *testing.T) {
	srv, p, _ := newGitHub(t)
	login, err := p.Client.User(context.Background())
	if err != nil || login != "octocat" {
		t.Fatalf("%q %v", login, err)
	}
	if got := srv.Requests()[0].Header.Get("Authorization"); got != "Bearer "+ghToken {
		t.Errorf("Authorization %q", got)
	}
	c, err := publish.NewClient(publish.ClientOptions{APIBase: srv.URL(), Token: "ghp_wrong"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.User(context.Background())
	wantErr(t, err, publish.ErrUnauthorized, "ticket-master auth login")
}

func TestCheckRepo(t *testing.T) {
	ctx := context.Background()
	t.Run("can create issues", func(t *testing.T) {
		_, p, _ := newGitHub(t)
		if err := p.Client.CheckRepo(ctx, gadgets); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("issues disabled", func(t *testing.T) {
		_, p, _ := newGitHub(t, githubtest.WithIssuesDisabled())
		wantErr(t, p.Client.CheckRepo(ctx, gadgets), publish.ErrGone, "acme/gadgets", "issues are disabled", "Settings")
	})
	t.Run("archived", func(t *testing.T) {
		_, p, _ := newGitHub(t, githubtest.WithArchived())
		wantErr(t, p.Client.CheckRepo(ctx, gadgets), publish.ErrForbidden, "archived")
	})
	t.Run("not found", func(t *testing.T) {
		_, p, _ := newGitHub(t)
		wantErr(t, p.Client.CheckRepo(ctx, ghrepo.Repo{Owner: "acme", Name: "secret"}), publish.ErrNotFound, "acme/secret")
	})
	t.Run("classic token scopes", func(t *testing.T) {
		for _, tc := range []struct {
			scopes  []string
			private bool
			ok      bool
		}{
			{[]string{"repo", "read:org"}, true, true},
			{[]string{"public_repo"}, false, true},
			{[]string{"public_repo"}, true, false},
			{[]string{"read:org"}, false, false},
		} {
			srv := githubtest.New(t)
			opts := []githubtest.RepoOption{}
			if tc.private {
				opts = append(opts, githubtest.WithPrivate())
			}
			srv.AddRepo("acme", "gadgets", opts...)
			srv.AddUser("octocat", "ghp_classic", tc.scopes...)
			c, err := publish.NewClient(publish.ClientOptions{APIBase: srv.URL(), Token: "ghp_classic"})
			if err != nil {
				t.Fatal(err)
			}
			err = c.CheckRepo(ctx, gadgets)
			if tc.ok && err != nil {
				t.Errorf("%v private=%v: %v", tc.scopes, tc.private, err)
			}
			if !tc.ok {
				wantErr(t, err, publish.ErrForbidden, "scopes are: "+strings.Join(tc.scopes, ", "))
			}
		}
	})
}

func TestOpenIssuesConditional(t *testing.T) {
	srv, p, clock := newGitHub(t)
	for _, is := range []githubtest.Issue{
		{Title: "first", Body: "b1"},
		{Title: "a pull request", PullRequest: true},
		{Title: "closed", State: "closed"},
		{Title: "second", Body: "b2"},
	} {
		if _, err := srv.AddIssue("acme", "gadgets", is); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	cache, err := p.Client.OpenIssues(ctx, gadgets, publish.OpenIssuesCache{})
	if err != nil {
		t.Fatal(err)
	}
	want := []publish.OpenIssue{
		{Number: 4, Title: "second", Body: "b2", URL: "https://github.com/acme/gadgets/issues/4"},
		{Number: 1, Title: "first", Body: "b1", URL: "https://github.com/acme/gadgets/issues/1"},
	}
	if !reflect.DeepEqual(cache.Issues, want) || cache.ETag == "" || !cache.Fetched.Equal(clock.Now()) {
		t.Fatalf("cache %+v", cache)
	}

	again, err := p.Client.OpenIssues(ctx, gadgets, cache)
	if err != nil || !reflect.DeepEqual(again, cache) {
		t.Fatalf("after 304: %+v %v, want the cache unchanged", again, err)
	}
	reqs := srv.RequestsTo("GET /repos/acme/gadgets/issues")
	if len(reqs) != 2 || reqs[0].Header.Get("If-None-Match") != "" || reqs[1].Header.Get("If-None-Match") != cache.ETag {
		t.Fatalf("If-None-Match: %d requests", len(reqs))
	}

	if _, err := srv.AddIssue("acme", "gadgets", githubtest.Issue{Title: "third"}); err != nil {
		t.Fatal(err)
	}
	fresh, err := p.Client.OpenIssues(ctx, gadgets, cache)
	if err != nil || len(fresh.Issues) != 3 || fresh.ETag == cache.ETag {
		t.Fatalf("after a change: %+v %v", fresh, err)
	}
}

func TestOpenIssuesPaginatesUpTo1000(t *testing.T) {
	srv, p, _ := newGitHub(t)
	for i := range 1200 {
		if _, err := srv.AddIssue("acme", "gadgets", githubtest.Issue{Title: fmt.Sprint("issue ", i+1), PullRequest: i%10 == 0}); err != nil {
			t.Fatal(err)
		}
	}
	cache, err := p.Client.OpenIssues(context.Background(), gadgets, publish.OpenIssuesCache{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cache.Issues) != publish.MaxOpenIssues || cache.Issues[0].Number != 1200 {
		t.Fatalf("%d issues, first #%d", len(cache.Issues), cache.Issues[0].Number)
	}
	if slices.ContainsFunc(cache.Issues, func(o publish.OpenIssue) bool { return (o.Number-1)%10 == 0 }) {
		t.Error("a pull request is among the issues")
	}
	// 1,000 issues take 1,111 entries when every tenth is a pull request.
	if n := len(srv.RequestsTo("GET /repos/acme/gadgets/issues")); n != 12 {
		t.Errorf("%d pages fetched", n)
	}
}

func TestOpenIssuesErrorKeepsTheCache(t *testing.T) {
	srv, p, _ := newGitHub(t)
	old := publish.OpenIssuesCache{ETag: `W/"old"`, Fetched: time.Unix(1, 0), Issues: []publish.OpenIssue{{Number: 7}}}
	srv.Fail("GET /repos/acme/gadgets/issues", githubtest.Status(500))
	got, err := p.Client.OpenIssues(context.Background(), gadgets, old)
	wantErr(t, err, publish.ErrServer)
	if !reflect.DeepEqual(got, old) {
		t.Errorf("cache %+v", got)
	}
}

func TestClose(t *testing.T) {
	srv, p, clock := newGitHub(t)
	pub, err := p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Close(context.Background(), gadgets, pub.Number, "The TODO was removed in abc1234."); err != nil {
		t.Fatal(err)
	}
	is := srv.Issues("acme", "gadgets")[0]
	if is.State != "closed" || is.StateReason != "completed" || len(is.Comments) != 1 || is.Comments[0].Body != "The TODO was removed in abc1234." {
		t.Errorf("issue %+v", is)
	}
	var routes []string
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			routes = append(routes, r.Route())
		}
	}
	want := []string{createRoute, "POST /repos/acme/gadgets/issues/1/comments", "PATCH /repos/acme/gadgets/issues/1"}
	if !slices.Equal(routes, want) {
		t.Errorf("writes %v, want %v", routes, want)
	}
	if got := clock.Sleeps(); !slices.Equal(got, []time.Duration{3 * time.Second, 3 * time.Second}) {
		t.Errorf("waits %v: every write is paced", got)
	}
}

func TestCloseDoesNotCloseUnexplained(t *testing.T) {
	srv, p, _ := newGitHub(t)
	if _, err := srv.AddIssue("acme", "gadgets", githubtest.Issue{Title: "t", User: "octocat"}); err != nil {
		t.Fatal(err)
	}
	srv.Fail("POST /repos/acme/gadgets/issues/1/comments", githubtest.Status(403))
	err := p.Close(context.Background(), gadgets, 1, "gone")
	wantErr(t, err, publish.ErrForbidden, "comment on acme/gadgets#1")
	if is := srv.Issues("acme", "gadgets")[0]; is.State != "open" {
		t.Errorf("closed without the comment")
	}
}
