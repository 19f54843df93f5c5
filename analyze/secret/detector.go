package secret

import (
	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Detector finds likely credentials a commit adds.
type Detector struct{}

// Spec describes the secret detector.
func (Detector) Spec() analyze.Spec {
	return analyze.Spec{
		Name:     finding.KindSecret,
		Summary:  "a likely credential committed (never stored or drafted in clear)",
		Severity: finding.High,
		Template: analyze.Template{
			Intro:    "A likely credential was committed in %s.",
			Why:      "Anyone with access to the repository, or to a copy of its history, can use it. Removing the line does not remove it from history.",
			Approach: []string{"Rotate it first, then move the new one out of the code (environment, secret store), then purge the old one from history, in that order (details above)."},
			Done:     []string{"The credential is revoked and replaced.", "No commit reachable from any branch or tag contains it."},
		},
	}
}

// DetectCommit runs Detect. Placeholders in test fixtures are what
// fixtures are for, so random-looking values there are not reported.
func (Detector) DetectCommit(c analyze.Commit, cd *analyze.CommitDiff, _ *config.Effective) ([]finding.Finding, []analyze.Resolution) {
	return Detect(c, cd, Options{FixturePlaceholders: true})
}
