// Package factcheck checks a finding's claims against git before a draft
// states them: every evidence path exists at its commit, the cited lines
// lie inside the file and hold the quoted excerpt, and the commit's
// subject and date are that commit's. A draft may state only what git
// confirms; a claim that fails is a detector's bug, and the draft is
// dropped rather than queued.
package factcheck

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
)

// maxCheckedFile is the largest file whose lines are checked; a bigger one
// is checked for existence only.
const maxCheckedFile = 8 << 20

// Commits looks up a commit's metadata.
type Commits func(hash string) (analyze.Commit, error)

// Checker checks evidence. It is not safe for concurrent use.
type Checker struct {
	Blobs   analyze.FileReader
	Commits Commits
	// Redact is applied to a file's line before it is compared with an
	// excerpt, and to a commit's subject, since both are stored redacted.
	Redact func(string) string
	files  map[string][]byte // the last few files read, by commit:path
	order  []string
}

// Problem is one claim of a finding that git contradicts.
type Problem struct {
	Evidence finding.Evidence
	Reason   string
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s at %s: %s", p.Evidence.Path, finding.ShortHash(p.Evidence.Commit), p.Reason)
}

// Finding checks every place a finding cites; it returns the problems,
// none when every claim holds.
func (c *Checker) Finding(f finding.Finding) []Problem {
	var out []Problem
	for _, ev := range f.Places() {
		if err := c.Evidence(ev); err != nil {
			var p Problem
			if errors.As(err, &p) {
				out = append(out, p)
			} else {
				out = append(out, Problem{Evidence: ev, Reason: err.Error()})
			}
		}
	}
	return out
}

// Evidence checks one place.
func (c *Checker) Evidence(ev finding.Evidence) error {
	fail := func(format string, args ...any) error {
		return Problem{Evidence: ev, Reason: fmt.Sprintf(format, args...)}
	}
	if ev.Commit == "" {
		return fail("no commit")
	}
	if c.Commits != nil && (ev.Subject != "" || !ev.Time.IsZero()) {
		info, err := c.Commits(ev.Commit)
		if err != nil {
			return fail("the commit does not exist")
		}
		// Subjects are stored redacted, like excerpts: compare with the
		// commit's subject redacted the same way, and never show the
		// subject as git has it (a token in it would reach the terminal).
		subject := info.Subject
		if c.Redact != nil {
			subject = c.Redact(subject)
		}
		if ev.Subject != "" && ev.Subject != subject && ev.Subject != info.Subject {
			return fail("the subject %q is not the commit's (%q)", ev.Subject, subject)
		}
		if !ev.Time.IsZero() && !ev.Time.Equal(info.Time) && ev.Time.Truncate(time.Second).Unix() != info.Time.Unix() {
			return fail("the date %s is not the commit's (%s)", ev.Time.UTC().Format(time.DateOnly), info.Time.UTC().Format(time.DateOnly))
		}
	}
	if ev.Path == "" {
		return nil // a finding about the commit, not a file
	}
	data, err := c.read(ev.Commit, ev.Path)
	if errors.Is(err, analyze.ErrBlobTooLarge) {
		return nil // too large to read through; its existence is known
	}
	if err != nil {
		return fail("the file does not exist at that commit")
	}
	if ev.Line <= 0 {
		return nil
	}
	// Counted and found in place: splitting the file into lines for one
	// of them was a hundredth of what a backfill allocated.
	n := lineCount(data)
	if ev.Line > n {
		return fail("line %d is past the end of the file (%d lines)", ev.Line, n)
	}
	if ev.EndLine > n {
		return fail("lines %d-%d run past the end of the file (%d lines)", ev.Line, ev.EndLine, n)
	}
	if ev.EndLine != 0 && ev.EndLine < ev.Line {
		return fail("the line range %d-%d is backwards", ev.Line, ev.EndLine)
	}
	first := firstExcerptLine(ev.Excerpt)
	if first == "" {
		return nil
	}
	line := string(nthLine(data, ev.Line))
	if c.Redact != nil {
		line = c.Redact(line)
	}
	if !holds(line, first) {
		return fail("line %d does not hold the quoted excerpt %q", ev.Line, first)
	}
	return nil
}

func (c *Checker) read(commit, path string) ([]byte, error) {
	key := commit + ":" + path
	if data, ok := c.files[key]; ok {
		return data, nil
	}
	if c.Blobs == nil {
		return nil, analyze.ErrNoBlob
	}
	data, err := c.Blobs.Read(commit, path, maxCheckedFile)
	if err != nil {
		return nil, err
	}
	if c.files == nil {
		c.files = map[string][]byte{}
	}
	// Findings of one commit cite the same few files: keep the last ones.
	if len(c.order) >= 8 {
		delete(c.files, c.order[0])
		c.order = c.order[1:]
	}
	c.files[key] = data
	c.order = append(c.order, key)
	return data, nil
}

// lineCount is len(splitLines(data)).
func lineCount(data []byte) int {
	data = bytes.TrimSuffix(data, []byte("\n"))
	if len(data) == 0 {
		return 0
	}
	return bytes.Count(data, []byte("\n")) + 1
}

// nthLine is splitLines(data)[n-1], for 1 <= n <= lineCount(data).
func nthLine(data []byte, n int) []byte {
	for ; n > 1; n-- {
		data = data[bytes.IndexByte(data, '\n')+1:]
	}
	if k := bytes.IndexByte(data, '\n'); k >= 0 {
		return data[:k]
	}
	return data
}

func splitLines(data []byte) [][]byte {
	data = bytes.TrimSuffix(data, []byte("\n"))
	if len(data) == 0 {
		return nil
	}
	return bytes.Split(data, []byte("\n"))
}

// firstExcerptLine is the first non-blank line of an excerpt, trimmed.
func firstExcerptLine(excerpt string) string {
	for _, l := range strings.Split(excerpt, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			return t
		}
	}
	return ""
}

// redactionMarks are what redaction leaves where a secret was; an excerpt
// may also be cut short with an ellipsis.
var redactionMarks = []string{"[REDACTED]", "[redacted]", "…", "..."}

// holds reports whether a file's line holds an excerpt's line: the same
// text, give or take surrounding space, with the parts redaction replaced
// or cut allowed to differ. Every remaining piece must appear, in order.
func holds(line, excerpt string) bool {
	line = strings.TrimSpace(strings.TrimRight(line, "\r"))
	if strings.Contains(line, excerpt) {
		return true
	}
	pieces := []string{excerpt}
	for _, m := range redactionMarks {
		var next []string
		for _, p := range pieces {
			next = append(next, strings.Split(p, m)...)
		}
		pieces = next
	}
	at := 0
	matched := 0
	for _, p := range pieces {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		i := strings.Index(line[at:], p)
		if i < 0 {
			return false
		}
		at += i + len(p)
		matched += len(p)
	}
	// Something real must match: an excerpt that is all redaction says
	// nothing checkable, and is accepted.
	return matched > 0 || strings.TrimSpace(strings.Join(pieces, "")) == ""
}

// Relocate finds ev's excerpt in the file at ev.Commit when the cited line
// no longer holds it (a rebased copy of its commit, where lines above it
// moved): the evidence with its line (and range) moved, and whether it
// holds now.
func (c *Checker) Relocate(ev finding.Evidence) (finding.Evidence, bool) {
	subject, when := ev.Subject, ev.Time
	ev.Subject, ev.Time = "", time.Time{} // the caller states the new commit's own
	if c.Evidence(ev) == nil {
		ev.Subject, ev.Time = subject, when
		return ev, true
	}
	first := firstExcerptLine(ev.Excerpt)
	if first == "" || ev.Path == "" {
		return ev, false
	}
	data, err := c.read(ev.Commit, ev.Path)
	if err != nil {
		return ev, false
	}
	for i, line := range splitLines(data) {
		l := string(line)
		if c.Redact != nil {
			l = c.Redact(l)
		}
		if holds(l, first) {
			if ev.EndLine > 0 {
				ev.EndLine += i + 1 - ev.Line
			}
			ev.Line = i + 1
			if c.Evidence(ev) == nil {
				return ev, true
			}
		}
	}
	return ev, false
}
