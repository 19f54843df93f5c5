package analyze

import (
	"context"
	"testing"
)

// A repository asked to keep readers keeps those of an analysis' pool
// when it closes, hands them out before starting git, and ends the rest on
// CloseKept; one asked for none, or whose readers' context ended, starts
// git as before.
func TestKeptReadersOfAnEndedAnalysis(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	write("a.go", "package a\n")
	git("add", ".")
	git("commit", "-q", "-m", "start")
	repo, head := openHead(t, dir)
	ctx := context.Background()

	used := func(ctx context.Context) *BlobReader {
		t.Helper()
		p := repo.newBlobPool(ctx, 1)
		if data, err := p.ReadObject(head+":a.go", MaxSourceBytes); err != nil || string(data) != "package a\n" {
			t.Fatalf("read through the pool: %q, %v", data, err)
		}
		b := p.all[0]
		p.Close()
		return b
	}

	// Not asked: nothing kept.
	used(ctx)
	if b := repo.takeKept(); b != nil {
		t.Fatal("a repository not asked kept a reader")
	}

	repo.KeepReaders(1)
	warm := used(ctx)
	got, err := repo.NewBlobReader(ctx)
	if err != nil || got != warm {
		t.Fatalf("NewBlobReader after the analysis = %p, %v; want its reader %p", got, err, warm)
	}
	if data, err := got.Read(head, "a.go", MaxSourceBytes); err != nil || string(data) != "package a\n" {
		t.Errorf("the kept reader reads %q, %v", data, err)
	}
	got.Close()

	// Kept, then its context ended: not handed out.
	cctx, cancel := context.WithCancel(ctx)
	used(cctx)
	cancel()
	fresh, err := repo.NewBlobReader(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := fresh.Read(head, "a.go", MaxSourceBytes); err != nil || string(data) != "package a\n" {
		t.Errorf("a fresh reader after a kept one's context ended reads %q, %v", data, err)
	}
	fresh.Close()

	// CloseKept ends what is kept and keeps no more.
	used(ctx)
	if err := repo.CloseKept(); err != nil {
		t.Fatal(err)
	}
	if len(repo.keep.kept) != 0 {
		t.Errorf("%d readers kept after CloseKept", len(repo.keep.kept))
	}
	used(ctx)
	if b := repo.takeKept(); b != nil {
		t.Error("a reader was kept after CloseKept")
	}
}
