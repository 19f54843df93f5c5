package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// waitingView is a finding waiting for room in the draft budget, as
// `drafts list --waiting --json` prints it.
type waitingView struct {
	Repo        string           `json:"repo"`
	Fingerprint string           `json:"fingerprint"`
	Kind        string           `json:"kind"`
	Severity    finding.Severity `json:"severity"`
	Confidence  float64          `json:"confidence"`
	Title       string           `json:"title"`
	Evidence    finding.Evidence `json:"evidence"`
}

// runWaitingList lists the findings that have no draft yet because the
// draft budget had no room, best first, for the selected repositories.
func runWaitingList(ctx context.Context, o *draftsListOptions) error {
	st, err := o.Store()
	if err != nil {
		return err
	}
	sel, err := o.Selection.load(ctx, st)
	if err != nil {
		return err
	}
	var views []waitingView
	err = st.View(func(tx *store.Tx) error {
		repos := []store.Repo{}
		if sel.Repo != nil {
			repos = append(repos, *sel.Repo)
		} else if repos, err = tx.Repos(); err != nil {
			return err
		}
		for _, r := range repos {
			waiting, err := daemon.WaitingFindings(tx, r.ID)
			if err != nil {
				return err
			}
			for _, f := range waiting {
				if o.Selection.Kind != "" && f.Kind != o.Selection.Kind {
					continue
				}
				views = append(views, waitingView{Repo: r.Path, Fingerprint: f.Fingerprint, Kind: f.Kind,
					Severity: f.Severity, Confidence: f.Confidence, Title: draft.Title(f), Evidence: f.Evidence})
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if o.JSON {
		if views == nil {
			views = []waitingView{}
		}
		return writeJSON(o.IO, views)
	}
	w := o.IO.Out
	if note := hereNote(sel); note != "" {
		fmt.Fprintln(w, note)
	}
	if len(views) == 0 {
		fmt.Fprintln(w, "No findings are waiting: every open finding has a draft (or was discarded).")
		return nil
	}
	header := []string{"KIND", "SEVERITY", "CONFIDENCE", "REPO", "WHERE", "TITLE"}
	withRepo := sel.Repo == nil
	if !withRepo {
		header = append(header[:3], header[4:]...)
	}
	tb := newTable(header...)
	for _, v := range views {
		where := v.Evidence.Path
		if v.Evidence.Line > 0 {
			where += ":" + strconv.Itoa(v.Evidence.Line)
		}
		row := []string{v.Kind, string(v.Severity), strconv.FormatFloat(v.Confidence, 'f', 2, 64)}
		if withRepo {
			row = append(row, filepath.Base(v.Repo))
		}
		tb.row(append(row, where, v.Title)...)
	}
	_ = tb.print(w)
	verb := "wait"
	if len(views) == 1 {
		verb = "waits"
	}
	fmt.Fprintf(w, "\n%s %s for room in the draft budget (see `budget:` in the README); the best are drafted first as room frees up.\n",
		plural(len(views), "finding"), verb)
	return nil
}
