package publish

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestKeyringService(t *testing.T) {
	for host, want := range map[string]string{
		"github.com":       "ticket-master:github.com",
		"GitHub.com":       "ticket-master:github.com",
		"api.github.com":   "ticket-master:github.com",
		"ghe.example.com":  "ticket-master:ghe.example.com",
		"":                 "ticket-master:github.com",
		"acme.ghe.com":     "ticket-master:acme.ghe.com",
		"GHE.Example.COM ": "ticket-master:ghe.example.com",
	} {
		if got := KeyringService(host); got != want {
			t.Errorf("KeyringService(%q) = %q, want %q", host, got, want)
		}
	}
}

func TestBoundedKeyringTimesOut(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // lets the abandoned calls end
	const timeout = 50 * time.Millisecond
	k := boundedKeyring{inner: hangingKeyring{release}, timeout: timeout}

	calls := map[string]func() error{
		"Get":    func() error { _, err := k.Get("s", "u"); return err },
		"Set":    func() error { return k.Set("s", "u", "secret") },
		"Delete": func() error { return k.Delete("s", "u") },
	}
	for name, call := range calls {
		start := time.Now()
		err := call()
		elapsed := time.Since(start)
		if !errors.Is(err, ErrKeyringTimeout) {
			t.Fatalf("%s: err = %v, want ErrKeyringTimeout", name, err)
		}
		// Generous upper bound: a loaded CI machine schedules late, but a
		// hang would never return at all.
		if elapsed < timeout || elapsed > timeout+2*time.Second {
			t.Errorf("%s returned after %v, want about %v", name, elapsed, timeout)
		}
		for _, want := range []string{"did not answer within 50ms", "unlock it, or use GH_TOKEN"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %q does not say %q", name, err, want)
			}
		}
	}
}

func TestBoundedKeyringPassesAnswersThrough(t *testing.T) {
	mem := newMemKeyring()
	k := boundedKeyring{inner: mem, timeout: time.Minute}
	if err := k.Set("s", "u", "v"); err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get("s", "u"); err != nil || got != "v" {
		t.Fatalf("Get = %q, %v; want v", got, err)
	}
	if err := k.Delete("s", "u"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get("s", "u"); !errors.Is(err, ErrNoKeyringEntry) {
		t.Fatalf("Get after Delete: %v, want ErrNoKeyringEntry", err)
	}
}

func TestBoundedKeyringPrecheck(t *testing.T) {
	mem := newMemKeyring()
	k := boundedKeyring{inner: mem, timeout: time.Minute, precheck: func() error { return ErrNoKeyring }}
	if err := k.Set("s", "u", "v"); !errors.Is(err, ErrNoKeyring) {
		t.Fatalf("Set: %v, want ErrNoKeyring", err)
	}
	if len(mem.entries) != 0 {
		t.Fatal("the keyring was called although the precheck failed")
	}
}

func TestBoundedKeyringScrubsSetErrors(t *testing.T) {
	mem := newMemKeyring()
	mem.err = errors.New("cannot store ghp_SECRET123 in collection")
	k := boundedKeyring{inner: mem, timeout: time.Minute}
	err := k.Set("s", "u", "ghp_SECRET123")
	if err == nil || strings.Contains(err.Error(), "ghp_SECRET123") {
		t.Fatalf("Set error = %v, want an error without the secret", err)
	}
}
