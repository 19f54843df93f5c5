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
	IO     *IO
	Env    func() (*env, error)
	Store  func() (*store.Store, error)
	Daemon func(timeout time.Duration) (*daemon.Client, error)
	JSON   bool
}

// statusReport is what `status --json` prints.
type statusReport struct {
	Daemon   daemonReport `json:"daemon"`
	Database string       `json:"database"`
	// DatabaseError says why the database could not be read (another
	// process holds it); the daemon's part is still reported.
	DatabaseError string       `json:"database_error,omitempty"`
	Repos         []repoReport `json:"repos"`
	// LLM is the daemon's view of the model; nil when no daemon answers.
	LLM *daemon.LLMStatus `json:"llm"`
}

type daemonReport struct {
	Running bool `json:"running"`
	// State is daemon.LiveRunning, LiveNotAnswering, LiveStopped, LiveDied or
	// LiveNotRunning.
	State   string `json:"state"`
	Word    string `json:"-"`
	Detail  string `json:"-"`
	PID     int    `json:"pid,omitempty"`
	Version string `json:"version,omitempty"`
	Socket  string `json:"socket"`
	Log     string `json:"log"`
	Error   string `json:"error,omitempty"`
}

type repoReport struct {
	store.Repo
	Missing      bool `json:"missing"`
	Analysed     int  `json:"analysed_commits"`
	OpenFindings int  `json:"open_findings"`
	// Waiting findings have no draft yet: the draft budget had no room.
	Waiting       int               `json:"waiting"`
	FactChecks    daemon.FactChecks `json:"fact_checks"`
	Drafts        map[string]int    `json:"drafts"`
	DaemonRunning bool              `json:"job_running"`
	// Watched folders, when the daemon runs (nil otherwise).
	Watched *int `json:"watched_folders,omitempty"`
}

func newStatusCmd(f *factory, runF func(context.Context, *statusOptions) error) *cli.Command {
	if runF == nil {
		runF = runStatus
	}
	return &cli.Command{
		Name:        "status",
		Usage:       "show the daemon, the enrolled repositories and their drafts",
		Description: "Example:\n  ticket-master status --json | jq '.repos[].drafts.pending'",
		Flags:       []cli.Flag{jsonFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("status takes no arguments")
			}
			return runF(c.Context, &statusOptions{IO: f.IO, Env: f.EnvAny, Store: f.StoreAny, Daemon: f.Daemon, JSON: c.Bool("json")})
		},
	}
}

func runStatus(ctx context.Context, o *statusOptions) error {
	e, err := o.Env()
	if err != nil {
		return err
	}
	rep := statusReport{Database: e.paths.Database(), Repos: []repoReport{}}
	rep.Daemon = daemonReport{Socket: e.paths.Socket(), Log: e.paths.DaemonLog()}
	busy := map[string]bool{}
	watched := map[string]int{}
	lastRun := map[string]time.Time{}
	client, err := o.Daemon(2 * time.Second)
	if err != nil {
		return err
	}
	live := daemon.Probe(ctx, client, e.paths)
	rep.Daemon.State, rep.Daemon.Word, rep.Daemon.Detail = live.State, live.Word(), live.Detail()
	if ds := live.Status; ds != nil {
		rep.Daemon.Running, rep.Daemon.PID, rep.Daemon.Version = true, ds.PID, ds.Version
		rep.LLM = &ds.LLM
		for _, r := range ds.Repos {
			busy[r.ID] = r.Running
			watched[r.ID] = r.Watched
			lastRun[r.ID] = r.LastRun
		}
	} else if live.State == daemon.LiveNotAnswering {
		rep.Daemon.PID, rep.Daemon.Error = live.PID, live.Err.Error()
	}
	st, err := o.Store()
	if err == nil {
		err = st.View(func(tx *store.Tx) error {
			return readRepos(tx, &rep, busy, watched, lastRun)
		})
	}
	if errors.Is(err, store.ErrBusy) {
		// A daemon suspended while it wrote (Ctrl-Z, kill -STOP) holds the
		// database until it runs again: say what is known of the daemon,
		// whose line names the fix, rather than only "busy".
		rep.DatabaseError = "busy: another ticket-master process holds it"
		if rep.Daemon.State == daemon.LiveNotAnswering {
			rep.DatabaseError += fmt.Sprintf(", most likely the daemon (pid %d), which does not answer (see above)", rep.Daemon.PID)
		}
		if o.JSON {
			if jerr := writeJSON(o.IO, rep); jerr != nil {
				return jerr
			}
		} else {
			printStatus(o.IO, rep)
		}
		return err
	}
	if err != nil {
		return err
	}
	if o.JSON {
		return writeJSON(o.IO, rep)
	}
	printStatus(o.IO, rep)
	return nil
}

// readRepos fills rep with the enrolled repositories and their counts.
func readRepos(tx *store.Tx, rep *statusReport, busy map[string]bool, watched map[string]int, lastRun map[string]time.Time) error {
	repos, err := tx.Repos()
	if err != nil {
		return err
	}
	for _, r := range repos {
		rr := repoReport{Repo: r, Analysed: tx.AnalysedCount(r.ID), DaemonRunning: busy[r.ID]}
		if t := lastRun[r.ID]; t.After(rr.LastReconcile) {
			// A reconcile that changed nothing is not recorded: the
			// daemon knows when it last ran.
			rr.LastReconcile = t
		}
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
		waiting, err := daemon.WaitingFindings(tx, r.ID)
		if err != nil {
			return err
		}
		rr.Waiting = len(waiting)
		if rr.FactChecks, err = daemon.StoredFactChecks(tx, r.ID); err != nil {
			return err
		}
		if rr.Drafts, err = tx.CountDrafts(r.ID); err != nil {
			return err
		}
		rep.Repos = append(rep.Repos, rr)
	}
	return nil
}

func printStatus(ios *IO, rep statusReport) {
	w, cs := ios.Out, ios.colors()
	word := cs.red(rep.Daemon.Word)
	if rep.Daemon.Running {
		word = cs.green(rep.Daemon.Word)
	}
	fmt.Fprintf(w, "daemon:   %s (%s)\n", word, rep.Daemon.Detail)
	if rep.DatabaseError != "" {
		fmt.Fprintf(w, "database: %s (%s)\n", rep.Database, cs.red(rep.DatabaseError))
		return // its repositories cannot be read
	}
	fmt.Fprintf(w, "database: %s\n", rep.Database)
	if l := rep.LLM; l != nil {
		switch l.State {
		case daemon.LLMOff:
			fmt.Fprintf(w, "llm:      off (llm.provider: none); drafts come from the template drafter\n")
		default:
			fmt.Fprintf(w, "llm:      %s at %s: %s; %d redrafted, %s waiting for it\n",
				l.Model, l.Host, l.State, l.Redrafted, plural(l.Waiting, "template draft"))
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
		fmt.Fprintf(w, "\n%s\n", cs.bold(r.Path))
		state := "enrolled"
		switch {
		case !r.Enrolled:
			state = "not enrolled (drafts kept)"
		case r.Missing && r.MovedTo != "":
			state = cs.red("MOVED") + " to " + r.MovedTo + "; skipped (run: ticket-master enroll " + r.MovedTo + ")"
		case r.Missing:
			state = cs.red("MISSING") + ": moved or deleted; skipped (run: ticket-master enroll NEW-PATH where it is now, or ticket-master unenroll " + r.Path + ")"
		}
		fmt.Fprintf(w, "  state:    %s\n", state)
		if gh := r.GitHub(); gh != "" {
			fmt.Fprintf(w, "  github:   %s\n", gh)
		}
		fmt.Fprintf(w, "  analysed: %s, %s\n", plural(r.Analysed, "commit"), plural(r.OpenFindings, "open finding"))
		if r.Watched != nil {
			if *r.Watched > 0 {
				fmt.Fprintf(w, "  watching: %s\n", plural(*r.Watched, "folder"))
			} else {
				fmt.Fprintf(w, "  watching: none (hooks and the periodic reconcile only; see the daemon log)\n")
			}
		}
		fmt.Fprintf(w, "  drafts:   %d pending, %d published, %d discarded, %d withdrawn\n",
			r.Drafts[store.DraftPending], r.Drafts[store.DraftPublished], r.Drafts[store.DraftDiscarded], r.Drafts[store.DraftWithdrawn])
		if r.Waiting > 0 {
			fmt.Fprintf(w, "  waiting:  %d over the draft budget, drafted as room frees up (see: ticket-master drafts list --waiting)\n", r.Waiting)
		}
		if r.Backlog > 0 {
			fmt.Fprintf(w, "  backlog:  %s still to analyse\n", plural(r.Backlog, "new commit"))
		}
		if c := r.FactChecks; c.Checked > 0 {
			fmt.Fprintf(w, "  checks:   %s checked against git, %d dropped for a claim git contradicts\n", plural(c.Checked, "finding"), c.Failed)
		}
		if !r.LastReconcile.IsZero() {
			fmt.Fprintf(w, "  last run: %s\n", r.LastReconcile.Local().Format(time.DateTime))
		}
		if r.LastError != "" && !r.Missing {
			// A missing repository's error is the state line above,
			// which also knows where it went.
			fmt.Fprintf(w, "  error:    %s\n", r.LastError)
		}
	}
}
