//go:build linux

package chaos

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// commandTimeout bounds every command the suite runs: a command that hangs
// is a failure to report, not a reason for the suite to hang.
const commandTimeout = 60 * time.Second

// testConfig is the user's config.yaml every sandbox starts with: short
// delays, no pacing, and the TODO detector alone, so that every draft can be
// traced to a TODO the scenario wrote.
const testConfig = `daemon:
  debounce: 50ms
  reconcile_interval: 1h
github:
  pace: 0s
detectors:
  untested: false
  docdrift: false
  hotspot: false
  dependency: false
  secret: false
  llm_review: false
`

// repoSettings is the .ticket-master.yaml committed in the scenario
// repositories: no draft budget, so every TODO gets a draft and a missing
// one is lost, not waiting. (The 1,200-commit pull keeps the defaults.)
const repoSettings = "max_drafts_per_commit: 0\nbudget:\n  drafts_per_100_commits: 0\n"

// sandbox is one hermetic ticket-master installation: its own HOME, git
// configuration and TICKET_MASTER_HOME, the daemon detached (never an OS
// service), Ollama at a closed port unless a scenario starts the fake.
type sandbox struct {
	t    testing.TB
	dir  string
	home string // TICKET_MASTER_HOME
	env  map[string]string
}

func newSandbox(t testing.TB) *sandbox {
	t.Helper()
	dir := t.TempDir()
	s := &sandbox{t: t, dir: dir, home: filepath.Join(dir, "tm")}
	for _, d := range []string{filepath.Join(dir, "home"), filepath.Join(s.home, "config")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	s.writeFile(s.configPath(), testConfig)
	gitconfig := filepath.Join(dir, "gitconfig")
	// GitHub remotes (https://github.com/OWNER/NAME.git) are bare
	// repositories under remotes/: pushing is real, and leaves the
	// remote-tracking branches that say GitHub has a draft's commit.
	remotes := fmt.Sprintf("[url %q]\n\tinsteadOf = https://github.com/\n", filepath.Join(dir, "remotes")+"/")
	s.writeFile(gitconfig, "[user]\n\tname = Chaos\n\temail = chaos@example.com\n[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n"+remotes)
	s.env = map[string]string{
		"PATH":                     binDir + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME":                     filepath.Join(dir, "home"),
		"GIT_CONFIG_NOSYSTEM":      "1",
		"GIT_CONFIG_GLOBAL":        gitconfig,
		"TICKET_MASTER_HOME":       s.home,
		"TICKET_MASTER_NO_SERVICE": "1",
		"NO_COLOR":                 "1",
		"OLLAMA_HOST":              "http://127.0.0.1:9", // discard: never a real Ollama
		"GH_CONFIG_DIR":            filepath.Join(dir, "gh"),
		"TMPDIR":                   os.TempDir(),
	}
	// Stop the daemon whatever happens: by its own command first, then by
	// pid for any process of this sandbox still running our binary (a
	// daemon a hook revived after the stop, a command a scenario lost).
	t.Cleanup(s.shutdown)
	return s
}

func (s *sandbox) configPath() string { return filepath.Join(s.home, "config", "config.yaml") }
func (s *sandbox) stateDir() string   { return filepath.Join(s.home, "state") }
func (s *sandbox) dbPath() string     { return filepath.Join(s.stateDir(), "ticket-master.db") }

// setenv sets a variable for every command run after it.
func (s *sandbox) setenv(k, v string) { s.env[k] = v }

func (s *sandbox) environ() []string {
	out := make([]string, 0, len(s.env))
	for k, v := range s.env {
		out = append(out, k+"="+v)
	}
	return out
}

func (s *sandbox) writeFile(path, content string) {
	s.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// result is how a command ended.
type result struct {
	args           []string
	stdout, stderr string
	code           int // exit code; -1 when killed by a signal
	signal         syscall.Signal
	timedOut       bool
	err            error // could not start
	maxRSS         int64 // the most memory it had resident, in bytes
}

func (r result) String() string {
	return fmt.Sprintf("`ticket-master %s`: exit %d%s\n%s%s", strings.Join(r.args, " "), r.code,
		map[bool]string{true: " (timed out)"}[r.timedOut], r.stdout, r.stderr)
}

// command prepares ticket-master with args in dir, with the sandbox's
// environment. Its output pipes are closed for good when it exits, even if
// a daemon it started keeps a copy open (WaitDelay).
func (s *sandbox) command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, "ticket-master"), args...)
	cmd.Dir = dir
	cmd.Env = s.environ()
	cmd.WaitDelay = 2 * time.Second
	return cmd
}

// tm runs ticket-master to the end (or commandTimeout).
func (s *sandbox) tm(dir string, args ...string) result {
	return s.tmInput(dir, "", args...)
}

// tmInput runs ticket-master with stdin.
func (s *sandbox) tmInput(dir, stdin string, args ...string) result {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := s.command(ctx, dir, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := ended(cmd, err)
	r.args, r.stdout, r.stderr = args, out.String(), errb.String()
	r.timedOut = ctx.Err() != nil
	return r
}

// mustTM runs ticket-master and fails the test unless it exits 0.
func (s *sandbox) mustTM(dir string, args ...string) string {
	s.t.Helper()
	r := s.tm(dir, args...)
	if r.code != 0 || r.err != nil {
		s.t.Fatalf("%v", r)
	}
	return r.stdout
}

func ended(cmd *exec.Cmd, err error) result {
	var r result
	if ps := cmd.ProcessState; ps != nil {
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			r.maxRSS = ru.Maxrss * 1024 // kilobytes on Linux
		}
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			r.signal = ws.Signal()
		}
	default:
		r.code, r.err = -1, err
	}
	return r
}

// crashTrace matches what Go prints when a program panics or faults.
var crashTrace = regexp.MustCompile(`(?m)^panic: |^fatal error: |goroutine \d+ \[|unexpected signal|SIGBUS|SIGSEGV|\[signal `)

// crashed says why r is a crash, or "" when it ended as a program should
// (exit 0, or an error it reported itself): a panic or a goroutine trace in
// its output, a signal nobody sent it, a timeout, exit code 2 from the Go
// runtime.
func crashed(r result) string {
	switch {
	case r.err != nil:
		return fmt.Sprintf("could not run: %v", r.err)
	case r.timedOut:
		return "timed out"
	case r.signal != 0:
		return "killed by " + r.signal.String()
	}
	if m := crashTrace.FindString(r.stdout + r.stderr); m != "" {
		return fmt.Sprintf("printed a crash (%q)", m)
	}
	return ""
}

// git runs git in dir and fails the test when it fails.
func (s *sandbox) git(dir string, args ...string) string {
	s.t.Helper()
	out, err := s.gitErr(dir, args...)
	if err != nil {
		s.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (s *sandbox) gitErr(dir string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = s.environ()
	cmd.WaitDelay = 2 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// newRepo makes a git repository at s.dir/name with one commit holding
// repoSettings as .ticket-master.yaml, and returns its path.
func (s *sandbox) newRepo(name string) string {
	s.t.Helper()
	return s.newRepoWith(name, ".ticket-master.yaml", repoSettings)
}

// newRepoWith makes a git repository at s.dir/name with one commit holding
// file, and returns its path.
func (s *sandbox) newRepoWith(name, file, content string) string {
	s.t.Helper()
	dir := filepath.Join(s.dir, name)
	s.git(s.dir, "init", "-q", dir)
	s.writeFile(filepath.Join(dir, file), content)
	s.git(dir, "add", file)
	s.git(dir, "commit", "-q", "-m", "start")
	return dir
}

// commitFile writes path in repo and commits it with git commit (so the
// hooks run).
func (s *sandbox) commitFile(repo, path, content, msg string) {
	s.t.Helper()
	s.writeFile(filepath.Join(repo, path), content)
	s.git(repo, "add", path)
	s.git(repo, "commit", "-q", "-m", msg)
}

// push pushes repo's current branch to its origin, a GitHub URL that the
// sandbox's git configuration maps to a bare repository, made on first use.
func (s *sandbox) push(repo string) {
	s.t.Helper()
	url := strings.TrimSpace(s.git(repo, "config", "remote.origin.url"))
	path, ok := strings.CutPrefix(url, "https://github.com/")
	if !ok {
		s.t.Fatalf("push: origin %q is not a GitHub URL", url)
	}
	if bare := filepath.Join(s.dir, "remotes", path); !exists(bare) {
		s.git(s.dir, "init", "-q", "--bare", bare)
	}
	s.git(repo, "push", "-q", "origin", "HEAD")
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// daemonPID is the pid the pid file names, when it is a process running our
// binary (never anyone else's process); 0 otherwise.
func (s *sandbox) daemonPID() int {
	b, err := os.ReadFile(filepath.Join(s.stateDir(), "daemon.pid"))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 || !ours(pid, s.home) {
		return 0
	}
	return pid
}

// shutdown stops the sandbox's daemon and any process of ours left in it.
func (s *sandbox) shutdown() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = s.command(ctx, s.dir, "daemon", "stop").Run()
	// A hook's background call that was under way may revive a daemon
	// just after the stop; give it a moment, then end what is left.
	time.Sleep(100 * time.Millisecond)
	for _, pid := range processesOf(s.home) {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// waitFor polls check every 50 ms until it holds or within passes.
func waitFor(within time.Duration, check func() bool) bool {
	deadline := time.Now().Add(within)
	for {
		if check() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}
