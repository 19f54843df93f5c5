// Package difftest writes `git diff-tree` text for detector tests and parses
// it with the real diff reader, so that every detector test exercises the
// parser and the detector together, from the shape git really prints.
package difftest

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// CommitID is the commit the parsed diffs belong to.
const CommitID = "c788aa74e7f9e758c2f933f146758732064cc285"

// Hunk is one "@@" section; lines carry their ' ', '+' or '-' prefix.
func Hunk(oldStart, newStart int, lines ...string) string {
	oldN, newN := 0, 0
	for _, l := range lines {
		switch l[0] {
		case ' ':
			oldN++
			newN++
		case '-':
			oldN++
		case '+':
			newN++
		}
	}
	return fmt.Sprintf("@@ -%d,%d +%d,%d @@\n%s\n", oldStart, oldN, newStart, newN, strings.Join(lines, "\n"))
}

// Added is the diff of a new file holding lines.
func Added(p string, lines ...string) string {
	plus := make([]string, len(lines))
	for i, l := range lines {
		plus[i] = "+" + l
	}
	return fmt.Sprintf("diff --git a/%s b/%s\nnew file mode 100644\n--- /dev/null\n+++ b/%s\n", p, p, p) + Hunk(0, 1, plus...)
}

// Deleted is the diff of a deleted file that held lines.
func Deleted(p string, lines ...string) string {
	minus := make([]string, len(lines))
	for i, l := range lines {
		minus[i] = "-" + l
	}
	return fmt.Sprintf("diff --git a/%s b/%s\ndeleted file mode 100644\n--- a/%s\n+++ /dev/null\n", p, p, p) + Hunk(1, 0, minus...)
}

// Modified is the diff of a changed (and, with two paths, renamed) file.
func Modified(oldPath, newPath string, hunks ...string) string {
	s := fmt.Sprintf("diff --git a/%s b/%s\n", oldPath, newPath)
	if oldPath != newPath {
		s += fmt.Sprintf("similarity index 90%%\nrename from %s\nrename to %s\n", oldPath, newPath)
	}
	return s + fmt.Sprintf("--- a/%s\n+++ b/%s\n", oldPath, newPath) + strings.Join(hunks, "")
}

// File parses the diff of one file.
func File(t testing.TB, text string) *analyze.FileDiff {
	t.Helper()
	cd := Commit(t, text)
	if len(cd.Files) != 1 {
		t.Fatalf("parse: got %d files, want one", len(cd.Files))
	}
	return &cd.Files[0]
}

// Commit parses the diffs of several files as one commit's.
func Commit(t testing.TB, files ...string) *analyze.CommitDiff {
	t.Helper()
	d := analyze.NewDiffReader(strings.NewReader(CommitID+"\n"+strings.Join(files, "")), analyze.DiffLimits{})
	cd, err := d.Next()
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if _, err := d.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("parse: more than one commit (%v)", err)
	}
	return cd
}

// Commits parses a whole diff-tree stream: commit IDs, each followed by its
// files' diffs.
func Commits(t testing.TB, text string) []analyze.CommitDiff {
	t.Helper()
	d := analyze.NewDiffReader(strings.NewReader(text), analyze.DiffLimits{})
	var out []analyze.CommitDiff
	for {
		cd, err := d.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		out = append(out, *cd)
	}
}
