package daemon

import (
	"slices"

	"github.com/ticket-master/ticket-master/store"
)

// RepoTotals are what a repository holds: open findings, pending drafts,
// and open findings waiting for room in the draft budget.
type RepoTotals struct {
	Open    int `json:"open_findings"`
	Pending int `json:"pending_drafts"`
	Waiting int `json:"waiting"`
}

// Totals counts a repository's open findings, pending drafts and waiting
// findings as stored, which is what status and enroll report.
func Totals(tx *store.Tx, repoID string) (RepoTotals, error) {
	var t RepoTotals
	waiting, err := WaitingFindings(tx, repoID)
	if err != nil {
		return t, err
	}
	t.Waiting = len(waiting)
	open, err := tx.Findings(repoID, store.FindingOpen)
	if err != nil {
		return t, err
	}
	t.Open = len(open)
	counts, err := tx.CountDrafts(repoID)
	t.Pending = counts[store.DraftPending]
	return t, err
}

// WaitingFindings lists a repository's open findings that have no draft
// yet because the draft budget (or the per-commit cap) had no room, best
// first: they are drafted as room frees up.
func WaitingFindings(tx *store.Tx, repoID string) ([]store.Finding, error) {
	open, err := tx.Findings(repoID, store.FindingOpen)
	if err != nil {
		return nil, err
	}
	var out []store.Finding
	for _, f := range open {
		d, has, err := tx.DraftForFinding(repoID, f.Fingerprint)
		if err != nil {
			return nil, err
		}
		if !has || d.State == store.DraftWithdrawn || d.Digest && !slices.Contains(d.Fingerprints, f.Fingerprint) {
			out = append(out, f)
		}
	}
	sortByRank(out)
	return out, nil
}
