package analyze

import (
	"bufio"
	"io"
	"slices"
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

// HoldersAt is HeldAt for several texts in one git grep: for each text,
// up to max of the files among globs that hold it at commit. Callers that
// would ask HeldAt of each of a commit's texts ask once (charmbracelet's
// and hyperium/tonic's commits that add many files asked a grep per
// note and per example: 245 in 300 commits of tonic).
func (cd *CommitDiff) HoldersAt(commit string, texts, globs []string, max int) (map[string][]string, error) {
	var asked []string
	for _, t := range texts {
		if strings.TrimSpace(t) != "" && !strings.ContainsAny(t, "\n\x00") && !slices.Contains(asked, t) {
			asked = append(asked, t)
		}
	}
	if cd.grep == nil || commit == "" || len(globs) == 0 || len(asked) == 0 {
		return nil, nil
	}
	if out, ok := cd.holdersInProcess(commit, asked, globs, max); ok {
		return out, nil
	}
	args := []string{"grep", "--no-color", "-I", "-z", "-o", "-F"}
	for _, t := range asked {
		args = append(args, "-e", t)
	}
	args = append(args, commit, "--")
	for _, g := range globs {
		args = append(args, ":(glob)"+g)
	}
	out := map[string][]string{}
	err := cd.grep(commit, args, func(rd io.Reader) bool {
		sc := bufio.NewScanner(rd)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			name, match, ok := strings.Cut(sc.Text(), "\x00")
			p := strings.TrimPrefix(name, commit+":")
			if !ok || len(out[match]) >= max || slices.Contains(out[match], p) {
				continue
			}
			out[match] = append(out[match], p)
		}
		return false
	})
	return out, err
}
