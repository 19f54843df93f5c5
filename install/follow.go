package install

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// followPoll is how often a followed log file is checked for new lines.
const followPoll = 200 * time.Millisecond

// FollowLogs prints the daemon's last lines, then new ones as they come,
// until ctx ends: `journalctl -f` where the systemd user service logs,
// the state folder's log file otherwise.
func (m *Manager) FollowLogs(ctx context.Context, w io.Writer, lines int) error {
	if lines <= 0 {
		lines = 50
	}
	if s, ok := m.b.(*systemd); ok {
		if avail, _ := s.available(); avail {
			cmd := exec.CommandContext(ctx, "journalctl", "--user", "-u", ServiceName+".service",
				"-n", strconv.Itoa(lines), "-f", "--no-pager")
			cmd.Stdout, cmd.Stderr = w, w
			if err := cmd.Run(); err != nil && ctx.Err() == nil {
				return fmt.Errorf("follow the journal: %w", err)
			}
			return nil
		}
	}
	return FollowFile(ctx, w, m.spec.Paths.DaemonLog(), lines, followPoll)
}

// FollowFile prints the last n lines of path, then whatever is appended,
// checking every poll, until ctx ends. A file that does not exist yet is
// waited for; one that shrinks (truncated, or replaced) is read again from
// its start.
func FollowFile(ctx context.Context, w io.Writer, path string, n int, poll time.Duration) error {
	var offset int64
	first := true
	for {
		f, err := os.Open(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if first {
				fmt.Fprintf(w, "No log yet at %s; waiting for it.\n", path)
				first = false
			}
		case err != nil:
			return fmt.Errorf("open log: %w", err)
		default:
			offset, err = copyNew(w, f, path, n, offset, first)
			f.Close()
			if err != nil {
				return err
			}
			first = false
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(poll):
		}
	}
}

// copyNew writes what f holds past offset (its last n lines, the first
// time) and returns the new offset.
func copyNew(w io.Writer, f *os.File, path string, n int, offset int64, first bool) (int64, error) {
	info, err := f.Stat()
	if err != nil {
		return offset, fmt.Errorf("read log: %w", err)
	}
	size := info.Size()
	if first {
		if err := tailFile(w, path, n); err != nil {
			return offset, err
		}
		return size, nil
	}
	if size < offset {
		offset = 0 // truncated or replaced: start over
	}
	if size == offset {
		return offset, nil
	}
	if _, err := io.Copy(w, io.NewSectionReader(f, offset, size-offset)); err != nil {
		return offset, fmt.Errorf("write log: %w", err)
	}
	return size, nil
}
