package publish_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/internal/githubtest"
	"github.com/ticket-master/ticket-master/publish"
)

// ghToken looks like a real token, so that a leak into a message would be
// caught by its text.
const ghToken = "ghp_TESTtoken0123456789abcdefABCDEF012345"

var gadgets = ghrepo.Repo{Host: "github.com", Owner: "acme", Name: "gadgets"}

const createRoute = "POST /repos/acme/gadgets/issues"

// ghClock is a fake Clock: Sleep records the wait and moves time on at
// once. The fake GitHub shares it, so both sides agree on what time it is.
type ghClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newClock() *ghClock {
	return &ghClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
}

func (c *ghClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *ghClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

func (c *ghClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// newGitHub is a fake GitHub with octocat's token and acme/gadgets (labels
// bug and Enhancement), and a Publisher for it on a fake clock.
func newGitHub(t *testing.T, opts ...githubtest.RepoOption) (*githubtest.Server, *publish.Publisher, *ghClock) {
	t.Helper()
	srv := githubtest.New(t)
	clock := newClock()
	srv.SetClock(clock.Now)
	srv.AddUser("octocat", ghToken)
	srv.AddRepo("acme", "gadgets", append([]githubtest.RepoOption{githubtest.WithLabels("bug", "Enhancement")}, opts...)...)
	return srv, newPublisher(t, srv, clock), clock
}

func newPublisher(t *testing.T, srv *githubtest.Server, clock *ghClock) *publish.Publisher {
	t.Helper()
	c, err := publish.NewClient(publish.ClientOptions{APIBase: srv.URL(), Token: ghToken})
	if err != nil {
		t.Fatal(err)
	}
	return &publish.Publisher{Client: c, Clock: clock, Login: "octocat"}
}

func draft(fp string, labels ...string) publish.Issue {
	marker := "<!-- ticket-master:fingerprint=" + fp + " -->"
	return publish.Issue{
		Title:  "Handle the empty config " + fp,
		Body:   "The loader crashes on an empty file.\n\n---\nFound in `config.go#L12`\n" + marker + "\n",
		Labels: labels,
		Marker: marker,
	}
}

// wantErr checks err's kind, that its text says what to do (contains
// each of want) and that it never shows the token.
func wantErr(t *testing.T, err, kind error, want ...string) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("error %v, want %v", err, kind)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
	if strings.Contains(err.Error(), ghToken) {
		t.Errorf("error shows the token: %q", err)
	}
}
