package install

import (
	"errors"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/config"
)

func testSpec(t *testing.T) Spec {
	t.Helper()
	return Spec{
		Exe: "/opt/Ticket Master/bin/ticket-master",
		Env: map[string]string{
			"OLLAMA_HOST":        "http://127.0.0.1:11434",
			"PATH":               "/home/me/bin:/usr/bin",
			"TICKET_MASTER_HOME": "/home/me/tm home",
		},
		Paths: config.Paths{
			ConfigDir:  t.TempDir(),
			StateDir:   t.TempDir(),
			RuntimeDir: t.TempDir(),
		},
	}
}

func TestCaptureEnvTakesOnlySetVariablesAndNoTokens(t *testing.T) {
	env := map[string]string{
		"OLLAMA_HOST":     "http://gpu:11434",
		"PATH":            "/usr/bin",
		"XDG_STATE_HOME":  "/s",
		"XDG_SESSION_ID":  "3",
		"GH_TOKEN":        "secret",
		"GITHUB_TOKEN":    "secret",
		"GITHUB_API_URL":  "",
		"UNRELATED_THING": "x",
	}
	got := CaptureEnv(func(k string) string { return env[k] })
	want := map[string]string{"OLLAMA_HOST": "http://gpu:11434", "PATH": "/usr/bin", "XDG_STATE_HOME": "/s"}
	if len(got) != len(want) {
		t.Fatalf("CaptureEnv = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("CaptureEnv[%s] = %q, want %q", k, got[k], v)
		}
	}
}

func TestNewRejectsUnusableSpecs(t *testing.T) {
	for name, mutate := range map[string]func(*Spec){
		"relative exe":     func(s *Spec) { s.Exe = "ticket-master" },
		"no state folder":  func(s *Spec) { s.Paths.StateDir = "" },
		"newline in value": func(s *Spec) { s.Env["OLLAMA_HOST"] = "a\nExecStartPre=/bin/evil" },
		"bad name":         func(s *Spec) { s.Env["A B"] = "x" },
	} {
		t.Run(name, func(t *testing.T) {
			spec := testSpec(t)
			mutate(&spec)
			if _, err := New(spec, WithPlatform("plan9"), WithHome(t.TempDir())); err == nil {
				t.Fatal("New accepted the spec")
			}
		})
	}
}

func TestUnsupportedOSHasNoManager(t *testing.T) {
	m, err := New(testSpec(t), WithPlatform("plan9"), WithHome(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	st, err := m.Status()
	if err != nil {
		t.Fatal(err)
	}
	if st.Available || st.Manager != "" || !strings.Contains(st.Reason, "plan9") {
		t.Errorf("Status = %+v, want unavailable naming plan9", st)
	}
	if err := m.Install(); !errors.Is(err, ErrNoServiceManager) {
		t.Errorf("Install = %v, want ErrNoServiceManager", err)
	}
	if err := m.Start(); !errors.Is(err, ErrNoServiceManager) {
		t.Errorf("Start = %v, want ErrNoServiceManager", err)
	}
	if err := m.Uninstall(); err != nil {
		t.Errorf("Uninstall of nothing = %v, want nil", err)
	}
}
