package main

import (
	"errors"
	"fmt"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/urfave/cli/v2"
)

// usageError marks errors in how the command was called (exit 2). cmd is
// the command's full name, for the pointer to its --help.
type usageError struct{ msg, cmd string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{msg: fmt.Sprintf(format, a...)} }

// hint is the line printed under a usage error.
func (e usageError) hint() string {
	return "Run '" + strings.TrimSpace("ticket-master "+e.cmd) + " --help' for usage."
}

// prepare makes every command behave as git and gh users expect: one
// error line and a pointer to --help for a bad flag, "did you mean" for a
// mistyped command, `help` as a command, and no "(default: false)" on
// switches. It walks the tree once, so each command gets the same rules.
func prepare(app *cli.App) {
	app.HideHelpCommand = true
	app.OnUsageError = flagErrorHandler(nil, "")
	app.Action = groupAction("")
	for _, c := range app.Commands {
		prepareCommand(c, "")
	}
}

func prepareCommand(c *cli.Command, parent string) {
	path := strings.TrimSpace(parent + " " + c.Name)
	c.HideHelpCommand = true
	c.OnUsageError = flagErrorHandler(c, path)
	for _, f := range c.Flags {
		if b, ok := f.(*cli.BoolFlag); ok {
			b.DisableDefaultText = true // a switch is off unless given
		}
	}
	if len(c.Subcommands) > 0 {
		c.Action = groupAction(path)
		for _, sub := range c.Subcommands {
			prepareCommand(sub, path)
		}
		return
	}
	if act := c.Action; act != nil {
		c.Action = func(ctx *cli.Context) error {
			err := act(ctx)
			var ue usageError
			if errors.As(err, &ue) && ue.cmd == "" {
				ue.cmd = path
				return ue
			}
			return err
		}
	}
}

// groupAction runs for ticket-master itself and for commands that only
// group others (drafts, daemon, auth, ...): alone, it prints their help; with
// an argument that names no command, it says so and suggests the closest.
func groupAction(path string) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.NArg() == 0 {
			if path == "" {
				return cli.ShowAppHelp(c)
			}
			return cli.ShowSubcommandHelp(c)
		}
		name := c.Args().First()
		var names []string
		cmds := c.App.Commands
		if c.Command != nil && path != "" {
			cmds = c.Command.Subcommands
		}
		for _, sc := range cmds {
			if !sc.Hidden {
				names = append(names, sc.Name)
			}
		}
		msg := fmt.Sprintf("%q is not a %s command", name, strings.TrimSpace("ticket-master "+path))
		if s := suggest(name, names); s != "" {
			msg += "; did you mean " + s + "?"
		}
		return usageError{msg: msg, cmd: path}
	}
}

var (
	undefinedFlagRE = lazyregexp.New(`^flag provided but not defined: -+(\S+)$`)
	invalidValueRE  = lazyregexp.New(`^invalid (?:boolean )?value "(.*)" for flag -+(\S+): (.*)$`)
	needsArgRE      = lazyregexp.New(`^flag needs an argument: -+(\S+)$`)
)

// flagErrorHandler turns the flag package's messages into one line that
// names the flag as users type it, with a suggestion for a mistyped one.
func flagErrorHandler(cmd *cli.Command, path string) cli.OnUsageErrorFunc {
	return func(c *cli.Context, err error, _ bool) error {
		var flags []cli.Flag
		if cmd != nil {
			flags = cmd.Flags
		} else {
			flags = c.App.Flags
		}
		return usageError{msg: friendlyFlagError(err.Error(), flags), cmd: path}
	}
}

func friendlyFlagError(msg string, flags []cli.Flag) string {
	if m := undefinedFlagRE.FindStringSubmatch(msg); m != nil {
		out := "unknown flag " + dashes(m[1])
		var names []string
		for _, f := range flags {
			for _, n := range f.Names() {
				names = append(names, dashes(n))
			}
		}
		if s := suggest(dashes(m[1]), names); s != "" {
			out += "; did you mean " + s + "?"
		}
		return out
	}
	if m := invalidValueRE.FindStringSubmatch(msg); m != nil {
		why := m[3]
		if why == "parse error" {
			why = "not a " + valueKind(m[2], flags)
		}
		return fmt.Sprintf("invalid value %q for %s: %s", m[1], dashes(m[2]), why)
	}
	if m := needsArgRE.FindStringSubmatch(msg); m != nil {
		return dashes(m[1]) + " needs a value"
	}
	return msg
}

// dashes writes a flag name as it is typed: -n, --json.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// valueKind names what a flag's value should look like.
func valueKind(name string, flags []cli.Flag) string {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n != name {
				continue
			}
			switch f.(type) {
			case *cli.DurationFlag:
				return "duration (for example 30s, 5m or 1h)"
			case *cli.BoolFlag:
				return "boolean (true or false)"
			}
		}
	}
	return "number"
}

// suggest returns the candidate closest to typed when it is close enough
// to be a typo (or typed is its prefix), "" otherwise.
func suggest(typed string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := levenshtein(strings.ToLower(typed), strings.ToLower(c))
		if strings.HasPrefix(c, typed) && len(typed) >= 3 {
			d = min(d, 1)
		}
		if d <= max(1, min(2, len(typed)/3)) && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
