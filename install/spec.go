package install

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/ticket-master/ticket-master/config"
)

const (
	// ServiceName names the systemd unit (ticket-master.service) and the
	// Windows task.
	ServiceName = "ticket-master"
	// LaunchdLabel is the LaunchAgent's label, reverse-DNS as launchd expects.
	LaunchdLabel = "io.github.ticket-master"

	description = "ticket-master: drafts GitHub issues from your commits"
)

// Spec is what a service registration needs to know.
type Spec struct {
	Exe   string            // absolute path of ticket-master; the service runs "Exe daemon run"
	Env   map[string]string // captured at install time (CaptureEnv): only the variables that were set
	Paths config.Paths      // the state folder holds the log where the OS manager has no journal
}

// capturedVars are the variables the daemon's behaviour depends on. A service
// manager starts the daemon with a bare environment, so without them it
// would talk to another Ollama or GitHub, or open another database. The XDG
// base directories are listed one by one rather than as XDG_*: session
// variables such as XDG_SESSION_ID describe the install-time login and would
// be wrong for the service. Tokens (GH_TOKEN, GITHUB_TOKEN) are never
// captured: a unit file is not a secret store; the daemon reads the keyring.
var capturedVars = []string{
	"OLLAMA_HOST",
	"GITHUB_API_URL",
	"TICKET_MASTER_HOME",
	"PATH",
	"XDG_CONFIG_HOME",
	"XDG_STATE_HOME",
	"XDG_DATA_HOME",
	"XDG_CACHE_HOME",
	"XDG_RUNTIME_DIR",
}

// CaptureEnv returns the variables the service needs that are set in the
// caller's environment. getenv is os.Getenv outside tests.
func CaptureEnv(getenv func(string) string) map[string]string {
	env := make(map[string]string)
	for _, k := range capturedVars {
		if v := getenv(k); v != "" {
			env[k] = v
		}
	}
	return env
}

// validate rejects a spec that would produce a broken or ambiguous service
// definition, so that no half-written unit is left behind.
func (s Spec) validate(goos string) error {
	if !isAbs(goos, s.Exe) {
		return fmt.Errorf("service executable %q is not an absolute path", s.Exe)
	}
	if s.Paths.StateDir == "" {
		return errors.New("service spec has no state folder")
	}
	values := []string{s.Exe, s.Paths.StateDir}
	for k, v := range s.Env {
		if k == "" || strings.ContainsAny(k, "= \t\n\"\\") {
			return fmt.Errorf("environment variable name %q is not usable in a service definition", k)
		}
		values = append(values, v)
	}
	for _, v := range values {
		// A unit file or plist is line-based for its readers (and
		// for us when Status reads the environment back).
		if strings.ContainsAny(v, "\x00\n\r") {
			return fmt.Errorf("%q contains a line break, which a service definition cannot carry", v)
		}
	}
	return nil
}

// isAbs is filepath.IsAbs for goos, which differs from the running OS when
// a test picks another platform.
func isAbs(goos, p string) bool {
	switch {
	case goos == runtime.GOOS:
		return filepath.IsAbs(p)
	case goos == "windows":
		drive := len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/')
		return drive || strings.HasPrefix(p, `\\`)
	default:
		return strings.HasPrefix(p, "/")
	}
}
