//go:build !unix

package e2e

// resume does nothing where processes are not suspended by signal.
func resume(int) {}
