package daemon

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/config"
)

// gcSettings reads the collector's settings without changing them.
func gcSettings(t *testing.T) (percent, limit int64) {
	t.Helper()
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

// setGC sets the collector for one test and puts it back afterwards.
func setGC(t *testing.T, percent int, limit int64) {
	t.Helper()
	oldPercent, oldLimit := debug.SetGCPercent(percent), debug.SetMemoryLimit(limit)
	t.Cleanup(func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	})
}

func TestBatchGCWhileTheLastAnalysisRuns(t *testing.T) {
	setGC(t, 100, 1<<62)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	g := &gcTuner{getenv: func(string) string { return "" }}
	leave1 := g.enter()
	if p, l := gcSettings(t); p != batchGCPercent || l != batchMemLimit {
		t.Fatalf("during a large analysis: GOGC %d, limit %d; want %d, %d", p, l, batchGCPercent, batchMemLimit)
	}
	if n, want := runtime.GOMAXPROCS(0), min(4, max(1, runtime.NumCPU()/2)); n != want {
		t.Fatalf("during a large analysis: GOMAXPROCS %d, want %d (half of %d cores)", n, want, runtime.NumCPU())
	}
	leave2 := g.enter() // a second repository's, in the daemon
	leave1()
	leave1() // twice is once
	if p, l := gcSettings(t); p != batchGCPercent || l != batchMemLimit {
		t.Fatalf("one analysis still runs: GOGC %d, limit %d; want %d, %d", p, l, batchGCPercent, batchMemLimit)
	}
	leave2()
	if p, l := gcSettings(t); p != 100 || l != 1<<62 {
		t.Fatalf("after the last analysis: GOGC %d, limit %d; want 100, %d back", p, l, int64(1)<<62)
	}
	if n := runtime.GOMAXPROCS(0); n != 4 {
		t.Fatalf("after the last analysis: GOMAXPROCS %d, want 4 back", n)
	}
}

func TestBatchGCKeepsALowerLimit(t *testing.T) {
	setGC(t, 100, 32<<20)
	g := &gcTuner{getenv: func(string) string { return "" }}
	leave := g.enter()
	defer leave()
	if _, l := gcSettings(t); l != 32<<20 {
		t.Fatalf("limit %d, want the lower one set before (%d)", l, 32<<20)
	}
}

func TestBatchGCLeavesWhatTheUserSet(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, env := range []string{"GOGC", "GOMEMLIMIT", "GOMAXPROCS"} {
		setGC(t, 150, 1<<62)
		g := &gcTuner{getenv: func(k string) string {
			if k == env {
				return "50"
			}
			return ""
		}}
		leave := g.enter()
		p, l := gcSettings(t)
		n := runtime.GOMAXPROCS(0)
		if env == "GOMAXPROCS" {
			if n != 4 || p != batchGCPercent {
				t.Errorf("with GOMAXPROCS set: GOMAXPROCS %d, GOGC %d; want 4 unchanged, the collector tuned", n, p)
			}
		} else if p != 150 || l != 1<<62 {
			t.Errorf("with %s set: GOGC %d, limit %d; want them unchanged", env, p, l)
		}
		leave()
	}
}

// While the detectors of a large analysis are behind git, Go gets back the
// Ps it had before the analysis, and the analysis as many workers; once
// they catch up, half the cores again. Two analyses behind need both to
// catch up. A GOMAXPROCS the user set is never moved.
func TestBatchGCPaceGivesTheDetectorsEveryCore(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	setGC(t, 100, 1<<62)
	half := min(4, max(1, runtime.NumCPU()/2))
	g := &gcTuner{getenv: func(string) string { return "" }}
	leave := g.enter()
	if w := g.workers(); w != 4*workersPerP {
		t.Fatalf("workers %d, want %d for the 4 Ps Go had", w, 4*workersPerP)
	}
	g.pace(true)
	g.pace(true) // a second analysis, behind too
	if n := runtime.GOMAXPROCS(0); n != 4 {
		t.Fatalf("detectors behind: GOMAXPROCS %d, want 4", n)
	}
	g.pace(false)
	if n := runtime.GOMAXPROCS(0); n != 4 {
		t.Fatalf("one analysis still behind: GOMAXPROCS %d, want 4", n)
	}
	g.pace(false)
	if n := runtime.GOMAXPROCS(0); n != half {
		t.Fatalf("detectors caught up: GOMAXPROCS %d, want %d", n, half)
	}
	g.pace(true)
	leave()
	if n := runtime.GOMAXPROCS(0); n != 4 {
		t.Fatalf("after the analysis: GOMAXPROCS %d, want 4 back", n)
	}
	g.pace(true) // no analysis runs: nothing to pace
	if n := runtime.GOMAXPROCS(0); n != 4 {
		t.Fatalf("paced with no analysis: GOMAXPROCS %d, want 4", n)
	}

	runtime.GOMAXPROCS(3)
	user := &gcTuner{getenv: func(k string) string {
		if k == "GOMAXPROCS" {
			return "3"
		}
		return ""
	}}
	leave = user.enter()
	user.pace(true)
	user.pace(false)
	if n, w := runtime.GOMAXPROCS(0), user.workers(); n != 3 || w != 3*workersPerP {
		t.Fatalf("GOMAXPROCS set by the user: %d Ps and %d workers, want 3 and %d", n, w, 3*workersPerP)
	}
	leave()
}

// A backfill of more commits than one batch runs with the batch settings,
// and puts the default back when it ends; a small one changes nothing.
func TestBackfillTunesTheCollector(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	setGC(t, 100, 1<<62)
	r := newGitRepo(t)
	n := batchGCMinCount + 5
	var stream strings.Builder
	for i := 1; i <= n; i++ {
		body := fmt.Sprintf("package p\n\n// TODO: step %d\nfunc F%d() {}\n", i, i)
		fmt.Fprintf(&stream, "commit refs/heads/main\nmark :%d\ncommitter T <t@example.com> %d +0000\ndata 7\ncommit\n", i, 1700000000+i)
		if i > 1 {
			fmt.Fprintf(&stream, "from :%d\n", i-1)
		}
		fmt.Fprintf(&stream, "M 644 inline p.go\ndata %d\n%s\n", len(body), body)
	}
	cmd := exec.Command("git", "-C", r.dir, "fast-import", "--quiet")
	cmd.Stdin = strings.NewReader(stream.String())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("fast-import: %v\n%s", err, out)
	}
	r.git("-C", r.dir, "reset", "-q", "--hard", "main")
	for _, tc := range []struct {
		commits int
		percent int64
	}{{3, 100}, {n, batchGCPercent}} {
		rc, id := enrolled(t, r, config.Defaults())
		var seen []int64
		rc.Progress = func(done, total int) {
			p, _ := gcSettings(t)
			seen = append(seen, p)
		}
		sum, err := rc.Backfill(context.Background(), id, tc.commits)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Commits != tc.commits || len(seen) == 0 {
			t.Fatalf("backfill of %d: %d commits analysed, %d progress reports", tc.commits, sum.Commits, len(seen))
		}
		for _, p := range seen {
			if p != tc.percent {
				t.Errorf("backfill of %d commits ran with GOGC %d, want %d", tc.commits, p, tc.percent)
			}
		}
		if p, _ := gcSettings(t); p != 100 {
			t.Errorf("after a backfill of %d commits: GOGC %d, want 100 back", tc.commits, p)
		}
	}
}

// The heap is prepared for huge pages once, before a large analysis,
// unless the user set the collector or turned Go's huge pages off.
func TestBatchGCPreparesTheHeapUnlessTheUserChose(t *testing.T) {
	for _, env := range []map[string]string{
		{"GOGC": "50"},
		{"GOMEMLIMIT": "1GiB"},
		{"GODEBUG": "madvdontneed=1,disablethp=1"},
	} {
		g := &gcTuner{getenv: func(k string) string { return env[k] }}
		g.prepareHeap()
		if g.heapPrepared {
			t.Errorf("with %v the heap was prepared", env)
		}
	}
	g := &gcTuner{getenv: func(string) string { return "" }}
	g.prepareHeap()
	if !g.heapPrepared {
		t.Error("the heap was not prepared")
	}
}
