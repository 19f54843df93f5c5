package hooks

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// kind says who wrote a hook file.
type kind int

const (
	absent kind = iota
	ours
	foreign
)

// markerWindow bounds how much of a file is searched for the marker, so
// that a large foreign hook (a compiled binary, say) is not read whole.
const markerWindow = 64 << 10

// classify tells whether path is absent, ours (it holds the marker line) or
// foreign (anything else, including a dangling symlink).
func classify(path string) (kind, error) {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return absent, nil
	}
	if err != nil {
		return absent, err
	}
	if info.IsDir() {
		return absent, fmt.Errorf("%s is a folder, not a hook", path)
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return foreign, nil // dangling symlink: someone else's
	}
	if err != nil {
		return absent, err
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, markerWindow))
	sc.Buffer(make([]byte, 4096), markerWindow)
	for sc.Scan() {
		if strings.HasPrefix(strings.TrimRight(sc.Text(), "\r"), markerPrefix) {
			return ours, nil
		}
	}
	// A line longer than the window is not our script either.
	if err := sc.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return absent, err
	}
	return foreign, nil
}

// writeAtomic replaces path with data, so that git never runs a half
// written hook: the bytes go to a temp file in the same folder (git ignores
// names starting with a dot), which is then renamed over path.
func writeAtomic(path string, data []byte, mode fs.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	// Chmod, not the create mode, so that the umask cannot drop the x bits.
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// sameFile reports whether path is a regular file with exactly data and mode.
func sameFile(path string, data []byte, mode fs.FileMode) bool {
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != mode {
		return false
	}
	have, err := os.ReadFile(path)
	return err == nil && string(have) == string(data)
}
