package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"
)

// Shell completion: `ticket-master completion SHELL` prints a script that
// asks the binary itself, through the hidden `__complete` command, what
// can follow the words typed so far. The scripts stay small and every
// shell completes the same things: commands, flags, draft IDs and
// enrolled paths.

type completionOptions struct {
	IO    *IO
	Shell string
}

func newCompletionCmd(f *factory, runF func(context.Context, *completionOptions) error) *cli.Command {
	if runF == nil {
		runF = runCompletion
	}
	return &cli.Command{
		Name:      "completion",
		Usage:     "print the shell completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: "Load it in the current shell, or install it for every new one:\n" +
			"  bash:  source <(ticket-master completion bash)\n" +
			"         ticket-master completion bash > ~/.local/share/bash-completion/completions/ticket-master\n" +
			"  zsh:   source <(ticket-master completion zsh)      # after compinit\n" +
			"         ticket-master completion zsh > \"${fpath[1]}/_ticket-master\"\n" +
			"  fish:  ticket-master completion fish > ~/.config/fish/completions/ticket-master.fish\n\n" +
			"It completes commands, flags, draft IDs (pending ones where only those make\n" +
			"sense) and the paths of enrolled repositories.",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("completion needs one shell: bash, zsh or fish")
			}
			return runF(c.Context, &completionOptions{IO: f.IO, Shell: c.Args().First()})
		},
	}
}

func runCompletion(_ context.Context, o *completionOptions) error {
	script, ok := completionScripts[o.Shell]
	if !ok {
		return usagef("no completion for %q: use bash, zsh or fish", o.Shell)
	}
	_, err := fmt.Fprint(o.IO.Out, script)
	return err
}

// completionScripts are constant: each passes the words typed so far,
// the one being completed last (possibly empty), to `__complete`, which
// prints one candidate per line, with an optional tab and description.
var completionScripts = map[string]string{
	"bash": `# bash completion for ticket-master: source <(ticket-master completion bash)
_ticket_master() {
	local IFS=$'\n' line
	local -a out
	out=($(ticket-master __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
	COMPREPLY=()
	for line in "${out[@]}"; do
		COMPREPLY+=("${line%%$'\t'*}")
	done
}
complete -o default -F _ticket_master ticket-master
`,
	"zsh": `#compdef ticket-master
# zsh completion for ticket-master: source <(ticket-master completion zsh)
_ticket-master() {
	local -a lines cands
	local line
	lines=("${(@f)$(ticket-master __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
	for line in $lines; do
		[[ -z $line ]] && continue
		if [[ $line == *$'\t'* ]]; then
			cands+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
		else
			cands+=("${line//:/\\:}")
		fi
	done
	if (( ${#cands} )); then
		_describe 'ticket-master' cands
	else
		_files
	fi
}
# Autoloaded from a file named _ticket-master in $fpath, or sourced.
if [[ $funcstack[1] == _ticket-master ]]; then
	_ticket-master "$@"
else
	compdef _ticket-master ticket-master
fi
`,
	"fish": `# fish completion for ticket-master: ticket-master completion fish > ~/.config/fish/completions/ticket-master.fish
function __ticket_master_complete
	set -l words (commandline -opc)
	set -e words[1]
	set -l current (commandline -ct)
	ticket-master __complete $words "$current" 2>/dev/null
end
complete -c ticket-master -f -a '(__ticket_master_complete)'
`,
}
