package install

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// launchd runs the daemon as a LaunchAgent, all by itself rather than
// through kardianos/service, because kardianos:
//   - starts and stops with `launchctl load` / `unload`, legacy since macOS
//     10.10 and unreliable on current macOS ("Load failed: 5: Input/output
//     error"); `bootstrap gui/UID` / `bootout` are the supported forms;
//   - finds the home folder through the user database, not HOME, and is
//     compiled only on darwin, so none of it could be tested elsewhere;
//   - has no KeepAlive dictionary (only a bool), which would restart the
//     daemon after a clean `daemon stop`.
type launchd struct{ m *Manager }

func (l *launchd) name() string { return ManagerLaunchd }

func (l *launchd) plistPath() string {
	return filepath.Join(l.m.home, "Library", "LaunchAgents", LaunchdLabel+".plist")
}

// domain is the user's GUI login session, where LaunchAgents live.
func (l *launchd) domain() string { return "gui/" + strconv.Itoa(l.m.uid) }

func (l *launchd) target() string { return l.domain() + "/" + LaunchdLabel }

// available: every Mac has launchd; a missing GUI session (ssh only) shows
// up as a bootstrap error that says so.
func (l *launchd) available() (bool, string) { return true, "" }

func (l *launchd) installed() bool {
	_, err := os.Stat(l.plistPath())
	return err == nil
}

// install writes the plist, which launchd loads at every login. A loaded
// agent whose plist changed is booted out and in again, since launchd reads
// the plist only when it loads it.
func (l *launchd) install() error {
	want := LaunchdPlist(l.m.spec)
	old, err := os.ReadFile(l.plistPath())
	if err == nil && string(old) == want {
		return nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("read plist: %w", err)
	}
	// launchd opens the log before starting the daemon; a missing folder
	// would make every start fail silently.
	if err := l.m.spec.Paths.EnsureState(); err != nil {
		return err
	}
	wasLoaded := l.loaded()
	if wasLoaded {
		if err := l.bootout(); err != nil {
			return err
		}
	}
	if err := writeFileAtomic(l.plistPath(), []byte(want), 0o644); err != nil {
		return err
	}
	if wasLoaded {
		return l.bootstrap()
	}
	return nil
}

func (l *launchd) uninstall() error {
	if err := l.stop(); err != nil {
		return err
	}
	if err := os.Remove(l.plistPath()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove plist: %w", err)
	}
	return nil
}

// start loads the agent (RunAtLoad starts it), or kicks a loaded one that
// is not running.
func (l *launchd) start() error {
	if l.loaded() {
		return l.launchctl("kickstart", l.target())
	}
	return l.bootstrap()
}

// stop unloads the agent: it stays stopped until Start or the next login.
func (l *launchd) stop() error {
	if !l.loaded() {
		return nil
	}
	return l.bootout()
}

// restart kills and restarts a loaded agent in one step (kickstart -k).
func (l *launchd) restart() error {
	if l.loaded() {
		return l.launchctl("kickstart", "-k", l.target())
	}
	return l.bootstrap()
}

func (l *launchd) bootstrap() error {
	// A `launchctl disable` left from earlier makes bootstrap fail with an
	// opaque I/O error; enable is a no-op otherwise.
	if err := l.launchctl("enable", l.target()); err != nil {
		return err
	}
	if err := l.launchctl("bootstrap", l.domain(), l.plistPath()); err != nil {
		return fmt.Errorf("%w (the agent needs a login session on the Mac, not only ssh)", err)
	}
	return nil
}

func (l *launchd) bootout() error { return l.launchctl("bootout", l.target()) }

func (l *launchd) launchctl(args ...string) error {
	_, err := l.m.run(commandTimeout, "launchctl", args...)
	return err
}

// loaded asks launchd whether it knows the agent; print fails (113) when
// it does not.
func (l *launchd) loaded() bool {
	_, err := l.m.run(commandTimeout, "launchctl", "print", l.target())
	return err == nil
}

func (l *launchd) status(st *Status) error {
	st.UnitPath = l.plistPath()
	plist, err := os.ReadFile(st.UnitPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read plist: %w", err)
	}
	st.Installed = true
	st.Env = parsePlistEnv(string(plist))
	out, err := l.m.run(commandTimeout, "launchctl", "print", l.target())
	if err != nil {
		st.Detail = "not loaded"
		return nil
	}
	st.Running, st.Detail = parseLaunchctlPrint(string(out))
	return nil
}

// parseLaunchctlPrint finds the job's state ("running", "not running",
// "spawn scheduled"...) in `launchctl print` output; a pid also means it
// runs.
func parseLaunchctlPrint(out string) (running bool, state string) {
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "state = "); ok && state == "" {
			state = v
		}
		if _, ok := strings.CutPrefix(line, "pid = "); ok {
			running = true
		}
	}
	return running || state == "running", state
}

func (l *launchd) logs(w io.Writer, lines int) error {
	return tailFile(w, l.m.spec.Paths.DaemonLog(), lines)
}

// writeFileAtomic replaces path so that a reader (launchd at login) never
// sees half a file.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name()) // a no-op after the rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
