package hooks

import (
	"fmt"
	"path/filepath"
	"strings"
)

// OwnedError is returned by Install when core.hooksPath hands the hooks
// folder to another manager and Options.Force is false. Writing there would
// change files that belong to someone else: husky's generated scripts, a
// folder shared by every repository, or a folder committed in the repo.
type OwnedError struct {
	Dir     string // the hooks folder git uses
	Manager string // who owns it, such as "husky" or "a global core.hooksPath"
	Hint    string // what to do: the lines to add to their hooks, or --force
}

func (e *OwnedError) Error() string {
	return fmt.Sprintf("hooks folder %s is managed by %s\n%s", e.Dir, e.Manager, e.Hint)
}

// owner returns an *OwnedError when core.hooksPath, set at any level, makes
// dir belong to another manager, and nil when the folder is git's own.
func owner(base, dir string) (*OwnedError, error) {
	// -z because origins and values may hold any byte; --show-scope tells a
	// repository's own setting from one shared by every repository.
	out, err := git(base, "config", "-z", "--show-scope", "--show-origin", "--get", "core.hooksPath")
	if exitCode(err) == 1 {
		return nil, nil // not set anywhere
	}
	if err != nil {
		return nil, fmt.Errorf("read core.hooksPath: %w", err)
	}
	f := strings.Split(strings.TrimRight(out, "\x00"), "\x00")
	if len(f) != 3 {
		return nil, fmt.Errorf("read core.hooksPath: unexpected output %q", out)
	}
	scope, origin, value := f[0], strings.TrimPrefix(f[1], "file:"), f[2]

	// Some setups point core.hooksPath at git's default folder: that is
	// still git's own folder, not another manager's.
	common, err := git(base, "rev-parse", "--git-common-dir")
	if err != nil {
		return nil, fmt.Errorf("find git dir: %w", err)
	}
	if filepath.Join(absAgainst(base, common), "hooks") == dir {
		return nil, nil
	}

	e := &OwnedError{Dir: dir}
	where := dir
	switch {
	case hasElem(dir, ".husky") || hasElem(filepath.FromSlash(value), ".husky"):
		e.Manager = "husky"
		// husky 9 runs its generated scripts in .husky/_, which call the
		// user's own scripts one level up; those are the ones to edit.
		if filepath.Base(dir) == "_" {
			where = filepath.Dir(dir)
		}
	case scope == "global" || scope == "system":
		e.Manager = fmt.Sprintf("a %s core.hooksPath (set in %s, shared by all repositories)", scope, origin)
	case scope == "local" || scope == "worktree":
		e.Manager = fmt.Sprintf("this repository's core.hooksPath (set in %s)", origin)
	default:
		e.Manager = fmt.Sprintf("core.hooksPath from the %s", origin)
	}
	e.Hint = hint(where, dir)
	return e, nil
}

func hint(where, dir string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "to have ticket-master nudged, add one line to each of these hooks in %s:\n", where)
	for _, h := range Names() {
		fmt.Fprintf(&b, "  %-13s ticket-master hook %s \"$@\"\n", h+":", h)
	}
	fmt.Fprintf(&b, "or run again with --force to install ticket-master's hooks into %s (hooks already there keep running first)", dir)
	return b.String()
}

// hasElem reports whether one element of path p is elem.
func hasElem(p, elem string) bool {
	for _, e := range strings.Split(filepath.Clean(p), string(filepath.Separator)) {
		if e == elem {
			return true
		}
	}
	return false
}
