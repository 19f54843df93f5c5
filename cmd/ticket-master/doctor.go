package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
)

func doctorCommand(ios *IO) *cli.Command {
	return &cli.Command{
		Name:  "doctor",
		Usage: "check git, the database, the daemon, Ollama and the model, and the hooks; print the fix for each problem",
		Description: "Doctor exits 1 when something is broken. Warnings (for example a model whose\n" +
			"context window is smaller than llm.num_ctx) do not change the exit code.\n\n" +
			"Example:\n  ticket-master doctor",
		Flags: []cli.Flag{jsonFlag()},
		Action: func(c *cli.Context) error {
			return runDoctor(c.Context, ios, c.Bool("json"))
		},
	}
}

func runDoctor(ctx context.Context, ios *IO, asJSON bool) error {
	e, err := loadEnv(ios)
	if err != nil {
		return err
	}
	checks := daemon.Doctor(ctx, daemon.DoctorOptions{Paths: e.paths, Config: e.cfg, Getenv: ios.Getenv})
	failed := 0
	for _, c := range checks {
		if !c.OK {
			failed++
		}
	}
	if asJSON {
		if err := writeJSON(ios, checks); err != nil {
			return err
		}
	} else {
		for _, c := range checks {
			mark := "ok  "
			switch {
			case !c.OK:
				mark = "FAIL"
			case c.Warn:
				mark = "note"
			}
			fmt.Fprintf(ios.Out, "%s  %-10s %s\n", mark, c.Name, c.Detail)
			if c.Fix != "" {
				fmt.Fprintf(ios.Out, "      %-10s fix: %s\n", "", c.Fix)
			}
		}
	}
	if failed > 0 {
		return errors.New(plural(failed, "problem") + " found (fixes above)")
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
