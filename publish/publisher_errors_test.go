package publish_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/internal/githubtest"
	"github.com/ticket-master/ticket-master/publish"
)

func TestPublishWaitsOutSecondaryRateLimit(t *testing.T) {
	for _, tc := range []struct {
		name    string
		failure githubtest.Failure
		wait    time.Duration
	}{
		{"403 with Retry-After", githubtest.SecondaryRateLimit(90 * time.Second), 90 * time.Second},
		{"429 with Retry-After", githubtest.SecondaryRateLimit(30 * time.Second).WithStatus(http.StatusTooManyRequests), 30 * time.Second},
		{"403 without Retry-After", githubtest.SecondaryRateLimit(0), time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, p, clock := newGitHub(t)
			srv.Fail(createRoute, tc.failure)
			pub, err := p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if pub.Number != 1 {
				t.Errorf("publication %+v", pub)
			}
			if got := clock.Sleeps(); !slices.Equal(got, []time.Duration{tc.wait}) {
				t.Errorf("waits %v, want %v", got, tc.wait)
			}
			if n := len(srv.RequestsTo(createRoute)); n != 2 {
				t.Errorf("%d attempts", n)
			}
			// A secondary limit refuses the request: nothing to look for.
			if n := len(srv.RequestsTo("GET /repos/acme/gadgets/issues")); n != 0 {
				t.Errorf("listed issues %d times", n)
			}
		})
	}
}

func TestPublishRepeatedSecondaryRateLimitGivesUp(t *testing.T) {
	srv, p, clock := newGitHub(t)
	limit := githubtest.SecondaryRateLimit(0)
	srv.Fail(createRoute, limit, limit, limit, limit)
	_, err := p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
	wantErr(t, err, publish.ErrRateLimited, "secondary rate limit", "gave up after 3 retries")
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute}
	if got := clock.Sleeps(); !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v (exponential, as GitHub advises)", got, want)
	}
}

func TestPublishPrimaryRateLimit(t *testing.T) {
	for _, status := range []int{http.StatusForbidden, http.StatusTooManyRequests} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Run("resets within 15 minutes: waits", func(t *testing.T) {
				srv, p, clock := newGitHub(t)
				srv.Fail(createRoute, githubtest.PrimaryRateLimit(status, clock.Now().Add(5*time.Minute)))
				if _, err := p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{}); err != nil {
					t.Fatal(err)
				}
				if got := clock.Sleeps(); !slices.Equal(got, []time.Duration{5*time.Minute + time.Second}) {
					t.Errorf("waits %v, want until the reset and a second", got)
				}
			})
			t.Run("resets later: stops and names the time", func(t *testing.T) {
				srv, p, clock := newGitHub(t)
				reset := clock.Now().Add(40 * time.Minute)
				srv.Fail(createRoute, githubtest.PrimaryRateLimit(status, reset))
				_, err := p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
				wantErr(t, err, publish.ErrRateLimited, "resets at "+reset.Local().Format("15:04:05 MST"), "publish again after that")
				if got := clock.Sleeps(); len(got) != 0 {
					t.Errorf("waited %v", got)
				}
				if n := len(srv.RequestsTo(createRoute)); n != 1 {
					t.Errorf("%d attempts", n)
				}
			})
		})
	}
}

func TestPublishMapsErrors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		failure githubtest.Failure
		kind    error
		says    []string
	}{
		{"401", githubtest.Status(401), publish.ErrUnauthorized, []string{"ticket-master auth login", "Bad credentials"}},
		{"403", githubtest.Status(403), publish.ErrForbidden, []string{"`repo` scope", "Issues: Read and write"}},
		{"404", githubtest.Status(404), publish.ErrNotFound, []string{"repository not found", "acme/gadgets"}},
		{"410", githubtest.Status(410), publish.ErrGone, []string{"issues are disabled", "Settings"}},
		{"422", githubtest.Validation(
			githubtest.FieldError{Resource: "Issue", Field: "body", Code: "custom", Message: "body is too long (maximum is 65536 characters)"},
			githubtest.FieldError{Resource: "Label", Field: "name", Code: "invalid", Value: "x"},
		), publish.ErrValidation, []string{"Validation Failed", "body is too long", "Label name invalid"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, p, clock := newGitHub(t)
			srv.Fail(createRoute, tc.failure)
			_, err := p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
			wantErr(t, err, tc.kind, tc.says...)
			if n := len(srv.RequestsTo(createRoute)); n != 1 {
				t.Errorf("%d attempts: this is not worth retrying", n)
			}
			if got := clock.Sleeps(); len(got) != 0 {
				t.Errorf("waited %v", got)
			}
		})
	}
}

func TestPublishErrorsFromTheRepositoryItself(t *testing.T) {
	t.Run("issues disabled", func(t *testing.T) {
		_, p, _ := newGitHub(t, githubtest.WithIssuesDisabled())
		_, err := p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
		wantErr(t, err, publish.ErrGone, "Issues are disabled for this repo")
	})
	t.Run("no such repository", func(t *testing.T) {
		_, p, _ := newGitHub(t)
		_, err := p.Publish(context.Background(), ghrepo.Repo{Owner: "acme", Name: "nothing"}, draft("fp1", "bug"), time.Time{})
		wantErr(t, err, publish.ErrNotFound, "labels of acme/nothing")
	})
	t.Run("bad token", func(t *testing.T) {
		srv, _, clock := newGitHub(t)
		c, err := publish.NewClient(publish.ClientOptions{APIBase: srv.URL(), Token: "ghp_revoked"})
		if err != nil {
			t.Fatal(err)
		}
		p := &publish.Publisher{Client: c, Clock: clock}
		_, err = p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
		wantErr(t, err, publish.ErrUnauthorized)
	})
}

func TestPublishServerErrorRetriesThenGivesUp(t *testing.T) {
	srv, p, clock := newGitHub(t)
	p.Pace = -1 // pacing would top the first 2s up to 3s
	srv.Fail(createRoute, githubtest.Status(500), githubtest.Status(500), githubtest.Status(500), githubtest.Status(500))
	_, err := p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
	wantErr(t, err, publish.ErrServer, "try again later", "500", "gave up after 3 retries")
	if got, want := clock.Sleeps(), []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	if n := len(srv.RequestsTo(createRoute)); n != 4 {
		t.Errorf("%d attempts, want 1 and 3 retries", n)
	}
	// A 5xx may hide a success: before each retry, look for the issue.
	if n := len(srv.RequestsTo("GET /repos/acme/gadgets/issues")); n != 3 {
		t.Errorf("looked %d times", n)
	}
}

func TestPublishBadGatewayThenSuccess(t *testing.T) {
	srv, p, clock := newGitHub(t)
	srv.Fail(createRoute, githubtest.Status(502))
	pub, err := p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
	if err != nil || pub.Number != 1 || pub.Found {
		t.Fatalf("%+v %v", pub, err)
	}
	// The 2s backoff, then the rest of the 3s pace between two creates.
	if got := clock.Sleeps(); !slices.Equal(got, []time.Duration{2 * time.Second, time.Second}) {
		t.Errorf("waits %v", got)
	}
}

func TestPublishBadGatewayAfterGitHubCreatedIt(t *testing.T) {
	srv, p, clock := newGitHub(t)
	// GitHub created the issue but the answer was lost in a 502: the fake
	// fails without creating, so the issue is put there by hand.
	d := draft("fp1")
	if _, err := srv.AddIssue("acme", "gadgets", githubtest.Issue{Title: d.Title, Body: d.Body, User: "octocat", CreatedAt: clock.Now()}); err != nil {
		t.Fatal(err)
	}
	srv.Fail(createRoute, githubtest.Status(502))
	pub, err := p.Publish(context.Background(), gadgets, d, time.Time{})
	if err != nil || !pub.Found || pub.Number != 1 {
		t.Fatalf("%+v %v", pub, err)
	}
	if n := len(srv.RequestsTo(createRoute)); n != 1 {
		t.Errorf("%d attempts: retried a create that had succeeded", n)
	}
	if n := len(srv.Issues("acme", "gadgets")); n != 1 {
		t.Errorf("%d issues", n)
	}
}

func TestPublishMaxRetriesIsConfigurable(t *testing.T) {
	srv, p, clock := newGitHub(t)
	p.MaxRetries = -1
	srv.Fail(createRoute, githubtest.Status(503))
	_, err := p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
	wantErr(t, err, publish.ErrServer, "503")
	if got := clock.Sleeps(); len(got) != 0 {
		t.Errorf("waited %v", got)
	}
}

func TestPublishStopsWhenCancelled(t *testing.T) {
	srv, p, _ := newGitHub(t)
	srv.Fail(createRoute, githubtest.Status(500))
	ctx, cancel := context.WithCancel(context.Background())
	p.Clock = cancellingClock{newClock(), cancel}
	_, err := p.Publish(ctx, gadgets, draft("fp1"), time.Time{})
	wantErr(t, err, context.Canceled)
	if n := len(srv.RequestsTo(createRoute)); n != 1 {
		t.Errorf("%d attempts after cancel", n)
	}
}

// cancellingClock cancels the context when asked to sleep, as a user's
// ^C during a wait does.
type cancellingClock struct {
	*ghClock
	cancel context.CancelFunc
}

func (c cancellingClock) Sleep(ctx context.Context, d time.Duration) error {
	c.cancel()
	return c.ghClock.Sleep(ctx, d)
}

func TestPublishUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL + "/"
	srv.Close()
	c, err := publish.NewClient(publish.ClientOptions{APIBase: base, Token: ghToken})
	if err != nil {
		t.Fatal(err)
	}
	clock := newClock()
	p := &publish.Publisher{Client: c, Clock: clock, Pace: -1}
	_, err = p.Publish(context.Background(), gadgets, draft("fp1"), time.Time{})
	wantErr(t, err, publish.ErrUnreachable, "check the network", "connection refused", "gave up after 3 retries")
	// The create's backoff, then the look for its result, which retries too.
	want := []time.Duration{2 * time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
	if got := clock.Sleeps(); !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
}
