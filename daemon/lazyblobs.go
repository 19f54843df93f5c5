package daemon

import (
	"context"
	"errors"
	"sync"

	"github.com/ticket-master/ticket-master/analyze"
)

// lazyBlobs is a blob reader that starts its `git cat-file` on the first
// read: following the code after a backfill most often reads nothing, and
// a backfill's workers read the files their commits give through the
// analysis' own reader, this one only for the odd file of another commit.
// Safe for concurrent use, as analyze.BlobReader is.
type lazyBlobs struct {
	start func() (*analyze.BlobReader, error)

	mu     sync.Mutex
	b      *analyze.BlobReader
	err    error
	closed bool
}

func newLazyBlobs(ctx context.Context, repo *analyze.Repo) *lazyBlobs {
	return &lazyBlobs{start: func() (*analyze.BlobReader, error) { return repo.NewBlobReader(ctx) }}
}

// reader is the started reader, started now if it was not.
func (l *lazyBlobs) reader() (*analyze.BlobReader, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, errLazyBlobsClosed
	}
	if l.b == nil && l.err == nil {
		l.b, l.err = l.start()
	}
	return l.b, l.err
}

var errLazyBlobsClosed = errors.New("git cat-file: reader closed")

func (l *lazyBlobs) Read(commit, path string, max int64) ([]byte, error) {
	b, err := l.reader()
	if err != nil {
		return nil, err
	}
	return b.Read(commit, path, max)
}

// ReadTree is the reader's ReadTree (analyze.TreeReader).
func (l *lazyBlobs) ReadTree(name string) ([]byte, error) {
	b, err := l.reader()
	if err != nil {
		return nil, err
	}
	return b.ReadTree(name)
}

// ReadObjects is the reader's ReadObjects (analyze.TreeReader).
func (l *lazyBlobs) ReadObjects(names []string, max int64) []analyze.BlobAnswer {
	b, err := l.reader()
	if err != nil {
		out := make([]analyze.BlobAnswer, len(names))
		for i := range out {
			out[i].Err = err
		}
		return out
	}
	return b.ReadObjects(names, max)
}

// Close stops git if it was started.
func (l *lazyBlobs) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.b != nil {
		l.b.Close()
	}
}
