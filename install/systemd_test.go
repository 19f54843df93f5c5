package install

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeSystemd puts fake systemctl, loginctl and journalctl on PATH. Each
// appends its name and arguments to a log; systemctl keeps the unit's
// active state in a file so that is-active answers what start and stop did.
// kardianos/service runs systemctl through PATH, so it drives the fake too.
type fakeSystemd struct {
	dir  string // the fakes' folder, also their state
	home string
}

const fakeSystemctl = `#!/bin/sh
echo "systemctl $*" >> "$FAKE/calls"
for a in "$@"; do
  case "$a" in
  show-environment)
    if [ -f "$FAKE/no-bus" ]; then echo "Failed to connect to bus: No medium found" >&2; exit 1; fi
    echo "PATH=/usr/bin"; exit 0;;
  is-active)
    s=$(cat "$FAKE/state" 2>/dev/null || echo inactive); echo "$s"
    if [ "$s" = active ]; then exit 0; else exit 3; fi;;
  list-unit-files)
    if [ -f "$HOME/.config/systemd/user/ticket-master.service" ]; then echo "ticket-master.service enabled"; fi
    exit 0;;
  start|restart) echo active > "$FAKE/state"; exit 0;;
  stop) echo inactive > "$FAKE/state"; exit 0;;
  --version) echo "systemd 252 (252.1)"; exit 0;;
  esac
done
exit 0
`

const fakeLoginctl = `#!/bin/sh
echo "loginctl $*" >> "$FAKE/calls"
echo "Linger=no"
`

const fakeJournalctl = `#!/bin/sh
echo "journalctl $*" >> "$FAKE/calls"
printf 'daemon: listening\ndaemon: reconciled 2 repos\n'
`

func newFakeSystemd(t *testing.T) *fakeSystemd {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("kardianos/service has systemd support on Linux only")
	}
	f := &fakeSystemd{dir: t.TempDir(), home: t.TempDir()}
	bin := filepath.Join(f.dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, script := range map[string]string{
		"systemctl": fakeSystemctl, "loginctl": fakeLoginctl, "journalctl": fakeJournalctl,
	} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	run := t.TempDir()
	if err := os.Mkdir(filepath.Join(run, "systemd"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FAKE", f.dir)
	t.Setenv("HOME", f.home)
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("XDG_RUNTIME_DIR", run)
	return f
}

// calls returns the recorded commands and forgets them.
func (f *fakeSystemd) calls(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(f.dir, "calls"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(f.dir, "calls"))
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func (f *fakeSystemd) unitPath() string {
	return filepath.Join(f.home, ".config", "systemd", "user", "ticket-master.service")
}

func (f *fakeSystemd) manager(t *testing.T, spec Spec) *Manager {
	t.Helper()
	m, err := New(spec, WithPlatform("linux"))
	if err != nil {
		t.Fatal(err)
	}
	// The host's /run/user must not decide what the test sees.
	m.runtimeRoot = t.TempDir()
	return m
}

// wantCalls checks that the recorded calls include want, in that order.
func wantCalls(t *testing.T, got []string, want ...string) {
	t.Helper()
	i := 0
	for _, c := range got {
		if i < len(want) && c == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("calls %q\ndo not include, in order, %q", got, want)
	}
}

func notCalled(t *testing.T, got []string, verb string) {
	t.Helper()
	for _, c := range got {
		if strings.Contains(c, " "+verb+" ") {
			t.Errorf("unexpected call %q", c)
		}
	}
}

// kardianos puts --user after the verb (systemctl enable --user UNIT);
// systemctl accepts options anywhere.
func TestSystemdLifecycleThroughKardianos(t *testing.T) {
	f := newFakeSystemd(t)
	spec := testSpec(t)
	m := f.manager(t, spec)

	if err := m.Install(); err != nil {
		t.Fatal(err)
	}
	wantCalls(t, f.calls(t),
		"systemctl --user show-environment",
		"systemctl enable --user ticket-master.service",
		"systemctl daemon-reload --user")
	unit, err := os.ReadFile(f.unitPath())
	if err != nil {
		t.Fatalf("no unit under $HOME/.config/systemd/user: %v", err)
	}
	if string(unit) != SystemdUnit(spec) {
		t.Errorf("unit file is not our text:\n%s", unit)
	}

	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	wantCalls(t, f.calls(t), "systemctl start --user ticket-master.service")

	st, err := m.Status()
	if err != nil {
		t.Fatal(err)
	}
	if !st.Available || st.Manager != ManagerSystemd || !st.Installed || !st.Running || st.UnitPath != f.unitPath() {
		t.Errorf("Status = %+v", st)
	}
	if st.Env["TICKET_MASTER_HOME"] != "/home/me/tm home" || len(st.Env) != len(spec.Env) {
		t.Errorf("Status.Env = %v, want %v", st.Env, spec.Env)
	}
	if st.Lingering == nil || *st.Lingering {
		t.Errorf("Lingering = %v, want false", st.Lingering)
	}
	if w := st.Warnings(); len(w) != 1 || !strings.Contains(w[0], "loginctl enable-linger") {
		t.Errorf("Warnings = %q, want the linger warning", w)
	}
	wantCalls(t, f.calls(t),
		"systemctl is-active ticket-master.service --user",
		"loginctl show-user "+currentUser(os.Getenv)+" --property=Linger")

	if err := m.Stop(); err != nil {
		t.Fatal(err)
	}
	wantCalls(t, f.calls(t), "systemctl stop --user ticket-master.service")
	if st, _ := m.Status(); st.Running || !st.Installed {
		t.Errorf("after Stop, Status = %+v", st)
	}
	f.calls(t)

	if err := m.Uninstall(); err != nil {
		t.Fatal(err)
	}
	wantCalls(t, f.calls(t),
		"systemctl stop --user ticket-master.service",
		"systemctl disable --user ticket-master.service",
		"systemctl daemon-reload --user")
	if _, err := os.Stat(f.unitPath()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("unit still there after Uninstall: %v", err)
	}
	if err := m.Uninstall(); err != nil {
		t.Errorf("second Uninstall = %v, want nil", err)
	}
	if err := m.Start(); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("Start after Uninstall = %v, want ErrNotInstalled", err)
	}
}

func TestSystemdInstallKeepsSameUnitAndReplacesChangedOne(t *testing.T) {
	f := newFakeSystemd(t)
	spec := testSpec(t)
	m := f.manager(t, spec)
	if err := m.Install(); err != nil {
		t.Fatal(err)
	}
	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	f.calls(t)

	if err := m.Install(); err != nil {
		t.Fatal(err)
	}
	notCalled(t, f.calls(t), "enable")

	spec.Env["OLLAMA_HOST"] = "http://gpu-box:11434"
	if err := f.manager(t, spec).Install(); err != nil {
		t.Fatal(err)
	}
	// The running service is restarted so that the new environment applies.
	wantCalls(t, f.calls(t),
		"systemctl disable --user ticket-master.service",
		"systemctl enable --user ticket-master.service",
		"systemctl daemon-reload --user",
		"systemctl start --user ticket-master.service")
	unit, _ := os.ReadFile(f.unitPath())
	if !strings.Contains(string(unit), "OLLAMA_HOST=http://gpu-box:11434") {
		t.Errorf("unit not replaced:\n%s", unit)
	}
}

func TestSystemdUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name, reason string
		setup        func(t *testing.T, f *fakeSystemd)
	}{
		{"no runtime folder", "no systemd user manager", func(t *testing.T, f *fakeSystemd) {
			t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
		}},
		{"bus does not answer", "does not answer", func(t *testing.T, f *fakeSystemd) {
			if err := os.WriteFile(filepath.Join(f.dir, "no-bus"), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSystemd(t)
			tc.setup(t, f)
			m := f.manager(t, testSpec(t))
			st, err := m.Status()
			if err != nil {
				t.Fatal(err)
			}
			if st.Available || st.Manager != "" || !strings.Contains(st.Reason, tc.reason) || st.Installed {
				t.Errorf("Status = %+v, want unavailable because %q", st, tc.reason)
			}
			err = m.Install()
			if !errors.Is(err, ErrNoServiceManager) || !strings.Contains(err.Error(), "ticket-master daemon start") {
				t.Errorf("Install = %v, want ErrNoServiceManager naming the detached fallback", err)
			}
			if _, err := os.Stat(f.unitPath()); !errors.Is(err, os.ErrNotExist) {
				t.Error("Install wrote a unit without a manager")
			}
			notCalled(t, f.calls(t), "enable")
		})
	}
}

func TestSystemdLogsReadTheJournal(t *testing.T) {
	f := newFakeSystemd(t)
	m := f.manager(t, testSpec(t))
	var out bytes.Buffer
	if err := m.Logs(&out, 20); err != nil {
		t.Fatal(err)
	}
	if out.String() != "daemon: listening\ndaemon: reconciled 2 repos\n" {
		t.Errorf("Logs wrote %q", out.String())
	}
	wantCalls(t, f.calls(t), "journalctl --user -u ticket-master.service -n 20 --no-pager")
}

func TestSystemdNeedsHomeToMatchKardianos(t *testing.T) {
	newFakeSystemd(t)
	if _, err := New(testSpec(t), WithPlatform("linux"), WithHome(t.TempDir())); err == nil {
		t.Error("New accepted a home folder kardianos/service would not use")
	}
}
