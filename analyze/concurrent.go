package analyze

import (
	"context"
	"io"
	"sync"
)

// resultsAhead is how many results per worker may wait for fn: a batch
// written to the database (200 commits) takes about as long as detecting
// a dozen commits, which the workers did not do while results could not
// be handed on.
const resultsAhead = 16

// detectJob is one commit's diff on its way to a detect worker; the result
// comes back on out.
type detectJob struct {
	c       Commit
	cd      *CommitDiff
	skipped []SkippedFile
	out     chan Result
}

// consumeConcurrently reads the diff stream on one goroutine, runs detect
// on workers goroutines and calls fn on the caller's, in commit order. At
// most about twice workers commits' diffs are in memory at once, queued
// for a worker or in one; the results of up to resultsAhead times workers
// more wait for fn, so that the detectors go on while fn stores a batch.
func consumeConcurrently(ctx context.Context, stdout io.Reader, todo []Commit, limits DiffLimits, blobs blobSource, files *fileCache, workers int, detect DetectFunc, tell PaceFunc, fn func(Result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan detectJob, workers)
	// order holds each commit's result channel in commit order: fn takes
	// them one by one, whichever worker finishes first.
	order := make(chan chan Result, resultsAhead*workers)
	pace := newPacer(stdout, tell)
	defer pace.close() // after the workers: wg.Wait comes first
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if w > 0 {
					pace.await() // the extra workers run while the detectors are behind git
				}
				j, ok := <-jobs
				if !ok {
					return
				}
				res := detect(j.c, j.cd)
				res.Skipped = append(res.Skipped, j.skipped...)
				j.out <- res // buffered: never waits
			}
		}()
	}
	var readErr error // written before order is closed, read after
	go func() {
		defer close(order)
		defer close(jobs)
		defer pace.end() // what is left is the workers'; the parked ones see jobs closed
		dr := NewDiffReader(stdout, limits)
		for i := 0; ; i++ {
			cd, skipped, err := nextDiff(dr, todo, i)
			if err != nil || cd == nil {
				readErr = err
				return
			}
			pace.look(i)
			// Recorded before any later commit's detect can follow it.
			files.record(todo[i], cd)
			files.attach(blobs, todo[i], cd)
			out := make(chan Result, 1)
			select {
			case jobs <- detectJob{c: todo[i], cd: cd, skipped: skipped, out: out}:
			case <-ctx.Done():
				readErr = ctx.Err()
				return
			}
			select {
			case order <- out:
			case <-ctx.Done():
				readErr = ctx.Err()
				return
			}
		}
	}()
	var ferr error
	for out := range order {
		if ferr != nil {
			continue // stopping: let the reader see the cancel and close order
		}
		// Results may wait here for many commits: a cancel stops their
		// delivery too, not only the reading.
		if ferr = ctx.Err(); ferr != nil {
			continue
		}
		if ferr = fn(<-out); ferr != nil {
			cancel()
		}
	}
	// No detect call may outlive the analysis: the blob reader it reads
	// through is closed next.
	wg.Wait()
	if ferr != nil {
		return ferr
	}
	return readErr
}
