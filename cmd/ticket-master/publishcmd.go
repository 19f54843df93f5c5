package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/review"
	"github.com/ticket-master/ticket-master/store"
)

type publishOptions struct {
	IO     *IO
	IDs    []uint64
	All    bool
	Repo   string
	Yes    bool
	DryRun bool
	JSON   bool
}

func publishCommand(ios *IO) *cli.Command {
	return &cli.Command{
		Name:      "publish",
		Usage:     "publish drafts to GitHub without the review prompts",
		ArgsUsage: "[ID...]",
		Description: "Examples:\n  ticket-master publish 3 5\n  ticket-master publish --all --repo . --yes\n" +
			"  ticket-master publish --all --dry-run\n\n" +
			"Issues are created at most one every github.pace (3s by default). A draft that\n" +
			"fails stays pending and the others go on. Publishing twice never creates two\n" +
			"issues: each body carries a hidden marker that is looked for after a crash.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "all", Usage: "every pending draft (with --repo, of that repository)"},
			&cli.StringFlag{Name: "repo", Usage: "with --all, only drafts of the repository at `PATH`"},
			&cli.BoolFlag{Name: "yes", Aliases: []string{"y"}, Usage: "with --all, do not ask for confirmation"},
			&cli.BoolFlag{Name: "dry-run", Usage: "show what would be created and create nothing"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			o := &publishOptions{IO: ios, All: c.Bool("all"), Repo: c.String("repo"), Yes: c.Bool("yes"),
				DryRun: c.Bool("dry-run"), JSON: c.Bool("json")}
			for _, a := range c.Args().Slice() {
				id, err := strconv.ParseUint(strings.TrimPrefix(a, "#"), 10, 64)
				if err != nil || id == 0 {
					return usagef("%q is not a draft ID: IDs are the numbers drafts list shows", a)
				}
				o.IDs = append(o.IDs, id)
			}
			switch {
			case o.All && len(o.IDs) > 0:
				return usagef("give draft IDs or --all, not both")
			case !o.All && len(o.IDs) == 0:
				return usagef("publish needs draft IDs or --all (see: ticket-master drafts list)")
			case o.Repo != "" && !o.All:
				return usagef("--repo goes with --all")
			case o.All && !o.Yes && !o.DryRun:
				return usagef("publish --all creates issues without review: add --yes to confirm, or --dry-run to see them first")
			}
			return runPublish(c.Context, o)
		},
	}
}

func runPublish(ctx context.Context, o *publishOptions) error {
	e, st, err := loadStore(o.IO)
	if err != nil {
		return err
	}
	drafts, err := selectDrafts(ctx, st, o)
	if err != nil {
		return err
	}
	if len(drafts) == 0 {
		if o.JSON {
			return writeJSON(o.IO, []any{})
		}
		fmt.Fprintln(o.IO.Out, "No pending drafts to publish.")
		return nil
	}
	if o.DryRun {
		return printDryRun(o, st, drafts)
	}
	publishing := &review.Publishing{Store: st, Publisher: publisherFor(e, o.IO)}
	var done []review.Published
	var failed []error
	for _, d := range drafts {
		res, err := publishing.Publish(ctx, d.ID)
		if err != nil {
			failed = append(failed, err)
			if !o.JSON {
				fmt.Fprintf(o.IO.Err, "ticket-master: %v (the draft stays pending)\n", err)
			}
			if ctx.Err() != nil || isFatal(err) {
				break // no point trying the rest with a bad token
			}
			continue
		}
		done = append(done, res)
		if !o.JSON {
			verb := "Published"
			if res.Publication.Found {
				verb = "Found already published"
			}
			fmt.Fprintf(o.IO.Out, "%s draft %d as #%d: %s\n", verb, d.ID, res.Publication.Number, res.Publication.URL)
			if len(res.Publication.Missing) > 0 {
				fmt.Fprintf(o.IO.Out, "  labels left off (not in the repository; github.create_labels: true creates them): %s\n", strings.Join(res.Publication.Missing, ", "))
			}
		}
	}
	if o.JSON {
		if done == nil {
			done = []review.Published{}
		}
		if err := writeJSON(o.IO, done); err != nil {
			return err
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d drafts not published", len(failed), len(drafts))
	}
	return nil
}

func selectDrafts(ctx context.Context, st *store.Store, o *publishOptions) ([]store.Draft, error) {
	var out []store.Draft
	filter := store.DraftFilter{State: store.DraftPending}
	if o.Repo != "" {
		rec, err := daemon.FindRepo(ctx, st, o.Repo)
		if err != nil {
			return nil, err
		}
		filter.RepoID = rec.ID
	}
	err := st.View(func(tx *store.Tx) error {
		if o.All {
			var err error
			out, err = tx.Drafts(filter)
			return err
		}
		for _, id := range o.IDs {
			d, err := tx.Draft(id)
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("draft %d does not exist (see: ticket-master drafts list --state all)", id)
			}
			if err != nil {
				return err
			}
			if d.State != store.DraftPending {
				return fmt.Errorf("draft %d is %s, not pending", id, d.State)
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

func printDryRun(o *publishOptions, st *store.Store, drafts []store.Draft) error {
	if o.JSON {
		views := make([]draftView, 0, len(drafts))
		for _, d := range drafts {
			views = append(views, viewOf(d))
		}
		return writeJSON(o.IO, views)
	}
	fmt.Fprintf(o.IO.Out, "Would create %s (dry run: nothing is sent):\n", plural(len(drafts), "issue"))
	targets := map[string]string{}
	_ = st.View(func(tx *store.Tx) error {
		for _, d := range drafts {
			if r, err := tx.Repo(d.RepoID); err == nil {
				targets[d.RepoID] = r.GitHub()
			}
		}
		return nil
	})
	for _, d := range drafts {
		to := targets[d.RepoID]
		if to == "" {
			to = "nowhere: " + d.Repo + " has no GitHub repository (enroll it with --github OWNER/REPO)"
		}
		fmt.Fprintf(o.IO.Out, "\n  draft %d → %s\n  title:  %s\n  labels: %s\n", d.ID, to, d.Title, strings.Join(d.Labels, ", "))
	}
	return nil
}
