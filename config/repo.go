package config

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	// Dependency settings.
	Dependency DependencySettings `yaml:"dependency"`
	// Labels are added to every draft of the repository.
	Labels []string `yaml:"labels"`
	// MaxDraftsPerCommit caps the drafts one commit can queue; 0 means no
	// cap. Findings beyond it are kept (status shows them) but not drafted.
	MaxDraftsPerCommit *int `yaml:"max_drafts_per_commit"`
	// Severity overrides a detector's default severity: high, medium or
	// low. Low findings go into the repository's maintenance digest (one
	// checklist draft) instead of a draft each.
	Severity map[string]string `yaml:"severity"`
	// Budget bounds how many new drafts the analysis queues.
	Budget BudgetSettings `yaml:"budget"`
}

// BudgetSettings bound the drafts queued: at most PerHundred new drafts per
// 100 analysed commits, counted over the last Window analysed commits, and
// never fewer than Minimum allowed. What is over the budget waits, ranked
// by severity and confidence, and is drafted as room frees up.
type BudgetSettings struct {
	PerHundred *int `yaml:"drafts_per_100_commits"` // 0: no budget
	Window     *int `yaml:"window"`
	Minimum    *int `yaml:"minimum"`
}

// Budget is the draft budget in force.
type Budget struct {
	PerHundred int `yaml:"drafts_per_100_commits"`
	Window     int `yaml:"window"`
	Minimum    int `yaml:"minimum"`
}

// Allowed is how many drafts may have been created over the last analysed
// commits (at most Window of them), or -1 when there is no budget.
func (b Budget) Allowed(analysed int) int {
	if b.PerHundred <= 0 {
		return -1
	}
	if b.Window > 0 && analysed > b.Window {
		analysed = b.Window
	}
	return max(b.Minimum, b.PerHundred*analysed/100)
}

// DefaultSeverities are the severities the detectors' findings have where
// the settings are silent; kinds not named are medium, and a detector may
// raise one finding (a FIXME naming a crash).
func DefaultSeverities() map[string]string {
	return map[string]string{"dependency": "low", "hotspot": "low", "docdrift": "low", "secret": "high"}
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

// DependencySettings shape the dependency detector.
type DependencySettings struct {
	// Dev reports development-only dependencies too (devDependencies,
	// require-dev, dev-dependencies, dependency groups, test and docs
	// requirements). Off by default: on twelve real histories not one of
	// 180 such changes was judged worth an issue (a maintainer's own bump
	// of a lint plugin has nothing left to review).
	Dev *bool `yaml:"dev"`
}

// DependencyOptions are the dependency detector's settings in force.
type DependencyOptions struct {
	Dev bool `yaml:"dev"`
}

// Effective are the settings in force for one repository, every layer
// applied. Its yaml tags are the keys users write, so that `config show`
// prints it as it is: a field added here shows up there.
type Effective struct {
	Detectors map[string]bool `yaml:"detectors"`
	Ignore    []string        `yaml:"ignore"`
	TODO      TODOConfig      `yaml:"todo"`
	// HotspotThresholds is embedded so that its fields read as
	// e.HotspotWindow in code, and is written nested, as users write it.
	HotspotThresholds  `yaml:"hotspot"`
	Dependency         DependencyOptions `yaml:"dependency"`
	Labels             []string          `yaml:"labels"`
	MaxDraftsPerCommit int               `yaml:"max_drafts_per_commit"`
	// Severity is every detector's severity where it differs from medium:
	// the defaults, and what a person set over them.
	Severity map[string]string `yaml:"severity"`
	Budget   Budget            `yaml:"budget"`
	// setSeverity is what a person set (the user's config, the
	// repository's settings): it applies to every finding of the kind,
	// where a default leaves a detector free to judge one finding
	// otherwise (a key among test fixtures is low, a FIXME naming a
	// crash high).
	setSeverity map[string]string
}

// SeverityOf is the severity a person set for a detector's findings, and
// whether one did; otherwise the finding's own applies, or the detector's
// default (Severity shows those too).
func (e Effective) SeverityOf(kind string) (string, bool) {
	s, ok := e.setSeverity[kind]
	return s, ok
}

// HotspotThresholds are the hotspot detector's thresholds in force.
type HotspotThresholds struct {
	HotspotWindow     int     `yaml:"window"`
	HotspotMinChanges int     `yaml:"min_changes"`
	HotspotMinFixes   int     `yaml:"min_fixes"`
	HotspotMinShare   float64 `yaml:"min_share"`
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
		Detectors: map[string]bool{},
		TODO:      c.TODO,
		HotspotThresholds: HotspotThresholds{
			HotspotWindow:     50,
			HotspotMinChanges: 0, // churn alone is no hotspot (hotspot.Options)
			HotspotMinFixes:   4,
			HotspotMinShare:   0.2,
		},
		MaxDraftsPerCommit: 10,
		Severity:           DefaultSeverities(),
		Budget:             Budget{PerHundred: 10, Window: 300, Minimum: 10},
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
	e.apply(RepoSettings{Detectors: c.Detectors, Severity: c.Severity, Budget: c.Budget})
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
	if s.Dependency.Dev != nil {
		e.Dependency.Dev = *s.Dependency.Dev
	}
	e.Labels = append(e.Labels, s.Labels...)
	setInt(&e.MaxDraftsPerCommit, s.MaxDraftsPerCommit)
	if len(s.Severity) > 0 {
		merged, set := maps.Clone(e.Severity), maps.Clone(e.setSeverity)
		if merged == nil {
			merged = map[string]string{}
		}
		if set == nil {
			set = map[string]string{}
		}
		maps.Copy(merged, s.Severity)
		maps.Copy(set, s.Severity)
		e.Severity, e.setSeverity = merged, set
	}
	setInt(&e.Budget.PerHundred, s.Budget.PerHundred)
	setInt(&e.Budget.Window, s.Budget.Window)
	setInt(&e.Budget.Minimum, s.Budget.Minimum)
}

func setInt(dst *int, v *int) {
	if v != nil {
		*dst = *v
	}
}

// MaxRepoFile is the most a .ticket-master.yaml may hold. Real ones are a
// few hundred bytes; the limit keeps a hostile one (a link to /dev/zero, a
// 100 MB file) from costing the daemon more than this.
const MaxRepoFile = 64 << 10

// LoadRepoSettings reads a repository's .ticket-master.yaml from its
// working copy (what `config check` looks at; the daemon reads the
// committed one). A missing file is no settings; a symbolic link, anything
// but a regular file, or a file over MaxRepoFile is an error, refused
// before it is read.
func LoadRepoSettings(repoPath string) (RepoSettings, error) {
	path := filepath.Join(repoPath, RepoFile)
	data, err := ReadRepoFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return RepoSettings{}, nil
	}
	if err != nil {
		return RepoSettings{}, err
	}
	s, err := ParseRepoSettings(data)
	if err != nil {
		return s, named(path, err)
	}
	return s, nil
}

// ReadRepoFile reads a working copy's .ticket-master.yaml with the limits
// the daemon applies to committed ones: a regular file, not a link, at
// most MaxRepoFile bytes.
func ReadRepoFile(path string) ([]byte, error) {
	return readSettingsFile(path, MaxRepoFile, false)
}

// named names the file in a parse error.
func named(file string, err error) error {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.In(file)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// ParseRepoSettings decodes a .ticket-master.yaml strictly: unknown keys
// are errors with their line, so that a typo never silently does nothing,
// and a file over MaxRepoFile is refused. The error, a *FileError, lists
// every problem with its line.
func ParseRepoSettings(data []byte) (RepoSettings, error) {
	var s RepoSettings
	if len(data) > MaxRepoFile {
		return s, &FileError{Problems: []Problem{{Msg: tooLarge(int64(len(data)), MaxRepoFile)}}}
	}
	d := decodeStrict(data, &s)
	var all RepoSettings
	d.decodeLoose(&all)
	probs := append(d.probs, d.fresh(withLines(d.root, problemsOf(all.Validate())))...)
	if len(probs) > 0 {
		return RepoSettings{}, fileError(probs)
	}
	return s, nil
}

// Validate checks what types cannot. Its error, a *FileError, lists every
// problem; ParseRepoSettings adds their lines.
func (s RepoSettings) Validate() error {
	var probs []Problem
	for i, g := range s.Ignore {
		if err := checkPattern(g); err != nil {
			probs = append(probs, problemAt([]any{"ignore", i}, "%q: %v", g, err))
		}
	}
	if s.TODO != nil && s.TODO.Words != nil && len(s.TODO.Words) == 0 {
		probs = append(probs, problemAt([]any{"todo", "words"}, "list at least one word, or leave the key out"))
	}
	for _, c := range []struct {
		at []any
		v  *int
	}{
		{[]any{"hotspot", "window"}, s.Hotspot.Window},
		{[]any{"hotspot", "min_changes"}, s.Hotspot.MinChanges},
		{[]any{"hotspot", "min_fixes"}, s.Hotspot.MinFixes},
		{[]any{"max_drafts_per_commit"}, s.MaxDraftsPerCommit},
		{[]any{"budget", "drafts_per_100_commits"}, s.Budget.PerHundred},
		{[]any{"budget", "window"}, s.Budget.Window},
		{[]any{"budget", "minimum"}, s.Budget.Minimum},
	} {
		if c.v != nil && *c.v < 0 {
			probs = append(probs, problemAt(c.at, "cannot be negative"))
		}
	}
	if w := s.Hotspot.Window; w != nil && *w >= 0 && *w < 2 {
		probs = append(probs, problemAt([]any{"hotspot", "window"}, "use at least 2 commits"))
	}
	if v := s.Hotspot.MinShare; v != nil && (*v < 0 || *v > 1) {
		probs = append(probs, problemAt([]any{"hotspot", "min_share"}, "use a share from 0 to 1"))
	}
	probs = append(probs, severityProblems(s.Severity)...)
	return fileError(probs)
}

// severityProblems checks a severity: map's detector names and levels.
func severityProblems(sev map[string]string) []Problem {
	var probs []Problem
	for kind, level := range sev {
		if !slices.Contains(DetectorNames(), kind) || kind == "llm_review" {
			if kind != "review" {
				probs = append(probs, problemAt([]any{"severity", kind}, "%q is not a detector; use one of %s or review", kind, strings.Join(DetectorNames()[:len(DetectorNames())-1], ", ")))
				continue
			}
		}
		switch level {
		case "high", "medium", "low":
		default:
			probs = append(probs, problemAt([]any{"severity", kind}, "%q is not a severity; use high, medium or low", level))
		}
	}
	return probs
}
