package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// normalizeArgs turns what people type into what urfave/cli v2 parses:
// `help [COMMAND...]` becomes `COMMAND... --help`, and flags move in front
// of positional arguments (permuteArgs).
func normalizeArgs(app *cli.App, args []string) []string {
	if len(args) > 1 && args[1] == completeCommand {
		return args // the words typed so far, exactly
	}
	return permuteArgs(app, rewriteHelp(app, args))
}

// rewriteHelp makes `help` a command at any level, as in git and gh:
// `ticket-master help drafts list` and `ticket-master drafts help list`
// both show the help of `drafts list`.
func rewriteHelp(app *cli.App, args []string) []string {
	cmds := app.Commands
	for i := 1; i < len(args); i++ {
		if args[i] == "help" {
			out := append(append([]string{}, args[:i]...), args[i+1:]...)
			return append(out, "--help")
		}
		next := findCommand(cmds, args[i])
		if next == nil {
			break
		}
		cmds = next.Subcommands
	}
	return args
}

// permuteArgs moves a command's flags in front of its positional arguments,
// so that `enroll PATH --backfill 10` works as people type it: urfave/cli v2
// stops reading flags at the first positional argument. Arguments after
// "--" are left alone.
func permuteArgs(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	cmds := app.Commands
	var cmd *cli.Command
	i := 1
	// Walk the command path: ticket-master drafts list ...
	for ; i < len(args); i++ {
		next := findCommand(cmds, args[i])
		if next == nil {
			break
		}
		cmd, cmds = next, next.Subcommands
		out = append(out, args[i])
	}
	if cmd == nil {
		return args
	}
	var flags, positional []string
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) > 1 && strings.HasPrefix(a, "-") {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && takesValue(cmd, a) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
			continue
		}
		positional = append(positional, a)
	}
	out = append(out, flags...)
	if slices.Contains(flags, "--help") || slices.Contains(flags, "-h") {
		// Help is about the command, not its arguments: urfave/cli would
		// take `hook post-commit --help` as help on a "post-commit" topic.
		return out
	}
	if len(positional) > 0 {
		out = append(out, "--")
		out = append(out, positional...)
	}
	return out
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.Name == name {
			return c
		}
		for _, alias := range c.Aliases {
			if alias == name {
				return c
			}
		}
	}
	return nil
}

// takesValue reports whether a flag of cmd reads the next argument.
func takesValue(cmd *cli.Command, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n != name {
				continue
			}
			if df, ok := f.(cli.DocGenerationFlag); ok {
				return df.TakesValue()
			}
			return false
		}
	}
	return false
}
