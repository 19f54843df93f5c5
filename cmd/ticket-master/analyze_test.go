package main

import (
	"context"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

func openFinding(fp string) store.Finding {
	return store.Finding{Finding: finding.Finding{Fingerprint: fp, Kind: finding.KindOf(fp)}, Status: store.FindingOpen}
}

// previewForTest: two TODOs with a draft each, a hotspot and a dependency
// in the digest, and an untested change waiting for the draft budget.
func previewForTest() daemon.Preview {
	return daemon.Preview{
		Repo: "/src/gadgets", GitHub: "acme/gadgets", Commits: 1, Resolved: 1, Skipped: 2, Dropped: 1, Waiting: 1,
		ByKind: map[string]int{"todo": 2, "hotspot": 1, "dependency": 1, "untested": 1},
		Findings: []store.Finding{
			openFinding("todo:a.py:0123"), openFinding("todo:b.py:4567"), openFinding("hotspot:a.py"),
			openFinding("dependency:yaml"), openFinding("untested:c.go"),
		},
		Drafts: []daemon.PreviewDraft{
			{Kind: "todo", Title: "Retry uploads", Body: "Uploads give up.", Labels: []string{"enhancement"}, Fingerprint: "todo:a.py:0123"},
			{Kind: "digest", Title: "Review the maintenance checklist", Fingerprint: "digest:maintenance",
				Fingerprints: []string{"digest:maintenance", "hotspot:a.py", "dependency:yaml"}},
			{Kind: "todo", Title: "Cache the config", Fingerprint: "todo:b.py:4567"},
		},
	}
}

func runAnalyzeForTest(t *testing.T, p daemon.Preview, maxIssues int, full, json bool) string {
	t.Helper()
	ios, out, _ := testIO(nil)
	o := &analyzeOptions{IO: ios, Last: 50, MaxIssues: maxIssues, Full: full, JSON: json,
		Preview: func(_ context.Context, po daemon.PreviewOptions) (daemon.Preview, error) {
			// The preview runs for every draft (the table counts them
			// all); --max-issues only cuts the listing.
			if po.MaxIssues > 0 && len(p.Drafts) > po.MaxIssues {
				p.Omitted, p.Drafts = len(p.Drafts)-po.MaxIssues, p.Drafts[:po.MaxIssues]
			}
			return p, nil
		}}
	if err := runAnalyze(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// The table counts every draft, even those beyond --max-issues, and says
// where each kind's findings went: a draft of their own, the maintenance
// digest, or the wait for room in the draft budget.
func TestAnalyzeSummaryAndFull(t *testing.T) {
	want := "Analysed 1 commit of /src/gadgets (acme/gadgets)\n\n" +
		"KIND        FINDINGS  DRAFTS  IN DIGEST  WAITING\n" +
		"dependency  1         0       1          0\n" +
		"hotspot     1         0       1          0\n" +
		"todo        2         2       0          0\n" +
		"untested    1         0       0          1\n" +
		"digest      -         1       -          -\n" +
		"total       5         3       2          1\n\n" +
		"1 finding resolved within these commits; 2 files skipped; 1 finding dropped for a claim git contradicts.\n" +
		"1 finding waits for room in the draft budget (once enrolled, `drafts list --waiting` lists it).\n\n" +
		"2 more drafts beyond --max-issues 1 (raise it to see them).\n"
	if got := runAnalyzeForTest(t, previewForTest(), 1, false, false); got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}
	got := runAnalyzeForTest(t, previewForTest(), 1, true, false)
	if !strings.Contains(got, "=== Draft 1 of 1: Retry uploads\nLabels: enhancement\n\nUploads give up.\n") {
		t.Errorf("--full does not print the draft:\n%s", got)
	}
	if strings.Contains(got, "Cache the config") {
		t.Errorf("--full prints a draft beyond --max-issues 1:\n%s", got)
	}
	if got := runAnalyzeForTest(t, previewForTest(), 0, true, false); !strings.Contains(got, "=== Draft 3 of 3: Cache the config") {
		t.Errorf("--max-issues 0 does not print every draft:\n%s", got)
	}
}

// --json keeps --max-issues: the drafts beyond it are counted, not listed.
func TestAnalyzeJSONCutsAtMaxIssues(t *testing.T) {
	got := runAnalyzeForTest(t, previewForTest(), 2, false, true)
	if !strings.Contains(got, `"omitted_drafts": 1`) || strings.Contains(got, "Cache the config") {
		t.Errorf("--json --max-issues 2:\n%s", got)
	}
}

func TestAnalyzeNothingFound(t *testing.T) {
	got := runAnalyzeForTest(t, daemon.Preview{Repo: "/src/gadgets", Commits: 3}, 10, false, false)
	want := "Analysed 3 commits of /src/gadgets\n\nNo open findings.\n0 findings resolved within these commits; 0 files skipped.\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestAnalyzeFlagErrorsNameTheFlag(t *testing.T) {
	for args, want := range map[string]string{
		"--last 0":            "--last 0: analyse at least 1 commit",
		"--max-issues -1":     "--max-issues -1: use 0 (every draft) or more",
		"--last 3 --since v1": "use --last or --since, not both",
	} {
		err := runCmd(t, newAnalyzeCmd(&factory{}, func(context.Context, *analyzeOptions) error { return nil }), strings.Fields(args)...)
		if err == nil || err.Error() != want {
			t.Errorf("analyze %s: err = %v, want %q", args, err, want)
		}
	}
}
