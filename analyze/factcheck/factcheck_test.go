package factcheck

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
)

func repoWith(t *testing.T, files map[string]string) (*analyze.Repo, analyze.Commit) {
	t.Helper()
	return repoWithSubject(t, "the subject", files)
}

func repoWithSubject(t *testing.T, subject string, files map[string]string) (*analyze.Repo, analyze.Commit) {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@e", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@e")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("add", ".")
	git("commit", "-qm", subject)
	repo, err := analyze.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := repo.CommitInfo(context.Background(), git("rev-parse", "HEAD"))
	if err != nil {
		t.Fatal(err)
	}
	return repo, c
}

func TestEvidence(t *testing.T) {
	repo, c := repoWith(t, map[string]string{
		"a.go":   "package a\n\n// TODO: retry on 503\nfunc A() {}\n",
		"env.sh": "export TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n",
	})
	blobs, err := repo.NewBlobReader(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer blobs.Close()
	redact := func(s string) string {
		return strings.ReplaceAll(s, "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[REDACTED]")
	}
	ck := &Checker{Blobs: blobs, Redact: redact, Commits: func(h string) (analyze.Commit, error) { return repo.CommitInfo(context.Background(), h) }}
	ok := finding.Evidence{Path: "a.go", Line: 3, Commit: c.Hash, Excerpt: "// TODO: retry on 503", Subject: c.Subject, Time: c.Time}
	for _, tc := range []struct {
		name   string
		ev     finding.Evidence
		reason string // "" when the evidence holds
	}{
		{"true", ok, ""},
		{"whole file", finding.Evidence{Path: "a.go", Commit: c.Hash}, ""},
		{"range inside", finding.Evidence{Path: "a.go", Line: 3, EndLine: 4, Commit: c.Hash}, ""},
		{"redacted excerpt", finding.Evidence{Path: "env.sh", Line: 1, Commit: c.Hash, Excerpt: "export TOKEN=[REDACTED]"}, ""},
		{"cut excerpt", finding.Evidence{Path: "a.go", Line: 3, Commit: c.Hash, Excerpt: "// TODO: retry…"}, ""},
		{"no such file", finding.Evidence{Path: "b.go", Line: 1, Commit: c.Hash}, "does not exist"},
		{"past the end", finding.Evidence{Path: "a.go", Line: 9, Commit: c.Hash}, "past the end"},
		{"range past the end", finding.Evidence{Path: "a.go", Line: 3, EndLine: 7, Commit: c.Hash}, "run past the end"},
		{"wrong line", finding.Evidence{Path: "a.go", Line: 2, Commit: c.Hash, Excerpt: "// TODO: retry on 503"}, "does not hold"},
		{"another commit's subject", func() finding.Evidence { e := ok; e.Subject = "another commit"; return e }(), "is not the commit's"},
		{"another commit's date", func() finding.Evidence { e := ok; e.Time = c.Time.Add(-48 * time.Hour); return e }(), "is not the commit's"},
		{"no such commit", finding.Evidence{Path: "a.go", Commit: strings.Repeat("1", 40), Subject: "x"}, "does not exist"},
	} {
		err := ck.Evidence(tc.ev)
		switch {
		case tc.reason == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.reason != "" && (err == nil || !strings.Contains(err.Error(), tc.reason)):
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.reason)
		}
	}
	f := finding.Finding{Evidence: ok, Also: []finding.Evidence{{Path: "gone.go", Commit: c.Hash}}}
	if p := ck.Finding(f); len(p) != 1 || p[0].Evidence.Path != "gone.go" {
		t.Errorf("Finding problems = %v, want the second place's", p)
	}
	moved, holds := ck.Relocate(finding.Evidence{Path: "a.go", Line: 1, EndLine: 2, Commit: c.Hash, Excerpt: "// TODO: retry on 503"})
	if !holds || moved.Line != 3 || moved.EndLine != 4 {
		t.Errorf("Relocate = %+v, %v", moved, holds)
	}
}

// A commit subject holding a credential is stored redacted: the check at
// publish time compares it with the commit's subject redacted the same way
// (it held such drafts for ever), and a failure never shows the subject as
// git has it.
func TestRedactedSubjectHolds(t *testing.T) {
	const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
	repo, c := repoWithSubject(t, "use "+token+" for now", map[string]string{"a.go": "package a\n"})
	redact := func(s string) string { return strings.ReplaceAll(s, token, "[REDACTED]") }
	ck := &Checker{Redact: redact, Commits: func(h string) (analyze.Commit, error) { return repo.CommitInfo(context.Background(), h) }}
	if err := ck.Evidence(finding.Evidence{Commit: c.Hash, Subject: "use [REDACTED] for now"}); err != nil {
		t.Errorf("the redacted subject: %v", err)
	}
	if err := ck.Evidence(finding.Evidence{Commit: c.Hash, Subject: c.Subject}); err != nil {
		t.Errorf("the subject as git has it (before the redaction boundary): %v", err)
	}
	err := ck.Evidence(finding.Evidence{Commit: c.Hash, Subject: "another commit"})
	if err == nil || strings.Contains(err.Error(), token) {
		t.Errorf("a wrong subject: %v (it must fail, without the token)", err)
	}
}

// lineCount and nthLine answer what splitLines does, without the split.
func TestLinesInPlace(t *testing.T) {
	for _, data := range []string{"", "\n", "a", "a\n", "a\nb", "a\nb\n", "\n\nc\n", "a\n\n", "x\r\ny\n\n\n"} {
		lines := splitLines([]byte(data))
		if got := lineCount([]byte(data)); got != len(lines) {
			t.Errorf("lineCount(%q) = %d, want %d", data, got, len(lines))
		}
		for i, want := range lines {
			if got := nthLine([]byte(data), i+1); string(got) != string(want) {
				t.Errorf("nthLine(%q, %d) = %q, want %q", data, i+1, got, want)
			}
		}
	}
}
