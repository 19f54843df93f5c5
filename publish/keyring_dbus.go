//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

// The build constraint is go-keyring's own for its Secret Service provider.

package publish

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/godbus/dbus/v5"
)

// sessionBusCheck returns ErrNoKeyring when there is no D-Bus session bus to
// find the Secret Service on: DBUS_SESSION_BUS_ADDRESS is unset and none of
// the per-user files godbus also looks for (systemd's /run/user/UID/bus)
// exists. godbus would then run dbus-launch, which on a headless machine
// either fails or leaves a stray bus daemon behind for every call; neither
// finds a keyring.
func sessionBusCheck() error {
	if addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); addr != "" && addr != "autolaunch:" {
		return nil
	}
	dir := "/run/user/" + strconv.Itoa(os.Getuid())
	for _, name := range []string{"bus", "dbus-session"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return nil
		}
	}
	return noKeyringError{why: "no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is unset"}
}

// noKeyringError matches ErrNoKeyring and says why there is none.
type noKeyringError struct{ why string }

func (e noKeyringError) Error() string        { return ErrNoKeyring.Error() + " (" + e.why + ")" }
func (e noKeyringError) Is(target error) bool { return target == ErrNoKeyring }

// keyringServiceMissing reports whether err says that nobody provides the
// Secret Service: the bus answers "The name org.freedesktop.secrets was not
// provided by any .service files" (ServiceUnknown) when no keyring daemon is
// installed, or the session bus itself cannot be reached.
func keyringServiceMissing(err error) bool {
	var v dbus.Error
	var p *dbus.Error
	switch {
	case errors.As(err, &v):
		return serviceUnknown(v)
	case errors.As(err, &p):
		return serviceUnknown(*p)
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial" || // a dead bus address
		errors.Is(err, exec.ErrNotFound) || // no dbus-launch to autolaunch with
		strings.Contains(err.Error(), "couldn't determine address of session bus")
}

func serviceUnknown(e dbus.Error) bool {
	return e.Name == "org.freedesktop.DBus.Error.ServiceUnknown" ||
		strings.Contains(e.Error(), "org.freedesktop.secrets was not provided")
}
