package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"
)

// Analysis throughput: DESIGN.md measured `git log -p` as the practical
// limit for reading history diffs and asks backfill and `analyze --last N`
// to stay near it by streaming diffs from the git CLI. The goal is a full
// backfill within 3x of `git log -p` over the same commits.
const (
	tpCommits = 2000
	tpRuns    = 5 // timed runs of each command; the median is reported
	tpGoal    = 3.0
)

func BenchmarkAnalysisThroughput(b *testing.B) {
	s := newSandbox(b)
	repo := s.path("big")
	genStart := time.Now()
	s.bigRepo(repo, tpCommits)
	genTime := time.Since(genStart)
	if got := s.git(repo, "rev-list", "--count", "HEAD"); got != fmt.Sprintf("%d\n", tpCommits) {
		b.Fatalf("generated %q commits, want %d", got, tpCommits)
	}

	// (a) git reading and diffing the same commits, output to /dev/null.
	gitLog := func() time.Duration {
		return s.timed(s.command(repo, "git", "log", "-p", "--reverse", "--topo-order"))
	}
	// (b) the whole backfill path: walk, `git diff-tree --stdin` stream,
	// diff parser, detectors, bbolt batches, template drafts. Each run gets
	// a fresh TICKET_MASTER_HOME (an empty database), else the second run
	// would find every commit analysed already; unenroll puts the hooks
	// back, untimed.
	runNo := 0
	backfill := func(check bool) time.Duration {
		runNo++
		h := s.withHome(fmt.Sprintf("b%d", runNo))
		args := []string{"enroll", "--backfill", fmt.Sprint(tpCommits), "--no-daemon"}
		var d time.Duration
		if check {
			var res struct {
				Backfill *struct {
					Commits   int `json:"commits"`
					Findings  int `json:"findings"`
					NewDrafts int `json:"new_drafts"`
				} `json:"backfill"`
			}
			out := h.tm(repo, append(args, "--json")...)
			if err := json.Unmarshal([]byte(out), &res); err != nil || res.Backfill == nil {
				b.Fatalf("enroll --json: %v\n%s", err, out)
			}
			if res.Backfill.Commits != tpCommits || res.Backfill.Findings == 0 {
				b.Fatalf("backfill analysed %d commits with %d findings, want %d commits and some findings",
					res.Backfill.Commits, res.Backfill.Findings, tpCommits)
			}
			b.Logf("backfill check: %d commits, %d findings, %d drafts", res.Backfill.Commits, res.Backfill.Findings, res.Backfill.NewDrafts)
		} else {
			d = h.timed(h.command(repo, h.bin, args...))
		}
		h.tm(repo, "unenroll", "--purge", repo)
		if err := os.RemoveAll(h.tmHome); err != nil {
			b.Fatal(err)
		}
		return d
	}
	// (c) the one-shot analysis, which stores nothing.
	analyze := func(check bool) time.Duration {
		args := []string{"analyze", "--last", fmt.Sprint(tpCommits), "--json"}
		if !check {
			return s.timed(s.command(repo, s.bin, args...))
		}
		var p struct {
			Commits  int               `json:"commits"`
			Findings []json.RawMessage `json:"findings"`
		}
		out := s.tm(repo, args...)
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			b.Fatalf("analyze --json: %v", err)
		}
		if p.Commits != tpCommits || len(p.Findings) == 0 {
			b.Fatalf("analyze saw %d commits and %d open findings, want %d commits and some findings", p.Commits, len(p.Findings), tpCommits)
		}
		return 0
	}

	// One untimed round warms the page cache and checks that each command
	// really covers all the commits; then the timed rounds, interleaved so
	// that machine noise hits all three alike.
	gitLog()
	backfill(true)
	analyze(true)
	var tLog, tBackfill, tAnalyze []time.Duration
	for range tpRuns {
		tLog = append(tLog, gitLog())
		tBackfill = append(tBackfill, backfill(false))
		tAnalyze = append(tAnalyze, analyze(false))
	}

	mLog, mBackfill, mAnalyze := median(tLog), median(tBackfill), median(tAnalyze)
	rate := func(d time.Duration) float64 { return tpCommits / d.Seconds() }
	ratioB := float64(mBackfill) / float64(mLog)
	ratioA := float64(mAnalyze) / float64(mLog)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(rate(mLog), "gitlog-commits/s")
	b.ReportMetric(rate(mBackfill), "backfill-commits/s")
	b.ReportMetric(rate(mAnalyze), "analyze-commits/s")
	b.ReportMetric(ratioB, "backfill/gitlog")
	b.ReportMetric(ratioA, "analyze/gitlog")
	b.Logf("analysis throughput, %d commits (generated in %v), median of %d runs:", tpCommits, genTime.Round(time.Millisecond), tpRuns)
	b.Logf("  git log -p:                 %7.0f ms  %6.0f commits/s", ms(mLog), rate(mLog))
	b.Logf("  enroll --backfill (store):  %7.0f ms  %6.0f commits/s  %.2fx git log -p, goal <= %.0fx: %s",
		ms(mBackfill), rate(mBackfill), ratioB, tpGoal, passFail(ratioB <= tpGoal))
	b.Logf("  analyze --last (no store):  %7.0f ms  %6.0f commits/s  %.2fx git log -p", ms(mAnalyze), rate(mAnalyze), ratioA)
}

// bigRepo makes a repository of n generated commits with a GitHub origin
// (so drafts carry permalinks, as for a real user) and its files checked out.
func (s *sandbox) bigRepo(dir string, n int) {
	s.git("", "init", "-q", dir)
	s.git(dir, "remote", "add", "origin", "https://github.com/acme/gadgets.git")
	cmd := s.command(dir, "git", "fast-import", "--quiet", "--done")
	in, err := cmd.StdinPipe()
	if err != nil {
		s.tb.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() {
		err := writeFastImport(in, n, 42)
		in.Close()
		errc <- err
	}()
	s.run(cmd)
	if err := <-errc; err != nil {
		s.tb.Fatalf("write fast-import stream: %v", err)
	}
	s.git(dir, "reset", "-q", "--hard")
}
