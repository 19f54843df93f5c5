package untested

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// BenchmarkDetect runs the detector over the last 300 commits of a real
// repository (TM_BENCH_REPO, else this one), files read up front.
func BenchmarkDetect(b *testing.B) {
	history := difftest.History(b, 300)
	b.ResetTimer()
	for b.Loop() {
		for _, r := range history {
			Detect(r.Commit, r.Diff, Options{})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(history)), "ns/commit")
}
