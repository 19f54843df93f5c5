package todo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mark is a TODO marker found in a comment's text.
type mark struct {
	word string // the configured word: TODO, FIXME, ...
	rest string // the text after the marker and its separators
	// ref is an issue the marker says tracks it: "TODO(#12)", "TODO[#12]",
	// "FIXME(GH-7)", a URL in the parentheses.
	ref string
	// tag is the marker's category suffix: "OPT" of "FIXME-OPT:".
	tag string
}

// findTODO finds a TODO marker in a comment's text: at its start (the
// usual place), after a comment marker nested in it ("// x(); // FIXME: y",
// a commented-out line that carries its own note), or after the end of a
// sentence ("Parse the header. TODO: handle folding"), where a colon must
// follow so that prose mentioning the word is not taken for one.
func (l *language) findTODO(text string, words []string) (mark, bool) {
	m, ok := l.findMark(text, words)
	if ok {
		m.rest = l.cutNextMark(m.rest, words)
	}
	return m, ok
}

// cutNextMark ends a TODO's text where a nested comment marker starts
// another TODO: "Underline mode // FIXME-DPI" is "Underline mode".
func (l *language) cutNextMark(rest string, words []string) string {
	for _, lm := range l.lines {
		if lm.at != anywhere {
			continue
		}
		for k := strings.Index(rest, " "+lm.text); k >= 0; {
			after := strings.TrimSpace(strings.TrimLeft(rest[k+1:], lm.text+"!"))
			if _, ok := matchTODO(after, words, false); ok {
				return strings.TrimSpace(rest[:k])
			}
			next := strings.Index(rest[k+1:], " "+lm.text)
			if next < 0 {
				break
			}
			k += 1 + next
		}
	}
	return rest
}

// findMark finds the first TODO marker of a comment's text.
func (l *language) findMark(text string, words []string) (mark, bool) {
	if m, ok := matchTODO(text, words, false); ok {
		return m, true
	}
	for _, lm := range l.lines {
		if lm.at != anywhere {
			continue
		}
		for k := strings.Index(text, lm.text); k > 0; {
			if m, ok := matchTODO(strings.TrimSpace(strings.TrimLeft(text[k:], lm.text+"!")), words, false); ok {
				return m, true
			}
			next := strings.Index(text[k+len(lm.text):], lm.text)
			if next < 0 {
				break
			}
			k += len(lm.text) + next
		}
	}
	for _, w := range words {
		for k := strings.Index(text, w); k > 0; {
			if sentenceEnd(text[:k]) {
				if m, ok := matchTODO(text[k:], words, true); ok {
					return m, true
				}
			}
			next := strings.Index(text[k+len(w):], w)
			if next < 0 {
				break
			}
			k += len(w) + next
		}
	}
	return mark{}, false
}

// sentenceEnd reports whether before ends a sentence or a clause, so that
// what follows may be a marker of its own.
func sentenceEnd(before string) bool {
	t := strings.TrimRight(before, " \t")
	if len(t) == len(before) || t == "" {
		return false // the word must follow a blank
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".;!?—–", r) || strings.HasSuffix(t, " -") || strings.HasSuffix(t, " --")
}

// matchTODO reports whether comment text starts with a TODO marker: one of
// words as a whole word, written
//
//	TODO: x    TODO x    TODO(owner): x    TODO[#12]: x    FIXME-OPT: x
//	FIXME? x   [TODO] x  @todo x (JSDoc, phpDoc)  \todo x (Doxygen)
//
// and returns the text after the marker and its separators. With colon,
// a colon must follow the marker (and its owner or tag).
func matchTODO(text string, words []string, colon bool) (mark, bool) {
	t := text
	bracketed := false
	docTag := false
	switch {
	case strings.HasPrefix(t, "["):
		t, bracketed = t[1:], true
	case strings.HasPrefix(t, "@"), strings.HasPrefix(t, `\`):
		t, docTag = t[1:], true
	}
	for _, w := range words {
		if w == "" {
			continue
		}
		var after string
		var found bool
		if docTag {
			// Documentation tags are written in lower case: @todo, \bug.
			if len(t) >= len(w) && strings.EqualFold(t[:len(w)], w) {
				after, found = t[len(w):], true
			}
		} else {
			after, found = strings.CutPrefix(t, w)
		}
		if !found {
			continue
		}
		m := mark{word: w}
		if bracketed {
			var ok bool
			if after, ok = strings.CutPrefix(after, "]"); !ok {
				continue // "[TODO list]" is not a marker
			}
		} else {
			var ok bool
			tail := after
			if after, m.ref, ok = markerTail(after, words); !ok {
				continue
			}
			if t, found := strings.CutPrefix(tail, "-"); found {
				m.tag = strings.TrimSuffix(t, after)
			}
		}
		if colon && !strings.HasPrefix(strings.TrimLeft(after, " \t"), ":") {
			continue
		}
		after = strings.TrimLeft(after, " \t:.,;!?")
		after = strings.TrimPrefix(after, "- ")
		after = strings.TrimSpace(after)
		if after != "" && !startsText(after) {
			continue // "TODO -> label", "FIXME ... for": prose about the words
		}
		m.rest = after
		return m, true
	}
	return mark{}, false
}

// markerTail reads what may follow the word itself: an owner in
// parentheses, a tag in brackets, a "-TAG" suffix ending in a colon, or a
// question mark. It rejects what makes the word part of something else:
// TODOS, TODO_LIST, XXX-XX-XXXX, "TODO, FIXME" (a list of the words). ref is
// an issue named in the owner or tag.
func markerTail(after string, words []string) (rest, ref string, ok bool) {
	if after == "" {
		return after, "", true
	}
	switch after[0] {
	case ' ', '\t', ':', '.', ';', '!', '?':
		return after, "", true
	case ',':
		next := strings.Fields(strings.TrimLeft(after, ", "))
		for _, w := range words {
			if len(next) > 0 && strings.TrimRight(next[0], ",.:;") == w {
				return "", "", false // "TODO, FIXME": a list in prose
			}
		}
		return after, "", true
	case '(', '[':
		closer := byte(')')
		if after[0] == '[' {
			closer = ']'
		}
		k := strings.IndexByte(after, closer)
		if k < 0 {
			return "", "", false
		}
		rest = after[k+1:]
		if rest != "" && !strings.ContainsRune(" \t:.;!?,", rune(rest[0])) {
			return "", "", false
		}
		return rest, issueRef(after[1:k]), true
	case '-':
		// FIXME-OPT: a tag of capitals and digits, then a colon, a blank
		// or the end; XXX-XX-XXXX and TODO-list are something else.
		k := 1
		for k < len(after) && (after[k] >= 'A' && after[k] <= 'Z' || after[k] >= '0' && after[k] <= '9' || after[k] == '_') {
			k++
		}
		if k > 1 && (k == len(after) || after[k] == ':' || after[k] == ' ' || after[k] == '\t') {
			return after[k:], "", true
		}
	}
	return "", "", false
}

// issueRef returns s when it names an issue (#12, GH-12, PROJ-123, a URL),
// or "".
func issueRef(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "#") && len(s) > 1 && allDigits(s[1:]):
		return s
	case strings.Contains(s, "://"):
		return s
	}
	if k := strings.LastIndexByte(s, '-'); k > 0 && allDigits(s[k+1:]) && k+1 < len(s) {
		for _, r := range s[:k] {
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				return ""
			}
		}
		return s // GH-12, JIRA-123
	}
	return ""
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// startsText reports whether a TODO's text begins like words do: a letter,
// a digit, a quote or a code span, not an arrow or an ellipsis.
func startsText(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("`'\"[(<@#$", r)
}
