package config

import (
	"errors"
	"fmt"

	"os"
	"path"
	"reflect"
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
	// Severity and Budget are your defaults for every repository, as in a
	// repository's .ticket-master.yaml.
	Severity map[string]string `yaml:"severity"`
	Budget   BudgetSettings    `yaml:"budget"`
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

// UnmarshalYAML parses a Go duration string. Its messages carry no line:
// the settings reader adds it.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if n.Kind != yaml.ScalarNode || n.Decode(&s) != nil {
		return durationError("expected a duration such as 300ms or 5m")
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return durationError(fmt.Sprintf("expected a duration such as 300ms or 5m, got %q", s))
	}
	if v < 0 {
		return durationError(fmt.Sprintf("expected a duration such as 300ms or 5m, got %q: it cannot be negative", s))
	}
	*d = Duration(v)
	return nil
}

// durationError is a *yaml.TypeError, which yaml.v3 collects and carries
// on past, where any other error would stop the decoding of the rest.
func durationError(msg string) error { return &yaml.TypeError{Errors: []string{msg}} }

// MarshalYAML writes the duration back as users write it: "5m", not
// "5m0s".
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

// String is the duration without trailing zero units.
func (d Duration) String() string {
	s := time.Duration(d).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

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

// MaxConfigFile is the most config.yaml may hold: far more than any real
// configuration, far less than what would hurt if a wrong file were read.
const MaxConfigFile = 1 << 20

// Load reads the configuration file at path over the defaults. A missing
// file is not an error; an unknown key is, so that typos do not pass
// silently. On error (a *FileError naming every problem with its line)
// the Config returned is still usable: the sections without a problem are
// applied and the others keep their defaults, so that commands that do not
// need the broken setting can run on it.
func Load(path string) (Config, error) {
	cfg := Defaults()
	data, err := ReadConfigFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	if err := Parse(data, &cfg); err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return cfg, fe.In(path)
		}
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// Parse decodes YAML into cfg strictly and checks the values. The error,
// a *FileError, lists every problem with its line. On error, cfg holds
// every section without a problem; the sections with one hold their
// defaults.
func Parse(data []byte, cfg *Config) error {
	if len(data) > MaxConfigFile {
		return &FileError{Problems: []Problem{{Msg: tooLarge(int64(len(data)), MaxConfigFile)}}}
	}
	d := decodeStrict(data, cfg)
	// Range problems are looked for in the whole file, broken sections
	// included, so that one run reports them all.
	all := Defaults()
	d.decodeLoose(&all)
	vprobs := d.fresh(withLines(d.root, problemsOf(all.Validate())))
	bad := map[string]bool{}
	for _, p := range vprobs {
		if len(p.at) > 0 {
			if k, ok := p.at[0].(string); ok && !d.broken[k] {
				bad[k] = true
			}
		}
	}
	resetSections(cfg, Defaults(), bad)
	if d.root == nil && len(d.probs) > 0 {
		*cfg = Defaults() // the file did not parse: none of it applies
	}
	return fileError(append(d.probs, vprobs...))
}

// resetSections puts the named top-level sections of cfg back to their
// values in base.
func resetSections(cfg *Config, base Config, keys map[string]bool) {
	v, b := reflect.ValueOf(cfg).Elem(), reflect.ValueOf(base)
	for name, f := range yamlFields(v.Type()) {
		if keys[name] {
			v.FieldByIndex(f.Index).Set(b.FieldByIndex(f.Index))
		}
	}
}

// Validate checks values that YAML types cannot. Its error, a *FileError,
// lists every problem; Parse adds their lines.
func (c Config) Validate() error {
	var probs []Problem
	for i, b := range c.Branches {
		if _, err := path.Match(b, ""); err != nil {
			probs = append(probs, problemAt([]any{"branches", i}, "%q is not a valid glob (see `git help glob`)", b))
		}
	}
	if len(c.TODO.Words) == 0 {
		probs = append(probs, problemAt([]any{"todo", "words"}, "list at least one word, such as TODO"))
	}
	if c.Daemon.ReconcileInterval.Std() != 0 && c.Daemon.ReconcileInterval.Std() < time.Second {
		probs = append(probs, problemAt([]any{"daemon", "reconcile_interval"}, "use at least 1s"))
	}
	probs = append(probs, severityProblems(c.Severity)...)
	for key, v := range map[string]*int{"drafts_per_100_commits": c.Budget.PerHundred, "window": c.Budget.Window, "minimum": c.Budget.Minimum} {
		if v != nil && *v < 0 {
			probs = append(probs, problemAt([]any{"budget", key}, "cannot be negative"))
		}
	}
	if c.Analysis.MaxNewCommits < 0 {
		probs = append(probs, problemAt([]any{"analysis", "max_new_commits"}, "cannot be negative"))
	}
	if c.Analysis.MaxFileLines < 0 {
		probs = append(probs, problemAt([]any{"analysis", "max_file_lines"}, "cannot be negative"))
	}
	switch c.LLM.Provider {
	case "ollama", "none":
		if c.LLM.Provider == "ollama" && c.LLM.Model == "" {
			probs = append(probs, problemAt([]any{"llm", "model"}, "name a model, such as llama3.2 or qwen2.5-coder:7b"))
		}
	default:
		probs = append(probs, problemAt([]any{"llm", "provider"}, "%q is not a provider; use ollama or none", c.LLM.Provider))
	}
	if c.LLM.NumCtx != 0 && c.LLM.NumCtx < 2048 {
		probs = append(probs, problemAt([]any{"llm", "num_ctx"}, "use at least 2048 tokens"))
	}
	if c.LLM.Temperature < 0 || c.LLM.Temperature > 2 {
		probs = append(probs, problemAt([]any{"llm", "temperature"}, "use a value from 0 to 2"))
	}
	for key, r := range c.Repos {
		for _, p := range problemsOf(r.Validate()) {
			probs = append(probs, problemAt(sub([]any{"repos", mapKey(key)}, p.at...), "%s", p.Msg))
		}
	}
	return fileError(probs)
}
