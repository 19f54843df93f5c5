//go:build !((dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd)

package publish

// Keychain (macOS) and Credential Manager (Windows) are always there, so
// there is nothing to check before a call and no "missing service" error.

func sessionBusCheck() error { return nil }

func keyringServiceMissing(error) bool { return false }
