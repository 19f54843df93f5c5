package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	idleRepos   = 50
	idleRSSGoal = 40 << 20 // bytes
)

// BenchmarkIdleDaemon watches 50 enrolled repositories with no activity and
// reports the daemon's CPU time and resident memory over the idle window
// (TM_BENCH_IDLE, default 1m): the goal is no CPU beyond the periodic
// reconcile and under 40 MiB RSS. It reads /proc, so it runs on Linux only.
func BenchmarkIdleDaemon(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads CPU time and RSS from /proc")
	}
	window := time.Minute
	if v := os.Getenv("TM_BENCH_IDLE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			b.Fatalf("TM_BENCH_IDLE: %v", err)
		}
		window = d
	}
	s := newSandbox(b)
	for i := range idleRepos {
		dir := s.path(fmt.Sprintf("repo%02d", i))
		s.smallRepo(dir)
		s.tm(dir, "enroll", "--no-daemon")
	}
	s.tm("", "daemon", "start")
	st := s.status()
	if !st.Daemon.Running {
		b.Fatal("the daemon is not running")
	}
	pid := st.Daemon.PID
	s.tm("", "daemon", "sync", "--no-model") // start-up reconcile done
	time.Sleep(2 * time.Second)              // let start-up garbage settle before the window

	cpu0 := cpuTime(b, pid)
	time.Sleep(window)
	cpu1 := cpuTime(b, pid)
	rss := rssBytes(b, pid)

	used := cpu1 - cpu0
	b.ReportMetric(used.Seconds()*1000, "idle-cpu-ms")
	b.ReportMetric(float64(rss)/(1<<20), "rss-MiB")
	b.Logf("idle daemon, %d repositories, %s window: CPU %.1f ms (%.3f%% of one core), RSS %.1f MiB, goal < %d MiB: %s",
		idleRepos, window, used.Seconds()*1000, 100*used.Seconds()/window.Seconds(),
		float64(rss)/(1<<20), idleRSSGoal>>20, passFail(rss < idleRSSGoal))
}

// cpuTime is a process's user plus system CPU time, from /proc/PID/stat.
func cpuTime(tb testing.TB, pid int) time.Duration {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		tb.Fatal(err)
	}
	// Fields after the command name, which is in parentheses and may hold
	// spaces: state is field 3, utime 14 and stime 15.
	rest := string(raw[strings.LastIndexByte(string(raw), ')')+2:])
	f := strings.Fields(rest)
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const clockTicks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / clockTicks
}

// rssBytes is a process's resident set size, from /proc/PID/status.
func rssBytes(tb testing.TB, pid int) int64 {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	tb.Fatal("no VmRSS")
	return 0
}
