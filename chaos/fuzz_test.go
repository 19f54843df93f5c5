//go:build linux

package chaos

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fuzzTests runs scripts/fuzz.sh (make fuzz): every fuzz test of the
// module, with coverage guidance, each for -chaos.fuzztime. Only make chaos
// asks for it; make test already runs the seed corpora as ordinary tests.
// tried: fuzz tests. failed: those that found a failing input (saved under
// the package's testdata/fuzz/ by go test).
func fuzzTests(t *testing.T, c *chaos) {
	if *fuzzFlag <= 0 {
		t.Skip("-chaos.fuzztime not given (make chaos gives it)")
	}
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	// Generous: a first run also builds every fuzz target and its
	// dependencies with coverage instrumentation.
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "scripts", "fuzz.sh"))
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "FUZZTIME="+fuzzFlag.String(), "FUZZMINIMIZETIME=1s")
	log, err := cmd.CombinedOutput()
	ran := len(regexp.MustCompile(`(?m)^== Fuzz`).FindAll(log, -1))
	c.tried(ran)
	if err == nil {
		return
	}
	failed := 1
	if m := regexp.MustCompile(`(?m)^(\d+) of \d+ fuzz tests failed`).FindSubmatch(log); m != nil {
		failed, _ = strconv.Atoi(string(m[1]))
	}
	c.row.failed += failed - 1
	c.fail("scripts/fuzz.sh: %v\n%s", err, tail(string(log), 60))
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
