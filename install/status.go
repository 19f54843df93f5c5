package install

import (
	"errors"
	"fmt"
)

// Manager names as Status reports them.
const (
	ManagerSystemd = "systemd-user"
	ManagerLaunchd = "launchd"
	ManagerWindows = "windows-logon-task"
)

// ErrNoServiceManager is returned by Install, Start, Stop and Restart where
// no service manager can run the daemon; the caller falls back to running it
// detached.
var ErrNoServiceManager = errors.New("no service manager is available here; the daemon will be started detached instead (`ticket-master daemon start`)")

// ErrNotInstalled is returned by Start, Stop and Restart before Install.
var ErrNotInstalled = errors.New("the service is not installed (run: ticket-master daemon install)")

// Status is what the OS service manager knows about the daemon's service.
type Status struct {
	Manager   string // ManagerSystemd, ManagerLaunchd, ManagerWindows, or "" when none is available
	Available bool
	Reason    string // why not available, e.g. "no systemd user manager (a container or CI)"
	Installed bool
	Running   bool
	Detail    string            // the manager's own word when it says more than running or not, e.g. "failed"
	UnitPath  string            // the unit file, plist, or task name
	Env       map[string]string // as recorded in the installed unit or plist
	Lingering *bool             // Linux: nil when unknown
}

// Warnings are what a user should be told about an otherwise working
// service: today, that a systemd user service stops at logout unless
// lingering is on.
func (s Status) Warnings() []string {
	var w []string
	if s.Installed && s.Lingering != nil && !*s.Lingering {
		w = append(w, "the service stops at logout; `loginctl enable-linger $USER` keeps it running")
	}
	return w
}

// noManager is the error for a manager that is not available, naming why.
func noManager(reason string) error {
	return fmt.Errorf("%s: %w", reason, ErrNoServiceManager)
}
