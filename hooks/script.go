package hooks

import "strings"

// Script returns the exact text of the hook script for hook. It is pure so
// that tests and docs can show it.
//
// git waits for the script, and a commit takes about 4 ms, so the fast path
// must not fork: it uses only shell builtins ([ ], read, printf, command -v)
// and parameter expansion, and its one fork is the final background call of
// the binary, detached from git's stdio so that git never waits for it.
func Script(hook string, opts Options) string {
	q := shQuote
	chained := q(hook + chainSuffix)
	var b strings.Builder
	b.WriteString("#!/bin/sh\n")
	b.WriteString(marker + "\n")
	b.WriteString("# Written by ticket-master; reinstalling replaces it and uninstalling removes it,\n")
	b.WriteString("# putting back any hook it chained. Put your own commands in " + hook + chainSuffix + ".\n")
	b.WriteString("# It forks nothing but the final background call and never fails git.\n")
	b.WriteString("\n# A hook that was here before runs first, with the same arguments and stdin.\n")
	b.WriteString("case $0 in */*) prev=${0%/*}/" + chained + " ;; *) prev=./" + chained + " ;; esac\n")
	b.WriteString("if [ -x \"$prev\" ]; then \"$prev\" \"$@\"; fi\n")
	b.WriteString("\n# TICKET_MASTER=0 turns ticket-master off for one command.\n")
	b.WriteString("if [ \"${TICKET_MASTER-}\" = 0 ]; then exit 0; fi\n")
	if opts.NoticeFile != "" {
		b.WriteString("\n# The service leaves a one-line notice here, such as drafts waiting for review.\n")
		b.WriteString("notice=" + q(opts.NoticeFile) + "\n")
		b.WriteString("if [ -f \"$notice\" ] && [ -r \"$notice\" ]; then\n")
		b.WriteString("\tline=\n")
		b.WriteString("\tIFS= read -r line <\"$notice\"\n")
		b.WriteString("\tif [ -n \"$line\" ]; then printf '%s\\n' \"$line\" >&2; fi\n")
		b.WriteString("fi\n")
	}
	b.WriteString("\n# Nudge the service in the background; without a binary, do nothing.\n")
	b.WriteString("tm=" + q(opts.Binary) + "\n")
	b.WriteString("if [ ! -x \"$tm\" ]; then\n")
	b.WriteString("\tcommand -v ticket-master >/dev/null 2>&1 || exit 0\n")
	b.WriteString("\ttm=ticket-master\n")
	b.WriteString("fi\n")
	b.WriteString("\"$tm\" hook " + q(hook) + " --no-notice -- \"$@\" </dev/null >/dev/null 2>&1 &\n")
	b.WriteString("exit 0\n")
	return b.String()
}

// shQuote quotes s as one sh word: inside single quotes nothing is special
// except the single quote itself, which is closed, escaped and reopened.
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
