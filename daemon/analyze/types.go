// Package analyze turns new commits into findings. It reads refs and metadata
// through go-git (falling back to the git CLI where go-git refuses a repository),
// streams diffs from the git CLI for throughput, and runs detectors: small pure
// functions over one file's change in one commit.
package analyze

import (
	"strings"
	"time"
)

// Commit is the metadata of one commit, as the walk reports it.
type Commit struct {
	Hash    string
	Parents []string
	Time    time.Time
	Subject string
}

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
	Lines              []Line
}

// FileDiff is one file's change in a commit against its first parent.
// OldPath is empty for an added file and NewPath for a deleted one.
type FileDiff struct {
	OldPath string
	NewPath string
	Binary  bool
	Hunks   []Hunk
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
}

// Finding is what a detector reports: something worth an issue, with the
// evidence a maintainer can check. Fingerprint is stable across line moves
// and rebases: kind, path and normalised text, never a line number.
type Finding struct {
	Kind        string `json:"kind"` // see the Kind constants
	Fingerprint string `json:"fingerprint"`
	Word        string `json:"word,omitempty"` // TODO, FIXME, ... for todo findings
	Text        string `json:"text"`           // the one-line summary the code gives
	Body        string `json:"body,omitempty"` // following comment lines, or the detector's explanation
	// Title is the detector's suggestion for the issue title (imperative,
	// under 80 characters); empty means the template derives one from Text.
	Title  string   `json:"title,omitempty"`
	Labels []string `json:"labels,omitempty"`
	// Items are the finding's particulars, one per line in drafts: the
	// untested symbols, the commits of a hotspot, the dependencies moved.
	Items    []string `json:"items,omitempty"`
	Evidence Evidence `json:"evidence"`
}

// Kinds of finding, one per detector.
const (
	KindUntested   = "untested"   // exported code changed with no test change
	KindDocDrift   = "docdrift"   // a public surface changed with no docs change
	KindHotspot    = "hotspot"    // a file changed unusually often, or by many fixes
	KindDependency = "dependency" // a dependency added or moved across a major version
	KindSecret     = "secret"     // a likely credential committed
	KindReview     = "review"     // a problem the model spotted in a diff
)

// Evidence locates a finding at the commit that introduced it.
type Evidence struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line,omitempty"` // for a range of lines
	Commit  string `json:"commit"`
	Excerpt string `json:"excerpt"`
}

// Resolution says that a commit removed what a finding was about.
type Resolution struct {
	Fingerprint string
	Commit      string
	// DocMentions, with the fingerprint DocDriftResolution, carries the
	// lines a commit added to documentation: an open drift finding whose
	// surface they name (a flag, a route, a key) is resolved, whatever file
	// it was found in.
	DocMentions string
}

// DocDriftResolution is the fingerprint of a Resolution by documentation
// mentions; see Resolution.DocMentions.
const DocDriftResolution = "docdrift:*"

// DocDriftSurface is the name a drift finding's fingerprint ends with
// ("--timeout" of "docdrift:main.go:flag:--timeout"), as documentation
// would write it.
func DocDriftSurface(fingerprint string) string {
	i := strings.LastIndexByte(fingerprint, ':')
	if !strings.HasPrefix(fingerprint, KindDocDrift+":") || i < 0 {
		return ""
	}
	return fingerprint[i+1:]
}
