package analyze

import "testing"

func TestMemoSharedWithinOneCommitDiffOnly(t *testing.T) {
	type key struct{}
	builds := 0
	build := func() any { builds++; return builds }

	cd := WithMemo(&CommitDiff{Hash: "a", Files: []FileDiff{{NewPath: "x.go"}}})
	if got := cd.Memo(key{}, build); got != 1 {
		t.Fatalf("first Memo = %v, want 1 (built)", got)
	}
	if got := cd.Memo(key{}, build); got != 1 || builds != 1 {
		t.Fatalf("second Memo = %v after %d builds, want the kept 1 after 1", got, builds)
	}
	if got := cd.Memo("other", build); got != 2 {
		t.Fatalf("another key = %v, want a new build (2)", got)
	}

	// A copy with other files must not be handed the original's work.
	cp := *cd
	cp.Files = nil
	if got := cp.Memo(key{}, build); got != 3 {
		t.Fatalf("a copy's Memo = %v, want its own build (3)", got)
	}
	// Without WithMemo nothing is kept: a detector called alone (a test,
	// a benchmark) does its own work each time.
	plain := &CommitDiff{Hash: "a"}
	plain.Memo(key{}, build)
	plain.Memo(key{}, build)
	if builds != 5 {
		t.Fatalf("%d builds, want 5: a CommitDiff without WithMemo keeps nothing", builds)
	}
	var none *CommitDiff
	if got := none.Memo(key{}, build); got != 6 {
		t.Fatalf("nil CommitDiff's Memo = %v, want a build (6)", got)
	}
}
