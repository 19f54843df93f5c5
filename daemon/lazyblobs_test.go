package daemon

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/analyze"
)

// A closed reader starts no git: a read after Close is refused.
func TestLazyBlobsClosed(t *testing.T) {
	r := newGitRepo(t)
	head := r.commit("start", map[string]string{"a.go": "package a\n"})
	repo, err := analyze.Open(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	l := newLazyBlobs(context.Background(), repo)
	if data, err := l.Read(head, "a.go", analyze.MaxSourceBytes); err != nil || string(data) != "package a\n" {
		t.Fatalf("Read = %q, %v", data, err)
	}
	l.Close()
	if _, err := l.Read(head, "a.go", analyze.MaxSourceBytes); !errors.Is(err, errLazyBlobsClosed) {
		t.Errorf("Read after Close: %v, want errLazyBlobsClosed", err)
	}
	unused := newLazyBlobs(context.Background(), repo)
	unused.Close()
	if _, err := unused.ReadTree(head + ":"); !errors.Is(err, errLazyBlobsClosed) {
		t.Errorf("ReadTree of a reader closed unused: %v, want errLazyBlobsClosed", err)
	}
	if unused.b != nil {
		t.Error("a reader closed unused started git")
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
