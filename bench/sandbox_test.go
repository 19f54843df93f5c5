package bench

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// sandbox is one hermetic world for git and ticket-master: its own HOME,
// git configuration and TICKET_MASTER_HOME under one short temp folder.
// The folder is short on purpose: the daemon's Unix socket lives under
// TICKET_MASTER_HOME and socket paths must stay under ~100 bytes, which
// b.TempDir() (named after the benchmark) can exceed.
type sandbox struct {
	tb     testing.TB
	root   string
	bin    string
	tmHome string
	env    []string
}

// newSandbox makes the folder and removes it when the benchmark ends.
func newSandbox(tb testing.TB) *sandbox {
	tb.Helper()
	if runtime.GOOS == "windows" {
		tb.Skip("the hooks are sh scripts and the daemon a Unix-socket service")
	}
	bin := tmBinary(tb)
	root, err := os.MkdirTemp("", "tmb")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(root) })
	home := filepath.Join(root, "home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		tb.Fatal(err)
	}
	// gc.auto=0: an automatic gc must not land inside one measured commit
	// of one repository and not the other.
	gitconfig := filepath.Join(root, "gitconfig")
	cfg := "[user]\n\tname = Bench Developer\n\temail = bench@example.com\n" +
		"[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n"
	if err := os.WriteFile(gitconfig, []byte(cfg), 0o600); err != nil {
		tb.Fatal(err)
	}
	// Nothing of the caller's environment but PATH (and TMPDIR) reaches
	// git or ticket-master: no GIT_DIR from an enclosing hook, no XDG
	// folders, no user config.
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=" + gitconfig,
		"LC_ALL=C",
		"NO_COLOR=1",
	}
	if t := os.Getenv("TMPDIR"); t != "" {
		env = append(env, "TMPDIR="+t)
	}
	s := &sandbox{tb: tb, root: root, bin: bin, env: env}
	return s.withHome("tm")
}

// withHome returns a sandbox that shares this one's folder and git config
// but has its own TICKET_MASTER_HOME (so its own database and daemon),
// under root/name. Any daemon started there is stopped when the benchmark
// ends, even when it fails: the cleanup runs before the folder's removal.
func (s *sandbox) withHome(name string) *sandbox {
	c := *s
	c.tmHome = filepath.Join(s.root, name)
	if err := os.MkdirAll(filepath.Join(c.tmHome, "config"), 0o700); err != nil {
		s.tb.Fatal(err)
	}
	c.env = append(append([]string(nil), s.env...), "TICKET_MASTER_HOME="+c.tmHome)
	s.tb.Cleanup(func() {
		stop := c.command("", c.bin, "daemon", "stop")
		_ = stop.Run()
	})
	return &c
}

// writeConfig writes ticket-master's config.yaml for this sandbox.
func (s *sandbox) writeConfig(yaml string) {
	path := filepath.Join(s.tmHome, "config", "config.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		s.tb.Fatal(err)
	}
}

func (s *sandbox) path(name string) string { return filepath.Join(s.root, name) }

// command prepares name args in dir with the sandbox's environment.
func (s *sandbox) command(dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, s.env
	return cmd
}

// run runs a command that must succeed and returns its stdout.
func (s *sandbox) run(cmd *exec.Cmd) string {
	s.tb.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		s.tb.Fatalf("%s: %v\n%s%s", strings.Join(cmd.Args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

func (s *sandbox) git(dir string, args ...string) string {
	s.tb.Helper()
	return s.run(s.command(dir, "git", args...))
}

func (s *sandbox) tm(dir string, args ...string) string {
	s.tb.Helper()
	return s.run(s.command(dir, s.bin, args...))
}

// timed runs a command that must succeed, its stdout going wherever cmd
// says (nil: /dev/null), and returns its wall time, fork and exec included.
func (s *sandbox) timed(cmd *exec.Cmd) time.Duration {
	s.tb.Helper()
	var errb bytes.Buffer
	cmd.Stderr = &errb
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		s.tb.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, errb.String())
	}
	return d
}

// measurement is one finished process: its wall time, and its CPU time and
// peak RSS with its children's (usage).
type measurement struct {
	wall, cpu time.Duration
	peakRSS   int64 // bytes
}
