package config

import (
	"cmp"
	"fmt"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"slices"
	"strconv"
	"strings"
)

// Problem is one mistake in a settings file, in the file's own words: the
// line, the setting as users write it, and what to write instead. Go type
// names never appear in it.
type Problem struct {
	Line int    `json:"line,omitempty"` // 0 when the file does not hold the setting
	Key  string `json:"key,omitempty"`  // "llm.temperature"; empty for the file as a whole
	Msg  string `json:"message"`

	// at is where the setting lives in the document: mapping keys
	// (string) and list positions (int), so that a problem found on the
	// decoded values can be given its line afterwards.
	at []any
}

// String is "line 3: llm.temperature: use a value from 0 to 2".
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		b.WriteString("line " + strconv.Itoa(p.Line) + ": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// problemAt makes a problem about the setting at path (keys and list
// positions); its line is found later from the document.
func problemAt(path []any, format string, a ...any) Problem {
	return Problem{Key: keyOf(path), Msg: fmt.Sprintf(format, a...), at: path}
}

// mapKey is a step in a path that is a key the user chose (a repository
// path under repos:, a word under todo.labels:) rather than a setting's
// name.
type mapKey string

// keyOf renders a path as users write the setting: keys joined by dots,
// keys of the user's own quoted when they hold more than a plain word, and
// list positions left out (the line points at the item).
func keyOf(path []any) string {
	var parts []string
	for _, p := range path {
		switch s := p.(type) {
		case string:
			parts = append(parts, s)
		case mapKey:
			if plainKey.MatchString(string(s)) {
				parts = append(parts, string(s))
			} else {
				parts = append(parts, strconv.Quote(string(s)))
			}
		}
	}
	return strings.Join(parts, ".")
}

var plainKey = lazyregexp.New(`^[A-Za-z0-9_-]+$`)

// sub prefixes a path.
func sub(path []any, more ...any) []any {
	return append(slices.Clip(path), more...)
}

// FileError is every problem found in one settings file.
type FileError struct {
	// File names the file as the user knows it: a path, or
	// COMMIT:.ticket-master.yaml for a committed one. Empty when the
	// caller names the file itself.
	File     string
	Problems []Problem
}

// maxShown is how many problems Error prints before it counts the rest: a
// hostile or machine-made file can hold thousands, and a wall of them hides
// the first, which is the one to fix.
const maxShown = 20

// Error prints one problem a line, as FILE:LINE: KEY: MESSAGE, the form
// compilers use, so that editors and terminals jump to the line.
func (e *FileError) Error() string {
	lines := make([]string, 0, min(len(e.Problems), maxShown+1))
	for i, p := range e.Problems {
		if i == maxShown {
			lines = append(lines, fmt.Sprintf("(and %d more problems)", len(e.Problems)-maxShown))
			break
		}
		lines = append(lines, e.format(p))
	}
	return strings.Join(lines, "\n")
}

func (e *FileError) format(p Problem) string {
	if e.File == "" {
		return p.String()
	}
	var b strings.Builder
	b.WriteString(e.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Key != "" {
		b.WriteString(p.Key + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// First is the first problem alone, as one line: what a one-line warning
// shows, with a count of the others.
func (e *FileError) First() string {
	if len(e.Problems) == 0 {
		return e.File
	}
	s := e.format(e.Problems[0])
	if n := len(e.Problems) - 1; n == 1 {
		s += " (and 1 more problem)"
	} else if n > 1 {
		s += fmt.Sprintf(" (and %d more problems)", n)
	}
	return s
}

// In names the file, for callers that know it.
func (e *FileError) In(file string) *FileError {
	return &FileError{File: file, Problems: e.Problems}
}

// fileError returns nil for no problems, and sorts them by line so that
// they read top to bottom. A problem said twice (the YAML decoder reports
// each alias of one bad value) is said once.
func fileError(probs []Problem) error {
	if len(probs) == 0 {
		return nil
	}
	slices.SortStableFunc(probs, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Key, b.Key))
	})
	probs = slices.CompactFunc(probs, func(a, b Problem) bool {
		return a.Line == b.Line && a.Key == b.Key && a.Msg == b.Msg
	})
	return &FileError{Problems: probs}
}

// whole is a problem with the file as a whole (its kind, its size).
func whole(file, format string, a ...any) *FileError {
	return &FileError{File: file, Problems: []Problem{{Msg: fmt.Sprintf(format, a...)}}}
}
