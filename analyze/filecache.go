package analyze

import (
	"container/list"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
)

// The detectors read whole files at a commit and at its parent: the two
// sides of a changed Go file, the .gitattributes and go.mod files around
// it, a test file's imports. A 2,000-commit backfill asked git for about
// 10,000 files, one round trip each through one `git cat-file` that the
// detect workers take turns at, and those round trips were most of the
// workers' time. Most of the answers were known already: a file a commit
// does not change is the file its parent has, and the side of a file a
// commit starts from is the side the last commit to change it left. The
// diff stream says what each commit changed, so a read at (commit, path)
// is first followed back through the commits that left path alone to the
// one that last set it, and what was read there is kept.

// Bounds of what fileCache keeps.
const (
	maxCachedFiles = 16384
	// maxCachedFileBytes: at 2 MiB, go-git's backfill read 296 objects
	// of its last 2,000 commits twice, most several hundred reads after
	// the first; at 6 MiB, 151 (3,573 reads of git, 3,249), and peak RSS
	// moved from 75 to 77 MiB (imgui's 8,000 commits: 88 MiB either way).
	maxCachedFileBytes = 6 << 20
	// maxCachedFile is the largest file kept: a large file is rarely read
	// again soon, and a few of them (a 1 MB imgui.cpp) would hold the
	// memory every file shares.
	maxCachedFile = 64 << 10
	// maxRecordedCommits is how many commits' changes are remembered, with
	// where the files read at them were last set; past it the older half
	// is forgotten (reads there go to git again).
	maxRecordedCommits = 2048
	// maxFollow is how many commits one read follows back before it
	// stops and reads where it stands.
	maxFollow = 256
)

// fileCache remembers what the commits diffed so far changed and keeps
// the files read for them, the least recently read out first. Safe for
// concurrent use.
type fileCache struct {
	mu      sync.Mutex
	commits map[string]*commitChanges
	seq     int
	// ids number the paths recorded or read: a read follows a file back
	// through hundreds of commits, and an integer is found in each
	// commit's sets faster than a path is.
	ids  map[string]int32
	kept map[fileKey]*list.Element
	// listings are the folders listed so far (listDir), by where their
	// files were last set.
	listings map[fileKey][]string
	// byBlob are the kept files by object name, where the read knew it:
	// the same content is often asked for under another key, at a commit
	// whose first parents lead back to where it was read only through a
	// merge (go.mod, read as the new side of one commit and as the old
	// side of the next change on the other branch), and 15% of a
	// backfill's reads of go-git were of content read already.
	byBlob   map[string]*list.Element
	order    *list.List // of *keptFile, least recently read first
	size     int        // bytes kept
	maxFiles int
	maxBytes int
	// A read must not follow a file back before the merges among its
	// commit's ancestors are recorded (recordMerges): it would stop at a
	// merge, and remember that for the reads after it. mergesAt is how
	// many merges come at or before each commit in the analysis' order
	// (expectMerges), nil when a read waits for them all; mergesKnown is
	// how many are recorded, in that order; mergesDone says no more will
	// be. mergeWait wakes the reads waiting. Under mu.
	mergesAt    map[string]int
	mergesKnown int
	mergesDone  bool
	mergeWait   *sync.Cond
	// grammars learns of the parser generators' sources the commits
	// recorded change; nil when no analysis asks (tests).
	grammars *grammarIndex
	// testCalls is what each commit's TestCalls asks (grepTestCalls).
	testCalls testCallsFunc
	// tests knows the test files the commits may have, for TestCalls; nil
	// when no analysis asks (tests).
	tests *testIndex
	// manifests knows the manifests the commits may have, for HoldersAt;
	// nil when no analysis asks (tests).
	manifests *manifestIndex
	// filesNaming is what each commit's FilesNaming asks.
	filesNaming filesNamingFunc
	// grep runs git grep for HeldAt.
	grep grepFunc
}

// commitChanges is what one diffed commit changed against its first parent.
type commitChanges struct {
	parent   string         // "" for a root commit
	parentCC *commitChanges // the parent's, once found recorded
	changed  map[int32]bool // by path id
	seq      int            // order recorded
	// origins are where the files read at this commit were last set, by
	// path id: a read at a child follows one commit back and stops here.
	origins map[int32]fileKey
	// newBlobs and oldBlobs are the object names of the changed files'
	// sides, by path id, where the diff gave them: the new side at this
	// commit, the old side at its parent.
	newBlobs, oldBlobs map[int32]string
	// deleted are the paths the commit deleted (DeletedByParent).
	deleted []string
}

// parentChanges is the record of cc's parent, or nil when it is not
// recorded.
func (fc *fileCache) parentChanges(cc *commitChanges) *commitChanges {
	if cc.parentCC == nil && cc.parent != "" {
		cc.parentCC = fc.commits[cc.parent]
	}
	return cc.parentCC
}

// id is path's number. Under fc.mu.
func (fc *fileCache) id(path string) int32 {
	id, ok := fc.ids[path]
	if !ok {
		id = int32(len(fc.ids))
		fc.ids[path] = id
	}
	return id
}

// fileKey names a file at a commit.
type fileKey struct{ commit, path string }

// cachedFile is a read's answer: the content, or ok false for a file that
// is not there or is too large.
type cachedFile struct {
	data []byte
	ok   bool
}

// keptFile is a cached answer and its key, in the order of use; blob is
// its object name when the read knew it.
type keptFile struct {
	key     fileKey
	blob    string
	element *list.Element // in fc.order
	cachedFile
}

func newFileCache() *fileCache {
	fc := &fileCache{
		commits:  map[string]*commitChanges{},
		ids:      map[string]int32{},
		kept:     map[fileKey]*list.Element{},
		listings: map[fileKey][]string{},
		byBlob:   map[string]*list.Element{},
		order:    list.New(),
		maxFiles: maxCachedFiles,
		maxBytes: maxCachedFileBytes,
	}
	fc.mergeWait = sync.NewCond(&fc.mu)
	return fc
}

// expectMerges says that merges, in this order, are the merges among
// commits (the analysis' commits, in its order) that recordMerges will
// record, so that a read at a commit waits for the merges before it only.
// That is every merge among its ancestors when each commit comes after its
// parents; in any other order a read waits for every merge.
func (fc *fileCache) expectMerges(commits, merges []Commit) {
	in := make(map[string]bool, len(commits))
	for _, c := range commits {
		in[c.Hash] = true
	}
	merge := make(map[string]bool, len(merges))
	for _, m := range merges {
		merge[m.Hash] = true
	}
	at := make(map[string]int, len(commits))
	n := 0
	for _, c := range commits {
		for _, p := range c.Parents {
			if _, before := at[p]; in[p] && !before {
				return // a parent after its child
			}
		}
		if merge[c.Hash] {
			n++
		}
		at[c.Hash] = n
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.mergesAt = at
}

// mergeRecorded says that the next merge, in the order expectMerges was
// given, is recorded.
func (fc *fileCache) mergeRecorded() {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.mergesKnown++
	fc.mergeWait.Broadcast()
}

// mergesRecorded says that what merges changed is known, as far as it
// will be.
func (fc *fileCache) mergesRecorded() {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.mergesDone = true
	fc.mergeWait.Broadcast()
}

// awaitMerges waits until the merges that a read of asks may follow
// files through are recorded. A commit outside the analysis needs none:
// its ancestors are outside it too. Under fc.mu.
func (fc *fileCache) awaitMerges(asks []fileAsk) {
	need := 0
	for _, a := range asks {
		if fc.mergesAt == nil {
			need = math.MaxInt
			break
		}
		need = max(need, fc.mergesAt[a.commit])
	}
	for !fc.mergesDone && fc.mergesKnown < need {
		fc.mergeWait.Wait()
	}
}

// record notes what commit c changed, every path of cd's files on either
// side. Only a commit recorded whole may be followed through: a commit
// outside the analysis is never recorded, a merge only by recordMerges.
func (fc *fileCache) record(c Commit, cd *CommitDiff) {
	changed := make(map[string]bool, 2*len(cd.Files))
	for _, f := range cd.Files {
		if f.OldPath != "" {
			changed[f.OldPath] = true
		}
		if f.NewPath != "" {
			changed[f.NewPath] = true
		}
	}
	cc := fc.recordChanged(c, changed)
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for _, f := range cd.Files {
		if f.NewPath == "" && f.OldPath != "" {
			cc.deleted = append(cc.deleted, f.OldPath)
		}
		if f.NewBlob != "" && f.NewPath != "" {
			if cc.newBlobs == nil {
				cc.newBlobs = map[int32]string{}
			}
			cc.newBlobs[fc.id(f.NewPath)] = f.NewBlob
		}
		if f.OldBlob != "" && f.OldPath != "" {
			if cc.oldBlobs == nil {
				cc.oldBlobs = map[int32]string{}
			}
			cc.oldBlobs[fc.id(f.OldPath)] = f.OldBlob
		}
	}
}

// maxPathIDs bounds the numbered paths; past it, what was recorded is
// forgotten and numbering starts again.
const maxPathIDs = 1 << 18

// recordChanged notes that commit c changed the paths in changed against
// its first parent, and nothing else, and returns the record.
func (fc *fileCache) recordChanged(c Commit, changed map[string]bool) *commitChanges {
	if fc.grammars != nil {
		fc.grammars.note(changed)
	}
	parent := ""
	if len(c.Parents) > 0 {
		parent = c.Parents[0]
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if len(fc.commits) >= maxRecordedCommits {
		fc.forgetOlderHalf()
	}
	if len(fc.ids)+2*len(changed) > maxPathIDs {
		clear(fc.commits)
		clear(fc.ids)
	}
	ids := make(map[int32]bool, len(changed))
	for p := range changed {
		ids[fc.id(p)] = true
		ids[fc.id(dirKey(parentDir(p)))] = true // its folder's listing (listDir)
	}
	fc.seq++
	cc := &commitChanges{parent: parent, changed: ids, seq: fc.seq}
	fc.commits[c.Hash] = cc
	if fc.tests != nil {
		fc.tests.note(changed, fc.seq)
	}
	if fc.manifests != nil {
		fc.manifests.note(changed)
	}
	return cc
}

// forgetOlderHalf drops the older half of the recorded commits, with the
// origins remembered at them. An origin remembered at a newer commit may
// still name a forgotten one: it names content, which does not change.
// Kept files stay for the same reason. Under fc.mu.
func (fc *fileCache) forgetOlderHalf() {
	cut := fc.seq - len(fc.commits)/2
	for h, cc := range fc.commits {
		if cc.seq <= cut {
			delete(fc.commits, h)
		}
	}
	for _, cc := range fc.commits {
		if cc.parentCC != nil && cc.parentCC.seq <= cut {
			cc.parentCC = nil // let the forgotten go
		}
	}
}

// originMemoEvery is how far apart, in the commits one read follows back,
// the origin it found is remembered. Remembering it at every commit passed
// was a twentieth of a backfill's CPU (map entries for every probe of a
// README that does not exist, 256 commits back); the next read of the
// path at a descendant stops at the first commit that remembers it, and
// one from another branch within this many commits of where it joins.
const originMemoEvery = 16

// originOf is the key whose content the file at k has: k followed back
// through the recorded commits that did not change its path. Under fc.mu.
func (fc *fileCache) originOf(k fileKey) fileKey {
	id := fc.id(k.path)
	var memo [maxFollow/originMemoEvery + 1]*commitChanges
	n := 0
	at := k
	cc := fc.commits[k.commit]
	for i := range maxFollow {
		if cc == nil {
			break
		}
		if o, ok := cc.origins[id]; ok {
			at = o
			break
		}
		if cc.changed[id] || cc.parent == "" {
			break
		}
		if i%originMemoEvery == 0 {
			memo[n] = cc
			n++
		}
		at = fileKey{cc.parent, k.path}
		cc = fc.parentChanges(cc)
	}
	for _, cc := range memo[:n] {
		if cc.origins == nil {
			cc.origins = map[int32]fileKey{}
		}
		cc.origins[id] = at
	}
	return at
}

// read returns the file at path in commit, from what was kept or read
// through blobs, at most max bytes. blob is the file's object name there
// when the caller knows it, else "".
func (fc *fileCache) read(blobs blobSource, commit, path, blob string, max int64) ([]byte, bool) {
	f := fc.readMany(blobs, []fileAsk{{commit, path, blob}}, max)[0]
	return f.data, f.ok
}

// fileAsk is one file readMany is asked for: path at commit, with its
// object name there when the caller knows it.
type fileAsk struct{ commit, path, blob string }

// readMany is read for several files: those not kept are asked of git in
// one round trip (blobSource.ReadObjects).
func (fc *fileCache) readMany(blobs blobSource, asks []fileAsk, max int64) []cachedFile {
	out := make([]cachedFile, len(asks))
	keys := make([]fileKey, len(asks))
	want := make([]int, len(asks)) // index into names, -1 when answered
	var names []string
	fc.mu.Lock()
	fc.awaitMerges(asks)
	for i, a := range asks {
		want[i] = -1
		k := fc.originOf(fileKey{a.commit, a.path})
		keys[i] = k
		if e, ok := fc.kept[k]; ok {
			// The files read at every commit (.gitattributes, go.mod, the
			// README) stay while the sides of changed files pass through.
			fc.order.MoveToBack(e)
			out[i] = e.Value.(*keptFile).cachedFile
			continue
		}
		name := a.blob
		if cc := fc.commits[k.commit]; name == "" && cc != nil {
			// The commit that last set the file names what it set.
			name = cc.newBlobs[fc.id(a.path)]
		}
		if e, ok := fc.byBlob[name]; ok && name != "" {
			fc.order.MoveToBack(e)
			out[i] = e.Value.(*keptFile).cachedFile
			continue
		}
		if name == "" {
			if k.commit == "" || a.path == "" {
				continue
			}
			name = k.commit + ":" + a.path
		}
		if want[i] = slices.Index(names, name); want[i] < 0 {
			want[i] = len(names)
			names = append(names, name)
		}
	}
	fc.mu.Unlock()
	if len(names) == 0 {
		return out
	}
	var answers []BlobAnswer
	if len(names) == 1 {
		data, err := blobs.ReadObject(names[0], max)
		answers = []BlobAnswer{{Data: data, Err: err}}
	} else {
		answers = blobs.ReadObjects(names, max)
	}
	for i, w := range want {
		if w < 0 {
			continue
		}
		data, err := answers[w].Data, answers[w].Err
		switch {
		case err == nil:
			data = data[:len(data):len(data)] // shared: an append must copy
		case errors.Is(err, ErrNoBlob), errors.Is(err, ErrBlobTooLarge):
			data = nil
		default:
			continue // git failed: nothing to keep
		}
		out[i] = cachedFile{data: data, ok: err == nil}
		blob := names[w]
		if strings.Contains(blob, ":") || !out[i].ok {
			// A path at a commit is no object name; and what is missing or
			// too large is said of a key, under its bound.
			blob = ""
		}
		fc.keep(keys[i], blob, out[i])
	}
	return out
}

// keep adds f under k, and under its object name blob when that is not
// "", the oldest out first past the bounds.
func (fc *fileCache) keep(k fileKey, blob string, f cachedFile) {
	if len(f.data) > min(fc.maxBytes, maxCachedFile) {
		return
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if _, dup := fc.kept[k]; dup {
		return // another worker read it meanwhile
	}
	for fc.order.Len() > 0 && (fc.order.Len() >= fc.maxFiles || fc.size+len(f.data) > fc.maxBytes) {
		oldest := fc.order.Remove(fc.order.Front()).(*keptFile)
		fc.size -= len(oldest.data)
		delete(fc.kept, oldest.key)
		if fc.byBlob[oldest.blob] == oldest.element {
			delete(fc.byBlob, oldest.blob)
		}
	}
	kf := &keptFile{key: k, blob: blob, cachedFile: f}
	kf.element = fc.order.PushBack(kf)
	fc.kept[k] = kf.element
	if _, dup := fc.byBlob[blob]; blob != "" && !dup {
		fc.byBlob[blob] = kf.element
	}
	fc.size += len(f.data)
}

// attach gives cd, commit c's diff, its readers of whole files.
func (fc *fileCache) attach(blobs blobSource, c Commit, cd *CommitDiff) {
	cd.Source = fc.source(blobs, c, cd)
	cd.Sources = fc.sources(blobs, c, cd)
	cd.grammars = fc.grammars
	cd.testCalls = fc.testCalls
	cd.tests = fc.tests
	cd.manifests = fc.manifests
	if len(c.Parents) > 0 {
		cd.parent = c.Parents[0]
	}
	fc.mu.Lock()
	if cc := fc.commits[c.Hash]; cc != nil {
		cd.seq = cc.seq
	}
	fc.mu.Unlock()
	cd.filesNaming = fc.filesNaming
	cd.grep = fc.grep
	cd.parentDeleted = func() (string, []string) { return fc.deletedBy(c) }
	if trees, ok := blobs.(treeSource); ok {
		cd.ListDir = func(dir string) ([]string, error) {
			if dir == "." {
				dir = ""
			}
			return fc.listDir(trees, c.Hash, dir, len(c.Hash)/2)
		}
	}
}

// treeSource reads tree objects (blobPool, BlobReader).
type treeSource interface {
	ReadTree(name string) ([]byte, error)
}

// source reads files at commit c (side Added) and at its first parent
// (side Removed) through the cache: what a CommitDiff's Source does.
func (fc *fileCache) source(blobs blobSource, c Commit, cd *CommitDiff) func(string, LineKind) ([]byte, bool) {
	return func(path string, side LineKind) ([]byte, bool) {
		rev := c.Hash
		if side == Removed {
			if len(c.Parents) == 0 {
				return nil, false
			}
			rev = c.Parents[0]
		}
		blob := fc.sideBlob(c.Hash, path, side)
		if data, ok := fc.deriveKept(cd, rev, path, side, blob); ok {
			return data, true
		}
		return fc.read(blobs, rev, path, blob, MaxSourceBytes)
	}
}

// deriveKept makes path's side of cd from its other side, when that is
// kept and this one is not (deriveSide), and keeps it.
func (fc *fileCache) deriveKept(cd *CommitDiff, rev, path string, side LineKind, blob string) ([]byte, bool) {
	f := changedSide(cd, path, side)
	if f == nil || blob == "" {
		return nil, false
	}
	other := f.OldBlob
	if side == Removed {
		other = f.NewBlob
	}
	fc.mu.Lock()
	_, have := fc.byBlob[blob]
	var from []byte
	if e, ok := fc.byBlob[other]; ok && !have {
		if kf := e.Value.(*keptFile); kf.ok {
			from = kf.data
		}
	}
	fc.mu.Unlock()
	if from == nil {
		return nil, false // kept already (the read answers it), or nothing to make it from
	}
	return fc.keepDerived(f, from, rev, path, side, blob)
}

// keepDerived makes side of f from from and keeps it under (rev, path)
// and blob, as a read from git would have.
func (fc *fileCache) keepDerived(f *FileDiff, from []byte, rev, path string, side LineKind, blob string) ([]byte, bool) {
	data, ok := deriveSide(f, from, side)
	if !ok || int64(len(data)) > MaxSourceBytes {
		return nil, false // git answers: a side too large is said so by the read
	}
	data = data[:len(data):len(data)] // shared: an append must copy
	fc.keep(fileKey{rev, path}, blob, cachedFile{data: data, ok: true})
	return data, true
}

// sources is source for several files, asked of git in one round trip.
func (fc *fileCache) sources(blobs blobSource, c Commit, cd *CommitDiff) func([]FileAt) []SourceFile {
	return func(files []FileAt) []SourceFile {
		out := make([]SourceFile, len(files))
		var asks []sideAsk
		for i, f := range files {
			rev := c.Hash
			if f.Side == Removed {
				if len(c.Parents) == 0 {
					continue
				}
				rev = c.Parents[0]
			}
			a := sideAsk{at: i, side: f.Side, fileAsk: fileAsk{rev, f.Path, fc.sideBlob(c.Hash, f.Path, f.Side)}}
			if data, ok := fc.deriveKept(cd, a.commit, a.path, a.side, a.blob); ok {
				out[i] = SourceFile{Content: data, OK: true}
				continue
			}
			asks = append(asks, a)
		}
		read, made := pairSides(cd, asks)
		reads := make([]fileAsk, len(read))
		for j, a := range read {
			reads[j] = a.fileAsk
		}
		olds := map[*FileDiff]cachedFile{} // the old sides read, of changed files
		for j, got := range fc.readMany(blobs, reads, MaxSourceBytes) {
			out[read[j].at] = SourceFile{Content: got.data, OK: got.ok}
			if fd := changedSide(cd, read[j].path, read[j].side); fd != nil && read[j].side == Removed {
				olds[fd] = got
			}
		}
		for _, a := range made {
			fd := changedSide(cd, a.path, Added)
			if old := olds[fd]; old.ok {
				if data, ok := fc.keepDerived(fd, old.data, a.commit, a.path, Added, a.blob); ok {
					out[a.at] = SourceFile{Content: data, OK: true}
					continue
				}
			}
			data, ok := fc.read(blobs, a.commit, a.path, a.blob, MaxSourceBytes)
			out[a.at] = SourceFile{Content: data, OK: ok}
		}
		return out
	}
}

// sideAsk is a read sources is asked for: a fileAsk, with the side it
// is of and its place in the answer.
type sideAsk struct {
	fileAsk
	side LineKind
	at   int
}

// pairSides splits asks into those to read and the new sides of changed
// files whose old side is among those read: the new side is made from the
// old one (deriveSide) rather than read too.
func pairSides(cd *CommitDiff, asks []sideAsk) (read, made []sideAsk) {
	old := map[*FileDiff]bool{}
	for _, a := range asks {
		if fd := changedSide(cd, a.path, a.side); fd != nil && a.side == Removed {
			old[fd] = true
		}
	}
	for _, a := range asks {
		if fd := changedSide(cd, a.path, a.side); fd != nil && a.side == Added && a.blob != "" && old[fd] {
			made = append(made, a)
			continue
		}
		read = append(read, a)
	}
	return read, made
}

// sideBlob is the object name of path on side of commit's diff, when the
// diff gave it, else "".
func (fc *fileCache) sideBlob(commit, path string, side LineKind) string {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	cc := fc.commits[commit]
	if cc == nil {
		return ""
	}
	id, ok := fc.ids[path]
	if !ok {
		return ""
	}
	if side == Removed {
		return cc.oldBlobs[id]
	}
	return cc.newBlobs[id]
}

// deletedBy is what c's first parent deleted, and the parent's own first
// parent, when the parent was recorded in this analysis.
func (fc *fileCache) deletedBy(c Commit) (grandparent string, paths []string) {
	if len(c.Parents) == 0 {
		return "", nil
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	cc := fc.commits[c.Parents[0]]
	if cc == nil || cc.parent == "" || len(cc.deleted) == 0 {
		return "", nil
	}
	return cc.parent, slices.Clone(cc.deleted)
}
