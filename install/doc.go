// Package install registers the ticket-master daemon with the operating
// system's service manager, so that it starts at login and restarts after a
// crash without anyone running `ticket-master daemon start`.
//
// The service is always a per-user one, never a system one: the daemon reads
// the user's repositories, config and keyring, and talks to a socket in the
// user's runtime folder, so it must run as that user, and installing it must
// not need root.
//
// What each OS gets:
//
//   - Linux: a systemd user unit, ~/.config/systemd/user/ticket-master.service,
//     wanted by default.target, restarted on failure, logging to the journal.
//     Written and driven through github.com/kardianos/service, with our own
//     unit text (see SystemdUnit for why).
//   - macOS: a LaunchAgent, ~/Library/LaunchAgents/io.github.ticket-master.plist,
//     run at load, kept alive after a crash, logging to the state folder's
//     daemon.log; loaded with `launchctl bootstrap gui/UID` rather than the
//     legacy `load` that kardianos/service uses (see launchd.go).
//   - Windows: a per-user service does not exist there; the closest thing is a
//     scheduled task that starts the daemon when the user logs on (see
//     schtasks.go).
//
// Where no service manager is available (a container, CI, a Linux without a
// systemd user manager) Status says why and Install returns
// ErrNoServiceManager: the caller then runs the daemon detached, as
// daemon.Starter does through the same policy.
package install
