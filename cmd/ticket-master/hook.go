package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/daemon/analyze"
	"github.com/ticket-master/ticket-master/hooks"
	"github.com/ticket-master/ticket-master/store"
)

// hookTimeout bounds the nudge: a hung daemon must never hold up a hook
// run in the foreground by another hook manager.
const hookTimeout = 200 * time.Millisecond

func hookCommand(ios *IO) *cli.Command {
	return &cli.Command{
		Name:      "hook",
		Usage:     "called by the git hooks: print the drafts notice and nudge the daemon",
		ArgsUsage: strings.Join(hooks.Names(), "|") + " [-- HOOK-ARGS...]",
		Description: "Installed hooks call this in the background. To call it from another hook\n" +
			"manager (husky, lefthook, a shared core.hooksPath), add to its post-commit:\n" +
			"  ticket-master hook post-commit \"$@\"\n" +
			"It always exits 0 and gives up after 200ms, so it never holds up git.\n" +
			"TICKET_MASTER=0 turns it off for one command.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "no-notice", Usage: "do not print the drafts-waiting notice (the installed script prints it)"},
		},
		Action: func(c *cli.Context) error {
			name := c.Args().First()
			valid := false
			for _, h := range hooks.Names() {
				valid = valid || h == name
			}
			if !valid {
				// A hook must never fail git: say it, exit 0.
				fmt.Fprintf(ios.Err, "ticket-master: hook needs one of %s\n", strings.Join(hooks.Names(), ", "))
				return nil
			}
			runHook(c.Context, ios, name, c.Bool("no-notice"))
			return nil
		},
	}
}

// runHook never fails: whatever goes wrong, git must carry on.
func runHook(ctx context.Context, ios *IO, name string, noNotice bool) {
	if ios.Getenv("TICKET_MASTER") == "0" {
		return
	}
	dir, err := os.Getwd()
	if err != nil {
		return
	}
	paths, err := config.ResolvePaths(ios.Getenv)
	if err != nil {
		return
	}
	if !noNotice {
		if gitDir, err := analyze.FindGitDir(dir, ios.Getenv("GIT_DIR")); err == nil {
			raw, _ := os.ReadFile(store.NoticeFile(paths.NoticeDir(), analyze.RepoID(gitDir)))
			if line, _, _ := strings.Cut(string(raw), "\n"); line != "" {
				fmt.Fprintln(ios.Err, line)
			}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, hookTimeout)
	defer cancel()
	_ = daemon.NewClient(paths.Socket(), hookTimeout).Nudge(ctx, daemon.NudgeRequest{
		Dir: dir, GitDir: ios.Getenv("GIT_DIR"), Hook: name,
	})
}
