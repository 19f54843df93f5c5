package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/store"
)

// draftView is a draft as `drafts list --json` and `drafts show --json`
// print it: the stored record plus its main fingerprint and kind.
type draftView struct {
	store.Draft
	Fingerprint string `json:"fingerprint"`
	Kind        string `json:"kind"`
}

func viewOf(d store.Draft) draftView {
	return draftView{Draft: d, Fingerprint: d.Fingerprint(), Kind: draftKind(d)}
}

// draftKind is the kind of finding a draft is about (todo, untested, ...),
// which its main fingerprint starts with.
func draftKind(d store.Draft) string { return d.Kind() }

func draftsCommand(f *factory) *cli.Command {
	return &cli.Command{
		Name:  "drafts",
		Usage: "list, show, discard and restore issue drafts",
		Subcommands: []*cli.Command{
			newDraftsListCmd(f, nil),
			newDraftsShowCmd(f, nil),
			newDraftsDiscardCmd(f, nil),
			newDraftsRestoreCmd(f, nil),
		},
	}
}

// draftIDs parses draft IDs as drafts list shows them (a leading # is
// allowed). An ID given twice counts once: `discard 3 3` is not a failure
// on the second 3, and `publish 3 3` does not try to publish it twice.
func draftIDs(args []string) ([]uint64, error) {
	var ids []uint64
	for _, a := range args {
		id, err := strconv.ParseUint(strings.TrimPrefix(a, "#"), 10, 64)
		if err != nil || id == 0 {
			return nil, usagef("%q is not a draft ID: IDs are the numbers drafts list shows", a)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// selection is which drafts a listing or a bulk discard covers. Without
// --repo or --all-repos it is the repository the command runs in, when
// that one is enrolled, and every repository otherwise.
type selection struct {
	Repo     string
	AllRepos bool
	State    string // "" for every state
	Kind     string
	Label    string
}

func selectionFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "repo", Usage: "only drafts of the repository at `PATH` (default: the enrolled repository you are in, if any)"},
		&cli.BoolFlag{Name: "all-repos", Usage: "drafts of every repository, even inside an enrolled one"},
		&cli.StringFlag{Name: "kind", Usage: "only drafts about findings of `KIND`: " + strings.Join(draftKinds(), ", ")},
		&cli.StringFlag{Name: "label", Usage: "only drafts carrying `LABEL`"},
	}
}

func selectionOf(c *cli.Context) (selection, error) {
	s := selection{Repo: c.String("repo"), AllRepos: c.Bool("all-repos"), Kind: c.String("kind"), Label: c.String("label")}
	if s.Repo != "" && s.AllRepos {
		return s, usagef("use --repo or --all-repos, not both")
	}
	// A mistyped kind would select nothing and say so as if all were well
	// (or discard nothing): name the kinds instead, as --state does.
	if s.Kind != "" && !slices.Contains(draftKinds(), s.Kind) {
		return s, usagef("--kind %q: use one of %s", s.Kind, strings.Join(draftKinds(), ", "))
	}
	return s, nil
}

// selected is the outcome of a selection: the drafts, and the repository
// they were limited to (Here when it was the one the command runs in).
type selected struct {
	Drafts []store.Draft
	Repo   *store.Repo
	Here   bool
}

func (s selection) load(ctx context.Context, st *store.Store) (selected, error) {
	var out selected
	filter := store.DraftFilter{State: s.State}
	switch {
	case s.Repo != "":
		rec, err := daemon.FindRepo(ctx, st, s.Repo)
		if err != nil {
			return out, err
		}
		out.Repo = &rec
	case !s.AllRepos:
		rec, err := daemon.FindRepo(ctx, st, ".")
		if errors.Is(err, store.ErrBusy) {
			return out, err
		}
		if err == nil {
			out.Repo, out.Here = &rec, true
		}
	}
	if out.Repo != nil {
		filter.RepoID = out.Repo.ID
	}
	var all []store.Draft
	err := st.View(func(tx *store.Tx) (err error) {
		all, err = tx.Drafts(filter)
		return err
	})
	if err != nil {
		return out, err
	}
	for _, d := range all {
		if s.Kind != "" && draftKind(d) != s.Kind {
			continue
		}
		if s.Label != "" && !slices.Contains(d.Labels, s.Label) {
			continue
		}
		out.Drafts = append(out.Drafts, d)
	}
	return out, nil
}

// describe says what a selection covered, for messages: "pending drafts of
// kind todo".
func (s selection) describe() string {
	what := "drafts"
	if s.State != "" {
		what = s.State + " drafts"
	}
	if s.Kind != "" {
		what += " of kind " + s.Kind
	}
	if s.Label != "" {
		what += " labelled " + s.Label
	}
	return what
}

// hereNote is the header line that says the listing is limited to the
// repository the command runs in.
func hereNote(sel selected) string {
	if !sel.Here {
		return ""
	}
	return "In " + sel.Repo.Path + " (the enrolled repository you are in; --all-repos for every one)"
}

type draftsListOptions struct {
	IO        *IO
	Store     func() (*store.Store, error)
	Selection selection
	JSON      bool
}

func newDraftsListCmd(f *factory, runF func(context.Context, *draftsListOptions) error) *cli.Command {
	if runF == nil {
		runF = runDraftsList
	}
	return &cli.Command{
		Name:  "list",
		Usage: "list drafts (pending ones unless --state says otherwise)",
		Description: "Inside an enrolled repository, drafts list shows that repository's drafts;\n" +
			"--all-repos shows every repository's.\n\n" +
			"Examples:\n  ticket-master drafts list --kind todo\n  ticket-master drafts list --state all --json",
		Flags: append(selectionFlags(),
			&cli.StringFlag{Name: "state", Value: store.DraftPending,
				Usage: "`STATE`: " + strings.Join(store.DraftStates(), ", ") + ", or all"},
			&cli.BoolFlag{Name: "waiting", Usage: "list the findings waiting for room in the draft budget instead, best first"},
			jsonFlag(),
		),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("drafts list takes no arguments (use --repo PATH)")
			}
			sel, err := selectionOf(c)
			if err != nil {
				return err
			}
			if c.Bool("waiting") {
				if c.IsSet("state") {
					return usagef("use --waiting or --state, not both")
				}
				return runWaitingList(c.Context, &draftsListOptions{IO: f.IO, Store: f.StoreAny, Selection: sel, JSON: c.Bool("json")})
			}
			sel.State = c.String("state")
			if sel.State == "all" {
				sel.State = ""
			} else if !slices.Contains(store.DraftStates(), sel.State) {
				return usagef("--state %q: use one of %s, or all", sel.State, strings.Join(store.DraftStates(), ", "))
			}
			return runF(c.Context, &draftsListOptions{IO: f.IO, Store: f.StoreAny, Selection: sel, JSON: c.Bool("json")})
		},
	}
}

func runDraftsList(ctx context.Context, o *draftsListOptions) error {
	st, err := o.Store()
	if err != nil {
		return err
	}
	sel, err := o.Selection.load(ctx, st)
	if err != nil {
		return err
	}
	if o.JSON {
		views := make([]draftView, 0, len(sel.Drafts))
		for _, d := range sel.Drafts {
			views = append(views, viewOf(d))
		}
		return writeJSON(o.IO, views)
	}
	w := o.IO.Out
	if note := hereNote(sel); note != "" {
		fmt.Fprintln(w, note)
	}
	if len(sel.Drafts) == 0 {
		fmt.Fprintf(w, "No %s.\n", o.Selection.describe())
		return nil
	}
	cs := o.IO.colors()
	header := []string{"ID", "KIND", "STATE", "REPO", "LABELS", "TITLE"}
	withRepo := sel.Repo == nil
	withIssue := slices.ContainsFunc(sel.Drafts, func(d store.Draft) bool { return d.Issue != 0 })
	if !withRepo {
		header = slices.Delete(header, 3, 4)
	}
	if withIssue {
		header = append(header, "ISSUE")
	}
	tb := newTable(header...)
	tb.paint[2] = cs.state
	for _, d := range sel.Drafts {
		row := []string{strconv.FormatUint(d.ID, 10), draftKind(d), d.State}
		if withRepo {
			row = append(row, filepath.Base(d.Repo))
		}
		row = append(row, strings.Join(d.Labels, ","), d.Title)
		if withIssue {
			issue := ""
			if d.Issue != 0 {
				issue = fmt.Sprintf("#%d %s", d.Issue, d.IssueURL)
			}
			row = append(row, issue)
		}
		tb.row(row...)
	}
	return tb.print(w)
}

// loadDraft reads one draft, or says how to find the right ID.
func loadDraft(st *store.Store, id uint64) (store.Draft, error) {
	var d store.Draft
	err := st.View(func(tx *store.Tx) (err error) {
		d, err = tx.Draft(id)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return d, fmt.Errorf("draft %d does not exist (see: ticket-master drafts list --state all)", id)
	}
	return d, err
}

type draftsShowOptions struct {
	IO    *IO
	Store func() (*store.Store, error)
	ID    uint64
	JSON  bool
}

func newDraftsShowCmd(f *factory, runF func(context.Context, *draftsShowOptions) error) *cli.Command {
	if runF == nil {
		runF = runDraftsShow
	}
	return &cli.Command{
		Name:        "show",
		Usage:       "show one draft in full",
		ArgsUsage:   "ID",
		Description: "Example:\n  ticket-master drafts show 3",
		Flags:       []cli.Flag{jsonFlag()},
		Action: func(c *cli.Context) error {
			ids, err := draftIDs(c.Args().Slice())
			if err != nil {
				return err
			}
			if len(ids) != 1 {
				return usagef("drafts show needs one draft ID (see: ticket-master drafts list)")
			}
			return runF(c.Context, &draftsShowOptions{IO: f.IO, Store: f.StoreAny, ID: ids[0], JSON: c.Bool("json")})
		},
	}
}

func runDraftsShow(_ context.Context, o *draftsShowOptions) error {
	st, err := o.Store()
	if err != nil {
		return err
	}
	d, err := loadDraft(st, o.ID)
	if err != nil {
		return err
	}
	if o.JSON {
		return writeJSON(o.IO, viewOf(d))
	}
	w, cs := o.IO.Out, o.IO.colors()
	fmt.Fprintf(w, "Draft %d (%s, by %s) in %s\n", d.ID, cs.state(d.State), d.DraftedBy, d.Repo)
	fmt.Fprintf(w, "Title:  %s\n", cs.bold(d.Title))
	fmt.Fprintf(w, "Kind:   %s\n", draftKind(d))
	fmt.Fprintf(w, "Labels: %s\n", strings.Join(d.Labels, ", "))
	if d.Issue != 0 {
		fmt.Fprintf(w, "Issue:  #%d %s\n", d.Issue, d.IssueURL)
	}
	if d.Note != "" {
		fmt.Fprintf(w, "Note:   %s\n", d.Note)
	}
	for _, ev := range d.Evidence {
		fmt.Fprintf(w, "Found:  %s in %.7s\n", ev.Where(), ev.Commit)
	}
	fmt.Fprintf(w, "\n%s\n", d.Body)
	return nil
}
