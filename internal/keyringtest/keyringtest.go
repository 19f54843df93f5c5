// Package keyringtest waits for the real OS keyring in the tests that use
// it. CI starts gnome-keyring under a supervisor that starts it again if it
// ever exits; a test that finds it gone waits for it to come back rather
// than failing the whole run on the keyring daemon's hiccup.
package keyringtest

import (
	"fmt"
	"time"
)

// Store and Delete are the two calls a probe makes: a publish.Keyring's Set
// and Delete (this package does not import publish, whose own tests use it).
type (
	Store  func(service, user, secret string) error
	Delete func(service, user string) error
)

// Answers stores and deletes a probe entry, trying again every 500 ms until
// both succeed or within has passed; it returns the last error and how many
// tries failed before the first that worked. A caller that only wants to
// know whether a keyring is here passes a zero within: one try.
func Answers(set Store, del Delete, within time.Duration) (failed int, err error) {
	const service, user = "ticket-master-test-probe", "probe"
	deadline := time.Now().Add(within)
	for {
		err = set(service, user, "x")
		if err == nil {
			err = del(service, user)
		}
		if err == nil || !time.Now().Before(deadline) {
			if err != nil {
				err = fmt.Errorf("after %d tries in %s: %w", failed+1, within, err)
			}
			return failed, err
		}
		failed++
		time.Sleep(500 * time.Millisecond)
	}
}
