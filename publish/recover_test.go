package publish_test

import (
	"context"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/internal/githubtest"
)

const markerPrefix = "<!-- ticket-master:fingerprint="

func TestMarkedIssuesFindsWhatWasPublished(t *testing.T) {
	srv, p, clock := newGitHub(t)
	ctx := context.Background()
	before := clock.Now()
	for _, fp := range []string{"todo:a.go:x", "todo:b.go:y"} {
		if _, err := p.Publish(ctx, gadgets, draft(fp), time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	// Not ours: no marker, a pull request with one, another author.
	mustAdd(t, srv, githubtest.Issue{Title: "by hand", Body: "no marker", User: "octocat"})
	mustAdd(t, srv, githubtest.Issue{Title: "pr", Body: markerPrefix + "todo:c -->", User: "octocat", PullRequest: true})
	mustAdd(t, srv, githubtest.Issue{Title: "other", Body: markerPrefix + "todo:d -->", User: "someone"})

	got, err := p.MarkedIssues(ctx, gadgets, markerPrefix, before)
	if err != nil {
		t.Fatal(err)
	}
	fps := map[string]int{}
	for _, m := range got {
		fps[m.Fingerprint] = m.Number
		if m.URL == "" {
			t.Errorf("no URL: %+v", m)
		}
	}
	if len(fps) != 2 || fps["todo:a.go:x"] != 1 || fps["todo:b.go:y"] != 2 {
		t.Errorf("found %v, want the two published issues", fps)
	}

	// Issues created before the time asked for are left out.
	clock.Sleep(ctx, time.Hour)
	later, err := p.MarkedIssues(ctx, gadgets, markerPrefix, clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(later) != 0 {
		t.Errorf("found %v since an hour later", later)
	}
}

func mustAdd(t *testing.T, srv *githubtest.Server, is githubtest.Issue) {
	t.Helper()
	if _, err := srv.AddIssue("acme", "gadgets", is); err != nil {
		t.Fatal(err)
	}
}
