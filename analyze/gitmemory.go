package analyze

import (
	"context"
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

// streamCommand prepares a long-running git command in dir with the memory
// limits of streamGitConfig.
func streamCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	return gitCommand(ctx, dir, append(append([]string(nil), streamGitConfig...), args...)...)
}
