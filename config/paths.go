// Package config resolves where ticket-master keeps its files and reads the
// user's configuration file.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// Paths are the folders ticket-master uses. One variable, TICKET_MASTER_HOME,
// puts all of them under one folder, which is how tests stay hermetic.
type Paths struct {
	ConfigDir  string // config.yaml
	StateDir   string // database, logs, notices
	RuntimeDir string // the daemon's socket
}

// Getenv looks up an environment variable; tests pass a map's lookup instead
// of os.Getenv so that resolution stays pure.
type Getenv func(string) string

// ResolvePaths works out the folders from the environment, following the XDG
// base directory rules.
func ResolvePaths(getenv Getenv) (Paths, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if home := getenv("TICKET_MASTER_HOME"); home != "" {
		abs, err := filepath.Abs(home)
		if err != nil {
			return Paths{}, fmt.Errorf("resolve TICKET_MASTER_HOME: %w", err)
		}
		return Paths{
			ConfigDir:  filepath.Join(abs, "config"),
			StateDir:   filepath.Join(abs, "state"),
			RuntimeDir: filepath.Join(abs, "run"),
		}, nil
	}
	userHome := getenv("HOME")
	if userHome == "" && runtime.GOOS == "windows" {
		userHome = getenv("USERPROFILE")
	}
	if userHome == "" {
		return Paths{}, errors.New("cannot find your home folder: set HOME or TICKET_MASTER_HOME")
	}
	p := Paths{
		ConfigDir: xdg(getenv, "XDG_CONFIG_HOME", filepath.Join(userHome, ".config")),
		StateDir:  xdg(getenv, "XDG_STATE_HOME", filepath.Join(userHome, ".local", "state")),
	}
	if runtime.GOOS == "windows" {
		if local := getenv("LOCALAPPDATA"); local != "" {
			p.ConfigDir = filepath.Join(local, "ticket-master", "config")
			p.StateDir = filepath.Join(local, "ticket-master", "state")
			p.RuntimeDir = filepath.Join(local, "ticket-master", "run")
			return p, nil
		}
	}
	p.ConfigDir = filepath.Join(p.ConfigDir, "ticket-master")
	p.StateDir = filepath.Join(p.StateDir, "ticket-master")
	if run := getenv("XDG_RUNTIME_DIR"); run != "" && filepath.IsAbs(run) {
		p.RuntimeDir = filepath.Join(run, "ticket-master")
	} else {
		p.RuntimeDir = filepath.Join(p.StateDir, "run")
	}
	return p, nil
}

func xdg(getenv Getenv, name, fallback string) string {
	// The spec says relative values are invalid and must be ignored.
	if v := getenv(name); v != "" && filepath.IsAbs(v) {
		return v
	}
	return fallback
}

// ConfigFile is the user's configuration file.
func (p Paths) ConfigFile() string { return filepath.Join(p.ConfigDir, "config.yaml") }

// Database is the bbolt file.
func (p Paths) Database() string { return filepath.Join(p.StateDir, "ticket-master.db") }

// DaemonLog is where a detached daemon writes its output.
func (p Paths) DaemonLog() string { return filepath.Join(p.StateDir, "daemon.log") }

// DaemonLock is the daemon's pid file; its lock makes the daemon a single
// instance.
func (p Paths) DaemonLock() string { return filepath.Join(p.StateDir, "daemon.pid") }

// NoticeDir holds one small file per repository that its hook prints.
func (p Paths) NoticeDir() string { return filepath.Join(p.StateDir, "notices") }

// EnsureState creates the state folder, private to the user.
func (p Paths) EnsureState() error {
	if err := os.MkdirAll(p.StateDir, 0o700); err != nil {
		return fmt.Errorf("create state folder: %w", err)
	}
	return nil
}

// EnsureRuntime creates the socket's folder with mode 0700, tightening it
// if it already exists, since the socket accepts commands.
func (p Paths) EnsureRuntime() error {
	if err := os.MkdirAll(p.RuntimeDir, 0o700); err != nil {
		return fmt.Errorf("create runtime folder: %w", err)
	}
	if err := os.Chmod(p.RuntimeDir, 0o700); err != nil {
		return fmt.Errorf("secure runtime folder: %w", err)
	}
	return p.ensureShortSocketDir() // see socket.go
}
