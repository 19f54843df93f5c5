package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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
		{name: "unknown key is an error with its line", yaml: "daemon:\n  debounse: 1s\n", wantErr: `line 2: daemon: unknown key "debounse"; did you mean "debounce"?`},
		{name: "bad duration", yaml: "daemon:\n  debounce: soon\n", wantErr: `line 2: daemon.debounce: expected a duration such as 300ms or 5m, got "soon"`},
		{name: "negative duration", yaml: "github:\n  pace: -1s\n", wantErr: "line 2: github.pace: expected a duration such as 300ms or 5m, got \"-1s\": it cannot be negative"},
		{name: "durations read back as written", yaml: "llm:\n  timeout: 90s\n", check: func(c Config) bool { return c.LLM.Timeout.String() == "1m30s" && c.LLM.KeepAlive.String() == "10m" }},
		{name: "range error has its line", yaml: "llm:\n  model: x\n  temperature: 5\n", wantErr: "line 3: llm.temperature: use a value from 0 to 2"},
		{name: "bad branch glob has the item's line", yaml: "branches:\n  - main\n  - 'feat/['\n", wantErr: `line 3: branches: "feat/[" is not a valid glob`},
		{name: "syntax error on the first line", yaml: "llm: model: x\n", wantErr: "line 1: not valid YAML"},
		{name: "syntax error further down", yaml: "llm:\n  model: x\n  num_ctx: 1: 2\n", wantErr: "line 3: not valid YAML"},
		{name: "not a mapping", yaml: "- a\n- b\n", wantErr: "line 1: expected a mapping (key: value lines), got a list"},
		{name: "duplicate key", yaml: "llm:\n  model: a\n  model: b\n", wantErr: "line 3: llm.model: already set on line 2; keep one"},
		{name: "repos override names its repository", yaml: "repos:\n  ~/src/a:\n    hotspot:\n      window: 1\n", wantErr: `line 4: repos."~/src/a".hotspot.window: use at least 2 commits`},
		{name: "repos typo", yaml: "repos:\n  ~/src/a:\n    detectors: {todoo: false}\n", wantErr: `line 3: repos."~/src/a".detectors: unknown key "todoo"; did you mean "todo"?`},
		{name: "merge keys are read", yaml: "x-base: &b {debounce: 1s}\n", wantErr: `line 1: unknown key "x-base"`},
		{name: "aliases are read", yaml: "drafts:\n  labels: &l [a, b]\ntodo:\n  labels:\n    TODO: *l\n", check: func(c Config) bool { return c.TODO.Labels["TODO"][1] == "b" }},
		{name: "empty words", yaml: "todo:\n  words: []\n", wantErr: "todo.words"},
		{name: "huge number", yaml: "analysis:\n  max_new_commits: 99999999999999999999\n", wantErr: `line 2: analysis.max_new_commits: expected a number in range, got "99999999999999999999"`},
		{name: "whole float is a whole number", yaml: "analysis:\n  max_new_commits: 20.0\n", check: func(c Config) bool { return c.Analysis.MaxNewCommits == 20 }},
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
	if err == nil || !strings.Contains(err.Error(), p+`:1: unknown key "nope"`) {
		t.Fatalf("err = %v, want the file and line named", err)
	}
}

// Every problem is reported, one a line, each with its line, in the
// file's words: no Go type name reaches the user.
func TestParseReportsEveryProblem(t *testing.T) {
	yml := `llm:
  num_ctx: abc
  temperature: 9
  embeddings: maybe
  keep_alive: [1m]
daemon:
  debounce: {a: 1}
analysis:
  max_new_commits: 1.5
drafts:
  labels: {bug: true}
todo: [TODO]
github:
  create_labels: 3
  pace: fast
branches: main
`
	cfg := Defaults()
	err := Parse([]byte(yml), &cfg)
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v (%T), want a *FileError", err, err)
	}
	want := []string{
		`line 2: llm.num_ctx: expected a number, got "abc"`,
		`line 3: llm.temperature: use a value from 0 to 2`,
		`line 4: llm.embeddings: expected true or false, got "maybe"`,
		`line 5: llm.keep_alive: expected a duration such as 300ms or 5m`,
		`line 7: daemon.debounce: expected a duration such as 300ms or 5m`,
		`line 9: analysis.max_new_commits: expected a whole number, got "1.5"`,
		`line 11: drafts.labels: expected a list, such as [a, b], got a mapping`,
		`line 12: todo: expected a mapping (key: value lines), got a list`,
		`line 14: github.create_labels: expected true or false, got "3"`,
		`line 15: github.pace: expected a duration such as 300ms or 5m, got "fast"`,
		`line 16: branches: expected a list, such as [a, b], got "main"`,
	}
	got := strings.Split(err.Error(), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, goWord := range []string{"!!", "int", "float64", "bool", "[]string", "map[", "config.", "unmarshal"} {
		if strings.Contains(err.Error(), goWord) {
			t.Errorf("message has Go's word %q: %s", goWord, err)
		}
	}
}

// A broken section keeps its defaults; the others apply, so that commands
// that do not need it still run.
func TestParseAppliesTheSectionsWithoutProblems(t *testing.T) {
	cfg := Defaults()
	err := Parse([]byte("daemon:\n  debounce: 1s\nllm:\n  model: mine\n  temperature: 7\ngithub:\n  pace: soon\nanalysis:\n  max_file_lines: 10\n"), &cfg)
	if err == nil {
		t.Fatal("no error")
	}
	def := Defaults()
	if cfg.Daemon.Debounce.Std() != time.Second || cfg.Analysis.MaxFileLines != 10 {
		t.Errorf("good sections not applied: %+v %+v", cfg.Daemon, cfg.Analysis)
	}
	if cfg.LLM.Model != def.LLM.Model || cfg.LLM.Temperature != def.LLM.Temperature || cfg.GitHub.Pace != def.GitHub.Pace {
		t.Errorf("broken sections not at their defaults: %+v %+v", cfg.LLM, cfg.GitHub)
	}
	if err := cfg.Validate(); err != nil {
		t.Errorf("what is left does not validate: %v", err)
	}
}

func TestParseSurvivesAliasBombs(t *testing.T) {
	var b strings.Builder
	b.WriteString("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "x%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("drafts:\n  labels: *a11\n")
	cfg := Defaults()
	done := make(chan error, 1)
	go func() { done <- Parse([]byte(b.String()), &cfg) }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("an alias bomb was accepted")
		}
		// Each alias of one bad value is one problem said once, and a
		// file with many problems does not print a wall of them.
		lines := strings.Split(err.Error(), "\n")
		if len(lines) > maxShown+1 {
			t.Errorf("%d lines of problems printed, want at most %d", len(lines), maxShown+1)
		}
		seen := map[string]bool{}
		for _, l := range lines {
			if seen[l] {
				t.Errorf("problem said twice: %q", l)
			}
			seen[l] = true
		}
	case <-time.After(10 * time.Second):
		t.Fatal("an alias bomb kept Parse busy")
	}
}

// TestRepoSettingsAliasBombSaysEachProblemOnce: a billion laughs in a
// repository's .ticket-master.yaml (aliases of one list reaching three
// settings) is refused with each problem said once, in a bounded message.
func TestRepoSettingsAliasBombSaysEachProblemOnce(t *testing.T) {
	var b strings.Builder
	b.WriteString(`x0: &x0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "x%d: &x%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*x%d,", i-1), 9), ","))
	}
	b.WriteString("labels: *x8\nignore: *x8\ntodo:\n  words: *x8\n")
	_, err := ParseRepoSettings([]byte(b.String()))
	if err == nil {
		t.Fatal("an alias bomb was accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) > maxShown+1 {
		t.Errorf("%d lines of problems printed, want at most %d:\n%v", len(lines), maxShown+1, err)
	}
	seen := map[string]bool{}
	for _, l := range lines {
		if seen[l] {
			t.Errorf("problem said twice: %q", l)
		}
		seen[l] = true
	}
}

func TestLoadRefusesWhatIsNotASettingsFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "dotfiles.yaml")
	if err := os.WriteFile(good, []byte("llm:\n  model: mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(dir, "linked.yaml")
	if err := os.Symlink(good, linked); err != nil {
		t.Fatal(err)
	}
	if cfg, err := Load(linked); err != nil || cfg.LLM.Model != "mine" {
		t.Errorf("a link to a regular file (dotfiles) is read: %v %v", cfg.LLM.Model, err)
	}
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil { // sparse: no disk, no time
		t.Fatal(err)
	}
	f.Close()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		zero: "is not a regular file",
		big:  "is 100 MiB, more than the 1 MiB a settings file may hold",
		fifo: "is not a regular file",
		dir:  "is a folder",
	} {
		cfg, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), path+": "+want) {
			t.Errorf("Load(%s): err = %v, want %q", filepath.Base(path), err, want)
		}
		if cfg.LLM.Model != Defaults().LLM.Model {
			t.Errorf("Load(%s) gave no defaults: %+v", filepath.Base(path), cfg.LLM)
		}
	}
}
