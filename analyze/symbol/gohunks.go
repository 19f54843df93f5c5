package symbol

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// insideUnexportedFuncs reports, from the hunks alone, that every change
// of a gofmt'ed Go file lies inside the body of unexported functions or
// methods: each hunk's section (the line git shows after "@@", the
// nearest declaration line above it) opens such a function, and no line
// of the hunk starts in the first column, so the hunk neither reaches the
// function's closing brace nor any other declaration or doc comment. Then
// the file's two sides need not be read to say that the change touches
// only unexported declarations. Anything else (a section that is not a
// func, a line in the first column, a hunk of blank lines only) says
// false, and the sides are read.
func insideUnexportedFuncs(f *analyze.FileDiff) bool {
	changed := false
	for _, h := range f.Hunks {
		name, ok := sectionFunc(h.Section)
		if !ok || goExported(name) {
			return false
		}
		for _, l := range h.Lines {
			if l.Text != "" && l.Text[0] != ' ' && l.Text[0] != '\t' {
				return false
			}
			if l.Kind != analyze.Context && strings.TrimSpace(l.Text) != "" {
				changed = true
			}
		}
	}
	return changed
}

// sectionFunc reads the name of the function a hunk section opens: "Name"
// for "func Name(...", "Type.Name" for "func (r *Type[T]) Name(...", as
// goChunks names them. ok is false for any other line.
func sectionFunc(section string) (name string, ok bool) {
	s, ok := strings.CutPrefix(section, "func ")
	if !ok {
		return "", false
	}
	recvType := ""
	if strings.HasPrefix(s, "(") {
		end := strings.IndexByte(s, ')')
		if end < 0 {
			return "", false
		}
		fields := strings.Fields(s[1:end])
		if len(fields) == 0 {
			return "", false
		}
		recvType = strings.TrimPrefix(fields[len(fields)-1], "*")
		if k := strings.IndexByte(recvType, '['); k >= 0 {
			recvType = recvType[:k]
		}
		if !asciiIdent(recvType) {
			return "", false
		}
		s = strings.TrimLeft(s[end+1:], " ")
	}
	end := strings.IndexAny(s, "([")
	if end <= 0 || !asciiIdent(s[:end]) {
		return "", false
	}
	if recvType != "" {
		return recvType + "." + s[:end], true
	}
	return s[:end], true
}

// asciiIdent reports whether s is a Go identifier of ASCII letters,
// digits and underscores (a name with other letters is left to the full
// read).
func asciiIdent(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdent(s[i]) {
			return false
		}
	}
	return true
}
