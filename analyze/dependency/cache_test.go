package dependency

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// The cache parses a manifest once per content, hands out copies callers
// may change, and stays within its bounds.
func TestManifestCache(t *testing.T) {
	c := &manifestCache{}
	parses := 0
	read := func() ([]placed, bool) {
		parses++
		return []placed{{path: "Cargo.toml", dep: dep{name: "serde", version: "1"}}}, true
	}
	a, _ := c.get("k1", read)
	a[0].name = "changed by a caller"
	b, ok := c.get("k1", read)
	if !ok || parses != 1 {
		t.Fatalf("parsed %d times for one content, want 1", parses)
	}
	if b[0].name != "serde" {
		t.Fatalf("a caller's change reached the cache: %q", b[0].name)
	}
	if _, ok := c.get("bad", func() ([]placed, bool) { return nil, false }); ok {
		t.Fatal("a manifest that does not parse came back ok")
	}
	if _, kept := c.kept["bad"]; kept {
		t.Fatal("a manifest that does not parse was kept")
	}
	for i := range 3 * maxKeptManifests {
		c.get(fmt.Sprint("key", i), read)
	}
	if len(c.kept) > maxKeptManifests || len(c.order) != len(c.kept) {
		t.Fatalf("%d manifests kept (order %d), at most %d", len(c.kept), len(c.order), maxKeptManifests)
	}
}

// readManifest gives the same through the cache as parsing does.
func TestReadManifestCached(t *testing.T) {
	content := []byte("[package]\nname = \"demo\"\n\n[dependencies]\nserde = \"1.0\"\ntokio = { version = \"1\", features = [\"full\"] }\n")
	want, ok := parseManifestAt(analyze.ManifestCargo, "crates/demo/Cargo.toml", content)
	if !ok || len(want) != 2 {
		t.Fatalf("parse: %v, %+v", ok, want)
	}
	type at struct {
		line int
		text string
	}
	var wantAt []at
	for i := range want {
		l, x := want[i].position()
		wantAt = append(wantAt, at{l, x})
		want[i].locate = nil
	}
	for range 2 {
		got, ok := recentManifests.get(analyze.ManifestCargo+"\x00crates/demo/Cargo.toml\x00"+string(content), func() ([]placed, bool) {
			return parseManifestAt(analyze.ManifestCargo, "crates/demo/Cargo.toml", content)
		})
		if !ok || len(got) != len(want) {
			t.Fatalf("cached read: %v, %+v", ok, got)
		}
		for i := range got {
			gl, gt := got[i].position()
			got[i].locate = nil
			if !reflect.DeepEqual(got[i], want[i]) || gl != wantAt[i].line || gt != wantAt[i].text || gl == 0 {
				t.Errorf("cached %+v at %d %q, parsed %+v at %+v", got[i], gl, gt, want[i], wantAt[i])
			}
		}
	}
}
