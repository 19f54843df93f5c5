package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/install"
	"github.com/ticket-master/ticket-master/store"
)

func daemonCommand(f *factory) *cli.Command {
	return &cli.Command{
		Name:  "daemon",
		Usage: "run, start, stop, sync, install or inspect the background service",
		Subcommands: []*cli.Command{
			newDaemonRunCmd(f, nil),
			newDaemonStartCmd(f, nil),
			newDaemonStopCmd(f, nil),
			newDaemonSyncCmd(f, nil),
			newDaemonInstallCmd(f, nil),
			newDaemonUninstallCmd(f, nil),
			newDaemonRestartCmd(f, nil),
			newDaemonStatusCmd(f, nil),
			newDaemonLogsCmd(f, nil),
		},
	}
}

// daemonOptions is what the daemon commands share: the environment and
// the OS service manager (nil with TICKET_MASTER_NO_SERVICE=1).
type daemonOptions struct {
	IO      *IO
	Env     func() (*env, error)
	Manager func() (*install.Manager, error)
}

func (f *factory) daemonOptions() daemonOptions {
	return daemonOptions{IO: f.IO, Env: f.Env, Manager: f.ServiceManager}
}

// daemonAction is the Action of the daemon commands that take no
// arguments and no flags: runF with the factory's daemonOptions.
func (f *factory) daemonAction(runF func(context.Context, *daemonOptions) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		if err := noArgs(c); err != nil {
			return err
		}
		o := f.daemonOptions()
		return runF(c.Context, &o)
	}
}

// noArgs is the Action check of commands that take no arguments.
func noArgs(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("%s takes no arguments", c.Command.FullName())
	}
	return nil
}

func newDaemonRunCmd(f *factory, runF func(context.Context, *daemonOptions) error) *cli.Command {
	if runF == nil {
		runF = runDaemon
	}
	return &cli.Command{
		Name:  "run",
		Usage: "run the service in the foreground (what `daemon start` and OS services run)",
		Description: "The service listens on a Unix socket for nudges from hooks, reconciles every\n" +
			"enrolled repository at start-up and every daemon.reconcile_interval, and\n" +
			"stops cleanly on SIGINT or SIGTERM.",
		Action: f.daemonAction(runF),
	}
}

func runDaemon(ctx context.Context, o *daemonOptions) error {
	e, err := o.Env()
	if err != nil {
		return err
	}
	err = daemon.Run(ctx, daemon.Options{
		Paths: e.paths, Config: e.cfg, Version: version,
		Logger: slog.New(slog.NewTextHandler(o.IO.Err, nil)),
	})
	if errors.Is(err, daemon.ErrAlreadyRunning) {
		return fmt.Errorf("%w; stop it first with: ticket-master daemon stop", err)
	}
	return err
}

func newDaemonStartCmd(f *factory, runF func(context.Context, *daemonOptions) error) *cli.Command {
	if runF == nil {
		runF = runDaemonStart
	}
	return &cli.Command{
		Name:   "start",
		Usage:  "start the daemon unless it runs: through the OS service when installed, detached otherwise",
		Action: f.daemonAction(runF),
	}
}

func runDaemonStart(ctx context.Context, o *daemonOptions) error {
	e, err := o.Env()
	if err != nil {
		return err
	}
	what, err := ensureDaemon(ctx, e, o.IO)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "daemon %s\n", what)
	return nil
}

func newDaemonStopCmd(f *factory, runF func(context.Context, *daemonOptions) error) *cli.Command {
	if runF == nil {
		runF = runDaemonStop
	}
	return &cli.Command{
		Name:  "stop",
		Usage: "stop the running daemon (its OS service too, when installed)",
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			o := f.daemonOptions()
			o.Env = f.EnvAny // stopping must work on a broken config.yaml
			return runF(c.Context, &o)
		},
	}
}

func runDaemonStop(ctx context.Context, o *daemonOptions) error {
	s, _, err := o.starter()
	if err != nil {
		// Stopping always works: without the service manager, stop the
		// detached daemon.
		e, err := o.Env()
		if err != nil {
			return err
		}
		s = &daemon.Starter{Paths: e.paths}
	}
	what, _, err := s.Stop(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "daemon %s\n", what)
	return nil
}

type daemonSyncOptions struct {
	IO      *IO
	Store   func() (*store.Store, error)
	Daemon  func(timeout time.Duration) (*daemon.Client, error)
	Path    string // "" for every repository
	Timeout time.Duration
	Model   bool // wait for the model's rewrite too
	JSON    bool
}

func newDaemonSyncCmd(f *factory, runF func(context.Context, *daemonSyncOptions) error) *cli.Command {
	if runF == nil {
		runF = runDaemonSync
	}
	return &cli.Command{
		Name:      "sync",
		Usage:     "reconcile now and wait until done (all repositories, or the one at PATH)",
		ArgsUsage: "[PATH]",
		Description: "Sync is for scripts that commit and then want the drafts: it returns once\n" +
			"the daemon has analysed every commit made before it was called and, unless\n" +
			"--no-model, once the model has rewritten the template drafts (when Ollama\n" +
			"answers; otherwise the template drafts stand and sync says why).",
		Flags: []cli.Flag{
			&cli.DurationFlag{Name: "timeout", Value: 10 * time.Minute, Usage: "give up after `DURATION`"},
			&cli.BoolFlag{Name: "no-model", Usage: "do not wait for the model to rewrite drafts"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("daemon sync takes at most one PATH")
			}
			if c.Duration("timeout") <= 0 {
				return usagef("--timeout must be more than 0")
			}
			return runF(c.Context, &daemonSyncOptions{
				IO: f.IO, Store: f.Store, Daemon: f.Daemon, Path: c.Args().First(),
				Timeout: c.Duration("timeout"), Model: !c.Bool("no-model"), JSON: c.Bool("json"),
			})
		},
	}
}

func runDaemonSync(ctx context.Context, o *daemonSyncOptions) error {
	repo := ""
	if o.Path != "" {
		// The daemon runs elsewhere: name the repository by its ID, found
		// from here, so that "." and subfolders mean what they say.
		st, err := o.Store()
		if err != nil {
			return err
		}
		rec, err := daemon.FindRepo(ctx, st, o.Path)
		if err != nil {
			return err
		}
		repo = rec.ID
	}
	c, err := o.Daemon(o.Timeout)
	if err != nil {
		return err
	}
	resp, err := c.Reconcile(ctx, daemon.ReconcileRequest{Repo: repo, Wait: true, Drafts: o.Model})
	if err != nil {
		return err
	}
	var failed []error
	for _, r := range resp.Repos {
		if r.Error != "" {
			failed = append(failed, fmt.Errorf("%s: %s", r.Path, r.Error))
		}
	}
	if o.JSON {
		if err := writeJSON(o.IO, resp); err != nil {
			return err
		}
		return errors.Join(failed...)
	}
	for _, r := range resp.Repos {
		if r.Error == "" {
			fmt.Fprintf(o.IO.Out, "synced %s\n", r.Path)
		}
	}
	if o.Model && resp.LLM.State != daemon.LLMOff {
		if resp.LLMError != "" {
			fmt.Fprintf(o.IO.Out, "model: %s; template drafts stand until it answers\n", resp.LLMError)
		} else {
			fmt.Fprintf(o.IO.Out, "model: %s rewrote %s so far\n", resp.LLM.Model, plural(resp.LLM.Redrafted, "draft"))
		}
	}
	return errors.Join(failed...)
}
