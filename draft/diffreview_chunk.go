package draft

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/analyze"
)

// DiffChunk is one part of a commit's diff, small enough for one review
// request.
type DiffChunk struct {
	// Text is the part as the model sees it, redacted: each file under an
	// "=== path" line, each hunk under its "@@" line, and each added or
	// unchanged line numbered as in the new file, so that the model can
	// cite it. Removed lines carry no number: they cannot be cited.
	Text string
	// Files are the paths in Text, in diff order.
	Files []string
	// Lines are the new-side line ranges Text shows, per path, sorted and
	// merged: the only lines a proposal may cite.
	Lines map[string][][2]int
	// newText is each shown new-side line's redacted text, for excerpts.
	newText map[string]map[int]string
}

// reviewKeyExts are files that hold key material: a key changed in its
// middle shows base64 lines that no redaction rule recognises on their own.
var reviewKeyExts = []string{".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".asc", ".gpg"}

// reviewGeneratedProbe is how far from the top of a file a generator's
// marker is looked for, as the analysis does: licence headers often come
// first.
const reviewGeneratedProbe = 40

// chunkFile is one file of the diff, redacted and ready to render.
type chunkFile struct {
	path   string
	header string // the "=== path" line
	width  int    // of the largest new line number
	hunks  []chunkHunk
}

// chunkHunk is a hunk or a run of one: oldStart and newStart are the line
// numbers its first line would have on each side.
type chunkHunk struct {
	oldStart, newStart int
	lines              []analyze.Line
}

// DiffChunks splits a commit's diff into chunks whose Text is at most
// budgetTokens by EstimateTokens: whole files where they fit (several to a
// chunk), a larger file at hunk boundaries, and a hunk larger than a whole
// chunk (a new file is one hunk) at line boundaries. Deleted, binary,
// vendored, generated, minified, lock and key files are left out: there is
// nothing to cite in the first, and nothing worth a review in the others.
// A single line that cannot fit even alone is left out too.
func DiffChunks(cd *analyze.CommitDiff, budgetTokens int) []DiffChunk {
	if cd == nil {
		return nil
	}
	p := &chunkPacker{budget: budgetTokens}
	for i := range cd.Files {
		if f := newChunkFile(&cd.Files[i]); f != nil {
			p.addFile(f)
		}
	}
	p.flush()
	return p.out
}

// newChunkFile prepares a file for review, or returns nil when it is left
// out.
func newChunkFile(fd *analyze.FileDiff) *chunkFile {
	p := fd.NewPath
	if p == "" || fd.Binary || analyze.SkipReason(p) != "" || slices.Contains(reviewKeyExts, strings.ToLower(path.Ext(p))) {
		return nil
	}
	var all []analyze.Line
	var top []string
	maxNew := 0
	for _, h := range fd.Hunks {
		for _, l := range h.Lines {
			all = append(all, l)
			if l.Kind != analyze.Removed {
				maxNew = max(maxNew, l.NewNo)
				if l.NewNo <= reviewGeneratedProbe {
					top = append(top, l.Text)
				}
			}
		}
	}
	if maxNew == 0 || analyze.GeneratedContent(top) {
		return nil // nothing to cite, or a generator's output
	}
	// Redact the file's lines as one text, before they are numbered, cut
	// or split: a key spanning lines or hunks is seen whole, and a config
	// line ("password: hunter2") is seen as the line it is. Redact keeps
	// the line count, so the lines map back one to one.
	texts := make([]string, len(all))
	for i, l := range all {
		texts[i] = l.Text
	}
	redacted := strings.Split(redactText(strings.Join(texts, "\n")), "\n")
	if len(redacted) != len(all) {
		return nil // cannot happen by Redact's contract; never risk a secret
	}
	f := &chunkFile{path: p, width: len(strconv.Itoa(maxNew))}
	switch {
	case fd.OldPath == "":
		f.header = "=== " + p + " (new file)\n"
	case fd.OldPath != p:
		f.header = "=== " + p + " (renamed from " + fd.OldPath + ")\n"
	default:
		f.header = "=== " + p + "\n"
	}
	f.header = redactText(f.header)
	k := 0
	for _, h := range fd.Hunks {
		rh := chunkHunk{oldStart: h.OldStart, newStart: h.NewStart}
		for _, l := range h.Lines {
			l.Text = strings.TrimRight(redacted[k], "\r")
			if utf8.RuneCountInString(l.Text) > maxPromptCodeLine {
				l.Text = string([]rune(l.Text)[:maxPromptCodeLine]) + "…"
			}
			rh.lines = append(rh.lines, l)
			k++
		}
		if len(rh.lines) > 0 {
			f.hunks = append(f.hunks, rh)
		}
	}
	return f
}

// render is the file header and the given hunks, as in DiffChunk.Text.
func (f *chunkFile) render(hunks []chunkHunk) string {
	var b strings.Builder
	b.WriteString(f.header)
	for _, h := range hunks {
		b.WriteString(h.header())
		for _, l := range h.lines {
			b.WriteString(f.line(l))
		}
	}
	return b.String()
}

// header is the hunk's "@@" line, counted from its lines so that a run cut
// from a larger hunk gets a true one.
func (h chunkHunk) header() string {
	oldN, newN := 0, 0
	for _, l := range h.lines {
		if l.Kind != analyze.Added {
			oldN++
		}
		if l.Kind != analyze.Removed {
			newN++
		}
	}
	return fmt.Sprintf("@@ -%d,%d +%d,%d @@\n", h.oldStart, oldN, h.newStart, newN)
}

// line renders one diff line: its new line number (blank when removed),
// its marker, its text.
func (f *chunkFile) line(l analyze.Line) string {
	num := ""
	if l.Kind != analyze.Removed {
		num = strconv.Itoa(l.NewNo)
	}
	return fmt.Sprintf("%*s %c%s\n", f.width, num, byte(l.Kind), l.Text)
}

// split cuts a hunk into runs: the first fits in firstRoom tokens (what
// is left of the current chunk; it may be empty), the others in room (an
// empty chunk). A run's size is bounded by the sum of its parts'
// estimates, which is never less than the estimate of their concatenation,
// so each run fits without being rendered once per line. A line that fits
// no chunk is left out.
func (f *chunkFile) split(h chunkHunk, firstRoom, room int) []chunkHunk {
	// The header's numbers grow no larger than the hunk's own.
	fixed := EstimateTokens(chunkHunk{oldStart: h.oldStart + len(h.lines), newStart: h.newStart + len(h.lines), lines: h.lines}.header())
	runs := []chunkHunk{{oldStart: h.oldStart, newStart: h.newStart}}
	limit, size := firstRoom, fixed
	oldNo, newNo := h.oldStart, h.newStart // of the next line
	for _, l := range h.lines {
		n := EstimateTokens(f.line(l))
		fitsSomewhere := fixed+n <= room
		if fitsSomewhere && size+n > limit {
			runs = append(runs, chunkHunk{oldStart: oldNo, newStart: newNo})
			limit, size = room, fixed
		}
		last := &runs[len(runs)-1]
		if fitsSomewhere {
			last.lines = append(last.lines, l)
			size += n
		}
		if l.Kind != analyze.Added {
			oldNo++
		}
		if l.Kind != analyze.Removed {
			newNo++
		}
		if len(last.lines) == 0 {
			last.oldStart, last.newStart = oldNo, newNo // start after what was left out
		}
	}
	return runs
}

// chunkPacker fills chunks in diff order.
type chunkPacker struct {
	budget int
	out    []DiffChunk
	cur    strings.Builder
	chunk  DiffChunk
}

// fits reports whether text can join the current chunk.
func (p *chunkPacker) fits(text string) bool {
	return EstimateTokens(p.cur.String()+text) <= p.budget
}

func (p *chunkPacker) addFile(f *chunkFile) {
	whole := f.render(f.hunks)
	if p.fits(whole) {
		p.add(f, f.hunks, whole)
		return
	}
	if EstimateTokens(whole) <= p.budget {
		p.flush()
		p.add(f, f.hunks, whole)
		return
	}
	// Too large for a chunk of its own: whole hunks while they fit, and a
	// hunk too large for any chunk (a new file is one hunk) in runs, the
	// first filling what is left of the current chunk.
	var group []chunkHunk // of f, not yet added to the current chunk
	closeGroup := func() {
		if len(group) > 0 {
			p.add(f, group, f.render(group))
			group = nil
		}
	}
	for _, h := range f.hunks {
		if p.fits(f.render(append(slices.Clip(group), h))) {
			group = append(group, h)
			continue
		}
		if EstimateTokens(f.render([]chunkHunk{h})) <= p.budget {
			closeGroup()
			p.flush()
			group = []chunkHunk{h}
			continue
		}
		used := EstimateTokens(p.cur.String()) + EstimateTokens(f.header)
		if len(group) > 0 {
			used = EstimateTokens(p.cur.String() + f.render(group))
		}
		room := p.budget - used
		if room < p.budget/4 {
			// A sliver of a hunk at the end of a chunk tells the model
			// little: start the hunk in a chunk of its own.
			closeGroup()
			p.flush()
			room = p.budget - EstimateTokens(f.header)
		}
		for i, run := range f.split(h, room, p.budget-EstimateTokens(f.header)) {
			if i > 0 {
				closeGroup()
				p.flush()
			}
			if len(run.lines) > 0 {
				group = append(group, run)
			}
		}
	}
	closeGroup()
}

// add appends a rendered part of f to the current chunk.
func (p *chunkPacker) add(f *chunkFile, hunks []chunkHunk, text string) {
	p.cur.WriteString(text)
	c := &p.chunk
	if !slices.Contains(c.Files, f.path) {
		c.Files = append(c.Files, f.path)
	}
	if c.Lines == nil {
		c.Lines, c.newText = map[string][][2]int{}, map[string]map[int]string{}
	}
	if c.newText[f.path] == nil {
		c.newText[f.path] = map[int]string{}
	}
	for _, h := range hunks {
		for _, l := range h.lines {
			if l.Kind != analyze.Removed {
				c.newText[f.path][l.NewNo] = l.Text
			}
		}
	}
	c.Lines[f.path] = lineRanges(c.newText[f.path])
}

// flush closes the current chunk, if it has anything.
func (p *chunkPacker) flush() {
	if p.cur.Len() == 0 {
		return
	}
	p.chunk.Text = p.cur.String()
	p.out = append(p.out, p.chunk)
	p.cur.Reset()
	p.chunk = DiffChunk{}
}

// lineRanges merges line numbers into sorted runs of consecutive lines.
func lineRanges(lines map[int]string) [][2]int {
	nums := make([]int, 0, len(lines))
	for n := range lines {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	var out [][2]int
	for _, n := range nums {
		if k := len(out); k > 0 && out[k-1][1]+1 == n {
			out[k-1][1] = n
			continue
		}
		out = append(out, [2]int{n, n})
	}
	return out
}
