package draft

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

// titleCodeRE finds the code spans of a title, the only Markdown GitHub
// renders in one.
var titleCodeRE = regexp.MustCompile("`[^`]*`")

// hrefRE finds the links of rendered HTML.
var hrefRE = regexp.MustCompile(`<a href="([^"]*)"`)

// FuzzTemplate: the template drafter writes from text that comes from git
// (a comment, a path, a commit subject, an excerpt), which anyone who can
// push controls. Whatever that text, a template draft's title renders to
// plain text, and its body renders no mention, no issue reference, no raw
// HTML and no image, and links only to the repository's own permalinks.
func FuzzTemplate(f *testing.F) {
	kinds := []string{finding.KindTODO, finding.KindUntested, finding.KindDocDrift, finding.KindHotspot,
		finding.KindDependency, finding.KindSecret, finding.KindReview}
	for i, s := range []string{
		"close the file", "ask @bob about #12", "[x](//host/x) ![i](y.png)", "<a href=\"x\">y</a>",
		"<details>\n@bob\n</details>", "GH-1 acme/x#3 _@name_", "`tick` ``two``", "a]\n[b](c",
	} {
		f.Add(uint8(i), s, "src/"+s+".go", "fix: "+s, "x := 1 // "+s, s)
	}
	repo := ghrepo.Repo{Owner: "acme", Name: "gadgets"}
	prefix := "https://github.com/acme/gadgets/blob/"
	f.Fuzz(func(t *testing.T, kind uint8, text, path, subject, excerpt, item string) {
		fd := store.Finding{Finding: finding.Finding{
			Fingerprint: "fp", Kind: kinds[int(kind)%len(kinds)], Word: "TODO", Text: text, Body: item,
			Items: []string{item}, Labels: []string{"bug"},
			Evidence: finding.Evidence{
				Path: path, Line: 3, Commit: "0123456789abcdef0123456789abcdef01234567",
				Subject: subject, Time: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Excerpt: excerpt,
			},
		}}
		is := Template(repo, fd)
		// GitHub renders no Markdown in a title but code spans; it
		// does link references in the rest.
		if prose := titleCodeRE.ReplaceAllString(is.Title, " "); renderedMentionRE.MatchString(prose) || renderedRefRE.MatchString(prose) {
			t.Fatalf("title %q holds a mention or reference outside code", is.Title)
		}
		body, ok := strings.CutSuffix(is.Body, Marker(fd.Fingerprint))
		if !ok {
			t.Fatalf("body does not end with its marker:\n%s", is.Body)
		}
		if why := liveMarkup(t, body, func(href string) bool {
			// A bare URL in the text is linked by GitHub itself, as
			// it is in the code; anything else is a link the text made.
			return strings.HasPrefix(href, prefix) || bareURL(href, text+path+subject+excerpt+item)
		}); why != "" {
			t.Fatalf("the body of a %s draft renders %s:\n%s", fd.Kind, why, body)
		}
		if why := mentionOrRefInRendered(t, body); why != "" {
			t.Fatalf("the body of a %s draft renders a %s:\n%s", fd.Kind, why, body)
		}
	})
}

// liveMarkup renders body as GitHub would and names the first element in
// it that plain text and the allowed links do not make: raw HTML, an image,
// a link to elsewhere.
func liveMarkup(t *testing.T, body string, allowed func(href string) bool) string {
	t.Helper()
	var out bytes.Buffer
	if err := renderGFM.Convert([]byte(body), &out); err != nil {
		t.Fatalf("render: %v", err)
	}
	h := out.String()
	for _, m := range htmlTagRE.FindAllStringSubmatch(h, -1) {
		if tag := strings.ToLower(m[2]); !safeTags[tag] && tag != "a" {
			return "element <" + m[1] + m[2] + "> in " + h
		}
	}
	for _, m := range hrefRE.FindAllStringSubmatch(h, -1) {
		if !allowed(m[1]) {
			return "a link to " + m[1] + " in " + h
		}
	}
	return ""
}

// bareURL says whether href is what GFM's autolinking made of a URL written
// out in text ("www.x.example" becomes "http://www.x.example").
func bareURL(href, text string) bool {
	return strings.Contains(text, href) || strings.Contains(text, strings.TrimPrefix(href, "http://"))
}
