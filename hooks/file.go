package hooks

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ops are the points where Install and Uninstall may be interrupted and the
// one call that may fail for reasons of the file system. Tests stop a run
// at each step (as a kill would) and make linking fail; the zero value is
// what production uses.
type ops struct {
	stop func(step string) // told of each point a kill could hit
	link func(oldname, newname string) error
}

func (o ops) step(s string) {
	if o.stop != nil {
		o.stop(s)
	}
}

func (o ops) linkFile(oldname, newname string) error {
	if o.link != nil {
		return o.link(oldname, newname)
	}
	return os.Link(oldname, newname)
}

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
// foreign (anything else, including a dangling symlink). For ours, version
// is the number in the marker (0 when it does not parse).
func classify(path string) (k kind, version int, err error) {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return absent, 0, nil
	}
	if err != nil {
		return absent, 0, err
	}
	if info.IsDir() {
		return absent, 0, fmt.Errorf("%s is a folder, not a hook", path)
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return foreign, 0, nil // dangling symlink: someone else's
	}
	if err != nil {
		return absent, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, markerWindow))
	sc.Buffer(make([]byte, 4096), markerWindow)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if rest, ok := strings.CutPrefix(line, markerPrefix); ok {
			v, _ := strconv.Atoi(strings.TrimSpace(rest))
			return ours, v, nil
		}
	}
	// A line longer than the window is not our script either.
	if err := sc.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return absent, 0, err
	}
	return foreign, 0, nil
}

// tempPrefix starts the name of every temp file Install writes: a dot, so
// that git never takes one for a hook, and the final name, so that the next
// Install knows which leftovers are its own.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp-" }

// writeAtomic replaces path with data, so that git never runs a half
// written hook: the bytes go to a temp file in the same folder, which is
// then renamed over path.
func writeAtomic(path string, data []byte, mode fs.FileMode, o ops) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPrefix(path)+"*")
	if err != nil {
		return err
	}
	// Removed on an error, not on a kill: that is what the next Install's
	// sweep is for.
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	o.step("temp file created for " + path)
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
	o.step("temp file written for " + path)
	return os.Rename(tmp.Name(), path)
}

// sameFile reports whether path is a regular file with exactly data and mode.
func sameFile(path string, data []byte, mode fs.FileMode) bool {
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != mode {
		return false
	}
	have, err := os.ReadFile(path)
	return err == nil && bytes.Equal(have, data)
}

// A chained hook lives one folder below the hooks folder, so a relative
// symlink gets one "../" more there: it keeps pointing at the same file,
// and taking the "../" off again gives back the user's exact link.
func linkDown(target string) string {
	if filepath.IsAbs(target) {
		return target
	}
	return "../" + target
}

func linkUp(target string) string {
	if filepath.IsAbs(target) {
		return target
	}
	return strings.TrimPrefix(target, "../")
}

// sameHook reports whether the hook at top (in the hooks folder) and the
// one at below (in ChainDir) are the same hook: one file under two names,
// equal bytes and mode, or symlinks to the same place. It tells an
// interrupted Install or Uninstall from two different hooks.
func sameHook(top, below string) bool {
	ti, err1 := os.Lstat(top)
	bi, err2 := os.Lstat(below)
	if err1 != nil || err2 != nil {
		return false
	}
	switch {
	case ti.Mode()&fs.ModeSymlink != 0 && bi.Mode()&fs.ModeSymlink != 0:
		tt, err1 := os.Readlink(top)
		bt, err2 := os.Readlink(below)
		return err1 == nil && err2 == nil && linkDown(tt) == bt
	case ti.Mode().IsRegular() && bi.Mode().IsRegular():
		if os.SameFile(ti, bi) {
			return true
		}
		if ti.Mode() != bi.Mode() || ti.Size() != bi.Size() {
			return false
		}
		a, err1 := os.ReadFile(top)
		b, err2 := os.ReadFile(below)
		return err1 == nil && err2 == nil && bytes.Equal(a, b)
	}
	return false
}

// copyDown makes below (in ChainDir) the same hook as top, leaving top in
// place, and fails if below exists. A regular file is hard-linked, which
// keeps its bytes, mode, owner and times exactly; where a link is refused
// (a file system without them, or a file owned by someone else under
// fs.protected_hardlinks) it is copied with its bytes and mode. A symlink
// is recreated with linkDown's target.
func copyDown(top, below string, o ops) error {
	info, err := os.Lstat(top)
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Readlink(top)
		if err != nil {
			return err
		}
		return os.Symlink(linkDown(target), below)
	}
	err = o.linkFile(top, below)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	data, err := os.ReadFile(top)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(below); err == nil {
		return fmt.Errorf("%s: %w", below, fs.ErrExist)
	}
	return writeAtomic(below, data, info.Mode().Perm(), o)
}

// moveUp puts the chained hook below back at top in one rename, replacing
// whatever is at top; below is gone afterwards. A symlink is first
// recreated beside top with linkUp's target.
func moveUp(below, top string, o ops) error {
	info, err := os.Lstat(below)
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink == 0 {
		return os.Rename(below, top)
	}
	target, err := os.Readlink(below)
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(top), tempPrefix(top)+"link")
	_ = os.Remove(tmp)
	if err := os.Symlink(linkUp(target), tmp); err != nil {
		return err
	}
	o.step("symlink made beside " + top)
	if err := os.Rename(tmp, top); err != nil {
		os.Remove(tmp)
		return err
	}
	o.step("symlink renamed to " + top)
	return os.Remove(below)
}

// sweep removes the temp files an interrupted Install or Uninstall left in
// dir for hook: only names this package makes, nothing else.
func sweep(dir, hook string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	prefix := tempPrefix(hook)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove leftover %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}
