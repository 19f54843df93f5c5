package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/review"
	"github.com/ticket-master/ticket-master/store"
)

type publishOptions struct {
	IO    *IO
	Store func() (*store.Store, error)
	// Publishers gives the publisher for a GitHub host.
	Publishers func() review.PublisherFor
	IDs        []uint64
	All        bool
	Repo       string
	Yes        bool
	DryRun     bool
	JSON       bool
}

func newPublishCmd(f *factory, runF func(context.Context, *publishOptions) error) *cli.Command {
	if runF == nil {
		runF = runPublish
	}
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
			o := &publishOptions{IO: f.IO, Store: f.Store, Publishers: f.Publishers, All: c.Bool("all"), Repo: c.String("repo"), Yes: c.Bool("yes"),
				DryRun: c.Bool("dry-run"), JSON: c.Bool("json")}
			ids, err := draftIDs(c.Args().Slice())
			if err != nil {
				return err
			}
			o.IDs = ids
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
			return runF(c.Context, o)
		},
	}
}

func runPublish(ctx context.Context, o *publishOptions) error {
	st, err := o.Store()
	if err != nil {
		return err
	}
	drafts, err := selectDrafts(ctx, st, o)
	if err != nil {
		return err
	}
	if o.DryRun {
		digests, err := dueDigests(ctx, st, o)
		if err != nil {
			return err
		}
		return printDryRun(ctx, o, st, drafts, digests)
	}
	publishing := &review.Publishing{Store: st, Publisher: o.Publishers()}
	if len(drafts) == 0 {
		updated, err := updateDigests(ctx, o, st, publishing)
		if err != nil {
			return err
		}
		if o.JSON {
			return writeJSON(o.IO, []any{})
		}
		if updated == 0 {
			fmt.Fprintln(o.IO.Out, "No pending drafts to publish.")
		}
		return nil
	}
	var done []review.Published
	var failed []error
	stopped := false
	for _, d := range drafts {
		res, err := publishing.Publish(ctx, d.ID)
		if errors.Is(err, review.ErrSkipped) {
			// Another ticket-master process has it: not a failure.
			if !o.JSON {
				fmt.Fprintf(o.IO.Err, "ticket-master: skipped: %v\n", err)
			}
			continue
		}
		if err != nil {
			failed = append(failed, err)
			if !o.JSON {
				fmt.Fprintf(o.IO.Err, "ticket-master: %v (the draft stays pending)\n", err)
			}
			if ctx.Err() != nil || isFatal(err) {
				stopped = true
				break // no point trying the rest (or the digests) with a bad token
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
	var digestErr error
	if !stopped {
		_, digestErr = updateDigests(ctx, o, st, publishing)
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
		// After a fatal error the rest were not even tried: count them.
		return fmt.Errorf("%d of %s not published", len(drafts)-len(done), plural(len(drafts), "draft"))
	}
	return digestErr
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

func printDryRun(ctx context.Context, o *publishOptions, st *store.Store, drafts, digests []store.Draft) error {
	if o.JSON {
		views := make([]draftView, 0, len(drafts))
		for _, d := range drafts {
			views = append(views, viewOf(d))
		}
		return writeJSON(o.IO, views)
	}
	if len(drafts) == 0 && len(digests) == 0 {
		fmt.Fprintln(o.IO.Out, "No pending drafts to publish.")
		return nil
	}
	recs := map[string]store.Repo{}
	_ = st.View(func(tx *store.Tx) error {
		for _, d := range append(drafts, digests...) {
			if r, err := tx.Repo(d.RepoID); err == nil {
				recs[d.RepoID] = r
			}
		}
		return nil
	})
	for _, d := range digests {
		fmt.Fprintf(o.IO.Out, "Would update the maintenance digest #%d: %s (dry run: nothing is sent)\n", d.Issue, d.IssueURL)
		if err := review.CheckPublishable(ctx, d, recs[d.RepoID]); err != nil {
			fmt.Fprintf(o.IO.Out, "  held:   %v\n", err)
		}
	}
	if len(drafts) == 0 {
		return nil
	}
	fmt.Fprintf(o.IO.Out, "Would create %s (dry run: nothing is sent):\n", plural(len(drafts), "issue"))
	for _, d := range drafts {
		rec := recs[d.RepoID]
		to := rec.GitHub()
		if to == "" {
			to = "nowhere: " + d.Repo + " has no GitHub repository (enroll it with --github OWNER/REPO)"
		}
		fmt.Fprintf(o.IO.Out, "\n  draft %d → %s\n  title:  %s\n  labels: %s\n", d.ID, to, d.Title, strings.Join(d.Labels, ", "))
		if rec.GitHub() != "" {
			if err := review.CheckPublishable(ctx, d, rec); err != nil {
				fmt.Fprintf(o.IO.Out, "  held:   %v\n", err)
			}
		}
	}
	return nil
}

// dueDigests lists the published maintenance digests whose checklist
// changed since (of the --repo repository, or every one): what
// `publish --all` would update. Publishing by ID updates none.
func dueDigests(ctx context.Context, st *store.Store, o *publishOptions) ([]store.Draft, error) {
	if !o.All {
		return nil, nil
	}
	filter := store.DraftFilter{State: store.DraftPublished}
	if o.Repo != "" {
		rec, err := daemon.FindRepo(ctx, st, o.Repo)
		if err != nil {
			return nil, err
		}
		filter.RepoID = rec.ID
	}
	var due []store.Draft
	err := st.View(func(tx *store.Tx) error {
		ds, err := tx.Drafts(filter)
		for _, d := range ds {
			if d.Digest && d.NeedsUpdate && d.Issue != 0 {
				due = append(due, d)
			}
		}
		return err
	})
	return due, err
}

// updateDigests brings published maintenance digests up to date on GitHub
// after `publish --all` (of the --repo repository, or every one): the
// digest stays one issue whose checklist follows the findings. It returns
// how many it updated; a digest it could not update fails the command.
func updateDigests(ctx context.Context, o *publishOptions, st *store.Store, p *review.Publishing) (int, error) {
	if !o.All {
		return 0, nil
	}
	repoID := ""
	if o.Repo != "" {
		rec, err := daemon.FindRepo(ctx, st, o.Repo)
		if err != nil {
			return 0, err
		}
		repoID = rec.ID
	}
	ups, err := p.UpdateDigests(ctx, repoID)
	if err != nil {
		return 0, err
	}
	updated, failed := 0, 0
	for _, u := range ups {
		if u.Error != "" {
			failed++
			fmt.Fprintf(o.IO.Err, "ticket-master: could not update the maintenance digest #%d: %s\n", u.Draft.Issue, u.Error)
			continue
		}
		updated++
		if !o.JSON {
			fmt.Fprintf(o.IO.Out, "Updated the maintenance digest #%d: %s\n", u.Draft.Issue, u.Draft.IssueURL)
		}
	}
	if failed > 0 {
		return updated, fmt.Errorf("%d of %s not updated (it stays due: publish --all tries again)", failed, plural(len(ups), "maintenance digest"))
	}
	return updated, nil
}
