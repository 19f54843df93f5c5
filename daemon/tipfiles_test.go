package daemon

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// countingReader answers from files and counts the reads that reach it.
type countingReader struct {
	files map[string][]byte
	reads int
}

func (c *countingReader) Read(commit, path string, max int64) ([]byte, error) {
	c.reads++
	return c.answer(commit+":"+path, max)
}

// answer is what git cat-file answers for name, bounded by max.
func (c *countingReader) answer(name string, max int64) ([]byte, error) {
	data, ok := c.files[name]
	switch {
	case !ok:
		return nil, analyze.ErrNoBlob
	case int64(len(data)) > max:
		return nil, analyze.ErrBlobTooLarge
	}
	return data, nil
}

// batchingReader is a countingReader that also reads many files in one
// round trip, and counts those.
type batchingReader struct {
	countingReader
	rounds int
}

func (b *batchingReader) ReadObjects(names []string, max int64) []analyze.BlobAnswer {
	b.rounds++
	out := make([]analyze.BlobAnswer, len(names))
	for i, n := range names {
		out[i].Data, out[i].Err = b.answer(n, max)
	}
	return out
}

func TestTipFilesReadsEachFileOnce(t *testing.T) {
	r := &countingReader{files: map[string][]byte{"tip:a.go": []byte("package a\n")}}
	tf := newTipFiles(r)
	for range 3 {
		data, err := tf.Read("tip", "a.go", analyze.MaxSourceBytes)
		if err != nil || string(data) != "package a\n" {
			t.Fatalf("Read = %q, %v", data, err)
		}
		if _, err := tf.Read("tip", "gone.go", analyze.MaxSourceBytes); !errors.Is(err, analyze.ErrNoBlob) {
			t.Fatalf("a missing file: %v, want ErrNoBlob", err)
		}
	}
	if r.reads != 2 {
		t.Errorf("git was asked %d times for 2 files read 3 times each, want 2", r.reads)
	}
	// Another commit is another answer; a smaller bound is answered from
	// what was read (too large for it), a larger one than a file was too
	// large for is read again.
	tf.Read("other", "a.go", analyze.MaxSourceBytes)
	if _, err := tf.Read("tip", "a.go", 4); !errors.Is(err, analyze.ErrBlobTooLarge) {
		t.Errorf("a.go bounded by 4 bytes: %v, want ErrBlobTooLarge", err)
	}
	if r.reads != 3 {
		t.Errorf("reads = %d, want 3", r.reads)
	}
	tf = newTipFiles(r)
	tf.Read("tip", "a.go", 4)
	if data, err := tf.Read("tip", "a.go", analyze.MaxSourceBytes); err != nil || string(data) != "package a\n" || r.reads != 5 {
		t.Errorf("a.go read again with a larger bound: %q, %v after %d reads, want it whole after 5", data, err, r.reads)
	}
	if data, err := tf.Read("tip", "a.go", 10); err != nil || string(data) != "package a\n" || r.reads != 5 {
		t.Errorf("a.go within a smaller bound: %q, %v after %d reads, want it whole after 5", data, err, r.reads)
	}
}

// Prefetch reads the files asked for a few to a round trip, and the reads
// after it are answered from them, whatever their bound.
func TestTipFilesPrefetch(t *testing.T) {
	r := &batchingReader{countingReader: countingReader{files: map[string][]byte{}}}
	var paths []string
	for i := range prefetchBatch + 2 {
		p := fmt.Sprintf("f%d.go", i)
		r.files["tip:"+p] = []byte("package f\n")
		paths = append(paths, p, p) // asked twice: read once
	}
	paths = append(paths, "gone.go", "")
	tf := newTipFiles(r)
	tf.Prefetch("tip", paths, analyze.MaxSourceBytes)
	if r.rounds != 2 || r.reads != 0 {
		t.Errorf("prefetching %d files took %d round trips and %d reads, want 2 and none", prefetchBatch+3, r.rounds, r.reads)
	}
	for _, p := range paths[:len(paths)-1] {
		tf.Read("tip", p, 256<<10)
		tf.Read("tip", p, analyze.MaxSourceBytes)
	}
	if _, err := tf.Read("tip", "gone.go", 0); !errors.Is(err, analyze.ErrNoBlob) || r.reads != 0 {
		t.Errorf("after prefetching: gone.go %v, %d reads; want ErrNoBlob and none", err, r.reads)
	}
	// A reader that reads one at a time is left to the checks.
	one := &countingReader{files: r.files}
	newTipFiles(one).Prefetch("tip", paths, analyze.MaxSourceBytes)
	if one.reads != 0 {
		t.Errorf("prefetch read %d files one by one, want none", one.reads)
	}
}

func TestTipFilesKeepsNoMoreThanItsBound(t *testing.T) {
	big := bytes.Repeat([]byte("x"), maxTipFileBytes/2+1)
	r := &countingReader{files: map[string][]byte{"tip:a": big, "tip:b": big}}
	tf := newTipFiles(r)
	max := int64(len(big))
	tf.Read("tip", "a", max)
	tf.Read("tip", "b", max) // over the bound: not kept
	tf.Read("tip", "a", max)
	tf.Read("tip", "b", max)
	if r.reads != 3 {
		t.Errorf("reads = %d, want 3 (the second file read again)", r.reads)
	}
	if tf.bytes > maxTipFileBytes {
		t.Errorf("kept %d bytes, bound %d", tf.bytes, maxTipFileBytes)
	}
}
