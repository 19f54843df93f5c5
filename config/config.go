package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Config is the user's config.yaml. Every field has a default, so a missing
// file is a valid configuration.
type Config struct {
	// Branches are globs (path.Match) of local branch names to watch.
	// Empty means every local branch, since people commit on feature branches.
	Branches []string       `yaml:"branches"`
	TODO     TODOConfig     `yaml:"todo"`
	Daemon   DaemonConfig   `yaml:"daemon"`
	Analysis AnalysisConfig `yaml:"analysis"`
}

// TODOConfig tunes the TODO detector.
type TODOConfig struct {
	Words  []string            `yaml:"words"`
	Labels map[string][]string `yaml:"labels"`
}

// DaemonConfig tunes the background service.
type DaemonConfig struct {
	Debounce          Duration `yaml:"debounce"`
	ReconcileInterval Duration `yaml:"reconcile_interval"`
}

// AnalysisConfig bounds the work one reconcile may do.
type AnalysisConfig struct {
	// MaxNewCommits caps how many new commits one reconcile analyses; older
	// ones beyond it (a huge fetch, say) become the baseline instead.
	MaxNewCommits int `yaml:"max_new_commits"`
	// MaxFileLines skips a file whose diff in one commit is longer.
	MaxFileLines int `yaml:"max_file_lines"`
}

// Duration reads "300ms" or "5m" from YAML.
type Duration time.Duration

// UnmarshalYAML parses a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return fmt.Errorf("line %d: want a duration such as 300ms or 5m", n.Line)
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("line %d: %q is not a duration such as 300ms or 5m", n.Line, s)
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML writes the duration back as a string.
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// Std returns the value as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// Defaults returns the configuration used where the file is silent.
func Defaults() Config {
	return Config{
		TODO: TODOConfig{
			Words: []string{"TODO", "FIXME", "HACK", "XXX", "BUG"},
			Labels: map[string][]string{
				"TODO":  {"enhancement"},
				"FIXME": {"bug"},
				"BUG":   {"bug"},
				"HACK":  {"tech-debt"},
				"XXX":   {"tech-debt"},
			},
		},
		Daemon: DaemonConfig{
			Debounce:          Duration(300 * time.Millisecond),
			ReconcileInterval: Duration(5 * time.Minute),
		},
		Analysis: AnalysisConfig{MaxNewCommits: 500, MaxFileLines: 20000},
	}
}

// Load reads the configuration file at path over the defaults. A missing
// file is not an error; an unknown key is, so that typos do not pass silently.
func Load(path string) (Config, error) {
	cfg := Defaults()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("read config: %w", err)
	}
	if err := Parse(data, &cfg); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// Parse decodes YAML into cfg strictly and checks the values.
func Parse(data []byte, cfg *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return readable(err)
	}
	return cfg.Validate()
}

// unknownField matches yaml.v3's message for a key the struct lacks.
var unknownField = regexp.MustCompile(`^line (\d+): field (\S+) not found in type .*$`)

// readable rewrites yaml.v3's type errors as one line per problem, in the
// words of the file rather than of Go types.
func readable(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	msgs := make([]string, len(te.Errors))
	for i, m := range te.Errors {
		if sub := unknownField.FindStringSubmatch(m); sub != nil {
			m = fmt.Sprintf("line %s: unknown key %q", sub[1], sub[2])
		}
		msgs[i] = m
	}
	return errors.New(strings.Join(msgs, "; "))
}

// Validate checks values that YAML types cannot.
func (c Config) Validate() error {
	if len(c.TODO.Words) == 0 {
		return errors.New("todo.words: list at least one word, such as TODO")
	}
	if c.Daemon.ReconcileInterval.Std() != 0 && c.Daemon.ReconcileInterval.Std() < time.Second {
		return errors.New("daemon.reconcile_interval: use at least 1s")
	}
	if c.Analysis.MaxNewCommits < 0 || c.Analysis.MaxFileLines < 0 {
		return errors.New("analysis: limits cannot be negative")
	}
	return nil
}
