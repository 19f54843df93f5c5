package untested

import (
	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Detector finds exported code changed in a commit that changed no test
// that could cover it.
type Detector struct{}

// Spec describes the untested-change detector.
func (Detector) Spec() analyze.Spec {
	return analyze.Spec{
		Name:     finding.KindUntested,
		Summary:  "exported functions, methods or classes added or changed with no test change",
		Severity: finding.Medium,
		Template: analyze.Template{
			Intro:    "Exported code in %s changed in a commit that changed no test that could cover it.",
			Why:      "Untested changes to exported code are where regressions hide: nothing would notice if this behaviour broke.",
			Approach: []string{"Add tests for the symbols listed above, including their error paths and edge cases.", "Put the tests where the project keeps its other tests."},
			Done:     []string{"Each symbol listed above is exercised by a test.", "The tests fail when the behaviour they cover is broken."},
		},
	}
}

// DetectCommit runs Detect with the default options.
func (Detector) DetectCommit(c analyze.Commit, cd *analyze.CommitDiff, _ *config.Effective) ([]finding.Finding, []analyze.Resolution) {
	return Detect(c, cd, Options{})
}
