package analyze

import (
	"context"
	"fmt"
	"os/exec"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Files read through the cache while a history streams are what git has
// at each commit, whether a commit changed, renamed, deleted or left them
// alone; and git is asked far less often than the detectors ask.
func TestFileCacheReadsWhatGitHas(t *testing.T) {
	dir := t.TempDir()
	run := gitIn(t, dir)
	write := writeIn(t, dir)
	run("init", "-q")
	write(".gitattributes", "*.txt text\n")
	write("a.txt", "a1\n")
	write("b.txt", "b1\n")
	run("add", ".")
	run("commit", "-qm", "one")
	steps := []func(){
		func() { write("a.txt", "a2\n") },
		func() { write("b.txt", "b2\n") },
		func() { run("mv", "a.txt", "c.txt") },
		func() { run("rm", "-q", "b.txt") },
		func() { write("d/e.txt", "e1\n") },
		func() { write(".gitattributes", "*.txt -text\n") },
		func() { write("c.txt", "c2\n") },
	}
	for i, step := range steps {
		step()
		run("add", "-A")
		run("commit", "-qm", fmt.Sprint("step ", i))
	}
	// A merge in the middle of a history, as real ones have.
	run("checkout", "-qb", "side", "HEAD~2")
	write("f.txt", "f1\n")
	run("add", ".")
	run("commit", "-qm", "side")
	run("checkout", "-q", "-")
	run("merge", "-q", "--no-ff", "-m", "merge", "side")
	write("c.txt", "c3\n")
	run("commit", "-qam", "after the merge")

	repo, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	commits, err := repo.RecentCommits(context.Background(), []string{run("rev-parse", "HEAD")}, 0)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{".gitattributes", "a.txt", "b.txt", "c.txt", "d/e.txt", "f.txt", "d"}
	type shown struct {
		text string
		ok   bool
	}
	var mu sync.Mutex // detect runs on two commits at once below
	shownAt := map[string]shown{}
	gitShow := func(rev, p string) (string, bool) {
		mu.Lock()
		defer mu.Unlock()
		if s, ok := shownAt[rev+":"+p]; ok {
			return s.text, s.ok
		}
		out, err := exec.Command("git", "-C", dir, "cat-file", "blob", rev+":"+p).Output()
		shownAt[rev+":"+p] = shown{string(out), err == nil}
		return string(out), err == nil
	}
	// gitFiles lists the files directly in folder d at rev.
	gitFiles := func(rev, d string) ([]string, error) {
		mu.Lock()
		defer mu.Unlock()
		out, err := exec.Command("git", "-C", dir, "ls-tree", "--name-only", rev+":"+d).Output()
		if err != nil {
			return nil, err
		}
		var files []string
		for _, name := range strings.Fields(string(out)) {
			if isDir, _ := exec.Command("git", "-C", dir, "cat-file", "-t", rev+":"+path.Join(d, name)).Output(); strings.TrimSpace(string(isDir)) == "blob" {
				files = append(files, name)
			}
		}
		return files, nil
	}
	asked := 0
	for _, workers := range []int{0, 2} {
		err = repo.analyze(context.Background(), commits, DiffLimits{}, workers, func(c Commit, cd *CommitDiff) Result {
			for range 3 { // as several detectors do
				for _, p := range paths {
					for _, side := range []LineKind{Added, Removed} {
						rev := c.Hash
						if side == Removed && len(c.Parents) == 0 {
							if _, ok := cd.ReadSource(p, side); ok {
								t.Errorf("%s read before the root commit", p)
							}
							continue
						}
						if side == Removed {
							rev = c.Parents[0]
						}
						got, ok := cd.ReadSource(p, side)
						want, wantOK := gitShow(rev, p)
						if ok != wantOK || string(got) != want {
							t.Errorf("%s at %s (%s): got %q %v, git has %q %v", p, rev[:7], string(side), got, ok, want, wantOK)
						}
						mu.Lock()
						asked++
						mu.Unlock()
					}
				}
			}
			// The folders' listings, kept for the commit that last changed
			// a file in them, are what the commit's trees say.
			for _, d := range []string{"", "d"} {
				got, err := cd.ListDir(d)
				want, wantErr := gitFiles(c.Hash, d)
				if (err == nil) != (wantErr == nil) || !slices.Equal(got, want) {
					t.Errorf("folder %q at %s: listed %q (%v), git has %q (%v)", d, c.Hash[:7], got, err, want, wantErr)
				}
			}
			return Result{Commit: c}
		}, nil, func(Result) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
	}
	if asked == 0 {
		t.Fatal("no commit was read")
	}

	// The merge's changes are known from git's comparison of its trees.
	fc0 := newFileCache()
	var merges []Commit
	for _, c := range commits {
		if len(c.Parents) > 1 {
			merges = append(merges, c)
		}
	}
	repo.recordMerges(context.Background(), merges, fc0)
	// f.txt and its folder (listDir)
	if len(merges) != 1 || len(fc0.commits[merges[0].Hash].changed) != 2 || !fc0.commits[merges[0].Hash].changed[fc0.ids["f.txt"]] {
		t.Errorf("merge recorded as %+v", fc0.commits)
	}

	// The same reads, straight through a cache in front of one reader:
	// git is asked for a file once per content, not once per read.
	reader, fc := readerAndCache(t, repo)
	blobs := &countedBlobs{blobSource: reader}
	reads := 0
	for _, c := range commits {
		if len(c.Parents) != 1 {
			continue
		}
		cd, err := repo.DiffOf(context.Background(), c, DiffLimits{})
		if err != nil {
			t.Fatal(err)
		}
		fc.record(c, cd)
		read := fc.source(blobs, c, nil)
		for range 3 {
			for _, p := range paths {
				read(p, Added)
				read(p, Removed)
				reads += 2
			}
		}
	}
	if blobs.asked == 0 || blobs.asked*4 > reads {
		t.Errorf("git was asked %d times for %d reads", blobs.asked, reads)
	}
}

// countedBlobs counts the files asked of a blob source.
type countedBlobs struct {
	blobSource
	asked int
}

func (c *countedBlobs) ReadObject(name string, max int64) ([]byte, error) {
	c.asked++
	return c.blobSource.ReadObject(name, max)
}

func (c *countedBlobs) ReadObjects(names []string, max int64) []BlobAnswer {
	c.asked += len(names)
	return c.blobSource.ReadObjects(names, max)
}

// The cache keeps within its bounds.
func TestFileCacheBounds(t *testing.T) {
	fc := newFileCache()
	fc.maxFiles, fc.maxBytes = 3, 10
	for i := range 10 {
		fc.keep(fileKey{fmt.Sprint(i), "p"}, "", cachedFile{data: []byte("abcd"), ok: true})
	}
	if len(fc.kept) > 2 || fc.size > 10 || fc.order.Len() != len(fc.kept) {
		t.Fatalf("kept %d files of %d bytes (order %d), bounds 3 files and 10 bytes", len(fc.kept), fc.size, fc.order.Len())
	}
	fc.keep(fileKey{"big", "p"}, "", cachedFile{data: make([]byte, 11), ok: true})
	if _, ok := fc.kept[fileKey{"big", "p"}]; ok {
		t.Fatal("a file over the whole bound was kept")
	}

	// What it remembers of commits and followed reads stays bounded too,
	// over a history longer than the bounds.
	fc = newFileCache()
	parent := ""
	for i := range 3 * maxRecordedCommits {
		h := fmt.Sprint("c", i)
		c := Commit{Hash: h}
		if parent != "" {
			c.Parents = []string{parent}
		}
		fc.record(c, &CommitDiff{Files: []FileDiff{{OldPath: "x.go", NewPath: "x.go"}}})
		fc.mu.Lock()
		fc.originOf(fileKey{h, fmt.Sprint("other", i%7)})
		fc.mu.Unlock()
		parent = h
	}
	origins := 0
	for _, cc := range fc.commits {
		origins += len(cc.origins)
	}
	if len(fc.commits) > maxRecordedCommits || origins > 7*maxRecordedCommits {
		t.Fatalf("remembers %d commits and %d origins, bounds %d and %d", len(fc.commits), origins, maxRecordedCommits, 7*maxRecordedCommits)
	}
}

// A read that follows a file back through many commits remembers where it
// found it at one commit in originMemoEvery, not at each (a probe for a
// README that is not there walked 256 commits and filled each one's map);
// reads at the commits between still find the same origin.
func TestFileCacheOriginMemoIsSparse(t *testing.T) {
	fc := newFileCache()
	parent := ""
	const n = 200
	for i := range n {
		h := fmt.Sprint("c", i)
		c := Commit{Hash: h}
		if parent != "" {
			c.Parents = []string{parent}
		}
		changed := []FileDiff{{OldPath: "x.go", NewPath: "x.go"}}
		if i == 0 {
			changed = append(changed, FileDiff{NewPath: "p"})
		}
		fc.record(c, &CommitDiff{Files: changed})
		parent = h
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if got := fc.originOf(fileKey{parent, "p"}); got != (fileKey{"c0", "p"}) {
		t.Fatalf("origin %v, want c0's", got)
	}
	origins := 0
	for _, cc := range fc.commits {
		origins += len(cc.origins)
	}
	if origins > n/originMemoEvery+1 {
		t.Errorf("one read remembered %d origins over %d commits", origins, n)
	}
	for _, i := range []int{1, 17, 100, 150, n - 2} {
		if got := fc.originOf(fileKey{fmt.Sprint("c", i), "p"}); got != (fileKey{"c0", "p"}) {
			t.Errorf("at c%d: origin %v, want c0's", i, got)
		}
	}
}

// A path that looks like a hash is a path unless it is the next merge's
// (git prints each merge's hash before its paths). Each merge is handed on
// as soon as the next one's hash shows its paths are all there; the last
// is returned, for the caller to keep once git has exited cleanly.
func TestParseMergeChanges(t *testing.T) {
	a, b := strings.Repeat("a", 40), strings.Repeat("b", 40)
	out := a + "\x00x.go\x00" + b + "\x00" + a + "\x00" + b + "\x00"
	var done []string
	last, changed := parseMergeChanges(strings.NewReader(out), []Commit{{Hash: a}, {Hash: b}, {Hash: "c"}}, func(i int, changed map[string]bool) {
		done = append(done, fmt.Sprint(i, changed))
	})
	if fmt.Sprint(done) != "[0 map[x.go:true]]" || last != 1 || fmt.Sprint(changed) != "map["+a+":true "+b+":true]" {
		t.Errorf("handed on %v, then returned %d %v", done, last, changed)
	}
	last, _ = parseMergeChanges(strings.NewReader("x.go\x00"), []Commit{{Hash: a}}, func(i int, _ map[string]bool) {
		t.Errorf("merge %d handed on from an answer that does not start with a merge", i)
	})
	if last != -1 {
		t.Errorf("an answer that does not start with the merge: last %d", last)
	}
}

// A read waits for the merges before its commit in the analysis' order,
// and no others: the first commits are read while git still answers for
// the later merges. In an order where a parent follows its child, every
// read waits for every merge.
func TestFileCacheReadWaitsForEarlierMergesOnly(t *testing.T) {
	commits := []Commit{
		{Hash: "c0"},
		{Hash: "m1", Parents: []string{"c0", "side"}},
		{Hash: "c2", Parents: []string{"m1"}},
	}
	merges := commits[1:2]
	read := func(fc *fileCache, at string) <-chan cachedFile {
		got := make(chan cachedFile, 1)
		go func() { got <- fc.readMany(&countingBlobs{}, []fileAsk{{at, "f", ""}}, 100)[0] }()
		return got
	}
	waits := func(got <-chan cachedFile) bool {
		select {
		case <-got:
			return false
		case <-time.After(100 * time.Millisecond):
			return true
		}
	}

	fc := newFileCache()
	fc.expectMerges(commits, merges)
	if waits(read(fc, "c0")) {
		t.Error("a read at the commit before the merge waited for it")
	}
	if waits(read(fc, "outside")) {
		t.Error("a read at a commit outside the analysis waited for a merge")
	}
	after := read(fc, "c2")
	if !waits(after) {
		t.Fatal("a read at the merge's child did not wait for the merge")
	}
	fc.recordChanged(merges[0], map[string]bool{"f": true})
	fc.mergeRecorded()
	if waits(after) {
		t.Error("the read still waits once the merge is recorded")
	}

	fc = newFileCache()
	fc.expectMerges([]Commit{commits[2], commits[1], commits[0]}, merges)
	first := read(fc, "c0")
	if !waits(first) {
		t.Fatal("in an order where parents come last, a read did not wait for the merges")
	}
	fc.mergesRecorded()
	if waits(first) {
		t.Error("the read still waits once the merges are done")
	}
}

// countingBlobs answers every read with the key itself, counting them
// and the round trips.
type countingBlobs struct{ reads, trips int }

func (c *countingBlobs) ReadObject(name string, max int64) ([]byte, error) {
	c.reads++
	c.trips++
	return []byte(name), nil
}

func (c *countingBlobs) ReadObjects(names []string, max int64) []BlobAnswer {
	out := make([]BlobAnswer, len(names))
	for i, n := range names {
		out[i].Data, out[i].Err = []byte(n), nil
		if strings.Contains(n, "gone") {
			out[i].Data, out[i].Err = nil, ErrNoBlob
		}
	}
	c.reads += len(names)
	c.trips++
	return out
}

// Files read together are asked of git in one round trip, each once, and
// only those not kept; what git answered, there or not, is kept.
func TestFileCacheReadMany(t *testing.T) {
	fc := newFileCache()
	fc.mergesRecorded()
	blobs := &countingBlobs{}
	fc.read(blobs, "c1", "kept", "", 100)
	got := fc.readMany(blobs, []fileAsk{{"c1", "kept", ""}, {"c1", "x", ""}, {"c1", "x", ""}, {"c1", "gone", ""}, {"c2", "y", "b0b"}}, 100)
	want := []cachedFile{{[]byte("c1:kept"), true}, {[]byte("c1:x"), true}, {[]byte("c1:x"), true}, {nil, false}, {[]byte("b0b"), true}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("readMany: %v, want %v", got, want)
	}
	if blobs.reads != 4 || blobs.trips != 2 {
		t.Errorf("git asked %d names in %d round trips, want 4 in 2: the kept file once, then x, gone and y together", blobs.reads, blobs.trips)
	}
	fc.readMany(blobs, []fileAsk{{"c1", "x", ""}, {"c1", "gone", ""}, {"c2", "y", "b0b"}}, 100)
	if blobs.trips != 2 {
		t.Errorf("files read before were asked of git again (%d round trips)", blobs.trips)
	}
}

// A file read again and again stays while others pass through: the least
// recently read goes first.
func TestFileCacheKeepsWhatIsReadOften(t *testing.T) {
	fc := newFileCache()
	fc.mergesRecorded()
	fc.maxFiles = 3
	blobs := &countingBlobs{}
	fc.read(blobs, "c1", "hot", "", 100)
	for i := range 10 {
		fc.read(blobs, fmt.Sprint("c", i), "passing", "", 100)
		fc.read(blobs, "c1", "hot", "", 100)
	}
	if blobs.reads != 11 {
		t.Fatalf("git asked %d times, want 11: the hot file once, each passing one once", blobs.reads)
	}
}

// The sides of a changed file are asked of git by the object names the
// diff gives (no walk of the commit's trees); a file the commit did not
// change, by commit and path.
func TestFileCacheAsksByObjectName(t *testing.T) {
	dir := t.TempDir()
	run := gitIn(t, dir)
	write := writeIn(t, dir)
	run("init", "-q")
	write("a.txt", "a1\n")
	write("b.txt", "b1\n")
	run("add", ".")
	run("commit", "-qm", "one")
	write("a.txt", "a2\n")
	run("commit", "-qam", "two")
	repo, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := repo.CommitInfo(context.Background(), run("rev-parse", "HEAD"))
	if err != nil {
		t.Fatal(err)
	}
	cd, err := repo.DiffOf(context.Background(), c, DiffLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cd.Files) != 1 || cd.Files[0].OldBlob != run("rev-parse", "HEAD~1:a.txt") || cd.Files[0].NewBlob != run("rev-parse", "HEAD:a.txt") {
		t.Fatalf("diff = %+v, want a.txt with both sides' object names", cd.Files)
	}
	reader, fc := readerAndCache(t, repo)
	blobs := &namedBlobs{blobSource: reader}
	fc.record(c, cd)
	read := fc.source(blobs, c, nil)
	for _, r := range []struct {
		path string
		side LineKind
		want string
	}{{"a.txt", Added, "a2\n"}, {"a.txt", Removed, "a1\n"}, {"b.txt", Added, "b1\n"}} {
		if got, ok := read(r.path, r.side); !ok || string(got) != r.want {
			t.Errorf("%s (%s) = %q, %v; want %q", r.path, string(r.side), got, ok, r.want)
		}
	}
	// b.txt is followed back to the parent, where the commit found it.
	want := []string{cd.Files[0].NewBlob, cd.Files[0].OldBlob, c.Parents[0] + ":b.txt"}
	if fmt.Sprint(blobs.names) != fmt.Sprint(want) {
		t.Errorf("asked git for %q, want %q", blobs.names, want)
	}
}

// namedBlobs records the names asked of a blob source.
type namedBlobs struct {
	blobSource
	names []string
}

func (n *namedBlobs) ReadObject(name string, max int64) ([]byte, error) {
	n.names = append(n.names, name)
	return n.blobSource.ReadObject(name, max)
}

// readerAndCache starts a blob reader on repo, closed when the test ends,
// and an empty file cache with no merges to wait for.
func readerAndCache(t *testing.T, repo *Repo) (*BlobReader, *fileCache) {
	t.Helper()
	reader, err := repo.NewBlobReader(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = reader.Close() })
	fc := newFileCache()
	fc.mergesRecorded()
	return reader, fc
}

// Content read under one object name is not asked of git again under
// another key with that name (go.mod at a commit whose first parents lead
// back to where it was read only through a merge); a path at a commit is
// no object name, and what is evicted goes from both indexes.
func TestFileCacheKeepsByObjectName(t *testing.T) {
	fc := newFileCache()
	fc.mergesRecorded()
	fc.maxFiles = 2
	blobs := &countingBlobs{}
	name := strings.Repeat("ab", 20)
	if got, ok := fc.read(blobs, "c1", "go.mod", name, 100); !ok || string(got) != name {
		t.Fatalf("first read = %q, %v", got, ok)
	}
	if got, ok := fc.read(blobs, "c9", "go.mod", name, 100); !ok || string(got) != name || blobs.reads != 1 {
		t.Errorf("the same object at another commit = %q, %v after %d reads of git, want it kept", got, ok, blobs.reads)
	}
	fc.read(blobs, "c1", "x", "", 100) // by commit and path: under its key only
	if len(fc.byBlob) != 1 {
		t.Errorf("kept by name: %d files, want go.mod's alone", len(fc.byBlob))
	}
	fc.read(blobs, "c2", "y", "", 100)
	fc.read(blobs, "c3", "z", "", 100) // go.mod and x out
	if len(fc.byBlob) != 0 || len(fc.kept) != 2 {
		t.Errorf("after eviction: %d by name, %d by key; want 0 and 2", len(fc.byBlob), len(fc.kept))
	}
	reads := blobs.reads
	fc.read(blobs, "c7", "go.mod", name, 100)
	if blobs.reads != reads+1 {
		t.Errorf("an evicted object was answered without git")
	}
}
