package analyze

import (
	"bufio"
	"bytes"
	"context"
	"strings"
)

// A merge is not diffed (see Analyze), so the file cache knew nothing of
// what it changed, and every read that followed a file back stopped at
// the nearest merge: in go-git, a merge every three or four commits, and
// the files read at each (.gitattributes, go.mod files, the README and
// docs a detector looks for) were read from git again after each one.
// Which files a merge changed against its first parent is a comparison of
// trees, cheap for git: no file is read or diffed.

// recordMerges notes in fc which files each of merges changed against its
// first parent, from one `git diff-tree --name-only --stdin`, each merge as
// soon as git has answered for it (fileCache.mergeRecorded): a read waits
// only for the merges before its commit, so the first commits are analysed
// while git still compares the later merges' trees. It is only an aid: on
// any failure the merges not recorded yet stay so, and reads stop at them
// as before.
func (r *Repo) recordMerges(ctx context.Context, merges []Commit, fc *fileCache) {
	if len(merges) == 0 {
		return
	}
	var in strings.Builder
	for _, m := range merges {
		in.WriteString(m.Hash + " " + m.Parents[0] + "\n")
	}
	cmd := gitCommand(ctx, r.GitDir, "diff-tree", "-r", "--name-only", "--no-renames", "--always", "--stdin", "-z")
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.StdoutPipe()
	if err != nil {
		return
	}
	if err := cmd.Start(); err != nil {
		return
	}
	last, changed := parseMergeChanges(out, merges, func(i int, changed map[string]bool) {
		fc.recordChanged(merges[i], changed)
		fc.mergeRecorded()
	})
	// The last merge's paths end with git's output: only a clean exit
	// says they are all there.
	if cmd.Wait() == nil && last >= 0 {
		fc.recordChanged(merges[last], changed)
		fc.mergeRecorded()
	}
}

// parseMergeChanges reads diff-tree -z output: each merge's hash, then the
// paths it changed, each ending in a NUL. Merges are answered in the order
// asked; a hash is recognised as the next merge's. done is called with
// each merge's index and paths once the next merge's hash shows they are
// complete. The last merge answered is returned with its paths, for the
// caller to record once git has exited cleanly; last is -1 when there is
// none, or the output was not the answer expected or could not be read
// to its end.
func parseMergeChanges(out interface{ Read([]byte) (int, error) }, merges []Commit, done func(i int, changed map[string]bool)) (last int, changed map[string]bool) {
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.IndexByte(data, 0); i >= 0 {
			return i + 1, data[:i], nil
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	n := 0 // merges answered so far
	for sc.Scan() {
		tok := sc.Text()
		if n < len(merges) && tok == merges[n].Hash {
			if n > 0 {
				done(n-1, changed)
			}
			changed = map[string]bool{}
			n++
			continue
		}
		if n == 0 {
			return -1, nil // not the answer expected
		}
		changed[tok] = true
	}
	if sc.Err() != nil {
		return -1, nil
	}
	return n - 1, changed
}
