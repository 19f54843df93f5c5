package draft

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
)

// FuzzNeutralize: whatever the text, once neutralised it renders no
// mention and no issue reference, and it differs from the text only by
// the zero-width spaces, backticks and escapes Neutralize adds or removes.
func FuzzNeutralize(f *testing.F) {
	for _, s := range []string{
		"ask @bob about #12", "_@bob_ [#1] GH-2 acme/x#3", `\#4`, "`@code` #5", "<details>\n@bob #6\n</details>",
		"> @bob\n> #7", "- [ ] @bob", "[@bob](https://x.example)", "bob@example.com", "**x**@bob", "&#64;bob",
		"see gH-12", "x#L12 and @ alone", "&commat;bob", "x &#x40;bob", "&num;12", "<p>&#X23;7 &commat;al</p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Neutralize(s)
		if whole := neutralizeAll(s); got != whole {
			t.Fatalf("Neutralize(%q) = %q, but parsed whole %q: mayReference let a reference through", s, got, whole)
		}
		if again := Neutralize(got); again != got {
			t.Fatalf("Neutralize(%q) = %q, but again %q", s, got, again)
		}
		strip := strings.NewReplacer("\u200b", "", "`", "", `\`, "")
		if strip.Replace(got) != strip.Replace(s) {
			t.Fatalf("Neutralize(%q) = %q changed more than marks", s, got)
		}
		if why := mentionOrRefInRendered(t, got); why != "" {
			t.Fatalf("Neutralize(%q) = %q, which renders a %s", s, got, why)
		}
	})
}

var (
	anchorRE = regexp.MustCompile(`(?s)<a\b.*?</a>`)
	tagRE    = regexp.MustCompile(`<[^>]*>`)
)

// mentionOrRefInRendered is forbiddenInRendered's check of the text
// GitHub's filters read (outside code and links) for mentions and references.
func mentionOrRefInRendered(t *testing.T, md string) string {
	var out bytes.Buffer
	if err := renderGFM.Convert([]byte(md), &out); err != nil {
		t.Fatalf("render: %v", err)
	}
	h := anchorRE.ReplaceAllString(codeBlockRE.ReplaceAllString(out.String(), " "), " ")
	prose := html.UnescapeString(tagRE.ReplaceAllString(h, " "))
	if m := renderedMentionRE.FindString(prose); m != "" {
		return "mention " + m + " in " + out.String()
	}
	if m := renderedRefRE.FindString(prose); m != "" {
		return "reference " + m + " in " + out.String()
	}
	return ""
}
