package untested

import (
	"path"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// messageTests knows the Go folders whose changed code a test the commit
// changes checks by what it says: a test's new lines hold a message the
// folder's new lines write (an error's text, an output), so the test runs
// that code, however many imports away. goccy/go-yaml 8b2110b reworded
// scanner.go's errors ("could not find end character of single-quoted
// text") and parser_test.go's expected messages with them, two imports
// away through lexer, and scanner/error.go's ErrInvalidToken was drafted
// "changed no test that could cover it" (round 156, wrong).
type messageTests struct {
	cd    *analyze.CommitDiff
	tests []string
	dirs  map[string]bool // nil until read
}

// covers reports whether a test the commit changes checks a message the
// commit writes in p's folder.
func (m *messageTests) covers(p string) bool {
	if m.dirs == nil {
		m.dirs = m.read()
	}
	return m.dirs[path.Dir(p)]
}

func (m *messageTests) read() map[string]bool {
	out := map[string]bool{}
	isTest := map[string]bool{}
	for _, t := range m.tests {
		isTest[t] = true
	}
	var said []string // the tests' new lines
	for i := range m.cd.Files {
		f := &m.cd.Files[i]
		if isTest[f.NewPath] {
			said = append(said, addedTexts(f)...)
		}
	}
	if len(said) == 0 {
		return out
	}
	for i := range m.cd.Files {
		f := &m.cd.Files[i]
		dir := path.Dir(f.NewPath)
		if f.NewPath == "" || out[dir] || analyze.SourceLanguage(f.NewPath) != analyze.LangGo || analyze.IsTestPath(f.NewPath) {
			continue
		}
	lines:
		for _, l := range addedTexts(f) {
			for _, msg := range messageLiterals(l) {
				for _, s := range said {
					if strings.Contains(s, msg) {
						out[dir] = true
						break lines
					}
				}
			}
		}
	}
	return out
}

// addedTexts are the texts of f's added lines.
func addedTexts(f *analyze.FileDiff) []string {
	var out []string
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == analyze.Added {
				out = append(out, l.Text)
			}
		}
	}
	return out
}

// minMessage is the shortest string literal read as a message: shorter
// ones ("file not found", a name) are as likely said by other code.
const minMessage = 20

// messageLiterals are the double-quoted strings of a Go line that read as
// messages: minMessage bytes or more, words with spaces between, no
// escape and no format verb (a test holds what the verb makes).
func messageLiterals(line string) []string {
	var out []string
	for {
		i := strings.IndexByte(line, '"')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(line[i+1:], '"')
		if j < 0 {
			return out
		}
		s := line[i+1 : i+1+j]
		line = line[i+1+j+1:]
		if len(s) >= minMessage && strings.Contains(s, " ") && !strings.ContainsAny(s, `\%`) {
			out = append(out, s)
		}
	}
}
