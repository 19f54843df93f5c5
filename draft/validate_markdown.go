package draft

import (
	"fmt"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm reads Markdown as GitHub renders issues: CommonMark plus the GFM
// extensions that change what becomes a link or a structure (bare URLs and
// e-mail addresses are links, tables, strikethrough, task lists). Checking
// the parsed document instead of matching patterns on the text is what
// catches [x](//host/x), ![](...), <a href>, <mailto:...> and text that
// only emphasis or a bracket separates from a mention or a reference.
// goldmark's parsers keep no state between documents, so one instance
// serves every goroutine.
var gfm = goldmark.New(goldmark.WithExtensions(
	extension.Linkify, extension.Table, extension.Strikethrough, extension.TaskList,
))

// mdFound is one structure a reply must not have.
type mdFound int

const (
	mdLink     mdFound = iota // [x](y), [x][ref], a link definition
	mdImage                   // ![x](y)
	mdAutolink                // <http://x>, <a@b.c>, a bare URL or e-mail address
	mdURL                     // a URL inside code: shown, not linked, still not wanted
	mdComment                 // <!-- ... -->
	mdHTML                    // any other raw HTML, inline or block
	mdMention                 // @name
	mdIssueRef                // #1, GH-1, owner/repo#1
	mdClosing                 // Closes #1
	mdKinds
)

var (
	// textMentionRE is @name (or @org/team) as GitHub links it in a text
	// node: at its start or after a character that is not a word's, so
	// "user@host" is no mention.
	textMentionRE = lazyregexp.New(`(?:^|\W)@[A-Za-z0-9][A-Za-z0-9-]*`)
	// textIssueRefRE is an issue or pull request reference GitHub links:
	// #1 (at the start or after a character that is not a word's), GH-1,
	// owner/repo#1.
	textIssueRefRE = lazyregexp.New(`(?:^|\W)#[0-9]+\b|(?i:\bgh-[0-9]+\b)|\b[\w.-]+/[\w.-]+#[0-9]+\b`)
	// textClosingRE is a keyword GitHub acts on: it closes what it names.
	textClosingRE = lazyregexp.New(`(?i)\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+(?:#[0-9]+|gh-[0-9]+|[\w.-]+/[\w.-]+#[0-9]+|https?://)`)
	// codeURLRE is a URL in code, where GitHub does not link it.
	codeURLRE = lazyregexp.New(`(?i)\b(?:https?|ftp)://\S+|\bwww\.[a-z0-9-]+\.\S*|\bmailto:\S+`)
)

// markdownFindings parses src as GitHub Markdown and returns, for each kind
// of forbidden structure found, the first example (a short excerpt).
func markdownFindings(src string) map[mdFound]string {
	found := map[mdFound]string{}
	note := func(k mdFound, example string) {
		if _, ok := found[k]; !ok {
			found[k] = excerptOf(example)
		}
	}
	source := []byte(src)
	pc := parser.NewContext()
	doc := gfm.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
	for _, ref := range pc.References() {
		// A definition renders as nothing: hidden text, or a link waiting
		// for a reference.
		note(mdLink, fmt.Sprintf("[%s]: %s", ref.Label(), ref.Destination()))
	}

	// A run is the text of adjacent text nodes, as GitHub's reference and
	// mention filters see one HTML text node: any element (emphasis, code,
	// a link) starts a new one.
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			textFindings(run.String(), note)
			run.Reset()
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				run.Write(renderedText(n.Segment.Value(source), n.IsRaw()))
				if n.SoftLineBreak() || n.HardLineBreak() {
					run.WriteByte('\n')
				}
			}
			return ast.WalkContinue, nil
		case *ast.String:
			if entering {
				run.Write(renderedText(n.Value, n.IsRaw()))
			}
			return ast.WalkContinue, nil
		}
		flush()
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			note(mdLink, fmt.Sprintf("[%s](%s)", plainText(n, source), n.Destination))
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			note(mdImage, fmt.Sprintf("![%s](%s)", plainText(n, source), n.Destination))
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			note(mdAutolink, string(n.Label(source)))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			html := segmentsText(n.Segments, source)
			note(htmlKind(html), html)
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			html := linesText(n, source)
			if n.HasClosure() {
				html += string(n.ClosureLine.Value(source))
			}
			note(htmlKind(html), html)
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			codeFindings(plainText(n, source), note)
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			codeFindings(linesText(n, source), note)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	flush()
	return found
}

// textFindings looks for mentions and references in one run of text.
func textFindings(s string, note func(mdFound, string)) {
	if m := textMentionRE.FindString(s); m != "" {
		note(mdMention, m[strings.LastIndexByte(m, '@'):])
	}
	if m := textIssueRefRE.FindString(s); m != "" {
		note(mdIssueRef, strings.TrimLeft(m, " \t\n([{<\"'*_~!?,;:"))
	}
	if m := textClosingRE.FindString(s); m != "" {
		note(mdClosing, m)
	}
}

func codeFindings(code string, note func(mdFound, string)) {
	if m := codeURLRE.FindString(code); m != "" {
		note(mdURL, m)
	}
}

func htmlKind(html string) mdFound {
	if strings.HasPrefix(strings.TrimSpace(html), "<!--") {
		return mdComment
	}
	return mdHTML
}

// renderedText is a text node's source as GitHub shows it: backslash
// escapes removed and character references resolved, so that "\#1" and
// "&#64;name" are caught like "#1" and "@name".
func renderedText(v []byte, raw bool) []byte {
	if raw {
		return v
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// plainText is the text under n, for excerpts.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(source))
		case *ast.String:
			b.Write(c.Value)
		default:
			b.WriteString(plainText(c, source))
		}
	}
	return b.String()
}

func segmentsText(segs *text.Segments, source []byte) string {
	var b strings.Builder
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		b.Write(seg.Value(source))
	}
	return b.String()
}

func linesText(n ast.Node, source []byte) string {
	return segmentsText(n.Lines(), source)
}

// excerptOf is an example for a problem message: one line, at most 60
// characters.
func excerptOf(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

// markdownProblems turns what markdownFindings found in the title or the
// body (where) into sentences the model can act on.
func markdownProblems(where, src string) []string {
	found := markdownFindings(src)
	var problems []string
	for k := mdFound(0); k < mdKinds; k++ {
		ex, ok := found[k]
		if !ok {
			continue
		}
		q := codeSpan(ex)
		var p string
		switch k {
		case mdLink:
			p = fmt.Sprintf("the %s has a link (%s); remove every link and URL, the evidence links are added for you", where, q)
		case mdImage:
			p = fmt.Sprintf("the %s has an image (%s); remove it", where, q)
		case mdAutolink:
			p = fmt.Sprintf("the %s has a link (%s, which GitHub turns into a link); remove every URL and e-mail address", where, q)
		case mdURL:
			p = fmt.Sprintf("the %s has a link in code (%s); remove every URL, the evidence links are added for you", where, q)
		case mdComment:
			p = fmt.Sprintf("the %s has an HTML comment (%s); remove the hidden text", where, q)
		case mdHTML:
			p = fmt.Sprintf("the %s has HTML (%s); write plain Markdown without tags", where, q)
		case mdMention:
			p = fmt.Sprintf("the %s @mentions someone (%s); remove the mention, or put the name in backticks if it is code", where, q)
		case mdIssueRef:
			p = fmt.Sprintf("the %s refers to an issue by number (%s); remove the reference", where, q)
		case mdClosing:
			p = fmt.Sprintf("the %s uses a closing keyword (Closes, Fixes, Resolves) with a reference (%s); remove it", where, q)
		}
		problems = append(problems, p)
	}
	return problems
}
