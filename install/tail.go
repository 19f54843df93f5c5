package install

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// tailFile writes the last n lines of path to w, reading backwards from the
// end so that a log of any size costs only what is shown.
func tailFile(w io.Writer, path string, n int) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no log yet at %s", path)
	}
	if err != nil {
		return fmt.Errorf("open log: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read log: %w", err)
	}
	const chunk = 32 << 10
	end := info.Size()
	var tail []byte
	for end > 0 {
		start := max(end-chunk, 0)
		buf := make([]byte, end-start)
		if _, err := f.ReadAt(buf, start); err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read log: %w", err)
		}
		tail = append(buf, tail...)
		end = start
		// n+1 newlines: the last line may end with one.
		if bytes.Count(tail, []byte("\n")) > n {
			break
		}
	}
	tail = lastLines(tail, n)
	if _, err := w.Write(tail); err != nil {
		return fmt.Errorf("write log: %w", err)
	}
	return nil
}

// lastLines is the suffix of b holding its last n lines.
func lastLines(b []byte, n int) []byte {
	body := bytes.TrimSuffix(b, []byte("\n"))
	for i := len(body) - 1; i >= 0; i-- {
		if body[i] == '\n' {
			n--
			if n == 0 {
				return b[i+1:]
			}
		}
	}
	return b
}
