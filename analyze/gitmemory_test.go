package analyze

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The delta base cache is half the size of the repository's packs, those
// of the object stores it borrows from included, within its bounds.
func TestDeltaBaseCacheFollowsPackSize(t *testing.T) {
	pack := func(objects string, name string, size int64) {
		t.Helper()
		dir := filepath.Join(objects, "pack")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(size); err != nil { // sparse: no disk used
			t.Fatal(err)
		}
	}
	gitDir := t.TempDir()
	objects := filepath.Join(gitDir, "objects")
	if got := deltaBaseCache(gitDir); got != minDeltaBaseCache {
		t.Errorf("no pack: %d, want the least, %d", got, minDeltaBaseCache)
	}
	pack(objects, "pack-a.pack", 14<<20)
	pack(objects, "pack-a.idx", 100<<20) // an index is no pack
	if got := deltaBaseCache(gitDir); got != minDeltaBaseCache {
		t.Errorf("a 14 MiB pack: %d, want the least, %d", got, minDeltaBaseCache)
	}
	pack(objects, "pack-b.pack", 6<<20)
	if got := deltaBaseCache(gitDir); got != 10<<20 {
		t.Errorf("20 MiB of packs: %d, want half, %d", got, 10<<20)
	}
	borrowed := filepath.Join(t.TempDir(), "objects")
	pack(borrowed, "pack-c.pack", 8<<20)
	if err := os.MkdirAll(filepath.Join(objects, "info"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(objects, "info", "alternates"), []byte(borrowed+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := deltaBaseCache(gitDir); got != 14<<20 {
		t.Errorf("20 MiB of packs and 8 borrowed: %d, want half of all, %d", got, 14<<20)
	}
	pack(borrowed, "pack-d.pack", 200<<20)
	if got := deltaBaseCache(gitDir); got != maxDeltaBaseCache {
		t.Errorf("228 MiB of packs: %d, want the most, %d", got, maxDeltaBaseCache)
	}
}

// git reads the cache size it is given as the number it is.
func TestStreamCommandSizesDeltaBaseCache(t *testing.T) {
	repo, _ := gitRepo(t)
	out, err := streamCommand(context.Background(), repo.GitDir, "config", "--type=int", "--get", "core.deltaBaseCacheLimit").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(string(out)), fmt.Sprint(deltaBaseCache(repo.GitDir)); got != want {
		t.Errorf("git sees core.deltaBaseCacheLimit=%s, want %s", got, want)
	}
}
