package daemon

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
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

// A finding the digest listed, resolved and then found again at a higher
// severity gets a draft of its own; it does not wait for ever, out of the
// digest and out of the queue (go-git 5c24dfb3's untested object.go,
// whose earlier low-severity finding the digest had listed).
func TestFoundAgainOffTheDigest(t *testing.T) {
	r := newGitRepo(t)
	r.commit("settings", map[string]string{".ticket-master.yaml": "severity:\n  todo: low\n"})
	rc, id := enrolled(t, r, todoOnly())
	r.commit("notes", map[string]string{
		"a.go": "package a\n\n// TODO: close the connection pool when the server shuts down\nfunc A() {}\n",
		"b.go": "package a\n\n// TODO: retry the upload when the network drops in the middle\nfunc B() {}\n",
	})
	reconcile(t, rc, id)
	if ds := drafts(t, rc, store.DraftPending); len(ds) != 1 || !ds[0].Digest {
		t.Fatalf("drafts = %+v, want the digest alone", ds)
	}
	r.commit("done", map[string]string{"a.go": "package a\n\nfunc A() {}\n"})
	r.commit("settings", map[string]string{".ticket-master.yaml": "severity:\n  dependency: low\n"})
	reconcile(t, rc, id)
	r.commit("again", map[string]string{"a.go": "package a\n\n// TODO: close the connection pool when the server shuts down\nfunc A() {}\n"})
	sum := reconcile(t, rc, id)
	if sum.Waiting != 0 {
		t.Errorf("summary = %+v, want nothing waiting", sum)
	}
	var own []string
	for _, d := range drafts(t, rc, store.DraftPending) {
		if !d.Digest {
			own = append(own, d.Title)
		}
	}
	if len(own) != 1 || !strings.Contains(own[0], "connection pool") {
		t.Fatalf("drafts of their own = %q, want the TODO found again", own)
	}
}
