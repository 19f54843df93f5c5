package main

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/hooks"
	"github.com/ticket-master/ticket-master/store"
)

// completeCommand is the name the completion scripts call.
const completeCommand = "__complete"

// candidate is one completion: a value and what it is.
type candidate struct{ value, about string }

func newCompleteCmd(f *factory) *cli.Command {
	return &cli.Command{
		Name:            completeCommand,
		Hidden:          true,
		SkipFlagParsing: true,
		Usage:           "print completions for the words typed so far (the completion scripts call it)",
		Action: func(c *cli.Context) error {
			words := c.Args().Slice()
			if len(words) == 0 {
				words = []string{""}
			}
			src := &completionSource{store: f.Store}
			for _, cd := range complete(c.Context, c.App, src, words) {
				if cd.about != "" {
					fmt.Fprintf(f.IO.Out, "%s\t%s\n", cd.value, cd.about)
				} else {
					fmt.Fprintln(f.IO.Out, cd.value)
				}
			}
			return nil
		},
	}
}

// completionSource answers the completions that come from the database.
// Errors mean no candidates: a completion never prints an error.
type completionSource struct {
	store func() (*store.Store, error)
}

// drafts lists drafts in the given states (all when none), newest first.
func (s *completionSource) drafts(states ...string) []candidate {
	st, err := s.store()
	if err != nil {
		return nil
	}
	var ds []store.Draft
	if st.View(func(tx *store.Tx) (err error) { ds, err = tx.Drafts(store.DraftFilter{}); return err }) != nil {
		return nil
	}
	var out []candidate
	for i := len(ds) - 1; i >= 0; i-- {
		d := ds[i]
		if len(states) > 0 && !slices.Contains(states, d.State) {
			continue
		}
		out = append(out, candidate{strconv.FormatUint(d.ID, 10), d.State + ": " + d.Title})
	}
	return out
}

// repos lists the paths of enrolled repositories.
func (s *completionSource) repos() []candidate {
	st, err := s.store()
	if err != nil {
		return nil
	}
	var rs []store.Repo
	if st.View(func(tx *store.Tx) (err error) { rs, err = tx.Repos(); return err }) != nil {
		return nil
	}
	var out []candidate
	for _, r := range rs {
		if r.Enrolled {
			out = append(out, candidate{r.Path, r.GitHub()})
		}
	}
	return out
}

// complete returns what may replace the last word, given the words before
// it (the program name left out).
func complete(_ context.Context, app *cli.App, src *completionSource, words []string) []candidate {
	typed, partial := words[:len(words)-1], words[len(words)-1]
	var cmd *cli.Command
	subs := app.Commands
	path := ""
	positional := 0
	for i := 0; i < len(typed); i++ {
		w := typed[i]
		switch {
		case w == "--":
			positional += len(typed) - i - 1
			i = len(typed)
		case strings.HasPrefix(w, "-"):
			if cmd != nil && !strings.Contains(w, "=") && takesValue(cmd, w) {
				i++ // its value
			}
		case positional == 0 && w == "help" && path == "":
			// `help COMMAND...` completes like the command path
		case positional == 0 && findCommand(subs, w) != nil:
			cmd = findCommand(subs, w)
			subs = cmd.Subcommands
			path = strings.TrimSpace(path + " " + cmd.Name)
		default:
			positional++
		}
	}
	var out []candidate
	switch {
	case len(typed) > 0 && cmd != nil && strings.HasPrefix(typed[len(typed)-1], "-") &&
		!strings.Contains(typed[len(typed)-1], "=") && takesValue(cmd, typed[len(typed)-1]):
		out = flagValues(src, strings.TrimLeft(typed[len(typed)-1], "-"))
	case strings.HasPrefix(partial, "-"):
		var flags []cli.Flag
		if cmd != nil {
			flags = cmd.Flags
		}
		for _, f := range flags {
			about := ""
			if d, ok := f.(cli.DocGenerationFlag); ok {
				about = d.GetUsage()
			}
			for _, n := range f.Names() {
				if n != "help" && n != "h" {
					out = append(out, candidate{dashes(n), stripPlaceholders(about)})
				}
			}
		}
		out = append(out, candidate{"--help", "show help"})
	case len(subs) > 0 && positional == 0:
		for _, c := range subs {
			if !c.Hidden {
				out = append(out, candidate{c.Name, c.Usage})
			}
		}
		if cmd == nil {
			out = append(out, candidate{"help", "show help for a command"})
		}
	default:
		out = positionals(src, path, positional)
	}
	var matched []candidate
	for _, c := range out {
		if strings.HasPrefix(c.value, partial) {
			matched = append(matched, c)
		}
	}
	return matched
}

// flagValues completes the value of a flag, by the flag's name.
func flagValues(src *completionSource, flag string) []candidate {
	switch flag {
	case "repo":
		return src.repos()
	case "state":
		var out []candidate
		for _, s := range append(store.DraftStates(), "all") {
			out = append(out, candidate{value: s})
		}
		return out
	case "kind":
		var out []candidate
		for _, k := range draftKinds() {
			out = append(out, candidate{value: k})
		}
		return out
	case "hostname":
		return []candidate{{value: "github.com"}}
	}
	return nil
}

// positionals completes the n-th argument (from 0) of a command.
func positionals(src *completionSource, path string, n int) []candidate {
	switch path {
	case "drafts show":
		if n == 0 {
			return src.drafts()
		}
	case "drafts discard", "publish":
		return src.drafts(store.DraftPending)
	case "drafts restore":
		return src.drafts(store.DraftDiscarded)
	case "unenroll", "daemon sync", "analyze", "config show", "config check":
		if n == 0 {
			return src.repos()
		}
	case "hook":
		if n == 0 {
			var out []candidate
			for _, h := range hooks.Names() {
				out = append(out, candidate{value: h})
			}
			return out
		}
	case "completion":
		if n == 0 {
			return []candidate{{value: "bash"}, {value: "zsh"}, {value: "fish"}}
		}
	}
	return nil
}

// draftKinds are what `drafts list --kind` selects: the kinds of finding,
// one per detector, as fingerprints name them, and "digest", the
// maintenance digest (store.Draft.Kind).
func draftKinds() []string {
	return []string{finding.KindTODO, finding.KindUntested, finding.KindDocDrift, finding.KindHotspot,
		finding.KindDependency, finding.KindSecret, finding.KindReview, "digest"}
}

// stripPlaceholders removes urfave/cli's `PLACEHOLDER` quotes from a usage.
func stripPlaceholders(usage string) string { return strings.ReplaceAll(usage, "`", "") }
