// Package bench measures the performance promises ticket-master makes,
// for real, with the built binary, real git repositories, real hooks and a
// real daemon. `make bench` runs it; `go test ./...` skips it, because its
// only entry points are benchmarks.
//
//   - Hook overhead (BenchmarkHookOverhead): the README promises that no
//     commit is slowed down. The figure is the median wall time of
//     `git commit` in an enrolled repository divided by the median in an
//     identical repository without hooks; the goal is at most 1.5.
//   - Analysis throughput (BenchmarkAnalysisThroughput): DESIGN.md asks that
//     backfill and `analyze --last N` stay near the limit git itself sets.
//     The figure is commits per second for `git log -p`, for
//     `enroll --backfill` (walk, diff stream, parser, detectors, bbolt,
//     drafts) and for `analyze --last` over the same commits, with CPU time
//     and peak RSS; the goals (issue 9) are a backfill within 2x of
//     `git log -p` and a peak RSS of at most 100 MiB. The commits are the
//     last 2,000 (TM_BENCH_COMMITS) of the repository TM_BENCH_REPO names,
//     real history being the measure, or 2,000 generated ones when unset.
//   - Peak memory (BenchmarkPeakMemory): the peak RSS of `analyze --last N`
//     for growing N, on TM_BENCH_REPO or on generated histories, one of
//     them of large files; the goal is at most 100 MiB whatever N and file
//     size. Peak RSS counts the git processes a command runs, as
//     /usr/bin/time does (spawn_test.go says how it is measured).
//
// Every git and ticket-master process runs in a sandbox: a temp HOME,
// GIT_CONFIG_NOSYSTEM=1, a temp global git config and a temp
// TICKET_MASTER_HOME, so nothing of the user's is read or written, and a
// daemon a benchmark starts is always stopped again.
//
// The figures are printed, not asserted: a FAIL says the goal is missed on
// this machine today, which is news for the report rather than a reason to
// stop the other measurements.
package bench
