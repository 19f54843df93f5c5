package analyze_test

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/todo"
)

// FuzzDiffReader checks that no input panics the parser or the TODO
// detector behind it, and that every line it returns has the numbers its
// kind calls for, inside its hunk's ranges: never a line numbered 0.
//
// The seeds are small on purpose. The fuzzer minimises each input that
// finds new coverage, at a cost that grows with the square of its length,
// for up to -fuzzminimizetime (60 s by default) each, and shows 0
// executions per second meanwhile; a seed of kilobytes makes long inputs.
func FuzzDiffReader(f *testing.F) {
	const id = "c788aa74e7f9e758c2f933f146758732064cc285"
	for _, s := range []string{
		id + "\ndiff --git a/a.go b/a.go\nnew file mode 100644\n--- /dev/null\n+++ b/a.go\n@@ -0,0 +1,3 @@\n+// TODO: x\n+/* FIXME\n+ * y */\n",
		id + "\ndiff --git a/a.c b/b.c\nsimilarity index 90%\nrename from a.c\nrename to b.c\n--- a/a.c\n+++ b/b.c\n@@ -3,3 +3,3 @@\n /*\n- * TODO: a\n+ * TODO: b\n */\n",
		id + "\ndiff --git a/x b/x\n@@ -0,0 +1 @@\n-x\n",
		id + "\ndiff --git \"a/t\\303\\251st.go\" \"b/t\\303\\251st.go\"\ndeleted file mode 100644\n@@ -1,2 +0,0 @@\n-a\n\\ No newline at end of file\n-b\n" + id + "\n",
		id + "\ndiff --git a/bin b/bin\nBinary files a/bin and b/bin differ\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d := analyze.NewDiffReader(strings.NewReader(in), analyze.DiffLimits{MaxFileLines: 50, MaxLineBytes: 40})
		for range 1000 {
			cd, err := d.Next()
			if err != nil {
				return
			}
			for i := range cd.Files {
				fd := &cd.Files[i]
				for _, h := range fd.Hunks {
					for _, l := range h.Lines {
						checkLine(t, h, l)
					}
				}
				todo.Detect(analyze.Commit{Hash: cd.Hash}, fd, todo.Options{})
			}
		}
	})
}

// checkLine: a removed line has an old number only, an added line a new
// one only, a context line both, each inside the hunk's range of that side.
func checkLine(t *testing.T, h analyze.Hunk, l analyze.Line) {
	t.Helper()
	inOld := l.OldNo >= h.OldStart && l.OldNo < h.OldStart+h.OldLines && l.OldNo > 0
	inNew := l.NewNo >= h.NewStart && l.NewNo < h.NewStart+h.NewLines && l.NewNo > 0
	ok := false
	switch l.Kind {
	case analyze.Removed:
		ok = inOld && l.NewNo == 0
	case analyze.Added:
		ok = inNew && l.OldNo == 0
	case analyze.Context:
		ok = inOld && inNew
	}
	if !ok || len(l.Text) > 40 {
		t.Fatalf("line %+v (kind %q) in hunk -%d,%d +%d,%d", l, l.Kind, h.OldStart, h.OldLines, h.NewStart, h.NewLines)
	}
}
