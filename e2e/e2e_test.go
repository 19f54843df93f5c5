// Package e2e drives the real ticket-master binary against real git
// repositories in temp folders, with a real daemon, real hooks fired by real
// `git commit`, and a real bbolt file. Each testdata/script/*.txtar file is a
// testscript script (https://pkg.go.dev/github.com/rogpeppe/go-internal/testscript).
package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// binDir holds the ticket-master binary built once for all scripts. It is
// built for real (not run through testscript's re-exec of the test binary)
// because hooks and the detached daemon call it by its absolute path.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tm-e2e-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "ticket-master"), "github.com/ticket-master/ticket-master/cmd/ticket-master")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build ticket-master:", err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup:               setup,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"waitdrafts": waitDrafts,
			"waitdaemon": waitDaemon,
		},
	})
}

// setup makes every script hermetic: its own HOME, git configuration,
// TICKET_MASTER_HOME and PATH with the binary first.
func setup(env *testscript.Env) error {
	work := env.WorkDir
	home := filepath.Join(work, ".home")
	tmHome := filepath.Join(work, ".tm")
	if err := os.MkdirAll(home, 0o700); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(tmHome, "config"), 0o700); err != nil {
		return err
	}
	// Short delays keep the scripts quick; everything else is the default.
	cfg := "daemon:\n  debounce: 50ms\n  reconcile_interval: 1h\n"
	if err := os.WriteFile(filepath.Join(tmHome, "config", "config.yaml"), []byte(cfg), 0o600); err != nil {
		return err
	}
	gitconfig := filepath.Join(work, ".gitconfig")
	if err := os.WriteFile(gitconfig, []byte("[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n"), 0o600); err != nil {
		return err
	}
	env.Setenv("HOME", home)
	env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	env.Setenv("GIT_CONFIG_GLOBAL", gitconfig)
	env.Setenv("TICKET_MASTER_HOME", tmHome)
	env.Setenv("XDG_RUNTIME_DIR", "")
	env.Setenv("NO_COLOR", "1")
	// No script may reach a real Ollama by accident: by default the model
	// is unreachable (port 9 is discard, never an Ollama), as on a machine
	// without one; scripts that want a model start the fake.
	env.Setenv("OLLAMA_HOST", "http://127.0.0.1:9")
	env.Setenv("PATH", binDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	// A daemon that enroll started detached outlives the script unless
	// stopped here.
	env.Defer(func() {
		stop := exec.Command(filepath.Join(binDir, "ticket-master"), "daemon", "stop")
		stop.Env = env.Vars
		_ = stop.Run()
	})
	return nil
}

// poll runs check every 50ms until it returns true or 20s pass.
func poll(ts *testscript.TestScript, what string, check func() (bool, string)) {
	deadline := time.Now().Add(20 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		ok, state := check()
		if ok {
			return
		}
		last = state
		time.Sleep(50 * time.Millisecond)
	}
	ts.Fatalf("timed out waiting for %s; last seen: %s", what, last)
}

func tm(ts *testscript.TestScript, args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(binDir, "ticket-master"), args...)
	cmd.Env = os.Environ()[:0]
	for _, k := range []string{"HOME", "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL", "TICKET_MASTER_HOME", "PATH", "NO_COLOR", "OLLAMA_HOST"} {
		cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
	}
	cmd.Dir = ts.MkAbs(".")
	return cmd.Output()
}

// waitdrafts N [STATE]: wait until exactly N drafts are in STATE (pending by
// default). The hooks nudge the daemon in the background, so the drafts of
// a commit appear shortly after it, not during it.
func waitDrafts(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: waitdrafts N [STATE]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("waitdrafts: %v", err)
	}
	state := "pending"
	if len(args) == 2 {
		state = args[1]
	}
	poll(ts, fmt.Sprintf("%d %s drafts", want, state), func() (bool, string) {
		out, err := tm(ts, "drafts", "list", "--json", "--state", state)
		if err != nil {
			return false, err.Error()
		}
		var drafts []json.RawMessage
		if err := json.Unmarshal(out, &drafts); err != nil {
			return false, err.Error()
		}
		return len(drafts) == want, fmt.Sprintf("%d drafts", len(drafts))
	})
}

// waitdaemon: wait until a daemon answers on the socket.
func waitDaemon(ts *testscript.TestScript, neg bool, args []string) {
	poll(ts, "the daemon", func() (bool, string) {
		out, err := tm(ts, "status", "--json")
		if err != nil {
			return false, err.Error()
		}
		var st struct {
			Daemon struct{ Running bool } `json:"daemon"`
		}
		if err := json.Unmarshal(out, &st); err != nil {
			return false, err.Error()
		}
		return st.Daemon.Running != neg, string(out)
	})
}
