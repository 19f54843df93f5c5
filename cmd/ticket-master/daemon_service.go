package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/install"
)

// ServiceManager is the OS service manager for the daemon, or nil with
// TICKET_MASTER_NO_SERVICE=1. It needs only the paths, so a broken
// config.yaml does not stop it.
func (f *factory) ServiceManager() (*install.Manager, error) {
	e, err := f.EnvAny()
	if err != nil {
		return nil, err
	}
	return serviceManager(e, f.IO)
}

func newDaemonInstallCmd(f *factory, runF func(context.Context, *daemonOptions) error) *cli.Command {
	if runF == nil {
		runF = runDaemonInstall
	}
	return &cli.Command{
		Name:  "install",
		Usage: "register the daemon as a per-user OS service (systemd --user, launchd, a Windows logon task) and start it",
		Description: "The environment the daemon needs (OLLAMA_HOST, GITHUB_API_URL, TICKET_MASTER_HOME,\n" +
			"PATH and XDG folders, when set) is captured now and shown by `daemon status`.\n" +
			"Where no service manager runs (a container, CI), it says so: use `daemon start`.",
		Action: f.daemonAction(runF),
	}
}

func runDaemonInstall(ctx context.Context, o *daemonOptions) error {
	s, _, err := o.starter()
	if err != nil {
		return err
	}
	st, err := s.InstallService(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "Installed and started the %s service (%s).\n", st.Manager, st.UnitPath)
	for _, w := range st.Warnings() {
		fmt.Fprintf(o.IO.Out, "warning: %s\n", w)
	}
	return nil
}

func newDaemonUninstallCmd(f *factory, runF func(context.Context, *daemonOptions) error) *cli.Command {
	if runF == nil {
		runF = runDaemonUninstall
	}
	return &cli.Command{
		Name:   "uninstall",
		Usage:  "stop the daemon's OS service and remove it",
		Action: f.daemonAction(runF),
	}
}

func runDaemonUninstall(_ context.Context, o *daemonOptions) error {
	m, err := o.Manager()
	if err != nil {
		return err
	}
	if m == nil {
		return errors.New("TICKET_MASTER_NO_SERVICE=1: no service to remove")
	}
	if err := m.Uninstall(); err != nil && !errors.Is(err, install.ErrNoServiceManager) {
		return err
	}
	fmt.Fprintln(o.IO.Out, "The service is removed (if there was one). Enrolled repositories stay enrolled; `ticket-master daemon start` runs the daemon detached.")
	return nil
}

func newDaemonRestartCmd(f *factory, runF func(context.Context, *daemonOptions) error) *cli.Command {
	if runF == nil {
		runF = runDaemonRestart
	}
	return &cli.Command{
		Name:   "restart",
		Usage:  "restart the daemon (after editing the config)",
		Action: f.daemonAction(runF),
	}
}

func runDaemonRestart(ctx context.Context, o *daemonOptions) error {
	s, _, err := o.starter()
	if err != nil {
		return err
	}
	what, err := s.Restart(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "daemon %s\n", what)
	return nil
}

type daemonStatusOptions struct {
	daemonOptions
	Daemon func(timeout time.Duration) (*daemon.Client, error)
	JSON   bool
}

func newDaemonStatusCmd(f *factory, runF func(context.Context, *daemonStatusOptions) error) *cli.Command {
	if runF == nil {
		runF = runServiceStatus
	}
	return &cli.Command{
		Name:  "status",
		Usage: "show how the daemon runs: OS service or detached, the environment it was given, and whether it answers",
		Flags: []cli.Flag{jsonFlag()},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			o := f.daemonOptions()
			o.Env = f.EnvAny // works on a broken config.yaml
			return runF(c.Context, &daemonStatusOptions{daemonOptions: o, Daemon: f.Daemon, JSON: c.Bool("json")})
		},
	}
}

type daemonLogsOptions struct {
	daemonOptions
	Lines  int
	Follow bool
}

func newDaemonLogsCmd(f *factory, runF func(context.Context, *daemonLogsOptions) error) *cli.Command {
	if runF == nil {
		runF = runDaemonLogs
	}
	return &cli.Command{
		Name:  "logs",
		Usage: "print the daemon's recent log lines (and new ones with --follow)",
		Description: "The journal for a systemd user service, the state folder's daemon.log\n" +
			"otherwise. --follow keeps printing new lines until interrupted (Ctrl-C).",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "lines", Aliases: []string{"n"}, Value: 50, Usage: "print the last `N` lines"},
			&cli.BoolFlag{Name: "follow", Aliases: []string{"f"}, Usage: "keep printing new lines as the daemon writes them"},
		},
		Action: func(c *cli.Context) error {
			if err := noArgs(c); err != nil {
				return err
			}
			if c.Int("lines") < 1 {
				return usagef("--lines must be at least 1")
			}
			o := f.daemonOptions()
			o.Env = f.EnvAny // works on a broken config.yaml
			return runF(c.Context, &daemonLogsOptions{daemonOptions: o, Lines: c.Int("lines"), Follow: c.Bool("follow")})
		},
	}
}

func runDaemonLogs(ctx context.Context, o *daemonLogsOptions) error {
	e, err := o.Env()
	if err != nil {
		return err
	}
	m, err := o.Manager()
	if err != nil {
		return err
	}
	if m != nil {
		if st, err := m.Status(); err == nil && st.Installed {
			if o.Follow {
				return m.FollowLogs(ctx, o.IO.Out, o.Lines)
			}
			return m.Logs(o.IO.Out, o.Lines)
		}
	}
	if o.Follow {
		return install.FollowFile(ctx, o.IO.Out, e.paths.DaemonLog(), o.Lines, time.Second/5)
	}
	// Across the rotated generations of the detached daemon's log.
	err = daemon.TailLog(o.IO.Out, e.paths.DaemonLog(), o.Lines)
	if errors.Is(err, daemon.ErrNoLog) {
		fmt.Fprintf(o.IO.Out, "No log yet at %s.\n", e.paths.DaemonLog())
		return nil
	}
	return err
}

type serviceReport struct {
	Mode string `json:"mode"` // the service manager's name, "detached", "not answering" or "not running"
	// State is the daemon's liveness (daemon.LiveRunning, ...), Fix what to
	// do when it is not running or not answering.
	State    string                 `json:"state"`
	Fix      string                 `json:"fix,omitempty"`
	Socket   string                 `json:"socket"`
	Service  *install.Status        `json:"service,omitempty"`
	Daemon   *daemon.StatusResponse `json:"daemon,omitempty"`
	Env      map[string]string      `json:"env,omitempty"`
	Log      string                 `json:"log"`
	Warnings []string               `json:"warnings,omitempty"`
}

func runServiceStatus(ctx context.Context, o *daemonStatusOptions) error {
	ios, asJSON := o.IO, o.JSON
	e, err := o.Env()
	if err != nil {
		return err
	}
	m, err := o.Manager()
	if err != nil {
		return err
	}
	rep := serviceReport{Log: e.paths.DaemonLog()}
	if m != nil {
		if st, err := m.Status(); err == nil {
			rep.Service = &st
			rep.Warnings = st.Warnings()
			if st.Installed {
				rep.Env = st.Env
			}
		}
	}
	client, err := o.Daemon(2 * time.Second)
	if err != nil {
		return err
	}
	live := daemon.Probe(ctx, client, e.paths)
	rep.Daemon, rep.State, rep.Fix, rep.Socket = live.Status, live.State, live.Fix(), e.paths.Socket()
	switch {
	case live.State == daemon.LiveNotAnswering:
		rep.Mode = "not answering"
	case rep.Service != nil && rep.Service.Installed && rep.Service.Running:
		rep.Mode = rep.Service.Manager
	case rep.Daemon != nil:
		rep.Mode = "detached"
	default:
		rep.Mode = "not running"
	}
	if asJSON {
		return writeJSON(ios, rep)
	}
	w := ios.Out
	switch rep.Mode {
	case "detached":
		fmt.Fprintf(w, "daemon:  running detached (pid %d; lock and pid in %s)\n", rep.Daemon.PID, e.paths.DaemonLock())
	case "not running", "not answering":
		fmt.Fprintf(w, "daemon:  %s\n", live.Text())
		if live.State != daemon.LiveNotRunning && live.State != daemon.LiveStopped {
			fmt.Fprintf(w, "fix:     %s\n", rep.Fix)
		}
	default:
		fmt.Fprintf(w, "daemon:  running as a %s service", rep.Mode)
		if rep.Daemon != nil {
			fmt.Fprintf(w, " (pid %d)", rep.Daemon.PID)
		}
		fmt.Fprintln(w)
	}
	switch s := rep.Service; {
	case s == nil:
		fmt.Fprintln(w, "service: not used (TICKET_MASTER_NO_SERVICE=1)")
	case !s.Available:
		fmt.Fprintf(w, "service: none available: %s\n", s.Reason)
	case !s.Installed:
		fmt.Fprintf(w, "service: %s available, not installed (ticket-master daemon install)\n", s.Manager)
	default:
		state := "stopped"
		if s.Running {
			state = "running"
		}
		if s.Detail != "" {
			state += " (" + s.Detail + ")"
		}
		fmt.Fprintf(w, "service: %s, installed at %s, %s\n", s.Manager, s.UnitPath, state)
	}
	if len(rep.Env) > 0 {
		fmt.Fprintln(w, "environment captured at install:")
		keys := make([]string, 0, len(rep.Env))
		for k := range rep.Env {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "  %s=%s\n", k, rep.Env[k])
		}
	}
	if long, ok := e.paths.SocketFallback(); ok {
		fmt.Fprintf(w, "socket:  %s (the usual %s is too long for a Unix socket)\n", rep.Socket, long)
	} else {
		fmt.Fprintf(w, "socket:  %s\n", rep.Socket)
	}
	fmt.Fprintf(w, "log:     %s\n", rep.Log)
	for _, warn := range rep.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	return nil
}
