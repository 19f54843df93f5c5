package config

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// readSettingsFile reads a settings file without trusting it: it must be a
// regular file (a symbolic link is followed only when followLinks is set,
// and never to a device, a pipe or a folder) of at most max bytes, and it
// is read through a limit, so that a link to /dev/zero or a file that grows
// meanwhile cannot make ticket-master read without end. A missing file is
// an error matching os.ErrNotExist.
func readSettingsFile(path string, max int64, followLinks bool) ([]byte, error) {
	st, err := os.Lstat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, err
		}
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	flags := openFlags
	if st.Mode()&fs.ModeSymlink != 0 {
		if !followLinks {
			return nil, whole(path, "is a symbolic link; ticket-master reads only a regular file here, as the daemon does in commits: commit the settings themselves")
		}
		if st, err = os.Stat(path); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	} else {
		flags |= openNoFollow
	}
	if err := regular(path, st, max); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|flags, 0)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	// The file checked above must be the one opened: a swap in between
	// (for a link to a device) is refused too.
	if fst, err := f.Stat(); err != nil || !os.SameFile(st, fst) {
		return nil, whole(path, "changed while being read; try again")
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, whole(path, "%s", tooLarge(int64(len(data)), max))
	}
	return data, nil
}

// regular refuses what is not a regular file of at most max bytes, before
// anything is read.
func regular(path string, st fs.FileInfo, max int64) error {
	m := st.Mode()
	switch {
	case m.IsDir():
		return whole(path, "is a folder, not a settings file")
	case m&fs.ModeSymlink != 0:
		return whole(path, "is a symbolic link; use a regular file")
	case !m.IsRegular():
		return whole(path, "is not a regular file (a device, a pipe or a socket); use a regular file")
	case st.Size() > max:
		return whole(path, "%s", tooLarge(st.Size(), max))
	}
	return nil
}

// tooLarge says a file is over its limit.
func tooLarge(size, max int64) string { return TooLarge(size, max) }

// TooLarge says a settings file of size bytes is over its limit of max,
// in the words every reader of settings files uses.
func TooLarge(size, max int64) string {
	return fmt.Sprintf("is %s, more than the %s a settings file may hold; is it the right file?", sizeOf(size), sizeOf(max))
}

func sizeOf(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadConfigFile reads the user's config.yaml with its limits: a regular
// file (a link to one is fine: dotfiles), at most MaxConfigFile bytes.
func ReadConfigFile(path string) ([]byte, error) {
	return readSettingsFile(path, MaxConfigFile, true)
}
