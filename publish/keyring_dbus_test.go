//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package publish

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	gokeyring "github.com/zalando/go-keyring"
)

// secretsNotProvided is what the session bus answers, as godbus returns it,
// when no installed program provides the Secret Service.
var secretsNotProvided = dbus.Error{
	Name: "org.freedesktop.DBus.Error.ServiceUnknown",
	Body: []any{"The name org.freedesktop.secrets was not provided by any .service files"},
}

func TestMapKeyringErrorMissingSecretService(t *testing.T) {
	for _, err := range []error{
		secretsNotProvided,
		&secretsNotProvided,
		fmt.Errorf("open session: %w", secretsNotProvided),
		&net.OpError{Op: "dial", Net: "unix", Err: os.ErrNotExist},    // a dead bus address
		errors.New("dbus: couldn't determine address of session bus"), // nothing to autolaunch
	} {
		got := mapKeyringError(err)
		if !errors.Is(got, ErrNoKeyring) {
			t.Errorf("mapKeyringError(%v) = %v, want ErrNoKeyring", err, got)
			continue
		}
		for _, want := range []string{"no Secret Service found", "gnome-keyring", "KeePassXC", "GH_TOKEN"} {
			if !strings.Contains(got.Error(), want) {
				t.Errorf("%q does not say %q", got, want)
			}
		}
	}
	other := dbus.Error{Name: "org.freedesktop.Secret.Error.IsLocked", Body: []any{"locked"}}
	if got := mapKeyringError(other); errors.Is(got, ErrNoKeyring) {
		t.Errorf("mapKeyringError(%v) = ErrNoKeyring, want another error", other)
	}
}

func TestSystemKeyringMissingSecretService(t *testing.T) {
	if !inGoKeyringMockProcess(t) {
		return
	}
	gokeyring.MockInitWithError(secretsNotProvided)
	_, err := SystemKeyring(time.Second).Get("svc", "user")
	if !errors.Is(err, ErrNoKeyring) || !strings.Contains(err.Error(), "org.freedesktop.secrets") {
		t.Fatalf("Get: %v, want ErrNoKeyring naming org.freedesktop.secrets", err)
	}
}

func TestSessionBusCheck(t *testing.T) {
	dir := filepath.Join("/run/user", strconv.Itoa(os.Getuid()))
	for _, name := range []string{"bus", "dbus-session"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Skipf("this machine has %s, so a session bus is always found", filepath.Join(dir, name))
		}
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	if err := sessionBusCheck(); !errors.Is(err, ErrNoKeyring) || !strings.Contains(err.Error(), "DBUS_SESSION_BUS_ADDRESS") {
		t.Fatalf("no bus: %v, want ErrNoKeyring naming DBUS_SESSION_BUS_ADDRESS", err)
	}
	// The call itself is not made: no dbus-launch, no waiting.
	if _, err := SystemKeyring(time.Second).Get("svc", "user"); !errors.Is(err, ErrNoKeyring) {
		t.Fatalf("SystemKeyring.Get with no bus: %v, want ErrNoKeyring", err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/tmp/some-bus")
	if err := sessionBusCheck(); err != nil {
		t.Fatalf("with DBUS_SESSION_BUS_ADDRESS: %v", err)
	}
}
