package analyze

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// streamGitConfig bounds the memory of the long-running git processes a
// backfill or `analyze --last N` starts: the diff stream (diff-tree
// --stdin) and the blob reader (cat-file --batch). Their resident memory
// counts in the command's peak (a process's rusage includes its children's)
// and, with git's defaults, was most of it: on ocornut/imgui's last 8,000
// commits (a 1 MB imgui.cpp that most commits change) diff-tree grew to
// 288 MB, the cache of delta bases (core.deltaBaseCacheLimit, 96 MiB by
// default) and pack files mapped in 1 GiB windows whose touched pages count
// as resident. With these limits it peaks at 76 MB for about 7% more of
// git's CPU on that history. The delta base cache is sized to the
// repository (deltaBaseCache).
//
// core.bigFileThreshold makes git diff a text file over 4 MiB as binary
// instead of loading both sides and their line index (about 7 times the
// file's size: 175 MB for a 25 MB file): such files are generated or data
// (amalgamations, dumps, bundles), and their diffs were mostly over
// max_file_lines anyway.
var streamGitConfig = []string{
	"-c", "core.packedGitWindowSize=4m",
	"-c", "core.packedGitLimit=16m",
	"-c", "core.bigFileThreshold=4m",
}

// streamMalloc keeps glibc's allocator from handing memory back to the
// kernel between blobs. git allocates and frees a buffer per object it
// inflates and diffs; with glibc's defaults the free shrinks the heap
// (brk) and the next object faults the same pages in again, so a third
// of diff-tree's CPU went to page faults and brk. Keeping up to 16 MiB
// free at the top of the heap, and serving blocks under 8 MiB from it
// rather than from a fresh mmap each, removes that: diff-tree over
// go-git's last 2,000 commits 1.3-1.6 s → 0.8-1.0 s (34,000 page faults →
// 8,000), over imgui's (1 MB files) 9% less; its peak RSS 2 MB higher.
// Both must be set: fixing the trim threshold alone turns off glibc's
// adaptive mmap threshold, and imgui's diff-tree then took twice as long.
// The heap that remains is asked to be backed by 2 MiB pages
// (hugetlb=1, glibc 2.35 and later; top_pad grows it 4 MiB at a time, so
// that whole huge pages fit): each first touch of a 4 KiB page cost 9-10
// µs on the VM of session 30, and the git processes of go-git's
// 2,000-commit backfill took 14,300 page faults, 8,000 with it (10
// alternating runs: CPU with git's 2.88 s -> 2.64 s; diff-tree's peak RSS
// 2-3 MB higher, imgui's 8,000 commits 88 MiB either way).
// Other C libraries ignore the variable; a user who set it chose.
const streamMalloc = "glibc.malloc.trim_threshold=16777216:glibc.malloc.mmap_threshold=8388608:glibc.malloc.hugetlb=1:glibc.malloc.top_pad=4194304"

// streamCommand prepares a long-running git command in dir with the memory
// limits of streamGitConfig and the allocator settings of streamMalloc.
func streamCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cfg := append([]string{"-c", fmt.Sprintf("core.deltaBaseCacheLimit=%d", deltaBaseCache(dir))}, streamGitConfig...)
	cmd := gitCommand(ctx, dir, append(cfg, args...)...)
	if _, set := os.LookupEnv("GLIBC_TUNABLES"); !set {
		cmd.Env = append(cmd.Env, "GLIBC_TUNABLES="+streamMalloc)
	}
	return cmd
}

// Bounds of core.deltaBaseCacheLimit for the long-running git processes.
const (
	minDeltaBaseCache = 8 << 20
	maxDeltaBaseCache = 24 << 20
)

// deltaBaseCache is core.deltaBaseCacheLimit for the repository at gitDir:
// half the size of its packs, within 8 and 24 MiB. The cache keeps
// inflated objects that the next object of a delta chain is built on, so
// that a history of large files is not inflated again from its base for
// every version: imgui's last 2,000 commits (a 159 MB pack, a 1 MB
// imgui.cpp changed by most of them) took 28% longer with 8 MiB than with
// 24 MiB, 14% with 12 MiB. But a cache larger than what a small
// repository's history holds in play only costs the memory it touches:
// on go-git's (a 15 MB pack, no file over 120 KB) diff-tree and cat-file
// spent 7% less CPU with 8 MiB than with 24 MiB, and urfave/cli,
// tokio-rs/axum and psf/requests the same with either. The size of the
// packs is a proxy for the content history deltas are built on, free to
// know (a stat of each pack), where the sizes of the files themselves
// would cost a walk of the tree.
func deltaBaseCache(gitDir string) int64 {
	return min(max(packBytes(gitDir)/2, minDeltaBaseCache), maxDeltaBaseCache)
}

// packBytes is the size of the pack files of the repository at gitDir and
// of the object stores its objects/info/alternates names; 0 when none can
// be read.
func packBytes(gitDir string) int64 {
	objects := filepath.Join(gitDir, "objects")
	dirs := []string{objects}
	if f, err := os.Open(filepath.Join(objects, "info", "alternates")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			alt := strings.TrimSpace(sc.Text())
			if alt == "" || strings.HasPrefix(alt, "#") {
				continue
			}
			if !filepath.IsAbs(alt) {
				alt = filepath.Join(objects, alt)
			}
			dirs = append(dirs, alt)
		}
		f.Close()
	}
	var total int64
	for _, d := range dirs {
		entries, err := os.ReadDir(filepath.Join(d, "pack"))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".pack") {
				continue
			}
			if info, err := e.Info(); err == nil {
				total += info.Size()
			}
		}
	}
	return total
}
