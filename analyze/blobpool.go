package analyze

import (
	"context"
	"errors"
	"sync"
)

// blobSource reads a blob by name ("COMMIT:PATH" or the blob's object
// name): a BlobReader, or a pool of them.
type blobSource interface {
	ReadObject(name string, max int64) ([]byte, error)
	ReadObjects(names []string, max int64) []BlobAnswer
}

// blobPool shares up to max `git cat-file --batch` readers among the
// detect workers. With one reader, a worker waited for the other's round
// trip to git as often as for its own: a third of a backfill's reading
// time went to that wait. Readers start on first need, so a reconcile of
// one commit starts one.
type blobPool struct {
	repo *Repo
	ctx  context.Context
	max  int

	mu   sync.Mutex
	all  []*BlobReader
	free []*BlobReader
	wake *sync.Cond
}

func (r *Repo) newBlobPool(ctx context.Context, readers int) *blobPool {
	p := &blobPool{repo: r, ctx: ctx, max: max(readers, 1)}
	p.wake = sync.NewCond(&p.mu)
	return p
}

// ReadObject reads through a free reader, starting one when none is free
// and fewer than max run.
func (p *blobPool) ReadObject(name string, max int64) ([]byte, error) {
	b, err := p.take()
	if err != nil {
		return nil, err
	}
	defer p.give(b)
	return b.ReadObject(name, max)
}

// ReadObjects reads the names in one round trip through a free reader.
func (p *blobPool) ReadObjects(names []string, max int64) []BlobAnswer {
	b, err := p.take()
	if err != nil {
		out := make([]BlobAnswer, len(names))
		for i := range out {
			out[i].Err = err
		}
		return out
	}
	defer p.give(b)
	return b.ReadObjects(names, max)
}

// ReadTree reads a tree object through a free reader.
func (p *blobPool) ReadTree(name string) ([]byte, error) {
	b, err := p.take()
	if err != nil {
		return nil, err
	}
	defer p.give(b)
	return b.ReadTree(name)
}

func (p *blobPool) take() (*BlobReader, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if n := len(p.free); n > 0 {
			b := p.free[n-1]
			p.free = p.free[:n-1]
			return b, nil
		}
		if len(p.all) < p.max {
			b, err := p.repo.startBlobReader(p.ctx)
			if err != nil {
				if len(p.all) > 0 {
					p.wake.Wait() // make do with those that run
					continue
				}
				return nil, err
			}
			p.all = append(p.all, b)
			return b, nil
		}
		p.wake.Wait()
	}
}

func (p *blobPool) give(b *BlobReader) {
	p.mu.Lock()
	p.free = append(p.free, b)
	p.mu.Unlock()
	p.wake.Signal()
}

// Close ends every reader's process, but for those the repository keeps
// for what follows the analysis (KeepReaders).
func (p *blobPool) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var errs []error
	for _, b := range p.all {
		if !p.repo.offer(p.ctx, b) {
			errs = append(errs, b.Close())
		}
	}
	p.all, p.free = nil, nil
	return errors.Join(errs...)
}
