package draft

import (
	"regexp"
	"strings"
)

var (
	// @name as GitHub would link it: start of text or after a non-word
	// character, so e-mail addresses stay as they are.
	mentionRE = regexp.MustCompile(`(^|[^\w.@/` + "`" + `])@([A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9_.-]+)?)`)
	// #123 as GitHub would link it to an issue the analysis never checked.
	issueRefRE = regexp.MustCompile(`(^|[\s(])#(\d+)\b`)
)

// Neutralize keeps generated or quoted text from pinging people or linking
// issues: "@name" gets a zero-width space after the "@", and "#12" is
// code-quoted. Text inside code spans and fences is left alone by GitHub
// anyway, so it is left alone here too.
func Neutralize(s string) string {
	lines := strings.Split(s, "\n")
	inFence := false
	for i, line := range lines {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		lines[i] = outsideCode(line, func(t string) string {
			t = mentionRE.ReplaceAllString(t, "$1@\u200b$2")
			return issueRefRE.ReplaceAllString(t, "$1`#$2`")
		})
	}
	return strings.Join(lines, "\n")
}

// outsideCode applies fn to the parts of a line that are not code spans.
func outsideCode(line string, fn func(string) string) string {
	var b strings.Builder
	for {
		start := strings.Index(line, "`")
		if start < 0 {
			b.WriteString(fn(line))
			return b.String()
		}
		end := strings.Index(line[start+1:], "`")
		if end < 0 {
			b.WriteString(fn(line))
			return b.String()
		}
		end += start + 2
		b.WriteString(fn(line[:start]))
		b.WriteString(line[start:end])
		line = line[end:]
	}
}
