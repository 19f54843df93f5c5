package analyze

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"sync"
)

// grammarExts are the sources of parser generators: a file of the same
// name beside one is the generator's output, written by a build step
// whether or not it says so (ruby/rdoc commits lib/rdoc/markdown.rb, which
// its Rakefile makes from markdown.kpeg; racc's .ry, yacc's .y, Ragel's
// .rl, PEG.js's .pegjs, Jison's .jison).
var grammarExts = []string{".kpeg", ".ry", ".y", ".yy", ".rl", ".peg", ".pegjs", ".jison"}

// isGrammar reports whether p is a parser generator's source.
func isGrammar(p string) bool {
	ext := path.Ext(p)
	return ext != "" && slices.Contains(grammarExts, ext)
}

// GrammarOutput reports whether the file at p, as the commit has it, sits
// beside a parser generator's source of the same name: its notes and code
// are the grammar's, written there. It asks git for the candidates in one
// round trip, so callers ask it only of a file with something to report;
// within an analysis, only where the analysis knows such a source may be
// there (grammarIndex).
func (cd *CommitDiff) GrammarOutput(p string) bool {
	ext := path.Ext(p)
	if ext == "" || slices.Contains(grammarExts, ext) {
		return false
	}
	stem := strings.TrimSuffix(p, ext)
	if cd.grammars != nil && !cd.grammars.may(stem) {
		return false
	}
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

// grammarIndex knows, for one analysis, which parser generators' sources
// its commits may have: those in the tree the analysis starts from, and
// those any commit diffed so far changed (the stream records a commit's
// changes before its detectors run). Most repositories have none, and
// asking git at every commit for eight paths that were never there was a
// tenth of go-git's backfill (the reads follow each absent path back
// through the commits). It only rules out: a source it knows of is still
// looked for at the commit.
type grammarIndex struct{ paths *knownPaths }

func newGrammarIndex(list func() ([]string, error)) *grammarIndex {
	return &grammarIndex{newKnownPaths(isGrammar, list)}
}

// note records the paths a commit changed.
func (g *grammarIndex) note(paths map[string]bool) { g.paths.note(paths) }

// may reports whether a parser generator's source named stem plus one of
// grammarExts may be at a commit of the analysis.
func (g *grammarIndex) may(stem string) bool {
	may := false
	g.paths.with(func(known map[string]bool, failed bool) {
		may = failed || slices.ContainsFunc(grammarExts, func(ext string) bool { return known[stem+ext] })
	})
	return may
}

// sharedListing gives a lister per keep function, all answered from one
// listing of the tree (list, with a keep function that sorts each path to
// the keep functions that hold it), made when the first of them is
// asked: the grammar and test indexes each ran `git ls-tree -r` of the
// same tree, and a git process costs 4 ms of CPU to start on the 2-core
// VM of session 29.
func sharedListing(list func(keep func(string) bool) ([]string, error), keeps ...func(string) bool) []func() ([]string, error) {
	var once sync.Once
	found := make([][]string, len(keeps))
	var err error
	run := func() {
		_, err = list(func(p string) bool {
			for i, keep := range keeps {
				if keep(p) {
					found[i] = append(found[i], p)
				}
			}
			return false
		})
	}
	out := make([]func() ([]string, error), len(keeps))
	for i := range keeps {
		out[i] = func() ([]string, error) {
			once.Do(run)
			if err != nil {
				return nil, err
			}
			return found[i], nil
		}
	}
	return out
}

// treeLister lists the files of rev's tree that keep holds (the parser
// generators' sources for a grammarIndex, the tests for a testIndex). It
// reads git's listing as it comes and keeps those alone: a large
// repository's tree names hundreds of thousands of files.
func treeLister(ctx context.Context, gitDir, rev string, keep func(string) bool) func() ([]string, error) {
	return func() ([]string, error) {
		cmd := gitCommand(ctx, gitDir, "ls-tree", "-r", "-z", "--name-only", "--full-tree", rev)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			return nil, fmt.Errorf("git ls-tree: %w", err)
		}
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("git ls-tree: %w", err)
		}
		var found []string
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 0, 4096), 1<<20)
		sc.Split(splitNUL)
		for sc.Scan() {
			if p := sc.Text(); keep(p) {
				found = append(found, p)
			}
		}
		scanErr := sc.Err()
		if scanErr != nil {
			_, _ = io.Copy(io.Discard, out) // let git finish writing
		}
		if err := cmd.Wait(); err != nil {
			return nil, fmt.Errorf("git ls-tree %s: %s", rev, strings.TrimSpace(stderr.String()))
		}
		return found, scanErr
	}
}

// splitNUL is a bufio.SplitFunc for NUL-terminated records.
func splitNUL(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
