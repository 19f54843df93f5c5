package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A clone git cannot copy (a snapshot missing objects, as round 75's
// sebastianbergmann/diff was) is skipped with its reason, and the run
// says which it skipped instead of ending at the first one.
func TestRunSkipsAnUnreadableClone(t *testing.T) {
	repos := t.TempDir()
	for _, name := range []string{"broken-a", "broken-b"} {
		dir := filepath.Join(repos, name)
		for _, args := range [][]string{{"init", "-q", dir}, {"-C", dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "start"}} {
			if out, err := exec.Command("git", args...).CombinedOutput(); err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, out)
			}
		}
		// The commit's object is gone: git clone fails on it.
		objects, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "??", "*"))
		for _, o := range objects {
			os.Remove(o)
		}
	}
	var out, errs bytes.Buffer
	ios := &IO{Out: &out, Err: &errs, Getenv: func(string) string { return "" }}
	c := &common{Repos: repos, Labels: filepath.Join(t.TempDir(), "labels.jsonl"), Bin: "/bin/true", Commits: 5, Cache: t.TempDir()}
	err := runBenchmark(context.Background(), ios, c)
	if err == nil || !strings.Contains(err.Error(), "2 of 2 repositories skipped (broken-a, broken-b)") {
		t.Fatalf("err = %v, want both named as skipped", err)
	}
	if !strings.Contains(errs.String(), "quality: broken-a: skipped: clone broken-a") || !strings.Contains(errs.String(), "quality: broken-b: skipped:") {
		t.Errorf("messages:\n%s", errs.String())
	}
}
