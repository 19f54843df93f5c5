// Package analyze turns new commits into findings. It reads refs and metadata
// through go-git (falling back to the git CLI where go-git refuses a repository),
// streams diffs from the git CLI for throughput, and runs detectors: small pure
// functions over one file's change in one commit.
package analyze

import "time"

// Commit is the metadata of one commit, as the walk reports it.
type Commit struct {
	Hash    string
	Parents []string
	Time    time.Time
	Subject string
	// Author is the author's name, as the walk reports it: bots
	// (dependabot[bot]) are told apart by it.
	Author string
}

// DocLines are the lines a commit removed from (Drops) and added to (Adds)
// each documentation file, by path.
type DocLines struct{ Drops, Adds map[string]string }

// LineKind says whether a diff line is context, added or removed.
type LineKind byte

// Diff line kinds, as the unified diff marks them.
const (
	Context LineKind = ' '
	Added   LineKind = '+'
	Removed LineKind = '-'
)

// Line is one line of a hunk. OldNo and NewNo are 1-based line numbers in
// the old and new file; the one that does not apply (OldNo of an added line,
// NewNo of a removed line) is 0.
type Line struct {
	Kind  LineKind
	Text  string
	OldNo int
	NewNo int
}

// Hunk is one "@@" section of a file diff.
type Hunk struct {
	OldStart, OldLines int
	NewStart, NewLines int
	// Section is the text git prints after the second "@@": the nearest
	// line above the hunk that looks like a function header, or "".
	Section string
	Lines   []Line
}

// FileDiff is one file's change in a commit against its first parent.
// OldPath is empty for an added file and NewPath for a deleted one.
type FileDiff struct {
	OldPath string
	NewPath string
	// OldBlob and NewBlob are the sides' object names when the diff gave
	// them whole (diff-tree --full-index), "" otherwise or where the side
	// is absent: a side is then read by its name, without git walking the
	// commit's trees to the path.
	OldBlob, NewBlob string
	Binary           bool
	Hunks            []Hunk
}

// Path is the path the change is best known by: the new path, or the old
// one for a deletion.
func (f *FileDiff) Path() string {
	if f.NewPath != "" {
		return f.NewPath
	}
	return f.OldPath
}

// CommitDiff is every file change of one commit against its first parent.
type CommitDiff struct {
	Hash  string
	Files []FileDiff
	// Source reads a whole file as the commit has it (side Added) or as its
	// first parent has it (side Removed), for detectors that need more than
	// the hunks show (a manifest parsed whole, a Go file's declarations). ok
	// is false when the file is absent there, binary-sized (over
	// MaxSourceBytes) or unreadable. Nil when no repository is behind the
	// diff; tests set their own.
	Source func(path string, side LineKind) (content []byte, ok bool)
	// Sources is Source for several files at once, read in one round trip
	// to git; nil when Source reads them one by one (ReadSources).
	Sources func(files []FileAt) []SourceFile
	// ListDir lists the names of the files of a folder at the commit
	// (FilesIn, TestCalls), a list the caller does not change; nil outside
	// an analysis.
	ListDir func(dir string) ([]string, error)

	// memo is what the commit's detectors share (WithMemo, Memo).
	memo *memo
	// grammars, in an analysis, rules out most of GrammarOutput's reads;
	// nil asks git each time.
	grammars *grammarIndex
	// testCalls answers TestCalls; nil outside an analysis.
	testCalls testCallsFunc
	// tests lists the test files the commit may have, for TestCalls; nil
	// outside an analysis.
	tests *testIndex
	// manifests lists the manifests the commit may have, for HoldersAt;
	// nil outside an analysis.
	manifests *manifestIndex
	// parent is the commit's first parent, "" for a root commit or outside
	// an analysis.
	parent string
	// seq is the commit's order among those the analysis recorded
	// (HasTests asks of the tests known up to it).
	seq int
	// filesNaming answers FilesNaming; nil outside an analysis.
	filesNaming filesNamingFunc
	// grep runs git grep in the repository (grepStream); nil outside an
	// analysis.
	grep grepFunc
	// parentDeleted is what the commit's parent deleted and the parent's
	// parent (DeletedByParent); nil outside an analysis.
	parentDeleted func() (string, []string)
}

// WithFiles is cd with only files: the same commit and the same readers
// of whole files, and no memo (what was worked out of other files).
func (cd *CommitDiff) WithFiles(files []FileDiff) *CommitDiff {
	c := *cd
	c.Files = files
	c.memo = nil
	return &c
}

// memo belongs to the one CommitDiff it was made for: a copy of that
// CommitDiff with other files must not be given its work.
type memo struct {
	owner *CommitDiff
	kept  map[any]any
}

// WithMemo returns a copy of cd whose detectors share work through Memo:
// several of them parse the same Go files of a commit. The pipeline makes
// one per commit (detectors.Run.Detect).
func WithMemo(cd *CommitDiff) *CommitDiff {
	c := *cd
	c.memo = &memo{owner: &c, kept: map[any]any{}}
	return &c
}

// Memo returns the value kept under key, which build gives the first time
// it is asked for; build runs each time when cd was not made by WithMemo.
// The value must depend on cd alone. The detectors of one commit run one
// after the other: Memo is not safe for concurrent use.
func (cd *CommitDiff) Memo(key any, build func() any) any {
	if cd == nil || cd.memo == nil || cd.memo.owner != cd {
		return build()
	}
	if v, ok := cd.memo.kept[key]; ok {
		return v
	}
	v := build()
	cd.memo.kept[key] = v
	return v
}

// MaxSourceBytes bounds a file CommitDiff.Source returns, so that a huge
// generated file never fills memory.
const MaxSourceBytes = 1 << 20

// FilesIn lists the names of the files of folder dir at the commit, as
// its tree has them (the analysis's cache of trees); nil when no
// repository is behind the diff.
func (cd *CommitDiff) FilesIn(dir string) ([]string, error) {
	if cd == nil || cd.ListDir == nil {
		return nil, nil
	}
	return cd.ListDir(dir)
}

// ReadSource is cd.Source(path, side), or false when cd has no Source.
func (cd *CommitDiff) ReadSource(path string, side LineKind) ([]byte, bool) {
	if cd == nil || cd.Source == nil || path == "" {
		return nil, false
	}
	return cd.Source(path, side)
}

// FileAt names a file on one side of a commit: as the commit has it
// (Added) or as its first parent has it (Removed).
type FileAt struct {
	Path string
	Side LineKind
}

// FilesAt names paths on one side, for ReadSources.
func FilesAt(side LineKind, paths ...string) []FileAt {
	out := make([]FileAt, len(paths))
	for i, p := range paths {
		out[i] = FileAt{Path: p, Side: side}
	}
	return out
}

// SourceFile is one answer of ReadSources: what ReadSource answers.
type SourceFile struct {
	Content []byte
	OK      bool
}

// ReadSources is ReadSource for each of files, read together where cd can.
func (cd *CommitDiff) ReadSources(files []FileAt) []SourceFile {
	out := make([]SourceFile, len(files))
	if cd != nil && cd.Sources != nil {
		var asked []FileAt
		var at []int
		for i, f := range files {
			if f.Path != "" {
				asked = append(asked, f)
				at = append(at, i)
			}
		}
		for j, got := range cd.Sources(asked) {
			out[at[j]] = got
		}
		return out
	}
	for i, f := range files {
		out[i].Content, out[i].OK = cd.ReadSource(f.Path, f.Side)
	}
	return out
}

// Resolution says that a commit removed what a finding was about.
type Resolution struct {
	Fingerprint string
	Commit      string
	// ReplacedBy, when set, is the fingerprint of the finding that takes
	// this one's place: the same thing said anew (a TODO whose text was
	// edited, a file renamed). Its finding and draft carry on under the new
	// fingerprint instead of being resolved and drafted again.
	ReplacedBy string
	// DocMentions, with the fingerprint DocDriftResolution, carries the
	// lines a commit added to documentation: an open drift finding whose
	// surface they name (a flag, a route, a key) is resolved, whatever file
	// it was found in.
	DocMentions string
	// DocFiles, with the same fingerprint, carries the lines a commit
	// removed from and added to each documentation file: an open finding
	// of a surface removed or renamed, whose doc they no longer name, is
	// resolved (the docs stopped naming it). A pointer keeps Resolution
	// comparable.
	DocFiles *DocLines
	// DiffPath and Diff carry a file the commit changed and its diff, for
	// the untested findings they may resolve (read only where one is
	// open: most commits have none). With the fingerprint
	// untested.Resolution, a test: an open finding within its reach whose
	// every symbol its added lines call is resolved (untested.CallsCover),
	// as when the tests come a commit after the code. With
	// untested.RemovalResolution, a source file: its open finding is
	// resolved when the commit removes every symbol it lists.
	DiffPath string
	Diff     *FileDiff
	// Why says how it was resolved when the commit did not remove it (a
	// hotspot that cooled off); it ends the closing comment's sentence.
	Why string
	// MovedTo, when set, says the finding is not resolved but lives in
	// another file now: its finding, if open and about MovedFrom, is about
	// MovedTo from this commit on (a dependency that left a manifest the
	// commit deleted for another that declares it). Its evidence stays
	// true of the commit that found it.
	MovedFrom, MovedTo string
	// Family, when set, makes Fingerprint a prefix: every open finding
	// whose fingerprint starts with it is resolved. A dependency that
	// left every manifest is gone whichever major its finding names (one
	// found at "*", then pinned "0.0", was never resolved: the commit that
	// removed it named v0.0).
	Family bool
	// Except, with Family, is a fingerprint of the family left open: the
	// finding an upgrade's own major has already.
	Except string
}
