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
	var said strings.Builder // the tests' new lines
	for i := range m.cd.Files {
		if f := &m.cd.Files[i]; isTest[f.NewPath] {
			said.WriteString(AddedText(f))
		}
	}
	if said.Len() == 0 {
		return out
	}
	tested := said.String()
	for i := range m.cd.Files {
		f := &m.cd.Files[i]
		dir := path.Dir(f.NewPath)
		if f.NewPath == "" || out[dir] || analyze.SourceLanguage(f.NewPath) != analyze.LangGo || analyze.IsTestPath(f.NewPath) {
			continue
		}
		// A message holds no newline: found in the tests' lines joined,
		// it is found in one of them.
		for _, msg := range messageLiterals(AddedText(f)) {
			if strings.Contains(tested, msg) {
				out[dir] = true
				break
			}
		}
	}
	return out
}

// minMessage is the shortest string literal read as a message: shorter
// ones ("file not found", a name) are as likely said by other code.
const minMessage = 20

// messageLiterals are the double-quoted strings of Go lines that read as
// messages: minMessage bytes or more, words with spaces between, no
// escape and no format verb (a test holds what the verb makes). A string
// does not run over a line's end.
func messageLiterals(lines string) []string {
	var out []string
	for _, line := range strings.Split(lines, "\n") {
		for {
			i := strings.IndexByte(line, '"')
			if i < 0 {
				break
			}
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				break
			}
			s := line[i+1 : i+1+j]
			line = line[i+1+j+1:]
			if len(s) >= minMessage && strings.Contains(s, " ") && !strings.ContainsAny(s, `\%`) {
				out = append(out, s)
			}
		}
	}
	return out
}
