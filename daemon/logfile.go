package daemon

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"sync"
)

// The detached daemon writes its log to the state folder's daemon.log,
// where nothing else would ever trim it. It rotates the file itself: past
// logMaxSize, daemon.log becomes daemon.log.1, .1 becomes .2, and so on,
// keeping logKeep old generations (about 20 MiB in all). No library: the
// rule is these few lines, and the one thing a library would not do here
// is point the process's stdout and stderr at the new file, so that a
// crash's trace lands in the current log too.
const (
	logMaxSize = 5 << 20
	logKeep    = 3
)

// rotatingLog is an io.Writer appending to path and rotating it.
type rotatingLog struct {
	mu   sync.Mutex
	path string
	max  int64
	keep int
	f    *os.File
	size int64
	// onRotate is told of each new file (it points stdout and stderr there).
	onRotate func(*os.File)
}

func openRotatingLog(path string, max int64, keep int, onRotate func(*os.File)) (*rotatingLog, error) {
	l := &rotatingLog{path: path, max: max, keep: keep, onRotate: onRotate}
	if err := l.open(); err != nil {
		return nil, err
	}
	if l.size >= l.max {
		if err := l.rotate(); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func (l *rotatingLog) open() error {
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open daemon log: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open daemon log: %w", err)
	}
	l.f, l.size = f, info.Size()
	return nil
}

// Write appends p, rotating first when p would take the file past the cap.
// A failed rotation is not the caller's problem: the line is written to the
// file at hand, and the next write tries again.
func (l *rotatingLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.size > 0 && l.size+int64(len(p)) > l.max {
		_ = l.rotate()
	}
	n, err := l.f.Write(p)
	l.size += int64(n)
	return n, err
}

func (l *rotatingLog) rotate() error {
	for i := l.keep - 1; i >= 1; i-- {
		err := os.Rename(generation(l.path, i), generation(l.path, i+1))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("rotate daemon log: %w", err)
		}
	}
	if err := os.Rename(l.path, generation(l.path, 1)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("rotate daemon log: %w", err)
	}
	old := l.f
	if err := l.open(); err != nil {
		l.f = old // keep writing to the renamed file rather than nowhere
		return err
	}
	old.Close()
	if l.onRotate != nil {
		l.onRotate(l.f)
	}
	return nil
}

func (l *rotatingLog) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.f.Close()
}

// generation is the name of the i-th older log file (0: the current one).
func generation(path string, i int) string {
	if i == 0 {
		return path
	}
	return path + "." + strconv.Itoa(i)
}

// ErrNoLog means the daemon has written no log at that path yet.
var ErrNoLog = errors.New("no log yet")

// TailLog writes the last n lines of the daemon log at path to w, reading
// back through its rotated generations when the current file holds fewer.
func TailLog(w io.Writer, path string, n int) error {
	var chunks [][]byte
	found := false
	for i := 0; n > 0 && i <= logKeep; i++ {
		lines, got, err := lastLinesOf(generation(path, i), n)
		if errors.Is(err, fs.ErrNotExist) {
			if i == 0 {
				continue // rotated just now, or not written yet
			}
			break
		}
		if err != nil {
			return err
		}
		found = true
		chunks = append(chunks, lines)
		n -= got
	}
	if !found {
		return fmt.Errorf("%w at %s", ErrNoLog, path)
	}
	for i := len(chunks) - 1; i >= 0; i-- {
		if _, err := w.Write(chunks[i]); err != nil {
			return fmt.Errorf("write log: %w", err)
		}
	}
	return nil
}

// lastLinesOf returns the last n lines of the file at path (each ending in
// a newline) and how many that is, reading backwards from its end so that
// a big file costs only what is shown.
func lastLinesOf(path string, n int) ([]byte, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, fmt.Errorf("read log: %w", err)
	}
	const chunk = 32 << 10
	end := info.Size()
	var tail []byte
	for end > 0 && bytes.Count(tail, []byte("\n")) <= n {
		start := max(end-chunk, 0)
		buf := make([]byte, end-start)
		if _, err := f.ReadAt(buf, start); err != nil && !errors.Is(err, io.EOF) {
			return nil, 0, fmt.Errorf("read log: %w", err)
		}
		tail = append(buf, tail...)
		end = start
	}
	if len(tail) > 0 && tail[len(tail)-1] != '\n' {
		tail = append(tail, '\n')
	}
	lines := bytes.SplitAfter(tail, []byte("\n"))
	lines = lines[:len(lines)-1] // after the final newline: nothing
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, nil), len(lines), nil
}

// takeOverLog makes the daemon write its log through a rotatingLog when its
// stderr is the state folder's daemon.log: it was started detached (or by
// launchd, which points stderr there too), so nothing else would trim the
// file. It returns the logger to use, and what to call on the way out;
// ok is false when the daemon logs elsewhere (a terminal, the journal).
func takeOverLog(path string) (logger *slog.Logger, closeLog func(), ok bool) {
	se, err := os.Stderr.Stat()
	if err != nil {
		return nil, nil, false
	}
	li, err := os.Stat(path)
	if err != nil || !os.SameFile(se, li) {
		return nil, nil, false
	}
	l, err := openRotatingLog(path, logMaxSize, logKeep, redirectStd)
	if err != nil {
		return nil, nil, false
	}
	return slog.New(slog.NewTextHandler(l, nil)), func() { l.Close() }, true
}
