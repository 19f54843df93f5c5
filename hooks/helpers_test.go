package hooks

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hermetic isolates git from the machine's configuration and from any
// repository the tests themselves run in (a hook may run go test), and
// returns a scratch folder.
func hermetic(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	home := filepath.Join(root, "home")
	mkdir(t, home)
	global := filepath.Join(root, "gitconfig")
	write(t, global, "[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n", 0o644)
	t.Setenv("HOME", home)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", global)
	for _, k := range []string{
		"GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE",
		"GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "TICKET_MASTER",
	} {
		t.Setenv(k, "") // registers the restore
		os.Unsetenv(k)
	}
	return root
}

// newRepo runs git init in a new folder dir.
func newRepo(t *testing.T, dir string) string {
	t.Helper()
	mkdir(t, dir)
	run(t, dir, nil, "git", "init", "-q")
	return dir
}

// run runs a command in dir with extra environment and fails the test on
// error. It returns stdout and stderr.
func run(t *testing.T, dir string, env []string, name string, args ...string) (string, string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// fakeBinary writes an executable sh script at path that appends
// "binary <TM_TAG> <args>" to events, standing in for ticket-master.
func fakeBinary(t *testing.T, path, events string) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	write(t, path, "#!/bin/sh\nprintf 'binary %s%s\\n' \"${TM_TAG:+$TM_TAG }\" \"$*\" >> "+shQuote(events)+"\n", 0o755)
}

// waitFor polls file until it contains a line equal to want. The binary is
// started in the background by the hook, so there is no event to wait on.
func waitFor(t *testing.T, file, want string) []string {
	t.Helper()
	return waitForN(t, file, want, 1)
}

// waitForN is waitFor until file holds n lines equal to want: a hook run
// in the background that the test does not wait for still writes to the
// test's folder as it is removed.
func waitForN(t *testing.T, file, want string, n int) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		lines := readLines(file)
		seen := 0
		for _, l := range lines {
			if l == want {
				seen++
			}
		}
		if seen >= n {
			return lines
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never got line %q %d times; has %q", file, want, n, lines)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func readLines(file string) []string {
	b, err := os.ReadFile(file)
	if err != nil || len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

func indexOf(lines []string, want string) int {
	for i, l := range lines {
		if l == want {
			return i
		}
	}
	return -1
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// write writes a file and sets its mode exactly, whatever the umask.
func write(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode()
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func whats(acts []Action) map[string]string {
	m := map[string]string{}
	for _, a := range acts {
		m[a.Hook] = a.What
	}
	return m
}

// wantAll checks that every hook got the same action.
func wantAll(t *testing.T, acts []Action, what string) {
	t.Helper()
	if len(acts) != len(Names()) {
		t.Fatalf("got %d actions, want %d: %+v", len(acts), len(Names()), acts)
	}
	for _, a := range acts {
		if a.What != what {
			t.Errorf("%s: got %q, want %q", a.Hook, a.What, what)
		}
	}
}

func mustInstall(t *testing.T, repo string, opts Options) []Action {
	t.Helper()
	acts, err := Install(repo, opts)
	if err != nil {
		t.Fatalf("Install: %v", err)
	}
	return acts
}

func mustUninstall(t *testing.T, repo string) []Action {
	t.Helper()
	acts, err := Uninstall(repo)
	if err != nil {
		t.Fatalf("Uninstall: %v", err)
	}
	return acts
}

// waitUntil polls cond until it holds, for at most 10 s.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
