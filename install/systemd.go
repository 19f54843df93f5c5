package install

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kardianos/service"
)

// availabilityTimeout bounds the question "is there a user manager?", which
// `ticket-master status` and enroll ask on every run.
const availabilityTimeout = 2 * time.Second

// systemd runs the daemon as a systemd user unit. kardianos/service writes
// the unit file and runs systemctl --user enable/disable/start/stop/
// is-active; this file adds what it lacks for a user service: detecting a
// user manager, our unit text, replacing a changed unit, lingering and the
// journal.
type systemd struct {
	m   *Manager
	svc service.Service // nil when kardianos has no systemd here
}

// noop satisfies service.Interface: kardianos only registers the service
// here; the daemon itself runs through `ticket-master daemon run`.
type noop struct{}

func (noop) Start(service.Service) error { return nil }
func (noop) Stop(service.Service) error  { return nil }

func newSystemd(m *Manager) (*systemd, error) {
	s := &systemd{m: m}
	// kardianos's own choice (ChosenSystem) asks whether PID 1 is systemd
	// (/run/systemd/system, /proc/1/comm). That is the wrong question for a
	// user service, which needs this user's manager, and it is false in a
	// container even with a user manager around. So the systemd System is
	// taken by name, and available() asks the user manager itself.
	var sys service.System
	for _, candidate := range service.AvailableSystems() {
		if candidate.String() == "linux-systemd" {
			sys = candidate
		}
	}
	if sys == nil {
		return s, nil // built for another OS: available() says so
	}
	if home, err := os.UserHomeDir(); err != nil || home != s.m.home {
		return nil, fmt.Errorf("systemd units go under $HOME (%s), not %s", home, s.m.home)
	}
	unit := SystemdUnit(m.spec)
	// kardianos renders SystemdScript as a template; ours has no actions,
	// so it is written verbatim unless a path or value contains "{{".
	if strings.Contains(unit, "{{") {
		return nil, errors.New(`the service's path or environment contains "{{", which kardianos/service would read as a template`)
	}
	svc, err := sys.New(noop{}, &service.Config{
		Name:        ServiceName,
		Description: description,
		Executable:  m.spec.Exe,
		Arguments:   []string{"daemon", "run"},
		Option: service.KeyValue{
			"UserService":   true,
			"SystemdScript": unit,
		},
	})
	if err != nil {
		return nil, fmt.Errorf("set up systemd service: %w", err)
	}
	s.svc = svc
	return s, nil
}

func (s *systemd) name() string { return ManagerSystemd }

func (s *systemd) unitPath() string {
	return filepath.Join(s.m.home, ".config", "systemd", "user", ServiceName+".service")
}

// available is true when this user's systemd manager runs and answers. Its
// runtime folder is the cheap first test (it is absent in containers and CI
// runners), then `systemctl --user show-environment` proves that the
// manager answers on its bus within a short time.
func (s *systemd) available() (bool, string) {
	if s.svc == nil {
		return false, "kardianos/service has no systemd support in this build"
	}
	if !s.runtimeFolderExists() {
		return false, "no systemd user manager (a container or CI)"
	}
	if _, err := s.m.run(availabilityTimeout, "systemctl", "--user", "show-environment"); err != nil {
		return false, fmt.Sprintf("the systemd user manager does not answer (%v)", err)
	}
	return true, ""
}

func (s *systemd) runtimeFolderExists() bool {
	var dirs []string
	if run := s.m.getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(run) {
		dirs = append(dirs, filepath.Join(run, "systemd"))
	}
	dirs = append(dirs, filepath.Join(s.m.runtimeRoot, strconv.Itoa(s.m.uid), "systemd"))
	for _, d := range dirs {
		if info, err := os.Stat(d); err == nil && info.IsDir() {
			return true
		}
	}
	return false
}

func (s *systemd) installed() bool {
	_, err := os.Stat(s.unitPath())
	return err == nil
}

// install writes the unit and enables it. kardianos refuses to overwrite a
// unit, so a changed one is uninstalled first and, if it was running,
// restarted, so that the new binary or environment takes effect.
func (s *systemd) install() error {
	want := SystemdUnit(s.m.spec)
	old, err := os.ReadFile(s.unitPath())
	switch {
	case err == nil && string(old) == want:
		return nil
	case err == nil:
		wasRunning := s.running()
		if err := s.uninstall(); err != nil {
			return err
		}
		if err := s.svc.Install(); err != nil {
			return err
		}
		if wasRunning {
			return s.svc.Start()
		}
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return s.svc.Install()
	default:
		return fmt.Errorf("read unit: %w", err)
	}
}

// uninstall stops the unit first: kardianos only disables it and removes
// the file, which would leave the daemon running with no unit behind it.
func (s *systemd) uninstall() error {
	_ = s.svc.Stop() // fails when the unit is not loaded, which is fine here
	return s.svc.Uninstall()
}

func (s *systemd) start() error   { return s.svc.Start() }
func (s *systemd) stop() error    { return s.svc.Stop() }
func (s *systemd) restart() error { return s.svc.Restart() }

// running asks kardianos (systemctl --user is-active), which counts
// "activating" as running too.
func (s *systemd) running() bool {
	st, err := s.svc.Status()
	return err == nil && st == service.StatusRunning
}

func (s *systemd) status(st *Status) error {
	st.UnitPath = s.unitPath()
	unit, err := os.ReadFile(st.UnitPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read unit: %w", err)
	}
	st.Installed = true
	st.Env = parseSystemdEnv(string(unit))
	if !st.Available {
		return nil
	}
	switch state, err := s.svc.Status(); {
	case err == nil && state == service.StatusRunning:
		st.Running = true
	case err != nil && strings.Contains(err.Error(), "failed state"):
		st.Detail = "failed"
	}
	st.Lingering = s.lingering()
	return nil
}

// lingering says whether the user manager outlives the user's last session:
// without it the service stops at logout and starts at the next login.
func (s *systemd) lingering() *bool {
	if s.m.user == "" {
		return nil
	}
	out, err := s.m.run(availabilityTimeout, "loginctl", "show-user", s.m.user, "--property=Linger")
	if err != nil {
		return nil
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Linger="); ok {
			on := v == "yes"
			return &on
		}
	}
	return nil
}

// logs reads the journal, where a user unit's output goes. Without a user
// manager the daemon ran detached, so its log file is the place.
func (s *systemd) logs(w io.Writer, lines int) error {
	if ok, _ := s.available(); !ok {
		return tailFile(w, s.m.spec.Paths.DaemonLog(), lines)
	}
	out, err := s.m.run(commandTimeout, "journalctl", "--user", "-u", ServiceName+".service",
		"-n", strconv.Itoa(lines), "--no-pager")
	if err != nil {
		return fmt.Errorf("read journal: %w", err)
	}
	if _, err := io.Copy(w, bytes.NewReader(out)); err != nil {
		return fmt.Errorf("write logs: %w", err)
	}
	return nil
}
