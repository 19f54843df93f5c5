package difftest

import (
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// Change is one file of a commit given whole at both sides, as detectors
// that read files (CommitDiff.Source) see it. OldPath is empty for an
// added file, NewPath for a deleted one.
type Change struct {
	OldPath, NewPath string
	Old, New         string
	// Unchanged files are in the tree at both sides but not in the diff:
	// a README a detector reads.
	Unchanged bool
}

// Unchanged is a file the commit did not touch, as both sides have it.
func Unchanged(path, text string) Change {
	return Change{OldPath: path, NewPath: path, Old: text, New: text, Unchanged: true}
}

// Changed is a file changed in place from old to new.
func Changed(path, old, new string) Change {
	return Change{OldPath: path, NewPath: path, Old: old, New: new}
}

// CommitOf diffs each change as git would (three lines of context) and
// parses the diffs as one commit whose Source and Sources give the whole
// files, and whose ListDir lists them by folder as the commit has them.
// Files the changes do not name are absent at both sides.
func CommitOf(t testing.TB, changes ...Change) *analyze.CommitDiff {
	t.Helper()
	var diffs []string
	files := map[analyze.LineKind]map[string]string{analyze.Added: {}, analyze.Removed: {}}
	for _, c := range changes {
		if !c.Unchanged {
			diffs = append(diffs, Diff(c))
		}
		if c.OldPath != "" {
			files[analyze.Removed][c.OldPath] = c.Old
		}
		if c.NewPath != "" {
			files[analyze.Added][c.NewPath] = c.New
		}
	}
	cd := Commit(t, diffs...)
	cd.Source = func(path string, side analyze.LineKind) ([]byte, bool) {
		text, ok := files[side][path]
		return []byte(text), ok
	}
	cd.Sources = func(asked []analyze.FileAt) []analyze.SourceFile {
		out := make([]analyze.SourceFile, len(asked))
		for i, f := range asked {
			text, ok := files[f.Side][f.Path]
			out[i] = analyze.SourceFile{Content: []byte(text), OK: ok}
		}
		return out
	}
	cd.ListDir = func(dir string) ([]string, error) {
		var names []string
		for p := range files[analyze.Added] {
			if path.Dir(p) == dir {
				names = append(names, path.Base(p))
			}
		}
		slices.Sort(names)
		return names, nil
	}
	return cd
}

// CountTrips wraps cd's readers of whole files to count their round trips
// to git: one per Source call, one per Sources call.
func CountTrips(cd *analyze.CommitDiff, trips *int) *analyze.CommitDiff {
	source, sources := cd.Source, cd.Sources
	cd.Source = func(path string, side analyze.LineKind) ([]byte, bool) {
		*trips++
		return source(path, side)
	}
	if sources != nil {
		cd.Sources = func(asked []analyze.FileAt) []analyze.SourceFile {
			*trips++
			return sources(asked)
		}
	}
	return cd
}

// Diff is the unified diff of one change, with three lines of context.
func Diff(c Change) string {
	switch {
	case c.OldPath == "":
		return Added(c.NewPath, splitLines(c.New)...)
	case c.NewPath == "":
		return Deleted(c.OldPath, splitLines(c.Old)...)
	}
	return Modified(c.OldPath, c.NewPath, hunks(splitLines(c.Old), splitLines(c.New), 3)...)
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// hunks diffs two texts by their longest common subsequence of lines.
func hunks(a, b []string, context int) []string {
	// lcs[i][j] is the length of the LCS of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		kind byte
		text string
		i, j int // 0-based positions in a and b before this line
	}
	var ops []op
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, op{' ', a[i], i, j})
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			ops = append(ops, op{'+', b[j], i, j})
			j++
		default:
			ops = append(ops, op{'-', a[i], i, j})
			i++
		}
	}
	var out []string
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		start := max(k-context, 0)
		end := k
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(end+context, len(ops))
				break
			}
			end = run
		}
		var lines []string
		for _, o := range ops[start:end] {
			lines = append(lines, string(o.kind)+o.text)
		}
		h := Hunk(ops[start].i+1, ops[start].j+1, lines...)
		if section := funcname(a[:ops[start].i]); section != "" {
			h = strings.Replace(h, " @@\n", " @@ "+section+"\n", 1)
		}
		out = append(out, h)
		k = end
	}
	return out
}

// funcname is the section git prints after a hunk's "@@" with no diff
// driver: the last line above the hunk, in the old file, that starts
// with a letter, "_" or "$" (xdiff's default), cut as git cuts it.
func funcname(above []string) string {
	for i := len(above) - 1; i >= 0; i-- {
		l := above[i]
		if l != "" && (l[0] == '_' || l[0] == '$' || l[0] >= 'a' && l[0] <= 'z' || l[0] >= 'A' && l[0] <= 'Z') {
			return strings.TrimRight(l[:min(len(l), 80)], " \t")
		}
	}
	return ""
}
