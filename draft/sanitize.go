package draft

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// htmlMentionRE and htmlRefRE find mentions and references in raw HTML,
// whose text GitHub's filters read too: there a zero-width space after
// the "@" or "#" is the only edit that leaves the HTML as it was.
var (
	htmlMentionRE = lazyregexp.New(`(^|\W)@([A-Za-z0-9])`)
	htmlRefRE     = lazyregexp.New(`(^|\W)#([0-9])`)
	// entityRefRE is an "@" or a "#" written as a character reference,
	// with the letter or digit after it that makes a mention or a
	// reference once GitHub decodes it: "&commat;bob" renders "@bob",
	// linked, and the patterns above read it as no "@" at all.
	entityRefRE = lazyregexp.New(`(?i)&(?:commat|#0*64|#x0*40);[A-Za-z0-9]|&(?:num|#0*35|#x0*23);[0-9]`)
	// numericRefRE is a numeric character reference, whose ";" HTML
	// parsers forgive: "&#X23#00" decodes to "##00", where "#00" follows
	// no word character any more.
	numericRefRE = lazyregexp.New(`&#[xX]?[0-9A-Fa-f]+`)
)

// entityEdits break the character references in s that would make or
// uncover a mention or a reference once decoded: a zero-width space after
// an "@" or "#" written as one, and after the "&#" of a numeric one left
// open (no ";"), which then decodes to nothing. at maps an offset of s to
// the source's, -1 where s has no source byte.
func entityEdits(s string, at func(int) int) []edit {
	var out []edit
	for _, m := range entityRefRE.FindAllStringIndex(s, -1) {
		if p := at(m[1] - 1); p >= 0 {
			out = append(out, edit{p, p, "\u200b"}) // after the reference's ";"
		}
	}
	for _, m := range numericRefRE.FindAllStringIndex(s, -1) {
		if m[1] < len(s) && s[m[1]] == ';' {
			continue
		}
		if p := at(m[0] + 2); p >= 0 {
			out = append(out, edit{p, p, "\u200b"})
		}
	}
	return out
}

// Neutralize keeps generated or quoted text from pinging people or linking
// issues, wherever GitHub would find them: the text is parsed as GitHub
// Markdown (as Validate does) and, in the text GitHub's filters read, each
// "@name" gets a zero-width space after the "@" and each issue reference
// ("#12", "GH-1", "owner/repo#3") is code-quoted. Code spans and blocks,
// links and autolinks (e-mail addresses) are left as they are; GitHub
// leaves them alone too.
func Neutralize(s string) string {
	if !mayReference(s) {
		return s // most drafts: no Markdown to parse
	}
	return neutralizeAll(s)
}

// neutralizeAll is Neutralize, whatever s holds.
func neutralizeAll(s string) string {
	// A mark can uncover what overlapped the reference it broke ("0/0#0"
	// after "#0"): pass again until nothing changes.
	for range 8 {
		next := neutralizeOnce(s)
		if next == s {
			break
		}
		s = next
	}
	return s
}

// mayReference reports whether s holds what every mention and reference
// the patterns find starts with: "@" and a letter or digit, "#" and a
// digit, "gh-" and a digit in any case, or a character reference. Without one, neutralizeOnce
// edits nothing, and parsing the Markdown was most of the cost of a
// template draft.
func mayReference(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		switch c, next := s[i], s[i+1]; {
		case c == '@' && isAlnum(next), c == '#' && isDigit(next):
			return true
		case c == '&' && (next == '#' || next|0x20 == 'c' || next|0x20 == 'n'):
			return true // a character reference may be one (entityRefRE)
		case c == '-' && isDigit(next) && i >= 2 && s[i-2]|0x20 == 'g' && s[i-1]|0x20 == 'h':
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' }

func neutralizeOnce(s string) string {
	source := []byte(s)
	doc := gfm.Parser().Parse(text.NewReader(source), parser.WithContext(parser.NewContext()))
	var edits []edit
	var run textRun
	// tick is set once the block so far holds a literal backtick, which
	// would pair with a backtick we add: then references are broken with a
	// zero-width space instead of quoted.
	tick := false
	flush := func() {
		edits = append(edits, run.edits(source, tick)...)
		tick = tick || strings.Contains(run.b.String(), "`")
		run = textRun{}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok {
			if entering {
				run.add(t.Segment, t.SoftLineBreak() || t.HardLineBreak(), source)
			}
			return ast.WalkContinue, nil
		}
		flush()
		if n.Type() == ast.TypeBlock {
			tick = false
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.Link, *ast.AutoLink, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				edits = append(edits, htmlEdits(n.Segments.At(i), source)...)
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				edits = append(edits, htmlEdits(n.Lines().At(i), source)...)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	flush()
	return applyEdits(s, edits)
}

// edit replaces source[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// textRun is the source of adjacent text nodes, and where each of its
// bytes is in the source.
type textRun struct {
	b   strings.Builder
	pos []int // source offset of each byte of b; -1 for a line break between segments
}

func (r *textRun) add(seg text.Segment, lineBreak bool, source []byte) {
	r.b.Write(seg.Value(source))
	for i := seg.Start; i < seg.Stop; i++ {
		r.pos = append(r.pos, i)
	}
	if lineBreak {
		r.b.WriteByte('\n')
		r.pos = append(r.pos, -1)
	}
}

// edits neutralises the run's mentions and references: the same patterns
// Validate refuses.
func (r *textRun) edits(source []byte, tick bool) []edit {
	s := r.b.String()
	var out []edit
	for _, m := range textMentionRE.FindAllStringIndex(s, -1) {
		at := m[0] + strings.LastIndexByte(s[m[0]:m[1]], '@')
		out = append(out, edit{r.pos[at] + 1, r.pos[at] + 1, "\u200b"})
	}
	out = append(out, entityEdits(s, func(i int) int { return r.pos[i] })...)
	covered := 0
	for _, m := range textIssueRefRE.FindAllStringIndex(s, -1) {
		start, end := m[0], m[1]
		for start < end && !isRefStart(s[start]) {
			start++ // the character before "#"
		}
		// Quote the whole word: in "#1#2" or "#1@x" the closing backtick
		// would otherwise start a new text node at "#2" or "@x", which
		// GitHub links.
		for end < len(s) && (isRefStart(s[end]) && s[end] != '.' && s[end] != '-' || s[end] == '@') {
			end++
		}
		if start < covered {
			continue
		}
		covered = end
		first, last := r.pos[start], r.pos[end-1]
		if first < 0 || last < 0 || strings.ContainsRune(s[start:end], '\n') {
			continue
		}
		if escaped(source, first) {
			first-- // "\#12": the escape goes, the code span shows "#12"
		}
		if tick || strings.Contains(s[:start], "`") || first > 0 && source[first-1] == '`' || last+1 < len(source) && source[last+1] == '`' {
			// A backtick beside it would join ours into another span: break
			// the number off with a zero-width space instead.
			for i := start; i+1 < end; i++ {
				if (s[i] == '#' || s[i] == '-') && s[i+1] >= '0' && s[i+1] <= '9' && r.pos[i] >= 0 {
					out = append(out, edit{r.pos[i] + 1, r.pos[i] + 1, "\u200b"})
				}
			}
			continue
		}
		out = append(out, edit{first, first, "`"}, edit{last + 1, last + 1, "`"})
		if source[first] == '\\' {
			out = append(out, edit{first, first + 1, ""})
		}
	}
	return out
}

// escaped reports whether the byte at i follows a backslash that is not
// itself escaped.
func escaped(source []byte, i int) bool {
	n := 0
	for i-n-1 >= 0 && source[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

func isRefStart(c byte) bool {
	return c == '#' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '.' || c == '-'
}

func htmlEdits(seg text.Segment, source []byte) []edit {
	line := string(seg.Value(source))
	var out []edit
	for _, re := range []*lazyregexp.Regexp{htmlMentionRE, htmlRefRE} {
		for _, m := range re.FindAllStringSubmatchIndex(line, -1) {
			at := seg.Start + m[4] // the character after "@" or "#"
			out = append(out, edit{at, at, "\u200b"})
		}
	}
	return append(out, entityEdits(line, func(i int) int { return seg.Start + i })...)
}

// applyEdits makes the edits, in source order; an insertion at the start of
// a removal comes before it.
func applyEdits(s string, edits []edit) string {
	if len(edits) == 0 {
		return s
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return a.start - b.start })
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.start < last {
			continue
		}
		b.WriteString(s[last:e.start])
		b.WriteString(e.text)
		last = e.end
	}
	b.WriteString(s[last:])
	return b.String()
}
