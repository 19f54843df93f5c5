package untested

import (
	"path"
	"slices"

	"github.com/ticket-master/ticket-master/analyze"
)

// exampleDirs are the folders whose files a project's tests may read as
// their cases.
var exampleDirs = []string{"examples", "example", "samples"}

// testGlobs are where tests live, in the conventions of the languages
// the detectors read.
var testGlobs = []string{"**/test_*", "**/*_test.*", "**/*.test.*", "**/*.spec.*", "**/tests/**", "**/test/**", "**/__tests__/**"}

// testInputs is the languages of the examples a test of the tree names
// (its file name, as a test that runs each example spells it): a test
// case the commit adds to, which covers the code of its language the
// commit changes. PyCQA/bandit keeps a file per check in examples/, and
// tests/functional/test_functional.py runs each one ("requests-missing-
// timeout.py"): af6b4360 taught B113 a new case and wrote it there, and
// was drafted as untested (round 140, noise). One git grep for a commit's
// examples, asked only when a file would otherwise be reported.
func testInputs(cd *analyze.CommitDiff, examples []*analyze.FileDiff) map[string]bool {
	langs := map[string]bool{}
	names := make([]string, len(examples))
	for i, f := range examples {
		names[i] = path.Base(f.NewPath)
	}
	// One git grep for them all: hyperium/tonic's commits change examples
	// by the dozen, and a grep per example was 126 of its 300 commits'.
	held, err := cd.HoldersAt(cd.Hash, names, testGlobs, 5)
	if err != nil {
		return langs
	}
	for _, f := range examples {
		if slices.ContainsFunc(held[path.Base(f.NewPath)], func(p string) bool { return analyze.IsTestPath(p) && p != f.NewPath }) {
			langs[analyze.SourceLanguage(f.NewPath)] = true
		}
	}
	return langs
}

// addsLines reports whether the commit adds lines to f.
func addsLines(f *analyze.FileDiff) bool {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == analyze.Added {
				return true
			}
		}
	}
	return false
}
