package publish

import (
	"fmt"
	"time"
)

// boundedKeyring runs each call of inner in its own goroutine and stops
// waiting after timeout. go-keyring has no context: on a headless Linux a
// locked collection makes gnome-keyring raise an unlock prompt that nobody can
// answer, and the D-Bus call then waits forever. The abandoned goroutine ends
// if the call ever returns (its result channel is buffered).
type boundedKeyring struct {
	inner   Keyring
	timeout time.Duration
	// precheck, when set, runs first and returns an error (ErrNoKeyring) when
	// there is plainly nothing to ask, without starting anything.
	precheck func() error
}

func (k boundedKeyring) Get(service, user string) (string, error) {
	var secret string
	err := k.do(func() (err error) {
		secret, err = k.inner.Get(service, user)
		return err
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

func (k boundedKeyring) Set(service, user, secret string) error {
	// The secret is scrubbed here because a keyring's error could echo it.
	return scrubSecret(k.do(func() error { return k.inner.Set(service, user, secret) }), secret)
}

func (k boundedKeyring) Delete(service, user string) error {
	return k.do(func() error { return k.inner.Delete(service, user) })
}

// do runs call with the timeout and maps its error. call may only write
// variables the caller reads after do returned without a timeout error: after
// a timeout, nothing reads them.
func (k boundedKeyring) do(call func() error) error {
	if k.precheck != nil {
		if err := k.precheck(); err != nil {
			return err
		}
	}
	done := make(chan error, 1)
	go func() { done <- call() }()
	timer := time.NewTimer(k.timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return mapKeyringError(err)
	case <-timer.C:
		return timeoutError{after: k.timeout}
	}
}

// timeoutError matches ErrKeyringTimeout and names the limit that was hit.
type timeoutError struct{ after time.Duration }

func (e timeoutError) Error() string {
	return fmt.Sprintf("the OS keyring did not answer within %s: it may be locked; unlock it, or use GH_TOKEN", e.after)
}

func (e timeoutError) Is(target error) bool { return target == ErrKeyringTimeout }
