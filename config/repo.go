package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// RepoFile is the per-repository settings file a team commits.
const RepoFile = ".ticket-master.yaml"

// RepoSettings shape what ticket-master does in one repository. They come
// from the repository's own .ticket-master.yaml (shared by the team) and
// from the `repos:` section of the user's config (personal overrides, which
// win). Unset fields (nil) leave the value below them alone.
type RepoSettings struct {
	Detectors DetectorSwitches `yaml:"detectors"`
	// Ignore lists globs of paths no detector looks at ("vendor/**",
	// "*.pb.go", "docs/generated/"); a pattern without a slash matches at
	// any depth, as in .gitignore.
	Ignore []string    `yaml:"ignore"`
	TODO   *TODOConfig `yaml:"todo"`
	// Hotspot thresholds.
	Hotspot HotspotSettings `yaml:"hotspot"`
	// Labels are added to every draft of the repository.
	Labels []string `yaml:"labels"`
	// MaxDraftsPerCommit caps the drafts one commit can queue; 0 means no
	// cap. Findings beyond it are kept (status shows them) but not drafted.
	MaxDraftsPerCommit *int `yaml:"max_drafts_per_commit"`
}

// DetectorSwitches turn detectors on or off.
type DetectorSwitches struct {
	TODO       *bool `yaml:"todo"`
	Untested   *bool `yaml:"untested"`
	DocDrift   *bool `yaml:"docdrift"`
	Hotspot    *bool `yaml:"hotspot"`
	Dependency *bool `yaml:"dependency"`
	Secret     *bool `yaml:"secret"`
	LLMReview  *bool `yaml:"llm_review"`
}

// HotspotSettings are the hotspot detector's thresholds.
type HotspotSettings struct {
	Window     *int     `yaml:"window"`      // commits in a window
	MinChanges *int     `yaml:"min_changes"` // changes in a window that make a hotspot
	MinFixes   *int     `yaml:"min_fixes"`   // or fix/revert commits in a window
	MinShare   *float64 `yaml:"min_share"`   // and the share of the window's commits
}

// Effective are the settings in force for one repository, every layer
// applied.
type Effective struct {
	Detectors          map[string]bool `json:"detectors"`
	Ignore             []string        `json:"ignore,omitempty"`
	TODO               TODOConfig      `json:"todo"`
	HotspotWindow      int             `json:"hotspot_window"`
	HotspotMinChanges  int             `json:"hotspot_min_changes"`
	HotspotMinFixes    int             `json:"hotspot_min_fixes"`
	HotspotMinShare    float64         `json:"hotspot_min_share"`
	Labels             []string        `json:"labels,omitempty"`
	MaxDraftsPerCommit int             `json:"max_drafts_per_commit"`
}

// Detector names, as the settings spell them.
func DetectorNames() []string {
	return []string{"todo", "untested", "docdrift", "hotspot", "dependency", "secret", "llm_review"}
}

// On reports whether a detector runs.
func (e Effective) On(name string) bool { return e.Detectors[name] }

// defaultEffective is every detector on, with the thresholds the hotspot
// detector was tuned with.
func (c Config) defaultEffective() Effective {
	e := Effective{
		Detectors:          map[string]bool{},
		TODO:               c.TODO,
		HotspotWindow:      50,
		HotspotMinChanges:  10,
		HotspotMinFixes:    4,
		HotspotMinShare:    0.2,
		MaxDraftsPerCommit: 10,
	}
	for _, n := range DetectorNames() {
		e.Detectors[n] = true
	}
	return e
}

// ForRepo layers, from the bottom: the defaults, the user's `detectors:`
// for every repository, the repository's own settings, and the user's
// overrides for it (config `repos:`, keyed by the repository's path).
func (c Config) ForRepo(path string, team RepoSettings) Effective {
	e := c.defaultEffective()
	e.apply(RepoSettings{Detectors: c.Detectors})
	e.apply(team)
	if own, ok := c.repoOverride(path); ok {
		e.apply(own)
	}
	return e
}

func (c Config) repoOverride(path string) (RepoSettings, bool) {
	for key, s := range c.Repos {
		if sameRepoPath(key, path) {
			return s, true
		}
	}
	return RepoSettings{}, false
}

func sameRepoPath(key, path string) bool {
	if strings.HasPrefix(key, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			key = filepath.Join(home, key[2:])
		}
	}
	return filepath.Clean(key) == filepath.Clean(path)
}

func (e *Effective) apply(s RepoSettings) {
	sw := map[string]*bool{
		"todo": s.Detectors.TODO, "untested": s.Detectors.Untested, "docdrift": s.Detectors.DocDrift,
		"hotspot": s.Detectors.Hotspot, "dependency": s.Detectors.Dependency, "secret": s.Detectors.Secret,
		"llm_review": s.Detectors.LLMReview,
	}
	for name, v := range sw {
		if v != nil {
			e.Detectors[name] = *v
		}
	}
	e.Ignore = append(e.Ignore, s.Ignore...)
	if s.TODO != nil {
		if len(s.TODO.Words) > 0 {
			e.TODO.Words = s.TODO.Words
		}
		if len(s.TODO.Labels) > 0 {
			merged := map[string][]string{}
			for k, v := range e.TODO.Labels {
				merged[k] = v
			}
			for k, v := range s.TODO.Labels {
				merged[k] = v
			}
			e.TODO.Labels = merged
		}
	}
	setInt(&e.HotspotWindow, s.Hotspot.Window)
	setInt(&e.HotspotMinChanges, s.Hotspot.MinChanges)
	setInt(&e.HotspotMinFixes, s.Hotspot.MinFixes)
	if s.Hotspot.MinShare != nil {
		e.HotspotMinShare = *s.Hotspot.MinShare
	}
	e.Labels = append(e.Labels, s.Labels...)
	setInt(&e.MaxDraftsPerCommit, s.MaxDraftsPerCommit)
}

func setInt(dst *int, v *int) {
	if v != nil {
		*dst = *v
	}
}

// LoadRepoSettings reads a repository's .ticket-master.yaml; a missing file
// is no settings.
func LoadRepoSettings(repoPath string) (RepoSettings, error) {
	path := filepath.Join(repoPath, RepoFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return RepoSettings{}, nil
	}
	if err != nil {
		return RepoSettings{}, fmt.Errorf("read %s: %w", path, err)
	}
	s, err := ParseRepoSettings(data)
	if err != nil {
		return s, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// ParseRepoSettings decodes a .ticket-master.yaml strictly: unknown keys
// are errors with their line, so that a typo never silently does nothing.
func ParseRepoSettings(data []byte) (RepoSettings, error) {
	var s RepoSettings
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil && !errors.Is(err, io.EOF) {
		return s, readable(err)
	}
	return s, s.Validate()
}

// Validate checks what types cannot.
func (s RepoSettings) Validate() error {
	var errs []error
	for _, g := range s.Ignore {
		if _, err := globRegexp(g); err != nil {
			errs = append(errs, fmt.Errorf("ignore: %q: %w", g, err))
		}
	}
	if s.TODO != nil && s.TODO.Words != nil && len(s.TODO.Words) == 0 {
		errs = append(errs, errors.New("todo.words: list at least one word, or leave the key out"))
	}
	for name, v := range map[string]*int{"hotspot.window": s.Hotspot.Window, "hotspot.min_changes": s.Hotspot.MinChanges,
		"hotspot.min_fixes": s.Hotspot.MinFixes, "max_drafts_per_commit": s.MaxDraftsPerCommit} {
		if v != nil && *v < 0 {
			errs = append(errs, fmt.Errorf("%s: cannot be negative", name))
		}
	}
	if s.Hotspot.Window != nil && *s.Hotspot.Window < 2 {
		errs = append(errs, errors.New("hotspot.window: use at least 2 commits"))
	}
	if v := s.Hotspot.MinShare; v != nil && (*v < 0 || *v > 1) {
		errs = append(errs, errors.New("hotspot.min_share: use a share from 0 to 1"))
	}
	return errors.Join(errs...)
}
