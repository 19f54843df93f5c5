package analyze

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// historyRepo makes a real repository of n commits, each changing a few of
// a handful of files, and returns it open with its commits oldest first.
func historyRepo(t *testing.T, n int) (*Repo, []Commit) {
	t.Helper()
	dir := t.TempDir()
	var stream strings.Builder
	files := map[string]string{}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&stream, "commit refs/heads/main\nmark :%d\ncommitter t <t@e> %d +0000\n", i, 1_700_000_000+i*60)
		msg := fmt.Sprintf("change %d", i)
		fmt.Fprintf(&stream, "data %d\n%s\n", len(msg), msg)
		if i > 1 {
			fmt.Fprintf(&stream, "from :%d\n", i-1)
		}
		for k := range 1 + i%3 {
			name := fmt.Sprintf("f%d.go", (i+k)%5)
			files[name] += fmt.Sprintf("// line %d of commit %d\n", k, i)
			fmt.Fprintf(&stream, "M 100644 inline %s\ndata %d\n%s\n", name, len(files[name]), files[name])
		}
	}
	stream.WriteString("done\n")
	for _, args := range [][]string{{"init", "-q"}, {"fast-import", "--quiet", "--done"}, {"update-ref", "HEAD", "refs/heads/main"}} {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if args[0] == "fast-import" {
			cmd.Stdin = strings.NewReader(stream.String())
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	repo, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := runGit(context.Background(), repo.GitDir, "rev-parse", "refs/heads/main")
	if err != nil {
		t.Fatal(err)
	}
	commits, err := repo.NewCommits(context.Background(), []string{head}, nil, 0)
	if err != nil || len(commits) != n {
		t.Fatalf("walk: %d commits, %v", len(commits), err)
	}
	return repo, commits
}

// summary is what the tests compare of a result: the commit and what its
// diff held.
func summary(c Commit, cd *CommitDiff) Result {
	var paths []string
	for _, f := range cd.Files {
		lines := 0
		for _, h := range f.Hunks {
			lines += len(h.Lines)
		}
		paths = append(paths, fmt.Sprintf("%s:%d", f.Path(), lines))
	}
	return Result{Commit: c, Skipped: []SkippedFile{{Path: strings.Join(paths, ","), Reason: cd.Hash}}}
}

// Whatever order the workers finish in, fn sees the commits in order, each
// with its own diff: the same results as Analyze.
func TestAnalyzeConcurrentlyKeepsOrder(t *testing.T) {
	repo, commits := historyRepo(t, 40)
	ctx := context.Background()
	var want []Result
	if err := repo.Analyze(ctx, commits, DiffLimits{}, summary, func(r Result) error { want = append(want, r); return nil }); err != nil {
		t.Fatal(err)
	}
	var running, most atomic.Int32
	slow := func(c Commit, cd *CommitDiff) Result {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		// Early commits take longest, so later ones overtake them.
		time.Sleep(time.Duration(40-len(c.Subject)%40) * 100 * time.Microsecond * time.Duration(1+int(c.Hash[0])%3))
		return summary(c, cd)
	}
	var got []Result
	if err := repo.AnalyzeConcurrently(ctx, commits, DiffLimits{}, 4, slow, nil, func(r Result) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("concurrent results differ from Analyze's:\n got %v\nwant %v", got, want)
	}
	if len(got) != len(commits) || most.Load() < 2 {
		t.Errorf("%d results, at most %d detect calls at once; want %d and more than one", len(got), most.Load(), len(commits))
	}
}

// An error from fn stops the analysis: it is what AnalyzeConcurrently
// returns, fn is not called again, and no detect call runs after it
// returns.
func TestAnalyzeConcurrentlyStops(t *testing.T) {
	repo, commits := historyRepo(t, 30)
	stop := errors.New("enough")
	var calls, running atomic.Int32
	detect := func(c Commit, cd *CommitDiff) Result {
		running.Add(1)
		defer running.Add(-1)
		calls.Add(1)
		time.Sleep(time.Millisecond)
		return summary(c, cd)
	}
	seen := 0
	err := repo.AnalyzeConcurrently(context.Background(), commits, DiffLimits{}, 3, detect, nil, func(r Result) error {
		seen++
		if seen == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || seen != 5 {
		t.Fatalf("err %v after %d results; want %v after 5", err, seen, stop)
	}
	if n := running.Load(); n != 0 {
		t.Fatalf("%d detect calls still running after the return", n)
	}
	after := calls.Load()
	time.Sleep(20 * time.Millisecond)
	if calls.Load() != after || after >= int32(len(commits)) {
		t.Errorf("detect called %d times, then %d; want it stopped well before %d", after, calls.Load(), len(commits))
	}
}

// A cancelled context is an error, never a quiet partial success.
func TestAnalyzeConcurrentlyCancelled(t *testing.T) {
	repo, commits := historyRepo(t, 30)
	ctx, cancel := context.WithCancel(context.Background())
	seen := 0
	err := repo.AnalyzeConcurrently(ctx, commits, DiffLimits{}, 2, summary, nil, func(Result) error {
		seen++
		if seen == 3 {
			cancel()
		}
		return nil
	})
	if err == nil {
		t.Fatalf("cancelled after 3 of %d commits, %d results and no error", len(commits), seen)
	}
}
