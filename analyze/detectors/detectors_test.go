package detectors

import (
	"slices"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Every detector is whole: a name the settings know, a summary, a valid
// severity, and words for its template drafts (TODO drafts quote the
// comment instead).
func TestEveryDetectorIsWhole(t *testing.T) {
	names := config.DetectorNames()
	seen := map[string]bool{}
	for _, d := range All() {
		s := d.Spec()
		if seen[s.Name] {
			t.Errorf("%s is listed twice", s.Name)
		}
		seen[s.Name] = true
		if !slices.Contains(names, s.Name) {
			t.Errorf("%s: the settings do not know it (config.DetectorNames)", s.Name)
		}
		if s.Summary == "" {
			t.Errorf("%s: no summary", s.Name)
		}
		if _, err := finding.ParseSeverity(string(s.Severity)); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
		// config show prints the defaults from config.DefaultSeverities
		// (the settings cannot import the detectors); the pipeline falls
		// back to the Spec. They must say the same.
		shown, ok := config.DefaultSeverities()[s.Name]
		if !ok {
			shown = string(finding.Medium)
		}
		if string(s.Severity) != shown {
			t.Errorf("%s: Spec severity %q, but config show says %q", s.Name, s.Severity, shown)
		}
		if s.Name != finding.KindTODO && (s.Template.Intro == "" || s.Template.Why == "" || len(s.Template.Approach) == 0 || len(s.Template.Done) == 0) {
			t.Errorf("%s: incomplete template words %+v", s.Name, s.Template)
		}
		if got, ok := Spec(s.Name); !ok || got.Name != s.Name {
			t.Errorf("Spec(%s) = %v, %v", s.Name, got.Name, ok)
		}
	}
	for _, n := range names {
		if !seen[n] && n != "llm_review" {
			t.Errorf("the settings name %s, which no detector is", n)
		}
	}
}

// Detect runs only the detectors the settings turn on, and drops the
// files the ignore globs name.
func TestRunDetect(t *testing.T) {
	cd := &analyze.CommitDiff{Hash: "c1", Files: []analyze.FileDiff{
		{NewPath: "a.go", Hunks: []analyze.Hunk{{NewStart: 1, NewLines: 1, Lines: []analyze.Line{{Kind: analyze.Added, Text: "// TODO: close the pool on shutdown", NewNo: 1}}}}},
		{NewPath: "gen/b.go", Hunks: []analyze.Hunk{{NewStart: 1, NewLines: 1, Lines: []analyze.Line{{Kind: analyze.Added, Text: "// TODO: close the other pool", NewNo: 1}}}}},
	}}
	eff := config.Defaults().ForRepo("/r", config.RepoSettings{})
	run := Run{Settings: &eff, Ignore: func(p string) bool { return p == "gen/b.go" }}
	res := run.Detect(analyze.Commit{Hash: "c1"}, cd)
	if len(res.Findings) != 1 || res.Findings[0].Evidence.Path != "a.go" {
		t.Fatalf("findings = %+v, want the TODO in a.go only", res.Findings)
	}
	eff.Detectors[finding.KindTODO] = false
	if res := run.Detect(analyze.Commit{Hash: "c1"}, cd); len(res.Findings) != 0 {
		t.Errorf("todo off: findings = %+v", res.Findings)
	}
}

// The ignore globs take files out of the diff, not out of reach: the
// detectors still read whole files at both sides.
func TestWithoutIgnoredKeepsSource(t *testing.T) {
	cd := &analyze.CommitDiff{Hash: "c", Files: []analyze.FileDiff{{OldPath: "a.go", NewPath: "a.go"}, {OldPath: "gen/x.go", NewPath: "gen/x.go"}},
		Source: func(p string, _ analyze.LineKind) ([]byte, bool) { return []byte(p), true }}
	out := withoutIgnored(cd, func(p string) bool { return p == "gen/x.go" })
	if len(out.Files) != 1 {
		t.Fatalf("files %+v", out.Files)
	}
	if src, ok := out.ReadSource("a.go", analyze.Added); !ok || string(src) != "a.go" {
		t.Errorf("source lost: %q %v", src, ok)
	}
}
