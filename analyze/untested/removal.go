package untested

import (
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
	"github.com/ticket-master/ticket-master/finding"
)

// A finding asks for tests of the symbols it lists; once a later commit
// removes them all from the file, it asks for tests of nothing there
// (pallets/quart's "Add tests for Config.from_file", three years after
// 598b771 made Config a flask.Config and took from_file out). The file
// stays, so the finding does not go with it: the symbols are read from
// the commit that removes them, and only for a file whose finding is
// open.

// RemovalResolution is the fingerprint of a resolution by removal; see
// analyze.Resolution.Diff.
const RemovalResolution = finding.KindUntested + ":-"

// removalResolutions passes on each source file the commit changes, not
// adds or deletes (a deleted file's finding goes with it; see Detect).
func removalResolutions(c analyze.Commit, cd *analyze.CommitDiff) []analyze.Resolution {
	var out []analyze.Resolution
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.OldPath == "" || f.NewPath == "" || f.Binary || analyze.IsTestPath(f.NewPath) || analyze.SourceLanguage(f.NewPath) == "" {
			continue
		}
		if !removesDefinition(f) {
			continue // most changes remove no definition: nothing to carry
		}
		out = append(out, analyze.Resolution{Fingerprint: RemovalResolution, Commit: c.Hash, DiffPath: f.NewPath, Diff: f})
	}
	return out
}

// removesDefinition reports whether f removes a line that starts as a
// definition does in the languages the detector reads: only those diffs
// ride on a resolution to the writer, which holds a batch's results at
// once (every changed file's diff cost a tenth more GC).
func removesDefinition(f *analyze.FileDiff) bool {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == analyze.Removed && startsDefinition(strings.TrimSpace(l.Text)) {
				return true
			}
		}
	}
	return false
}

// definitionStarts are the words a definition's first line may start with.
var definitionStarts = []string{"def ", "async def ", "class ", "func ", "fn ", "pub ", "function ", "async function ", "export ",
	"public ", "private ", "protected ", "static ", "abstract ", "final ", "const ", "async fn ", "unsafe fn ", "impl "}

func startsDefinition(t string) bool {
	return slices.ContainsFunc(definitionStarts, func(w string) bool { return strings.HasPrefix(t, w) })
}

// RemovesAll reports whether the diff f removes every symbol items lists
// (a finding's items: "Config.from_file (lines 248-256)"), as its hunks
// show them.
func RemovesAll(f *analyze.FileDiff, items []string) bool {
	if f == nil || len(items) == 0 {
		return false
	}
	removed := map[string]bool{}
	for _, s := range symbol.Changed(f) {
		if s.Change == symbol.Removed {
			removed[displayName(s.Name)] = true
		}
	}
	for _, it := range items {
		name := itemName(it)
		if removed[name] {
			continue
		}
		// A hunk inside a class that does not show the class line names
		// its methods alone; git's section header names the class.
		method, recv := callName(it)
		if method == "" || recv == "" || !removed[method] || !sectionsName(f, recv) {
			return false
		}
	}
	return true
}

// sectionsName reports whether a hunk header of f (the line above each
// hunk that git takes for its function or class) names word.
func sectionsName(f *analyze.FileDiff, word string) bool {
	for _, h := range f.Hunks {
		if containsWord(h.Section, word) {
			return true
		}
	}
	return false
}
