package ollamatest

import (
	"testing"
	"time"
)

// WaitTimeout bounds WaitRequests: far above what a request on loopback
// takes, far below the test binary's own timeout, so that a request that
// never comes fails the test that waits for it, with a message that says so.
const WaitTimeout = 10 * time.Second

// WaitRequests waits until the server has received n requests for path (for
// example "/api/chat"), for tests that must act while a request is being
// answered. It fails the test after WaitTimeout.
func (s *Server) WaitRequests(t testing.TB, path string, n int) {
	t.Helper()
	s.waitRequests(t, path, n, WaitTimeout)
}

func (s *Server) waitRequests(t testing.TB, path string, n int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		got := len(s.RequestsTo(path))
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("ollamatest: waited %s for %d requests to %s, got %d", within, n, path, got)
		}
		time.Sleep(time.Millisecond)
	}
}
