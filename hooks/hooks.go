// Package hooks installs, uninstalls and inspects ticket-master's git hooks.
//
// A hook is a short POSIX sh trampoline into the ticket-master binary,
// recognised by its marker line (see [Script]). Like git-lfs, the package
// never clobbers a hook it did not write; unlike git-lfs, it does not give up
// either: a foreign hook moves to ticket-master-chained/<hook>, under its own
// name so that scripts which dispatch on $0 still work, and our script runs
// it first with the same arguments and stdin. Uninstall puts it back byte for
// byte.
//
// Every step of Install and Uninstall leaves a hooks folder in which git runs
// the user's hook: the foreign hook is linked (or copied) to its new home
// before our script is renamed over it, and a kill at any moment leaves at
// worst a temp file, which the next Install removes.
//
// Every path comes from git itself (rev-parse, config), so core.hooksPath and
// linked worktrees behave exactly as they do for git.
package hooks

import (
	"path/filepath"
	"strconv"
)

// Version is the hook version this binary writes. Version 1 kept the chained
// hook at <hook>.pre-ticket-master, where it saw $0 under a name of ours and
// where git's "not executable" hint was lost; Install and daemon start-up
// move such installs to the current layout.
const Version = 2

// marker is the line that makes a hook file ours. Install, Uninstall and
// Inspect look for nothing else, so users may edit the rest of the script.
var marker = markerPrefix + strconv.Itoa(Version)

// markerPrefix matches the marker of any version, so that an older binary
// treats a newer script as ours (and updates it) instead of chaining it.
const markerPrefix = "# ticket-master-hook v"

// ChainDir is the folder, inside the hooks folder, where a foreign hook
// lives while ours runs it. Git runs only files named after a hook at the
// top of the hooks folder, so it never runs these on its own.
const ChainDir = "ticket-master-chained"

// legacySuffix named the chained hook of version 1 hooks.
const legacySuffix = ".pre-ticket-master"

// Names are the hooks ticket-master installs. They all run after git has
// done its work, so git ignores their exit status and a hook can never block
// a commit, merge or rebase.
func Names() []string {
	return []string{"post-commit", "post-merge", "post-rewrite"}
}

// Options say what the installed scripts call and read.
type Options struct {
	Binary     string // absolute path of the ticket-master binary to call
	NoticeFile string // absolute path of a file whose first line, when non-empty, the hook prints on stderr
	// HoldFile is the absolute path prefix of the file the hook writes
	// (with ".<pid>" appended) before anything else when TICKET_MASTER=0,
	// so that the daemon leaves the command's commits alone until the
	// background call has recorded them as skipped. Empty: no hold.
	HoldFile string
	Force    bool // write into a hooks folder owned by another manager
}

// Action reports what Install or Uninstall did to one hook. What is one of
// "installed", "installed, chaining ticket-master-chained/<hook>",
// "chained existing hook", "updated", "updated, moving <hook>.pre-ticket-master
// to ticket-master-chained/<hook>", "up to date" (Install) and "removed",
// "restored existing hook", "left foreign hook alone", "not installed"
// (Uninstall).
type Action struct{ Hook, Path, What string }

// State is what Inspect found for one hook. Ours and Foreign say who wrote
// the hook file at Path (both false when it is absent); Outdated says that
// ours is of an older version; Chained says that a foreign hook waits in
// ChainedPath (or at the version 1 name), run first by our script and
// restored by Uninstall.
type State struct {
	Hook, Path    string
	Ours, Chained bool
	Foreign       bool
	Outdated      bool
	ChainedPath   string `json:",omitempty"`
}

// chainPath is where the foreign hook of hook lives in the hooks folder dir.
func chainPath(dir, hook string) string { return filepath.Join(dir, ChainDir, hook) }

// legacyPath is where version 1 kept it.
func legacyPath(dir, hook string) string { return filepath.Join(dir, hook+legacySuffix) }
