package daemon

import (
	"errors"
	"slices"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

func batchOf(hash string) resultBatch {
	return resultBatch{results: []analyze.Result{{Commit: analyze.Commit{Hash: hash}}}}
}

// Batches are stored in the order written, each whole, and close waits
// for the last.
func TestBatchWriterStoresInOrder(t *testing.T) {
	var stored []string
	bw := startBatchWriter(func(b resultBatch) error {
		stored = append(stored, b.results[0].Commit.Hash)
		return nil
	})
	want := []string{"a", "b", "c", "d", "e"}
	for _, h := range want {
		if err := bw.write(batchOf(h)); err != nil {
			t.Fatal(err)
		}
	}
	if err := bw.close(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(stored, want) {
		t.Fatalf("stored %v, want %v", stored, want)
	}
}

// After a store fails nothing more is stored, not even a batch that
// waited behind it, and the failure is what close reports (and write,
// once the writer has seen it).
func TestBatchWriterStopsAtAFailure(t *testing.T) {
	boom := errors.New("database full")
	var stored []string
	release := make(chan struct{})
	bw := startBatchWriter(func(b resultBatch) error {
		h := b.results[0].Commit.Hash
		if h == "b" {
			<-release // until c waits behind it
			return boom
		}
		stored = append(stored, h)
		return nil
	})
	for _, h := range []string{"a", "b", "c"} {
		if err := bw.write(batchOf(h)); err != nil {
			t.Fatalf("write %s: %v", h, err)
		}
	}
	close(release)
	// Refused, or taken and dropped: either way not stored.
	if err := bw.write(batchOf("d")); err != nil && !errors.Is(err, boom) {
		t.Fatalf("write d: %v", err)
	}
	if err := bw.close(); !errors.Is(err, boom) {
		t.Fatalf("close: %v, want %v", err, boom)
	}
	if !slices.Equal(stored, []string{"a"}) {
		t.Fatalf("stored %v, want only the batch before the failure", stored)
	}
}
