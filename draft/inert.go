package draft

import "strings"

// inert makes text that came from git (a TODO comment, a commit subject, a
// detector's particulars quoting the code) read on GitHub as the characters
// it holds: outside code spans, every backslash, "<" and "[" is escaped, so
// that no link, image, raw HTML or autolink in angle brackets can form from
// it, whoever wrote the commit. Code spans are kept as they are (detectors
// write symbols in them); mentions and references are Neutralize's job.
//
// Escaping every backslash first is what makes the scan agree with
// CommonMark: no escape of the original text is left active, so a backtick
// run opens a code span exactly when a run of the same length follows.
func inert(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '`':
			n := backtickRun(s, i)
			if end := closingRun(s, i+n, n); end >= 0 {
				b.WriteString(s[i : end+n])
				i = end + n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
		case '\\', '<', '[':
			b.WriteByte('\\')
			b.WriteByte(c)
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// backtickRun is the length of the run of backticks at s[i].
func backtickRun(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == '`' {
		n++
	}
	return n
}

// closingRun finds, from s[from], the start of the next run of exactly n
// backticks on the same line, or -1. A code span may span lines in
// CommonMark, but not a blank line or the start of another block, which a
// scan this simple cannot see; kept to one line, the scan never takes for
// code what GitHub reads as text (the text is then escaped: safe, if not
// pretty).
func closingRun(s string, from, n int) int {
	for i := from; i < len(s); {
		if s[i] == '\n' {
			return -1
		}
		if s[i] != '`' {
			i++
			continue
		}
		m := backtickRun(s, i)
		if m == n {
			return i
		}
		i += m
	}
	return -1
}
