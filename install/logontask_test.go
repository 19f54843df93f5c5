package install

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf16"
)

// fakeSchtasks records calls, keeps the task's state, and keeps the XML
// that /Create was given (the file is removed after the call).
type fakeSchtasks struct {
	calls []string
	state string // "" when there is no task
	xml   string
}

func (f *fakeSchtasks) run(_ context.Context, name string, args ...string) ([]byte, error) {
	f.calls = append(f.calls, name+" "+strings.Join(args, " "))
	switch args[0] {
	case "/Create":
		b, err := os.ReadFile(args[4])
		if err != nil {
			return nil, err
		}
		f.xml = decodeUTF16(b)
		f.state = "Ready"
	case "/Query":
		if f.state == "" {
			return nil, errors.New("ERROR: The system cannot find the file specified.")
		}
		return []byte(`"\ticket-master","N/A","` + f.state + "\"\r\n"), nil
	case "/Run":
		f.state = "Running"
	case "/End":
		f.state = "Ready"
	case "/Delete":
		f.state = ""
	}
	return nil, nil
}

func decodeUTF16(b []byte) string {
	if len(b) < 2 || b[0] != 0xFF || b[1] != 0xFE {
		return "no UTF-16LE byte-order mark"
	}
	units := make([]uint16, 0, len(b)/2)
	for i := 2; i+1 < len(b); i += 2 {
		units = append(units, uint16(b[i])|uint16(b[i+1])<<8)
	}
	return string(utf16.Decode(units))
}

func TestLogonTaskLifecycle(t *testing.T) {
	fake := &fakeSchtasks{}
	spec := testSpec(t)
	spec.Exe = `C:\Program Files\ticket-master\ticket-master.exe`
	m, err := New(spec, WithPlatform("windows"), WithHome(t.TempDir()), WithRunner(fake.run))
	if err != nil {
		t.Fatal(err)
	}
	m.user = `DESK\ana & co`

	if err := m.Install(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(fake.calls[len(fake.calls)-1], "schtasks /Create /TN ticket-master /XML ") ||
		!strings.HasSuffix(fake.calls[len(fake.calls)-1], " /F") {
		t.Errorf("create call = %q", fake.calls[len(fake.calls)-1])
	}
	for _, want := range []string{
		"<LogonTrigger>\r\n      <Enabled>true</Enabled>\r\n      <UserId>DESK\\ana &amp; co</UserId>",
		"<RunLevel>LeastPrivilege</RunLevel>",
		"<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>",
		`<Command>C:\Program Files\ticket-master\ticket-master.exe</Command>`,
		"<Arguments>daemon run</Arguments>",
	} {
		if !strings.Contains(fake.xml, want) {
			t.Errorf("task XML lacks %q:\n%s", want, fake.xml)
		}
	}

	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	st, err := m.Status()
	if err != nil {
		t.Fatal(err)
	}
	if st.Manager != ManagerWindows || !st.Installed || !st.Running || st.UnitPath != `\ticket-master` {
		t.Errorf("Status = %+v", st)
	}
	if err := m.Uninstall(); err != nil {
		t.Fatal(err)
	}
	wantCalls(t, fake.calls, "schtasks /Run /TN ticket-master", "schtasks /End /TN ticket-master", "schtasks /Delete /TN ticket-master /F")
	if st, _ := m.Status(); st.Installed {
		t.Errorf("after Uninstall, Status = %+v", st)
	}
}
