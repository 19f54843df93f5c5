package install

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fakeLaunchctl records calls and keeps whether the agent is loaded, the
// one thing launchctl's answers depend on.
type fakeLaunchctl struct {
	calls  []string
	loaded bool
}

func (f *fakeLaunchctl) run(_ context.Context, name string, args ...string) ([]byte, error) {
	f.calls = append(f.calls, name+" "+strings.Join(args, " "))
	switch args[0] {
	case "print":
		if !f.loaded {
			return nil, errors.New("Could not find service \"io.github.ticket-master\" in domain for user gui: 501")
		}
		return []byte("gui/501/io.github.ticket-master = {\n\tactive count = 1\n\tstate = running\n\tpid = 4242\n}\n"), nil
	case "bootstrap":
		f.loaded = true
	case "bootout":
		f.loaded = false
	}
	return nil, nil
}

func (f *fakeLaunchctl) take() []string {
	c := f.calls
	f.calls = nil
	return c
}

func TestLaunchdLifecycleUsesBootstrapAndBootout(t *testing.T) {
	home := t.TempDir()
	fake := &fakeLaunchctl{}
	spec := testSpec(t)
	m, err := New(spec, WithPlatform("darwin"), WithHome(home), WithRunner(fake.run))
	if err != nil {
		t.Fatal(err)
	}
	m.uid = 501
	plist := filepath.Join(home, "Library", "LaunchAgents", "io.github.ticket-master.plist")
	target := "gui/501/io.github.ticket-master"

	if err := m.Install(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(plist); err != nil || string(b) != LaunchdPlist(spec) {
		t.Fatalf("plist at %s: %v\n%s", plist, err, b)
	}

	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	wantCalls(t, fake.take(), "launchctl enable "+target, "launchctl bootstrap gui/501 "+plist)

	st, err := m.Status()
	if err != nil {
		t.Fatal(err)
	}
	if st.Manager != ManagerLaunchd || !st.Installed || !st.Running || st.Detail != "running" || st.UnitPath != plist {
		t.Errorf("Status = %+v", st)
	}
	if st.Env["OLLAMA_HOST"] != spec.Env["OLLAMA_HOST"] || st.Env["PATH"] != "/home/me/bin:/usr/bin:/usr/local/bin:/opt/homebrew/bin:/bin:/usr/sbin:/sbin" {
		t.Errorf("Status.Env = %v", st.Env)
	}
	if st.Lingering != nil || len(st.Warnings()) != 0 {
		t.Errorf("launchd reported lingering: %+v", st)
	}

	if err := m.Restart(); err != nil {
		t.Fatal(err)
	}
	wantCalls(t, fake.take(), "launchctl kickstart -k "+target)

	// A changed plist is reloaded, since launchd reads it only at load.
	spec.Env["OLLAMA_HOST"] = "http://gpu-box:11434"
	m.spec = spec
	if err := m.Install(); err != nil {
		t.Fatal(err)
	}
	wantCalls(t, fake.take(), "launchctl bootout "+target, "launchctl bootstrap gui/501 "+plist)

	if err := m.Stop(); err != nil {
		t.Fatal(err)
	}
	wantCalls(t, fake.take(), "launchctl bootout "+target)
	if st, _ := m.Status(); st.Running || st.Detail != "not loaded" {
		t.Errorf("after Stop, Status = %+v", st)
	}

	if err := m.Uninstall(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(plist); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("plist still there after Uninstall: %v", err)
	}
	for _, c := range fake.calls {
		if strings.Contains(c, " load ") || strings.Contains(c, " unload ") {
			t.Errorf("legacy launchctl call %q", c)
		}
	}
}

func TestParseLaunchctlPrint(t *testing.T) {
	for out, want := range map[string]bool{
		"x = {\n\tstate = running\n\tpid = 12\n}":        true,
		"x = {\n\tstate = not running\n\truns = 3\n}":    false,
		"x = {\n\tstate = spawn scheduled\n}":            false,
		"x = {\n\tstate = running\n\tendpoints = {\n}\n": true,
	} {
		if got, _ := parseLaunchctlPrint(out); got != want {
			t.Errorf("running(%q) = %v, want %v", out, got, want)
		}
	}
}

func TestLaunchdDomainIsTheUsersGUISession(t *testing.T) {
	m, err := New(testSpec(t), WithPlatform("darwin"), WithHome(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	l := m.b.(*launchd)
	if want := "gui/" + strconv.Itoa(os.Getuid()); l.domain() != want {
		t.Errorf("domain = %q, want %q", l.domain(), want)
	}
}
