package daemon

import (
	"sort"

	"github.com/ticket-master/ticket-master/analyze/detectors"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// A detector may ask for its findings of one commit to be one draft
// (analyze.CommitMerger: tests for what one commit changed, whatever
// number of files). The draft holds every fingerprint; it is worded from
// those of them still open, first by path.

// sameCommit is f with the waiting findings of its kind from its commit,
// by path, when its detector merges them; f alone otherwise. Low-severity
// findings go to the digest and are not grouped.
func (q *draftQueue) sameCommit(f store.Finding) []store.Finding {
	group := []store.Finding{f}
	if _, ok := detectors.Merger(f.Kind); !ok || f.Severity == finding.Low {
		return group
	}
	for fp, o := range q.waiting {
		if fp != f.Fingerprint && o.Kind == f.Kind && o.Severity != finding.Low && o.Evidence.Commit == f.Evidence.Commit {
			group = append(group, o)
		}
	}
	sortByPath(group)
	return group
}

// sortByPath orders a group as its draft lists it.
func sortByPath(group []store.Finding) {
	sort.SliceStable(group, func(i, j int) bool { return group[i].Evidence.Path < group[j].Evidence.Path })
}

// merged is what a draft of group says: the first finding (f, which
// carries the others' places in Also) in the words of its detector's
// merge when the group is one commit's findings of a merging kind.
func merged(f store.Finding, group []store.Finding) store.Finding {
	m, ok := detectors.Merger(f.Kind)
	if !ok || len(group) < 2 {
		return f
	}
	plain := make([]finding.Finding, len(group))
	for i, g := range group {
		if g.Kind != f.Kind || g.Evidence.Commit != f.Evidence.Commit {
			return f // merged for another reason (the same text)
		}
		plain[i] = g.Finding
	}
	mf := m.MergeCommit(plain)
	f.Title, f.Text, f.Body, f.Items = mf.Title, mf.Text, mf.Body, mf.Items
	f.Severity, f.Confidence = mf.Severity, mf.Confidence
	return f
}

// mergesByCommit reports a draft of one commit's findings of a merging
// kind: when one of them resolves, or comes back, the draft is worded
// again from those open (regroup). It is told by its fingerprints, not by
// the places it cites now: once one finding resolved, it cites the others
// alone, and one found again at a later commit cites that commit
// (olekukonko/tablewriter's draft for 5f49c41 cited theme/default.go
// alone, then kept quoting it once the file was deleted: round 72).
func mergesByCommit(d store.Draft) bool {
	if len(d.Fingerprints) < 2 || draft.IsList(d.Evidence) {
		return false
	}
	_, ok := detectors.Merger(d.Kind())
	return ok
}

// openFindings are the draft's findings still open, in the draft's order.
func openFindings(tx *store.Tx, d store.Draft) ([]store.Finding, error) {
	var open []store.Finding
	for _, fp := range d.Fingerprints {
		f, ok, err := tx.Finding(d.RepoID, fp)
		if err != nil {
			return nil, err
		}
		if ok && f.Status == store.FindingOpen {
			open = append(open, f)
		}
	}
	return open, nil
}

// leadOf words open findings (by path) as one, under the draft's marker
// fingerprint, citing the others' places.
func leadOf(open []store.Finding, marker string) store.Finding {
	f := open[0]
	f.Also = nil
	for _, o := range open[1:] {
		f.Also = append(f.Also, o.Evidence)
	}
	f = merged(f, open)
	f.Fingerprint = marker // the marker stays
	return f
}
