package publish

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/ticket-master/ticket-master/ghrepo"
)

// APIBase is the REST API base URL for host: GITHUB_API_URL when set (as
// in GitHub Actions, for GitHub Enterprise, and in tests), then configured
// (config github.api_url) when it is host's own API, else
// https://api.github.com/ for github.com, https://api.HOST/ for a GHE.com
// tenancy (*.ghe.com) and https://HOST/api/v3/ for a GitHub Enterprise
// Server. It always ends in "/", which go-github requires of its BaseURL.
func APIBase(getenv func(string) string, configured, host string) string {
	base := ""
	if getenv != nil {
		base = strings.TrimSpace(getenv("GITHUB_API_URL"))
	}
	if base == "" && configuredFor(configured, host) {
		base = strings.TrimSpace(configured)
	}
	if base == "" {
		switch h := strings.ToLower(strings.TrimSpace(host)); {
		case h == "" || h == "github.com" || h == "api.github.com":
			base = "https://api.github.com/"
		case strings.HasSuffix(h, ".ghe.com"):
			base = "https://api." + h + "/"
		default:
			base = "https://" + h + "/api/v3/"
		}
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}

// configuredFor reports whether the configured API URL belongs to host:
// the token found for host goes to that URL, so a github.com token must
// never be sent to an Enterprise server's API (or the other way round).
func configuredFor(configured, host string) bool {
	u, err := url.Parse(strings.TrimSpace(configured))
	if configured == "" || err != nil || u.Hostname() == "" {
		return false
	}
	api, h := strings.ToLower(u.Hostname()), strings.ToLower(strings.TrimSpace(host))
	if h == "" {
		h = "github.com"
	}
	return api == h || api == "api."+h
}

// DefaultHTTPTimeout bounds each request when ClientOptions.HTTPClient is
// nil, so that a hung connection cannot stall a review session.
const DefaultHTTPTimeout = 30 * time.Second

// ClientOptions configures NewClient.
type ClientOptions struct {
	APIBase string // from APIBase
	Token   string // sent as a bearer token; never logged or put in an error
	// HTTPClient is the client requests go through; nil means one with
	// DefaultHTTPTimeout.
	HTTPClient *http.Client
}

// Client talks to one GitHub API with one token.
type Client struct {
	base *url.URL
	http *http.Client // carries the token (go-github's WithAuthToken transport)
}

// NewClient checks the options and returns a client. It makes no request.
func NewClient(o ClientOptions) (*Client, error) {
	u, err := url.Parse(o.APIBase)
	switch {
	case err != nil:
		// url's error repeats the URL, which might hold a pasted secret.
		return nil, errors.New("the GitHub API URL does not parse: check GITHUB_API_URL or github.api_url")
	case u.User != nil:
		return nil, errors.New("the GitHub API URL must not carry credentials: give the token through `ticket-master auth login` or GH_TOKEN")
	case (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return nil, fmt.Errorf("the GitHub API URL %q is not an http(s) URL: check GITHUB_API_URL or github.api_url", o.APIBase)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: DefaultHTTPTimeout}
	}
	gh := github.NewClient(hc)
	if o.Token != "" {
		gh = gh.WithAuthToken(o.Token)
	}
	return &Client{base: u, http: gh.Client()}, nil
}

// api returns a fresh go-github client for one operation. Fresh because a
// go-github client remembers rate limits against the wall clock and then
// refuses requests locally until they pass; waiting is the Publisher's
// job, on its injected Clock, and a retry after that wait must reach
// GitHub.
func (c *Client) api() *github.Client {
	gh := github.NewClient(c.http)
	base := *c.base
	gh.BaseURL = &base
	gh.UserAgent = "ticket-master " + gh.UserAgent
	return gh
}

// User returns the login the token belongs to.
func (c *Client) User(ctx context.Context) (string, error) {
	u, _, err := c.api().Users.Get(ctx, "")
	if err != nil {
		return "", fmt.Errorf("check the token: %w", mapError(err, time.Now()))
	}
	return u.GetLogin(), nil
}

// CheckRepo says whether the token can create issues in t: the repository
// is visible to it, has issues enabled, is not archived, and, for a classic
// token (whose scopes GitHub reports), the token has the repo scope
// (public_repo is enough for a public repository). A fine-grained token's
// own permissions are not reported, so for those a 403 on the first
// publish is what tells.
func (c *Client) CheckRepo(ctx context.Context, t ghrepo.Repo) error {
	repo, resp, err := c.api().Repositories.Get(ctx, t.Owner, t.Name)
	if err != nil {
		return fmt.Errorf("check %s: %w", t, mapError(err, time.Now()))
	}
	switch {
	case !repo.GetHasIssues():
		return fmt.Errorf("check %s: %w", t, &APIError{Kind: ErrGone})
	case repo.GetArchived():
		return fmt.Errorf("check %s: %w", t, &APIError{Kind: ErrForbidden,
			text: "the repository is archived, so read-only: unarchive it on GitHub to publish there"})
	}
	if scopes, classic := resp.Header[http.CanonicalHeaderKey("X-OAuth-Scopes")]; classic {
		have := splitScopes(scopes)
		if !slices.Contains(have, "repo") && (repo.GetPrivate() || !slices.Contains(have, "public_repo")) {
			detail := "the classic token's scopes are: " + strings.Join(have, ", ")
			if len(have) == 0 {
				detail = "the classic token has no scopes"
			}
			return fmt.Errorf("check %s: %w", t, &APIError{Kind: ErrForbidden, Detail: detail})
		}
	}
	return nil
}

func splitScopes(values []string) []string {
	var out []string
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}
