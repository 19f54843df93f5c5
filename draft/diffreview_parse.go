package draft

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Proposal is one problem the model reported in a diff, checked against
// the chunk it was shown.
type Proposal struct {
	Path       string  `json:"path"`
	StartLine  int     `json:"start_line"`
	EndLine    int     `json:"end_line"`
	Title      string  `json:"title"`
	Body       string  `json:"body"`
	Kind       string  `json:"kind"`
	Confidence float64 `json:"confidence"`
	// Excerpt is the cited lines as the chunk showed them (redacted, at most
	// reviewExcerptLines), filled in by ParseProposals: the evidence comes
	// from the diff, not from the model.
	Excerpt string `json:"-"`
}

// reviewExcerptLines caps Proposal.Excerpt.
const reviewExcerptLines = 6

// ParseProposals reads a review answer and keeps the proposals that cite a
// path of the chunk and a line range inside one of its added or unchanged
// ranges, with a title of at most MaxTitle characters, a body, and a kind
// among KindLabels() (and among labels, when labels is not empty: the kinds
// the caller wants). Titles are made one line without a trailing period,
// bodies neutralised; too-long titles are dropped rather than cut, since a
// cut title says less than it claims. Past three, the most confident are
// kept. dropped says why each other proposal went, or why the whole answer
// did when it is not JSON.
func ParseProposals(content string, ch DiffChunk, labels []string) (kept []Proposal, dropped []string) {
	kept, dropped, err := parseProposals(content, ch, labels)
	if err != nil {
		return nil, []string{err.Error()}
	}
	return kept, dropped
}

// parseProposals is ParseProposals with an error, wrapping ErrNotJSON, for
// an answer that is not the JSON asked for.
func parseProposals(content string, ch DiffChunk, labels []string) (kept []Proposal, dropped []string, err error) {
	all, err := decodeProposals(content)
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]int{} // path and normalised title -> proposal number
	for i, p := range all {
		n := i + 1
		p = normaliseProposal(p)
		if reason := checkProposal(p, ch, labels); reason != "" {
			dropped = append(dropped, proposalReason(n, p, reason))
			continue
		}
		key := p.Path + "\x00" + normalisedTitle(p.Title)
		if first, ok := seen[key]; ok {
			dropped = append(dropped, proposalReason(n, p, fmt.Sprintf("repeats proposal %d", first)))
			continue
		}
		seen[key] = n
		p.Excerpt = ch.excerpt(p.Path, p.StartLine, p.EndLine)
		kept = append(kept, p)
	}
	if len(kept) > reviewMaxProposals {
		slices.SortStableFunc(kept, func(a, b Proposal) int { return cmp.Compare(b.Confidence, a.Confidence) })
		for _, p := range kept[reviewMaxProposals:] {
			dropped = append(dropped, proposalReason(0, p, fmt.Sprintf("more than %d proposals; the %d most confident were kept", reviewMaxProposals, reviewMaxProposals)))
		}
		kept = kept[:reviewMaxProposals]
	}
	return kept, dropped, nil
}

// decodeProposals accepts the object the schema asks for, the same in a
// code fence, or a bare list of proposals, which models that ignore the
// schema often send.
func decodeProposals(content string) ([]Proposal, error) {
	text := stripFence(strings.TrimSpace(content))
	switch {
	case strings.HasPrefix(text, "{"):
		var r struct {
			Proposals []Proposal `json:"proposals"`
		}
		if err := json.Unmarshal([]byte(text), &r); err != nil {
			return nil, notJSON(content, err)
		}
		return r.Proposals, nil
	case strings.HasPrefix(text, "["):
		var ps []Proposal
		if err := json.Unmarshal([]byte(text), &ps); err != nil {
			return nil, notJSON(content, err)
		}
		return ps, nil
	}
	return nil, notJSON(content, nil)
}

func normaliseProposal(p Proposal) Proposal {
	p.Path = strings.TrimPrefix(strings.TrimSpace(p.Path), "./")
	p.Title = strings.Join(strings.Fields(p.Title), " ")
	if strings.HasSuffix(p.Title, ".") && !strings.HasSuffix(p.Title, "...") {
		p.Title = strings.TrimSuffix(p.Title, ".") // a period, not an ellipsis
	}
	p.Body = strings.TrimSpace(Neutralize(strings.ReplaceAll(p.Body, "\r\n", "\n")))
	p.Kind = strings.ToLower(strings.TrimSpace(p.Kind))
	if p.EndLine == 0 {
		p.EndLine = p.StartLine // one line
	}
	return p
}

// checkProposal says what disqualifies p, or "".
func checkProposal(p Proposal, ch DiffChunk, labels []string) string {
	switch n := utf8.RuneCountInString(p.Title); {
	case n == 0:
		return "the title is empty"
	case n > MaxTitle:
		return fmt.Sprintf("the title is %d characters, over %d", n, MaxTitle)
	}
	if p.Body == "" {
		return "the body is empty"
	}
	if !slices.Contains(KindLabels(), p.Kind) {
		return fmt.Sprintf("kind %q is not one of %s", p.Kind, strings.Join(KindLabels(), ", "))
	}
	if len(labels) > 0 && !slices.ContainsFunc(labels, func(l string) bool { return strings.EqualFold(strings.TrimSpace(l), p.Kind) }) {
		return fmt.Sprintf("kind %q is not among the kinds asked for (%s)", p.Kind, strings.Join(labels, ", "))
	}
	if p.Confidence < 0 || p.Confidence > 1 {
		return fmt.Sprintf("confidence %g is outside 0 to 1", p.Confidence)
	}
	ranges, ok := ch.Lines[p.Path]
	if !ok {
		return fmt.Sprintf("%s is not in this part of the diff", codeSpan(p.Path))
	}
	if p.StartLine < 1 || p.EndLine < p.StartLine {
		return fmt.Sprintf("lines %d-%d are not a range", p.StartLine, p.EndLine)
	}
	if !slices.ContainsFunc(ranges, func(r [2]int) bool { return r[0] <= p.StartLine && p.EndLine <= r[1] }) {
		return fmt.Sprintf("lines %d-%d of %s are not among the added or unchanged lines shown (%s)",
			p.StartLine, p.EndLine, codeSpan(p.Path), formatRanges(ranges))
	}
	if _, n := Redact(p.Title + "\n" + p.Body); n > 0 {
		return "it repeats what looks like a credential"
	}
	// The body was neutralised, so a plain @name or #12 is harmless by now;
	// what remains (a link, an image, HTML, _@name_, [#1], GH-1) would reach
	// the issue as the model wrote it.
	for _, where := range []struct{ name, text string }{{"title", p.Title}, {"body", p.Body}} {
		if problems := markdownProblems(where.name, where.text); len(problems) > 0 {
			reason, _, _ := strings.Cut(problems[0], ";")
			return reason
		}
	}
	return ""
}

// proposalReason prefixes a reason with the proposal's number (0: none)
// and its title, redacted and cut, so that a log line says which it was.
func proposalReason(n int, p Proposal, reason string) string {
	title := cutWords(redactText(p.Title), 60)
	prefix := "proposal"
	if n > 0 {
		prefix = fmt.Sprintf("proposal %d", n)
	}
	if title != "" {
		prefix += fmt.Sprintf(" %q", title)
	}
	return prefix + ": " + reason
}

func formatRanges(rs [][2]int) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%d-%d", r[0], r[1])
		if r[0] == r[1] {
			parts[i] = fmt.Sprint(r[0])
		}
	}
	return strings.Join(parts, ", ")
}

// normalisedTitle is the title as fingerprints and duplicate checks see
// it: lower case, single spaces.
func normalisedTitle(title string) string {
	return strings.Join(strings.Fields(strings.ToLower(title)), " ")
}

// excerpt is the chunk's text of lines start..end of path, at most
// reviewExcerptLines of them.
func (ch DiffChunk) excerpt(path string, start, end int) string {
	lines := ch.newText[path]
	if lines == nil {
		return ""
	}
	var out []string
	for n := start; n <= end && len(out) < reviewExcerptLines; n++ {
		out = append(out, lines[n])
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n ")
}
