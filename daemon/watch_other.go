//go:build !linux

package daemon

import (
	"errors"
	"fmt"
	"syscall"
)

// Outside Linux, fsnotify uses kqueue (one open file per watched folder and
// file) or ReadDirectoryChangesW; the limit that bites is open files.

func watcherInitError(err error) error {
	return fmt.Errorf("start file watcher: %w", err)
}

func watchAddError(dir string, err error) error {
	if errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
		return fmt.Errorf("watch %s: too many open files; raise the open-file limit (ulimit -n, "+
			"kern.maxfilesperproc on macOS) (this repository falls back to the periodic reconcile): %w", dir, err)
	}
	return fmt.Errorf("watch %s: %w", dir, err)
}
