package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ticket-master/ticket-master/credential"
)

// labelOptions are `quality label`'s: list one repository's pending
// drafts that need a verdict, each with its evidence opened at the commit.
type labelOptions struct {
	common
	Name  string
	Kind  string
	All   bool
	Limit int
}

func runLabel(ctx context.Context, ios *IO, o *labelOptions) error {
	if o.Repos == "" {
		return errors.New("name the repositories folder: -repos DIR or TM_QUALITY_REPOS")
	}
	src, err := findSource(ctx, o.Repos, o.Name)
	if err != nil {
		return err
	}
	var drafts []Draft
	if o.Cached {
		c, err := loadCache(o.Cache, o.Name)
		if err != nil {
			return err
		}
		drafts = Judgeable(c.Drafts, c.Waiting)
	} else {
		bin, cleanup, err := o.binary(ctx, ios)
		if err != nil {
			return err
		}
		defer cleanup()
		fmt.Fprintf(ios.Err, "quality: %s: enroll --backfill %d ...\n", src.Name, o.Commits)
		run, err := backfillOne(ctx, bin, src, o.Commits)
		if err != nil {
			return err
		}
		drafts = Judgeable(run.Drafts, run.Waiting)
		if err := saveCache(o.Cache, src, run); err != nil {
			return err
		}
	}
	all, err := ReadLabels(o.Labels)
	if err != nil {
		return err
	}
	set := NewLabelSet(all)
	matches, _ := set.Match(src.GitHub, drafts)
	todo := ToJudge(matches, o.Kind, o.All)
	if o.Limit > 0 && len(todo) > o.Limit {
		todo = todo[:o.Limit]
	}
	for _, m := range todo {
		showDraft(ctx, ios.Out, src, set, m)
	}
	fmt.Fprintf(ios.Out, "%d of %d findings of %s listed (pending drafts, digest items, findings waiting for the budget).\n",
		len(todo), len(drafts), src.GitHub)
	fmt.Fprintf(ios.Out, "Judge them: lines `ID VERDICT REASON` (VERDICT: useful, trivial, noise, wrong or u/t/n/w;\n"+
		"`ID keep` keeps the earlier verdict of a draft that changed), then\n  go run ./quality judge %s < verdicts.txt\n", o.Name)
	return nil
}

// Judgeable are the findings a person can judge: each pending draft but
// the digest, each item of the digest, and each finding waiting for room in
// the draft budget.
func Judgeable(drafts, waiting []Draft) []Draft {
	var out []Draft
	for _, d := range drafts {
		if d.Digest {
			out = append(out, d.Items()...)
		} else {
			out = append(out, d)
		}
	}
	return append(out, waiting...)
}

// ToJudge picks the drafts to list: those without a verdict or whose text
// changed since it was given (or every one with all), of one detector when
// kind is set, ordered by detector and id.
func ToJudge(matches []Match, kind string, all bool) []Match {
	var out []Match
	for _, m := range matches {
		if kind != "" && m.Draft.Kind() != kind {
			continue
		}
		if all || m.Label == nil || m.Changed {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		if c := strings.Compare(a.Draft.Kind(), b.Draft.Kind()); c != 0 {
			return c
		}
		return compareID(a.Draft.ID, b.Draft.ID)
	})
	return out
}

func findSource(ctx context.Context, folder, name string) (Source, error) {
	sources, err := FindSources(ctx, folder)
	if err != nil {
		return Source{}, err
	}
	var names []string
	for _, s := range sources {
		if s.Name == name {
			return s, nil
		}
		names = append(names, s.Name)
	}
	return Source{}, fmt.Errorf("no repository %q in %s (there: %s)", name, folder, strings.Join(names, ", "))
}

// showDraft prints what a person needs to judge a draft: its claims (the
// body up to "### Why", and the evidence footer), and the evidence opened
// at its commit in the source repository.
func showDraft(ctx context.Context, w io.Writer, src Source, set *LabelSet, m Match) {
	d := m.Draft
	keys := d.Keys(src.GitHub)
	id := "--------"
	if len(keys) > 0 {
		id = keys[0].Short()
	}
	where := fmt.Sprintf("#%d", d.ID)
	switch {
	case d.item:
		where = "in the digest"
	case d.State == "waiting":
		where = "waiting for the budget"
	}
	fmt.Fprintf(w, "==== %s  %s  %s  %s\n", id, d.Kind(), where, d.Title)
	if m.Label != nil {
		fmt.Fprintf(w, "  judged before: %s: %s (title then: %q)\n", m.Label.Verdict, m.Label.Reason, m.Label.Title)
	} else if len(keys) > 0 {
		earlier := set.Earlier(keys[0])
		for i, l := range earlier {
			if i == 2 {
				fmt.Fprintf(w, "  ... and %d more judgements of the same commit, path and detector\n", len(earlier)-i)
				break
			}
			fmt.Fprintf(w, "  same commit, path and detector, other excerpt: %s: %s (title: %q)\n", l.Verdict, l.Reason, l.Title)
		}
	}
	fmt.Fprintf(w, "  fingerprint: %s\n", d.Fingerprint)
	intro, _, _ := strings.Cut(d.Body, "### Why")
	for _, l := range strings.Split(strings.TrimSpace(intro), "\n") {
		fmt.Fprintf(w, "  | %s\n", l)
	}
	if _, footer, ok := strings.Cut(d.Body, "\n---\n"); ok {
		for _, l := range strings.Split(strings.TrimSpace(footer), "\n") {
			if !strings.HasPrefix(l, "<!--") {
				fmt.Fprintf(w, "  | %s\n", l)
			}
		}
	}
	for i, e := range d.Evidence {
		if i == 3 {
			fmt.Fprintf(w, "  ... %d more places\n", len(d.Evidence)-i)
			break
		}
		showEvidence(ctx, w, src, e)
	}
	fmt.Fprintln(w)
}

func showEvidence(ctx context.Context, w io.Writer, src Source, e Evidence) {
	fmt.Fprintf(w, "  -- %s:%d", e.Path, e.Line)
	if e.EndLine > e.Line {
		fmt.Fprintf(w, "-%d", e.EndLine)
	}
	// The committer's date in UTC, as drafts state dates: %cs is the
	// committer's own time zone, and pallets-eco/blinker 9bc4890, made at
	// 19:39 on the 26th at -0700, was shown as of the 26th beside drafts of
	// the 27th (round 158: three verdicts of wrong for the display).
	subject, _ := gitOutputUTC(ctx, src.Dir, "-c", "log.showSignature=false", "show", "-s", "--date=format-local:%Y-%m-%d", "--format=%h %s (%an, %cd)", e.Commit)
	fmt.Fprintf(w, " at %s", strings.TrimSpace(subject))
	if subject != "" && e.Subject != "" && !strings.Contains(subject, e.Subject) {
		fmt.Fprintf(w, "  [the draft says %q]", e.Subject)
	}
	fmt.Fprintln(w)
	if _, err := gitOutput(ctx, src.Dir, "cat-file", "-e", "HEAD:"+e.Path); err != nil {
		fmt.Fprintf(w, "     (%s is gone at HEAD)\n", e.Path)
	}
	stat, _ := gitOutput(ctx, src.Dir, "show", "--format=", "--stat=100,70", "--stat-count=8", e.Commit)
	for _, l := range strings.Split(strings.TrimRight(stat, "\n"), "\n") {
		fmt.Fprintf(w, "     %s\n", l)
	}
	if e.Line <= 0 {
		return
	}
	content, err := gitOutput(ctx, src.Dir, "show", e.Commit+":"+e.Path)
	if err != nil {
		fmt.Fprintf(w, "     (%s does not exist at %s)\n", e.Path, short(e.Commit))
		return
	}
	for _, l := range Context(content, e.Line, e.EndLine, 4, 30) {
		fmt.Fprintf(w, "     %s\n", l)
	}
}

// Context numbers the lines around line..end (1-based) of content, radius
// lines either side, at most max lines, marking the cited ones with ">".
// A line past the end of the file says so: that is a wrong claim. A
// credential in a line is redacted, as drafts redact it: a judge saw an
// unredacted key in round 76, and label's output is pasted into notes.
func Context(content string, line, end, radius, limit int) []string {
	lines := strings.Split(strings.TrimSuffix(content, "\n"), "\n")
	if end < line {
		end = line
	}
	if line > len(lines) {
		return []string{fmt.Sprintf("(line %d is past the end of the file: %d lines)", line, len(lines))}
	}
	from, to := max(line-radius, 1), min(end+radius, len(lines))
	var out []string
	for n := from; n <= to && len(out) < limit; n++ {
		mark := " "
		if n >= line && n <= end {
			mark = ">"
		}
		text, _ := credential.Redact(lines[n-1])
		out = append(out, fmt.Sprintf("%s%5d  %s", mark, n, text))
	}
	return out
}

// runJudge reads verdict lines and appends them to the labelled set, keyed
// by the drafts the last `label` (or run) of the repository listed.
func runJudge(ios *IO, c *common, name string) error {
	kept, err := loadCache(c.Cache, name)
	if err != nil {
		return err
	}
	all, err := ReadLabels(c.Labels)
	if err != nil {
		return err
	}
	set := NewLabelSet(all)
	judgeable := Judgeable(kept.Drafts, kept.Waiting)
	matches, _ := set.Match(kept.Source.GitHub, judgeable)
	byID := map[string]Match{}
	for _, m := range matches {
		if keys := m.Draft.Keys(kept.Source.GitHub); len(keys) > 0 {
			byID[keys[0].Short()] = m
		}
	}
	today := time.Now().UTC().Format(time.DateOnly)
	var out []Label
	sc := bufio.NewScanner(ios.In)
	for n := 1; sc.Scan(); n++ {
		v, err := ParseVerdict(sc.Text())
		if err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if v == nil {
			continue
		}
		m, ok := byID[v.ID]
		if !ok {
			return fmt.Errorf("line %d: no finding %s among the %d of %s listed last", n, v.ID, len(judgeable), name)
		}
		verdict, reason := v.Verdict, v.Reason
		if v.Keep {
			if m.Label == nil {
				return fmt.Errorf("line %d: draft %s has no earlier verdict to keep", n, v.ID)
			}
			verdict, reason = m.Label.Verdict, m.Label.Reason
		}
		out = append(out, Label{Key: m.Draft.Keys(kept.Source.GitHub)[0], Verdict: verdict, Reason: reason,
			Title: m.Draft.Title, BodySHA: BodyHash(m.Draft.Body), Judged: today})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read verdicts: %w", err)
	}
	if err := AppendLabels(c.Labels, out); err != nil {
		return err
	}
	fmt.Fprintf(ios.Out, "%d verdicts on %s added to %s\n", len(out), kept.Source.GitHub, c.Labels)
	return nil
}

// Verdict is one line a person wrote: `ID VERDICT REASON` or `ID keep`.
type Verdict struct {
	ID      string
	Verdict string
	Reason  string
	Keep    bool
}

// ParseVerdict reads one verdict line; blank lines and # comments give nil.
func ParseVerdict(line string) (*Verdict, error) {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return nil, nil
	}
	fields := strings.Fields(line)
	if len(fields) == 2 && fields[1] == "keep" {
		return &Verdict{ID: fields[0], Keep: true}, nil
	}
	if len(fields) < 3 {
		return nil, fmt.Errorf("want `ID VERDICT REASON`, got %q", line)
	}
	v := &Verdict{ID: fields[0]}
	switch fields[1] {
	case "u", Useful:
		v.Verdict = Useful
	case "t", Trivial:
		v.Verdict = Trivial
	case "n", Noise:
		v.Verdict = Noise
	case "w", Wrong:
		v.Verdict = Wrong
	default:
		return nil, fmt.Errorf("verdict %q is not useful, trivial, noise or wrong (u, t, n, w)", fields[1])
	}
	// The reason as written, spacing inside it kept.
	rest := strings.TrimSpace(line[len(fields[0]):])
	v.Reason = strings.TrimSpace(rest[len(fields[1]):])
	return v, nil
}
