package publish

import (
	"context"
	"crypto/rand"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/internal/keyringtest"
)

// TestRealKeyring stores, reads and deletes a token in the OS keyring itself
// (the Secret Service on Linux), under a host name no real token uses. Where
// no keyring answers it skips, unless TM_REQUIRE_KEYRING=1: CI sets that, so
// a CI run proves this path ran. CI gets a keyring from .ci/run, which starts
// gnome-keyring under dbus-run-session; to run it by hand on Linux:
//
//	dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
//	    TM_REQUIRE_KEYRING=1 go test ./publish/ -run RealKeyring -v'
func TestRealKeyring(t *testing.T) {
	required := os.Getenv("TM_REQUIRE_KEYRING") == "1"
	kr := SystemKeyring(10 * time.Second)
	host := "tm-test-" + rand.Text() + ".invalid"
	tokens := Tokens{
		Getenv:  func(string) string { return "" },
		Keyring: kr,
		GhToken: noGh,
	}
	value := "ghp_test_" + rand.Text()

	if required {
		// CI's keyring daemon runs under a supervisor that starts it again
		// if it exits: wait for it rather than fail on its hiccup.
		failed, err := keyringtest.Answers(kr.Set, kr.Delete, 30*time.Second)
		if err != nil {
			t.Fatalf("TM_REQUIRE_KEYRING=1 but the OS keyring is not usable: %v", err)
		}
		if failed > 0 {
			t.Logf("the OS keyring answered after %d failed tries", failed)
		}
	}
	err := tokens.Store(host, value)
	if errors.Is(err, ErrNoKeyring) || errors.Is(err, ErrKeyringLocked) || errors.Is(err, ErrKeyringTimeout) {
		if required {
			t.Fatalf("TM_REQUIRE_KEYRING=1 but the OS keyring is not usable: %v", err)
		}
		t.Skipf("no usable OS keyring here (%v); set TM_REQUIRE_KEYRING=1 to make this a failure", err)
	}
	if err != nil {
		t.Fatalf("Store: %v", err)
	}
	t.Cleanup(func() { _ = tokens.Delete(host) }) // in case a check below fails

	tok, err := tokens.Find(context.Background(), host)
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	if tok.Source != "keyring" || tok.Value != value {
		t.Fatalf("Find = %v, value ok: %t; want the stored token from the keyring", tok, tok.Value == value)
	}
	if got, err := kr.Get(KeyringService(host), keyringUser); err != nil || got != value {
		t.Fatalf("Get = value ok: %t, %v", got == value, err)
	}

	if err := tokens.Delete(host); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := kr.Get(KeyringService(host), keyringUser); !errors.Is(err, ErrNoKeyringEntry) {
		t.Fatalf("Get after Delete: %v, want ErrNoKeyringEntry", err)
	}
	if err := tokens.Delete(host); !errors.Is(err, ErrNoKeyringEntry) {
		t.Fatalf("second Delete: %v, want ErrNoKeyringEntry", err)
	}
	_, err = tokens.Find(context.Background(), host)
	if !errors.Is(err, ErrNoToken) {
		t.Fatalf("Find after Delete: %v, want ErrNoToken", err)
	}
	t.Logf("the OS keyring stored, returned and deleted %s", KeyringService(host))
}
