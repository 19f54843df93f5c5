package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseRepoSettings(t *testing.T) {
	tests := []struct {
		name, yaml, wantErr string
	}{
		{name: "full", yaml: "detectors:\n  hotspot: false\n  llm_review: false\nignore: [vendor/**, '*.pb.go']\ntodo:\n  words: [TODO, NOTE]\n  labels:\n    NOTE: [documentation]\nhotspot:\n  window: 30\nlabels: [from-bot]\nmax_drafts_per_commit: 3\n"},
		{name: "unknown detector", yaml: "detectors:\n  linter: true\n", wantErr: `line 2: unknown key "linter"`},
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
	team, err := ParseRepoSettings([]byte("detectors:\n  hotspot: false\n  secret: false\nlabels: [team]\nmax_drafts_per_commit: 3\ntodo:\n  words: [NOTE]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := Parse([]byte("repos:\n  /src/a:\n    detectors:\n      secret: true\n    labels: [mine]\n"), &cfg); err != nil {
		t.Fatal(err)
	}
	e := cfg.ForRepo("/src/a", team)
	if e.On("hotspot") || !e.On("secret") || !e.On("todo") {
		t.Errorf("detectors = %v", e.Detectors)
	}
	if strings.Join(e.Labels, ",") != "team,mine" || e.MaxDraftsPerCommit != 3 || e.TODO.Words[0] != "NOTE" {
		t.Errorf("effective = %+v", e)
	}
	if other := cfg.ForRepo("/src/b", RepoSettings{}); !other.On("hotspot") || other.MaxDraftsPerCommit != 10 {
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
	if _, err := LoadRepoSettings(dir); err == nil || !strings.Contains(err.Error(), RepoFile+": line 1") {
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
	if _, err := NewMatcher([]string{""}); err == nil {
		t.Error("an empty pattern was accepted")
	}
}
