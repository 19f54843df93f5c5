package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/store"
)

type statusOptions struct {
	IO   *IO
	JSON bool
}

// statusReport is what `status --json` prints.
type statusReport struct {
	Daemon   daemonReport `json:"daemon"`
	Database string       `json:"database"`
	Repos    []repoReport `json:"repos"`
	// LLM is the daemon's view of the model; nil when no daemon answers.
	LLM *daemon.LLMStatus `json:"llm"`
}

type daemonReport struct {
	Running bool   `json:"running"`
	PID     int    `json:"pid,omitempty"`
	Version string `json:"version,omitempty"`
	Socket  string `json:"socket"`
	Log     string `json:"log"`
	Error   string `json:"error,omitempty"`
}

type repoReport struct {
	store.Repo
	Missing       bool           `json:"missing"`
	Analysed      int            `json:"analysed_commits"`
	OpenFindings  int            `json:"open_findings"`
	Drafts        map[string]int `json:"drafts"`
	DaemonRunning bool           `json:"job_running"`
	// Watched folders, when the daemon runs (nil otherwise).
	Watched *int `json:"watched_folders,omitempty"`
}

func statusCommand(ios *IO) *cli.Command {
	return &cli.Command{
		Name:        "status",
		Usage:       "show the daemon, the enrolled repositories and their drafts",
		Description: "Example:\n  ticket-master status --json | jq '.repos[].drafts.pending'",
		Flags:       []cli.Flag{jsonFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("status takes no arguments")
			}
			return runStatus(c.Context, &statusOptions{IO: ios, JSON: c.Bool("json")})
		},
	}
}

func runStatus(ctx context.Context, o *statusOptions) error {
	e, st, err := loadStore(o.IO)
	if err != nil {
		return err
	}
	rep := statusReport{Database: st.Path(), Repos: []repoReport{}}
	rep.Daemon = daemonReport{Socket: e.paths.Socket(), Log: e.paths.DaemonLog()}
	busy := map[string]bool{}
	watched := map[string]int{}
	ds, err := daemon.NewClient(e.paths.Socket(), 2*time.Second).Status(ctx)
	if err == nil {
		rep.Daemon.Running, rep.Daemon.PID, rep.Daemon.Version = true, ds.PID, ds.Version
		rep.LLM = &ds.LLM
		for _, r := range ds.Repos {
			busy[r.ID] = r.Running
			watched[r.ID] = r.Watched
		}
	} else if !errors.Is(err, daemon.ErrNotRunning) {
		rep.Daemon.Error = err.Error()
	}
	err = st.View(func(tx *store.Tx) error {
		repos, err := tx.Repos()
		if err != nil {
			return err
		}
		for _, r := range repos {
			rr := repoReport{Repo: r, Analysed: tx.AnalysedCount(r.ID), DaemonRunning: busy[r.ID]}
			if n, ok := watched[r.ID]; ok {
				rr.Watched = &n
			}
			if _, err := os.Stat(r.GitDir); err != nil {
				rr.Missing = true
			}
			open, err := tx.Findings(r.ID, store.FindingOpen)
			if err != nil {
				return err
			}
			rr.OpenFindings = len(open)
			if rr.Drafts, err = tx.CountDrafts(r.ID); err != nil {
				return err
			}
			rep.Repos = append(rep.Repos, rr)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if o.JSON {
		return writeJSON(o.IO, rep)
	}
	printStatus(o.IO, rep)
	return nil
}

func printStatus(ios *IO, rep statusReport) {
	w := ios.Out
	switch {
	case rep.Daemon.Running:
		fmt.Fprintf(w, "daemon:   running (pid %d, version %s)\n", rep.Daemon.PID, rep.Daemon.Version)
	case rep.Daemon.Error != "":
		fmt.Fprintf(w, "daemon:   not answering: %s\n", rep.Daemon.Error)
	default:
		fmt.Fprintf(w, "daemon:   not running (start it with: ticket-master daemon start)\n")
	}
	fmt.Fprintf(w, "database: %s\n", rep.Database)
	if l := rep.LLM; l != nil {
		switch l.State {
		case daemon.LLMOff:
			fmt.Fprintf(w, "llm:      off (llm.provider: none); drafts come from the template drafter\n")
		default:
			fmt.Fprintf(w, "llm:      %s at %s: %s; %d redrafted, %d template drafts waiting for it\n",
				l.Model, l.Host, l.State, l.Redrafted, l.Waiting)
			if l.LastError != "" {
				fmt.Fprintf(w, "          %s\n", l.LastError)
			}
		}
	}
	if len(rep.Repos) == 0 {
		fmt.Fprintln(w, "\nNo repositories enrolled yet. Enroll one with: cd REPO && ticket-master enroll")
		return
	}
	for _, r := range rep.Repos {
		fmt.Fprintf(w, "\n%s\n", r.Path)
		state := "enrolled"
		switch {
		case !r.Enrolled:
			state = "not enrolled (drafts kept)"
		case r.Missing:
			state = "MISSING: moved or deleted; skipped (run: ticket-master unenroll " + r.Path + ")"
		}
		fmt.Fprintf(w, "  state:    %s\n", state)
		if gh := r.GitHub(); gh != "" {
			fmt.Fprintf(w, "  github:   %s\n", gh)
		}
		fmt.Fprintf(w, "  analysed: %d commits, %d open findings\n", r.Analysed, r.OpenFindings)
		if r.Watched != nil {
			if *r.Watched > 0 {
				fmt.Fprintf(w, "  watching: %d folders\n", *r.Watched)
			} else {
				fmt.Fprintf(w, "  watching: none (hooks and the periodic reconcile only; see the daemon log)\n")
			}
		}
		fmt.Fprintf(w, "  drafts:   %d pending, %d published, %d discarded, %d withdrawn\n",
			r.Drafts[store.DraftPending], r.Drafts[store.DraftPublished], r.Drafts[store.DraftDiscarded], r.Drafts[store.DraftWithdrawn])
		if !r.LastReconcile.IsZero() {
			fmt.Fprintf(w, "  last run: %s\n", r.LastReconcile.Local().Format(time.DateTime))
		}
		if r.LastError != "" {
			fmt.Fprintf(w, "  error:    %s\n", r.LastError)
		}
	}
}
