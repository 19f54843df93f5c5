package config

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseRepoSettings(t *testing.T) {
	tests := []struct {
		name, yaml, wantErr string
	}{
		{name: "full", yaml: "detectors:\n  hotspot: false\n  llm_review: false\nignore: [vendor/**, '*.pb.go']\ntodo:\n  words: [TODO, NOTE]\n  labels:\n    NOTE: [documentation]\nhotspot:\n  window: 30\nlabels: [from-bot]\nmax_drafts_per_commit: 3\n"},
		{name: "unknown detector", yaml: "detectors:\n  linter: true\n", wantErr: `line 2: detectors: unknown key "linter"`},
		{name: "typo at top", yaml: "labels: [a]\nignroe: [x]\n", wantErr: `line 2: unknown key "ignroe"`},
		{name: "bad window", yaml: "hotspot:\n  window: 1\n", wantErr: "hotspot.window"},
		{name: "bad share", yaml: "hotspot:\n  min_share: 3\n", wantErr: "hotspot.min_share"},
		{name: "negative cap", yaml: "max_drafts_per_commit: -1\n", wantErr: "max_drafts_per_commit"},
		{name: "wrong type", yaml: "labels: yes-please\n", wantErr: "line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRepoSettings([]byte(tt.yaml))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestForRepoLayers(t *testing.T) {
	cfg := Defaults()
	team, err := ParseRepoSettings([]byte("detectors:\n  hotspot: false\n  secret: false\nlabels: [team]\nmax_drafts_per_commit: 3\ntodo:\n  words: [NOTE]\ndependency:\n  dev: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := Parse([]byte("repos:\n  /src/a:\n    detectors:\n      secret: true\n    labels: [mine]\n    dependency: {dev: false}\n  /src/c:\n    labels: [mine]\n"), &cfg); err != nil {
		t.Fatal(err)
	}
	e := cfg.ForRepo("/src/a", team)
	if e.On("hotspot") || !e.On("secret") || !e.On("todo") {
		t.Errorf("detectors = %v", e.Detectors)
	}
	if strings.Join(e.Labels, ",") != "team,mine" || e.MaxDraftsPerCommit != 3 || e.TODO.Words[0] != "NOTE" {
		t.Errorf("effective = %+v", e)
	}
	if e.Dependency.Dev || !cfg.ForRepo("/src/c", team).Dependency.Dev {
		t.Errorf("dependency.dev: the user's false over the team's true = %v, the team's alone = %v", e.Dependency.Dev, cfg.ForRepo("/src/c", team).Dependency.Dev)
	}
	if other := cfg.ForRepo("/src/b", RepoSettings{}); !other.On("hotspot") || other.MaxDraftsPerCommit != 10 || other.Dependency.Dev {
		t.Errorf("defaults for another repo = %+v", other)
	}
}

func TestLoadRepoSettingsNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	if s, err := LoadRepoSettings(dir); err != nil || s.Labels != nil {
		t.Fatalf("missing file: %+v %v", s, err)
	}
	if err := os.WriteFile(filepath.Join(dir, RepoFile), []byte("nope: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadRepoSettings(dir); err == nil || !strings.Contains(err.Error(), RepoFile+`:1: unknown key "nope"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestMatcher(t *testing.T) {
	m, err := NewMatcher([]string{"vendor/**", "*.pb.go", "docs/generated/", "internal/*/testdata"})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		"vendor/x/y.go":               true,
		"api/v1/svc.pb.go":            true,
		"svc.pb.go":                   true,
		"docs/generated/cli.md":       true,
		"docs/guide.md":               false,
		"internal/foo/testdata/a.txt": true,
		"internal/foo/bar/testdata":   false,
		"src/vendor.go":               false,
	} {
		if got := m.Match(path); got != want {
			t.Errorf("Match(%q) = %v, want %v", path, got, want)
		}
	}
	for _, bad := range []string{"", "!", "/", "src/[a-", "x\\"} {
		if _, err := NewMatcher([]string{bad}); err == nil {
			t.Errorf("pattern %q was accepted", bad)
		}
	}
}

// The matcher follows .gitignore's rules: each case is checked against git
// itself (`git check-ignore`), so that the README's promise holds.
func TestMatcherAgreesWithGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	cases := []struct {
		patterns []string
		paths    []string
	}{
		{[]string{"*.log", "!keep.log"}, []string{"a.log", "keep.log", "sub/keep.log", "sub/b.log", "a.txt"}},
		{[]string{"gen/", "!gen/keep.go"}, []string{"gen/a.go", "gen/keep.go", "src/gen/x.go", "gen.go"}},
		{[]string{"gen/*", "!gen/keep.go"}, []string{"gen/a.go", "gen/keep.go", "gen/sub/x.go"}},
		{[]string{"*.[oa]", "file[0-9].txt", "data?.csv"}, []string{"x.o", "lib/x.a", "x.c", "file7.txt", "filex.txt", "data1.csv", "data12.csv"}},
		{[]string{"[!a]*.md"}, []string{"b.md", "a.md", "docs/c.md"}},
		{[]string{"**/fixtures", "a/**/b.txt", "logs/**"}, []string{"fixtures/x", "t/fixtures/y.json", "a/b.txt", "a/x/y/b.txt", "b/a/b.txt", "logs/today/x.log", "logslater.txt"}},
		{[]string{"/root.txt", "build/out/"}, []string{"root.txt", "sub/root.txt", "build/out/x.bin", "src/build/out/y.bin"}},
		{[]string{"*.pb.go", "!api/keep.pb.go", "vendor/**", "!vendor/modules.txt"}, []string{"api/x.pb.go", "api/keep.pb.go", "vendor/a/b.go", "vendor/modules.txt"}},
	}
	for _, tc := range cases {
		dir := t.TempDir()
		gitRun(t, dir, "init", "-q")
		writeFile(t, filepath.Join(dir, ".gitignore"), strings.Join(tc.patterns, "\n")+"\n")
		m, err := NewMatcher(tc.patterns)
		if err != nil {
			t.Fatalf("%v: %v", tc.patterns, err)
		}
		for _, p := range tc.paths {
			writeFile(t, filepath.Join(dir, filepath.FromSlash(p)), "x")
			cmd := exec.Command("git", "check-ignore", "--no-index", "-q", p)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
			err := cmd.Run()
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				t.Fatal(err)
			}
			gitSays := err == nil
			if got := m.Match(p); got != gitSays {
				t.Errorf("patterns %q, path %q: Match = %v, git check-ignore says %v", tc.patterns, p, got, gitSays)
			}
		}
	}
}

func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestParseRepoSettingsInTheFilesWords(t *testing.T) {
	_, err := ParseRepoSettings([]byte("hotspot:\n  window: many\n  min_share: 2\nlabels: {a: b}\nmax_drafts_per_commit: -1\nignore: ['src/[a-']\n"))
	want := strings.Join([]string{
		`line 2: hotspot.window: expected a number, got "many"`,
		`line 3: hotspot.min_share: use a share from 0 to 1`,
		`line 4: labels: expected a list, such as [a, b], got a mapping`,
		`line 5: max_drafts_per_commit: cannot be negative`,
		`line 6: ignore: "src/[a-": not a valid pattern: "[a-" (an unclosed [ or a trailing \)`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Fatalf("err =\n%v\nwant\n%s", err, want)
	}
	if _, err := ParseRepoSettings(make([]byte, MaxRepoFile+1)); err == nil || !strings.Contains(err.Error(), "more than the 64 KiB") {
		t.Errorf("an oversized file: %v", err)
	}
}

// The working copy's file is read with the daemon's limits: a link (to
// /dev/zero, say) or a file over 64 KiB is refused before it is read.
func TestLoadRepoSettingsRefusesHostileFiles(t *testing.T) {
	for name, make := range map[string]func(path string) error{
		"is a symbolic link":               func(p string) error { return os.Symlink("/dev/zero", p) },
		"is 100 MiB, more than the 64 KiB": func(p string) error { return os.Truncate(p, 100<<20) },
		"is a folder":                      func(p string) error { return os.Mkdir(p, 0o755) },
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, RepoFile)
		if strings.HasPrefix(name, "is 100") {
			writeFile(t, path, "")
		}
		if err := make(path); err != nil {
			t.Fatal(err)
		}
		_, err := LoadRepoSettings(dir)
		if err == nil || !strings.Contains(err.Error(), path+": "+name) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestSeverityAndBudgetSettings(t *testing.T) {
	team, err := ParseRepoSettings([]byte("severity:\n  docdrift: medium\n  todo: high\nbudget:\n  drafts_per_100_commits: 5\n"))
	if err != nil {
		t.Fatal(err)
	}
	e := Defaults().ForRepo("/r", team)
	if e.Severity["docdrift"] != "medium" || e.Severity["todo"] != "high" || e.Severity["hotspot"] != "low" {
		t.Errorf("severity = %v", e.Severity)
	}
	if e.Budget != (Budget{PerHundred: 5, Window: 300, Minimum: 10}) {
		t.Errorf("budget = %+v", e.Budget)
	}
	for _, bad := range []string{"severity:\n  todo: urgent\n", "severity:\n  lint: low\n", "budget:\n  window: -1\n"} {
		if _, err := ParseRepoSettings([]byte(bad)); err == nil || !strings.Contains(err.Error(), "line") {
			t.Errorf("%q: err = %v, want an error with its line", bad, err)
		}
	}
}

func TestBudgetAllowed(t *testing.T) {
	b := Budget{PerHundred: 10, Window: 300, Minimum: 10}
	for analysed, want := range map[int]int{0: 10, 50: 10, 100: 10, 150: 15, 300: 30, 5000: 30} {
		if got := b.Allowed(analysed); got != want {
			t.Errorf("Allowed(%d) = %d, want %d", analysed, got, want)
		}
	}
	if got := (Budget{}).Allowed(100); got != -1 {
		t.Errorf("no budget: Allowed = %d, want -1", got)
	}
}
