package analyze

import (
	"context"
	"sync"
	"testing"
)

// The pool starts readers only as reads overlap, never more than its
// bound, and each read answers as one reader would.
func TestBlobPool(t *testing.T) {
	repo, commits := gitRepo(t)
	p := repo.newBlobPool(context.Background(), 2)
	defer p.Close()
	if got, err := p.ReadObject(commits[0]+":a.txt", 100); err != nil || string(got) != "one\n" {
		t.Fatalf("Read = %q, %v", got, err)
	}
	if len(p.all) != 1 {
		t.Fatalf("%d readers after one read, want 1", len(p.all))
	}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, want := commits[i%2], []string{"one\n", "two\n"}[i%2]
			if got, err := p.ReadObject(c+":a.txt", 100); err != nil || string(got) != want {
				t.Errorf("Read at %s = %q, %v; want %q", c, got, err, want)
			}
		}()
	}
	wg.Wait()
	if len(p.all) > 2 || len(p.free) != len(p.all) {
		t.Fatalf("%d readers (%d free), bound 2", len(p.all), len(p.free))
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestBlobReadersBounded(t *testing.T) {
	for _, tt := range []struct{ workers, cores, want int }{
		{0, 8, 1}, {1, 8, 1}, {2, 8, 2}, {4, 8, 4}, {64, 64, maxBlobReaders},
		{4, 2, 2}, {4, 1, 1}, {4, 0, 1}, // no more than one per core
	} {
		if got := blobReaders(tt.workers, tt.cores); got != tt.want {
			t.Errorf("blobReaders(%d, %d cores) = %d, want %d", tt.workers, tt.cores, got, tt.want)
		}
	}
}
