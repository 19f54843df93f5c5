package draft

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	goldhtml "github.com/yuin/goldmark/renderer/html"
)

// renderGFM renders Markdown as GitHub would before its filters run, raw
// HTML included, so that the HTML shows what a reader would get.
var renderGFM = goldmark.New(
	goldmark.WithExtensions(extension.Linkify, extension.Table, extension.Strikethrough, extension.TaskList),
	goldmark.WithRendererOptions(goldhtml.WithUnsafe()),
)

var (
	// htmlTagRE finds start tags, end tags and comments in rendered HTML.
	htmlTagRE = regexp.MustCompile(`<(/?)([A-Za-z][A-Za-z0-9-]*|!--)`)
	// renderedMentionRE and renderedRefRE are what GitHub's filters link
	// in rendered text outside code.
	renderedMentionRE = regexp.MustCompile(`(?:^|\W)@[A-Za-z0-9]`)
	renderedRefRE     = regexp.MustCompile(`(?:^|\W)#[0-9]+\b|(?i:\bgh-[0-9]+\b)|\b[\w.-]+/[\w.-]+#[0-9]+\b`)
	codeBlockRE       = regexp.MustCompile(`(?s)<pre><code[^>]*>.*?</code></pre>|<code>.*?</code>`)
)

// safeTags are the elements plain Markdown renders to; anything else came
// from raw HTML or is a link or an image.
var safeTags = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "code": true, "pre": true, "em": true, "strong": true,
	"del": true, "blockquote": true, "table": true, "thead": true, "tbody": true, "tr": true,
	"th": true, "td": true, "hr": true, "br": true, "input": true,
}

// forbiddenInRendered renders md and says what it holds that a reply must
// not: a check on the HTML output, independent of the walk Validate does.
func forbiddenInRendered(t *testing.T, md string) string {
	var out bytes.Buffer
	if err := renderGFM.Convert([]byte(md), &out); err != nil {
		t.Fatalf("render: %v", err)
	}
	h := out.String()
	for _, m := range htmlTagRE.FindAllStringSubmatch(h, -1) {
		if !safeTags[strings.ToLower(m[2])] {
			return "element <" + m[1] + m[2] + "> in " + h
		}
	}
	prose := codeBlockRE.ReplaceAllString(h, " ")
	prose = html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(prose, " "))
	if m := renderedMentionRE.FindString(prose); m != "" {
		return "mention " + m + " in " + h
	}
	if m := renderedRefRE.FindString(prose); m != "" {
		return "reference " + m + " in " + h
	}
	return ""
}

// FuzzValidate: whatever title and body a model sends, a reply that passes
// validation renders to no link, image, HTML, mention or issue reference.
func FuzzValidate(f *testing.F) {
	// Small seeds: the fuzzer minimises every input that finds new
	// coverage, at a cost that grows with the square of its length, and a
	// long seed's children would keep it minimising instead of fuzzing.
	const body = "Fix a.\n\n### Why\nB.\n\n### Suggested approach\nC.\n\n### Done when\n- [ ] D."
	f.Add("Retry S3 uploads", body)
	for _, markup := range []string{
		"[x](//host/x)", "![x](y.png)", `<a href="x">y</a>`, "<mailto:a@b.example>", "GH-1", "[#1]",
		"_@name_", "<details>\n<summary>s</summary>\n</details>", "&#64;bob", `\#1`, "a@b.example",
		"www.x.example", "[a]: /b", "*x*@y", "<!-- x -->", "`code` @x `y`", "x <b>y</b>",
	} {
		f.Add("Retry uploads "+markup, strings.Replace(body, "\n\n### Why", "\n\n"+markup+"\n\n### Why", 1))
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		r := goodReply()
		r.Title, r.Body = title, body
		in := validateInput(r)
		in.PathExists = nil
		got, problems := Validate(in)
		if len(problems) > 0 {
			return
		}
		if why := forbiddenInRendered(t, got.Title); why != "" {
			t.Fatalf("title %q passed validation but renders a %s", got.Title, why)
		}
		if why := forbiddenInRendered(t, got.Body); why != "" {
			t.Fatalf("body %q passed validation but renders a %s", got.Body, why)
		}
	})
}

// TestRenderedOracle shows that the fuzz test's check can fail: each
// hostile reply renders to something it reports.
func TestRenderedOracle(t *testing.T) {
	for _, md := range []string{"[x](//host/x)", "![x](y)", `<a href="x">y</a>`, "<details>", "_@name_", "[#1]", "GH-1", "a@b.example"} {
		if forbiddenInRendered(t, md) == "" {
			t.Errorf("%q: nothing reported", md)
		}
	}
}
