package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Sandbox runs the real binary the way a user would, sealed from the
// caller's world: its own HOME, no system git config, its own
// TICKET_MASTER_HOME, no OS service, and Ollama at a closed port so every
// draft comes from the template drafter.
type Sandbox struct {
	root string
	bin  string
	env  []string
}

// NewSandbox makes a temp folder; Close removes it. The folder's name is
// short: a daemon's socket would live under it, and socket paths must stay
// under ~100 bytes.
func NewSandbox(bin string) (*Sandbox, error) {
	root, err := os.MkdirTemp("", "tmq")
	if err != nil {
		return nil, fmt.Errorf("make a temp folder: %w", err)
	}
	home := filepath.Join(root, "home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		os.RemoveAll(root)
		return nil, fmt.Errorf("make a temp HOME: %w", err)
	}
	port, err := closedPort()
	if err != nil {
		os.RemoveAll(root)
		return nil, err
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"GIT_CONFIG_NOSYSTEM=1",
		"TICKET_MASTER_HOME=" + filepath.Join(root, "tm"),
		"TICKET_MASTER_NO_SERVICE=1",
		"OLLAMA_HOST=127.0.0.1:" + strconv.Itoa(port),
		"LC_ALL=C",
		"NO_COLOR=1",
	}
	if t := os.Getenv("TMPDIR"); t != "" {
		env = append(env, "TMPDIR="+t)
	}
	return &Sandbox{root: root, bin: bin, env: env}, nil
}

// Close removes everything the sandbox made.
func (s *Sandbox) Close() error { return os.RemoveAll(s.root) }

// closedPort is a local TCP port nothing listens on: one the kernel just
// handed out and that was closed again.
func closedPort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a closed port for OLLAMA_HOST: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	return port, l.Close()
}

// Timing is the backfill's wall time against `git log -p` over the same
// commits: the speed goal (within 2x) holds on real history too.
type Timing struct {
	Backfill time.Duration
	GitLog   time.Duration
}

// Ratio is the backfill's time in units of `git log -p`.
func (t Timing) Ratio() float64 {
	if t.GitLog <= 0 {
		return 0
	}
	return float64(t.Backfill) / float64(t.GitLog)
}

// Backfill clones src into the sandbox (the clone gets the hooks; src
// stays clean), enrolls the clone with `--backfill n`, and reads back what
// a user would see.
func (s *Sandbox) Backfill(ctx context.Context, src Source, n int) (Run, error) {
	run := Run{Name: src.Name, Repo: src.GitHub}
	clone := filepath.Join(s.root, "clone")
	if _, err := s.command(ctx, "", "git", "clone", "-q", "--no-checkout", "--", src.Dir, clone); err != nil {
		return run, fmt.Errorf("clone %s: %w", src.Name, err)
	}
	// The backfill reads history, not the work tree: a snapshot missing a
	// large blob of the tip (js-yaml's benchmark sample, round 84) fails
	// the checkout, yet its 300 commits can be read. So the checkout may
	// fail; what it could not write is left out.
	_, _ = s.command(ctx, clone, "git", "checkout", "-q")

	args := []string{"enroll", clone, "--backfill", strconv.Itoa(n), "--no-daemon", "--json"}
	if strings.Contains(src.GitHub, "/") {
		args = append(args, "--github", src.GitHub)
	}
	start := time.Now()
	out, err := s.command(ctx, "", s.bin, args...)
	run.Timing.Backfill = time.Since(start)
	if err != nil {
		return run, fmt.Errorf("enroll %s: %w", src.Name, err)
	}
	var enrolled struct {
		Backfill *struct {
			Commits int `json:"commits"`
		} `json:"backfill"`
	}
	if err := json.Unmarshal(out, &enrolled); err != nil || enrolled.Backfill == nil {
		return run, fmt.Errorf("enroll %s --json: no backfill summary in %q", src.Name, out)
	}
	run.Commits = enrolled.Backfill.Commits

	if run.Drafts, err = s.drafts(ctx, clone, "--state", "pending"); err != nil {
		return run, err
	}
	// --waiting lists the findings over the draft budget, once the binary
	// has one; an older binary refuses the flag and the column says so.
	if out, err := s.command(ctx, "", s.bin, "drafts", "list", "--repo", clone, "--waiting", "--json"); err == nil {
		if run.Waiting, err = DecodeWaiting(out); err != nil {
			return run, err
		}
	}
	status, err := s.command(ctx, "", s.bin, "status", "--json")
	if err != nil {
		return run, fmt.Errorf("status: %w", err)
	}
	if run.Claims, err = ClaimsOf(status); err != nil {
		return run, err
	}
	if run.Stale, err = StaleDrafts(ctx, clone, run.Drafts); err != nil {
		return run, err
	}
	if run.Timing.GitLog, err = s.gitLog(ctx, clone, n); err != nil {
		return run, err
	}
	return run, nil
}

func (s *Sandbox) drafts(ctx context.Context, clone string, flags ...string) ([]Draft, error) {
	out, err := s.command(ctx, "", s.bin, append([]string{"drafts", "list", "--repo", clone, "--json"}, flags...)...)
	if err != nil {
		return nil, fmt.Errorf("drafts list %s: %w", strings.Join(flags, " "), err)
	}
	var ds []Draft
	if err := json.Unmarshal(out, &ds); err != nil {
		return nil, fmt.Errorf("drafts list --json: %w", err)
	}
	return ds, nil
}

// gitLog times `git log -p` over the commits the backfill looks at: the
// last n of the branches in topological order, merges diffed against their
// first parent, renames detected, as the analysis does. The faster of two
// runs is kept (the first warms the cache the backfill already warmed).
func (s *Sandbox) gitLog(ctx context.Context, clone string, n int) (time.Duration, error) {
	best := time.Duration(0)
	for range 2 {
		cmd := exec.CommandContext(ctx, "git", "-C", clone, "log", "-p", "--topo-order", "-M",
			"--diff-merges=first-parent", "--no-color", "--max-count="+strconv.Itoa(n), "--branches")
		cmd.Env = s.env
		cmd.Stdout = io.Discard
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return 0, fmt.Errorf("git log -p: %s: %w", strings.TrimSpace(stderr.String()), err)
		}
		if d := time.Since(start); best == 0 || d < best {
			best = d
		}
	}
	return best, nil
}

// command runs a program with the sandbox's environment and returns its
// standard output; an error carries the end of its standard error.
func (s *Sandbox) command(ctx context.Context, dir, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = s.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 600 {
			msg = "..." + msg[len(msg)-600:]
		}
		if msg == "" {
			return nil, err
		}
		return nil, errors.New(msg)
	}
	return stdout.Bytes(), nil
}
