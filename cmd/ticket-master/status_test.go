package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/store"
)

// status shows a repository's backlog (new commits beyond
// analysis.max_new_commits that later reconciles take on) and its fact
// checks, counted in words: "1 new commit", not "1 new commits".
func TestPrintStatusBacklogAndChecks(t *testing.T) {
	report := func(backlog, checked int) string {
		ios, out, _ := testIO(nil)
		printStatus(ios, statusReport{
			Daemon:   daemonReport{Word: "not running", Detail: "start it"},
			Database: "/s/tm.db",
			Repos: []repoReport{{
				Repo:       store.Repo{ID: "r", Path: "/src/gadgets", Enrolled: true, Backlog: backlog},
				Analysed:   500,
				FactChecks: daemon.FactChecks{Checked: checked},
				Drafts:     map[string]int{},
			}},
		})
		return out.String()
	}
	got := report(700, 3)
	for _, want := range []string{"  backlog:  700 new commits still to analyse\n", "  checks:   3 findings checked against git, 0 dropped"} {
		if !strings.Contains(got, want) {
			t.Errorf("status lacks %q:\n%s", want, got)
		}
	}
	got = report(1, 1)
	for _, want := range []string{"  backlog:  1 new commit still to analyse\n", "  checks:   1 finding checked against git"} {
		if !strings.Contains(got, want) {
			t.Errorf("status lacks %q:\n%s", want, got)
		}
	}
	if got := report(0, 0); strings.Contains(got, "backlog:") || strings.Contains(got, "checks:") {
		t.Errorf("an empty backlog or no checks are shown:\n%s", got)
	}
}

// A database another process holds (a daemon suspended while it wrote)
// still gets the daemon's part reported, with the database's state, and
// status fails with the store's own message.
func TestStatusWithTheDatabaseBusy(t *testing.T) {
	dir := t.TempDir()
	paths := config.Paths{ConfigDir: filepath.Join(dir, "c"), StateDir: filepath.Join(dir, "s"), RuntimeDir: filepath.Join(dir, "r")}
	for _, asJSON := range []bool{false, true} {
		ios, out, _ := testIO(nil)
		err := runStatus(context.Background(), &statusOptions{
			IO:     ios,
			Env:    func() (*env, error) { return &env{paths: paths}, nil },
			Store:  func() (*store.Store, error) { return nil, store.ErrBusy },
			Daemon: func(d time.Duration) (*daemon.Client, error) { return daemon.NewClient(paths.Socket(), d), nil },
			JSON:   asJSON,
		})
		if !errors.Is(err, store.ErrBusy) {
			t.Fatalf("json %v: err = %v, want the store's busy error", asJSON, err)
		}
		got := out.String()
		want := "daemon:   not running"
		if asJSON {
			want = `"database_error": "busy: another ticket-master process holds it"`
		}
		if !strings.Contains(got, want) || !strings.Contains(got, paths.Database()) {
			t.Errorf("json %v: status printed\n%s\nwant %q and the database's path", asJSON, got, want)
		}
		if !asJSON && !strings.Contains(got, "(busy: another ticket-master process holds it)") {
			t.Errorf("the database line does not say it is busy:\n%s", got)
		}
	}
}
