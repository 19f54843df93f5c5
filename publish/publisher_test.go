package publish_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/internal/githubtest"
)

func TestPublishCreatesWithLabels(t *testing.T) {
	srv, p, clock := newGitHub(t)
	pub, err := p.Publish(context.Background(), gadgets, draft("fp1", "bug", "enhancement"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if pub.Number != 1 || pub.URL != "https://github.com/acme/gadgets/issues/1" || pub.Found {
		t.Errorf("publication %+v", pub)
	}
	if !slices.Equal(pub.Applied, []string{"bug", "Enhancement"}) || pub.Missing != nil || pub.Created != nil {
		t.Errorf("labels: applied %v missing %v created %v, want the repository's spelling", pub.Applied, pub.Missing, pub.Created)
	}
	got := srv.Issues("acme", "gadgets")
	if len(got) != 1 || !slices.Equal(got[0].Labels, []string{"bug", "Enhancement"}) || got[0].User != "octocat" ||
		!strings.Contains(got[0].Body, "<!-- ticket-master:fingerprint=fp1 -->") {
		t.Errorf("on GitHub: %+v", got)
	}
	if s := clock.Sleeps(); len(s) != 0 {
		t.Errorf("slept %v", s)
	}
}

func TestPublishReportsMissingLabels(t *testing.T) {
	srv, p, _ := newGitHub(t)
	pub, err := p.Publish(context.Background(), gadgets, draft("fp1", "bug", "needs-triage", " ", "BUG"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pub.Applied, []string{"bug"}) || !slices.Equal(pub.Missing, []string{"needs-triage"}) {
		t.Errorf("applied %v missing %v", pub.Applied, pub.Missing)
	}
	var sent struct{ Labels []string }
	if err := srv.RequestsTo(createRoute)[0].Decode(&sent); err != nil || !slices.Equal(sent.Labels, []string{"bug"}) {
		t.Errorf("sent labels %v (%v): an unknown label must not be sent", sent.Labels, err)
	}
	if n := len(srv.RequestsTo("POST /repos/acme/gadgets/labels")); n != 0 {
		t.Errorf("created %d labels without CreateLabels", n)
	}
	if got := srv.Labels("acme", "gadgets"); len(got) != 2 {
		t.Errorf("labels now %v", got)
	}
}

func TestPublishCreatesMissingLabelsWhenAsked(t *testing.T) {
	srv, p, _ := newGitHub(t)
	p.CreateLabels = true
	pub, err := p.Publish(context.Background(), gadgets, draft("fp1", "bug", "needs-triage"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pub.Applied, []string{"bug", "needs-triage"}) || !slices.Equal(pub.Created, []string{"needs-triage"}) || pub.Missing != nil {
		t.Errorf("applied %v created %v missing %v", pub.Applied, pub.Created, pub.Missing)
	}
	if got := srv.Issues("acme", "gadgets")[0].Labels; !slices.Equal(got, []string{"bug", "needs-triage"}) {
		t.Errorf("issue labels %v", got)
	}
	// The second issue reuses the cached list, which now has the new label.
	pub, err = p.Publish(context.Background(), gadgets, draft("fp2", "Needs-Triage"), time.Time{})
	if err != nil || pub.Created != nil || !slices.Equal(pub.Applied, []string{"needs-triage"}) {
		t.Errorf("second: %+v %v", pub, err)
	}
	if n := len(srv.RequestsTo("GET /repos/acme/gadgets/labels")); n != 1 {
		t.Errorf("listed labels %d times, want once per repository", n)
	}
	if n := len(srv.RequestsTo("POST /repos/acme/gadgets/labels")); n != 1 {
		t.Errorf("created labels %d times", n)
	}
}

func TestPublishAfterCrashFindsTheIssue(t *testing.T) {
	srv, first, clock := newGitHub(t)
	// Search lags (the fake's default, as GitHub's), so only the issues
	// list can find what was created a moment ago.
	attempted := clock.Now()
	pub, err := first.Publish(context.Background(), gadgets, draft("fp1", "bug"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	// The process died before recording pub; a new one tries again.
	again := newPublisher(t, srv, clock)
	got, err := again.Publish(context.Background(), gadgets, draft("fp1", "bug"), attempted)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Found || got.Number != pub.Number || got.URL != pub.URL || !slices.Equal(got.Applied, []string{"bug"}) {
		t.Errorf("second attempt %+v, want Found #%d", got, pub.Number)
	}
	if n := len(srv.Issues("acme", "gadgets")); n != 1 {
		t.Errorf("%d issues: a duplicate was created", n)
	}
	list := srv.RequestsTo("GET /repos/acme/gadgets/issues")
	if len(list) != 1 {
		t.Fatalf("listed %d times", len(list))
	}
	q := list[0].Query
	if q.Get("creator") != "octocat" || q.Get("state") != "all" || q.Get("sort") != "created" || q.Get("direction") != "desc" ||
		q.Get("since") != attempted.Add(-time.Minute).Format(time.RFC3339) {
		t.Errorf("list query %v", q)
	}
	if n := len(srv.RequestsTo("GET /search/issues")); n != 0 {
		t.Errorf("searched %d times though the list had it", n)
	}
}

func TestPublishFindsAnEarlierIssueBySearch(t *testing.T) {
	srv, p, clock := newGitHub(t)
	// Another login (an old token) created it ten minutes ago: the list by
	// creator misses it, and search, having caught up, has it.
	d := draft("fp1")
	if _, err := srv.AddIssue("acme", "gadgets", githubtest.Issue{Title: d.Title, Body: d.Body, User: "old-bot",
		CreatedAt: clock.Now().Add(-10 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	pub, err := p.Publish(context.Background(), gadgets, d, clock.Now().Add(-15*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Found || pub.Number != 1 {
		t.Errorf("publication %+v", pub)
	}
	search := srv.RequestsTo("GET /search/issues")
	if len(search) != 1 || search[0].Query.Get("q") != `"ticket-master:fingerprint=fp1" repo:acme/gadgets in:body is:issue` {
		t.Errorf("search %v", search)
	}
	if n := len(srv.RequestsTo(createRoute)); n != 0 {
		t.Errorf("created %d issues", n)
	}
}

func TestPublishAfterCrashWithNothingThereCreates(t *testing.T) {
	srv, p, clock := newGitHub(t)
	srv.SetSearchLag(0)
	pub, err := p.Publish(context.Background(), gadgets, draft("fp1"), clock.Now().Add(-time.Hour))
	if err != nil || pub.Found || pub.Number != 1 {
		t.Fatalf("%+v %v", pub, err)
	}
	if n := len(srv.RequestsTo(createRoute)); n != 1 {
		t.Errorf("created %d", n)
	}
}

func TestPublishAppendsAMissingMarker(t *testing.T) {
	srv, p, _ := newGitHub(t)
	d := draft("fp1")
	d.Body = "no marker here"
	if _, err := p.Publish(context.Background(), gadgets, d, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if body := srv.Issues("acme", "gadgets")[0].Body; !strings.HasSuffix(body, d.Marker+"\n") {
		t.Errorf("body %q", body)
	}
}

func TestPublishPaces(t *testing.T) {
	srv, p, clock := newGitHub(t)
	for _, fp := range []string{"a", "b", "c"} {
		if _, err := p.Publish(context.Background(), gadgets, draft(fp), time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := clock.Sleeps(); !slices.Equal(got, []time.Duration{3 * time.Second, 3 * time.Second}) {
		t.Errorf("waits %v, want two of 3s", got)
	}
	if n := len(srv.Issues("acme", "gadgets")); n != 3 {
		t.Errorf("%d issues", n)
	}
}

func TestPublishPaceIsConfigurable(t *testing.T) {
	_, p, clock := newGitHub(t)
	p.Pace = 10 * time.Second
	for _, fp := range []string{"a", "b"} {
		if _, err := p.Publish(context.Background(), gadgets, draft(fp), time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := clock.Sleeps(); !slices.Equal(got, []time.Duration{10 * time.Second}) {
		t.Errorf("waits %v", got)
	}
}
