package install

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// logonTask is Windows' stand-in for a per-user service. A Windows service
// (what kardianos/service installs there) runs under a service account,
// needs an administrator to install, and cannot reach the user's keyring or
// files as the user; Windows has no per-user service. The closest thing is
// a Task Scheduler task that starts the daemon when this user logs on, run
// as the user with limited rights.
//
// The task is created from XML rather than with
// `schtasks /Create /SC ONLOGON /TR ...`, because that form:
//   - sets a logon trigger for any user, which only an administrator may
//     register ("Access is denied" otherwise); the XML names this user;
//   - keeps the default 72-hour execution limit, after which Windows would
//     kill the daemon; the XML sets none (PT0S);
//   - cannot ask for a restart after a failure or keep running on battery.
//
// Limits, documented rather than worked around: the task does not carry
// the environment captured at install (it gets the user's own, so variables
// go in with `setx`), and the daemon's console window shows at logon.
type logonTask struct{ m *Manager }

func (t *logonTask) name() string { return ManagerWindows }

func (t *logonTask) available() (bool, string) { return true, "" }

func (t *logonTask) taskPath() string { return `\` + ServiceName }

func (t *logonTask) installed() bool {
	_, err := t.query()
	return err == nil
}

// install creates or replaces the task (/F).
func (t *logonTask) install() error {
	if err := t.m.spec.Paths.EnsureState(); err != nil {
		return err
	}
	xmlFile := filepath.Join(t.m.spec.Paths.StateDir, "logon-task.xml")
	if err := os.WriteFile(xmlFile, utf16File(logonTaskXML(t.m.spec, t.m.user)), 0o600); err != nil {
		return fmt.Errorf("write task definition: %w", err)
	}
	defer os.Remove(xmlFile)
	return t.schtasks("/Create", "/TN", ServiceName, "/XML", xmlFile, "/F")
}

func (t *logonTask) uninstall() error {
	_ = t.stop() // fails when the task is not running, which is fine here
	return t.schtasks("/Delete", "/TN", ServiceName, "/F")
}

func (t *logonTask) start() error { return t.schtasks("/Run", "/TN", ServiceName) }
func (t *logonTask) stop() error  { return t.schtasks("/End", "/TN", ServiceName) }

func (t *logonTask) restart() error {
	_ = t.stop() // the task may not be running
	return t.start()
}

func (t *logonTask) schtasks(args ...string) error {
	_, err := t.m.run(commandTimeout, "schtasks", args...)
	return err
}

// query returns the task's status column: "Ready", "Running", "Disabled".
func (t *logonTask) query() (string, error) {
	out, err := t.m.run(commandTimeout, "schtasks", "/Query", "/TN", ServiceName, "/FO", "CSV", "/NH")
	if err != nil {
		return "", err
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimSpace(string(out)))).ReadAll()
	if err != nil || len(recs) == 0 || len(recs[0]) < 3 {
		return "", errors.New("unexpected schtasks /Query output")
	}
	return recs[0][2], nil
}

func (t *logonTask) status(st *Status) error {
	st.UnitPath = t.taskPath()
	state, err := t.query()
	if err != nil {
		return nil // no such task
	}
	st.Installed = true
	st.Running = state == "Running"
	st.Detail = state
	return nil
}

func (t *logonTask) logs(w io.Writer, lines int) error {
	return tailFile(w, t.m.spec.Paths.DaemonLog(), lines)
}

// logonTaskXML is the Task Scheduler definition (schema 1.2, Windows 7 and
// later) of the logon task for user.
func logonTaskXML(spec Spec, user string) string {
	u := xmlEscape(user)
	return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>` + xmlEscape(description) + `</Description>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
      <UserId>` + u + `</UserId>
    </LogonTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>` + u + `</UserId>
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <RestartOnFailure>
      <Interval>PT1M</Interval>
      <Count>3</Count>
    </RestartOnFailure>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>` + xmlEscape(spec.Exe) + `</Command>
      <Arguments>daemon run</Arguments>
      <WorkingDirectory>` + xmlEscape(spec.Paths.StateDir) + `</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
`
}

// utf16File encodes s as UTF-16LE with a byte-order mark, the encoding
// schtasks /XML reads reliably (it rejects some UTF-8 files).
func utf16File(s string) []byte {
	units := utf16.Encode([]rune(strings.ReplaceAll(s, "\n", "\r\n")))
	b := make([]byte, 0, 2+2*len(units))
	b = append(b, 0xFF, 0xFE)
	for _, u := range units {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}
