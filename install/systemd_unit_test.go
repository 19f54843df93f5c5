package install

import (
	"strings"
	"testing"
)

func TestSystemdUnitText(t *testing.T) {
	spec := testSpec(t)
	spec.Env["GITHUB_API_URL"] = `http://127.0.0.1:8080/api/"v3"/100%`
	unit := SystemdUnit(spec)

	for _, want := range []string{
		"[Unit]\nDescription=ticket-master: drafts GitHub issues from your commits\n",
		"\n[Service]\n",
		"\nExecStart=\"/opt/Ticket Master/bin/ticket-master\" daemon run\n",
		"\nRestart=on-failure\n",
		"\nRestartSec=2s\n",
		"\nEnvironment=\"OLLAMA_HOST=http://127.0.0.1:11434\"\n",
		"\nEnvironment=\"TICKET_MASTER_HOME=/home/me/tm home\"\n",
		"\nEnvironment=\"GITHUB_API_URL=http://127.0.0.1:8080/api/\\\"v3\\\"/100%%\"\n",
		"\n[Install]\nWantedBy=default.target\n",
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("unit lacks %q:\n%s", want, unit)
		}
	}
	for _, never := range []string{"multi-user.target", "User=", "network", "/etc/sysconfig"} {
		if strings.Contains(unit, never) {
			t.Errorf("unit contains %q:\n%s", never, unit)
		}
	}
	// Environment lines are sorted, so the text is stable across installs
	// and an unchanged spec is recognised as such.
	if unit != SystemdUnit(spec) {
		t.Error("SystemdUnit is not deterministic")
	}
	g, o := strings.Index(unit, "GITHUB_API_URL"), strings.Index(unit, "OLLAMA_HOST")
	if g > o {
		t.Error("Environment lines are not sorted")
	}
}

func TestSystemdExecArgEscapesSpecifiersAndVariables(t *testing.T) {
	got := systemdExecArg(`/home/a "b"/100%/$HOME\x`)
	want := `"/home/a \"b\"/100%%/$$HOME\\x"`
	if got != want {
		t.Errorf("systemdExecArg = %s, want %s", got, want)
	}
}

func TestSystemdEnvReadsBackWhatWasWritten(t *testing.T) {
	spec := testSpec(t)
	spec.Env["GITHUB_API_URL"] = `http://h/a "quoted" \back\ 50% $NOTVAR`
	got := parseSystemdEnv(SystemdUnit(spec))
	if len(got) != len(spec.Env) {
		t.Fatalf("read back %v, want %v", got, spec.Env)
	}
	for k, v := range spec.Env {
		if got[k] != v {
			t.Errorf("%s read back as %q, want %q", k, got[k], v)
		}
	}
	// Hand-written units use the plain and the several-per-line forms too.
	plain := parseSystemdEnv("Environment=A=1 \"B=two words\"\nEnvironment=C=3\n")
	if plain["A"] != "1" || plain["B"] != "two words" || plain["C"] != "3" {
		t.Errorf("plain forms read as %v", plain)
	}
}
