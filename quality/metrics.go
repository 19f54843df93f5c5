package main

import (
	"slices"
	"strings"
)

// Run is what the benchmark learnt from one repository: the pending drafts
// after the backfill and the facts checked with git around them.
type Run struct {
	Name    string // the folder's name
	Repo    string // OWNER/NAME, the labels' repository
	Commits int    // commits the backfill analysed
	Drafts  []Draft
	// Stale holds the fingerprints of pending drafts (and digest items)
	// all of whose evidence paths are gone at every branch tip.
	Stale map[string]bool
	// Waiting are the findings over the draft budget (`drafts list
	// --waiting --json`), nil when the binary cannot list them yet.
	Waiting []Draft
	// Claims are the fact checks `status --json` reports, nil when the
	// binary does not report them yet.
	Claims *Claims
	Timing Timing
}

// Claims are the evidence checks the pipeline ran before queueing drafts.
type Claims struct {
	Checked int
	Failed  int
	// ByKind is checked and failed per detector, when status breaks them
	// down.
	ByKind map[string][2]int
	// Recent are the last failures status keeps: detector bugs to look at.
	Recent []ClaimFailure
}

// ClaimFailure is one finding the fact checks dropped.
type ClaimFailure struct {
	Kind   string `json:"kind"`
	Path   string `json:"path"`
	Commit string `json:"commit"`
	Reason string `json:"reason"`
}

// Row is one line of the report: one detector of one repository, one
// repository in total, or one detector over every repository.
type Row struct {
	Detector string
	Commits  int
	Drafts   int
	Waiting  int // -1: not measured
	Stale    int
	Dups     int // drafts whose title another pending draft already has
	Judged   int
	Verdicts map[string]int
	Changed  int // judged, but the draft says something else now
	// Digest counts the detector's findings listed in the maintenance
	// digest instead of drafted on their own, and the verdicts on them:
	// the precision goals are for drafts of their own, so these are apart.
	Digest         int
	DigestJudged   int
	DigestVerdicts map[string]int
}

// PerHundred is drafts per 100 analysed commits.
func (r Row) PerHundred() float64 {
	if r.Commits == 0 {
		return 0
	}
	return float64(r.Drafts) * 100 / float64(r.Commits)
}

// Share is the fraction of judged drafts with a verdict.
func (r Row) Share(verdict string) float64 {
	if r.Judged == 0 {
		return 0
	}
	return float64(r.Verdicts[verdict]) / float64(r.Judged)
}

func (r *Row) add(o Row) {
	r.Drafts += o.Drafts
	r.Stale += o.Stale
	r.Dups += o.Dups
	r.Judged += o.Judged
	r.Changed += o.Changed
	r.Digest += o.Digest
	r.DigestJudged += o.DigestJudged
	for v, n := range o.DigestVerdicts {
		r.DigestVerdicts[v] += n
	}
	if r.Waiting >= 0 && o.Waiting >= 0 {
		r.Waiting += o.Waiting
	} else {
		r.Waiting = -1
	}
	for v, n := range o.Verdicts {
		r.Verdicts[v] += n
	}
}

func newRow(detector string, commits, waiting int) Row {
	return Row{Detector: detector, Commits: commits, Waiting: waiting, Verdicts: map[string]int{}, DigestVerdicts: map[string]int{}}
}

// Measure computes one repository's rows, one per detector (sorted) and a
// total, with the labels in force. The maintenance digest is a row of its
// own (one draft); its items count in their detector's row, apart from its
// drafts. Unmatched are that repository's labels whose key no longer
// matches any pending draft, digest item or finding waiting for the draft
// budget: what the detectors no longer report.
func Measure(run Run, labels *LabelSet) (rows []Row, total Row, unmatched []Label) {
	matches, _ := labels.Match(run.Repo, run.Drafts)
	items := DigestItems(run.Drafts)
	itemMatches, _ := labels.Match(run.Repo, items)
	everything := append(append(slices.Clone(run.Drafts), items...), run.Waiting...)
	_, unmatched = labels.Match(run.Repo, everything)
	dups := DuplicateTitles(run.Drafts)
	byKind := map[string]*Row{}
	waiting := map[string]int{}
	for _, w := range run.Waiting {
		waiting[w.Kind()]++
	}
	get := func(kind string) *Row {
		if r, ok := byKind[kind]; ok {
			return r
		}
		w := waiting[kind]
		if run.Waiting == nil {
			w = -1
		}
		r := newRow(kind, run.Commits, w)
		byKind[kind] = &r
		return &r
	}
	for kind := range waiting {
		get(kind)
	}
	for _, m := range matches {
		r := get(m.Draft.Kind())
		r.Drafts++
		if run.Stale[m.Draft.Fingerprint] {
			r.Stale++
		}
		if dups[m.Draft.ID] {
			r.Dups++
		}
		if m.Label != nil {
			r.Judged++
			r.Verdicts[m.Label.Verdict]++
			if m.Changed {
				r.Changed++
			}
		}
	}
	for _, m := range itemMatches {
		r := get(m.Draft.Kind())
		r.Digest++
		if run.Stale[m.Draft.Fingerprint] {
			r.Stale++
		}
		if m.Label != nil {
			r.DigestJudged++
			r.DigestVerdicts[m.Label.Verdict]++
		}
	}
	total = newRow("all", run.Commits, 0)
	if run.Waiting == nil {
		total.Waiting = -1
	}
	for _, kind := range sortedKeys(byKind) {
		rows = append(rows, *byKind[kind])
		total.add(*byKind[kind])
	}
	return rows, total, unmatched
}

// Overall adds up each detector's rows over every repository, and the
// totals, for the summary table: precision goals need at least ten judged
// findings, which one repository rarely has per detector.
func Overall(perRepo [][]Row, totals []Row) (rows []Row, total Row) {
	byKind := map[string]*Row{}
	commits := 0
	for _, t := range totals {
		commits += t.Commits
	}
	for _, rs := range perRepo {
		for _, r := range rs {
			acc, ok := byKind[r.Detector]
			if !ok {
				n := newRow(r.Detector, commits, 0)
				acc = &n
				byKind[r.Detector] = acc
			}
			acc.add(r)
		}
	}
	total = newRow("all", commits, 0)
	for _, t := range totals {
		total.add(t)
	}
	for _, kind := range sortedKeys(byKind) {
		rows = append(rows, *byKind[kind])
	}
	return rows, total
}

// DigestItems are the items of every digest among drafts.
func DigestItems(drafts []Draft) []Draft {
	var out []Draft
	for _, d := range drafts {
		out = append(out, d.Items()...)
	}
	return out
}

// Gone counts labels per detector and verdict: of the findings judged
// before and no longer reported, how many were useful (lost) and how many
// noise or wrong (removed).
func Gone(labels []Label) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, l := range labels {
		if out[l.Kind] == nil {
			out[l.Kind] = map[string]int{}
		}
		out[l.Kind][l.Verdict]++
	}
	return out
}

// DuplicateTitles returns the ids of pending drafts whose title (compared
// without case and extra spaces) an earlier pending draft of the same
// repository already has: the first of each group is not counted.
func DuplicateTitles(drafts []Draft) map[uint64]bool {
	drafts = slices.DeleteFunc(slices.Clone(drafts), func(d Draft) bool { return d.Digest })
	sorted := slices.Clone(drafts)
	slices.SortFunc(sorted, func(a, b Draft) int { return compareID(a.ID, b.ID) })
	seen := map[string]bool{}
	out := map[uint64]bool{}
	for _, d := range sorted {
		t := strings.ToLower(strings.Join(strings.Fields(d.Title), " "))
		if seen[t] {
			out[d.ID] = true
		}
		seen[t] = true
	}
	return out
}

func compareID(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
