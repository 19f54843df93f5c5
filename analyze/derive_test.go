package analyze

import (
	"context"
	"strings"
	"testing"
)

// A changed file's side is made from its other side and the hunks, in
// either direction, exactly as git has it; where the parser did not keep
// a hunk whole (a "\r" taken off, a line cut, a last line without its
// newline), nothing is made and the side is read from git.
func TestDeriveSide(t *testing.T) {
	long := strings.Repeat("x", 300)
	for _, tc := range []struct {
		name     string
		old, new string
		limits   DiffLimits
		derived  bool
	}{
		{name: "edits in the middle", old: "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n", new: "a\nb\nC\nd\ne\nf\ng\nh\ni\nJ\nJJ\nk\nl\n", derived: true},
		{name: "lines added at the top and the end", old: "b\nc\n", new: "a\nb\nc\nd\n", derived: true},
		{name: "lines taken out", old: "a\nb\nc\nd\ne\n", new: "a\ne\n", derived: true},
		{name: "everything replaced", old: "a\nb\n", new: "c\nd\ne\n", derived: true},
		{name: "carriage returns", old: "a\r\nb\r\nc\r\n", new: "a\r\nB\r\nc\r\n"},
		{name: "no newline at the end", old: "a\nb", new: "a\nc"},
		{name: "a line longer than the parser keeps", old: "a\n" + long + "\nb\n", new: "a\n" + long + "y\nb\n", limits: DiffLimits{MaxLineBytes: 100}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			git, write := gitIn(t, dir), writeIn(t, dir)
			git("init", "-q", "-b", "main")
			write("f.txt", tc.old)
			git("add", ".")
			git("commit", "-q", "-m", "old")
			write("f.txt", tc.new)
			git("commit", "-q", "-am", "new")
			repo, head := openHead(t, dir)
			c, err := repo.CommitInfo(context.Background(), head)
			if err != nil {
				t.Fatal(err)
			}
			cd, err := repo.DiffOf(context.Background(), c, tc.limits)
			if err != nil {
				t.Fatal(err)
			}
			f := changedSide(cd, "f.txt", Added)
			if f == nil || changedSide(cd, "f.txt", Removed) != f {
				t.Fatalf("no changed file with both sides in %+v", cd.Files)
			}
			newSide, okNew := deriveSide(f, []byte(tc.old), Added)
			oldSide, okOld := deriveSide(f, []byte(tc.new), Removed)
			if tc.derived {
				if !okNew || string(newSide) != tc.new {
					t.Errorf("new side: %q, %v; want %q", newSide, okNew, tc.new)
				}
				if !okOld || string(oldSide) != tc.old {
					t.Errorf("old side: %q, %v; want %q", oldSide, okOld, tc.old)
				}
				return
			}
			if okNew && string(newSide) != tc.new || okOld && string(oldSide) != tc.old {
				t.Errorf("made a side that is not git's: %q, %q", newSide, oldSide)
			}
			if okNew && okOld {
				t.Errorf("made both sides from hunks the parser did not keep whole")
			}
			// Made from content that is not the other side, nothing is.
			if _, ok := deriveSide(f, []byte("something else\n"), Added); ok {
				t.Error("made the new side from content that is not the old one")
			}
		})
	}
}

// Both sides of a changed file asked at once are one read of git: the new
// side is made from the old; asked alone, a side whose other side is kept
// is no read at all. What is made is what git has.
func TestFileCacheDerivesSides(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	var versions []string
	for i := range 4 {
		var b strings.Builder
		for k := range 40 {
			if k == 10*i || k == 10*i+5 {
				b.WriteString("changed in version " + string(rune('a'+i)) + "\n")
				continue
			}
			b.WriteString("line " + string(rune('a'+k%26)) + "\n")
		}
		versions = append(versions, b.String())
		write("f.go", b.String())
		git("add", ".")
		git("commit", "-q", "-m", "v")
	}
	repo, head := openHead(t, dir)
	commits, err := repo.RecentCommits(context.Background(), []string{head}, 4)
	if err != nil {
		t.Fatal(err)
	}
	reader, fc := readerAndCache(t, repo)
	blobs := &countedBlobs{blobSource: reader}
	for i, c := range commits[1:] {
		cd, err := repo.DiffOf(context.Background(), c, DiffLimits{})
		if err != nil {
			t.Fatal(err)
		}
		fc.record(c, cd)
		fc.attach(blobs, c, cd)
		before := blobs.asked
		if i > 0 {
			// Alone: made from the old side, kept from the commit before.
			if src, ok := cd.ReadSource("f.go", Added); !ok || string(src) != versions[i+1] || blobs.asked != before {
				t.Fatalf("commit %d: new side alone %q, %v, %d reads of git; want version %d, no read", i+1, src, ok, blobs.asked-before, i+1)
			}
		}
		got := cd.ReadSources([]FileAt{{Path: "f.go", Side: Removed}, {Path: "f.go", Side: Added}})
		if !got[0].OK || string(got[0].Content) != versions[i] || !got[1].OK || string(got[1].Content) != versions[i+1] {
			t.Fatalf("commit %d: sides %q, %q; want versions %d and %d", i+1, got[0].Content, got[1].Content, i, i+1)
		}
		// The first commit's old side is read, the new made from it; each
		// later commit's old side is the side kept from the one before.
		want := 1
		if i > 0 {
			want = 0
		}
		if n := blobs.asked - before; n != want {
			t.Errorf("commit %d: git asked for %d files, want %d", i+1, n, want)
		}
	}
}
