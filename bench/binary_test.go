package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
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
		if builtDir, binErr = os.MkdirTemp("", "tmb-bin"); binErr != nil {
			return
		}
		p = filepath.Join(builtDir, "ticket-master")
		out, err := exec.Command("go", "build", "-o", p, "github.com/ticket-master/ticket-master/cmd/ticket-master").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("build ticket-master: %v\n%s", err, out)
			return
		}
		binPath = p
	})
	if binErr != nil {
		tb.Fatal(binErr)
	}
	return binPath
}

// TestMain only removes a binary built for the benchmarks; it costs
// nothing when `go test ./...` runs no benchmark.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}
