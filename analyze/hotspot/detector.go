package hotspot

import (
	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Detector finds files that change unusually often, or by many fixes,
// within a window of recent commits. It is not a CommitDetector: the
// pipeline keeps the window (TouchOf of each commit) and calls Detect.
type Detector struct{}

// Spec describes the hotspot detector.
func (Detector) Spec() analyze.Spec {
	return analyze.Spec{
		Name:     finding.KindHotspot,
		Summary:  "a file changed unusually often, or by many fixes, in recent commits",
		Severity: finding.Low,
		// One finding per file, restated with the window's counts each
		// time the window moves on.
		Rolling: true,
		Template: analyze.Template{
			Intro:    "%s changes much more often than the rest of the code.",
			Why:      "A file that keeps changing, especially through fixes and reverts, is usually doing too much or is hard to change safely; each change risks the next fix.",
			Approach: []string{"Read the commits listed above and look for the part of the file they keep touching.", "Split that part out or cover it with tests before the next change."},
			Done:     []string{"The reason the file keeps changing is understood and written down in this issue.", "The file is split or covered by tests so that the next change is safe."},
		},
	}
}

// OptionsFrom reads the hotspot thresholds of a repository's settings.
func OptionsFrom(s *config.Effective) Options {
	return Options{
		Window: s.HotspotWindow, MinChanges: s.HotspotMinChanges,
		MinFixes: s.HotspotMinFixes, MinShare: s.HotspotMinShare,
	}
}
