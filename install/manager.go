package install

import (
	"fmt"
	"io"
	"os"
	"os/user"
	"runtime"
)

// Manager registers, drives and inspects the daemon's service on this
// machine. Build it with New.
type Manager struct {
	spec        Spec
	goos        string
	home        string
	homeSet     bool // home came from WithHome rather than $HOME
	uid         int
	user        string // login name, for loginctl and the Windows task
	runtimeRoot string // parent of the per-user runtime folders, /run/user
	getenv      func(string) string
	runner      Runner
	b           backend
}

// backend is one OS's way of running the daemon as a service. Manager
// checks availability before the actions that need the manager.
type backend interface {
	name() string
	available() (ok bool, reason string)
	installed() bool
	install() error
	uninstall() error
	start() error
	stop() error
	restart() error
	status(st *Status) error // fills all but Manager, Available and Reason
	logs(w io.Writer, lines int) error
}

// Option adjusts a Manager; tests use them to stay off the real service
// manager.
type Option func(*Manager)

// WithRunner runs the commands this package runs itself (availability
// checks, loginctl, journalctl, launchctl, schtasks) through r. kardianos's
// own systemctl calls always go through PATH, which is where tests put a
// fake systemctl.
func WithRunner(r Runner) Option { return func(m *Manager) { m.runner = r } }

// WithHome sets the home folder the unit or plist goes under. On Linux it
// must be $HOME, since kardianos/service writes the unit there.
func WithHome(dir string) Option { return func(m *Manager) { m.home, m.homeSet = dir, true } }

// WithPlatform picks the OS whose service manager is used ("linux",
// "darwin", "windows"), so that each is tested anywhere.
func WithPlatform(goos string) Option { return func(m *Manager) { m.goos = goos } }

// New returns a Manager for spec on this OS.
func New(spec Spec, opts ...Option) (*Manager, error) {
	m := &Manager{
		spec:        spec,
		goos:        runtime.GOOS,
		uid:         os.Getuid(),
		runtimeRoot: "/run/user",
		getenv:      os.Getenv,
		runner:      execRunner,
	}
	for _, opt := range opts {
		opt(m)
	}
	if err := spec.validate(m.goos); err != nil {
		return nil, err
	}
	if !m.homeSet {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, fmt.Errorf("find home folder: %w", err)
		}
		m.home = home
	}
	m.user = currentUser(m.getenv)
	b, err := m.newBackend()
	if err != nil {
		return nil, err
	}
	m.b = b
	return m, nil
}

func (m *Manager) newBackend() (backend, error) {
	switch m.goos {
	case "linux":
		return newSystemd(m)
	case "darwin":
		return &launchd{m: m}, nil
	case "windows":
		return &logonTask{m: m}, nil
	default:
		return none{m: m, reason: "no per-user service manager is supported on " + m.goos}, nil
	}
}

// currentUser is the login name; the environment is the fallback where the
// user database cannot be read.
func currentUser(getenv func(string) string) string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if name := getenv("USER"); name != "" {
		return name
	}
	return getenv("USERNAME")
}

// Install registers the service so that it starts at login, replacing a
// registration whose definition differs (a new binary path or environment);
// a service that was running is restarted with the new definition. It does
// not start a stopped service: call Start.
func (m *Manager) Install() error {
	if ok, reason := m.b.available(); !ok {
		return noManager(reason)
	}
	if err := m.b.install(); err != nil {
		return fmt.Errorf("install service: %w", err)
	}
	return nil
}

// Uninstall stops the service and removes its registration. Uninstalling
// what is not installed succeeds.
func (m *Manager) Uninstall() error {
	if !m.b.installed() {
		return nil
	}
	if ok, reason := m.b.available(); !ok {
		return noManager(reason)
	}
	if err := m.b.uninstall(); err != nil {
		return fmt.Errorf("uninstall service: %w", err)
	}
	return nil
}

// Start starts the installed service now.
func (m *Manager) Start() error {
	return m.control("start", m.b.start)
}

// Stop stops the service until the next Start or login.
func (m *Manager) Stop() error {
	return m.control("stop", m.b.stop)
}

// Restart stops and starts the service, or starts it if it was stopped.
func (m *Manager) Restart() error {
	return m.control("restart", m.b.restart)
}

func (m *Manager) control(verb string, action func() error) error {
	if ok, reason := m.b.available(); !ok {
		return noManager(reason)
	}
	if !m.b.installed() {
		return ErrNotInstalled
	}
	if err := action(); err != nil {
		return fmt.Errorf("%s service: %w", verb, err)
	}
	return nil
}

// Status says which manager is in use, whether the service is installed and
// running, and with which environment. Where no manager is available it
// still reports a unit or plist left on disk.
func (m *Manager) Status() (Status, error) {
	var st Status
	st.Available, st.Reason = m.b.available()
	if st.Available {
		st.Manager = m.b.name()
	}
	if err := m.b.status(&st); err != nil {
		return st, fmt.Errorf("service status: %w", err)
	}
	return st, nil
}

// Logs writes the last lines of the daemon's output to w: from the journal
// under systemd, else from daemon.log in the state folder, where launchd and
// a detached daemon write.
func (m *Manager) Logs(w io.Writer, lines int) error {
	if lines <= 0 {
		lines = 50
	}
	return m.b.logs(w, lines)
}
