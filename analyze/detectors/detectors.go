// Package detectors lists every detector and runs them over a commit. It is
// the one place that knows them all: a new detector is a package under
// analyze/ and a line in All.
package detectors

import (
	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/dependency"
	"github.com/ticket-master/ticket-master/analyze/docdrift"
	"github.com/ticket-master/ticket-master/analyze/hotspot"
	"github.com/ticket-master/ticket-master/analyze/secret"
	"github.com/ticket-master/ticket-master/analyze/todo"
	"github.com/ticket-master/ticket-master/analyze/untested"
	"github.com/ticket-master/ticket-master/config"
)

// All lists the detectors in the order their findings are reported.
func All() []analyze.Detector {
	return []analyze.Detector{
		todo.Detector{}, untested.Detector{}, docdrift.Detector{},
		hotspot.Detector{}, dependency.Detector{}, secret.Detector{},
	}
}

// Spec returns the spec of the detector whose findings have kind.
func Spec(kind string) (analyze.Spec, bool) {
	for _, d := range All() {
		if s := d.Spec(); s.Name == kind {
			return s, true
		}
	}
	return analyze.Spec{}, false
}

// Merger returns the detector of kind when its findings of one commit
// make one draft (analyze.CommitMerger).
func Merger(kind string) (analyze.CommitMerger, bool) {
	for _, d := range All() {
		if m, ok := d.(analyze.CommitMerger); ok && d.Spec().Name == kind {
			return m, true
		}
	}
	return nil, false
}

// Run is one repository's detectors with their settings.
type Run struct {
	Settings *config.Effective
	// Ignore reports paths no detector looks at (the ignore globs).
	Ignore func(path string) bool
}

// Detect runs every enabled per-commit detector over one commit's diff and
// notes the commit's files for the hotspot window. It is pure.
func (r Run) Detect(c analyze.Commit, cd *analyze.CommitDiff) analyze.Result {
	cd = analyze.WithMemo(withoutIgnored(cd, r.Ignore))
	res := analyze.Result{Commit: c, Touch: hotspot.TouchOf(c, cd)}
	seen := map[string]bool{}
	for _, d := range All() {
		cdet, ok := d.(analyze.CommitDetector)
		if !ok || !r.Settings.On(d.Spec().Name) {
			continue
		}
		found, resolved := cdet.DetectCommit(c, cd, r.Settings)
		for _, f := range found {
			if !seen[f.Fingerprint] {
				seen[f.Fingerprint] = true
				res.Findings = append(res.Findings, f)
			}
		}
		// A TODO moved from one file to another is found in one and
		// resolved in the other: both are true, and the caller applies
		// resolutions first.
		res.Resolved = append(res.Resolved, resolved...)
	}
	return res
}

// withoutIgnored drops the files the ignore globs name.
func withoutIgnored(cd *analyze.CommitDiff, ignore func(string) bool) *analyze.CommitDiff {
	if ignore == nil {
		return cd
	}
	var kept []analyze.FileDiff
	for _, f := range cd.Files {
		if !ignore(f.Path()) && (f.OldPath == "" || !ignore(f.OldPath)) {
			kept = append(kept, f)
		}
	}
	return cd.WithFiles(kept)
}
