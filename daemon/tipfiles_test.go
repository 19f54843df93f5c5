package daemon

import (
	"bytes"
	"errors"
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
	data, ok := c.files[commit+":"+path]
	if !ok {
		return nil, analyze.ErrNoBlob
	}
	return data, nil
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
	// Another commit, or another bound, is another answer.
	tf.Read("other", "a.go", analyze.MaxSourceBytes)
	tf.Read("tip", "a.go", 0)
	if r.reads != 4 {
		t.Errorf("reads = %d, want 4", r.reads)
	}
}

func TestTipFilesKeepsNoMoreThanItsBound(t *testing.T) {
	big := bytes.Repeat([]byte("x"), maxTipFileBytes/2+1)
	r := &countingReader{files: map[string][]byte{"tip:a": big, "tip:b": big}}
	tf := newTipFiles(r)
	tf.Read("tip", "a", 0)
	tf.Read("tip", "b", 0) // over the bound: not kept
	tf.Read("tip", "a", 0)
	tf.Read("tip", "b", 0)
	if r.reads != 3 {
		t.Errorf("reads = %d, want 3 (the second file read again)", r.reads)
	}
	if tf.bytes > maxTipFileBytes {
		t.Errorf("kept %d bytes, bound %d", tf.bytes, maxTipFileBytes)
	}
}
