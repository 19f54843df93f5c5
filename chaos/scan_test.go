//go:build linux

package chaos

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The suite's own judge of what a draft must never carry, written apart
// from the product's validation (draft/validate_markdown.go) so that a gap
// in one is not repeated in the other. It reads Markdown as GitHub renders
// an issue: CommonMark with GFM's autolinks (bare URLs, www., e-mail
// addresses), and then GitHub's filters over text: @mentions and issue
// references. Code (spans and blocks) is shown as written and links
// nothing, so only text outside code counts.

var gfmReader = goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Table, extension.Strikethrough, extension.TaskList))

var textHazards = []struct {
	what string
	re   *regexp.Regexp
}{
	{"a mention", regexp.MustCompile(`(?:^|[^A-Za-z0-9_\x60])@[A-Za-z0-9][A-Za-z0-9-]*`)},
	{"an issue reference", regexp.MustCompile(`(?:^|[^A-Za-z0-9_&])#[0-9]+\b|(?i:\bgh-[0-9]+\b)|\b[\w.-]+/[\w.-]+#[0-9]+\b`)},
	{"a URL", regexp.MustCompile(`(?i)\b(?:https?|ftp|mailto|javascript|data):|\bwww\.[a-z0-9-]+\.|(?:^|[\s(\[<])//[a-z0-9-]+\.[a-z0-9.-]+`)},
}

// hazards lists what in the Markdown src GitHub would render as a link, an
// image, HTML, a mention or an issue reference, one short example each.
func hazards(src string) []string {
	var found []string
	add := func(what, example string) {
		if len(example) > 60 {
			example = example[:60] + "..."
		}
		found = append(found, fmt.Sprintf("%s (%q)", what, example))
	}
	source := []byte(src)
	pc := parser.NewContext()
	doc := gfmReader.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
	for _, ref := range pc.References() {
		add("a link definition", string(ref.Label())+": "+string(ref.Destination()))
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			add("a link", string(n.Destination))
		case *ast.Image:
			add("an image", string(n.Destination))
		case *ast.AutoLink:
			add("an autolink", string(n.URL(source)))
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(source))
			}
			add("raw HTML", b.String())
		case *ast.HTMLBlock:
			var b strings.Builder
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(source))
			}
			add("an HTML block", b.String())
		case *ast.Text:
			t := string(n.Segment.Value(source))
			for _, h := range textHazards {
				if m := h.re.FindString(t); m != "" {
					add(h.what, strings.TrimSpace(m))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// modelPart is a draft's body without the evidence footer ticket-master
// appends (its permalinks and hidden marker are the tool's own, written
// from the analysis): everything before the last "---" line that starts
// the footer.
func modelPart(body string) string {
	if i := strings.LastIndex(body, "\n---\nFound in "); i >= 0 {
		return body[:i]
	}
	return body
}

func TestHazards(t *testing.T) {
	hostile := []string{
		"See [the docs](https://evil.example/x).",
		"See [the docs](//evil.example/x).",
		"![pixel](https://evil.example/p.png)",
		"[x][1]\n\n[1]: https://evil.example",
		"Go to https://evil.example/y now",
		"Go to www.evil.example now",
		"<https://evil.example>",
		"Write to <mailto:a@evil.example>",
		"Write to a@evil.example",
		`<a href="https://evil.example">click</a>`,
		"<img src=x onerror=alert(1)>",
		"<details><summary>More</summary>\n\nhidden\n\n</details>",
		"<!-- hidden -->",
		"Thanks @octocat",
		"Thanks _@octocat_",
		"Ask **@acme/admins**",
		"Same as #12",
		"Same as GH-12",
		"Same as [#1]",
		"Same as acme/gadgets#3",
		"Fix @octocat's bug in #7",
		"Open //evil.example/x",
	}
	for _, s := range hostile {
		if len(hazards(s)) == 0 {
			t.Errorf("hazards(%q) found nothing", s)
		}
	}
	benign := []string{
		"A `TODO` comment in `f1.go` asks for this:\n\n> fix thing number 1 of the parser\n\n### Why\nThe comment marks work left unfinished in 13a71d2.\n\n### Done when\n- [ ] The change is made.",
		"Call `@decorator` and `#123` and `https://x.example` in code.",
		"```\nfetch https://evil.example @octocat #12\n```",
		"Send mail to user at example dot com; C# and F# are languages; issue number 5.",
	}
	for _, s := range benign {
		if h := hazards(s); len(h) > 0 {
			t.Errorf("hazards(%q) = %v, want none", s, h)
		}
	}
}
