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
// first parent, from one `git diff-tree --name-only --stdin`. It is only
// an aid: on any failure the merges stay unrecorded, and reads stop at
// them as before.
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
	changes := parseMergeChanges(out, merges)
	if cmd.Wait() != nil {
		return
	}
	for i, changed := range changes {
		fc.recordChanged(merges[i], changed)
	}
}

// parseMergeChanges reads diff-tree -z output: each merge's hash, then the
// paths it changed, each ending in a NUL. Merges are answered in the order
// asked; a hash is recognised as the next merge's. Only the merges read
// whole are returned.
func parseMergeChanges(out interface{ Read([]byte) (int, error) }, merges []Commit) []map[string]bool {
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
	var changes []map[string]bool
	for sc.Scan() {
		tok := sc.Text()
		if n := len(changes); n < len(merges) && tok == merges[n].Hash {
			changes = append(changes, map[string]bool{})
			continue
		}
		if len(changes) == 0 {
			return nil // not the answer expected
		}
		changes[len(changes)-1][tok] = true
	}
	if sc.Err() != nil {
		return nil
	}
	return changes
}
