package docdrift

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Detector finds public surfaces a commit changes without documentation.
type Detector struct{}

// Spec describes the documentation-drift detector.
func (Detector) Spec() analyze.Spec {
	return analyze.Spec{
		Name:     finding.KindDocDrift,
		Summary:  "a public surface (API, flag, route, config key) changed with no documentation change",
		Severity: finding.Low,
		Template: analyze.Template{
			Intro:    "A public surface in %s changed in a commit that changed no documentation.",
			Why:      "Users read the documentation, not the diff: a flag, route, setting or API that changed without it leaves them with wrong instructions.",
			Approach: []string{"Find where the documentation names what changed (README, docs/, doc comments) and bring it up to date.", "Document anything new, with an example."},
			Done:     []string{"The documentation describes the surface as it is now.", "Nothing in the documentation names what was removed or renamed."},
		},
	}
}

// DetectCommit finds drift, and passes on the lines the commit added to
// documentation and changelogs: an open drift finding whose surface they
// name is resolved.
func (Detector) DetectCommit(c analyze.Commit, cd *analyze.CommitDiff, _ *config.Effective) ([]finding.Finding, []analyze.Resolution) {
	found := Detect(c, cd, Options{})
	var resolved []analyze.Resolution
	if docs := addedDocLines(cd); docs != "" {
		resolved = append(resolved, analyze.Resolution{Fingerprint: Resolution, Commit: c.Hash, DocMentions: docs})
	}
	return found, resolved
}

// Resolution is the fingerprint of a resolution by documentation mentions;
// see analyze.Resolution.DocMentions.
const Resolution = "docdrift:*"

// Surface is the name a drift finding's fingerprint ends with
// ("--timeout" of "docdrift:main.go:flag:--timeout"), as documentation
// would write it.
func Surface(fingerprint string) string {
	i := strings.LastIndexByte(fingerprint, ':')
	if !strings.HasPrefix(fingerprint, finding.KindDocDrift+":") || i < 0 {
		return ""
	}
	return fingerprint[i+1:]
}

// addedDocLines joins the lines a commit added to documentation files and
// changelogs: an entry that names a surface documents it.
func addedDocLines(cd *analyze.CommitDiff) string {
	var b strings.Builder
	for _, f := range cd.Files {
		if !analyze.IsDocPath(f.Path()) && !analyze.IsChangelogPath(f.Path()) {
			continue
		}
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Kind == analyze.Added {
					b.WriteString(l.Text + "\n")
				}
			}
		}
	}
	return b.String()
}
