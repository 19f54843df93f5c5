// Package draft turns findings into issue drafts. The template drafter here
// needs nothing but the finding; the LLM drafter (through Ollama) writes the
// words around the same facts. Either way the footer, with the evidence as
// permalinks and the hidden fingerprint marker, is computed by us, never by a
// model, so every link and line in it can be trusted.
package draft

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/ticket-master/ticket-master/store"
)

// Target names where a repository's issues and code live on GitHub.
type Target struct {
	Host  string // "github.com" when empty
	Owner string
	Name  string
}

// TargetOf reads a repository record's GitHub target.
func TargetOf(r store.Repo) Target { return Target{Host: r.Host, Owner: r.Owner, Name: r.Name} }

// Known reports whether the target names a repository.
func (t Target) Known() bool { return t.Owner != "" && t.Name != "" }

// Permalink is a link to a line of a file at a commit, or "" when the target
// is unknown.
func (t Target) Permalink(commit, path string, line int) string {
	if !t.Known() {
		return ""
	}
	host := t.Host
	if host == "" {
		host = "github.com"
	}
	u := url.URL{Scheme: "https", Host: host, Path: "/" + t.Owner + "/" + t.Name + "/blob/" + commit + "/" + path}
	link := u.String()
	if line > 0 {
		link += fmt.Sprintf("#L%d", line)
	}
	return link
}

// MarkerPrefix starts the hidden comment that ties an issue to its finding;
// publishing searches for it so that a crash never creates an issue twice.
const MarkerPrefix = "<!-- ticket-master:fingerprint="

// Marker is the hidden comment for a fingerprint.
func Marker(fp string) string { return MarkerPrefix + fp + " -->" }

// ShortHash abbreviates a commit for people.
func ShortHash(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}

// Footer is the evidence block that ends every draft's body.
func Footer(t Target, f store.Finding) string {
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
		fmt.Fprintf(&b, ",\nadded in %s", ShortHash(ev.Commit))
		if ev.Subject != "" {
			fmt.Fprintf(&b, " %q", Neutralize(ev.Subject))
		}
		if !ev.Time.IsZero() {
			fmt.Fprintf(&b, " (%s)", ev.Time.UTC().Format("2006-01-02"))
		}
	}
	b.WriteString(".\n")
	// A draft never carries a secret, even one a TODO line happens to hold.
	ex, _ := Redact(strings.TrimSpace(ev.Excerpt))
	if ex != "" {
		if strings.Contains(ex, "\n") {
			fence := fenceFor(ex)
			fmt.Fprintf(&b, "%s\n%s\n%s\n", fence, ex, fence)
		} else {
			fmt.Fprintf(&b, "> %s\n", codeSpan(ex))
		}
	}
	b.WriteString(Marker(f.Fingerprint))
	return b.String()
}

// codeSpan wraps s in enough backticks that none inside can close it.
func codeSpan(s string) string {
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
func WithAlsoFound(body string, t Target, ev store.Evidence) string {
	loc := ev.Path
	if ev.Line > 0 {
		loc += fmt.Sprintf("#L%d", ev.Line)
	}
	line := "Also found in " + codeSpan(loc)
	if link := t.Permalink(ev.Commit, ev.Path, ev.Line); link != "" {
		line = fmt.Sprintf("Also found in [%s](%s)", codeSpan(loc), link)
	}
	if ev.Commit != "" {
		line += ", added in " + ShortHash(ev.Commit)
	}
	line += "."
	i := strings.LastIndex(body, MarkerPrefix)
	if i < 0 {
		return strings.TrimRight(body, "\n") + "\n" + line
	}
	return body[:i] + line + "\n" + body[i:]
}
