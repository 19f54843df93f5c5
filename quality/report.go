package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// Goals (QUALITY.md and issue 9), printed beside each figure.
const (
	goalPerHundred = 10.0 // pending drafts per 100 analysed commits, per repository
	goalUseful     = 0.60 // share of judged drafts, per detector
	goalNoise      = 0.10
	goalJudged     = 10 // precision goals apply from this many judged drafts
	goalSpeed      = 2.0
)

const miss = " ✗"

// Report writes the tables: one per repository, then every repository
// together per detector, where the precision goals are judged.
type Report struct {
	W         io.Writer
	Folder    string
	Commits   int // asked for per repository
	Labels    *LabelSet
	LabelFile string
	// ListUnmatched lists every label that matches nothing now, not only
	// their counts.
	ListUnmatched bool
}

func (r *Report) header(runs int, judgements int) {
	fmt.Fprintf(r.W, "Quality benchmark: %d repositories in %s, the last %d commits of each (enroll --backfill %d, template drafts: Ollama at a closed port)\n",
		runs, r.Folder, r.Commits, r.Commits)
	fmt.Fprintf(r.W, "Labelled set: %s, %d findings judged\n", r.LabelFile, judgements)
	fmt.Fprintf(r.W, "Goals beside each figure; %s marks a figure that misses its goal. Precision goals apply from %d judged drafts.\n",
		strings.TrimSpace(miss), goalJudged)
	fmt.Fprintf(r.W, "The model's diff review (llm_review) cannot be judged here: without a model it does not run, so it is not measured.\n\n")
}

// Write prints every table and returns how many goals the overall table
// misses (the per-repository tables mark theirs too, for finding where).
func (r *Report) Write(runs []Run) int {
	judged := 0
	if r.Labels != nil {
		judged = len(r.Labels.byKey)
	}
	r.header(len(runs), judged)
	missed := 0
	var perRepo [][]Row
	var totals []Row
	var timing Timing
	var unmatchedAll []Label
	claims := &Claims{ByKind: map[string][2]int{}}
	for _, run := range runs {
		rows, total, unmatched := Measure(run, r.Labels)
		perRepo = append(perRepo, rows)
		totals = append(totals, total)
		timing.Backfill += run.Timing.Backfill
		timing.GitLog += run.Timing.GitLog
		unmatchedAll = append(unmatchedAll, unmatched...)
		if run.Claims == nil {
			claims = nil
		} else if claims != nil {
			claims.Checked += run.Claims.Checked
			claims.Failed += run.Claims.Failed
			claims.Recent = append(claims.Recent, run.Claims.Recent...)
			for k, n := range run.Claims.ByKind {
				t := claims.ByKind[k]
				claims.ByKind[k] = [2]int{t[0] + n[0], t[1] + n[1]}
			}
		}

		speed, _ := speedLine(run.Timing)
		fmt.Fprintf(r.W, "%s (%s): %d commits analysed; %s\n", run.Repo, run.Name, run.Commits, speed)
		r.table(rows, total, run.Claims, false)
		r.inDigest(rows, "  ")
		r.failures(run.Claims, "  ")
		r.gone(unmatched, "  ")
		if r.ListUnmatched {
			for _, l := range unmatched {
				fmt.Fprintf(r.W, "    %s %-10s %-7s %s:%s  %s\n", l.Short(), l.Kind, l.Verdict, short(l.Commit), l.Path, l.Title)
			}
		}
		fmt.Fprintln(r.W)
	}
	rows, total := Overall(perRepo, totals)
	speed, m := speedLine(timing)
	missed += m
	fmt.Fprintf(r.W, "All %d repositories, per detector: %d commits analysed; %s\n", len(runs), total.Commits, speed)
	missed += r.table(rows, total, claims, true)
	missed += r.inDigest(rows, "  ")
	r.gone(unmatchedAll, "  ")
	if total.Changed > 0 {
		fmt.Fprintf(r.W, "  %d judged drafts say something else now: judge them again with `go run ./quality label NAME`\n", total.Changed)
	}
	fmt.Fprintf(r.W, "\n%d goals missed in the table of all repositories.\n", missed)
	return missed
}

// inDigest gives the verdicts on the findings the maintenance digest lists
// instead of drafting them: no precision goal (they are one checklist, not
// issues), but each item is a claim a maintainer reads, so a wrong fact
// misses its goal there too. It returns the number of goals missed.
func (r *Report) inDigest(rows []Row, indent string) int {
	var lines []string
	missed := 0
	for _, row := range rows {
		if row.DigestJudged == 0 {
			continue
		}
		var parts []string
		for _, v := range verdicts {
			part := fmt.Sprintf("%s %d", v, row.DigestVerdicts[v])
			if v == Wrong && row.DigestVerdicts[v] > 0 {
				part += miss
				missed++
			}
			parts = append(parts, part)
		}
		lines = append(lines, fmt.Sprintf("%s  %-10s %3d of %d: %s", indent, row.Detector, row.DigestJudged, row.Digest, strings.Join(parts, ", ")))
	}
	if len(lines) == 0 {
		return 0
	}
	fmt.Fprintf(r.W, "%sjudged items of the maintenance digest (no precision goal: one checklist, not an issue each; 0 wrong):\n", indent)
	for _, l := range lines {
		fmt.Fprintln(r.W, l)
	}
	return missed
}

// failures lists the claims the pipeline's fact checks refused: each one a
// detector bug to look at.
func (r *Report) failures(c *Claims, indent string) {
	if c == nil || len(c.Recent) == 0 {
		return
	}
	fmt.Fprintf(r.W, "%sclaims that failed the fact checks (each a detector bug):\n", indent)
	for _, f := range c.Recent {
		fmt.Fprintf(r.W, "%s  %-10s %s:%s  %s\n", indent, f.Kind, short(f.Commit), f.Path, f.Reason)
	}
}

// gone says what the detectors stopped reporting, by the verdicts it had:
// losing useful findings is a regression, losing noise the point.
func (r *Report) gone(unmatched []Label, indent string) {
	if len(unmatched) == 0 {
		return
	}
	fmt.Fprintf(r.W, "%sno longer reported (%d judged findings match no draft now; their labels stay as history):\n", indent, len(unmatched))
	byKind := Gone(unmatched)
	for _, kind := range sortedKeys(byKind) {
		var parts []string
		n := 0
		for _, v := range verdicts {
			n += byKind[kind][v]
			parts = append(parts, fmt.Sprintf("%s %d", v, byKind[kind][v]))
		}
		fmt.Fprintf(r.W, "%s  %-10s %3d: %s\n", indent, kind, n, strings.Join(parts, ", "))
	}
}

func speedLine(t Timing) (string, int) {
	s := fmt.Sprintf("backfill %s, git log -p %s: %.1fx (goal <= %.0fx)", seconds(t.Backfill), seconds(t.GitLog), t.Ratio(), goalSpeed)
	if t.Ratio() > goalSpeed {
		return s + miss, 1
	}
	return s, 0
}

// table prints one block of rows and the total; precision goals are
// judged on every row of the overall table, and on no row of a single
// repository's (too few drafts there to mean much). It returns the
// number of goals missed.
func (r *Report) table(rows []Row, total Row, claims *Claims, overall bool) int {
	tw := tabwriter.NewWriter(r.W, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  detector\tdrafts\tin digest\tper 100 commits\twaiting\tstale\tdup titles\tclaims checked/failed\tjudged\tuseful\ttrivial\tnoise\twrong\t")
	fmt.Fprintf(tw, "  goal\t\t\t<= %.0f (all)\t\t0\t0\t0 failed\t>= %d\t>= %.0f%%\t\t<= %.0f%%\t0\t\n",
		goalPerHundred, goalJudged, goalUseful*100, goalNoise*100)
	missed := 0
	line := func(row Row, isTotal bool) {
		var cells []string
		add := func(s string, bad bool) {
			if bad {
				s += miss
				missed++
			}
			cells = append(cells, s)
		}
		add(row.Detector, false)
		add(fmt.Sprint(row.Drafts), false)
		add(fmt.Sprint(row.Digest), false)
		add(fmt.Sprintf("%.1f", row.PerHundred()), isTotal && row.PerHundred() > goalPerHundred)
		if row.Waiting < 0 {
			add("n/a", false)
		} else {
			add(fmt.Sprint(row.Waiting), false)
		}
		add(fmt.Sprint(row.Stale), row.Stale > 0)
		add(fmt.Sprint(row.Dups), row.Dups > 0)
		switch {
		case claims == nil:
			add("n/a (not measured yet)", false)
		case isTotal:
			add(fmt.Sprintf("%d/%d", claims.Checked, claims.Failed), claims.Failed > 0)
		case claims.ByKind != nil:
			k := claims.ByKind[row.Detector]
			add(fmt.Sprintf("%d/%d", k[0], k[1]), k[1] > 0)
		default:
			add("-", false)
		}
		judgeGoals := overall && !isTotal && row.Judged >= goalJudged
		judged := fmt.Sprint(row.Judged)
		if row.Changed > 0 {
			judged += fmt.Sprintf(" (%d changed)", row.Changed)
		}
		// The digest is judged by its items, in their detectors' rows.
		add(judged, overall && !isTotal && row.Detector != "digest" && row.Drafts >= goalJudged && row.Judged < goalJudged)
		if row.Judged == 0 {
			add("-", false)
			add("-", false)
			add("-", false)
		} else {
			add(percent(row.Share(Useful)), judgeGoals && row.Share(Useful) < goalUseful)
			add(percent(row.Share(Trivial)), false)
			add(percent(row.Share(Noise)), judgeGoals && row.Share(Noise) > goalNoise)
		}
		add(fmt.Sprint(row.Verdicts[Wrong]), !isTotal && row.Verdicts[Wrong] > 0)
		fmt.Fprintln(tw, "  "+strings.Join(cells, "\t")+"\t")
	}
	for _, row := range rows {
		line(row, false)
	}
	line(total, true)
	tw.Flush()
	return missed
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func short(commit string) string {
	if len(commit) > 7 {
		return commit[:7]
	}
	return commit
}
