package analyze

import "strings"

// TitleMax is the longest title a detector suggests, as drafts allow.
const TitleMax = 80

// ShortenTitle cuts s to at most n bytes at a word boundary, with "…".
func ShortenTitle(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := string(TruncateUTF8([]byte(s), n-len("…")))
	if k := strings.LastIndexByte(cut, ' '); k > 0 {
		cut = cut[:k]
	}
	return cut + "…"
}

// FitTitle joins a title around name, shortening the name if the title
// would be longer than drafts allow.
func FitTitle(before, name, after string) string {
	if t := before + name + after; len(t) <= TitleMax {
		return t
	}
	room := TitleMax - len(before) - len(after)
	if room < 8 {
		return ShortenTitle(before+name+after, TitleMax)
	}
	return before + ShortenTitle(name, room) + after
}
