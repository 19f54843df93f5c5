package daemon

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/store"
)

// A repository the gatherer cannot open (moved away, its settings
// unreadable) is remembered as unavailable for the drain, and closing the
// gatherer afterwards does not stumble on it: the daemon's model worker
// died of that nil entry once.
func TestGathererClosesAfterARepositoryItCouldNotOpen(t *testing.T) {
	g := newGatherer(config.Defaults())
	rec := store.Repo{ID: "gone", Path: filepath.Join(t.TempDir(), "no-such-repo"), Enrolled: true}
	if _, err := g.repo(context.Background(), rec); err == nil {
		t.Fatal("opened a repository that does not exist")
	}
	if _, err := g.repo(context.Background(), rec); err == nil {
		t.Fatal("the second ask opened it")
	}
	g.Close()
}
