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
)

// usageError marks errors in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue), isCLIUsage(err):
		return exitUsage
	case errors.Is(err, store.ErrBusy), errors.Is(err, daemon.ErrNotRunning):
		return exitBusy
	}
	return exitError
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, ios *IO) int {
	app := newApp(ios)
	err := app.RunContext(ctx, permuteArgs(app, args))
	if err != nil {
		msg := err.Error()
		if !strings.HasPrefix(msg, "ticket-master") {
			msg = "ticket-master: " + msg
		}
		fmt.Fprintln(ios.Err, msg)
	}
	return exitCode(err)
}

func newApp(ios *IO) *cli.App {
	return &cli.App{
		Name:  "ticket-master",
		Usage: "draft GitHub issues from what your commits say, publish them after review",
		Description: "ticket-master watches the repositories you enroll. A git hook nudges a local\n" +
			"background service after each commit; the service analyses only the new\n" +
			"commits and queues issue drafts (TODOs left behind, and more), which you\n" +
			"review before anything is published. Nothing leaves your machine unless\n" +
			"you publish it, and no commit is slowed down.",
		Version:         version,
		Reader:          ios.In,
		Writer:          ios.Out,
		ErrWriter:       ios.Err,
		HideHelpCommand: true,
		Commands: []*cli.Command{
			enrollCommand(ios),
			unenrollCommand(ios),
			statusCommand(ios),
			draftsCommand(ios),
			reviewCommand(ios),
			publishCommand(ios),
			authCommand(ios),
			analyzeCommand(ios),
			daemonCommand(ios),
			doctorCommand(ios),
			configCommand(ios),
			modelCommand(ios),
			hookCommand(ios),
			versionCommand(ios),
		},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err.Error()}
		},
		ExitErrHandler: func(*cli.Context, error) {}, // run() reports errors and exits
	}
}

// env is what most commands need: where files live, the config, the store.
type env struct {
	paths config.Paths
	cfg   config.Config
}

func loadEnv(ios *IO) (*env, error) {
	paths, err := config.ResolvePaths(ios.Getenv)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(paths.ConfigFile())
	if err != nil {
		return nil, err
	}
	return &env{paths: paths, cfg: cfg}, nil
}

func (e *env) openStore() (*store.Store, error) {
	if err := e.paths.EnsureState(); err != nil {
		return nil, err
	}
	return store.Open(e.paths.Database(), store.Options{NoticeDir: e.paths.NoticeDir()})
}

// loadStore is loadEnv and openStore, which most commands need together.
func loadStore(ios *IO) (*env, *store.Store, error) {
	e, err := loadEnv(ios)
	if err != nil {
		return nil, nil, err
	}
	st, err := e.openStore()
	return e, st, err
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
