package draft

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze/detectors"
	"github.com/ticket-master/ticket-master/draft/checklist"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

// DigestTitle is the maintenance digest's title. It never changes, so the
// published issue keeps its name as items come and go.
const DigestTitle = "Review the maintenance checklist"

// digestSections names each kind's heading, in the order they are listed.
var digestSections = []struct{ kind, heading string }{
	{finding.KindDependency, "Dependencies"},
	{finding.KindDocDrift, "Documentation drift"},
	{finding.KindHotspot, "Hotspots"},
	{finding.KindTODO, "Notes left in the code"},
	{finding.KindUntested, "Untested changes"},
	{finding.KindSecret, "Credentials among test files"},
}

// Digest writes the maintenance digest, whose draft's fingerprint is
// fingerprint: one checklist of a repository's
// lower-severity findings instead of one issue each. Open findings are
// items to do; resolved ones (on a published digest) are struck through
// with the commit that resolved them.
func Digest(t ghrepo.Repo, fingerprint string, items []store.Finding) Issue {
	return new(DigestLines).Digest(t, fingerprint, items)
}

// DigestLines remembers each item's line as Neutralize left it, for a
// caller that rewrites the digest after every commit of a batch:
// neutralising parses Markdown, and the same items come back each time.
// The zero value is ready to use.
type DigestLines struct {
	neutral map[string]string // by the line before neutralising
}

// Digest is the package's Digest, neutralising each distinct line once.
func (l *DigestLines) Digest(t ghrepo.Repo, fingerprint string, items []store.Finding) Issue {
	var list []checklist.Item
	order := map[string]int{}
	for i, s := range digestSections {
		order[s.kind] = i
	}
	// Kinds in the order above, then any other kind by its name.
	sorted := append([]store.Finding(nil), items...)
	rank := func(k string) int {
		if r, ok := order[k]; ok {
			return r
		}
		return len(order)
	}
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && rank(sorted[j].Kind) < rank(sorted[j-1].Kind); j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	for _, group := range sameTextGroups(sorted) {
		f := group[0]
		// Each line is neutralised on its own, never the rendered list:
		// a zero-width space in a hidden marker ("@eslint/...") would
		// make it name another item.
		it := checklist.Item{Key: f.Fingerprint, Section: digestSection(f.Kind), Text: l.neutralize(digestLine(t, f) + alsoAt(t, group[1:]))}
		if done := slices.IndexFunc(group, func(g store.Finding) bool { return g.Status == store.FindingOpen }) < 0; done {
			it.Done = true
			if f.ResolvedBy != "" {
				it.Note = "resolved in " + finding.ShortHash(f.ResolvedBy)
			} else {
				it.Note = "resolved"
			}
		}
		list = append(list, it)
	}
	intro := "Findings of lower severity, gathered here instead of one issue each (dependency changes, " +
		"documentation that drifted from the code, files that keep needing changes, vague notes left in the code). " +
		"Tick an item once it is handled; items the code no longer shows are struck through."
	body := checklist.Render(intro, list) + "\n---\n" + Marker(fingerprint)
	return Issue{Title: DigestTitle, Body: body, Labels: []string{"tech-debt"}}
}

// SameTextKey is what makes two findings say the same: their kind, word
// and normalised text ("" for a finding with no text of its own).
func SameTextKey(f store.Finding) string {
	// A question mark or a full stop at the end says nothing more:
	// hyperium/h2 0189722 wrote "proper error handling" thirteen times and
	// once "proper error handling?", a digest line of its own (round 125).
	text := strings.TrimRight(strings.Join(strings.Fields(strings.ToLower(f.Text)), " "), ".?!:; ")
	if text == "" {
		return ""
	}
	return f.Kind + "\x00" + f.Word + "\x00" + text
}

// sameTextGroups gathers items that say the same (SameTextKey) into one
// group each, in the order their first items come: the same TODO in
// chalk's index.js and index.d.ts, or a "Remove after minimum Go version
// is >=1.22" spf13/cast wrote into seven files over seven commits, is one
// line of the digest, not one per place (round 79).
func sameTextGroups(items []store.Finding) [][]store.Finding {
	var groups [][]store.Finding
	at := map[string]int{}
	for _, f := range items {
		key := SameTextKey(f)
		if i, ok := at[key]; ok && key != "" {
			groups[i] = append(groups[i], f)
			continue
		}
		at[key] = len(groups)
		groups = append(groups, []store.Finding{f})
	}
	return groups
}

// maxAlsoAt is how many other places of one digest line are named; the
// rest are counted.
const maxAlsoAt = 3

// alsoAt names the other places a digest line's text is found at, after
// the line: "; also at [`b.go#L3`](...), [`c.go#L9`](...) and 2 more".
func alsoAt(t ghrepo.Repo, others []store.Finding) string {
	if len(others) == 0 {
		return ""
	}
	var places []string
	for _, o := range others[:min(len(others), maxAlsoAt)] {
		places = append(places, where(t, o.Evidence))
	}
	s := "; also at " + strings.Join(places, ", ")
	if more := len(others) - maxAlsoAt; more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}

func digestSection(kind string) string {
	for _, s := range digestSections {
		if s.kind == kind {
			return s.heading
		}
	}
	return "Other"
}

// digestLine is one finding as a checklist line: its title, where, and
// the commit that introduced it, linked when the target is known.
func digestLine(t ghrepo.Repo, f store.Finding) string {
	// The title is text from git in the body here: inert, as in templates.
	title := inert(Title(f))
	ev := f.Evidence
	where := where(t, ev)
	// A rolling finding (a hotspot's counts) is counted over the commits
	// the analysis took in turn, branches interleaved, up to the window's
	// end: naming a commit reads as "the 50 commits before it" (git log -50),
	// which is not what was counted (quality: cli's command_parse.go). Its
	// commits are listed in its draft; the line links the file and says no
	// more. Other findings were found in their commit.
	if spec, ok := detectors.Spec(f.Kind); ok && spec.Rolling {
		return title + ": " + where
	}
	if ev.Path == "" {
		return fmt.Sprintf("%s, in %s", title, finding.ShortHash(ev.Commit))
	}
	line := fmt.Sprintf("%s: %s, in %s", title, where, finding.ShortHash(ev.Commit))
	if now := f.CurrentPath(); now != ev.Path {
		line += "; now " + codeSpan(now)
	}
	return line
}

// where is a piece of evidence's place as a digest shows it: the path and
// line, linked to the commit's file when the target is known.
func where(t ghrepo.Repo, ev finding.Evidence) string {
	loc := ev.Path
	if ev.Line > 0 {
		loc = fmt.Sprintf("%s#L%d", ev.Path, ev.Line)
	}
	if link := t.Permalink(ev.Commit, ev.Path, ev.Line); link != "" {
		return fmt.Sprintf("[%s](%s)", codeSpan(loc), link)
	}
	return codeSpan(loc)
}

func (l *DigestLines) neutralize(line string) string {
	if s, ok := l.neutral[line]; ok {
		return s
	}
	if l.neutral == nil {
		l.neutral = map[string]string{}
	}
	s := Neutralize(line)
	l.neutral[line] = s
	return s
}
