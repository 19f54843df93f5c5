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

// serviceManager is the OS service manager for the daemon, or nil when
// TICKET_MASTER_NO_SERVICE=1 asks for the detached daemon only (tests, and
// people who start it themselves).
func serviceManager(e *env, ios *IO) (*install.Manager, error) {
	if ios.Getenv("TICKET_MASTER_NO_SERVICE") == "1" {
		return nil, nil
	}
	exe, err := selfPath()
	if err != nil {
		return nil, err
	}
	return install.New(install.Spec{Exe: exe, Env: install.CaptureEnv(ios.Getenv), Paths: e.paths})
}

// ensureDaemon makes sure a daemon runs: through the OS service manager
// where there is one (installing the service on first use), detached
// otherwise. It returns what it did, for the user.
func ensureDaemon(ctx context.Context, e *env, ios *IO) (string, error) {
	client := daemon.NewClient(e.paths.Socket(), 2*time.Second)
	m, err := serviceManager(e, ios)
	if err != nil {
		return "", err
	}
	if m != nil {
		st, err := m.Status()
		if err == nil && st.Available {
			what := "running (" + st.Manager + ")"
			if !st.Installed {
				if err := m.Install(); err != nil {
					return "", fmt.Errorf("install the %s service: %w", st.Manager, err)
				}
				what = "installed as a " + st.Manager + " service (" + st.UnitPath + ") and started"
			}
			if !st.Running || !st.Installed {
				// A detached daemon from before would hold the lock.
				_, _ = daemon.Stop(ctx, e.paths)
				if err := m.Start(); err != nil {
					return "", fmt.Errorf("start the %s service: %w", st.Manager, err)
				}
				if what == "running ("+st.Manager+")" {
					what = "started (" + st.Manager + ")"
				}
			}
			if err := waitForDaemon(ctx, client); err != nil {
				return "", fmt.Errorf("the %s service started but the daemon does not answer: %w (see: ticket-master daemon logs)", st.Manager, err)
			}
			return what, nil
		}
	}
	exe, err := selfPath()
	if err != nil {
		return "", err
	}
	started, err := daemon.StartDetached(ctx, e.paths, exe)
	switch {
	case err != nil:
		return "", err
	case started:
		return "started detached (no service manager here; log: " + e.paths.DaemonLog() + ")", nil
	}
	return "running", nil
}

func waitForDaemon(ctx context.Context, c *daemon.Client) error {
	deadline := time.Now().Add(10 * time.Second)
	var err error
	for time.Now().Before(deadline) {
		if _, err = c.Status(ctx); err == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}

func serviceCommands(ios *IO) []*cli.Command {
	withManager := func(fn func(context.Context, *env, *install.Manager) error) cli.ActionFunc {
		return func(c *cli.Context) error {
			e, err := loadEnv(ios)
			if err != nil {
				return err
			}
			m, err := serviceManager(e, ios)
			if err != nil {
				return err
			}
			return fn(c.Context, e, m)
		}
	}
	return []*cli.Command{
		{
			Name:  "install",
			Usage: "register the daemon as a per-user OS service (systemd --user, launchd, a Windows logon task) and start it",
			Description: "The environment the daemon needs (OLLAMA_HOST, GITHUB_API_URL, TICKET_MASTER_HOME,\n" +
				"PATH and XDG folders, when set) is captured now and shown by `daemon status`.\n" +
				"Where no service manager runs (a container, CI), it says so: use `daemon start`.",
			Action: withManager(func(ctx context.Context, e *env, m *install.Manager) error {
				if m == nil {
					return errors.New("TICKET_MASTER_NO_SERVICE=1: not installing a service; use `ticket-master daemon start`")
				}
				if err := m.Install(); err != nil {
					if errors.Is(err, install.ErrNoServiceManager) {
						return fmt.Errorf("%w (`ticket-master daemon start` runs it detached; `enroll` does that for you)", err)
					}
					return err
				}
				_, _ = daemon.Stop(ctx, e.paths) // a detached one would hold the lock
				if err := m.Start(); err != nil {
					return err
				}
				st, _ := m.Status()
				fmt.Fprintf(ios.Out, "Installed and started the %s service (%s).\n", st.Manager, st.UnitPath)
				for _, w := range st.Warnings() {
					fmt.Fprintf(ios.Out, "warning: %s\n", w)
				}
				return nil
			}),
		},
		{
			Name:  "uninstall",
			Usage: "stop the daemon's OS service and remove it",
			Action: withManager(func(ctx context.Context, e *env, m *install.Manager) error {
				if m == nil {
					return errors.New("TICKET_MASTER_NO_SERVICE=1: no service to remove")
				}
				if err := m.Uninstall(); err != nil && !errors.Is(err, install.ErrNoServiceManager) {
					return err
				}
				fmt.Fprintln(ios.Out, "The service is removed (if there was one). Enrolled repositories stay enrolled; `ticket-master daemon start` runs the daemon detached.")
				return nil
			}),
		},
		{
			Name:  "restart",
			Usage: "restart the daemon (after editing the config)",
			Action: withManager(func(ctx context.Context, e *env, m *install.Manager) error {
				if m != nil {
					if st, err := m.Status(); err == nil && st.Installed {
						if err := m.Restart(); err != nil {
							return err
						}
						fmt.Fprintf(ios.Out, "daemon restarted (%s)\n", st.Manager)
						return waitForDaemon(ctx, daemon.NewClient(e.paths.Socket(), 2*time.Second))
					}
				}
				if _, err := daemon.Stop(ctx, e.paths); err != nil {
					return err
				}
				exe, err := selfPath()
				if err != nil {
					return err
				}
				if _, err := daemon.StartDetached(ctx, e.paths, exe); err != nil {
					return err
				}
				fmt.Fprintln(ios.Out, "daemon restarted (detached)")
				return nil
			}),
		},
		{
			Name:  "status",
			Usage: "show how the daemon runs: OS service or detached, the environment it was given, and whether it answers",
			Flags: []cli.Flag{jsonFlag()},
			Action: func(c *cli.Context) error {
				e, err := loadEnv(ios)
				if err != nil {
					return err
				}
				m, err := serviceManager(e, ios)
				if err != nil {
					return err
				}
				return runServiceStatus(c.Context, ios, e, m, c.Bool("json"))
			},
		},
		{
			Name:  "logs",
			Usage: "print the daemon's recent log lines",
			Flags: []cli.Flag{&cli.IntFlag{Name: "lines", Aliases: []string{"n"}, Value: 50, Usage: "how many `N` lines"}},
			Action: func(c *cli.Context) error {
				if c.Int("lines") < 1 {
					return usagef("--lines must be at least 1")
				}
				e, err := loadEnv(ios)
				if err != nil {
					return err
				}
				m, err := serviceManager(e, ios)
				if err != nil {
					return err
				}
				if m != nil {
					if st, err := m.Status(); err == nil && st.Installed {
						return m.Logs(ios.Out, c.Int("lines"))
					}
				}
				return tailFile(ios, e.paths.DaemonLog(), c.Int("lines"))
			},
		},
	}
}

type serviceReport struct {
	Mode     string                 `json:"mode"` // the service manager's name, "detached", or "not running"
	Service  *install.Status        `json:"service,omitempty"`
	Daemon   *daemon.StatusResponse `json:"daemon,omitempty"`
	Env      map[string]string      `json:"env,omitempty"`
	Log      string                 `json:"log"`
	Warnings []string               `json:"warnings,omitempty"`
}

func runServiceStatus(ctx context.Context, ios *IO, e *env, m *install.Manager, asJSON bool) error {
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
	ds, err := daemon.NewClient(e.paths.Socket(), 2*time.Second).Status(ctx)
	if err == nil {
		rep.Daemon = &ds
	}
	switch {
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
	case "not running":
		fmt.Fprintln(w, "daemon:  not running (start it with: ticket-master daemon start)")
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
	fmt.Fprintf(w, "log:     %s\n", rep.Log)
	for _, warn := range rep.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	return nil
}
