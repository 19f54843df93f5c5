package analyze

import (
	"bufio"
	"io"
	"strings"
)

// grepFunc is grepStream in one repository.
type grepFunc func(commit string, args []string, read func(io.Reader) (stopped bool)) error

// HeldAt lists, up to max, the files among globs (git's glob pathspecs)
// that hold text (a fixed string, on one line) at commit, another than the
// diff's (its parent, say): where a note a commit adds to a new file was
// already (a copy of code, with its notes). One git grep, so callers ask
// it only of what they would otherwise report. nil, with no error, when
// no repository is behind the diff.
func (cd *CommitDiff) HeldAt(commit, text string, globs []string, max int) ([]string, error) {
	if cd.grep == nil || commit == "" || len(globs) == 0 || strings.TrimSpace(text) == "" || strings.ContainsAny(text, "\n\x00") {
		return nil, nil
	}
	args := []string{"grep", "--no-color", "-I", "-l", "-z", "-F", "-e", text, commit, "--"}
	for _, g := range globs {
		args = append(args, ":(glob)"+g)
	}
	var files []string
	err := cd.grep(commit, args, func(out io.Reader) bool {
		sc := bufio.NewScanner(out)
		sc.Split(splitNUL)
		for sc.Scan() && len(files) < max {
			files = append(files, strings.TrimPrefix(sc.Text(), commit+":"))
		}
		return len(files) == max
	})
	return files, err
}

// DeletedByParent is the files the commit's first parent deleted, and
// that parent's own first parent (where they were last), when the parent
// was analysed in this run: a file moved over two commits, deleted by one
// and added anew by the next, came from there. Empty otherwise.
func (cd *CommitDiff) DeletedByParent() (grandparent string, paths []string) {
	if cd == nil || cd.parentDeleted == nil {
		return "", nil
	}
	return cd.parentDeleted()
}
