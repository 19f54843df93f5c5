package todo

import (
	"bytes"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// todoComment is one TODO comment on one side of a file diff.
type todoComment struct {
	word, text, body string
	labels           []string
	ref              string // the issue its marker names as tracking it
	tag              string // the marker's category: "OPT" of FIXME-OPT
	line             int    // in the side's file
	excerpt          string
	// Where the comment stands in the diff, to pair an edited TODO's old
	// and new lines: its hunk, the run of changed lines within the hunk,
	// and its place among that side's lines of the run.
	hunk, change, offset int
	runLen               int // how many of that side's lines the run has
	// where is the function or type the TODO sits in, if the hunk shows it.
	where string
	// next is the line after the comment, trimmed, if the hunk shows it:
	// the code the note stands over.
	next string
}

// todosOnSide returns the TODOs on the lines of kind side (Added: the new
// file, Removed: the old one), reading each hunk as that side's file shows
// it: context lines plus the side's own lines.
//
// A test's input (fixtures, testdata) is data, whatever its notes say:
// micromatch's test/fixtures/patterns.js carries minimatch's "XXX: if
// anyone complains about this, either fix it or tell them to grow up",
// drafted when the commit uncommented its block (round 77, noise).
//
// source, when not nil, reads the side's whole file, so that a hunk in the
// middle of it is read knowing whether it starts in a comment or a string.
// It is asked only when a changed line of the side looks like a TODO.
func todosOnSide(f *analyze.FileDiff, side analyze.LineKind, words []string, source sourceFunc) []todoComment {
	p, number := f.NewPath, func(l analyze.Line) int { return l.NewNo }
	if side == analyze.Removed {
		p, number = f.OldPath, func(l analyze.Line) int { return l.OldNo }
	}
	if p == "" || analyze.SkipReason(p) != "" || testInput(p) {
		return nil
	}
	lang, ok := languageFor(p)
	if !ok || !sideMayHit(f, side, lang, words) {
		return nil
	}
	type sideHunk struct {
		seq    []analyze.Line
		change []int // per line: the index of its run of changed lines, -1 for context
		offset []int // per line: its place among the side's lines of that run
	}
	var hunks []sideHunk
	var top []string
	for _, h := range f.Hunks {
		var sh sideHunk
		run, inRun, off := -1, false, 0
		for _, l := range h.Lines {
			if l.Kind == analyze.Context {
				inRun = false
			} else if !inRun {
				run, inRun, off = run+1, true, 0
			}
			if l.Kind != analyze.Context && l.Kind != side {
				continue
			}
			sh.seq = append(sh.seq, l)
			if l.Kind == analyze.Context {
				sh.change, sh.offset = append(sh.change, -1), append(sh.offset, 0)
			} else {
				sh.change, sh.offset = append(sh.change, run), append(sh.offset, off)
				off++
			}
			if number(l) <= analyze.GeneratedProbeLines {
				top = append(top, l.Text)
			}
		}
		hunks = append(hunks, sh)
	}
	if analyze.GeneratedContent(top) {
		return nil
	}
	var out []todoComment
	seqs := make([][]analyze.Line, len(hunks))
	for i, sh := range hunks {
		seqs[i] = sh.seq
	}
	cursors := startCursors(lang, p, side, seqs, number, words, source)
	for hi, sh := range hunks {
		if len(sh.seq) == 0 {
			continue
		}
		var known *cursor
		if c, ok := cursors[number(sh.seq[0])]; ok {
			known = &c
		}
		lines := scanHunk(lang, sh.seq, known, number(sh.seq[0]) == 1, words)
		for i, l := range sh.seq {
			if l.Kind != side || lines[i].hit < 0 {
				continue
			}
			t, ok := buildTODO(lang, sh.seq, lines, i)
			if !ok {
				continue
			}
			t.line = number(l)
			t.hunk, t.change, t.offset = hi, sh.change[i], sh.offset[i]
			for _, c := range sh.change {
				if c >= 0 && c == t.change {
					t.runLen++
				}
			}
			if side == analyze.Added {
				t.where = enclosing(sh.seq, lines, i, f.Hunks[hi].Section)
			}
			out = append(out, t)
		}
	}
	return out
}

// sourceFunc reads a file as a commit (side Added) or its first parent
// (side Removed) has it; ok is false when it cannot.
type sourceFunc func(path string, side analyze.LineKind) ([]byte, bool)

// startCursors reads the side's file and returns the cursor at the first
// line of each hunk that starts below the top of the file, when a changed
// line of the side mentions a word at all (else there is nothing to find
// and nothing is read). Nil when the file cannot be read.
func startCursors(lang *language, p string, side analyze.LineKind, seqs [][]analyze.Line, number func(analyze.Line) int, words []string, source sourceFunc) map[int]cursor {
	if source == nil {
		return nil
	}
	need := map[int]bool{}
	mentions := false
	for _, seq := range seqs {
		if len(seq) == 0 || number(seq[0]) == 1 {
			continue
		}
		need[number(seq[0])] = true
		for _, l := range seq {
			if l.Kind == side && mentionsWord(l.Text, words) {
				mentions = true
			}
		}
	}
	if !mentions || len(need) == 0 {
		return nil
	}
	src, ok := source(p, side)
	if !ok {
		return nil
	}
	return lang.cursorsAt(src, need)
}

// mentionsWord reports whether text holds one of words as a word of its
// own ("debug" holds no BUG), or as a lower-case documentation tag
// (@todo): a cheap test before reading a whole file.
func mentionsWord(text string, words []string) bool {
	for _, w := range words {
		if w == "" {
			continue
		}
		for from := 0; ; {
			k := strings.Index(text[from:], w)
			if k < 0 {
				break
			}
			k += from
			end := k + len(w)
			if (k == 0 || !analyze.IsIdentByte(text[k-1])) && (end == len(text) || !analyze.IsIdentByte(text[end])) {
				return true
			}
			from = end
		}
		lw := strings.ToLower(w)
		if strings.Contains(text, "@"+lw) || strings.Contains(text, `\`+lw) {
			return true
		}
	}
	return false
}

// scannedLine is one line's comments and, if one is a TODO, which.
type scannedLine struct {
	spans []commentSpan
	hit   int // index in spans of the TODO comment, or -1
	mark  mark
}

// cursor is where the scanner stands between two lines: the comment or
// string open there, and whether a Python docstring may start the next line.
type cursor struct {
	st     scanState
	docPos bool
}

// top is the cursor at the start of a file.
var top = cursor{st: outside, docPos: true}

// step scans one line from c and returns its comments and the cursor after
// it. A docstring may stand after a line of code ending in ":" (a def or
// class header), or at the top of the file before any code.
func (l *language) step(text string, c cursor, odd *int) ([]commentSpan, cursor) {
	startsInside := c.st.block >= 0 || c.st.inString()
	spans, next := l.scanLine(text, c.st, c.docPos, odd)
	code := text
	if startsInside {
		code = ""
	} else if len(spans) > 0 {
		code = text[:spans[0].start]
	}
	if code = strings.TrimSpace(code); code != "" {
		c.docPos = strings.HasSuffix(code, ":") && !next.inString() && next.block < 0
	}
	c.st = next
	return spans, c
}

// cursorsAt scans a whole file and returns the cursor at the start of each
// of the given lines (1-based), so that a hunk in the middle of the file is
// read knowing which comment or string it starts in. The file is read in
// place, one line at a time.
func (l *language) cursorsAt(src []byte, lines map[int]bool) map[int]cursor {
	out := map[int]cursor{}
	c := top
	remaining := len(lines)
	for no := 1; remaining > 0 && len(src) > 0; no++ {
		if lines[no] {
			out[no] = c
			remaining--
		}
		line := src
		if k := bytes.IndexByte(src, '\n'); k >= 0 {
			line, src = src[:k], src[k+1:]
		} else {
			src = nil
		}
		_, c = l.step(strings.TrimSuffix(string(line), "\r"), c, nil)
	}
	return out
}

// scanHunk finds the comments on a hunk's lines (one side of it), tracking
// block comments and strings that span lines. known is the cursor at the
// hunk's first line, when the file could be read. Otherwise the state
// before the hunk is unknown unless it starts at the top of the file: the
// first non-blank line decides by guessOpenBlock, so a " * TODO" line
// continuing a block opened above the hunk is still seen as a comment; and
// when reading it as starting in code looks wrong (it ends inside a string,
// or closes and opens strings where code would not), it is read again as
// starting inside each kind of string, and the reading that looks least
// wrong wins, so a "# TODO" line in a test fixture's triple-quoted string
// is text.
func scanHunk(lang *language, seq []analyze.Line, known *cursor, atTop bool, words []string) []scannedLine {
	if known != nil {
		out, _, _ := scanSeq(lang, seq, *known, words)
		return out
	}
	if atTop {
		out, _, _ := scanSeq(lang, seq, top, words)
		return out
	}
	start := outside
	for _, l := range seq {
		if strings.TrimSpace(l.Text) != "" {
			start.block = lang.guessOpenBlock(l.Text)
			break
		}
	}
	out, end, odd := scanSeq(lang, seq, cursor{st: start}, words)
	if start.block >= 0 {
		return out
	}
	score := odd
	if end.inString() {
		score++
	}
	for k, s := range lang.long {
		if score == 0 {
			break
		}
		if s.raw {
			continue // its closer depends on an opener we did not see
		}
		// Read as a string even where it may be a docstring: without its
		// opener, a fixture's """ cannot be told from a docstring's.
		st := scanState{block: -1, long: k, closer: s.close}
		again, end, odd := scanSeq(lang, seq, cursor{st: st}, words)
		if end == st {
			continue // never closed: the whole hunk would be one string
		}
		if end.inString() {
			odd++
		}
		if odd < score {
			out, score = again, odd
		}
	}
	return out
}

// scanSeq scans lines from cursor c and returns each line's comments, the
// state after the last line, and how many odd things reading from c met.
func scanSeq(lang *language, seq []analyze.Line, c cursor, words []string) ([]scannedLine, scanState, int) {
	out := make([]scannedLine, len(seq))
	odd := 0
	for i, l := range seq {
		var spans []commentSpan
		spans, c = lang.step(l.Text, c, &odd)
		out[i] = scannedLine{spans: spans, hit: -1}
		for k, sp := range spans {
			if m, ok := lang.findTODO(lang.commentText(sp), words); ok {
				out[i].hit, out[i].mark = k, m
				break
			}
		}
	}
	return out, c.st, odd
}

// testInput reports a file under a folder of a test's input.
func testInput(p string) bool {
	return analyze.HasDir(p, "fixtures", "fixture", "__fixtures__", "testdata", "test-data", "test_data")
}
