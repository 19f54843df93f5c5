package bench

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ticket-master/ticket-master/internal/testbin"
)

// The binary under test is the one `make build` leaves in bin/, because
// hooks and the detached daemon call a real executable by its path. When
// it is missing (`go test -bench . ./bench/` on a fresh clone) it is built
// once into a temp folder, removed again by TestMain.
var (
	binOnce  sync.Once
	binPath  string
	binErr   error
	builtDir string
)

func tmBinary(tb testing.TB) string {
	tb.Helper()
	binOnce.Do(func() {
		p, err := filepath.Abs(filepath.Join("..", "bin", "ticket-master"))
		if err != nil {
			binErr = err
			return
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			binPath = p
			return
		}
		if builtDir, binErr = testbin.Build("tmb-bin"); binErr != nil {
			return
		}
		binPath = filepath.Join(builtDir, "ticket-master")
	})
	if binErr != nil {
		tb.Fatal(binErr)
	}
	return binPath
}

// TestMain removes a binary built for the benchmarks; it costs nothing
// when `go test ./...` runs no benchmark.
// Run with TM_BENCH_LAUNCH set, the binary is the launcher that measures
// one command (spawn_test.go).
func TestMain(m *testing.M) {
	if os.Getenv(envLaunch) != "" {
		os.Exit(launchMain())
	}
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}
