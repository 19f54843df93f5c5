package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
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
	LLM      LLMConfig      `yaml:"llm"`
	Drafts   DraftsConfig   `yaml:"drafts"`
	GitHub   GitHubConfig   `yaml:"github"`
	// Detectors are your defaults for every repository; a repository's
	// .ticket-master.yaml and your repos: entry for it win over them.
	Detectors DetectorSwitches `yaml:"detectors"`
	// Repos holds personal per-repository overrides, keyed by the
	// repository's path (absolute or ~/...): the same keys as a
	// repository's .ticket-master.yaml, and they win over it.
	Repos map[string]RepoSettings `yaml:"repos"`
}

// GitHubConfig says how issues are published.
type GitHubConfig struct {
	// APIURL is the REST API base for GitHub Enterprise; GITHUB_API_URL
	// wins when set. Empty means api.github.com for github.com and
	// https://HOST/api/v3/ for other hosts.
	APIURL string `yaml:"api_url"`
	// CreateLabels creates labels a draft carries that the repository
	// lacks; otherwise they are reported and left off.
	CreateLabels bool `yaml:"create_labels"`
	// Pace is the least time between two issues created: GitHub blocks
	// accounts that create content quickly.
	Pace Duration `yaml:"pace"`
}

// LLMConfig says which local model drafts issues, through Ollama.
type LLMConfig struct {
	// Provider is "ollama", or "none" to keep the template drafts.
	Provider string `yaml:"provider"`
	// Host is Ollama's address; OLLAMA_HOST, when set, wins, as it does for
	// Ollama's own tools.
	Host        string   `yaml:"host"`
	Model       string   `yaml:"model"`
	NumCtx      int      `yaml:"num_ctx"`
	Temperature float64  `yaml:"temperature"`
	KeepAlive   Duration `yaml:"keep_alive"`
	Timeout     Duration `yaml:"timeout"`
	// Embeddings lets dedupe compare drafts by /api/embed vectors when the
	// model offers them; word overlap is used otherwise.
	Embeddings bool `yaml:"embeddings"`
}

// Enabled reports whether drafts go through a model.
func (c LLMConfig) Enabled() bool { return c.Provider != "none" }

// DraftsConfig shapes every draft.
type DraftsConfig struct {
	// Labels are the labels a draft may carry; the model's choices are
	// checked against them.
	Labels []string `yaml:"labels"`
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
		LLM: LLMConfig{
			Provider:    "ollama",
			Model:       "llama3.2",
			NumCtx:      8192,
			Temperature: 0.2,
			KeepAlive:   Duration(10 * time.Minute),
			Timeout:     Duration(2 * time.Minute),
			Embeddings:  true,
		},
		GitHub: GitHubConfig{Pace: Duration(3 * time.Second)},
		Drafts: DraftsConfig{
			Labels: []string{"bug", "enhancement", "documentation", "testing", "security", "tech-debt"},
		},
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
	for _, b := range c.Branches {
		if _, err := path.Match(b, ""); err != nil {
			return fmt.Errorf("branches: %q is not a valid glob: %w", b, err)
		}
	}
	if len(c.TODO.Words) == 0 {
		return errors.New("todo.words: list at least one word, such as TODO")
	}
	if c.Daemon.ReconcileInterval.Std() != 0 && c.Daemon.ReconcileInterval.Std() < time.Second {
		return errors.New("daemon.reconcile_interval: use at least 1s")
	}
	if c.Analysis.MaxNewCommits < 0 || c.Analysis.MaxFileLines < 0 {
		return errors.New("analysis: limits cannot be negative")
	}
	switch c.LLM.Provider {
	case "ollama", "none":
	default:
		return fmt.Errorf("llm.provider: %q is not a provider; use ollama or none", c.LLM.Provider)
	}
	if c.LLM.Provider == "ollama" && c.LLM.Model == "" {
		return errors.New("llm.model: name a model, such as llama3.2 or qwen2.5-coder:7b")
	}
	if c.LLM.NumCtx != 0 && c.LLM.NumCtx < 2048 {
		return errors.New("llm.num_ctx: use at least 2048 tokens")
	}
	if c.LLM.Temperature < 0 || c.LLM.Temperature > 2 {
		return errors.New("llm.temperature: use a value from 0 to 2")
	}
	for path, r := range c.Repos {
		if err := r.Validate(); err != nil {
			return fmt.Errorf("repos: %s: %w", path, err)
		}
	}
	return nil
}
