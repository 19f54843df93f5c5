//go:build linux

// Package chaos is the chaos suite of issue 10: it drives the real
// ticket-master binary against real git repositories in temp folders, the
// fake GitHub (internal/githubtest) and the fake Ollama (internal/ollamatest)
// served by this test process on loopback, and injects faults: SIGKILLs of
// the daemon, of publish and of enroll at random moments, replies GitHub
// drops, two publishers at once, a pull of 1,200 commits, a damaged
// database, configuration bombs and hostile model replies. Each scenario
// counts what it tried and what failed, was lost or was duplicated, and the
// suite prints one row per scenario; any non-zero count fails it.
//
// `make test` runs every scenario briefly (a few seconds each). `make chaos`
// runs the whole suite (-chaos.full) and the fuzz tests:
//
//	go test -c -o bin/chaos.test ./chaos && bin/chaos.test -chaos.full
//
// -chaos.seed repeats a run's random choices (the table prints the seed);
// -test.run 'TestChaos/NAME' picks scenarios.
//
// The suite needs Linux: it finds its own processes (and their memory)
// through /proc. It only ever signals processes that run the binary it
// built, by pid.
package chaos

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/internal/testbin"
)

var (
	fullFlag = flag.Bool("chaos.full", false, "run every scenario at full size (make chaos); the default is the short run of make test")
	seedFlag = flag.Uint64("chaos.seed", 0, "seed for the random choices (0: a new one, printed with the table)")
	fuzzFlag = flag.Duration("chaos.fuzztime", 0, "also run every fuzz test for this long, as the table's last row (make chaos); 0 skips them")
)

// binDir holds the ticket-master binary built once for the suite. It is
// built for real because hooks and the detached daemon call it by path.
var binDir string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := testbin.Build("tm-chaos-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	// About to time out: go test then panics, and no cleanup runs. Stop
	// the daemons a little before.
	if f := flag.Lookup("test.timeout"); f != nil {
		if d, ok := f.Value.(flag.Getter).Get().(time.Duration); ok && d > 20*time.Second {
			time.AfterFunc(d-10*time.Second, func() {
				sweep()
				fmt.Fprintln(os.Stderr, "chaos: the suite is about to time out: stopped every daemon it started")
			})
		}
	}
	// Interrupted (Ctrl-C, a CI timeout's SIGTERM): end every process of
	// ours before going, since test cleanups will not run.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		sweep()
		os.RemoveAll(dir)
		fmt.Fprintf(os.Stderr, "chaos: %v: stopped every daemon the suite started\n", s)
		os.Exit(1)
	}()
	code := m.Run()
	// The table comes last, after the failures' details go test prints.
	fmt.Print(report)
	sweep()
	os.RemoveAll(dir)
	os.Exit(code)
}

// sweep kills every process still running the suite's binary: daemons of
// sandboxes whose cleanup could not run.
func sweep() {
	for _, pid := range processesOf("") {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// scenario is one row of the table.
type scenario struct {
	name string
	run  func(t *testing.T, c *chaos)
}

var scenarios = []scenario{
	{"daemon SIGKILLs during reconciles", daemonKills},
	{"publish SIGKILLs, dropped replies", publishKills},
	{"two concurrent publishers", concurrentPublishers},
	{"1,200-commit pull", bigPull},
	{"random database corruptions", corruptions},
	{"config bombs", configBombs},
	{"hostile model replies", hostileReplies},
	{"SIGKILL loop during enroll", enrollKills},
	{"fuzz tests of the parsers", fuzzTests},
}

func TestChaos(t *testing.T) {
	seed := *seedFlag
	if seed == 0 {
		seed = rand.Uint64()
	}
	start := time.Now()
	var rows []*row
	for i, sc := range scenarios {
		r := &row{name: sc.name}
		ok := t.Run(slug(sc.name), func(t *testing.T) {
			c := &chaos{t: t, full: *fullFlag, row: r, rnd: rand.New(rand.NewPCG(seed, uint64(i)))}
			sc.run(t, c)
		})
		if !ok && r.failed+r.lost+r.duplicated == 0 {
			r.failed++ // stopped before counting: the log says why
		}
		if r.ran || !ok { // a skipped scenario has no row
			rows = append(rows, r)
		}
	}
	mode := "short (make test)"
	if *fullFlag {
		mode = "full (make chaos)"
	}
	var bad []string
	for _, r := range rows {
		if !r.clean() {
			bad = append(bad, r.name)
			t.Errorf("%s: %d failed, %d lost, %d duplicated (details in its log)", r.name, r.failed, r.lost, r.duplicated)
		}
	}
	verdict := "every row: 0 failed, 0 lost, 0 duplicated"
	if len(bad) > 0 {
		verdict = fmt.Sprintf("FAIL: %d of %d rows (%s); their logs above say what", len(bad), len(rows), strings.Join(bad, ", "))
	}
	report = fmt.Sprintf("\nchaos suite, %s, seed %d (repeat with -chaos.seed %d), %s\n%s%s%s\n", mode, seed, seed,
		time.Since(start).Round(time.Second), formatTable(rows), legend, verdict)
}

// report is the table TestChaos made, printed by TestMain once every test
// has printed its log.
var report string

const legend = `tried: faults injected or trials run; failed: a crash, a stack trace or a check that did not hold;
lost: a commit not analysed, a TODO never drafted, a draft with no issue, a run of the user's hook that did not happen;
duplicated: a second draft or issue for one finding, a hook run twice.
`

// slug makes a subtest name from a row name.
func slug(name string) string {
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	return strings.Join(f, "_")
}

// chaos is what a scenario works with: its row, its random source and its
// size.
type chaos struct {
	t    *testing.T
	full bool
	row  *row
	rnd  *rand.Rand
}

// size is short in make test, full in make chaos.
func (c *chaos) size(short, full int) int {
	if c.full {
		return full
	}
	return short
}

// between is a random duration in [lo, hi).
func (c *chaos) between(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(c.rnd.Int64N(int64(hi-lo)))
}

func (c *chaos) tried(n int) { c.row.ran = true; c.row.tried += n }

// fail counts a failure and says what it was.
func (c *chaos) fail(format string, args ...any) {
	c.t.Helper()
	c.row.failed++
	c.t.Errorf("failed: "+format, args...)
}

// lose counts n items lost.
func (c *chaos) lose(n int, format string, args ...any) {
	c.t.Helper()
	if n == 0 {
		return
	}
	c.row.lost += n
	c.t.Errorf("lost %d: "+format, append([]any{n}, args...)...)
}

// duplicate counts n items duplicated.
func (c *chaos) duplicate(n int, format string, args ...any) {
	c.t.Helper()
	if n == 0 {
		return
	}
	c.row.duplicated += n
	c.t.Errorf("duplicated %d: "+format, append([]any{n}, args...)...)
}
