package install

import "io"

// none is an OS without a per-user service manager we support: the daemon
// runs detached, and only its log file can be shown.
type none struct {
	m      *Manager
	reason string
}

func (n none) name() string              { return "" }
func (n none) available() (bool, string) { return false, n.reason }
func (n none) installed() bool           { return false }
func (n none) install() error            { return noManager(n.reason) }
func (n none) uninstall() error          { return nil }
func (n none) start() error              { return noManager(n.reason) }
func (n none) stop() error               { return noManager(n.reason) }
func (n none) restart() error            { return noManager(n.reason) }
func (n none) status(*Status) error      { return nil }
func (n none) logs(w io.Writer, lines int) error {
	return tailFile(w, n.m.spec.Paths.DaemonLog(), lines)
}
