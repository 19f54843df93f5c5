package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadMissingFileGivesDefaults(t *testing.T) {
	cfg, err := Load(filepath.Join(t.TempDir(), "none.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Daemon.ReconcileInterval.Std() != 5*time.Minute || len(cfg.TODO.Words) != 5 {
		t.Errorf("defaults not applied: %+v", cfg)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr string
		check   func(Config) bool
	}{
		{name: "durations", yaml: "daemon:\n  debounce: 50ms\n  reconcile_interval: 1m\n",
			check: func(c Config) bool {
				return c.Daemon.Debounce.Std() == 50*time.Millisecond && c.Daemon.ReconcileInterval.Std() == time.Minute
			}},
		{name: "branches and words", yaml: "branches: [main, 'feature/*']\ntodo:\n  words: [TODO, NOTE]\n",
			check: func(c Config) bool { return len(c.Branches) == 2 && c.TODO.Words[1] == "NOTE" }},
		{name: "unknown key is an error with its line", yaml: "daemon:\n  debounse: 1s\n", wantErr: "line 2"},
		{name: "bad duration", yaml: "daemon:\n  debounce: soon\n", wantErr: "not a duration"},
		{name: "empty words", yaml: "todo:\n  words: []\n", wantErr: "todo.words"},
		{name: "llm off", yaml: "llm:\n  provider: none\n", check: func(c Config) bool { return !c.LLM.Enabled() && c.LLM.Model == "llama3.2" }},
		{name: "llm model", yaml: "llm:\n  model: qwen2.5-coder:7b\n  num_ctx: 16384\n", check: func(c Config) bool { return c.LLM.Model == "qwen2.5-coder:7b" && c.LLM.NumCtx == 16384 }},
		{name: "bad provider", yaml: "llm:\n  provider: openai\n", wantErr: "use ollama or none"},
		{name: "tiny context", yaml: "llm:\n  num_ctx: 100\n", wantErr: "llm.num_ctx"},
		{name: "empty file", yaml: "", check: func(c Config) bool { return c.Analysis.MaxNewCommits == 500 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Defaults()
			err := Parse([]byte(tt.yaml), &cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(cfg) {
				t.Errorf("unexpected config: %+v", cfg)
			}
		})
	}
}

func TestLoadNamesTheFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte("nope: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), p) {
		t.Fatalf("err = %v, want the file named", err)
	}
}
