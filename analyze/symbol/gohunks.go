package symbol

import (
	"bytes"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// hunksOnlyUnexported reports, from the hunks alone, that every changed
// line of a gofmt'ed Go file falls in an unexported declaration or in
// none, as the whole file split into declarations would say (goChunks):
// then the two sides need not be read. Each side of each hunk is split the
// same way. A changed line before the hunk's first declaration belongs to
// the declaration the hunk's section opens (the line git shows after "@@":
// the nearest declaration line above), or to none when the hunk starts the
// file (its package clause, imports and the comments around them). A
// changed comment whose comment block runs to the hunk's end is undecided:
// it may document a declaration below. Anything undecided, or a hunk of
// blank lines only, says false, and the sides are read.
func hunksOnlyUnexported(f *analyze.FileDiff) bool {
	changed := false
	for _, h := range f.Hunks {
		for _, side := range [...]struct {
			kind  analyze.LineKind
			first bool // the hunk starts this side of the file
		}{{analyze.Removed, h.OldStart <= 1}, {analyze.Added, h.NewStart <= 1}} {
			var lines [][]byte
			var changedAt []int // indexes into lines
			for _, l := range h.Lines {
				if l.Kind != analyze.Context && l.Kind != side.kind {
					continue
				}
				if l.Kind == side.kind {
					changedAt = append(changedAt, len(lines))
					if strings.TrimSpace(l.Text) != "" {
						changed = true
					}
				}
				lines = append(lines, []byte(l.Text))
			}
			if len(changedAt) > 0 && !sideOnlyUnexported(lines, changedAt, h.Section, side.first) {
				return false
			}
		}
	}
	return changed
}

// sideOnlyUnexported is hunksOnlyUnexported for one side of one hunk: its
// lines, which of them changed, the hunk's section, and whether the hunk
// starts the file.
func sideOnlyUnexported(lines [][]byte, changedAt []int, section string, first bool) bool {
	chunks := goChunks(lines)
	unexported := func(names []string) bool {
		if len(names) == 0 {
			return false // a group or a line the split cannot name
		}
		for _, n := range names {
			if goExported(n) {
				return false
			}
		}
		return true
	}
	// The section names the declaration the hunk starts in. A package
	// clause or an import there says nothing: it may be Go inside a raw
	// string (a code template) in the body of a declaration above, which
	// the file's split gives those lines to. Only a hunk that starts the
	// file shows its header whole.
	var sectionNames []string
	if !first && section != "" {
		if cs := goChunks([][]byte{[]byte(section)}); len(cs) == 1 {
			sectionNames = cs[0].names
		}
	}
	for _, i := range changedAt {
		if bytes.HasPrefix(lines[i], []byte("//")) {
			end := i
			for end < len(lines) && bytes.HasPrefix(lines[end], []byte("//")) {
				end++
			}
			if end == len(lines) {
				return false // the declaration it documents, if any, is not shown
			}
		}
		// The line belongs to the last declaration starting at or above
		// it: goChunks ends one at an import only until the next starts,
		// and the file may go on past the hunk.
		owner := -1
		for k, c := range chunks {
			if c.start <= i+1 {
				owner = k
			}
		}
		switch {
		case owner >= 0:
			if !unexported(chunks[owner].names) {
				return false
			}
		case first:
			// The file's header: its package clause, imports and comments.
		default:
			if !unexported(sectionNames) {
				return false
			}
		}
	}
	return true
}
