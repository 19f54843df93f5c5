package draft

import (
	"strings"
	"testing"
)

// TestValidateHostileMarkup puts each structure GitHub would turn into a
// link, an image, HTML, a mention or a reference into the body and into the
// title, and wants the problem named with the offending text.
func TestValidateHostileMarkup(t *testing.T) {
	tests := []struct {
		name, markup, want string
	}{
		{"protocol-relative link", "see [the docs](//evil.example/x)", "has a link (`[the docs](//evil.example/x)`)"},
		{"link", "see [docs](https://evil.example)", "has a link"},
		{"reference link", "see [docs][1]\n\n[1]: https://evil.example", "has a link"},
		{"unused link definition", "\n\n[hidden]: https://evil.example", "has a link (`[hidden]: https://evil.example`)"},
		{"image", "![logo](https://evil.example/pixel.png)", "has an image (`![logo](https://evil.example/pixel.png)`)"},
		{"relative image", "![](x.png)", "has an image"},
		{"a href", `click <a href="https://evil.example">here</a>`, "has HTML (`<a href=\"https://evil.example\">`)"},
		{"mailto autolink", "write to <mailto:boss@evil.example>", "has a link (`mailto:boss@evil.example`"},
		{"mailto link", "write [to us](mailto:boss@evil.example)", "has a link"},
		{"bare e-mail", "write to boss@evil.example", "has a link (`boss@evil.example`"},
		{"bare url", "see https://evil.example now", "has a link (`https://evil.example`"},
		{"www", "see www.evil.example now", "has a link (`www.evil.example`"},
		{"angle autolink", "see <https://evil.example>", "has a link"},
		{"url in code span", "call `http://localhost:9000` first", "has a link in code (`http://localhost:9000`)"},
		{"GH ref", "as GH-1 says", "refers to an issue by number (`GH-1`)"},
		{"GH ref lower case", "as gh-12 says", "refers to an issue by number (`gh-12`)"},
		{"bracketed ref", "as [#1] says", "refers to an issue by number (`#1`)"},
		{"ref", "like #42 did", "refers to an issue by number (`#42`)"},
		{"ref in parentheses", "(see #42)", "refers to an issue by number"},
		{"escaped ref", `like \#42 did`, "refers to an issue by number (`#42`)"},
		{"ref in emphasis", "like *#42* did", "refers to an issue by number"},
		{"cross-repo ref", "like acme/other#42", "refers to an issue by number (`acme/other#42`)"},
		{"emphasised mention", "ask _@alice_ first", "@mentions someone (`@alice`)"},
		{"strong mention", "ask **@alice** first", "@mentions someone (`@alice`)"},
		{"mention after emphasis", "ask *x*@alice first", "@mentions someone"},
		{"mention", "ask @alice first", "@mentions someone (`@alice`)"},
		{"mention by entity", "ask &#64;alice first", "@mentions someone (`@alice`)"},
		{"team mention", "ask @acme/storage first", "@mentions someone (`@acme`)"},
		{"details", "<details>\n<summary>More</summary>\n\nhidden\n</details>", "has HTML (`<details>"},
		{"inline html", "a <b>bold</b> claim", "has HTML (`<b>`)"},
		{"html comment", "<!-- label: admin -->", "has an HTML comment"},
		{"inline html comment", "text <!-- hidden --> text", "has an HTML comment"},
		{"closing keyword", "Fixes #7", "uses a closing keyword"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" in body", func(t *testing.T) {
			r := goodReply()
			r.Body = strings.Replace(goodBody, "\n\n### Why", " "+tt.markup+"\n\n### Why", 1)
			if _, problems := Validate(validateInput(r)); !containsProblem(problems, "the body "+tt.want) {
				t.Errorf("problems %q lack %q", problems, "the body "+tt.want)
			}
		})
		if strings.Contains(tt.markup, "\n") {
			continue // a title is one line: no blocks
		}
		t.Run(tt.name+" in title", func(t *testing.T) {
			r := goodReply()
			r.Title = "Retry uploads " + tt.markup
			if _, problems := Validate(validateInput(r)); !containsProblem(problems, "the title "+tt.want) {
				t.Errorf("problems %q lack %q", problems, "the title "+tt.want)
			}
		})
	}
}

// TestValidateHarmlessMarkup: what only looks like a forbidden structure,
// or sits in code where GitHub leaves it alone, passes.
func TestValidateHarmlessMarkup(t *testing.T) {
	for _, markup := range []string{
		"call `notify(@alice)` with `#42` and `a@b.example`",
		"the `<details>` element and `![x](y)`",
		"C# and F# code, step 2#3, issue-free",
		"anchors such as upload.py#L7 and svc/upload.py#L7-L9",
		"e-mail-like `user@host` in code",
		"a 503, then 200; retry 3 times",
		"~~old~~ behaviour, **bold**, _emphasis_",
		"| a | b |\n|---|---|\n| 1 | 2 |",
		"```\nsee https://x.example and #12 and @bob\n```",
	} {
		r := goodReply()
		r.Body = strings.Replace(goodBody, "\n\n### Why", "\n\n"+markup+"\n\n### Why", 1)
		in := validateInput(r)
		in.PathExists = nil
		_, problems := Validate(in)
		if strings.Contains(markup, "https://") {
			// A URL in a fence is shown as code; the style wants none at all.
			if len(problems) != 1 || !strings.Contains(problems[0], "has a link in code") {
				t.Errorf("%q: %q", markup, problems)
			}
			continue
		}
		if len(problems) > 0 {
			t.Errorf("%q: %q", markup, problems)
		}
	}
}
