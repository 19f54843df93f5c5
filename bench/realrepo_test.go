package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Real history is the measure (DESIGN.md): generated diffs hide what real
// code costs the detectors. TM_BENCH_REPO names a git repository (a clone
// of a real project, by an absolute path or one relative to the project's
// root; the benchmarks work on a clone of it in the sandbox,
// so it is never enrolled or changed) and TM_BENCH_COMMITS how many of its
// latest commits to analyse (default 2,000). Unset, the benchmarks
// generate their history, as CI needs.
const (
	envBenchRepo    = "TM_BENCH_REPO"
	envBenchCommits = "TM_BENCH_COMMITS"
)

// benchRepo is the history a benchmark analyses.
type benchRepo struct {
	dir     string // the sandbox's clone
	name    string // for the report: "go-git (TM_BENCH_REPO=..., HEAD 374c354)"
	commits int    // how many to analyse
	real    bool
}

// realRepo clones TM_BENCH_REPO into the sandbox, or returns false when it
// is unset. The clone's origin is a GitHub URL (the source's when it has
// one), so that drafts carry permalinks as they would for a user.
func (s *sandbox) realRepo(tb testing.TB, want int) (benchRepo, bool) {
	tb.Helper()
	src := os.Getenv(envBenchRepo)
	if src == "" {
		return benchRepo{}, false
	}
	if v := os.Getenv(envBenchCommits); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			tb.Fatalf("%s=%q: want a positive number of commits", envBenchCommits, v)
		}
		want = n
	}
	if !filepath.IsAbs(src) {
		// go test runs in bench/; `make bench` where the user typed it,
		// at the project's root.
		src = filepath.Join("..", src)
	}
	src, err := filepath.Abs(src)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(src); err != nil {
		tb.Fatalf("%s: %v (an absolute path, or one relative to the project's root)", envBenchRepo, err)
	}
	dir := s.path("real")
	start := time.Now()
	s.git("", "clone", "-q", src, dir)
	origin := "https://github.com/bench/" + filepath.Base(src) + ".git"
	if out, err := s.command(src, "git", "remote", "get-url", "origin").Output(); err == nil && strings.Contains(string(out), "github.com") {
		origin = strings.TrimSpace(string(out))
	}
	s.git(dir, "remote", "set-url", "origin", origin)
	total, err := strconv.Atoi(strings.TrimSpace(s.git(dir, "rev-list", "--count", "HEAD")))
	if err != nil {
		tb.Fatal(err)
	}
	head := strings.TrimSpace(s.git(dir, "rev-parse", "--short", "HEAD"))
	tb.Logf("%s=%s: cloned in %v, %d commits on HEAD (%s)", envBenchRepo, src, time.Since(start).Round(time.Millisecond), total, head)
	return benchRepo{
		dir:     dir,
		name:    fmt.Sprintf("%s at %s", filepath.Base(src), head),
		commits: min(want, total),
		real:    true,
	}, true
}

// mib is bytes in MiB, for reports.
func mib(b int64) float64 { return float64(b) / (1 << 20) }
