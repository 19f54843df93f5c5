package symbol

import (
	"fmt"
	"hash/maphash"
	"reflect"
	"testing"
)

const cachedSrc = `package p

// Div divides.
func Div(a, b int) int {
	return a / b
}

type Calc struct{ n int }

func (c *Calc) Add(x int) { c.n += x }
`

func TestSideCacheKeepsRecentSidesWithinBounds(t *testing.T) {
	c := newSideCache(3, 1<<20)
	a := c.side([]byte(cachedSrc))
	if b := c.side([]byte(cachedSrc)); b != a {
		t.Fatal("the same content was split again")
	}
	for i := range 3 {
		c.side(fmt.Appendf(nil, "%s\nvar V%d = 1\n", cachedSrc, i))
	}
	if len(c.kept) != 3 || len(c.order) != 3 {
		t.Fatalf("kept %d sides (order %d), want at most 3", len(c.kept), len(c.order))
	}
	if b := c.side([]byte(cachedSrc)); b == a {
		t.Error("the oldest side stayed past the bound")
	}

	small := newSideCache(10, len(cachedSrc)+10)
	small.side([]byte(cachedSrc))
	small.side([]byte(cachedSrc + "\n// more\n"))
	if len(small.kept) != 1 || small.size > small.bytes {
		t.Errorf("kept %d sides of %d bytes, bound %d bytes", len(small.kept), small.size, small.bytes)
	}
	huge := newSideCache(10, 10)
	huge.side([]byte(cachedSrc))
	if len(huge.kept) != 0 {
		t.Error("a side larger than the whole bound was kept")
	}
}

// TestKeptSideParsesAsAFreshOne: chunks parsed for one commit and read
// again for another give the declarations a fresh parse gives.
func TestKeptSideParsesAsAFreshOne(t *testing.T) {
	c := newSideCache(4, 1<<20)
	kept := c.side([]byte(cachedSrc))
	if _, ok := kept.parseChunks(map[int]bool{0: true}); !ok {
		t.Fatal("chunk 0 does not parse")
	}
	all := map[int]bool{}
	for i := range kept.chunks {
		all[i] = true
	}
	got, ok := c.side([]byte(cachedSrc)).parseChunks(all)
	want, wok := splitGoSide([]byte(cachedSrc)).parseChunks(all)
	if !ok || !wok {
		t.Fatalf("parse: kept %v, fresh %v", ok, wok)
	}
	if len(got.decls) != 3 || !reflect.DeepEqual(got.decls, want.decls) || !reflect.DeepEqual(got.by, want.by) {
		t.Errorf("kept side parsed to %+v, a fresh one to %+v", got.decls, want.decls)
	}
}

// A kept side found under another content's hash is not that content's.
func TestSideCacheChecksContentOnAHit(t *testing.T) {
	c := newSideCache(4, 1<<20)
	other := c.side([]byte("package p\n\nfunc Other() {}\n"))
	c.kept[maphash.Bytes(c.seed, []byte(cachedSrc))] = other // as a collision would
	got := c.side([]byte(cachedSrc))
	if got == other || string(got.src) != cachedSrc {
		t.Fatalf("the side of another content came back: %q", got.src)
	}
	if _, ok := got.byName["Div"]; !ok {
		t.Errorf("the side made instead does not declare Div: %v", got.byName)
	}
}
