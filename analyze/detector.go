package analyze

import (
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Detector is one detector. Each lives in a package of its own under
// analyze/ (todo, untested, docdrift, dependency, hotspot, secret) that
// holds everything about it: its name, its default severity, the words of
// its template drafts, the code that finds, and its tests, so that adding
// or tuning one touches one place. analyze/detectors lists them.
type Detector interface {
	Spec() Spec
}

// CommitDetector finds in one commit's diff against its first parent. It
// must be pure: the same diff and settings always give the same result.
type CommitDetector interface {
	Detector
	DetectCommit(c Commit, cd *CommitDiff, s *config.Effective) ([]finding.Finding, []Resolution)
}

// CommitMerger is a detector whose findings of one commit make one draft:
// they ask for one piece of work (tests for what the commit changed),
// however many files it touched. Each finding keeps its fingerprint and
// resolves on its own; the draft is worded from those still open.
type CommitMerger interface {
	Detector
	// MergeCommit words findings of one commit, sorted by path, as one:
	// the first one's fingerprint and evidence, every one's particulars.
	MergeCommit(fs []finding.Finding) finding.Finding
}

// Spec describes a detector to the pipeline, the settings and the drafts.
type Spec struct {
	// Name is the detector's key in the settings and the Kind of its
	// findings.
	Name string
	// Summary says what it finds, in one line, for help and listings.
	Summary string
	// Severity is the default severity of its findings: low-severity kinds
	// go into the repository's maintenance digest rather than a draft each.
	Severity finding.Severity
	// Template frames a finding's facts in a template draft.
	Template Template
	// Rolling findings are restated by every detection (a hotspot's counts
	// move on): when an open finding is found again, the new statement
	// replaces the stored one and its pending draft is rewritten, instead
	// of the repeat being ignored.
	Rolling bool
}

// Template is the words a template draft frames a finding's facts with:
// why it matters, how to go about it, when it is done. The facts (paths,
// lines, symbols, commits) come from the finding; these sentences stay
// true whatever the detector found.
type Template struct {
	Intro    string // the opening sentence; %s is the path in backticks
	Why      string
	Approach []string
	Done     []string
}
