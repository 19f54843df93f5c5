package difftest

import (
	"context"
	"os"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// Recorded is one real commit: its metadata and its diff, whose Source
// serves the files the commit changed from memory, read once.
type Recorded struct {
	Commit analyze.Commit
	Diff   *analyze.CommitDiff
}

// History reads the last n commits of a real repository, for benchmarks
// and for checks against real history: the one TM_BENCH_REPO names, else
// the one the tests run in (as many commits as it has, if fewer). It reads
// each commit's changed files at both sides up front, so that a benchmark
// over the result measures the detectors, not git. It skips when there is
// no such history (a shallow CI clone).
func History(b testing.TB, n int) []Recorded {
	b.Helper()
	dir := os.Getenv("TM_BENCH_REPO")
	if dir == "" {
		dir = "."
	}
	ctx := context.Background()
	repo, err := analyze.Open(ctx, dir)
	if err != nil {
		b.Skipf("no repository to read history from (%v): set TM_BENCH_REPO", err)
	}
	head, err := repo.ResolveRevision(ctx, "HEAD")
	if err != nil {
		b.Skipf("no HEAD in %s: %v", dir, err)
	}
	commits, err := repo.RecentCommits(ctx, []string{head}, n)
	if err != nil || len(commits) < min(n, 20) {
		b.Skipf("%s has %d commits to read, want %d or more (a shallow clone?): %v", dir, len(commits), min(n, 20), err)
	}
	var out []Recorded
	err = repo.Analyze(ctx, commits, analyze.DiffLimits{}, func(c analyze.Commit, cd *analyze.CommitDiff) analyze.Result {
		files := map[analyze.LineKind]map[string][]byte{analyze.Added: {}, analyze.Removed: {}}
		for _, f := range cd.Files {
			if analyze.SourceLanguage(f.Path()) == "" {
				continue
			}
			for side, p := range map[analyze.LineKind]string{analyze.Added: f.NewPath, analyze.Removed: f.OldPath} {
				if src, ok := cd.ReadSource(p, side); ok {
					files[side][p] = src
				}
			}
		}
		cd.Source = func(p string, side analyze.LineKind) ([]byte, bool) {
			src, ok := files[side][p]
			return src, ok
		}
		out = append(out, Recorded{Commit: c, Diff: cd})
		return analyze.Result{Commit: c}
	}, func(analyze.Result) error { return nil })
	if err != nil {
		b.Skipf("read the history of %s: %v", dir, err)
	}
	return out
}
