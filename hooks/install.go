package hooks

import (
	"fmt"
	"os"
	"path/filepath"
)

const scriptMode = 0o755

// Install writes ticket-master's hooks into the hooks folder git uses for
// repoPath. A foreign hook moves to ticket-master-chained/<hook> and is
// chained; a version 1 chain (<hook>.pre-ticket-master) moves there too; our
// own script is rewritten, in case the binary moved or the version changed.
// Temp files an interrupted run left behind are removed. Nothing is written
// when the folder belongs to another manager (an *OwnedError, unless
// opts.Force) or when a hook cannot be chained without overwriting a file.
func Install(repoPath string, opts Options) ([]Action, error) {
	return install(repoPath, opts, ops{})
}

// install is Install with the points tests interrupt it at.
func install(repoPath string, opts Options, o ops) ([]Action, error) {
	if err := opts.check(); err != nil {
		return nil, fmt.Errorf("install hooks: %w", err)
	}
	base, err := repoBase(repoPath)
	if err != nil {
		return nil, fmt.Errorf("install hooks: %w", err)
	}
	dir, err := hooksDir(base)
	if err != nil {
		return nil, fmt.Errorf("install hooks: %w", err)
	}
	if !opts.Force {
		owned, err := owner(base, dir)
		if err != nil {
			return nil, fmt.Errorf("install hooks: %w", err)
		}
		if owned != nil {
			return nil, owned
		}
	}
	hint := ignoredHookAdvice(base)

	// Look at every hook before touching any, so that a conflict leaves the
	// folder as it was instead of half installed.
	plans := make([]installPlan, 0, len(Names()))
	for _, h := range Names() {
		p, err := planInstall(dir, h)
		if err != nil {
			return nil, fmt.Errorf("install %s hook: %w", h, err)
		}
		plans = append(plans, p)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("install hooks: %w", err)
	}
	var acts []Action
	for _, p := range plans {
		what, err := p.apply([]byte(script(p.hook, opts, hint)), o)
		if err != nil {
			return acts, fmt.Errorf("install %s hook: %w", p.hook, err)
		}
		acts = append(acts, Action{Hook: p.hook, Path: p.path, What: what})
	}
	removeEmptyChainDir(dir)
	return acts, nil
}

// ignoredHookAdvice reports whether git would print its "hook was ignored
// because it's not set as executable" hint, which the script repeats for a
// chained hook. Only `advice.ignoredHook false` turns it off.
func ignoredHookAdvice(base string) bool {
	v, err := git(base, "config", "--type=bool", "--get", "advice.ignoredHook")
	return err != nil || v != "false"
}

// hookFiles are the three places one hook's files may be: the hook itself,
// the chained foreign hook, and the version 1 name of the chained hook.
type hookFiles struct {
	hook, path, chain, legacy string
	hookKind, chainKind       kind
	legacyKind                kind
	version                   int // of our script at path
}

func inspectFiles(dir, hook string) (hookFiles, error) {
	f := hookFiles{hook: hook, path: filepath.Join(dir, hook), chain: chainPath(dir, hook), legacy: legacyPath(dir, hook)}
	var err error
	if f.hookKind, f.version, err = classify(f.path); err != nil {
		return f, err
	}
	if f.chainKind, _, err = classify(f.chain); err != nil {
		return f, err
	}
	if f.legacyKind, _, err = classify(f.legacy); err != nil {
		return f, err
	}
	return f, nil
}

// chained is the path of the foreign hook our script runs, or "".
func (f hookFiles) chained() string {
	switch {
	case f.chainKind == foreign:
		return f.chain
	case f.legacyKind == foreign:
		return f.legacy
	}
	return ""
}

type installPlan struct{ hookFiles }

func planInstall(dir, hook string) (installPlan, error) {
	f, err := inspectFiles(dir, hook)
	if err != nil {
		return installPlan{f}, err
	}
	conflict := func(a, b string) error {
		return fmt.Errorf("both %s and %s exist; move one of them away and run again", a, b)
	}
	switch {
	case f.hookKind == foreign && f.legacyKind == foreign:
		return installPlan{f}, conflict(f.path, f.legacy)
	case f.hookKind == foreign && f.chainKind == foreign && !sameHook(f.path, f.chain):
		return installPlan{f}, conflict(f.path, f.chain)
	case f.hookKind != foreign && f.chainKind == foreign && f.legacyKind == foreign && !sameHook(f.legacy, f.chain):
		return installPlan{f}, conflict(f.chain, f.legacy)
	}
	return installPlan{f}, nil
}

// apply installs one hook. At every step git finds a hook that runs the
// user's: the foreign hook reaches its new home before our script replaces
// it, and a version 1 chain is removed only after the script that runs its
// new home is in place.
func (p installPlan) apply(script []byte, o ops) (string, error) {
	dir := filepath.Dir(p.path)
	chainDir := filepath.Dir(p.chain)
	if err := sweep(dir, p.hook); err != nil {
		return "", err
	}
	if err := sweep(chainDir, p.hook); err != nil {
		return "", err
	}
	// A chained copy of our own script would run itself forever.
	for _, q := range []struct {
		path string
		k    *kind
	}{{p.chain, &p.chainKind}, {p.legacy, &p.legacyKind}} {
		if *q.k == ours {
			if err := os.Remove(q.path); err != nil {
				return "", err
			}
			*q.k = absent
		}
	}
	// The foreign hook that is to run first: the hook itself, or a version 1
	// chain, gets its new home (unless an interrupted run already made it).
	source := ""
	switch {
	case p.hookKind == foreign:
		source = p.path
	case p.legacyKind == foreign:
		source = p.legacy
	}
	if source != "" && p.chainKind == absent {
		if err := os.MkdirAll(chainDir, 0o755); err != nil {
			return "", err
		}
		if err := copyDown(source, p.chain, o); err != nil {
			return "", fmt.Errorf("move %s to %s: %w", source, p.chain, err)
		}
		o.step("chained hook in place for " + p.path)
		p.chainKind = foreign
	}

	wrote := false
	if p.hookKind != ours || !sameFile(p.path, script, scriptMode) {
		if err := writeAtomic(p.path, script, scriptMode, o); err != nil {
			return "", err
		}
		o.step("script renamed to " + p.path)
		wrote = true
	}
	migrated := false
	if p.hookKind != foreign && p.legacyKind == foreign {
		if err := os.Remove(p.legacy); err != nil {
			return "", err
		}
		o.step("version 1 chain removed for " + p.path)
		migrated = true
	}

	rel := ChainDir + "/" + p.hook
	switch {
	case p.hookKind == foreign:
		return "chained existing hook", nil
	case migrated:
		return "updated, moving " + filepath.Base(p.legacy) + " to " + rel, nil
	case p.hookKind == absent && p.chainKind == foreign:
		return "installed, chaining " + rel, nil
	case p.hookKind == absent:
		return "installed", nil
	case wrote:
		return "updated", nil
	}
	return "up to date", nil
}

// removeEmptyChainDir removes ChainDir once no hook is chained; a folder
// with anything in it stays.
func removeEmptyChainDir(dir string) {
	_ = os.Remove(filepath.Join(dir, ChainDir)) // fails when not empty: then it stays
}

// check rejects relative paths: the script runs in whatever folder git
// runs hooks in, so a relative path would point somewhere else.
func (o Options) check() error {
	for _, p := range []struct{ what, path string }{
		{"binary", o.Binary}, {"notice file", o.NoticeFile}, {"hold file", o.HoldFile},
	} {
		if p.path != "" && !filepath.IsAbs(p.path) {
			return fmt.Errorf("%s path %q is not absolute", p.what, p.path)
		}
	}
	return nil
}
