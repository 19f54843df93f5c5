package analyze

import (
	"path"
	"slices"
	"strings"
)

// grammarExts are the sources of parser generators: a file of the same
// name beside one is the generator's output, written by a build step
// whether or not it says so (ruby/rdoc commits lib/rdoc/markdown.rb, which
// its Rakefile makes from markdown.kpeg; racc's .ry, yacc's .y, Ragel's
// .rl, PEG.js's .pegjs, Jison's .jison).
var grammarExts = []string{".kpeg", ".ry", ".y", ".yy", ".rl", ".peg", ".pegjs", ".jison"}

// GrammarOutput reports whether the file at p, as the commit has it, sits
// beside a parser generator's source of the same name: its notes and code
// are the grammar's, written there. It asks git for the candidates in one
// round trip, so callers ask it only of a file with something to report.
func (cd *CommitDiff) GrammarOutput(p string) bool {
	ext := path.Ext(p)
	if ext == "" || slices.Contains(grammarExts, ext) {
		return false
	}
	stem := strings.TrimSuffix(p, ext)
	asks := make([]FileAt, len(grammarExts))
	for i, g := range grammarExts {
		asks[i] = FileAt{Path: stem + g, Side: Added}
	}
	for _, got := range cd.ReadSources(asks) {
		if got.OK {
			return true
		}
	}
	return false
}
