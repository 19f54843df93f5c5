package hooks

import "strings"

// Script returns the exact text of the hook script for hook. It is pure so
// that tests and docs can show it.
//
// git waits for the script, and a commit takes about 4 ms, so it must not
// fork: it uses only shell builtins ([ ], read, printf, command -v),
// parameter expansion and redirections, and its one fork is the final
// background call of the binary, detached from git's stdio so that git
// never waits for it.
func Script(hook string, opts Options) string { return script(hook, opts, true) }

// script is Script; hint says whether to repeat git's "not executable"
// hint for a chained hook (off when advice.ignoredHook is false).
func script(hook string, opts Options, hint bool) string {
	q := shQuote
	rel := ChainDir + "/" + hook
	var b strings.Builder
	w := func(lines ...string) {
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	w("#!/bin/sh",
		marker,
		"# Written by ticket-master; reinstalling replaces it and uninstalling removes it,",
		"# putting back any hook it chained. Put your own commands in "+rel+".",
		"# It forks nothing but the final background call and never fails git.",
		"",
		"tm="+q(opts.Binary))

	w("", "# TICKET_MASTER=0 turns ticket-master off for one command: the commits it makes",
		"# are recorded as skipped. The hold, written before anything else, tells the",
		"# daemon to leave this repository alone until the background call has done so.",
		"off=",
		`if [ "${TICKET_MASTER-}" = 0 ]; then`,
		"\toff=1")
	if opts.HoldFile != "" {
		// printf, not ":": a failed redirection of a special builtin would
		// end the script, and the user's hook with it.
		w("\thold="+q(opts.HoldFile)+".$$",
			"\t"+`if [ -d "${hold%/*}" ]; then printf '' 2>/dev/null >"$hold"; fi`)
	}
	w("\t# HEAD and ORIG_HEAD as they are now, read from git's files: the background",
		"\t# call may run after the next command has moved them.",
		"\t"+`gd=${GIT_DIR:-.git}`,
		"\t"+`if [ -f "$gd" ]; then IFS= read -r gd <"$gd"; gd=${gd#gitdir: }; fi`,
		"\thead= orig=",
		"\t"+`{ IFS= read -r head; } 2>/dev/null <"$gd/HEAD"`,
		"\t"+`case $head in "ref: "*)`,
		"\t\t"+`ref=${head#ref: } head= common=$gd`,
		"\t\t"+`if { IFS= read -r common; } 2>/dev/null <"$gd/commondir"; then case $common in /*) ;; *) common=$gd/$common ;; esac; else common=$gd; fi`,
		"\t\t"+`{ IFS= read -r head; } 2>/dev/null <"$common/$ref" ;;`,
		"\tesac",
		"\t"+`{ IFS= read -r orig; } 2>/dev/null <"$gd/ORIG_HEAD"`,
		"fi")

	w("", "# The hook that was here before runs first, under its own name, with the same",
		"# arguments and stdin.",
		"case $0 in */*) chained=${0%/*}/"+q(rel)+" ;; *) chained="+q(rel)+" ;; esac",
		`if [ -x "$chained" ]; then`,
		"\t"+`"$chained" "$@"`)
	if hint {
		w(`elif [ -f "$chained" ]; then`,
			"\t"+`printf "hint: The '%s' hook was ignored because it's not set as executable.\n" "$chained" >&2`,
			// \140 is a backquote, spelled so that the script holds none.
			`	printf 'hint: You can disable this warning with \140git config advice.ignoredHook false\140.\n' >&2`)
	}
	w("fi")

	w("", "# Without a binary there is nothing more to do.",
		`if [ ! -x "$tm" ]; then`,
		"\tcommand -v ticket-master >/dev/null 2>&1 || exit 0",
		"\ttm=ticket-master",
		"fi")

	w("", `if [ -n "$off" ]; then`)
	hold := ""
	if opts.HoldFile != "" {
		hold = ` --hold "$hold"`
	}
	w("\t" + `"$tm" hook ` + q(hook) + hold + ` --head "$head" --orig-head "$orig" -- "$@" </dev/null >/dev/null 2>&1 &`)
	w("\texit 0", "fi")

	if opts.NoticeFile != "" {
		writeNotice(w, hook, opts.NoticeFile)
	}

	w("", "# Nudge the service in the background.",
		`"$tm" hook `+q(hook)+` --no-notice -- "$@" </dev/null >/dev/null 2>&1 &`,
		"exit 0")
	return b.String()
}

// writeNotice writes the part that prints the service's one-line notice:
// drafts waiting for review, or that the daemon was stopped. It is printed
// once per command: not for each commit a rebase picks (post-rewrite speaks
// at its end), nor for each but the last of a cherry-pick or revert of
// several commits, nor by the post-rewrite of an amend (post-commit spoke),
// and
// on a line of its own, even after a progress line ending in a carriage
// return.
func writeNotice(w func(...string), hook, notice string) {
	w("", "# The service leaves a one-line notice: drafts waiting, or that it was stopped.",
		"notice="+shQuote(notice),
		"say=1")
	switch hook {
	case "post-commit":
		w("# A rebase runs post-commit for each commit it picks; its post-rewrite speaks.",
			// $GIT_DIR, else .git in the top of the work tree (git runs hooks
			// there), which is a "gitdir:" file in a linked worktree.
			`gd=${GIT_DIR:-.git}`,
			`if [ -f "$gd" ]; then IFS= read -r gd <"$gd"; gd=${gd#gitdir: }; fi`,
			`if [ -d "$gd/rebase-merge" ] || [ -d "$gd/rebase-apply" ]; then say=; fi`,
			"# A cherry-pick or revert of several commits speaks at its last one: its todo",
			"# list starts with the commit at hand.",
			`if [ -d "$gd/sequencer" ] && { IFS= read -r l && IFS= read -r l; } 2>/dev/null <"$gd/sequencer/todo"; then say=; fi`)
	case "post-rewrite":
		w("# After an amend, post-commit has spoken already.",
			`if [ "${1-}" = amend ]; then say=; fi`)
	}
	w(`if [ -n "$say" ]; then`,
		"\tline=",
		"\t"+`stopped=${notice%/*}/`+StoppedNotice,
		"\t"+`if [ -f "$stopped" ] && [ -r "$stopped" ]; then IFS= read -r line <"$stopped"`,
		"\t"+`elif [ -f "$notice" ] && [ -r "$notice" ]; then IFS= read -r line <"$notice"; fi`,
		"\t"+`if [ -n "$line" ]; then`,
		"\t\t# On a terminal, clear what a progress line left, as git itself does.",
		"\t\t"+`if [ -t 2 ]; then case ${TERM-dumb} in dumb) printf '\r%80s\r' '' >&2 ;; *) printf '\r\033[K' >&2 ;; esac; fi`,
		"\t\t"+`printf '%s\n' "$line" >&2`,
		"\tfi",
		"fi")
}

// StoppedNotice is the name, in the notice folder, of the file whose line
// the hooks print instead of the drafts notice while the daemon is stopped
// on purpose (`ticket-master daemon stop` writes it; a starting daemon
// removes it).
const StoppedNotice = "daemon-stopped"

// shQuote quotes s as one sh word: inside single quotes nothing is special
// except the single quote itself, which is closed, escaped and reopened.
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
