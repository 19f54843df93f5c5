package draft

import (
	"fmt"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/detectors"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

// reviewText frames a problem the model spotted in a diff: the model's
// diff review is not a detector of the analysis, so its words live here.
var reviewText = analyze.Template{
	Intro:    "A review of the diff in %s found a possible problem.",
	Why:      "The change may not behave as intended; it is cheaper to check now than after it ships.",
	Approach: []string{"Read the lines cited in the footer and confirm or dismiss the problem.", "If confirmed, fix it with a test that shows the problem."},
	Done:     []string{"The problem is fixed with a test, or dismissed with a reason in this issue."},
}

// templateFor returns the words for a finding's kind: its detector's, or
// the diff review's.
func templateFor(kind string) (analyze.Template, bool) {
	if kind == finding.KindReview {
		return reviewText, true
	}
	if spec, ok := detectors.Spec(kind); ok && spec.Template.Intro != "" {
		return spec.Template, true
	}
	return analyze.Template{}, false
}

// kindTemplate drafts the issue for a finding of a detector other than
// TODO: the detector's explanation and particulars in the words above.
func kindTemplate(t ghrepo.Repo, f store.Finding, k analyze.Template) Issue {
	var b strings.Builder
	fmt.Fprintf(&b, k.Intro+"\n", codeSpan(f.CurrentPath()))
	if body := inert(strings.TrimSpace(f.Body)); body != "" {
		b.WriteString("\n" + body + "\n")
	}
	if len(f.Items) > 0 {
		b.WriteString("\n")
		for _, it := range f.Items {
			b.WriteString("- " + inert(it) + "\n")
		}
	}
	b.WriteString("\n### Why\n" + k.Why + "\n")
	b.WriteString("\n### Suggested approach\n")
	for _, a := range k.Approach {
		b.WriteString("- " + a + "\n")
	}
	b.WriteString("\n### Done when\n")
	for _, d := range k.Done {
		b.WriteString("- [ ] " + d + "\n")
	}
	b.WriteString("\n")
	return Issue{Title: quoteRefs(Title(f)), Body: Neutralize(b.String()) + Footer(t, f), Labels: finding.MergeLabels(f.Labels)}
}
