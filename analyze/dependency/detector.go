package dependency

import (
	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Detector finds dependencies added or moved across a major version.
type Detector struct{}

// Spec describes the dependency detector.
func (Detector) Spec() analyze.Spec {
	return analyze.Spec{
		Name:     finding.KindDependency,
		Summary:  "a dependency added, or moved across a major version, in a manifest",
		Severity: finding.Low,
		Template: analyze.Template{
			Intro:    "A dependency was added or moved across a major version in %s.",
			Why:      "A new dependency or a major upgrade changes what the project trusts and how it behaves: licences, security and breaking changes deserve a look.",
			Approach: []string{"Check the dependency's licence, maintenance and security advisories.", "For a major upgrade, read its changelog for breaking changes and run the tests that use it."},
			Done:     []string{"The dependency is reviewed and the result is noted in this issue.", "Breaking changes, if any, are handled."},
		},
	}
}

// Options shape what Detect reports.
type Options struct {
	Dev bool // development-only dependencies too
}

// DetectCommit runs Detect with the repository's settings.
func (Detector) DetectCommit(c analyze.Commit, cd *analyze.CommitDiff, s *config.Effective) ([]finding.Finding, []analyze.Resolution) {
	var opts Options
	if s != nil {
		opts.Dev = s.Dependency.Dev
	}
	return Detect(c, cd, opts)
}
