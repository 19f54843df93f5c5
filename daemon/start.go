package daemon

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/install"
)

// Starter is the one policy for making the daemon run: through the OS
// service manager where the service is installed (or, on first use, can
// be), detached where there is none. enroll, `daemon start`, `daemon
// restart`, `daemon install`, `daemon stop` and the hooks all go through it.
type Starter struct {
	Paths config.Paths
	// Exe is the binary the daemon runs.
	Exe string
	// Manager is the OS service manager; nil means detached only
	// (TICKET_MASTER_NO_SERVICE=1).
	Manager *install.Manager
	// NoInstall never installs a service, only starts an installed one:
	// the hooks restart a daemon, they do not set up services.
	NoInstall bool
	// Wait is how long to wait for a started daemon to answer; zero means
	// 10 s.
	Wait time.Duration
}

// NewStarter builds the Starter for this machine. getenv gives
// TICKET_MASTER_NO_SERVICE and the environment a service captures.
func NewStarter(paths config.Paths, exe string, getenv func(string) string) (*Starter, error) {
	s := &Starter{Paths: paths, Exe: exe}
	if getenv("TICKET_MASTER_NO_SERVICE") == "1" {
		return s, nil
	}
	m, err := install.New(install.Spec{Exe: exe, Env: install.CaptureEnv(getenv), Paths: paths})
	if err != nil {
		return nil, err
	}
	s.Manager = m
	return s, nil
}

func (s *Starter) wait() time.Duration {
	if s.Wait > 0 {
		return s.Wait
	}
	return 10 * time.Second
}

func (s *Starter) client() *Client { return NewClient(s.Paths.Socket(), 2*time.Second) }

// service returns the manager's status when a service manager is available.
func (s *Starter) service() (install.Status, bool) {
	if s.Manager == nil {
		return install.Status{}, false
	}
	st, err := s.Manager.Status()
	if err != nil || !st.Available {
		return st, false
	}
	return st, true
}

// Ensure makes sure a daemon runs and answers, and says what it did, for
// the user: through the service manager where there is one (installing the
// service on first use unless NoInstall), detached otherwise. Any start
// clears the notice a deliberate stop left for the hooks.
func (s *Starter) Ensure(ctx context.Context) (string, error) {
	if st, ok := s.service(); ok && (st.Installed || !s.NoInstall) {
		what := "running (" + st.Manager + ")"
		if !st.Installed {
			if err := s.Manager.Install(); err != nil {
				return "", fmt.Errorf("install the %s service: %w", st.Manager, err)
			}
			what = "installed as a " + st.Manager + " service (" + st.UnitPath + ") and started"
		}
		if !st.Running || !st.Installed {
			// A detached daemon from before would hold the lock.
			_, _ = stop(ctx, s.Paths)
			if err := s.Manager.Start(); err != nil {
				return "", fmt.Errorf("start the %s service: %w", st.Manager, err)
			}
			if st.Installed {
				what = "started (" + st.Manager + ")"
			}
		}
		if err := s.waitForDaemon(ctx); err != nil {
			return "", fmt.Errorf("the %s service started but the daemon does not answer: %w (see: ticket-master daemon logs)", st.Manager, err)
		}
		return what, nil
	}
	started, err := startDetached(ctx, s.Paths, s.Exe, s.wait())
	switch {
	case err != nil:
		return "", err
	case started:
		return "started detached (no service manager here; log: " + s.Paths.DaemonLog() + ")", nil
	}
	return "running", nil
}

// InstallService registers the daemon with the OS service manager and
// starts it there, stopping a detached daemon first (it would hold the
// lock).
func (s *Starter) InstallService(ctx context.Context) (install.Status, error) {
	if s.Manager == nil {
		return install.Status{}, errors.New("TICKET_MASTER_NO_SERVICE=1: not installing a service; use `ticket-master daemon start`")
	}
	if err := s.Manager.Install(); err != nil {
		if errors.Is(err, install.ErrNoServiceManager) {
			return install.Status{}, fmt.Errorf("%w (`ticket-master daemon start` runs it detached; `enroll` does that for you)", err)
		}
		return install.Status{}, err
	}
	_, _ = stop(ctx, s.Paths)
	if err := s.Manager.Start(); err != nil {
		return install.Status{}, err
	}
	clearStopped(s.Paths)
	st, _ := s.Manager.Status()
	return st, nil
}

// Restart restarts the daemon (after a config change): the service when it
// is installed, the detached daemon otherwise.
func (s *Starter) Restart(ctx context.Context) (string, error) {
	if st, ok := s.service(); ok && st.Installed {
		if err := s.Manager.Restart(); err != nil {
			return "", err
		}
		return "restarted (" + st.Manager + ")", s.waitForDaemon(ctx)
	}
	if _, err := stop(ctx, s.Paths); err != nil {
		return "", err
	}
	if _, err := startDetached(ctx, s.Paths, s.Exe, s.wait()); err != nil {
		return "", err
	}
	return "restarted (detached)", nil
}

// Stop stops the daemon on purpose: the service when it runs, the detached
// daemon otherwise. The hooks then print a line saying so instead of
// starting it again (see Revive), until the next start. stopped is false
// when no daemon ran.
func (s *Starter) Stop(ctx context.Context) (what string, stopped bool, err error) {
	if st, ok := s.service(); ok && st.Installed && st.Running {
		if err := s.Manager.Stop(); err != nil {
			return "", false, err
		}
		markStopped(s.Paths)
		return "stopped (" + st.Manager + ")", true, nil
	}
	stopped, err = stop(ctx, s.Paths)
	if err != nil {
		return "", stopped, err
	}
	markStopped(s.Paths)
	if !stopped {
		return "was not running", false, nil
	}
	return "stopped", true, nil
}

func (s *Starter) waitForDaemon(ctx context.Context) error {
	deadline := time.Now().Add(s.wait())
	var err error
	for time.Now().Before(deadline) {
		if _, err = s.client().Status(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return err
}
