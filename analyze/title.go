package analyze

import (
	"path"
	"strings"
	"unicode"
)

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

// FitPathTitle joins a title around the path p, naming the file by the
// longest end of its path that fits (PathEnds), its base name shortened
// if none does.
func FitPathTitle(before, p, after string) string {
	for _, name := range PathEnds(p) {
		if t := before + name + after; len(t) <= TitleMax {
			return t
		}
	}
	return FitTitle(before, path.Base(p), after)
}

// PathEnds are the ways to name the file at p in a title, from the whole
// path to its base name, each without one more leading folder: a title
// too long for "tenacity/asyncio/__init__.py" still says
// "…/asyncio/__init__.py", where the base name alone is every package's.
// An end of more than one name starts "…/": cheeriojs/cheerio's
// website/scripts/sync-algolia-crawler.mjs was titled
// "scripts/sync-algolia-crawler.mjs", the path of a folder the repository
// also has, which does not hold it (round 106, wrong).
func PathEnds(p string) []string {
	out := []string{p}
	for rest := p; ; {
		_, after, more := strings.Cut(rest, "/")
		if !more || after == "" {
			return out
		}
		if strings.Contains(after, "/") {
			out = append(out, "…/"+after)
		} else {
			out = append(out, after)
		}
		rest = after
	}
}

// NamesCode reports a word that names code or a place rather than prose:
// camelCase, or with a dot, an underscore, a colon, a slash or brackets in
// it (punctuation after it aside).
func NamesCode(w string) bool {
	w = strings.TrimRight(w, ".,;:!?")
	return strings.ContainsAny(w, "`_()./:") || HasInnerUpper(w)
}

// KeepsCase reports whether a title that starts with word w keeps its
// case: a name of code, or a word with a digit. "uniqueItems",
// "core::sync::atomic::AtomicU128", "b/287046337" and "armv8l" start
// titles as they are.
func KeepsCase(w string) bool {
	return NamesCode(w) || strings.ContainsAny(w, "0123456789")
}

// HasInnerUpper reports an upper-case letter after a word's first.
func HasInnerUpper(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
