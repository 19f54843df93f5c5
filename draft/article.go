package draft

import "strings"

// article is "a" or "an" for word as it is read aloud: "an XXX comment"
// (ex-ex-ex), "an OPTIMIZE comment", "a TODO comment", "a HACK comment".
func article(word string) string {
	w := strings.ToUpper(strings.TrimSpace(word))
	if w == "" {
		return "a"
	}
	switch w[0] {
	case 'A', 'E', 'I', 'O', 'U':
		return "an"
	case 'X':
		// An X at the start of a word of capitals is read as its letter
		// name, "ex" (XXX, XSS), unless a vowel makes it a word (XOR).
		if len(w) == 1 || !strings.ContainsAny(w[1:2], "AEIOU") {
			return "an"
		}
	}
	return "a"
}
