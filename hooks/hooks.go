// Package hooks installs, uninstalls and inspects ticket-master's git hooks.
//
// A hook is a short POSIX sh trampoline into the ticket-master binary,
// recognised by its marker line (see [Script]). Like git-lfs, the package
// never clobbers a hook it did not write; unlike git-lfs, it does not give up
// either: a foreign hook is moved aside to <hook>.pre-ticket-master and our
// script runs it first, with the same arguments and stdin. Uninstall puts it
// back byte for byte.
//
// Every path comes from git itself (rev-parse, config), so core.hooksPath and
// linked worktrees behave exactly as they do for git.
package hooks

// marker is the line that makes a hook file ours. Install, Uninstall and
// Inspect look for nothing else, so users may edit the rest of the script.
const marker = "# ticket-master-hook v1"

// markerPrefix matches the marker of any version, so that an older binary
// treats a newer script as ours (and updates it) instead of chaining it.
const markerPrefix = "# ticket-master-hook v"

// chainSuffix names the foreign hook our script runs first.
const chainSuffix = ".pre-ticket-master"

// Names are the hooks ticket-master installs. They all run after git has
// done its work, so git ignores their exit status and a hook can never block
// a commit, merge or rebase.
func Names() []string {
	return []string{"post-commit", "post-merge", "post-rewrite"}
}

// Options say what the installed scripts call.
type Options struct {
	Binary     string // absolute path of the ticket-master binary to call
	NoticeFile string // absolute path of a file whose first line, when non-empty, the hook prints on stderr
	Force      bool   // write into a hooks folder owned by another manager
}

// Action reports what Install or Uninstall did to one hook. What is one of
// "installed", "installed, chaining <hook>.pre-ticket-master",
// "chained existing hook", "updated", "up to date" (Install) and "removed",
// "restored existing hook", "left foreign hook alone", "not installed"
// (Uninstall).
type Action struct{ Hook, Path, What string }

// State is what Inspect found for one hook. Ours and Foreign say who wrote
// the hook file at Path (both false when it is absent); Chained says that a
// foreign <hook>.pre-ticket-master waits next to it, run first by our script
// and restored by Uninstall.
type State struct {
	Hook, Path    string
	Ours, Chained bool
	Foreign       bool
}
