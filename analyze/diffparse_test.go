package analyze

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const (
	id1 = "c788aa74e7f9e758c2f933f146758732064cc285"
	id2 = "07b12d7d8fea3e81f43319f9c3530b32d85ff257"
	id3 = "d1c7e9d0e8a2b744eb7d16e65b21c9b3aac9f1db"
)

// readAllDiffs parses a whole stream, returning the commits and the
// skipped files reported after each.
func readAllDiffs(t testing.TB, text string, lim DiffLimits) ([]CommitDiff, [][]SkippedFile, error) {
	t.Helper()
	d := NewDiffReader(strings.NewReader(text), lim)
	var commits []CommitDiff
	var skipped [][]SkippedFile
	for {
		cd, err := d.Next()
		if errors.Is(err, io.EOF) {
			// EOF is sticky.
			if _, err := d.Next(); !errors.Is(err, io.EOF) {
				t.Errorf("Next after EOF = %v, want io.EOF", err)
			}
			return commits, skipped, nil
		}
		if err != nil {
			return commits, skipped, err
		}
		commits = append(commits, *cd)
		skipped = append(skipped, d.Skipped())
	}
}

func TestDiffReader(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		lim         DiffLimits
		want        []CommitDiff
		wantSkipped [][]SkippedFile
	}{
		{
			// Captured from git 2.x: diff-tree --root on a root commit.
			name: "root commit: added text, binary, space and quoted paths",
			in: id1 + "\n" +
				"diff --git a/a.txt b/a.txt\n" +
				"new file mode 100644\n" +
				"index 0000000..94954ab\n" +
				"--- /dev/null\n" +
				"+++ b/a.txt\n" +
				"@@ -0,0 +1,2 @@\n" +
				"+hello\n" +
				"+world\n" +
				"diff --git a/b.bin b/b.bin\n" +
				"new file mode 100644\n" +
				"index 0000000..88768ef\n" +
				"Binary files /dev/null and b/b.bin differ\n" +
				"diff --git a/sp ace.txt b/sp ace.txt\n" +
				"new file mode 100644\n" +
				"index 0000000..c1b0730\n" +
				"--- /dev/null\n" +
				"+++ b/sp ace.txt\t\n" +
				"@@ -0,0 +1 @@\n" +
				"+x\n" +
				"\\ No newline at end of file\n" +
				"diff --git \"a/t\\303\\251st.go\" \"b/t\\303\\251st.go\"\n" +
				"new file mode 100644\n" +
				"index 0000000..c600332\n" +
				"--- /dev/null\n" +
				"+++ \"b/t\\303\\251st.go\"\n" +
				"@@ -0,0 +1 @@\n" +
				"+é\n",
			want: []CommitDiff{{Hash: id1, Files: []FileDiff{
				{NewPath: "a.txt", Hunks: []Hunk{{OldStart: 0, OldLines: 0, NewStart: 1, NewLines: 2, Lines: []Line{
					{Kind: Added, Text: "hello", NewNo: 1},
					{Kind: Added, Text: "world", NewNo: 2},
				}}}},
				{NewPath: "b.bin", Binary: true},
				{NewPath: "sp ace.txt", Hunks: []Hunk{{NewStart: 1, NewLines: 1, Lines: []Line{{Kind: Added, Text: "x", NewNo: 1}}}}},
				{NewPath: "tést.go", Hunks: []Hunk{{NewStart: 1, NewLines: 1, Lines: []Line{{Kind: Added, Text: "é", NewNo: 1}}}}},
			}}},
		},
		{
			name: "rename with edit, deleted and added binary, CRLF, quoted quote, mode only, empty commit",
			in: id2 + "\n" +
				"diff --git a/a.txt b/a2.txt\n" +
				"similarity index 70%\n" +
				"rename from a.txt\n" +
				"rename to a2.txt\n" +
				"index 94954ab..8b14c4f 100644\n" +
				"--- a/a.txt\n" +
				"+++ b/a2.txt\n" +
				"@@ -1,2 +1,3 @@\n" +
				" hello\n" +
				" world\n" +
				"+more\n" +
				"diff --git a/b.bin b/b.bin\n" +
				"deleted file mode 100644\n" +
				"index 88768ef..0000000\n" +
				"Binary files a/b.bin and /dev/null differ\n" +
				"diff --git a/crlf.txt b/crlf.txt\n" +
				"new file mode 100644\n" +
				"index 0000000..e19ed16\n" +
				"--- /dev/null\n" +
				"+++ b/crlf.txt\n" +
				"@@ -0,0 +1,2 @@\n" +
				"+new\r\n" +
				"+line\n" +
				"\\ No newline at end of file\n" +
				"diff --git \"a/quo\\\"te.txt\" \"b/quo\\\"te.txt\"\n" +
				"new file mode 100644\n" +
				"index 0000000..587be6b\n" +
				"--- /dev/null\n" +
				"+++ \"b/quo\\\"te.txt\"\n" +
				"@@ -0,0 +1 @@\n" +
				"+x\n" +
				"diff --git a/sp ace.txt b/sp ace.txt\n" +
				"old mode 100644\n" +
				"new mode 100755\n" +
				id3 + "\n",
			want: []CommitDiff{
				{Hash: id2, Files: []FileDiff{
					{OldPath: "a.txt", NewPath: "a2.txt", Hunks: []Hunk{{OldStart: 1, OldLines: 2, NewStart: 1, NewLines: 3, Lines: []Line{
						{Kind: Context, Text: "hello", OldNo: 1, NewNo: 1},
						{Kind: Context, Text: "world", OldNo: 2, NewNo: 2},
						{Kind: Added, Text: "more", NewNo: 3},
					}}}},
					{OldPath: "b.bin", Binary: true},
					{NewPath: "crlf.txt", Hunks: []Hunk{{NewStart: 1, NewLines: 2, Lines: []Line{
						{Kind: Added, Text: "new", NewNo: 1},
						{Kind: Added, Text: "line", NewNo: 2},
					}}}},
					{NewPath: `quo"te.txt`, Hunks: []Hunk{{NewStart: 1, NewLines: 1, Lines: []Line{{Kind: Added, Text: "x", NewNo: 1}}}}},
					{OldPath: "sp ace.txt", NewPath: "sp ace.txt"},
				}},
				{Hash: id3},
			},
		},
		{
			name: "pure rename with spaces, no newline mid-hunk, counts omitted",
			in: "not a commit line echoed by diff-tree\n" +
				id1 + "\n" +
				"diff --git a/ren ame.txt b/x y.txt\n" +
				"similarity index 100%\n" +
				"rename from ren ame.txt\n" +
				"rename to x y.txt\n" +
				"diff --git a/n.txt b/n.txt\n" +
				"index 0a207c0..0f7bc76 100644\n" +
				"--- a/n.txt\n" +
				"+++ b/n.txt\n" +
				"@@ -1,2 +1,2 @@\n" +
				" a\n" +
				"-b\n" +
				"\\ No newline at end of file\n" +
				"+c\n" +
				"@@ -7 +7 @@ func f() {\n" +
				"-old\n" +
				"+new\n",
			want: []CommitDiff{{Hash: id1, Files: []FileDiff{
				{OldPath: "ren ame.txt", NewPath: "x y.txt"},
				{OldPath: "n.txt", NewPath: "n.txt", Hunks: []Hunk{
					{OldStart: 1, OldLines: 2, NewStart: 1, NewLines: 2, Lines: []Line{
						{Kind: Context, Text: "a", OldNo: 1, NewNo: 1},
						{Kind: Removed, Text: "b", OldNo: 2},
						{Kind: Added, Text: "c", NewNo: 2},
					}},
					{OldStart: 7, OldLines: 1, NewStart: 7, NewLines: 1, Section: "func f() {", Lines: []Line{
						{Kind: Removed, Text: "old", OldNo: 7},
						{Kind: Added, Text: "new", NewNo: 7},
					}},
				}},
			}}},
		},
		{
			name: "content that looks like headers stays content",
			in: id1 + "\n" +
				"diff --git a/x.go b/x.go\n" +
				"--- a/x.go\n" +
				"+++ b/x.go\n" +
				"@@ -10,4 +10,6 @@\n" +
				"--- a/y\n" +
				"++++ b/y\n" +
				"+diff --git a/z b/z\n" +
				"+" + id2 + "\n" +
				" @@ -1 +1 @@\n" +
				"-\n" +
				"+\n" +
				"\n",
			want: []CommitDiff{{Hash: id1, Files: []FileDiff{
				{OldPath: "x.go", NewPath: "x.go", Hunks: []Hunk{{OldStart: 10, OldLines: 4, NewStart: 10, NewLines: 6, Lines: []Line{
					{Kind: Removed, Text: "-- a/y", OldNo: 10},
					{Kind: Added, Text: "+++ b/y", NewNo: 10},
					{Kind: Added, Text: "diff --git a/z b/z", NewNo: 11},
					{Kind: Added, Text: id2, NewNo: 12},
					{Kind: Context, Text: "@@ -1 +1 @@", OldNo: 11, NewNo: 13},
					{Kind: Removed, Text: "", OldNo: 12},
					{Kind: Added, Text: "", NewNo: 14},
					{Kind: Context, Text: "", OldNo: 13, NewNo: 15},
				}}}},
			}}},
		},
		{
			name: "deleted text file and unquoted name with mixed quoted second name",
			in: id1 + "\n" +
				"diff --git a/gone.py b/gone.py\n" +
				"deleted file mode 100644\n" +
				"index 1111111..0000000\n" +
				"--- a/gone.py\n" +
				"+++ /dev/null\n" +
				"@@ -1,2 +0,0 @@\n" +
				"-# TODO: x\n" +
				"-pass\n" +
				"diff --git a/plain b/tab\\there\n" +
				"diff --git a/old \"b/n\\303\\251w\"\n" +
				"similarity index 100%\n" +
				"rename from old\n" +
				"rename to \"n\\303\\251w\"\n",
			want: []CommitDiff{{Hash: id1, Files: []FileDiff{
				{OldPath: "gone.py", Hunks: []Hunk{{OldStart: 1, OldLines: 2, Lines: []Line{
					{Kind: Removed, Text: "# TODO: x", OldNo: 1},
					{Kind: Removed, Text: "pass", OldNo: 2},
				}}}},
				{OldPath: "plain", NewPath: `tab\there`},
				{OldPath: "old", NewPath: "néw"},
			}}},
		},
		{
			name: "file over MaxFileLines loses hunks, next file is intact",
			lim:  DiffLimits{MaxFileLines: 3},
			in: id1 + "\n" +
				"diff --git a/big.txt b/big.txt\n" +
				"--- a/big.txt\n" +
				"+++ b/big.txt\n" +
				"@@ -1,2 +1,2 @@\n" +
				"-a\n" +
				"-b\n" +
				"+c\n" +
				"+d\n" +
				"diff --git a/small.txt b/small.txt\n" +
				"--- a/small.txt\n" +
				"+++ b/small.txt\n" +
				"@@ -1 +1 @@\n" +
				"-a\n" +
				"+b\n" +
				id2 + "\n",
			want: []CommitDiff{
				{Hash: id1, Files: []FileDiff{
					{OldPath: "big.txt", NewPath: "big.txt"},
					{OldPath: "small.txt", NewPath: "small.txt", Hunks: []Hunk{{OldStart: 1, OldLines: 1, NewStart: 1, NewLines: 1, Lines: []Line{
						{Kind: Removed, Text: "a", OldNo: 1},
						{Kind: Added, Text: "b", NewNo: 1},
					}}}},
				}},
				{Hash: id2},
			},
			wantSkipped: [][]SkippedFile{{{Path: "big.txt", Reason: "diff longer than 3 lines"}}, nil},
		},
		{
			// The first file takes 3 of the commit's 4 lines: the second
			// would take it past them and loses its hunks; the third fits
			// in the line left; the next commit starts afresh.
			name: "file that would take the commit over MaxCommitLines loses hunks",
			lim:  DiffLimits{MaxCommitLines: 4},
			in: id1 + "\n" +
				"diff --git a/a.txt b/a.txt\n" +
				"--- a/a.txt\n" +
				"+++ b/a.txt\n" +
				"@@ -1,2 +1 @@\n" +
				"-a\n" +
				"-b\n" +
				"+c\n" +
				"diff --git a/b.txt b/b.txt\n" +
				"--- a/b.txt\n" +
				"+++ b/b.txt\n" +
				"@@ -1 +1 @@\n" +
				"-a\n" +
				"+b\n" +
				"diff --git a/c.txt b/c.txt\n" +
				"--- a/c.txt\n" +
				"+++ b/c.txt\n" +
				"@@ -0,0 +1 @@\n" +
				"+x\n" +
				id2 + "\n" +
				"diff --git a/d.txt b/d.txt\n" +
				"--- a/d.txt\n" +
				"+++ b/d.txt\n" +
				"@@ -1,2 +1,2 @@\n" +
				"-a\n" +
				"-b\n" +
				"+c\n" +
				"+d\n",
			want: []CommitDiff{
				{Hash: id1, Files: []FileDiff{
					{OldPath: "a.txt", NewPath: "a.txt", Hunks: []Hunk{{OldStart: 1, OldLines: 2, NewStart: 1, NewLines: 1, Lines: []Line{
						{Kind: Removed, Text: "a", OldNo: 1},
						{Kind: Removed, Text: "b", OldNo: 2},
						{Kind: Added, Text: "c", NewNo: 1},
					}}}},
					{OldPath: "b.txt", NewPath: "b.txt"},
					{OldPath: "c.txt", NewPath: "c.txt", Hunks: []Hunk{{NewStart: 1, NewLines: 1, Lines: []Line{
						{Kind: Added, Text: "x", NewNo: 1},
					}}}},
				}},
				{Hash: id2, Files: []FileDiff{
					{OldPath: "d.txt", NewPath: "d.txt", Hunks: []Hunk{{OldStart: 1, OldLines: 2, NewStart: 1, NewLines: 2, Lines: []Line{
						{Kind: Removed, Text: "a", OldNo: 1},
						{Kind: Removed, Text: "b", OldNo: 2},
						{Kind: Added, Text: "c", NewNo: 1},
						{Kind: Added, Text: "d", NewNo: 2},
					}}}},
				}},
			},
			wantSkipped: [][]SkippedFile{{{Path: "b.txt", Reason: "the commit's diff is longer than 4 lines"}}, nil},
		},
		{
			name: "long line truncated at a character boundary",
			lim:  DiffLimits{MaxLineBytes: 4},
			in: id1 + "\n" +
				"diff --git a/l.txt b/l.txt\n" +
				"--- a/l.txt\n" +
				"+++ b/l.txt\n" +
				"@@ -1 +1,2 @@\n" +
				"-abcdefgh\n" +
				"+abcé\n" +
				"+ab\n",
			want: []CommitDiff{{Hash: id1, Files: []FileDiff{
				{OldPath: "l.txt", NewPath: "l.txt", Hunks: []Hunk{{OldStart: 1, OldLines: 1, NewStart: 1, NewLines: 2, Lines: []Line{
					{Kind: Removed, Text: "abcd", OldNo: 1},
					{Kind: Added, Text: "abc", NewNo: 1},
					{Kind: Added, Text: "ab", NewNo: 2},
				}}}},
			}}},
		},
		{
			name: "sha256 ids",
			in:   strings.Repeat("ab", 32) + "\n" + strings.Repeat("cd", 32) + "\n",
			want: []CommitDiff{{Hash: strings.Repeat("ab", 32)}, {Hash: strings.Repeat("cd", 32)}},
		},
		{name: "empty stream", in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skipped, err := readAllDiffs(t, tt.in, tt.lim)
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("commits:\n got %+v\nwant %+v", got, tt.want)
			}
			if tt.wantSkipped == nil && len(tt.want) > 0 {
				tt.wantSkipped = make([][]SkippedFile, len(tt.want))
			}
			if !reflect.DeepEqual(skipped, tt.wantSkipped) {
				t.Errorf("skipped = %+v, want %+v", skipped, tt.wantSkipped)
			}
		})
	}
}

func TestDiffReaderErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bad hunk header", id1 + "\ndiff --git a/x b/x\n@@ -a +1 @@\n", "bad hunk header"},
		{"hunk header without end", id1 + "\ndiff --git a/x b/x\n@@ -1 +1\n", "bad hunk header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAllDiffs(t, tt.in, DiffLimits{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

// errReader fails after its data, like a git process that dies.
type errReader struct{ data *strings.Reader }

func (r errReader) Read(p []byte) (int, error) {
	if r.data.Len() == 0 {
		return 0, errors.New("pipe broke")
	}
	return r.data.Read(p)
}

func TestDiffReaderReadError(t *testing.T) {
	d := NewDiffReader(errReader{strings.NewReader(id1 + "\n")}, DiffLimits{})
	if _, err := d.Next(); err == nil || !strings.Contains(err.Error(), "pipe broke") {
		t.Fatalf("Next = %v, want the read error", err)
	}
	if _, err := d.Next(); err == nil || errors.Is(err, io.EOF) {
		t.Fatalf("second Next = %v, want the sticky read error", err)
	}
}

func TestDiffReaderHugeLine(t *testing.T) {
	// Far longer than the read buffer: read through, kept up to the limit.
	huge := strings.Repeat("x", 3<<20)
	in := id1 + "\n" +
		"diff --git a/m.js b/m.js\n--- a/m.js\n+++ b/m.js\n@@ -1 +1,2 @@\n" +
		"-" + huge + "\n+" + huge + "\n+tail\n" + id2 + "\n"
	got, _, err := readAllDiffs(t, in, DiffLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Hash != id2 {
		t.Fatalf("got %d commits, want 2 ending with %s", len(got), id2)
	}
	lines := got[0].Files[0].Hunks[0].Lines
	if len(lines) != 3 || len(lines[0].Text) != defaultMaxLineBytes || len(lines[1].Text) != defaultMaxLineBytes || lines[2].Text != "tail" {
		t.Fatalf("lines: %d, lengths %d %d, last %q", len(lines), len(lines[0].Text), len(lines[1].Text), lines[2].Text)
	}
}

func TestGitHeaderNames(t *testing.T) {
	tests := []struct{ in, a, b string }{
		{"a/x.go b/x.go", "x.go", "x.go"},
		{"a/sp ace b/sp ace", "sp ace", "sp ace"},
		{"a/a b/c b/a b/c", "a b/c", "a b/c"},
		{"a/old name b/new name", "old name", "new name"},
		{`"a/t\303\251st" "b/t\303\251st"`, "tést", "tést"},
		{`"a/x\ty" b/z`, "x\ty", "z"},
		{`a/z "b/x\"y"`, "z", `x"y`},
		{`"a/\\back" "b/\\back"`, `\back`, `\back`},
	}
	for _, tt := range tests {
		if a, b := gitHeaderNames(tt.in); a != tt.a || b != tt.b {
			t.Errorf("gitHeaderNames(%q) = %q, %q, want %q, %q", tt.in, a, b, tt.a, tt.b)
		}
	}
}

// TestDiffReaderRealGit runs the real git on awkward file names and checks
// that the parse agrees with what was committed.
func TestDiffReaderRealGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	env := append(os.Environ(),
		"HOME="+dir, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
	)
	git := func(stdin string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env, cmd.Stdin = dir, env, strings.NewReader(stdin)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("", "init", "-q")
	write("plain.go", "package p\n\n// TODO: one\n")
	write("with space.py", "x = 1\n")
	write("ünï.rs", "fn main() {}\n")
	write("tab\tname.txt", "t\n")
	write("bin.dat", "\x00\x01\x02")
	git("", "add", "-A")
	git("", "commit", "-q", "-m", "one")
	root := git("", "rev-parse", "HEAD")
	write("plain.go", "package p\n\nfunc f() {}\n\n// TODO: one\n")
	git("", "mv", "with space.py", "moved here.py")
	git("", "rm", "-q", "ünï.rs")
	git("", "add", "-A")
	git("", "commit", "-q", "-m", "two")
	second := git("", "rev-parse", "HEAD")
	git("", "commit", "-q", "--allow-empty", "-m", "three")
	third := git("", "rev-parse", "HEAD")

	out := git(fmt.Sprintf("%s\n%s %s\n%s %s\n", root, second, root, third, second),
		"diff-tree", "--stdin", "-p", "--always", "--root", "-M", "--no-color", "--no-ext-diff", "--no-textconv")
	got, _, err := readAllDiffs(t, out+"\n", DiffLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Hash != root || got[1].Hash != second || got[2].Hash != third {
		t.Fatalf("commits = %+v", got)
	}
	paths := func(cd CommitDiff) []string {
		var p []string
		for _, f := range cd.Files {
			p = append(p, fmt.Sprintf("%q>%q bin=%v", f.OldPath, f.NewPath, f.Binary))
		}
		return p
	}
	wantRoot := []string{`"">"bin.dat" bin=true`, `"">"plain.go" bin=false`, `"">"tab\tname.txt" bin=false`, `"">"with space.py" bin=false`, `"">"ünï.rs" bin=false`}
	if p := paths(got[0]); !reflect.DeepEqual(p, wantRoot) {
		t.Errorf("root files = %q, want %q", p, wantRoot)
	}
	wantSecond := []string{`"with space.py">"moved here.py" bin=false`, `"plain.go">"plain.go" bin=false`, `"ünï.rs">"" bin=false`}
	if p := paths(got[1]); !reflect.DeepEqual(p, wantSecond) {
		t.Errorf("second files = %q, want %q", p, wantSecond)
	}
	if len(got[2].Files) != 0 {
		t.Errorf("empty commit has files %+v", got[2].Files)
	}
	var added []Line
	for _, h := range got[1].Files[1].Hunks {
		for _, l := range h.Lines {
			if l.Kind == Added {
				added = append(added, l)
			}
		}
	}
	want := []Line{{Kind: Added, Text: "func f() {}", NewNo: 3}, {Kind: Added, Text: "", NewNo: 4}}
	if !reflect.DeepEqual(added, want) {
		t.Errorf("added lines of plain.go = %+v, want %+v", added, want)
	}
}

// syntheticDiff is a diff-tree stream of about size bytes: many commits of
// a few files with a few hunks each.
func syntheticDiff(size int) string {
	var b strings.Builder
	for c := 0; b.Len() < size; c++ {
		fmt.Fprintf(&b, "%040x\n", c)
		for f := 0; f < 4; f++ {
			fmt.Fprintf(&b, "diff --git a/pkg/file%d.go b/pkg/file%d.go\nindex 1111111..2222222 100644\n--- a/pkg/file%d.go\n+++ b/pkg/file%d.go\n", f, f, f, f)
			for h := 0; h < 3; h++ {
				fmt.Fprintf(&b, "@@ -%d,7 +%d,8 @@ func f() {\n", 10+h*50, 10+h*50)
				b.WriteString(" \tx := compute(a, b, c)\n \tif x > 0 {\n \t\treturn x\n-\t}\n+\t}\n+\t// TODO(bob): handle the negative case properly\n \ty := x * 2\n \tz := y + 1\n \treturn z\n")
			}
		}
	}
	return b.String()
}

func BenchmarkDiffReader(b *testing.B) {
	text := syntheticDiff(4 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d := NewDiffReader(strings.NewReader(text), DiffLimits{})
		for {
			if _, err := d.Next(); err != nil {
				if !errors.Is(err, io.EOF) {
					b.Fatal(err)
				}
				break
			}
		}
	}
}

// TestDiffReaderMalformedHunks: a line the hunk's counts have no room for
// ends the hunk; it is never numbered 0 or past the counts, and the next
// file and commit are read as usual.
func TestDiffReaderMalformedHunks(t *testing.T) {
	next := "diff --git a/n.go b/n.go\n--- a/n.go\n+++ b/n.go\n@@ -1 +1 @@\n-old\n+new\n" + id2 + "\n"
	tests := []struct {
		name, hunk string
		want       []Line
	}{
		{"removed line in an added file", "@@ -0,0 +1 @@\n-x\n+y\n", nil},
		{"added line in a deleted file", "@@ -1 +0,0 @@\n+x\n-y\n", nil},
		{"context line past the old side", "@@ -0,0 +1,2 @@\n+a\n b\n", []Line{{Kind: Added, NewNo: 1, Text: "a"}}},
		{"more removed lines than counted", "@@ -3,1 +3,2 @@\n-a\n-b\n+c\n", []Line{{Kind: Removed, OldNo: 3, Text: "a"}}},
		{"more added lines than counted", "@@ -3,0 +4,1 @@\n+a\n+b\n", []Line{{Kind: Added, NewNo: 4, Text: "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := id1 + "\ndiff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n" + tt.hunk + next
			commits, _, err := readAllDiffs(t, in, DiffLimits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(commits) != 2 || len(commits[0].Files) != 2 {
				t.Fatalf("read %+v, want two commits, the first with two files", commits)
			}
			var got []Line
			for _, h := range commits[0].Files[0].Hunks {
				got = append(got, h.Lines...)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lines = %+v, want %+v", got, tt.want)
			}
			n := commits[0].Files[1]
			if len(n.Hunks) != 1 || len(n.Hunks[0].Lines) != 2 || n.Hunks[0].Lines[1] != (Line{Kind: Added, NewNo: 1, Text: "new"}) {
				t.Errorf("the next file was not read as usual: %+v", n)
			}
		})
	}
}

func TestDiffReaderHugeRanges(t *testing.T) {
	for _, hdr := range []string{"@@ -1 +9223372036854775807 @@", "@@ -1,9223372036854775807 +1 @@", "@@ -2147483647,2 +1 @@"} {
		in := id1 + "\ndiff --git a/x b/x\n" + hdr + "\n x\n"
		if _, _, err := readAllDiffs(t, in, DiffLimits{}); err == nil || !strings.Contains(err.Error(), "bad range") {
			t.Errorf("%s: err = %v, want a bad range", hdr, err)
		}
	}
}

// An index line's object names are kept when whole and naming a side that
// exists: abbreviated ones (git's default) and all-zero ones are not.
func TestIndexBlobs(t *testing.T) {
	a, b := strings.Repeat("a1", 20), strings.Repeat("b2", 32)
	zero := strings.Repeat("0", 40)
	for _, c := range []struct{ line, old, new string }{
		{a + ".." + b + " 100644", a, b},
		{zero + ".." + a + " 100644", "", a}, // a new file
		{a + ".." + zero, a, ""},             // a deleted one
		{"1234567..89abcde 100644", "", ""},  // abbreviated
		{a + "..", a, ""},
		{"nothing", "", ""},
		{strings.Repeat("g", 40) + ".." + a, "", a},
	} {
		old, new := indexBlobs(c.line)
		if old != c.old || new != c.new {
			t.Errorf("indexBlobs(%q) = %q, %q; want %q, %q", c.line, old, new, c.old, c.new)
		}
	}
}
