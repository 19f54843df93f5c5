package analyze

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// ErrNoBlob means the file does not exist at that commit (or is not a
// file there, or its name cannot be asked for).
var ErrNoBlob = errors.New("no such file at that commit")

// ErrBlobTooLarge means the file is larger than the reader was allowed to
// return; nothing of it was kept in memory.
var ErrBlobTooLarge = errors.New("file too large to read")

// FileReader reads the file at path in commit, at most max bytes
// (ErrBlobTooLarge beyond, ErrNoBlob when there is none): a BlobReader, or
// a reader that answers from what an analysis has read already.
type FileReader interface {
	Read(commit, path string, max int64) ([]byte, error)
}

// BlobReader reads files at commits through one long-running
// `git cat-file --batch` process, instead of a process per file: a backfill
// reads thousands of them.
type BlobReader struct {
	mu     sync.Mutex
	cmd    interface{ Wait() error }
	stdin  io.WriteCloser
	stdout *bufio.Reader
	cancel context.CancelFunc
	err    error // sticky: the process failed
}

// NewBlobReader starts the reader, or hands out one an ended analysis
// left warm (KeepReaders). Close it when done.
func (r *Repo) NewBlobReader(ctx context.Context) (*BlobReader, error) {
	if b := r.takeKept(); b != nil {
		return b, nil
	}
	return r.startBlobReader(ctx)
}

// startBlobReader starts a reader's git process.
func (r *Repo) startBlobReader(ctx context.Context) (*BlobReader, error) {
	ctx, cancel := context.WithCancel(ctx)
	cmd := streamCommand(ctx, r.GitDir, "cat-file", "--batch")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	return &BlobReader{cmd: cmd, stdin: stdin, stdout: bufio.NewReaderSize(stdout, 64<<10), cancel: cancel}, nil
}

// Read returns the file at path in commit, at most max bytes (ErrBlobTooLarge
// beyond, without holding the content).
func (b *BlobReader) Read(commit, path string, max int64) ([]byte, error) {
	if commit == "" || path == "" {
		return nil, ErrNoBlob
	}
	return b.ReadObject(commit+":"+path, max)
}

// ReadObject returns the blob name names: "COMMIT:PATH", or the blob's own
// object name, which git finds without walking a commit's trees.
func (b *BlobReader) ReadObject(name string, max int64) ([]byte, error) {
	return b.readOne(name, "blob", max)
}

// readOne asks git for one object of type kind. The names are read one
// per line: a name that holds a line break names nothing.
func (b *BlobReader) readOne(name, kind string, max int64) ([]byte, error) {
	if strings.ContainsAny(name, "\n\r") || name == "" {
		return nil, ErrNoBlob // cat-file --batch reads one name per line
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return nil, b.err
	}
	if _, err := io.WriteString(b.stdin, name+"\n"); err != nil {
		return nil, b.fail(err)
	}
	return b.answerOf(kind, max)
}

// maxTree bounds a tree object ReadTree reads: a folder of some thousands
// of entries.
const maxTree = 1 << 20

// ReadTree returns the tree object name names ("COMMIT:DIR", or "COMMIT:"
// for the root) as git stores it: entries of "MODE NAME\0" and the object
// name in binary. ErrNoBlob when there is none or it is no tree (a file).
func (b *BlobReader) ReadTree(name string) ([]byte, error) {
	return b.readOne(name, "tree", maxTree)
}

// ReadObjects reads several blobs in one round trip: every name is written
// at once and the answers read in order. Each round trip to git costs more
// than a small file's content (two wakeups of each process: about 40 µs
// of our CPU and as much of git's on a 2-core machine), and a detector
// that needs both sides of a file, or probes the READMEs of a folder,
// knows its names together. An error of one name (ErrNoBlob,
// ErrBlobTooLarge) is its answer's; a failure of git is every answer's.
func (b *BlobReader) ReadObjects(names []string, max int64) []BlobAnswer {
	out := make([]BlobAnswer, len(names))
	b.mu.Lock()
	defer b.mu.Unlock()
	var req strings.Builder
	asked := make([]int, 0, len(names))
	for i, name := range names {
		if strings.ContainsAny(name, "\n\r") || name == "" {
			out[i].Err = ErrNoBlob
			continue
		}
		req.WriteString(name)
		req.WriteByte('\n')
		asked = append(asked, i)
		// git answers while it reads: names beyond what its input pipe
		// holds would wait for it to read, while it waits for us to read
		// what it wrote. Past maxBatchRequest they go in the next round.
		if req.Len() >= maxBatchRequest {
			b.round(req.String(), asked, max, out)
			req.Reset()
			asked = asked[:0]
		}
	}
	if len(asked) > 0 {
		b.round(req.String(), asked, max, out)
	}
	return out
}

// maxBatchRequest bounds the names ReadObjects writes before it reads the
// answers: well under a pipe's buffer (64 KiB on Linux, a page at the least).
const maxBatchRequest = 2048

// round writes req, the names of out's entries asked, and reads their
// answers. Under b.mu.
func (b *BlobReader) round(req string, asked []int, max int64, out []BlobAnswer) {
	if b.err == nil {
		if _, err := io.WriteString(b.stdin, req); err != nil {
			b.fail(err)
		}
	}
	for _, i := range asked {
		if b.err != nil {
			out[i].Err = b.err // the stream is lost: no later answer can be trusted
			continue
		}
		out[i].Data, out[i].Err = b.answer(max)
	}
}

// BlobAnswer is one answer of ReadObjects.
type BlobAnswer struct {
	Data []byte
	Err  error
}

// answer reads the answer to one name asked, a blob. Under b.mu.
func (b *BlobReader) answer(max int64) ([]byte, error) { return b.answerOf("blob", max) }

// answerOf reads the answer to one name asked, an object of type kind.
// Under b.mu.
func (b *BlobReader) answerOf(kind string, max int64) ([]byte, error) {
	header, err := b.stdout.ReadString('\n')
	if err != nil {
		return nil, b.fail(err)
	}
	// "NAME missing" or "NAME ambiguous" echo the name asked, which may
	// hold spaces (a path); a found object's header is "OID TYPE SIZE".
	header = strings.TrimSuffix(header, "\n")
	if strings.HasSuffix(header, " missing") || strings.HasSuffix(header, " ambiguous") {
		return nil, ErrNoBlob
	}
	fields := strings.Fields(header)
	if len(fields) != 3 {
		return nil, b.fail(fmt.Errorf("unexpected answer %q", header))
	}
	size, err := strconv.ParseInt(fields[2], 10, 64)
	if err != nil {
		return nil, b.fail(fmt.Errorf("unexpected answer %q", header))
	}
	if fields[1] != kind || size > max {
		// Skip the content and its trailing newline.
		if _, err := b.stdout.Discard(int(size) + 1); err != nil {
			return nil, b.fail(err)
		}
		if fields[1] != kind {
			return nil, ErrNoBlob
		}
		return nil, ErrBlobTooLarge
	}
	buf := make([]byte, size+1)
	if _, err := io.ReadFull(b.stdout, buf); err != nil {
		return nil, b.fail(err)
	}
	return buf[:size], nil
}

// failed reports whether the reader's process failed.
func (b *BlobReader) failed() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err != nil
}

func (b *BlobReader) fail(err error) error {
	b.err = fmt.Errorf("git cat-file: %w", err)
	return b.err
}

// Close ends the git process.
func (b *BlobReader) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.stdin.Close()
	err := b.cmd.Wait()
	b.cancel()
	if b.err == nil && err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	return nil
}
