package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/store"
)

// Exit codes, as the README documents them.
const (
	exitOK    = 0
	exitError = 1 // the command failed; the message says why and what to do
	exitUsage = 2 // bad flags or arguments
	exitBusy  = 3 // the database or the daemon is busy or unreachable: try again
	// exitDamaged: the database is damaged, or gone while something says
	// it existed; `ticket-master doctor --fix` repairs it.
	exitDamaged = 4
)

func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue), isCLIUsage(err):
		return exitUsage
	case errors.Is(err, store.ErrBusy), errors.Is(err, daemon.ErrNotRunning):
		return exitBusy
	case errors.Is(err, store.ErrDamaged), errors.Is(err, store.ErrMissing):
		return exitDamaged
	}
	return exitError
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, ios *IO) int {
	app := newApp(newFactory(ios))
	err := app.RunContext(ctx, normalizeArgs(app, args))
	if err != nil {
		msg := err.Error()
		if !strings.HasPrefix(msg, "ticket-master") {
			msg = "ticket-master: " + msg
		}
		fmt.Fprintln(ios.Err, msg)
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(ios.Err, ue.hint())
		}
	}
	return exitCode(err)
}

func newApp(f *factory) *cli.App {
	ios := f.IO
	app := &cli.App{
		Name:  "ticket-master",
		Usage: "draft GitHub issues from what your commits say, publish them after review",
		Description: "ticket-master watches the repositories you enroll. A git hook nudges a local\n" +
			"background service after each commit; the service analyses only the new\n" +
			"commits and queues issue drafts (TODOs left behind, and more), which you\n" +
			"review before anything is published. Nothing leaves your machine unless\n" +
			"you publish it, and no commit is slowed down.",
		Version:   versionText(),
		Reader:    ios.In,
		Writer:    ios.Out,
		ErrWriter: ios.Err,
		Commands: []*cli.Command{
			newEnrollCmd(f, nil),
			newUnenrollCmd(f, nil),
			newStatusCmd(f, nil),
			draftsCommand(f),
			newReviewCmd(f, nil),
			newPublishCmd(f, nil),
			authCommand(f),
			newAnalyzeCmd(f, nil),
			daemonCommand(f),
			newDoctorCmd(f, nil),
			configCommand(ios),
			modelCommand(f),
			hookCommand(ios),
			newCompletionCmd(f, nil),
			newCompleteCmd(f),
			newVersionCmd(f, nil),
		},
		ExitErrHandler: func(*cli.Context, error) {}, // run() reports errors and exits
	}
	prepare(app)
	return app
}

// env is what most commands need: where files live, the config, the store.
type env struct {
	paths config.Paths
	cfg   config.Config
	// cfgErr is what is wrong with config.yaml, for commands that run
	// on it anyway: cfg then holds defaults for the broken sections.
	cfgErr error
}

// configNeed says what a command needs of config.yaml.
type configNeed int

const (
	// needConfig: the command uses the settings (the daemon, drafting,
	// publishing) and refuses to run while config.yaml has mistakes.
	needConfig configNeed = iota
	// anyConfig: the command must work whatever state config.yaml is in
	// (stopping the daemon, status, listing drafts): it runs on the
	// sections without mistakes and defaults for the rest, after a
	// one-line warning naming the file and line.
	anyConfig
	// reportConfig: as anyConfig, without the warning, for a command that
	// reports the problems itself (doctor).
	reportConfig
)

// loadEnv is loadEnvFor a command that needs a valid config.
func loadEnv(ios *IO) (*env, error) { return loadEnvFor(ios, needConfig) }

// loadEnvFor resolves the paths and loads config.yaml as the command
// needs it.
func loadEnvFor(ios *IO, need configNeed) (*env, error) {
	paths, err := config.ResolvePaths(ios.Getenv)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(paths.ConfigFile())
	if err != nil {
		switch need {
		case needConfig:
			return nil, fmt.Errorf("%w\nfix the file, then run this again (`ticket-master config check` re-checks it; daemon stop, status, drafts list and doctor work meanwhile)", err)
		case anyConfig:
			fmt.Fprintf(ios.Err, "ticket-master: warning: %s; defaults stand in for the broken settings (`ticket-master config check` shows every problem)\n", firstProblem(err))
		}
	}
	return &env{paths: paths, cfg: cfg, cfgErr: err}, nil
}

// firstProblem is a config error as one line.
func firstProblem(err error) string {
	var fe *config.FileError
	if errors.As(err, &fe) {
		return fe.First()
	}
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

func (e *env) openStore() (*store.Store, error) {
	if err := e.paths.EnsureState(); err != nil {
		return nil, err
	}
	return store.Open(e.paths.Database(), store.Options{NoticeDir: e.paths.NoticeDir()})
}

// argPath returns the command's optional PATH argument, "." by default.
func argPath(c *cli.Context) (string, error) {
	switch c.NArg() {
	case 0:
		return ".", nil
	case 1:
		return c.Args().First(), nil
	}
	return "", usagef("%s takes at most one PATH, got %d arguments", c.Command.Name, c.NArg())
}

// selfPath is the absolute path of this binary, which hooks and the
// detached daemon call.
func selfPath() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find own binary: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	return exe, nil
}

func writeJSON(ios *IO, v any) error {
	enc := json.NewEncoder(ios.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func jsonFlag() cli.Flag { return &cli.BoolFlag{Name: "json", Usage: "print JSON for scripts"} }

// isCLIUsage recognises urfave/cli's own errors about how a command was
// called (an unknown flag or command, a bad flag value), which it returns
// as plain errors.
func isCLIUsage(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"flag provided but not defined", "invalid value", "flag needs an argument", "No help topic for"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}
