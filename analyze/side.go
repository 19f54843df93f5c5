package analyze

import "strings"

// SideLine is a line of one side of a hunk: the new file's (context and
// added lines) or the old file's (context and removed lines).
type SideLine struct {
	Text    string
	No      int  // line number in that side's file
	Changed bool // added (new side) or removed (old side)
}

// SideOfHunk returns the hunk's context lines and the lines of kind side
// (Added: the new file; Removed: the old one).
func SideOfHunk(h Hunk, side LineKind) []SideLine {
	out := make([]SideLine, 0, len(h.Lines))
	for _, l := range h.Lines {
		no := l.NewNo
		if side == Removed {
			no = l.OldNo
		}
		switch l.Kind {
		case Context:
			out = append(out, SideLine{Text: l.Text, No: no})
		case side:
			out = append(out, SideLine{Text: l.Text, No: no, Changed: true})
		}
	}
	return out
}

// FileLines is a whole file's lines as the unchanged side of one hunk:
// what the scanners of hunks read when they need the whole file.
func FileLines(src []byte) []SideLine {
	texts := strings.Split(strings.TrimSuffix(string(src), "\n"), "\n")
	out := make([]SideLine, len(texts))
	for i, t := range texts {
		out[i] = SideLine{Text: t, No: i + 1}
	}
	return out
}
