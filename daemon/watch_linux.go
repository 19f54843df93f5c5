package daemon

import (
	"errors"
	"fmt"
	"syscall"
)

// The inotify limits are per user and set by sysctl; the messages name the
// setting to raise, since "no space left on device" alone sends people to
// df.

// watcherInitError explains a failed inotify_init: EMFILE means the user has
// max_user_instances inotify instances already (editors, IDEs and file
// syncers each hold some), or the process ran out of file descriptors.
func watcherInitError(err error) error {
	if errors.Is(err, syscall.EMFILE) {
		return fmt.Errorf("start file watcher: too many inotify instances; raise the limit with "+
			"`sysctl fs.inotify.max_user_instances=512` (repositories fall back to the periodic reconcile): %w", err)
	}
	return fmt.Errorf("start file watcher: %w", err)
}

// watchAddError explains a failed inotify_add_watch: ENOSPC means the user's
// max_user_watches watches are in use.
func watchAddError(dir string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("watch %s: inotify watch limit reached; raise it with "+
			"`sysctl fs.inotify.max_user_watches=524288` (this repository falls back to the periodic reconcile): %w", dir, err)
	}
	return fmt.Errorf("watch %s: %w", dir, err)
}
