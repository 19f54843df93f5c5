package symbol

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// Changes inside unexported declarations are known from the hunks;
// anything the hunks cannot vouch for is read whole. The diffs are shaped
// like go-git's (a body edited in place, the section git shows). What the
// hunks must agree with is the whole file split into
// declarations (goChunks): a declaration owns the lines from its doc
// comment to the next one's, closing brace and blank lines included.
func TestHunksOnlyUnexported(t *testing.T) {
	at := 10
	body := func(section string, lines ...string) string {
		oldN, newN := 0, 0
		for _, l := range lines {
			switch {
			case strings.HasPrefix(l, "-"):
				oldN++
			case strings.HasPrefix(l, "+"):
				newN++
			default:
				oldN++
				newN++
			}
		}
		return difftest.Modified("a.go", "a.go", fmt.Sprintf("@@ -%d,%d +%d,%d @@ %s\n", at, oldN, at, newN, section)+joinLines(lines))
	}
	top := func(lines ...string) string {
		at = 1
		defer func() { at = 10 }()
		return body("", lines...)
	}
	for _, c := range []struct {
		name string
		diff string
		want bool
	}{
		{"a line of an unexported function", body("func (p *parser) next() error {", "\tif p.done {", "-\t\treturn nil", "+\t\treturn io.EOF", "\t}"), true},
		{"an unexported method of an exported type", body("func (r *Repo) open() error {", "\tx := 1", "-\ty := 2", "+\ty := 3"), true},
		{"an exported method of an unexported type", body("func (t *tree) Walk() error {", "\tx := 1", "-\ty := 2", "+\ty := 3"), true},
		{"an exported function", body("func Open(path string) error {", "\tx := 1", "-\ty := 2", "+\ty := 3"), false},
		{"an exported method", body("func (r *Repo) Close() error {", "\tx := 1", "-\ty := 2", "+\ty := 3"), false},
		{"up to the closing brace", body("func (p *parser) next() error {", "\treturn nil", "-}", "+}"), true},
		{"a new declaration below", body("func (p *parser) next() error {", "\treturn nil", "}", "+func Next() {}"), false},
		{"a doc comment", body("func (p *parser) next() error {", "\treturn nil", "+// Next reads on."), false},
		{"in an unexported type", body("type parser struct {", "\tn int", "-\tm int", "+\tm int64"), true},
		{"in an exported type", body("type Parser struct {", "\tn int", "-\tm int", "+\tm int64"), false},
		{"in a var group", body("var (", "\tn = 1", "-\tm = 2", "+\tm = 3", ")"), false},
		{"a closing brace in the context", body("func (p *parser) next() error {", "-\treturn nil", "+\treturn io.EOF", "}"), true},
		{"into the next unexported function", body("func (p *parser) next() error {", "-\treturn nil", "+\treturn io.EOF", "}", "", "func (p *parser) peek() byte {", "-\treturn 0", "+\treturn 1"), true},
		{"into the next exported function", body("func (p *parser) next() error {", "-\treturn nil", "+\treturn io.EOF", "}", "", "func Peek() byte {", "-\treturn 0", "+\treturn 1"), false},
		{"a function starting in the context", body("", "}", "", "func open() error {", "-\treturn nil", "+\treturn io.EOF"), true},
		{"an exported var after the closing brace", body("func (p *parser) next() error {", "\treturn nil", "}", "+var X = 1"), false},
		{"an unexported var after the closing brace", body("func (p *parser) next() error {", "\treturn nil", "}", "+var x = 1"), true},
		{"a label in the first column", body("func (p *parser) next() error {", "loop:", "-\tfor {", "+\tfor p.more() {"), true},
		{"a new unexported function", body("func (p *parser) next() error {", "}", "+", "+func helper() {}", ""), true},
		{"the doc comment of an exported function", body("func (p *parser) next() error {", "}", "", "+// Open opens.", "func Open() {"), false},
		{"a doc comment whose declaration is not shown", body("func (p *parser) next() error {", "}", "", "+// open opens.", "// It reads.", "// It waits."), false},
		// The section may be Go inside a raw string in an exported
		// function's body (spf13/cobra's code templates): undecided.
		{"an import added below the section", body("import (", "\t\"fmt\"", "+\t\"io\"", ")"), false},
		{"a package clause in the section", body("package main", "", "-import \"a/cmd\"", "+import \"b/cmd\""), false},
		{"an import added at the top of the file", top("package a", "", "import (", "\t\"fmt\"", "+\t\"io\"", ")"), true},
		{"a license header", top("-// Copyright 2020", "+// Copyright 2021", "", "package a"), true},
		{"a file's first declaration", top("package a", "", "-func Open() {}", "+func Open() error { return nil }"), false},
		{"a doc comment in the context", body("func (p *parser) next() error {", "}", "// peek looks.", "func (p *parser) peek() byte {", "-\treturn 0", "+\treturn 1"), true},
		{"a comment not above a declaration belongs to the one before", body("func (p *parser) next() error {", "}", "// peek looks.", "", "-\treturn 0", "+\treturn 1", ""), true},
		{"blank lines only", body("func (p *parser) next() error {", "\tx := 1", "-", "+"), false},
		{"no section", body("", "\tx := 1", "-\ty := 2", "+\ty := 3"), false},
	} {
		f := difftest.File(t, c.diff)
		if got := hunksOnlyUnexported(f); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func joinLines(lines []string) string {
	out := ""
	for _, l := range lines {
		if l == "" || (l[0] != '+' && l[0] != '-') {
			l = " " + l
		}
		out += l + "\n"
	}
	return out
}

// What the hunks say must be what the whole files say, on real history
// (TM_BENCH_REPO, else this repository): every file whose hunks show only
// unexported declarations changed is found so when its sides are read.
func TestHunksOnlyUnexportedAgreesWithTheFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("reads real history")
	}
	checked := 0
	for _, r := range difftest.History(t, 1000) {
		c := ForCommit(r.Diff)
		for i := range r.Diff.Files {
			f := &r.Diff.Files[i]
			if analyze.SourceLanguage(f.Path()) != analyze.LangGo || !hunksOnlyUnexported(f) {
				continue
			}
			checked++
			if !c.readTouchesOnlyUnexported(f) {
				t.Errorf("%s %s: the hunks say only unexported declarations changed, the files say otherwise", r.Commit.Hash[:10], f.NewPath)
			}
			// ChangesNone tells the other detectors what Changed would say.
			if !c.ChangesNone(f) {
				t.Errorf("%s %s: ChangesNone false", r.Commit.Hash[:10], f.NewPath)
			}
			if syms, known := c.Known(f); !known || len(syms) != 0 || len(c.changedIn(f)) != 0 {
				t.Errorf("%s %s: after ChangesNone, Known = %v %v; Changed finds %v", r.Commit.Hash[:10], f.NewPath, syms, known, c.changedIn(f))
			}
		}
	}
	t.Logf("%d files answered from the hunks, checked against both sides", checked)
}
