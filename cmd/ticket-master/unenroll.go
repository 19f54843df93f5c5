package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/store"
)

type unenrollOptions struct {
	IO    *IO
	Store func() (*store.Store, error)
	Path  string
	Purge bool
	JSON  bool
}

func newUnenrollCmd(f *factory, runF func(context.Context, *unenrollOptions) error) *cli.Command {
	if runF == nil {
		runF = runUnenroll
	}
	return &cli.Command{
		Name:      "unenroll",
		Usage:     "stop watching a repository and remove its hooks",
		ArgsUsage: "[PATH]",
		Description: "Unenroll removes ticket-master's hooks and puts back, byte for byte, any hook\n" +
			"that was there before. Drafts stay reviewable unless --purge deletes\n" +
			"everything recorded about the repository. A repository that was moved or\n" +
			"deleted can be unenrolled by its old path.\n\n" +
			"Example:\n  ticket-master unenroll ~/src/gadgets --purge",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "purge", Usage: "also delete its findings and drafts"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			path, err := argPath(c)
			if err != nil {
				return err
			}
			return runF(c.Context, &unenrollOptions{IO: f.IO, Store: f.StoreAny, Path: path, Purge: c.Bool("purge"), JSON: c.Bool("json")})
		},
	}
}

func runUnenroll(ctx context.Context, o *unenrollOptions) error {
	st, err := o.Store()
	if err != nil {
		return err
	}
	res, err := daemon.Unenroll(ctx, st, o.Path, o.Purge)
	if err != nil {
		return err
	}
	if o.JSON {
		return writeJSON(o.IO, res)
	}
	fmt.Fprintf(o.IO.Out, "Unenrolled %s\n", res.Repo.Path)
	for _, a := range res.Hooks {
		fmt.Fprintf(o.IO.Out, "  hook: %-13s %s\n", a.Hook, a.What)
	}
	if res.HooksError != "" {
		fmt.Fprintf(o.IO.Out, "  hooks: %s\n", res.HooksError)
	}
	if res.Purged {
		fmt.Fprintln(o.IO.Out, "  findings and drafts deleted")
	} else {
		fmt.Fprintln(o.IO.Out, "  its drafts stay in `ticket-master drafts list`; --purge deletes them")
	}
	return nil
}
