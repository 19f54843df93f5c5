package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/review"
	"github.com/ticket-master/ticket-master/store"
)

// draftView is a draft as `drafts list --json` and `drafts show --json`
// print it: the stored record plus its main fingerprint.
type draftView struct {
	store.Draft
	Fingerprint string `json:"fingerprint"`
}

func viewOf(d store.Draft) draftView { return draftView{Draft: d, Fingerprint: d.Fingerprint()} }

func draftsCommand(ios *IO) *cli.Command {
	return &cli.Command{
		Name:  "drafts",
		Usage: "list, show and discard issue drafts",
		Subcommands: []*cli.Command{
			{
				Name:        "list",
				Usage:       "list drafts (pending ones unless --state says otherwise)",
				Description: "Example:\n  ticket-master drafts list --repo . --state all --json",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "repo", Usage: "only drafts of the repository at `PATH`"},
					&cli.StringFlag{Name: "state", Value: store.DraftPending,
						Usage: "`STATE`: " + strings.Join(store.DraftStates(), ", ") + ", or all"},
					jsonFlag(),
				},
				Action: func(c *cli.Context) error {
					if c.NArg() > 0 {
						return usagef("drafts list takes no arguments (use --repo PATH)")
					}
					return runDraftsList(c.Context, &draftsListOptions{
						IO: ios, Repo: c.String("repo"), State: c.String("state"), JSON: c.Bool("json"),
					})
				},
			},
			{
				Name:        "show",
				Usage:       "show one draft in full",
				ArgsUsage:   "ID",
				Description: "Example:\n  ticket-master drafts show 3",
				Flags:       []cli.Flag{jsonFlag()},
				Action: func(c *cli.Context) error {
					id, err := draftID(c)
					if err != nil {
						return err
					}
					return runDraftsShow(c.Context, ios, id, c.Bool("json"))
				},
			},
			{
				Name:        "discard",
				Usage:       "discard a draft; its finding is not suggested again",
				ArgsUsage:   "ID",
				Description: "Example:\n  ticket-master drafts discard 3",
				Action: func(c *cli.Context) error {
					id, err := draftID(c)
					if err != nil {
						return err
					}
					return runDraftsDiscard(c.Context, ios, id)
				},
			},
		},
	}
}

func draftID(c *cli.Context) (uint64, error) {
	if c.NArg() != 1 {
		return 0, usagef("%s needs one draft ID (see: ticket-master drafts list)", c.Command.FullName())
	}
	id, err := strconv.ParseUint(strings.TrimPrefix(c.Args().First(), "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, usagef("%q is not a draft ID: IDs are the numbers drafts list shows", c.Args().First())
	}
	return id, nil
}

type draftsListOptions struct {
	IO    *IO
	Repo  string
	State string
	JSON  bool
}

func runDraftsList(ctx context.Context, o *draftsListOptions) error {
	state := o.State
	if state == "all" {
		state = ""
	} else if !slices.Contains(store.DraftStates(), state) {
		return usagef("--state %q: use one of %s, or all", o.State, strings.Join(store.DraftStates(), ", "))
	}
	_, st, err := loadStore(o.IO)
	if err != nil {
		return err
	}
	filter := store.DraftFilter{State: state}
	if o.Repo != "" {
		rec, err := daemon.FindRepo(ctx, st, o.Repo)
		if err != nil {
			return err
		}
		filter.RepoID = rec.ID
	}
	var drafts []store.Draft
	err = st.View(func(tx *store.Tx) (err error) {
		drafts, err = tx.Drafts(filter)
		return err
	})
	if err != nil {
		return err
	}
	if o.JSON {
		views := make([]draftView, 0, len(drafts))
		for _, d := range drafts {
			views = append(views, viewOf(d))
		}
		return writeJSON(o.IO, views)
	}
	if len(drafts) == 0 {
		if state == "" {
			fmt.Fprintln(o.IO.Out, "No drafts.")
		} else {
			fmt.Fprintf(o.IO.Out, "No %s drafts.\n", state)
		}
		return nil
	}
	tw := tabwriter.NewWriter(o.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tREPO\tLABELS\tTITLE")
	for _, d := range drafts {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", d.ID, d.State, filepath.Base(d.Repo), strings.Join(d.Labels, ","), d.Title)
	}
	return tw.Flush()
}

func loadDraft(ios *IO, id uint64) (*store.Store, store.Draft, error) {
	e, err := loadEnv(ios)
	if err != nil {
		return nil, store.Draft{}, err
	}
	st, err := e.openStore()
	if err != nil {
		return nil, store.Draft{}, err
	}
	var d store.Draft
	err = st.View(func(tx *store.Tx) (err error) {
		d, err = tx.Draft(id)
		return err
	})
	if err != nil {
		return nil, d, fmt.Errorf("draft %d does not exist (see: ticket-master drafts list --state all)", id)
	}
	return st, d, nil
}

func runDraftsShow(_ context.Context, ios *IO, id uint64, asJSON bool) error {
	_, d, err := loadDraft(ios, id)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(ios, viewOf(d))
	}
	w := ios.Out
	fmt.Fprintf(w, "Draft %d (%s, by %s) in %s\n", d.ID, d.State, d.DraftedBy, d.Repo)
	fmt.Fprintf(w, "Title:  %s\n", d.Title)
	fmt.Fprintf(w, "Labels: %s\n", strings.Join(d.Labels, ", "))
	if d.Note != "" {
		fmt.Fprintf(w, "Note:   %s\n", d.Note)
	}
	for _, ev := range d.Evidence {
		fmt.Fprintf(w, "Found:  %s:%d in %.7s\n", ev.Path, ev.Line, ev.Commit)
	}
	fmt.Fprintf(w, "\n%s\n", d.Body)
	return nil
}

func runDraftsDiscard(_ context.Context, ios *IO, id uint64) error {
	st, _, err := loadDraft(ios, id)
	if err != nil {
		return err
	}
	d, err := review.Discard(st, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(ios.Out, "Discarded draft %d: %s\n", id, d.Title)
	return nil
}
