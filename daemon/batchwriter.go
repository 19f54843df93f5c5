package daemon

import (
	"sync"

	"github.com/ticket-master/ticket-master/analyze"
)

// A batch's transaction (its findings, drafts, digest and budget, then a
// commit of the database) took a tenth of the CPU of a backfill of
// go-git's last 2,000 commits, on the goroutine that takes the results in
// order: while it wrote, the results waited, and then the detectors. The
// batches are written on a goroutine of their own, in order, one at a
// time, while the next batch is collected.

// resultBatch is one batch of prepared results, with the fact checks and
// the findings dropped while they were prepared.
type resultBatch struct {
	results []analyze.Result
	checks  FactChecks
	dropped int
}

// batchWriter stores batches on its own goroutine, in the order written.
// After a failed store it stores nothing more, and write and close report
// the error.
type batchWriter struct {
	store func(resultBatch) error
	queue chan resultBatch
	done  chan struct{}

	mu  sync.Mutex
	err error
}

// startBatchWriter starts the goroutine that stores the batches.
func startBatchWriter(store func(resultBatch) error) *batchWriter {
	bw := &batchWriter{store: store, queue: make(chan resultBatch, 1), done: make(chan struct{})}
	go bw.run()
	return bw
}

func (bw *batchWriter) run() {
	defer close(bw.done)
	for b := range bw.queue {
		if bw.failed() != nil {
			continue // drained, not stored
		}
		if err := bw.store(b); err != nil {
			bw.mu.Lock()
			bw.err = err
			bw.mu.Unlock()
		}
	}
}

func (bw *batchWriter) failed() error {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	return bw.err
}

// write hands b to the writer; it waits while the writer still has a
// batch waiting. It returns the error of a store that failed before.
func (bw *batchWriter) write(b resultBatch) error {
	if err := bw.failed(); err != nil {
		return err
	}
	bw.queue <- b
	return nil
}

// close waits for the batches written so far to be stored, and returns
// the first error of a store.
func (bw *batchWriter) close() error {
	close(bw.queue)
	<-bw.done
	return bw.failed()
}
