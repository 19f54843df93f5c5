package daemon

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/analyze"
)

// A warmed reader has git running and answering before the first read;
// once closed it starts no git, even when the warming comes after the
// close (the process would outlive its owner).
func TestLazyBlobsWarmAndClose(t *testing.T) {
	r := newGitRepo(t)
	head := r.commit("start", map[string]string{"a.go": "package a\n"})
	repo, err := analyze.Open(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	l := newLazyBlobs(context.Background(), repo)
	l.warm(head)
	waitFor(t, "the warmed reader to start git", func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.b != nil
	})
	if data, err := l.Read(head, "a.go", analyze.MaxSourceBytes); err != nil || string(data) != "package a\n" {
		t.Fatalf("Read = %q, %v", data, err)
	}
	l.Close()
	if _, err := l.Read(head, "a.go", analyze.MaxSourceBytes); !errors.Is(err, errLazyBlobsClosed) {
		t.Errorf("Read after Close: %v, want errLazyBlobsClosed", err)
	}

	late := newLazyBlobs(context.Background(), repo)
	late.Close()
	late.warm(head)
	time.Sleep(50 * time.Millisecond) // what the warming would take to start git
	late.mu.Lock()
	defer late.mu.Unlock()
	if late.b != nil {
		t.Error("a reader warmed after its close started git")
	}
}

// The subject and date of a commit the reconcile walked come from the
// walk; another commit's from git.
func TestCommitInfoFromTheWalk(t *testing.T) {
	r := newGitRepo(t)
	first := r.commit("first subject", nil)
	second := r.commit("second subject", nil)
	repo, err := analyze.Open(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	walked := []analyze.Commit{{Hash: first, Subject: "as walked", Time: when}}
	got, err := commitInfo(context.Background(), repo, first, walked)
	if err != nil || got.Subject != "as walked" || !got.Time.Equal(when) {
		t.Errorf("commitInfo of a walked commit = %+v, %v; want the walk's", got, err)
	}
	got, err = commitInfo(context.Background(), repo, second, walked)
	if err != nil || got.Subject != "second subject" || got.Hash != second {
		t.Errorf("commitInfo of a commit not walked = %+v, %v; want git's", got, err)
	}
}
