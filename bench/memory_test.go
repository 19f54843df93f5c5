package bench

import (
	"fmt"
	"time"

	"testing"
)

// Peak memory: issue 9 asks that `analyze --last N` and a backfill peak at
// no more than 100 MiB of resident memory whatever N and however large the
// files, where they used to grow with both (138 MB for 500 commits of a
// C++ project with large files, 283 MB for 8,000). The figure is the peak
// RSS of the process and the git processes it runs (the largest of them:
// rusage, as /usr/bin/time reports it), for growing N on one history.
//
// Without TM_BENCH_REPO it is measured on two generated histories: the
// throughput benchmark's (N = 500 and 2,000), and one of large files (a
// 1 MB source file every commit changes, a 16 MiB table changed every tenth
// commit).
func BenchmarkPeakMemory(b *testing.B) {
	s := newSandbox(b)
	type step struct {
		repo benchRepo
		n    int
	}
	var steps []step
	if repo, ok := s.realRepo(b, 8000); ok {
		for _, n := range []int{500, 2000, 8000} {
			if n < repo.commits {
				steps = append(steps, step{repo, n})
			}
		}
		steps = append(steps, step{repo, repo.commits})
	} else {
		start := time.Now()
		gen := benchRepo{dir: s.path("gen"), name: fmt.Sprintf("%d generated commits", tpCommits)}
		s.bigRepo(gen.dir, tpCommits)
		const bigCommits = 60
		big := benchRepo{dir: s.path("bigfiles"), name: fmt.Sprintf("%d generated commits of a 1 MB source file and a 16 MiB table", bigCommits)}
		s.bigFileRepo(big.dir, bigCommits)
		b.Logf("histories generated in %v; %s names a real repository", time.Since(start).Round(time.Millisecond), envBenchRepo)
		steps = []step{{gen, 500}, {gen, tpCommits}, {big, bigCommits}}
	}
	var worst int64
	b.Logf("peak RSS of analyze --last N (with the git processes it runs), goal <= %d MiB whatever N and file size:", rssGoalMiB)
	for _, st := range steps {
		s.measure(s.command(st.repo.dir, s.bin, "analyze", "--last", fmt.Sprint(st.n), "--json")) // warm the page cache
		m := s.measure(s.command(st.repo.dir, s.bin, "analyze", "--last", fmt.Sprint(st.n), "--json"))
		worst = max(worst, m.peakRSS)
		b.Logf("  %-70s N=%-6d %7.0f ms  peak RSS %6.1f MiB: %s", st.repo.name, st.n, ms(m.wall), mib(m.peakRSS),
			passFail(mib(m.peakRSS) <= rssGoalMiB))
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(mib(worst), "worst-peak-MiB")
}
