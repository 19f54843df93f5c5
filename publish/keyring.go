package publish

import (
	"errors"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// Keyring stores secrets by service and user name. SystemKeyring is the OS's;
// tests pass a fake.
type Keyring interface {
	// Get returns the secret, or an error matching ErrNoKeyringEntry.
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	// Delete removes the secret, or returns an error matching ErrNoKeyringEntry.
	Delete(service, user string) error
}

// DefaultKeyringTimeout bounds each OS keyring call. A prompt for an unlocked
// keyring takes far less; a locked keyring with nobody to answer takes forever.
const DefaultKeyringTimeout = 5 * time.Second

// keyringUser is the account name of our entry under KeyringService(host).
// There is one token per host, so the name is fixed; it shows in keyring
// managers (Seahorse, Keychain Access) as the entry's user.
const keyringUser = "github-token"

// KeyringService is the keyring service name ticket-master stores HOST's token
// under, e.g. "ticket-master:github.com". It is distinct from gh's own entry
// ("gh:github.com") so that logging out of one never removes the other.
func KeyringService(host string) string { return "ticket-master:" + normalizeHost(host) }

var (
	// ErrNoKeyringEntry: the keyring answered, and holds no such entry.
	ErrNoKeyringEntry = errors.New("no entry in the OS keyring")
	// ErrNoKeyring: there is no keyring service to ask.
	ErrNoKeyring = errors.New("no Secret Service found (install and unlock gnome-keyring or KeePassXC's Secret Service), or use GH_TOKEN")
	// ErrKeyringLocked: the keyring is locked and the unlock prompt was
	// dismissed or could not be shown (no display, no prompter).
	ErrKeyringLocked = errors.New("the OS keyring is locked: unlock it, or use GH_TOKEN")
	// ErrKeyringTimeout: the keyring did not answer in time (errors carry the
	// actual limit in their message).
	ErrKeyringTimeout = errors.New("the OS keyring did not answer in time: it may be locked; unlock it, or use GH_TOKEN")
)

// SystemKeyring is the OS keyring (Secret Service over D-Bus on Linux and the
// BSDs, Keychain on macOS, Credential Manager on Windows) through go-keyring.
// Every call returns within timeout (DefaultKeyringTimeout if timeout <= 0):
// a call that does not answer in time returns an error matching
// ErrKeyringTimeout and is left to finish, or not, in the background.
// Errors are mapped to ErrNoKeyringEntry, ErrNoKeyring and ErrKeyringLocked
// where they mean that.
func SystemKeyring(timeout time.Duration) Keyring {
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	return boundedKeyring{inner: goKeyring{}, timeout: timeout, precheck: sessionBusCheck}
}

// goKeyring calls go-keyring's package functions, so that its MockInit works
// in tests.
type goKeyring struct{}

func (goKeyring) Get(service, user string) (string, error) { return gokeyring.Get(service, user) }
func (goKeyring) Set(service, user, secret string) error {
	return gokeyring.Set(service, user, secret)
}
func (goKeyring) Delete(service, user string) error { return gokeyring.Delete(service, user) }
