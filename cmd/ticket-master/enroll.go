package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/hooks"
	"github.com/ticket-master/ticket-master/store"
)

type enrollOptions struct {
	IO       *IO
	Env      func() (*env, error)
	Store    func() (*store.Store, error)
	Daemon   func(timeout time.Duration) (*daemon.Client, error)
	Path     string
	GitHub   string
	Backfill int
	Force    bool
	NoDaemon bool
	NoHooks  bool
	JSON     bool
}

func newEnrollCmd(f *factory, runF func(context.Context, *enrollOptions) error) *cli.Command {
	if runF == nil {
		runF = runEnroll
	}
	return &cli.Command{
		Name:      "enroll",
		Usage:     "watch a repository: install its hooks, register it, make sure the daemon runs",
		ArgsUsage: "[PATH]",
		Description: "Enroll installs post-commit, post-merge and post-rewrite hooks (a hook that\n" +
			"is already there keeps running first), records the current branch tips as\n" +
			"the baseline, and starts the daemon if none runs. Only commits made from now\n" +
			"on are analysed, unless --backfill asks for recent history too.\n\n" +
			"Example:\n  cd ~/src/gadgets && ticket-master enroll --backfill 50",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "github", Usage: "the GitHub repository as `OWNER/REPO` (default: from the origin remote)"},
			&cli.IntFlag{Name: "backfill", Usage: "also analyse the last `N` commits now"},
			&cli.BoolFlag{Name: "force", Usage: "install into a hooks folder that another manager (husky, core.hooksPath) owns"},
			&cli.BoolFlag{Name: "no-daemon", Usage: "do not start the daemon (commits are caught up when it next runs)"},
			&cli.BoolFlag{Name: "no-hooks", Usage: "register the repository without installing hooks (another hook manager calls ticket-master hook; the file watcher sees commits anyway)"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			path, err := argPath(c)
			if err != nil {
				return err
			}
			if c.Int("backfill") < 0 {
				return usagef("--backfill must be 0 or more")
			}
			if gh := c.String("github"); gh != "" {
				if _, err := ghrepo.ParseOwnerRepo(gh); err != nil {
					return usageError{msg: err.Error()}
				}
			}
			return runF(c.Context, &enrollOptions{
				IO: f.IO, Env: f.Env, Store: f.Store, Daemon: f.Daemon, Path: path, GitHub: c.String("github"), Backfill: c.Int("backfill"),
				Force: c.Bool("force"), NoDaemon: c.Bool("no-daemon"), NoHooks: c.Bool("no-hooks"), JSON: c.Bool("json"),
			})
		},
	}
}

func runEnroll(ctx context.Context, o *enrollOptions) error {
	e, err := o.Env()
	if err != nil {
		return err
	}
	st, err := o.Store()
	if err != nil {
		return err
	}
	exe, err := selfPath()
	if err != nil {
		return err
	}
	bar := newProgress(o.IO, "analysing commits")
	res, err := daemon.Enroll(ctx, st, daemon.EnrollOptions{
		Path: o.Path, GitHub: o.GitHub, Backfill: o.Backfill, Force: o.Force, NoHooks: o.NoHooks,
		Binary: exe, Paths: e.paths, Config: e.cfg, Progress: bar.update,
	})
	bar.finish()
	var owned *hooks.OwnedError
	if errors.As(err, &owned) {
		return fmt.Errorf("not enrolled: %w\nthen enroll without hooks of our own: ticket-master enroll --no-hooks", err)
	}
	if err != nil {
		return err
	}

	daemonState := "not started (--no-daemon)"
	if !o.NoDaemon {
		what, err := ensureDaemon(ctx, e, o.IO)
		if err != nil {
			daemonState = "could not start: " + err.Error()
		} else {
			daemonState = what
			// The daemon may have read the repository list before we
			// wrote it: ask for this repository explicitly.
			if c, err := o.Daemon(2 * time.Second); err == nil {
				_, _ = c.Reconcile(ctx, daemon.ReconcileRequest{Repo: res.Repo.Path})
			}
		}
	}
	if o.JSON {
		return writeJSON(o.IO, struct {
			daemon.EnrollResult
			Daemon string `json:"daemon"`
		}{res, daemonState})
	}
	w := o.IO.Out
	verb := "Enrolled"
	switch {
	case res.MovedFrom != "":
		verb = "Moved from " + res.MovedFrom + "; enrolled"
	case res.Again:
		verb = "Already enrolled; refreshed"
	}
	fmt.Fprintf(w, "%s %s\n", verb, res.Repo.Path)
	if res.Forgotten {
		fmt.Fprintf(w, "  note:     this repository was enrolled before (its git folder says so), but the database had no record of it;\n"+
			"            if the database was lost, `ticket-master doctor --fix` restores its backup\n")
	}
	if res.CopyOf != "" {
		fmt.Fprintf(w, "  note:     a copy of %s (its git folder came along); enrolled as a repository of its own\n", res.CopyOf)
	}
	if gh := res.Repo.GitHub(); gh != "" {
		fmt.Fprintf(w, "  GitHub:   %s (%s)\n", gh, res.Repo.Host)
	} else {
		fmt.Fprintf(w, "  GitHub:   unknown (no GitHub origin remote; drafts have no links; set one with --github OWNER/REPO)\n")
	}
	for _, a := range res.Hooks {
		fmt.Fprintf(w, "  hook:     %-13s %s\n", a.Hook, a.What)
	}
	switch {
	case res.NoCommits:
		fmt.Fprintf(w, "  baseline: no commits yet; the first commit will be analysed\n")
	case res.MovedFrom != "":
		fmt.Fprintf(w, "  baseline: kept; commits made since the move are analysed\n")
	case !res.Again:
		fmt.Fprintf(w, "  baseline: %s recorded; commits from now on are analysed\n", plural(res.Branches, "branch tip"))
	}
	if res.Backfill != nil {
		b := res.Backfill
		fmt.Fprintf(w, "  backfill: %s analysed, %s, %s",
			plural(b.Commits, "commit"), plural(b.Findings, "finding"), plural(b.NewDrafts, "draft"))
		if b.Resolved > 0 || b.Withdrawn > 0 {
			// Counted as found; later commits of the range took some
			// back: say what is left, as status will.
			fmt.Fprintf(w, " (%s resolved by later commits: %s, %s now)",
				plural(b.Resolved, "finding"), plural(b.Open, "open finding"), plural(b.Pending, "pending draft"))
		}
		fmt.Fprintln(w)
		if n := res.Backfill.Unreadable; n > 0 {
			fmt.Fprintf(w, "            %s could not be read: objects are missing from the repository (`git fsck` lists them)\n", plural(n, "commit"))
		}
	}
	fmt.Fprintf(w, "  daemon:   %s\n", daemonState)
	return nil
}
