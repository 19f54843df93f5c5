package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/hooks"
	"github.com/ticket-master/ticket-master/store"
)

// hookTimeout bounds the nudge: a hung daemon must never hold up a hook
// run in the foreground by another hook manager.
const hookTimeout = 200 * time.Millisecond

// reviveWait bounds the wait for a daemon the background hook started.
const reviveWait = 10 * time.Second

// skipTimeout bounds recording a TICKET_MASTER=0 command's commits, which
// may wait for the database while the daemon writes.
const skipTimeout = 15 * time.Second

type hookOptions struct {
	IO       *IO
	Name     string   // post-commit, post-merge or post-rewrite
	Args     []string // the hook's own arguments
	NoNotice bool
	// Hold is the hold file the installed script wrote under TICKET_MASTER=0,
	// Head and OrigHead what HEAD and ORIG_HEAD named when it ran.
	Hold, Head, OrigHead string
}

func hookCommand(ios *IO) *cli.Command {
	return &cli.Command{
		Name:      "hook",
		Usage:     "called by the git hooks: print the drafts notice and nudge the daemon",
		ArgsUsage: strings.Join(hooks.Names(), "|") + " [-- HOOK-ARGS...]",
		Description: "Installed hooks call this in the background. To call it from another hook\n" +
			"manager (husky, lefthook, a shared core.hooksPath), add to its post-commit:\n" +
			"  ticket-master hook post-commit \"$@\"\n" +
			"It always exits 0 and gives up on the daemon after 200ms, so it never holds up git.\n" +
			"Under TICKET_MASTER=0 it records the commits the command made as skipped\n" +
			"(never analysed) instead, which may wait a moment for the database.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "no-notice", Usage: "do not print the drafts-waiting notice (the installed script prints it)"},
			&cli.StringFlag{Name: "hold", Usage: "the hold `FILE` the installed script wrote under TICKET_MASTER=0; removed once the commits are recorded"},
			&cli.StringFlag{Name: "head", Usage: "the `COMMIT` HEAD named when the hook ran (default: HEAD now)"},
			&cli.StringFlag{Name: "orig-head", Usage: "the `COMMIT` ORIG_HEAD named when the hook ran (default: ORIG_HEAD now)"},
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
			runHook(c.Context, &hookOptions{
				IO: ios, Name: name, Args: c.Args().Tail(), NoNotice: c.Bool("no-notice"),
				Hold: c.String("hold"), Head: c.String("head"), OrigHead: c.String("orig-head"),
			})
			return nil
		},
	}
}

// runHook never fails: whatever goes wrong, git must carry on.
func runHook(ctx context.Context, o *hookOptions) {
	dir, err := os.Getwd()
	if err != nil {
		return
	}
	paths, err := config.ResolvePaths(o.IO.Getenv)
	if err != nil {
		return
	}
	if o.IO.Getenv("TICKET_MASTER") == "0" {
		skipCommits(ctx, o, paths, dir)
		return
	}
	if !o.NoNotice {
		// As the installed script does: the daemon-stopped line first.
		raw, err := os.ReadFile(filepath.Join(paths.NoticeDir(), hooks.StoppedNotice))
		if err != nil {
			if gitDir, err := analyze.FindGitDir(dir, o.IO.Getenv("GIT_DIR")); err == nil {
				raw, _ = os.ReadFile(store.NoticeFile(paths.NoticeDir(), daemon.RepoIDOf(gitDir)))
			}
		}
		if line, _, _ := strings.Cut(string(raw), "\n"); line != "" {
			fmt.Fprintln(o.IO.Err, line)
		}
	}
	nudge(ctx, o, paths, dir)
}

// nudge tells the daemon about the hook; when none answers because the
// last one died (not stopped on purpose), it starts it again.
func nudge(ctx context.Context, o *hookOptions, paths config.Paths, dir string) {
	nctx, cancel := context.WithTimeout(ctx, hookTimeout)
	err := daemon.NewClient(paths.Socket(), hookTimeout).Nudge(nctx, daemon.NudgeRequest{
		Dir: dir, GitDir: o.IO.Getenv("GIT_DIR"), Hook: o.Name,
	})
	cancel()
	if errors.Is(err, daemon.ErrNotRunning) {
		revive(ctx, o, paths)
	}
}

// revive starts the daemon again when it died (not when it was stopped on
// purpose): see daemon/revive.go.
func revive(ctx context.Context, o *hookOptions, paths config.Paths) {
	if !daemon.Crashed(paths) {
		return
	}
	exe, err := selfPath()
	if err != nil {
		return
	}
	s, err := daemon.NewStarter(paths, exe, o.IO.Getenv)
	if err != nil {
		return
	}
	// The hooks restart a daemon; they never set up a service. Called by
	// the installed script the hook runs in the background and may wait for
	// the daemon to answer; called by another hook manager, git waits for
	// it, so it waits no longer than a moment (the daemon starts anyway).
	s.NoInstall = true
	wait := reviveWait
	if !o.NoNotice {
		wait = hookTimeout
	}
	rctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	_, _ = s.Revive(rctx)
}

// skipCommits records the commits of a TICKET_MASTER=0 command as skipped,
// then releases the repository's hold, which lets a reconcile it postponed
// go on (see daemon/hold.go).
func skipCommits(ctx context.Context, o *hookOptions, paths config.Paths, dir string) {
	gitDir := o.IO.Getenv("GIT_DIR")
	hold := o.Hold
	if filepath.Dir(hold) != filepath.Dir(daemon.HoldFile(paths, "id")) {
		hold = "" // only ever remove a hold
	}
	if hold == "" {
		// Called by another hook manager: hold now, late as that is.
		if common, err := analyze.FindGitDir(dir, gitDir); err == nil {
			hold = daemon.HoldFile(paths, daemon.RepoIDOf(common)) + "." + strconv.Itoa(os.Getpid())
			if os.WriteFile(hold, nil, 0o600) != nil {
				hold = ""
			}
		}
	}
	// Without a database nothing is enrolled: do not create one.
	if _, err := os.Stat(paths.Database()); err == nil {
		if st, err := store.Open(paths.Database(), store.Options{NoticeDir: paths.NoticeDir()}); err == nil {
			sctx, cancel := context.WithTimeout(ctx, skipTimeout)
			_, _, _ = daemon.SkipCommits(sctx, st, daemon.SkipRequest{
				Dir: dir, GitDir: gitDir, Hook: o.Name, Args: o.Args, Head: o.Head, OrigHead: o.OrigHead,
			})
			cancel()
		}
	}
	if hold != "" {
		_ = os.Remove(hold)
	}
	// No nudge: a reconcile the hold postponed retries by itself, and a
	// nudge now, in the middle of a rebase, would cut short the wait for the
	// hook that holds the repository when the branch moves at its end.
	revive(ctx, o, paths)
}
