package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/review"
	"github.com/ticket-master/ticket-master/store"
)

type draftsDiscardOptions struct {
	IO    *IO
	Store func() (*store.Store, error)
	IDs   []uint64
	// All discards every pending draft of Selection instead of IDs.
	All       bool
	Selection selection
}

func newDraftsDiscardCmd(f *factory, runF func(context.Context, *draftsDiscardOptions) error) *cli.Command {
	if runF == nil {
		runF = runDraftsDiscard
	}
	return &cli.Command{
		Name:      "discard",
		Usage:     "discard drafts; their findings are not suggested again (drafts restore undoes it)",
		ArgsUsage: "ID... | --all --kind KIND",
		Description: "Examples:\n  ticket-master drafts discard 3 5\n" +
			"  ticket-master drafts discard --all --kind untested  # in the repository you are in",
		Flags: append(selectionFlags(),
			&cli.BoolFlag{Name: "all", Usage: "every pending draft that --kind, --label and --repo select"},
		),
		Action: func(c *cli.Context) error {
			ids, err := draftIDs(c.Args().Slice())
			if err != nil {
				return err
			}
			sel, err := selectionOf(c)
			if err != nil {
				return err
			}
			sel.State = store.DraftPending
			o := &draftsDiscardOptions{IO: f.IO, Store: f.StoreAny, IDs: ids, All: c.Bool("all"), Selection: sel}
			filtered := sel.Kind != "" || sel.Label != "" || sel.Repo != "" || sel.AllRepos
			switch {
			case o.All && len(ids) > 0:
				return usagef("give draft IDs or --all, not both")
			case !o.All && len(ids) == 0:
				return usagef("drafts discard needs draft IDs, or --all with --kind or --label (see: ticket-master drafts list)")
			case !o.All && filtered:
				return usagef("--kind, --label, --repo and --all-repos go with --all")
			case o.All && sel.Kind == "" && sel.Label == "":
				return usagef("--all needs --kind or --label: say which drafts to discard")
			}
			return runF(c.Context, o)
		},
	}
}

func runDraftsDiscard(ctx context.Context, o *draftsDiscardOptions) error {
	st, err := o.Store()
	if err != nil {
		return err
	}
	ids := o.IDs
	if o.All {
		sel, err := o.Selection.load(ctx, st)
		if err != nil {
			return err
		}
		if note := hereNote(sel); note != "" {
			fmt.Fprintln(o.IO.Out, note)
		}
		if len(sel.Drafts) == 0 {
			fmt.Fprintf(o.IO.Out, "No %s to discard.\n", o.Selection.describe())
			return nil
		}
		ids = nil
		for _, d := range sel.Drafts {
			ids = append(ids, d.ID)
		}
	}
	return eachDraft(o.IO, st, ids, "discarded", func(id uint64) (store.Draft, error) {
		return review.Discard(st, id)
	})
}

type draftsRestoreOptions struct {
	IO    *IO
	Store func() (*store.Store, error)
	IDs   []uint64
}

func newDraftsRestoreCmd(f *factory, runF func(context.Context, *draftsRestoreOptions) error) *cli.Command {
	if runF == nil {
		runF = runDraftsRestore
	}
	return &cli.Command{
		Name:        "restore",
		Usage:       "undo a discard: the draft is pending again",
		ArgsUsage:   "ID...",
		Description: "Example:\n  ticket-master drafts restore 3",
		Action: func(c *cli.Context) error {
			ids, err := draftIDs(c.Args().Slice())
			if err != nil {
				return err
			}
			if len(ids) == 0 {
				return usagef("drafts restore needs draft IDs (see: ticket-master drafts list --state discarded)")
			}
			return runF(c.Context, &draftsRestoreOptions{IO: f.IO, Store: f.StoreAny, IDs: ids})
		},
	}
}

func runDraftsRestore(_ context.Context, o *draftsRestoreOptions) error {
	st, err := o.Store()
	if err != nil {
		return err
	}
	return eachDraft(o.IO, st, o.IDs, "restored", func(id uint64) (store.Draft, error) {
		return review.Restore(st, id)
	})
}

// eachDraft applies do to each draft and reports each outcome ("Discarded
// draft 3: ..."); one that fails does not stop the others, and the command
// then fails.
func eachDraft(ios *IO, st *store.Store, ids []uint64, done string, do func(uint64) (store.Draft, error)) error {
	var failed []error
	for _, id := range ids {
		if _, err := loadDraft(st, id); err != nil {
			failed = append(failed, err)
			continue
		}
		d, err := do(id)
		if err != nil {
			failed = append(failed, err)
			continue
		}
		fmt.Fprintf(ios.Out, "%s draft %d: %s\n", capitalize(done), id, d.Title)
	}
	switch {
	case len(failed) == 0:
		return nil
	case len(ids) == 1:
		return failed[0]
	}
	for _, err := range failed {
		fmt.Fprintf(ios.Err, "ticket-master: %v\n", err)
	}
	return fmt.Errorf("%d of %d drafts not %s (see above)", len(failed), len(ids), done)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
