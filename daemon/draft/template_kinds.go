package draft

import (
	"fmt"
	"strings"

	"github.com/ticket-master/ticket-master/store"
)

// kindText is what the template says for one kind of finding beyond what
// the detector wrote: why it matters, how to go about it, when it is done.
type kindText struct {
	intro    string // the opening sentence; %s is the path in backticks
	why      string
	approach []string
	done     []string
}

// kindTexts holds the template's words per detector. The facts (path,
// lines, symbols, commits) come from the finding; these sentences only
// frame them, so they stay true whatever the detector found.
func kindTexts() map[string]kindText {
	return map[string]kindText{
		"untested": {
			intro:    "Exported code in %s changed in a commit that changed no test that could cover it.",
			why:      "Untested changes to exported code are where regressions hide: nothing would notice if this behaviour broke.",
			approach: []string{"Add tests for the symbols listed above, including their error paths and edge cases.", "Keep the tests next to the code, as the project's other tests are."},
			done:     []string{"Each symbol listed above is exercised by a test.", "The tests fail when the behaviour they cover is broken."},
		},
		"docdrift": {
			intro:    "A public surface in %s changed in a commit that changed no documentation.",
			why:      "Users read the documentation, not the diff: a flag, route, setting or API that changed without it leaves them with wrong instructions.",
			approach: []string{"Find where the documentation names what changed (README, docs/, doc comments) and bring it up to date.", "Document anything new, with an example."},
			done:     []string{"The documentation describes the surface as it is now.", "Nothing in the documentation names what was removed or renamed."},
		},
		"hotspot": {
			intro:    "%s changes much more often than the rest of the code.",
			why:      "A file that keeps changing, especially through fixes and reverts, is usually doing too much or is hard to change safely; each change risks the next fix.",
			approach: []string{"Read the commits listed above and look for the part of the file they keep touching.", "Split that part out or cover it with tests before the next change."},
			done:     []string{"The reason the file keeps changing is understood and written down in this issue.", "The file is split or covered by tests so that the next change is safe."},
		},
		"dependency": {
			intro:    "A dependency was added or moved across a major version in %s.",
			why:      "A new dependency or a major upgrade changes what the project trusts and how it behaves: licences, security and breaking changes deserve a look.",
			approach: []string{"Check the dependency's licence, maintenance and security advisories.", "For a major upgrade, read its changelog for breaking changes and run the tests that use it."},
			done:     []string{"The dependency is reviewed and the result is noted in this issue.", "Breaking changes, if any, are handled."},
		},
		"secret": {
			intro:    "A likely credential was committed in %s.",
			why:      "Anyone with access to the repository, or to a copy of its history, can use it. Removing the line does not remove it from history.",
			approach: []string{"Rotate it first, then move the new one out of the code (environment, secret store), then purge the old one from history, in that order (details above)."},
			done:     []string{"The credential is revoked and replaced.", "No commit reachable from any branch or tag contains it."},
		},
		"review": {
			intro:    "A review of the diff in %s found a possible problem.",
			why:      "The change may not behave as intended; it is cheaper to check now than after it ships.",
			approach: []string{"Read the lines cited in the footer and confirm or dismiss the problem.", "If confirmed, fix it with a test that shows the problem."},
			done:     []string{"The problem is fixed with a test, or dismissed with a reason in this issue."},
		},
	}
}

// kindTemplate drafts the issue for a finding of a detector other than
// TODO: the detector's explanation and particulars in the words above.
func kindTemplate(t Target, f store.Finding, k kindText) Issue {
	var b strings.Builder
	fmt.Fprintf(&b, k.intro+"\n", codeSpan(f.Evidence.Path))
	if body := strings.TrimSpace(f.Body); body != "" {
		redacted, _ := Redact(body)
		b.WriteString("\n" + redacted + "\n")
	}
	if len(f.Items) > 0 {
		b.WriteString("\n")
		for _, it := range f.Items {
			redacted, _ := Redact(it)
			b.WriteString("- " + redacted + "\n")
		}
	}
	b.WriteString("\n### Why\n" + k.why + "\n")
	b.WriteString("\n### Suggested approach\n")
	for _, a := range k.approach {
		b.WriteString("- " + a + "\n")
	}
	b.WriteString("\n### Done when\n")
	for _, d := range k.done {
		b.WriteString("- [ ] " + d + "\n")
	}
	b.WriteString("\n")
	return Issue{Title: Title(f), Body: Neutralize(b.String()) + Footer(t, f), Labels: dedupe(f.Labels)}
}
