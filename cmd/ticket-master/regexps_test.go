package main

import (
	"testing"

	"github.com/ticket-master/ticket-master/internal/lazyregexp"
)

// The detectors' expressions compile on first use (lazyregexp): one that
// does not compile would panic in the middle of a backfill, on the first
// commit that needs it. The binary links every package, so every one of
// them is here.
func TestEveryExpressionCompiles(t *testing.T) {
	made, _ := lazyregexp.Count()
	if made < 200 {
		t.Fatalf("only %d expressions registered: the packages' variables are no longer lazyregexp.New?", made)
	}
	if err := lazyregexp.CompileAll(); err != nil {
		t.Fatal(err)
	}
}
