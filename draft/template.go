package draft

import (
	"fmt"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
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
func Template(t ghrepo.Repo, f store.Finding) Issue {
	if k, ok := templateFor(f.Kind); ok {
		return kindTemplate(t, f, k)
	}
	return todoTemplate(t, f)
}

// todoTemplate drafts the issue for a TODO-family comment, or for the
// list of them one commit left in one file.
func todoTemplate(t ghrepo.Repo, f store.Finding) Issue {
	if IsList(f.Places()) {
		return todoListTemplate(t, f)
	}
	var b strings.Builder
	word := f.Word
	if word == "" {
		word = "TODO"
	}
	file := f.CurrentPath()
	art := article(word)
	if n := f.Evidence.Copies; n > 1 {
		// Counted at the commit, which says so: later commits may take
		// some out (knadh/koanf 308274c removed one of af2e3f4's two;
		// "2 TODO comments ask for this" read as now; round 83, wrong).
		// A commit that moved, edited or restored them did not leave
		// them (grafana/k6 8e6101a moved two notes into sobek.go and was
		// said to have left them: round 114, wrong).
		verb := "left"
		switch {
		case f.Evidence.Moved:
			verb = "moved here"
		case f.Evidence.Edited:
			verb = "edited"
		case f.Evidence.Restored:
			verb = "restored"
		}
		fmt.Fprintf(&b, "%s %s %d %s comments in %s that ask for this, in the same words:\n\n", finding.ShortHash(f.Evidence.Commit), verb, n, codeSpan(word), codeSpan(f.Evidence.Path))
	} else {
		fmt.Fprintf(&b, "%s%s %s comment in %s asks for this:\n\n", strings.ToUpper(art[:1]), art[1:], codeSpan(word), codeSpan(file))
	}
	quoted := inert(strings.TrimSpace(f.Text + "\n" + f.Body))
	for _, line := range strings.Split(quoted, "\n") {
		b.WriteString(strings.TrimRight("> "+line, " ") + "\n")
	}
	b.WriteString("\n### Why\n")
	if f.Evidence.Edited || f.Evidence.Moved || f.Evidence.Restored {
		// The edit, the move or the revert is not where the work was
		// left: the note was there before.
		how := "edited"
		switch {
		case f.Evidence.Edited:
		case f.Evidence.Moved:
			how = "moved"
		default:
			how = "restored"
		}
		fmt.Fprintf(&b, "The comment, last %s in %s, marks work left unfinished; while it lives only in the code, nothing tracks it and it is easy to forget.\n",
			how, finding.ShortHash(f.Evidence.Commit))
	} else {
		fmt.Fprintf(&b, "The comment marks work left unfinished in %s; while it lives only in the code, nothing tracks it and it is easy to forget.\n", finding.ShortHash(f.Evidence.Commit))
	}
	b.WriteString("\n### Suggested approach\n")
	if file != f.Evidence.Path {
		// The line is the old file's: zap's note at line 101 of
		// slog_go121.go is at line 106 of handler.go, which it became.
		fmt.Fprintf(&b, "- Find the comment in %s (line %d of %s at %s) and make the change it describes.\n",
			codeSpan(file), f.Evidence.Line, codeSpan(f.Evidence.Path), finding.ShortHash(f.Evidence.Commit))
	} else {
		fmt.Fprintf(&b, "- Read the code around line %d of %s and make the change the comment describes.\n", f.Evidence.Line, codeSpan(file))
	}
	b.WriteString("- Remove the comment in the same change.\n")
	b.WriteString("\n### Done when\n")
	b.WriteString("- [ ] The change the comment describes is made.\n")
	if f.Evidence.Copies > 1 {
		fmt.Fprintf(&b, "- [ ] No %s comment with these words is left in %s.\n", codeSpan(word), codeSpan(file))
	} else {
		fmt.Fprintf(&b, "- [ ] The %s comment is gone from %s.\n", codeSpan(word), codeSpan(file))
	}
	b.WriteString("\n")
	body := Neutralize(b.String()) + Footer(t, f)
	// A title says what to do and where (QUALITY.md): a note's words
	// rarely say where ("Merge with walkStruct and cache", go-toml), so
	// the file follows them unless they name it.
	title := Title(f)
	if !strings.Contains(title, path.Base(file)) {
		title = TitleAt(title, f)
	}
	return Issue{Title: quoteRefs(title), Body: body, Labels: finding.MergeLabels(f.Labels)}
}

// Title turns a finding's text into an issue title: capitalised, without a
// trailing period, at most MaxTitle characters, cut at a word boundary. A
// detector's own suggestion (f.Title) is used as it is, within the limit.
func Title(f store.Finding) string {
	if f.Title != "" {
		text := strings.Join(strings.Fields(f.Title), " ")
		return limitTitle(capitalise(strings.TrimRight(renamed(text, f), ".:;, ")))
	}
	text := strings.Join(strings.Fields(f.Text), " ")
	text = strings.TrimRight(text, ".:;, ")
	if len(strings.Fields(text)) < 2 {
		// "fix this" says nothing out of context: name the place too.
		base := f.CurrentPath()
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

// renamed puts the name a file has now into a detector's title written
// when it had the old one ("... (src/_pytest/python_api.py)" after the file
// became approx.py): the title speaks of the code as it is.
func renamed(title string, f store.Finding) string {
	old, now := f.Evidence.Path, f.CurrentPath()
	if old == "" || old == now {
		return title
	}
	if strings.Contains(title, old) {
		return strings.ReplaceAll(title, old, now)
	}
	if ob, nb := path.Base(old), path.Base(now); ob != nb {
		return strings.ReplaceAll(title, ob, nb)
	}
	return title
}

// titleRefRE finds what GitHub would make a mention or an issue reference
// of in a title: @name, #12, GH-12, owner/repo#12.
var titleRefRE = lazyregexp.New(`(^|[^A-Za-z0-9` + "`" + `])(@[\w-]+|#[0-9]+\b|(?i:gh-[0-9]+)\b|[\w.-]+/[\w.-]+#[0-9]+\b)`)

// quoteRefs makes a title from git text safe to publish: GitHub renders a
// title as plain text but for code spans, and links references in it, so
// each mention or reference outside a code span becomes code ("Handle
// `@classmethod` here"), which also reads as what it mostly is.
func quoteRefs(title string) string {
	if strings.Count(title, "`")%2 == 1 {
		// A lone backtick would pair with one of ours: it becomes a quote.
		title = strings.ReplaceAll(title, "`", "'")
	}
	parts := strings.Split(title, "`")
	for i := 0; i < len(parts); i += 2 {
		parts[i] = titleRefRE.ReplaceAllString(parts[i], "$1`$2`")
	}
	return strings.Join(parts, "`")
}

// TitleAt is title with the file the finding is about named after it
// (its base name when the path would not fit), within MaxTitle: a title
// says where (QUALITY.md), and that tells apart two drafts whose notes say
// the same ("Works but API is likely to be reworked", a FIXME-WIP in two
// files of imgui). A title that names the file already gets a closer
// place: the path for a base name, then the line (jpadilla/pyjwt: five
// "Rotate the private key committed in docs/usage.rst"; two "Check the
// error (util.go)" in two folders).
func TitleAt(title string, f store.Finding) string {
	p := f.CurrentPath()
	if p == "" {
		return title
	}
	base := path.Base(p)
	line := ""
	if f.Evidence.Line > 0 && p == f.Evidence.Path { // a renamed file's line is the old file's
		line = fmt.Sprintf("line %d", f.Evidence.Line)
	}
	var places []string
	switch head, ok := cutPlace(title, p, base); {
	case ok && strings.HasSuffix(title, " ("+base+")") && base != p:
		title, places = head, []string{p}
		if line != "" {
			places = append(places, base+", "+line)
		}
	case ok:
		if line == "" {
			return title
		}
		title, places = head, []string{p + ", " + line, base + ", " + line}
	case strings.Contains(title, p):
		if line == "" || strings.HasSuffix(title, ")") {
			return title
		}
		places = []string{line}
	default:
		places = []string{p, base}
	}
	title = strings.TrimSuffix(title, "…")
	for _, place := range places {
		suffix := " (" + place + ")"
		room := MaxTitle - utf8.RuneCountInString(suffix)
		if room < MaxTitle/2 {
			continue
		}
		head := title
		if utf8.RuneCountInString(head) > room {
			// At a word's end: "... to fill array.D… (unmarshaler.go)"
			// named nothing.
			cut := string([]rune(head)[:room-1])
			if k := strings.LastIndexByte(cut, ' '); k > room/2 {
				cut = cut[:k]
			}
			head = strings.TrimRight(cut, ".:;, ") + "…"
		}
		return head + suffix
	}
	return title
}

// cutPlace cuts the place TitleAt put after a title, "(path)" or "(base)".
func cutPlace(title, p, base string) (string, bool) {
	for _, place := range []string{p, base} {
		if head, ok := strings.CutSuffix(title, " ("+place+")"); ok {
			return head, true
		}
	}
	return title, false
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
	if first, _, _ := strings.Cut(s, " "); r == utf8.RuneError || analyze.KeepsCase(first) {
		// A name of code keeps its case, as the detector wrote it:
		// crossbeam's "core::sync::atomic::AtomicU128 is unstable" was
		// drafted "Core::sync::...".
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
