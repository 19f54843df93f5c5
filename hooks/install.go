package hooks

import (
	"fmt"
	"os"
	"path/filepath"
)

const scriptMode = 0o755

// Install writes ticket-master's hooks into the hooks folder git uses for
// repoPath. A foreign hook is renamed to <hook>.pre-ticket-master and chained;
// our own script is rewritten, in case the binary moved. Nothing is written
// when the folder belongs to another manager (an *OwnedError, unless
// opts.Force) or when a hook cannot be chained without overwriting a file.
func Install(repoPath string, opts Options) ([]Action, error) {
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
		what, err := p.apply([]byte(Script(p.hook, opts)))
		if err != nil {
			return acts, fmt.Errorf("install %s hook: %w", p.hook, err)
		}
		acts = append(acts, Action{Hook: p.hook, Path: p.path, What: what})
	}
	return acts, nil
}

type installPlan struct {
	hook, path, chain string
	hookKind          kind
	chainKind         kind
}

func planInstall(dir, hook string) (installPlan, error) {
	p := installPlan{
		hook:  hook,
		path:  filepath.Join(dir, hook),
		chain: filepath.Join(dir, hook+chainSuffix),
	}
	var err error
	if p.hookKind, err = classify(p.path); err != nil {
		return p, err
	}
	if p.chainKind, err = classify(p.chain); err != nil {
		return p, err
	}
	if p.hookKind == foreign && p.chainKind != absent {
		return p, fmt.Errorf("both %s and %s exist; move one of them away and run again", p.path, p.chain)
	}
	return p, nil
}

func (p installPlan) apply(script []byte) (string, error) {
	// A chained copy of our own script would run itself forever.
	if p.chainKind == ours {
		if err := os.Remove(p.chain); err != nil {
			return "", err
		}
	}
	switch p.hookKind {
	case ours:
		if sameFile(p.path, script, scriptMode) {
			return "up to date", nil
		}
		if err := writeAtomic(p.path, script, scriptMode); err != nil {
			return "", err
		}
		return "updated", nil
	case foreign:
		// Rename, not copy: the user's hook keeps its bytes, mode, owner
		// and even its symlink-ness.
		if err := os.Rename(p.path, p.chain); err != nil {
			return "", err
		}
		if err := writeAtomic(p.path, script, scriptMode); err != nil {
			if rerr := os.Rename(p.chain, p.path); rerr != nil {
				return "", fmt.Errorf("%w (and could not put %s back: %v)", err, p.path, rerr)
			}
			return "", err
		}
		return "chained existing hook", nil
	default:
		if err := writeAtomic(p.path, script, scriptMode); err != nil {
			return "", err
		}
		if p.chainKind == foreign {
			return "installed, chaining " + filepath.Base(p.chain), nil
		}
		return "installed", nil
	}
}

// check rejects relative paths: the script runs in whatever folder git
// runs hooks in, so a relative path would point somewhere else.
func (o Options) check() error {
	if o.Binary != "" && !filepath.IsAbs(o.Binary) {
		return fmt.Errorf("binary path %q is not absolute", o.Binary)
	}
	if o.NoticeFile != "" && !filepath.IsAbs(o.NoticeFile) {
		return fmt.Errorf("notice file path %q is not absolute", o.NoticeFile)
	}
	return nil
}
