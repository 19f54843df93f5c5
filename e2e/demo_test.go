package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoStaysSealed runs `make demo`'s script as a user would, with a
// home of its own and a systemctl and launchctl on PATH that record being
// called: the demo must leave the home untouched and never reach a service
// manager.
func TestDemoStaysSealed(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole demo")
	}
	home := t.TempDir()
	fakes := t.TempDir()
	calls := filepath.Join(t.TempDir(), "calls")
	// A runtime folder that looks like a running systemd user manager's.
	runtime := t.TempDir()
	if err := os.Mkdir(filepath.Join(runtime, "systemd"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"systemctl", "launchctl", "loginctl"} {
		script := "#!/bin/sh\necho " + name + " \"$@\" >> " + calls + "\nexit 0\n"
		if err := os.WriteFile(filepath.Join(fakes, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("bash", filepath.Join("..", "scripts", "demo.sh"), filepath.Join(binDir, "ticket-master"))
	cmd.Env = []string{
		"HOME=" + home,
		"PATH=" + fakes + string(os.PathListSeparator) + os.Getenv("PATH"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_STATE_HOME=" + filepath.Join(home, ".local", "state"),
		"XDG_RUNTIME_DIR=" + runtime,
		"OLLAMA_HOST=http://127.0.0.1:9", // never a real model
		"TMPDIR=" + t.TempDir(),
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("demo failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Demo done") {
		t.Errorf("demo did not finish:\n%s", out)
	}
	entries, err := os.ReadDir(home)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("the demo wrote %s into the user's home", e.Name())
	}
	if raw, err := os.ReadFile(calls); err == nil {
		t.Errorf("the demo called a service manager:\n%s", raw)
	}
}
