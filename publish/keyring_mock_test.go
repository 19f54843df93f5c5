package publish

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// mockChildEnv marks a test process started by inGoKeyringMockProcess.
const mockChildEnv = "TM_TEST_GO_KEYRING_MOCK"

// inGoKeyringMockProcess lets a test use go-keyring's mock. keyring.MockInit
// swaps go-keyring's package-level provider and go-keyring offers no way to
// put the real one back, so doing it in the main test process would turn
// TestRealKeyring (and anything after) into a mock test. Instead the test
// re-runs itself alone in a child test process and reports its result.
// It returns true in the child, where the caller goes on with the test (and
// may call MockInit freely), false in the parent, which returns.
func inGoKeyringMockProcess(t *testing.T) bool {
	t.Helper()
	if os.Getenv(mockChildEnv) == "1" {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+regexp.QuoteMeta(t.Name())+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), mockChildEnv+"=1",
		// SystemKeyring checks for a session bus before each call; the mock
		// needs none, but the check must pass for the call to reach it.
		"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/mock-bus")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("%s with go-keyring's mock, in a child process: %v\n%s", t.Name(), err, out)
	}
	return false
}

func TestSystemKeyringWithGoKeyringMock(t *testing.T) {
	if !inGoKeyringMockProcess(t) {
		return
	}
	k := SystemKeyring(time.Second)

	t.Run("round trip", func(t *testing.T) {
		gokeyring.MockInit()
		if err := k.Set("svc", "user", "s3cret"); err != nil {
			t.Fatal(err)
		}
		if got, err := k.Get("svc", "user"); err != nil || got != "s3cret" {
			t.Fatalf("Get = %q, %v", got, err)
		}
		if err := k.Delete("svc", "user"); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("not found is ErrNoKeyringEntry", func(t *testing.T) {
		gokeyring.MockInit()
		if _, err := k.Get("svc", "nobody"); !errors.Is(err, ErrNoKeyringEntry) {
			t.Fatalf("Get: %v, want ErrNoKeyringEntry", err)
		}
		if err := k.Delete("svc", "nobody"); !errors.Is(err, ErrNoKeyringEntry) {
			t.Fatalf("Delete: %v, want ErrNoKeyringEntry", err)
		}
	})

	t.Run("other errors are wrapped", func(t *testing.T) {
		boom := errors.New("collection is read-only")
		gokeyring.MockInitWithError(boom)
		_, err := k.Get("svc", "user")
		if !errors.Is(err, boom) || errors.Is(err, ErrNoKeyring) || errors.Is(err, ErrNoKeyringEntry) {
			t.Fatalf("Get: %v, want it to wrap %v only", err, boom)
		}
	})

	t.Run("a collection that stays locked is ErrKeyringLocked", func(t *testing.T) {
		// What go-keyring returns when the unlock prompt is dismissed or
		// cannot be shown (gnome-keyring with no display and no login keyring).
		gokeyring.MockInitWithError(errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"))
		err := k.Set("svc", "user", "s3cret")
		if !errors.Is(err, ErrKeyringLocked) || !strings.Contains(err.Error(), "unlock it, or use GH_TOKEN") {
			t.Fatalf("Set: %v, want ErrKeyringLocked", err)
		}
	})

	t.Run("Tokens store, find and delete", func(t *testing.T) {
		gokeyring.MockInit()
		tokens := Tokens{Getenv: func(string) string { return "" }, Keyring: k, GhToken: noGh}
		if err := tokens.Store("github.com", "gho_fromkeyring"); err != nil {
			t.Fatal(err)
		}
		// The entry is where KeyringService and keyringUser say.
		if v, err := gokeyring.Get("ticket-master:github.com", "github-token"); err != nil || v != "gho_fromkeyring" {
			t.Fatalf("entry = %q, %v", v, err)
		}
		tok, err := tokens.Find(context.Background(), "github.com")
		if err != nil || tok.Value != "gho_fromkeyring" || tok.Source != "keyring" {
			t.Fatalf("Find = %#v (%s), %v", tok, tok.Value, err)
		}
		if err := tokens.Delete("github.com"); err != nil {
			t.Fatal(err)
		}
		if err := tokens.Delete("github.com"); !errors.Is(err, ErrNoKeyringEntry) {
			t.Fatalf("second Delete: %v, want ErrNoKeyringEntry", err)
		}
	})
}
