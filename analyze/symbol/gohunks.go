package symbol

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// insideUnexportedFuncs reports, from the hunks alone, that every change
// of a gofmt'ed Go file lies inside unexported functions or methods. gofmt
// starts every top-level declaration, its doc comment and its closing
// brace in the first column, and nothing inside a body there but labels.
// So each hunk is read line by line: it starts in the function its
// section (the line git shows after "@@", the nearest declaration line
// above) opens; an unchanged "func" line in the first column starts
// another; an unchanged closing brace there ends it, and any other
// unchanged line there (a doc comment, a type, a label) leaves the
// function unknown. A changed line must be indented and lie inside a
// known unexported function. Then the file's two sides need not be read
// to say that the change touches only unexported declarations. Anything
// else says false, and the sides are read.
func insideUnexportedFuncs(f *analyze.FileDiff) bool {
	changed := false
	for _, h := range f.Hunks {
		name, in := sectionFunc(h.Section)
		for _, l := range h.Lines {
			if l.Text != "" && l.Text[0] != ' ' && l.Text[0] != '\t' {
				if l.Kind != analyze.Context {
					return false // a declaration, its doc or its end changed
				}
				switch {
				case l.Text == "}":
					in = false
				case strings.HasPrefix(l.Text, "func "):
					name, in = sectionFunc(l.Text)
				default:
					in = false
				}
				continue
			}
			if l.Kind == analyze.Context {
				continue
			}
			if !in || goExported(name) {
				return false
			}
			if strings.TrimSpace(l.Text) != "" {
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
