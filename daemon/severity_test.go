package daemon

import (
	"testing"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Where the settings keep a kind's default, a detector's judgement of one
// finding stands (a key among test fixtures is low although secrets are
// high; a FIXME naming a crash is high); a severity a person set for the
// kind applies to all of its findings, except that it lowers none a
// detector raised unless it sets low.
func TestSeverityOfAFinding(t *testing.T) {
	settings := func(yaml string) *config.Effective {
		rs, err := config.ParseRepoSettings([]byte(yaml))
		if err != nil {
			t.Fatal(err)
		}
		e := config.Defaults().ForRepo("/r", rs)
		return &e
	}
	for _, tc := range []struct {
		name     string
		settings string
		f        finding.Finding
		want     finding.Severity
	}{
		{"a secret, by default", "", finding.Finding{Kind: "secret"}, finding.High},
		{"a fixture key, by default", "", finding.Finding{Kind: "secret", Severity: finding.Low}, finding.Low},
		{"a fixture key, secrets set medium", "severity:\n  secret: medium\n", finding.Finding{Kind: "secret", Severity: finding.Low}, finding.Medium},
		{"a fixture key, secrets set high as their default is", "severity:\n  secret: high\n", finding.Finding{Kind: "secret", Severity: finding.Low}, finding.High},
		{"a hotspot, by its detector's default", "", finding.Finding{Kind: "hotspot"}, finding.Low},
		{"a dependency, by default", "", finding.Finding{Kind: "dependency"}, finding.Low},
		{"a TODO naming a crash", "", finding.Finding{Kind: "todo", Severity: finding.High}, finding.High},
		{"a TODO naming a crash, TODOs set low", "severity:\n  todo: low\n", finding.Finding{Kind: "todo", Severity: finding.High}, finding.Low},
		{"a plain TODO", "", finding.Finding{Kind: "todo"}, finding.Medium},
	} {
		w := &writer{plan: plan{settings: settings(tc.settings)}}
		if got := w.severity(tc.f); got != tc.want {
			t.Errorf("%s: severity %q, want %q", tc.name, got, tc.want)
		}
	}
}
