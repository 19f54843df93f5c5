package todo

import (
	"sort"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// TestEarlyExitKeepsEveryMarkerForm adds one line with each form a marker
// takes, in a file where it is the only line that could hold one: the
// early exit must let each through to the scanner, which finds it.
func TestEarlyExitKeepsEveryMarkerForm(t *testing.T) {
	tests := []struct {
		name, path, line string
		words            []string
		wantWord         string
	}{
		{"plain", "a.go", "// TODO: handle errors", nil, "TODO"},
		{"owner", "a.go", "// TODO(alice): handle errors", nil, "TODO"},
		{"issue in brackets", "a.go", "// TODO[#12]: handle errors", nil, "TODO"},
		{"bracketed word", "a.go", "// [TODO] handle errors", nil, "TODO"},
		{"jsdoc tag", "a.js", "/** @todo handle errors */", nil, "TODO"},
		{"jsdoc tag in another case", "a.js", "/** @Todo handle errors */", nil, "TODO"},
		{"doxygen tag", "a.cpp", `/// \todo handle errors`, nil, "TODO"},
		{"doxygen bug tag", "a.cpp", `/// \bug handle errors`, nil, "BUG"},
		{"tagged marker", "a.cpp", "// FIXME-OPT: handle errors", nil, "FIXME"},
		{"question mark", "a.go", "// FIXME? handle errors", nil, "FIXME"},
		{"after a sentence", "a.go", "// Parse the header. TODO: handle folding", nil, "TODO"},
		{"nested marker", "a.go", "// x(); // FIXME: handle errors", nil, "FIXME"},
		{"without blank", "a.py", "#TODO: handle errors", nil, "TODO"},
		{"inside a block's close", "a.c", "/* TODO: handle errors*/", nil, "TODO"},
		{"custom word", "a.go", "// NOTE: handle errors", []string{"NOTE"}, "NOTE"},
		{"custom word as a tag", "a.js", "/** @note handle errors */", []string{"NOTE"}, "NOTE"},
		{"batch marker touching the word", "a.bat", "REM MTODO: handle errors", nil, "TODO"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := difftest.File(t, difftest.Added(tt.path, "x", tt.line, "y"))
			opts := Options{Words: tt.words}
			found, _ := Detect(analyze.Commit{Hash: "c"}, f, opts)
			if len(found) != 1 || found[0].Word != tt.wantWord || found[0].Evidence.Line != 2 {
				t.Fatalf("Detect(%q) = %+v, want one %s on line 2", tt.line, found, tt.wantWord)
			}
			words := tt.words
			if words == nil {
				words = defaultWords()
			}
			lang, _ := languageFor(tt.path)
			if !sideMayHit(f, analyze.Added, lang, words) {
				t.Fatalf("sideMayHit(%q) = false, want true", tt.line)
			}
		})
	}
}

// TestEarlyExitSkipsFilesWithoutMarker: a side whose changed lines hold no
// word (or the word inside another, or on the other side only) is skipped
// before its lines are scanned.
func TestEarlyExitSkipsFilesWithoutMarker(t *testing.T) {
	tests := []struct {
		name, path string
		lines      []string
	}{
		{"code", "a.go", []string{"package a", "func f() { debug(x) }"}},
		{"words inside others", "a.go", []string{"// TODOS and DEBUG_BUG are not markers", "var XXXX = BUGGY"}},
		{"lower case without a tag", "a.go", []string{"// todo: lower case", "// a bug"}},
		{"annotations", "a.java", []string{"@Override", "@Deprecated void f() {}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := difftest.File(t, difftest.Added(tt.path, tt.lines...))
			lang, _ := languageFor(tt.path)
			if sideMayHit(f, analyze.Added, lang, defaultWords()) {
				t.Fatalf("sideMayHit(%q) = true, want false", tt.lines)
			}
			if found, _ := Detect(analyze.Commit{Hash: "c"}, f, Options{}); len(found) != 0 {
				t.Fatalf("Detect = %+v, want nothing", found)
			}
		})
	}
	// A TODO on the context of the diff, or on the other side, does not
	// make the side worth scanning.
	f := difftest.File(t, difftest.Modified("a.go", "a.go", difftest.Hunk(1, 1, " // TODO: old", "-// FIXME: gone", "+x := 1")))
	lang, _ := languageFor("a.go")
	if sideMayHit(f, analyze.Added, lang, defaultWords()) {
		t.Fatal("sideMayHit(Added) = true for a TODO on a context line and a FIXME removed, want false")
	}
	if !sideMayHit(f, analyze.Removed, lang, defaultWords()) {
		t.Fatal("sideMayHit(Removed) = false for a removed FIXME, want true")
	}
}

// FuzzMayHit checks mayHit against the scanner itself, in every language:
// wherever the scanner finds a marker on a line, whatever state the line
// starts in, mayHit must have said it could.
func FuzzMayHit(f *testing.F) {
	for _, seed := range []string{
		"x := 1 // TODO: a\n/* FIXME(bob): b\n * c */",
		"/** @Todo x */ \\bug y\n[XXX] z\n// a. HACK: b",
		"REM MTODO: x\n=beginTODO x\nTODO=end\n{% comment %}TODO{% endcomment %}",
		"#+BEGIN_COMMENTTODO: x\n(*TODO*)\n{-TODO-}\n<!--TODO-->\n--[[TODO]]",
		"//!TODO ok\n##TODO\n# x # TODO: y\n;;TODO\n%TODO\n' TODO: vb",
		"\"\"\"TODO: doc\"\"\"\n'''\nFIXME-OPT: in\n'''",
	} {
		f.Add(seed)
	}
	langs := allLanguages()
	wordSets := [][]string{defaultWords(), {"NOTE", "ſ", "@X"}}
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Split(text, "\n")
		seq := make([]analyze.Line, len(lines))
		for i, l := range lines {
			seq[i] = analyze.Line{Kind: analyze.Added, Text: l, NewNo: i + 1}
		}
		for _, lang := range langs {
			starts := []cursor{top, {st: outside}}
			for b := range lang.blocks {
				starts = append(starts, cursor{st: scanState{block: b, long: -1}})
			}
			for _, words := range wordSets {
				for _, c := range starts {
					scanned, _, _ := scanSeq(lang, seq, c, words)
					for i, s := range scanned {
						if s.hit >= 0 && !lang.mayHit(lines[i], words) {
							t.Fatalf("%s: the scanner finds %s on %q (words %q), mayHit says it cannot", lang.syntax.Name, s.mark.word, lines[i], words)
						}
					}
				}
			}
		}
	})
}

// allLanguages is every language of the table once, in a stable order.
func allLanguages() []*language {
	tbl := languages()
	seen := map[*language]bool{}
	var out []*language
	for _, m := range []map[string]*language{tbl.byName, tbl.byExt} {
		for _, l := range m {
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].syntax.Name < out[j].syntax.Name })
	return out
}
