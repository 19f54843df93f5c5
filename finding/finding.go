// Package finding holds the one domain type every stage shares: what a
// detector found, with the evidence a maintainer can check. The analysis
// produces it, the store keeps it (with a status around it), and drafts are
// written from it, so a field added here reaches every stage without a
// hand-written copy in between.
package finding

import (
	"fmt"
	"strings"
	"time"
)

// Finding is something worth an issue. Fingerprint is stable across line
// moves and rebases: kind, path and normalised text, never a line number.
type Finding struct {
	Fingerprint string `json:"fingerprint"`
	Kind        string `json:"kind"`           // the detector's name
	Word        string `json:"word,omitempty"` // TODO, FIXME, ... for todo findings
	Text        string `json:"text"`           // the one-line summary the code gives
	Body        string `json:"body,omitempty"` // following comment lines, or the detector's explanation
	// Title is the detector's suggestion for the issue title (imperative,
	// under 80 characters); empty means the template derives one from Text.
	Title string `json:"title,omitempty"`
	// Items are the finding's particulars, one per line in drafts: the
	// untested symbols, the commits of a hotspot, the dependencies moved.
	Items  []string `json:"items,omitempty"`
	Labels []string `json:"labels,omitempty"`
	// Severity decides whether the finding gets a draft of its own or a
	// line in the repository's maintenance digest, and its rank when the
	// draft budget is spent.
	Severity Severity `json:"severity,omitempty"`
	// Confidence is how sure the detector is that the finding is true and
	// worth an issue, from 0 to 1; it ranks findings waiting for budget.
	Confidence float64  `json:"confidence,omitempty"`
	Evidence   Evidence `json:"evidence"`
	// Also are the other places the same finding was seen in the commit
	// that introduced it (the same TODO text in two files): one draft cites
	// them all.
	Also []Evidence `json:"also,omitempty"`
}

// Evidence locates a finding at the commit that introduced it.
type Evidence struct {
	Path    string    `json:"path"`
	Line    int       `json:"line"`
	EndLine int       `json:"end_line,omitempty"` // for a range of lines
	Commit  string    `json:"commit"`
	Subject string    `json:"subject,omitempty"` // the commit's subject line
	Time    time.Time `json:"time,omitzero"`     // the commit's time
	Excerpt string    `json:"excerpt,omitempty"`
	// Edited says the commit reworded a note that was there before it (a
	// TODO edited in place) rather than adding it: drafts then say "edited
	// in", since a backfill that starts after the note was written would
	// otherwise date the work left unfinished to the edit.
	Edited bool `json:"edited,omitempty"`
	// Moved says the commit moved the note from another file (a file
	// split in two) rather than adding it: drafts say "moved here in",
	// for the same reason.
	Moved bool `json:"moved,omitempty"`
	// Restored says the commit brought the note back: a revert of the
	// commit that took it out (tokio-rs/prost 0caca297 reverted #1140,
	// and its 2018 TODO was drafted as "added in" the revert: round 109,
	// wrong). Drafts say "restored in".
	Restored bool `json:"restored,omitempty"`
	// Copies is how many comments of the file said this same note at the
	// commit, when more than one: one finding, at the first of them
	// (go-toml af00765 wrote "TODO: Remove nolint once ..." above 21
	// tests), which drafts count as comments, not as one.
	Copies int `json:"copies,omitempty"`
}

// Where is the place as people write it: "a.go:12", "a.go:12-14", or
// "a.go" for a finding about a whole file (a hotspot, a manifest), whose
// line is 0.
func (e Evidence) Where() string {
	switch {
	case e.Line <= 0:
		return e.Path
	case e.EndLine > e.Line:
		return fmt.Sprintf("%s:%d-%d", e.Path, e.Line, e.EndLine)
	}
	return fmt.Sprintf("%s:%d", e.Path, e.Line)
}

// Places lists every place a finding cites: its evidence, then the others.
func (f Finding) Places() []Evidence {
	return append([]Evidence{f.Evidence}, f.Also...)
}

// Kinds of finding, one per detector; "review" is the model's diff review.
const (
	KindTODO       = "todo"
	KindUntested   = "untested"
	KindDocDrift   = "docdrift"
	KindHotspot    = "hotspot"
	KindDependency = "dependency"
	KindSecret     = "secret"
	KindReview     = "review"
)

// KindOf is the kind a fingerprint ("kind:path:...") starts with.
func KindOf(fingerprint string) string {
	kind, _, _ := strings.Cut(fingerprint, ":")
	return kind
}
