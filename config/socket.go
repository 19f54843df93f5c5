package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
)

// Socket is the daemon's Unix socket: daemon.sock in RuntimeDir, unless that
// path is too long for a Unix socket (sun_path holds 108 bytes on Linux, 104
// on macOS, the final NUL included), as under a deep TICKET_MASTER_HOME or
// home folder. Then it is a short path of the same name for every client
// and the daemon: /tmp/ticket-master-<uid>/<hash of RuntimeDir>.sock, in a
// folder only the user can enter.
func (p Paths) Socket() string {
	long, short := p.sockets()
	if short != "" {
		return short
	}
	return long
}

// SocketFallback reports whether Socket is the short fallback and, if so,
// the path it stands in for.
func (p Paths) SocketFallback() (long string, ok bool) {
	long, short := p.sockets()
	return long, short != ""
}

// sockets returns the usual socket path and, when that is too long, the
// short one that replaces it.
func (p Paths) sockets() (long, short string) {
	long = filepath.Join(p.RuntimeDir, "daemon.sock")
	if len(long) <= maxSocketPath() {
		return long, ""
	}
	sum := sha256.Sum256([]byte(p.RuntimeDir))
	return long, filepath.Join(shortSocketDir(), hex.EncodeToString(sum[:6])+".sock")
}

func maxSocketPath() int {
	if runtime.GOOS == "linux" || runtime.GOOS == "windows" {
		return 107
	}
	return 103
}

// shortSocketDir is the per-user folder of fallback sockets.
func shortSocketDir() string {
	root := "/tmp" // not $TMPDIR: it may be long itself (macOS)
	if runtime.GOOS == "windows" {
		root = os.TempDir()
	}
	return filepath.Join(root, "ticket-master-"+strconv.Itoa(os.Getuid()))
}

// ensureShortSocketDir creates the fallback socket folder when it is in
// use, mode 0700, and refuses one that another user could have made or
// entered: /tmp is shared, and the socket accepts commands.
func (p Paths) ensureShortSocketDir() error {
	if _, ok := p.SocketFallback(); !ok {
		return nil
	}
	return ensurePrivateDir(shortSocketDir())
}

func ensurePrivateDir(dir string) error {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create the socket folder %s: %w", dir, err)
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("check the socket folder: %w", err)
	}
	if !info.IsDir() || !ownedByMe(info) {
		return fmt.Errorf("%s is not a folder of yours; remove it, or use a shorter TICKET_MASTER_HOME or XDG_RUNTIME_DIR so that the socket needs no folder in /tmp", dir)
	}
	if info.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("secure the socket folder %s: %w", dir, err)
		}
	}
	return nil
}
