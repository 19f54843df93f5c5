package analyze

import (
	"context"
	"os"
	"os/exec"
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
// git's CPU on that history, and none measurable on go-git's.
//
// core.bigFileThreshold makes git diff a text file over 4 MiB as binary
// instead of loading both sides and their line index (about 7 times the
// file's size: 175 MB for a 25 MB file): such files are generated or data
// (amalgamations, dumps, bundles), and their diffs were mostly over
// max_file_lines anyway.
var streamGitConfig = []string{
	"-c", "core.deltaBaseCacheLimit=24m",
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
// Other C libraries ignore the variable; a user who set it chose.
const streamMalloc = "glibc.malloc.trim_threshold=16777216:glibc.malloc.mmap_threshold=8388608"

// streamCommand prepares a long-running git command in dir with the memory
// limits of streamGitConfig and the allocator settings of streamMalloc.
func streamCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := gitCommand(ctx, dir, append(append([]string(nil), streamGitConfig...), args...)...)
	if _, set := os.LookupEnv("GLIBC_TUNABLES"); !set {
		cmd.Env = append(cmd.Env, "GLIBC_TUNABLES="+streamMalloc)
	}
	return cmd
}
