package daemon

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
)

// The plan read while git walks is taken for the commit it was read at,
// and only for it: another commit's settings are read again.
func TestPlanAheadIsTakenForItsCommitOnly(t *testing.T) {
	r := newGitRepo(t)
	older := r.commit("settings", map[string]string{config.RepoFile: "todo:\n  words: [FIXME]\n"})
	tip := r.commit("other words", map[string]string{config.RepoFile: "todo:\n  words: [HACK]\n"})
	ctx := context.Background()
	repo, err := analyze.Open(ctx, r.dir)
	if err != nil {
		t.Fatal(err)
	}
	tips, err := repo.Tips(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	rc := &Reconciler{Config: config.Defaults()}

	words := func(commit string, ahead <-chan plannedAt) []string {
		t.Helper()
		p, err := rc.planOf(ctx, repo, commit, ahead)
		if err != nil {
			t.Fatal(err)
		}
		return p.todo.Words
	}
	if got := words(tip, rc.planAhead(ctx, repo, tips)); !slices.Equal(got, []string{"HACK"}) {
		t.Errorf("the tip's words, read ahead: %q", got)
	}
	if got := words(older, rc.planAhead(ctx, repo, tips)); !slices.Equal(got, []string{"FIXME"}) {
		t.Errorf("an older commit's words, with the tip's read ahead: %q (the tip's taken for another commit?)", got)
	}

	// What was read ahead is the answer, an error included: nothing is read
	// twice.
	sentinel := errors.New("read ahead")
	ahead := make(chan plannedAt, 1)
	ahead <- plannedAt{commit: older, err: sentinel}
	if _, err := rc.planOf(ctx, repo, older, ahead); !errors.Is(err, sentinel) {
		t.Errorf("planOf with the commit read ahead = %v, want what was read ahead", err)
	}
	if got := words(older, nil); !slices.Equal(got, []string{"FIXME"}) {
		t.Errorf("without a plan ahead: %q", got)
	}
}
