package analyze

import (
	"context"
	"fmt"
	"strings"
)

// PathsAt says, for each of paths, whether any of commits has a file (or
// a folder, or a submodule) there, in one `git cat-file --batch-check`:
// only the trees are read, no file's content is inflated, as asking
// `git cat-file --batch` for each would. A path git cannot be asked about
// (one holding a line break) is reported present: nothing is known
// against it.
func (r *Repo) PathsAt(ctx context.Context, commits, paths []string) (map[string]bool, error) {
	out := make(map[string]bool, len(paths))
	var names []string
	var asked []string // the path of each name, in order
	for _, p := range paths {
		if p == "" || strings.ContainsAny(p, "\n\r") {
			out[p] = true
			continue
		}
		if _, dup := out[p]; dup {
			continue
		}
		out[p] = false
		for _, c := range commits {
			names = append(names, c+":"+p)
			asked = append(asked, p)
		}
	}
	if len(names) == 0 {
		return out, nil
	}
	// One line per name, in order: the object's name when there is one,
	// else the name asked followed by " missing" (or " ambiguous").
	lines, err := r.batchCheck(ctx, "%(objectname)", names)
	if err != nil {
		return nil, err
	}
	for i, l := range lines {
		if l != "" && !strings.HasPrefix(l, names[i]+" ") {
			out[asked[i]] = true
		}
	}
	return out, nil
}

// batchCheck asks one `git cat-file --batch-check=FORMAT` about names (no
// line breaks in them) and returns its answers, one per name, in order.
func (r *Repo) batchCheck(ctx context.Context, format string, names []string) ([]string, error) {
	cmd := gitCommand(ctx, r.GitDir, "cat-file", "--batch-check="+format)
	cmd.Stdin = strings.NewReader(strings.Join(names, "\n") + "\n")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %s", firstLine(stderr.String(), err))
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	if len(lines) != len(names) {
		return nil, fmt.Errorf("git cat-file: %d answers to %d names", len(lines), len(names))
	}
	return lines, nil
}
