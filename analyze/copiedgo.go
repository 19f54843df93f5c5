package analyze

import (
	"bytes"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"strings"

	"golang.org/x/mod/modfile"
)

// goAuthorsRE is the licence header of Go's own sources, as its first line.
var goAuthorsRE = lazyregexp.New(`^// Copyright \d{4}(?:-\d{4})? The Go Authors\b`)

// CopiedFromGo reports whether the Go file at p, as the commit has it, is
// a copy of Go's own code in a project that is not Go: its header credits
// The Go Authors, and the module it sits in is none of the Go project's.
// imroc/req keeps net/http's, net/textproto's and x/net's files merged
// from upstream ("merge upstream net/http"), and their TODOs were drafted
// as req's (johanbrandhorst's note on streaming in roundtrip_js.go, one
// Go tracks as go.dev/issue/60810: round 156, noise). They are another
// project's code, as a vendored folder is. A file with no go.mod above it
// is left as it is.
func (cd *CommitDiff) CopiedFromGo(p string) bool {
	if SourceLanguage(p) != LangGo || cd.Source == nil {
		return false
	}
	src, ok := cd.ReadSource(p, Added)
	if !ok || !goAuthorsRE.Match(firstNonBlankLine(src)) {
		return false
	}
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		mod := "go.mod"
		if dir != "." {
			mod = dir + "/go.mod"
		}
		if content, ok := cd.ReadSource(mod, Added); ok {
			m := modfile.ModulePath(content)
			return m != "" && !goProjectModule(m)
		}
		if dir == "." {
			return false
		}
	}
}

// firstNonBlankLine is src's first line that is not blank.
func firstNonBlankLine(src []byte) []byte {
	for len(src) > 0 {
		line := src
		if k := bytes.IndexByte(src, '\n'); k >= 0 {
			line, src = src[:k], src[k+1:]
		} else {
			src = nil
		}
		if len(bytes.TrimSpace(line)) > 0 {
			return line
		}
	}
	return nil
}

// goProjectModule reports whether module path m is the Go project's own:
// the standard library's (no dot in its first element: std, cmd), or one
// of the Go team's hosts.
func goProjectModule(m string) bool {
	first, _, _ := strings.Cut(m, "/")
	if !strings.Contains(first, ".") {
		return true
	}
	for _, prefix := range []string{"golang.org/", "go.googlesource.com/", "google.golang.org/", "github.com/golang/"} {
		if strings.HasPrefix(m, prefix) {
			return true
		}
	}
	return false
}
