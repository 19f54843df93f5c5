package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
)

func daemonCommand(ios *IO) *cli.Command {
	return &cli.Command{
		Name:  "daemon",
		Usage: "run, start, stop, sync, install or inspect the background service",
		Subcommands: append([]*cli.Command{
			{
				Name:  "run",
				Usage: "run the service in the foreground (what `daemon start` and OS services run)",
				Description: "The service listens on a Unix socket for nudges from hooks, reconciles every\n" +
					"enrolled repository at start-up and every daemon.reconcile_interval, and\n" +
					"stops cleanly on SIGINT or SIGTERM.",
				Action: func(c *cli.Context) error { return runDaemon(c.Context, ios) },
			},
			{
				Name:  "start",
				Usage: "start the daemon unless it runs: through the OS service when installed, detached otherwise",
				Action: func(c *cli.Context) error {
					e, err := loadEnv(ios)
					if err != nil {
						return err
					}
					what, err := ensureDaemon(c.Context, e, ios)
					if err != nil {
						return err
					}
					fmt.Fprintf(ios.Out, "daemon %s\n", what)
					return nil
				},
			},
			{
				Name:  "stop",
				Usage: "stop the running daemon (its OS service too, when installed)",
				Action: func(c *cli.Context) error {
					e, err := loadEnv(ios)
					if err != nil {
						return err
					}
					if m, err := serviceManager(e, ios); err == nil && m != nil {
						if st, err := m.Status(); err == nil && st.Installed && st.Running {
							if err := m.Stop(); err != nil {
								return err
							}
							fmt.Fprintf(ios.Out, "daemon stopped (%s)\n", st.Manager)
							return nil
						}
					}
					stopped, err := daemon.Stop(c.Context, e.paths)
					if err != nil {
						return err
					}
					if stopped {
						fmt.Fprintln(ios.Out, "daemon stopped")
					} else {
						fmt.Fprintln(ios.Out, "daemon was not running")
					}
					return nil
				},
			},
			{
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
				},
				Action: func(c *cli.Context) error {
					if c.NArg() > 1 {
						return usagef("daemon sync takes at most one PATH")
					}
					return runDaemonSync(c.Context, ios, c.Args().First(), c.Duration("timeout"), !c.Bool("no-model"))
				},
			},
		}, serviceCommands(ios)...),
	}
}

func runDaemon(ctx context.Context, ios *IO) error {
	e, err := loadEnv(ios)
	if err != nil {
		return err
	}
	err = daemon.Run(ctx, daemon.Options{
		Paths: e.paths, Config: e.cfg, Version: version,
		Logger: slog.New(slog.NewTextHandler(ios.Err, nil)),
	})
	if errors.Is(err, daemon.ErrAlreadyRunning) {
		return fmt.Errorf("%w; stop it first with: ticket-master daemon stop", err)
	}
	return err
}

func runDaemonSync(ctx context.Context, ios *IO, path string, timeout time.Duration, model bool) error {
	e, err := loadEnv(ios)
	if err != nil {
		return err
	}
	if path != "" {
		// The daemon runs elsewhere: name the repository by its ID, found
		// from here, so that "." and subfolders mean what they say.
		st, err := e.openStore()
		if err != nil {
			return err
		}
		rec, err := daemon.FindRepo(ctx, st, path)
		if err != nil {
			return err
		}
		path = rec.ID
	}
	c := daemon.NewClient(e.paths.Socket(), timeout)
	resp, err := c.Reconcile(ctx, daemon.ReconcileRequest{Repo: path, Wait: true, Drafts: model})
	if err != nil {
		return err
	}
	var failed []error
	for _, r := range resp.Repos {
		if r.Error != "" {
			failed = append(failed, fmt.Errorf("%s: %s", r.Path, r.Error))
			continue
		}
		fmt.Fprintf(ios.Out, "synced %s\n", r.Path)
	}
	if model && resp.LLM.State != daemon.LLMOff {
		if resp.LLMError != "" {
			fmt.Fprintf(ios.Out, "model: %s; template drafts stand until it answers\n", resp.LLMError)
		} else {
			fmt.Fprintf(ios.Out, "model: %s rewrote %d drafts so far\n", resp.LLM.Model, resp.LLM.Redrafted)
		}
	}
	return errors.Join(failed...)
}
