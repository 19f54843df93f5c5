package draft

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/store"
)

// TemplateName is the DraftedBy value of drafts the template drafter wrote.
const TemplateName = "template"

// MaxTitle is the longest title a draft may have, in characters.
const MaxTitle = 80

// Issue is a drafted issue's text.
type Issue struct {
	Title  string
	Body   string
	Labels []string
}

// Template drafts an issue from a finding with no model: plain, but every
// fact in it is checked, and it is always available.
func Template(t Target, f store.Finding) Issue {
	if k, ok := kindTexts()[f.Kind]; ok {
		return kindTemplate(t, f, k)
	}
	return todoTemplate(t, f)
}

// todoTemplate drafts the issue for a TODO-family comment.
func todoTemplate(t Target, f store.Finding) Issue {
	var b strings.Builder
	word := f.Word
	if word == "" {
		word = "TODO"
	}
	path := f.Evidence.Path
	fmt.Fprintf(&b, "A %s comment in %s asks for this:\n\n", codeSpan(word), codeSpan(path))
	quoted, _ := Redact(strings.TrimSpace(f.Text + "\n" + f.Body))
	for _, line := range strings.Split(quoted, "\n") {
		b.WriteString(strings.TrimRight("> "+line, " ") + "\n")
	}
	b.WriteString("\n### Why\n")
	fmt.Fprintf(&b, "The comment marks work left unfinished in %s; while it lives only in the code, nothing tracks it and it is easy to forget.\n", ShortHash(f.Evidence.Commit))
	b.WriteString("\n### Suggested approach\n")
	fmt.Fprintf(&b, "- Read the code around line %d of %s and make the change the comment describes.\n", f.Evidence.Line, codeSpan(path))
	b.WriteString("- Remove the comment in the same change.\n")
	b.WriteString("\n### Done when\n")
	b.WriteString("- [ ] The change the comment describes is made.\n")
	fmt.Fprintf(&b, "- [ ] The %s comment is gone from %s.\n", codeSpan(word), codeSpan(path))
	b.WriteString("\n")
	body := Neutralize(b.String()) + Footer(t, f)
	return Issue{Title: Title(f), Body: body, Labels: dedupe(f.Labels)}
}

// Title turns a finding's text into an issue title: capitalised, without a
// trailing period, at most MaxTitle characters, cut at a word boundary. A
// detector's own suggestion (f.Title) is used as it is, within the limit.
func Title(f store.Finding) string {
	if f.Title != "" {
		text, _ := Redact(strings.Join(strings.Fields(f.Title), " "))
		return limitTitle(capitalise(strings.TrimRight(text, ".:;, ")))
	}
	text, _ := Redact(strings.Join(strings.Fields(f.Text), " "))
	text = strings.TrimRight(text, ".:;, ")
	if len(strings.Fields(text)) < 2 {
		// "fix this" says nothing out of context: name the place too.
		base := f.Evidence.Path
		if i := strings.LastIndex(base, "/"); i >= 0 {
			base = base[i+1:]
		}
		if text == "" {
			text = "Resolve the " + f.Word + " comment in " + base
		} else {
			text = "Resolve \"" + text + "\" in " + base
		}
	}
	return limitTitle(capitalise(text))
}

// limitTitle cuts a title to MaxTitle characters at a word boundary.
func limitTitle(text string) string {
	if utf8.RuneCountInString(text) <= MaxTitle {
		return text
	}
	runes := []rune(text)
	cut := string(runes[:MaxTitle-1])
	if i := strings.LastIndex(cut, " "); i > MaxTitle/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ".:;, ") + "…"
}

func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

func dedupe(labels []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, l := range labels {
		l = strings.TrimSpace(l)
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}
