// Package draft turns findings into issue drafts. The template drafter here
// needs nothing but the finding; the LLM drafter (through Ollama) writes the
// words around the same facts. Either way the footer, with the evidence as
// permalinks and the hidden fingerprint marker, is computed by us, never by a
// model, so every link and line in it can be trusted.
package draft

import (
	"fmt"
	"strings"

	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

// MarkerPrefix starts the hidden comment that ties an issue to its finding;
// publishing searches for it so that a crash never creates an issue twice.
const MarkerPrefix = "<!-- ticket-master:fingerprint="

// Marker is the hidden comment for a fingerprint.
func Marker(fp string) string { return MarkerPrefix + fp + " -->" }

// Footer is the evidence block that ends every draft's body.
func Footer(t ghrepo.Repo, f store.Finding) string {
	ev := f.Evidence
	var b strings.Builder
	b.WriteString("---\n")
	// The location: a line, a range of lines, or (line 0) the whole file.
	loc, anchor := ev.Path, ""
	if ev.Line > 0 {
		anchor = fmt.Sprintf("#L%d", ev.Line)
		if ev.EndLine > ev.Line {
			anchor += fmt.Sprintf("-L%d", ev.EndLine)
		}
		loc += anchor
	}
	if link := t.Permalink(ev.Commit, ev.Path, 0); link != "" {
		fmt.Fprintf(&b, "Found in [%s](%s%s)", codeSpan(loc), link, anchor)
	} else {
		fmt.Fprintf(&b, "Found in %s", codeSpan(loc))
	}
	if ev.Commit != "" {
		fmt.Fprintf(&b, ",\n%s %s", commitVerb(f.Kind, ev), finding.ShortHash(ev.Commit))
		if ev.Subject != "" {
			// Quoted as written ("Revert "x"" reads better than Go's
			// escapes), on one line, inert: a subject is anyone's text.
			b.WriteString(` "` + Neutralize(inert(oneLine(ev.Subject))) + `"`)
		}
		if !ev.Time.IsZero() {
			fmt.Fprintf(&b, " (%s)", ev.Time.UTC().Format("2006-01-02"))
		}
	}
	if now := f.CurrentPath(); now != ev.Path {
		// The evidence stays true of its commit; the reader also needs
		// the name the file has today.
		fmt.Fprintf(&b, "; the file is now %s", codeSpan(now))
	}
	b.WriteString(".\n")
	ex := strings.TrimSpace(ev.Excerpt)
	if ex != "" {
		if strings.Contains(ex, "\n") {
			fence := fenceFor(ex)
			fmt.Fprintf(&b, "%s\n%s\n%s\n", fence, ex, fence)
		} else {
			fmt.Fprintf(&b, "> %s\n", codeSpan(ex))
		}
	}
	for _, also := range f.Also {
		b.WriteString(alsoFoundLine(t, also) + "\n")
	}
	b.WriteString(Marker(f.Fingerprint))
	return b.String()
}

// oneLine puts s on one line: a line break or other control character in
// text from git (a path may hold one) becomes a space, so that it cannot end
// a code span or a paragraph and start a block of its own.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// codeSpan wraps s, on one line, in enough backticks that none inside can
// close it.
func codeSpan(s string) string {
	s = oneLine(s)
	ticks := "`"
	for strings.Contains(s, ticks) {
		ticks += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return ticks + " " + s + " " + ticks
	}
	return ticks + s + ticks
}

// fenceFor returns a code fence longer than any run of backticks in s.
func fenceFor(s string) string {
	fence := "```"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence
}

// WithAlsoFound adds a line naming another place the same issue was found
// (a merged duplicate) to a body's footer, just above the marker, so the
// published issue cites every location.
func WithAlsoFound(body string, t ghrepo.Repo, ev finding.Evidence) string {
	line := alsoFoundLine(t, ev)
	i := strings.LastIndex(body, MarkerPrefix)
	if i < 0 {
		return strings.TrimRight(body, "\n") + "\n" + line
	}
	return body[:i] + line + "\n" + body[i:]
}

// alsoFoundLine names another place a finding was seen.
func alsoFoundLine(t ghrepo.Repo, ev finding.Evidence) string {
	loc := ev.Path
	if ev.Line > 0 {
		loc += fmt.Sprintf("#L%d", ev.Line)
	}
	line := "Also found in " + codeSpan(loc)
	if link := t.Permalink(ev.Commit, ev.Path, ev.Line); link != "" {
		line = fmt.Sprintf("Also found in [%s](%s)", codeSpan(loc), link)
	}
	if ev.Commit != "" {
		line += ", in " + finding.ShortHash(ev.Commit)
	}
	return line + "."
}

// commitVerb says what the footer's commit did, true for each kind: a TODO
// or a credential was added in it (or, edited, reworded in it), an API or a
// manifest changed in it, and a hotspot's file was last changed in it
// (the newest of the changes the window counts).
func commitVerb(kind string, ev finding.Evidence) string {
	switch {
	case ev.Edited:
		return "edited in"
	case ev.Moved:
		return "moved here in"
	case ev.Restored:
		return "restored in"
	}
	switch kind {
	case finding.KindHotspot:
		// The newest change to the file the window counts; the window's
		// end is in the text.
		return "last changed in"
	case finding.KindUntested, finding.KindDocDrift, finding.KindDependency, finding.KindReview:
		return "changed in"
	}
	return "added in"
}
