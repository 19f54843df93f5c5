package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// Analysis throughput: DESIGN.md measured `git log -p` as the practical
// limit for reading history diffs and asks backfill and `analyze --last N`
// to stay near it by streaming diffs from the git CLI. Issue 9's goals: a
// backfill within 2x of `git log -p` over the same commits of a real
// history, and a peak RSS of at most 100 MiB whatever the number of
// commits and the size of the files.
const (
	tpCommits  = 2000
	tpRuns     = 5 // timed runs of each command; the median is reported
	tpGoal     = 2.0
	rssGoalMiB = 100
)

func BenchmarkAnalysisThroughput(b *testing.B) {
	s := newSandbox(b)
	repo, ok := s.realRepo(b, tpCommits)
	if !ok {
		repo = benchRepo{dir: s.path("big"), commits: tpCommits}
		genStart := time.Now()
		s.bigRepo(repo.dir, tpCommits)
		repo.name = fmt.Sprintf("%d generated commits (made in %v; %s names a real repository)",
			tpCommits, time.Since(genStart).Round(time.Millisecond), envBenchRepo)
		if got := s.git(repo.dir, "rev-list", "--count", "HEAD"); got != fmt.Sprintf("%d\n", tpCommits) {
			b.Fatalf("generated %q commits, want %d", got, tpCommits)
		}
	}
	n := repo.commits

	// (a) git reading and diffing the same commits, output to /dev/null,
	// in the backfill's order: the goal's yardstick. (a') the same commits
	// newest first, as a user types it, printed beside it: the same work,
	// but glibc trims git's heap after each object and faults it in again
	// (55,000 page faults on go-git's 2,000 commits against 19,000), which
	// made it 1.5 to 2 times slower here.
	gitLog := func() measurement {
		return s.measure(s.command(repo.dir, "git", "log", "-p", "--reverse", "--topo-order", fmt.Sprintf("-n%d", n)))
	}
	gitLogPlain := func() measurement {
		return s.measure(s.command(repo.dir, "git", "log", "-p", fmt.Sprintf("-n%d", n)))
	}
	// (b) the whole backfill path: walk, `git diff-tree --stdin` stream,
	// diff parser, detectors, bbolt batches, template drafts. Each run gets
	// a fresh TICKET_MASTER_HOME (an empty database), else the second run
	// would find every commit analysed already; unenroll puts the hooks
	// back, untimed.
	runNo := 0
	backfill := func(check bool) measurement {
		runNo++
		h := s.withHome(fmt.Sprintf("b%d", runNo))
		args := []string{"enroll", "--backfill", fmt.Sprint(n), "--no-daemon"}
		var m measurement
		if check {
			var res struct {
				Backfill *struct {
					Commits   int `json:"commits"`
					Findings  int `json:"findings"`
					NewDrafts int `json:"new_drafts"`
				} `json:"backfill"`
			}
			out := h.tm(repo.dir, append(args, "--json")...)
			if err := json.Unmarshal([]byte(out), &res); err != nil || res.Backfill == nil {
				b.Fatalf("enroll --json: %v\n%s", err, out)
			}
			// A real history has merges, which the walk may count apart.
			if res.Backfill.Commits == 0 || res.Backfill.Commits > n || !repo.real && res.Backfill.Commits != n || res.Backfill.Findings == 0 {
				b.Fatalf("backfill analysed %d commits with %d findings, want %d commits and some findings",
					res.Backfill.Commits, res.Backfill.Findings, n)
			}
			b.Logf("backfill check: %d commits, %d findings, %d drafts", res.Backfill.Commits, res.Backfill.Findings, res.Backfill.NewDrafts)
		} else {
			m = h.measure(h.command(repo.dir, h.bin, args...))
		}
		h.tm(repo.dir, "unenroll", "--purge", repo.dir)
		if err := os.RemoveAll(h.tmHome); err != nil {
			b.Fatal(err)
		}
		return m
	}
	// (c) the one-shot analysis, which stores nothing.
	analyze := func(check bool) measurement {
		args := []string{"analyze", "--last", fmt.Sprint(n), "--json"}
		if !check {
			return s.measure(s.command(repo.dir, s.bin, args...))
		}
		var p struct {
			Commits  int               `json:"commits"`
			Findings []json.RawMessage `json:"findings"`
		}
		out := s.tm(repo.dir, args...)
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			b.Fatalf("analyze --json: %v", err)
		}
		if p.Commits == 0 || p.Commits > n || !repo.real && p.Commits != n || len(p.Findings) == 0 {
			b.Fatalf("analyze saw %d commits and %d open findings, want %d commits and some findings", p.Commits, len(p.Findings), n)
		}
		return measurement{}
	}

	// One untimed round warms the page cache and checks that each command
	// really covers the commits; then the timed rounds, interleaved so
	// that machine noise hits all three alike.
	gitLog()
	backfill(true)
	analyze(true)
	coresBefore := secondCore()
	var mLog, mPlain, mBackfill, mAnalyze []measurement
	for range tpRuns {
		mLog = append(mLog, gitLog())
		mPlain = append(mPlain, gitLogPlain())
		mBackfill = append(mBackfill, backfill(false))
		mAnalyze = append(mAnalyze, analyze(false))
	}

	coresAfter := secondCore()
	log, plain, bf, an := summarise(mLog), summarise(mPlain), summarise(mBackfill), summarise(mAnalyze)
	// Each round's own ratio: git log runs on one core and the backfill on
	// every core, so a host that lends the second core to others for a
	// while moves the ratio from round to round (2.1x to 2.6x within an
	// hour on the 2-core VM of session 29, git log's time the same).
	var rounds []string
	for i := range mBackfill {
		rounds = append(rounds, fmt.Sprintf("%.2f", float64(mBackfill[i].wall)/float64(mLog[i].wall)))
	}
	rate := func(d time.Duration) float64 { return float64(n) / d.Seconds() }
	ratioB := float64(bf.wall) / float64(log.wall)
	ratioA := float64(an.wall) / float64(log.wall)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(rate(log.wall), "gitlog-commits/s")
	b.ReportMetric(rate(bf.wall), "backfill-commits/s")
	b.ReportMetric(rate(an.wall), "analyze-commits/s")
	b.ReportMetric(ratioB, "backfill/gitlog")
	b.ReportMetric(float64(bf.wall)/float64(plain.wall), "backfill/gitlog-newest-first")
	b.ReportMetric(ratioA, "analyze/gitlog")
	b.ReportMetric(mib(bf.peakRSS), "backfill-peak-MiB")
	b.ReportMetric(mib(an.peakRSS), "analyze-peak-MiB")
	b.Logf("analysis throughput, last %d commits of %s, median of %d runs", n, repo.name, tpRuns)
	b.Logf("(CPU: user+system with git's; peak RSS: the largest of the process and the git processes it ran, the most of %d runs):", tpRuns)
	b.Logf("  git log -p (backfill order):%7.0f ms  %6.0f commits/s                                 CPU %6.0f ms  peak RSS %5.1f MiB",
		ms(log.wall), rate(log.wall), ms(log.cpu), mib(log.peakRSS))
	b.Logf("  git log -p, newest first:   %7.0f ms  %6.0f commits/s  (the backfill: %.2fx of it)       CPU %6.0f ms  peak RSS %5.1f MiB",
		ms(plain.wall), rate(plain.wall), float64(bf.wall)/float64(plain.wall), ms(plain.cpu), mib(plain.peakRSS))
	b.Logf("  enroll --backfill (store):  %7.0f ms  %6.0f commits/s  %5.2fx git log -p, goal <= %.0fx: %s  CPU %6.0f ms  peak RSS %5.1f MiB, goal <= %d MiB: %s",
		ms(bf.wall), rate(bf.wall), ratioB, tpGoal, passFail(ratioB <= tpGoal), ms(bf.cpu), mib(bf.peakRSS), rssGoalMiB, passFail(mib(bf.peakRSS) <= rssGoalMiB))
	b.Logf("  analyze --last (no store):  %7.0f ms  %6.0f commits/s  %5.2fx git log -p                 CPU %6.0f ms  peak RSS %5.1f MiB, goal <= %d MiB: %s",
		ms(an.wall), rate(an.wall), ratioA, ms(an.cpu), mib(an.peakRSS), rssGoalMiB, passFail(mib(an.peakRSS) <= rssGoalMiB))
	b.Logf("  backfill/git log, round by round: %s; a second core added %.0f%% of a first's speed before the rounds, %.0f%% after",
		strings.Join(rounds, " "), 100*coresBefore, 100*coresAfter)
}

// summarise is the median wall and CPU time of runs and their largest peak.
func summarise(runs []measurement) measurement {
	var walls, cpus []time.Duration
	var peak int64
	for _, m := range runs {
		walls, cpus = append(walls, m.wall), append(cpus, m.cpu)
		peak = max(peak, m.peakRSS)
	}
	return measurement{wall: median(walls), cpu: median(cpus), peakRSS: peak}
}

// bigRepo makes a repository of n generated commits with a GitHub origin
// (so drafts carry permalinks, as for a real user) and its files checked out.
func (s *sandbox) bigRepo(dir string, n int) {
	s.importedRepo(dir, "https://github.com/acme/gadgets.git", func(w io.Writer) error { return writeFastImport(w, n, 42) })
}

// importedRepo makes a repository at dir with origin url from the
// git fast-import stream write produces, its files checked out.
func (s *sandbox) importedRepo(dir, url string, write func(io.Writer) error) {
	s.git("", "init", "-q", dir)
	s.git(dir, "remote", "add", "origin", url)
	cmd := s.command(dir, "git", "fast-import", "--quiet", "--done")
	in, err := cmd.StdinPipe()
	if err != nil {
		s.tb.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() {
		err := write(in)
		in.Close()
		errc <- err
	}()
	s.run(cmd)
	if err := <-errc; err != nil {
		s.tb.Fatalf("write fast-import stream: %v", err)
	}
	s.git(dir, "reset", "-q", "--hard")
}
