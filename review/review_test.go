package review

import (
	"bufio"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/internal/githubtest"
	"github.com/ticket-master/ticket-master/publish"
	"github.com/ticket-master/ticket-master/store"
)

const token = "ghp_test_token_value_never_printed"

type fixture struct {
	st  *store.Store
	gh  *githubtest.Server
	pub *Publishing
}

// newFixture makes a store with one enrolled repository, acme/gadgets, and
// a fake GitHub that knows it, with the labels bug and enhancement.
func newFixture(t *testing.T, titles ...string) *fixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "tm.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gh := githubtest.New(t)
	gh.AddUser("octo", token, "repo")
	gh.AddRepo("acme", "gadgets", githubtest.WithLabels("bug", "enhancement"))
	err = st.Update(func(tx *store.Tx) error {
		if err := tx.PutRepo(store.Repo{ID: "r1", Path: "/src/gadgets", Host: "github.com", Owner: "acme", Name: "gadgets", Enrolled: true}); err != nil {
			return err
		}
		for i, title := range titles {
			fp := "todo:a.go:" + strings.Repeat(string(rune('a'+i)), 12)
			if err := tx.PutFinding("r1", store.Finding{Finding: finding.Finding{Fingerprint: fp}, Status: store.FindingOpen}); err != nil {
				return err
			}
			body := "Do " + title + ".\n\n---\nFound in `a.go#L1`.\n" + draft.Marker(fp)
			if _, err := tx.PutDraft(store.Draft{RepoID: "r1", Repo: "/src/gadgets", Fingerprints: []string{fp}, Title: title,
				Body: body, Labels: []string{"enhancement", "tech-debt"}, State: store.DraftPending, DraftedBy: "template"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := publish.NewClient(publish.ClientOptions{APIBase: gh.URL(), Token: token})
	if err != nil {
		t.Fatal(err)
	}
	p := &publish.Publisher{Client: c, Pace: -1, Login: "octo"}
	return &fixture{st: st, gh: gh, pub: &Publishing{Store: st, Publisher: func(context.Context, string) (*publish.Publisher, error) { return p, nil }}}
}

func (f *fixture) draft(t *testing.T, id uint64) store.Draft {
	t.Helper()
	var d store.Draft
	if err := f.st.View(func(tx *store.Tx) (err error) { d, err = tx.Draft(id); return err }); err != nil {
		t.Fatal(err)
	}
	return d
}

func (f *fixture) session(answers string, edit func(string) (string, error)) (*Session, *strings.Builder) {
	var out strings.Builder
	return &Session{In: bufio.NewReader(strings.NewReader(answers)), Out: &out, Store: f.st, Publishing: f.pub, Edit: edit}, &out
}

func TestReviewPublishEditDiscardQuit(t *testing.T) {
	f := newFixture(t, "first thing", "second thing", "third thing", "fourth thing")
	edit := func(text string) (string, error) {
		if !strings.HasPrefix(text, "second thing\n\nDo second thing.") || strings.Contains(text, "ticket-master:fingerprint") {
			t.Errorf("the editor got %q", text)
		}
		return "Second thing, better\n\nRewritten by hand.\n", nil
	}
	// ? help, y publish, e edit then l labels then y, d discard, q quit.
	s, out := f.session("?\ny\ne\nl\nbug\ny\nd\nq\n", edit)
	sum, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Published) != 2 || sum.Discarded != 1 || !sum.Quit {
		t.Fatalf("summary = %+v\n%s", sum, out)
	}
	for _, want := range []string{"Publish this issue [y,n,e,l,d,q,?]? ", "e - edit it in $EDITOR", "Published #1: ", "Published #2: ", "Labels left off (not in the repository): tech-debt", "Discarded draft 3."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	issues := f.gh.Issues("acme", "gadgets")
	if len(issues) != 2 {
		t.Fatalf("%d issues on GitHub", len(issues))
	}
	if issues[1].Title != "Second thing, better" || !strings.Contains(issues[1].Body, "Rewritten by hand.") ||
		!strings.Contains(issues[1].Body, draft.Marker("todo:a.go:bbbbbbbbbbbb")) {
		t.Errorf("edited issue = %+v", issues[1])
	}
	if strings.Join(issues[1].Labels, ",") != "bug" || strings.Join(issues[0].Labels, ",") != "enhancement" {
		t.Errorf("labels = %v, %v", issues[0].Labels, issues[1].Labels)
	}
	if d := f.draft(t, 1); d.State != store.DraftPublished || d.Issue != 1 || !strings.Contains(d.IssueURL, "/acme/gadgets/issues/1") {
		t.Errorf("draft 1 = %+v", d)
	}
	if d := f.draft(t, 2); !d.Edited {
		t.Error("the edited draft is not marked edited, so the model could overwrite it")
	}
	if d := f.draft(t, 3); d.State != store.DraftDiscarded {
		t.Errorf("draft 3 = %s", d.State)
	}
	if d := f.draft(t, 4); d.State != store.DraftPending {
		t.Errorf("draft 4 after quit = %s", d.State)
	}
}

func TestReviewEndOfInputLeavesTheRest(t *testing.T) {
	f := newFixture(t, "one", "two")
	s, _ := f.session("n\n", nil)
	sum, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != 1 || !sum.Quit || f.draft(t, 2).State != store.DraftPending {
		t.Fatalf("summary = %+v", sum)
	}
}

func TestPublishFailureLeavesDraftPending(t *testing.T) {
	f := newFixture(t, "one", "two")
	f.gh.Fail("POST /repos/acme/gadgets/issues", githubtest.Status(410))
	_, err := f.pub.Publish(context.Background(), 1)
	if !errors.Is(err, publish.ErrGone) {
		t.Fatalf("err = %v, want ErrGone", err)
	}
	if d := f.draft(t, 1); d.State != store.DraftPending || d.PublishAttempt.IsZero() {
		t.Fatalf("draft after a failure = %+v", d)
	}
	if strings.Contains(err.Error(), token) {
		t.Fatal("the token is in the error")
	}
	// The other draft goes on.
	if _, err := f.pub.Publish(context.Background(), 2); err != nil {
		t.Fatal(err)
	}
}

// A crash between GitHub's answer and our record: the attempt was recorded,
// the issue exists, the draft is still pending. Publishing again finds the
// issue by its marker instead of creating a second one, although search has
// not indexed it yet.
func TestPublishAfterCrashFindsTheIssue(t *testing.T) {
	f := newFixture(t, "one")
	f.gh.SetSearchLag(-1)
	d := f.draft(t, 1)
	d.PublishAttempt = time.Now().Add(-time.Minute)
	if err := f.st.Update(func(tx *store.Tx) error { _, err := tx.PutDraft(d); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := f.gh.AddIssue("acme", "gadgets", githubtest.Issue{Title: "one", Body: d.Body, User: "octo", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	res, err := f.pub.Publish(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Publication.Found || len(f.gh.Issues("acme", "gadgets")) != 1 {
		t.Fatalf("publication = %+v, %d issues", res.Publication, len(f.gh.Issues("acme", "gadgets")))
	}
	if d := f.draft(t, 1); d.State != store.DraftPublished || d.Issue != 1 {
		t.Fatalf("draft = %+v", d)
	}
}

func TestReviewOffersToCloseResolvedIssues(t *testing.T) {
	f := newFixture(t, "one")
	if _, err := f.pub.Publish(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	fp := f.draft(t, 1).Fingerprint()
	err := f.st.Update(func(tx *store.Tx) error {
		fd, _, err := tx.Finding("r1", fp)
		if err != nil {
			return err
		}
		fd.Status, fd.ResolvedBy, fd.ResolvedSubject = store.FindingResolved, "abcdef1234567", "do one"
		return tx.PutFinding("r1", fd)
	})
	if err != nil {
		t.Fatal(err)
	}
	s, out := f.session("c\n", nil)
	sum, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Closed != 1 || !strings.Contains(out.String(), "Close it on GitHub [c,n,q,?]?") {
		t.Fatalf("summary = %+v\n%s", sum, out)
	}
	is := f.gh.Issues("acme", "gadgets")[0]
	if is.State != "closed" || len(is.Comments) != 1 || !strings.Contains(is.Comments[0].Body, "abcdef1") || !strings.Contains(is.Comments[0].Body, `"do one"`) {
		t.Fatalf("issue = %+v", is)
	}
	// Not offered again.
	s, out = f.session("", nil)
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "No drafts waiting for review.") {
		t.Fatalf("second run:\n%s", out)
	}
}

func TestDuplicatesFromOpenIssues(t *testing.T) {
	f := newFixture(t, "Retry uploads that fail with a 503")
	if _, err := f.gh.AddIssue("acme", "gadgets", githubtest.Issue{Title: "Retry uploads failing with 503", Body: "Do retry uploads that fail with a 503."}); err != nil {
		t.Fatal(err)
	}
	dup := OpenIssueDuplicates(f.st, f.pub.Publisher, func(err error) { t.Error(err) })
	num, title, ok := dup(context.Background(), f.draft(t, 1))
	if !ok || num != 1 || title != "Retry uploads failing with 503" {
		t.Fatalf("duplicate = %d %q %v", num, title, ok)
	}
	// The list is cached with its ETag; a later session asks conditionally.
	dup = OpenIssueDuplicates(f.st, f.pub.Publisher, nil)
	if _, _, ok := dup(context.Background(), f.draft(t, 1)); !ok {
		t.Fatal("not found from the cache")
	}
	reqs := f.gh.RequestsTo("GET /repos/acme/gadgets/issues")
	if len(reqs) != 2 || reqs[1].Header.Get("If-None-Match") == "" {
		t.Fatalf("requests = %d, second without If-None-Match", len(reqs))
	}
}

// A draft the daemon rewrites while it is on screen is shown again before
// anything is published: the person publishes what they saw.
func TestReviewReshowsADraftThatChanged(t *testing.T) {
	f := newFixture(t, "one")
	var out strings.Builder
	in := &changingReader{answers: []string{"y\n", "y\n"}, before: func(i int) {
		if i == 0 {
			d := f.draft(t, 1)
			d.Title, d.DraftedBy = "One, rewritten by the model", "llama3.2"
			if err := f.st.Update(func(tx *store.Tx) error { _, err := tx.PutDraft(d); return err }); err != nil {
				t.Fatal(err)
			}
		}
	}}
	s := &Session{In: bufio.NewReader(in), Out: &out, Store: f.st, Publishing: f.pub}
	sum, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "This draft changed while it was shown") || len(sum.Published) != 1 {
		t.Fatalf("summary = %+v\n%s", sum, out.String())
	}
	if is := f.gh.Issues("acme", "gadgets"); len(is) != 1 || is[0].Title != "One, rewritten by the model" {
		t.Fatalf("issues = %+v", is)
	}
}

// changingReader gives one answer per Read and calls before(i) first, so a
// test can change the store between a draft being shown and answered.
type changingReader struct {
	answers []string
	i       int
	before  func(int)
}

func (r *changingReader) Read(p []byte) (int, error) {
	if r.i >= len(r.answers) {
		return 0, io.EOF
	}
	r.before(r.i)
	n := copy(p, r.answers[r.i])
	r.i++
	return n, nil
}

// A draft another process starts publishing while it is on screen is not
// shown again as if it had been rewritten: the answer is skipped with who
// has it. One published meanwhile is passed over, saying so.
func TestReviewDraftTakenMeanwhile(t *testing.T) {
	f := newFixture(t, "one", "two")
	var out strings.Builder
	in := &changingReader{answers: []string{"y\n", "y\n", "y\n"}, before: func(i int) {
		err := f.st.Update(func(tx *store.Tx) error {
			d, err := tx.Draft(uint64(i + 1))
			if err != nil {
				return err
			}
			switch i {
			case 0: // another publisher claims it and records its attempt
				if _, err := tx.ClaimDraft(d.ID, store.NewLease()); err != nil {
					return err
				}
				d.PublishAttempt = time.Now()
			case 1: // another publisher is done with it
				d.State, d.Issue = store.DraftPublished, 7
			default:
				return nil
			}
			_, err = tx.PutDraft(d)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}}
	s := &Session{In: bufio.NewReader(in), Out: &out, Store: f.st, Publishing: f.pub}
	sum, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Contains(got, "changed while it was shown") || !strings.Contains(got, "Skipped: draft 1 is being published by another ticket-master process") {
		t.Errorf("claimed meanwhile:\n%s", got)
	}
	if !strings.Contains(got, "Draft 2 was published meanwhile; moving on.") {
		t.Errorf("published meanwhile:\n%s", got)
	}
	if len(sum.Published) != 0 || in.i != 2 || len(f.gh.Issues("acme", "gadgets")) != 0 {
		t.Errorf("summary %+v after %d answers; issues %d", sum, in.i, len(f.gh.Issues("acme", "gadgets")))
	}
}
