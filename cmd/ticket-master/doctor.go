package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
)

type doctorOptions struct {
	IO   *IO
	JSON bool
	// Checks runs the checks; the command runs daemon.Doctor.
	Checks func(ctx context.Context) ([]daemon.Check, error)
	// Repair, with --fix, repairs the database first; the command runs
	// daemon.RepairDatabase.
	Repair func(ctx context.Context) ([]daemon.Repair, error)
}

func newDoctorCmd(f *factory, runF func(context.Context, *doctorOptions) error) *cli.Command {
	if runF == nil {
		runF = runDoctor
	}
	return &cli.Command{
		Name:  "doctor",
		Usage: "check git, the database, the daemon, Ollama and the model, and the hooks; print the fix for each problem",
		Description: "Doctor exits 1 when something is broken. Notes (no Ollama, hooks left to\n" +
			"another manager, a model whose context window is smaller than llm.num_ctx)\n" +
			"do not change the exit code.\n\n" +
			"With --fix it first repairs the database: a damaged or missing one is set\n" +
			"aside (kept, named with the time) and its backup restored; issues published\n" +
			"since the backup are found on GitHub by their hidden markers, and the daemon\n" +
			"analyses again the commits made since. Without a backup it starts a new\n" +
			"database and enrolls again the repositories it can find. A healthy\n" +
			"database is compacted and backed up.\n\n" +
			"Examples:\n  ticket-master doctor\n  ticket-master doctor --fix",
		Flags: []cli.Flag{
			jsonFlag(),
			&cli.BoolFlag{Name: "fix", Usage: "repair the database (restore its backup, or compact it) before checking"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("doctor takes no arguments")
			}
			o := &doctorOptions{
				IO: f.IO, JSON: c.Bool("json"),
				Checks: func(ctx context.Context) ([]daemon.Check, error) {
					// Doctor reports a broken config.yaml itself, as its first check.
					e, err := f.envFor(reportConfig)
					if err != nil {
						return nil, err
					}
					return append([]daemon.Check{configCheck(e)},
						daemon.Doctor(ctx, daemon.DoctorOptions{Paths: e.paths, Config: e.cfg, Getenv: f.IO.Getenv})...), nil
				},
			}
			if c.Bool("fix") {
				o.Repair = func(ctx context.Context) ([]daemon.Repair, error) {
					e, err := f.envFor(reportConfig)
					if err != nil {
						return nil, err
					}
					return daemon.RepairDatabase(ctx, daemon.RepairOptions{Paths: e.paths, Config: e.cfg, Publisher: f.Publishers()})
				}
			}
			return runF(c.Context, o)
		},
	}
}

func runDoctor(ctx context.Context, o *doctorOptions) error {
	var repairs []daemon.Repair
	if o.Repair != nil {
		var err error
		if repairs, err = o.Repair(ctx); err != nil {
			return fmt.Errorf("repair the database: %w", err)
		}
	}
	checks, err := o.Checks(ctx)
	if err != nil {
		return err
	}
	failed := 0
	for _, c := range checks {
		if !c.OK {
			failed++
		}
	}
	switch {
	case o.JSON && o.Repair != nil:
		err = writeJSON(o.IO, struct {
			Repairs []daemon.Repair `json:"repairs"`
			Checks  []daemon.Check  `json:"checks"`
		}{repairs, checks})
	case o.JSON:
		err = writeJSON(o.IO, checks)
	default:
		printRepairs(o.IO, repairs)
		printChecks(o.IO, checks)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return errors.New(plural(failed, "problem") + " found (fixes above)")
	}
	return nil
}

func printRepairs(ios *IO, repairs []daemon.Repair) {
	cs := ios.colors()
	for _, r := range repairs {
		mark := cs.green("fixed")
		if r.Failed {
			mark = cs.red("NOT  ")
		}
		fmt.Fprintf(ios.Out, "%s %-10s %s\n", mark, r.What, r.Detail)
		if r.Fix != "" {
			fmt.Fprintf(ios.Out, "      %-10s next: %s\n", "", r.Fix)
		}
	}
	if len(repairs) > 0 {
		fmt.Fprintln(ios.Out)
	}
}

func printChecks(ios *IO, checks []daemon.Check) {
	cs := ios.colors()
	for _, c := range checks {
		mark := cs.green("ok  ")
		switch {
		case !c.OK:
			mark = cs.red("FAIL")
		case c.Warn:
			mark = cs.yellow("note")
		}
		fmt.Fprintf(ios.Out, "%s  %-10s %s\n", mark, c.Name, c.Detail)
		if c.Fix != "" {
			fmt.Fprintf(ios.Out, "      %-10s fix: %s\n", "", c.Fix)
		}
	}
}
