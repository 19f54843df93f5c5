package secret

import (
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/analyze"
)

// The detector runs on every changed line of every commit, and most lines
// hold no credential: a backfill spent most of its time in the regular
// expressions below until they ran only on the lines that could match.
// Like gitleaks, the prefilter looks for literal keywords first: each
// format's (credential.Pattern.Keywords, whose match always holds one of
// them in lower case) and the words a secret-sounding name must contain.
// One pass over a line says which keywords it holds; a format is tried
// only when one of its own is there, the assignment pattern only when a
// name word is. The result is the same as trying everything, only faster:
// FuzzPrefilterKeepsEverySecret holds it to that.

// assignKeywords are what any name isSecretName accepts holds, in lower
// case: "pass" (password, passwd, passphrase), "secret", "token",
// "credential" (and credentials), and "key" (apikey and every pair of
// secretNamePair). The name is ASCII (credential.Assignments), so its words are
// substrings of the lower-cased line.
var assignKeywords = []string{"pass", "secret", "token", "credential", "key"}

// mayBeSecretName reports whether an assigned name holds one of
// assignKeywords, without which isSecretName cannot accept it: splitting
// the name into words costs more than this look. Names are ASCII
// (credential.Assignments); any other may be one (the Kelvin sign lowers
// to k).
func mayBeSecretName(name string) bool {
	if !isASCII(name) {
		return true
	}
	for i := 0; i < len(name); i++ {
		for _, w := range assignKeywords {
			if hasPrefixFold(name[i:], w) {
				return true
			}
		}
	}
	return false
}

// keywordSet finds which of up to 64 keywords (lower case ASCII) a text
// holds, ignoring case, in one pass.
type keywordSet struct {
	words []string
	// first holds, for each byte, a bit per keyword that starts with it
	// in either case: most bytes of a line start none, and cost one load.
	first [256]uint64
	// second holds, for each byte, a bit per keyword whose second byte it
	// is in either case, and every one-byte keyword's: a letter that
	// starts a keyword is common ("s" of "sk-", "p" of "private key"),
	// and the pair of bytes rules out most of them before a comparison.
	second [256]uint64
	// single are the one-byte keywords, all a line's last byte may start.
	single uint64
}

// newKeywordSet returns nil when the words do not fit (more than 64, or
// one not lower-case ASCII): the caller then filters nothing.
func newKeywordSet(words []string) *keywordSet {
	if len(words) > 64 {
		return nil
	}
	k := &keywordSet{words: words}
	for i, w := range words {
		if w == "" || w != strings.ToLower(w) || !isASCII(w) {
			return nil
		}
		k.first[w[0]] |= 1 << i
		k.first[upperASCII(w[0])] |= 1 << i
		if len(w) == 1 {
			k.single |= 1 << i
			for b := range k.second {
				k.second[b] |= 1 << i
			}
			continue
		}
		k.second[w[1]] |= 1 << i
		k.second[upperASCII(w[1])] |= 1 << i
	}
	return k
}

// scan returns a bit per keyword the text holds, compared as
// strings.ToLower(s) would be: the keywords' own check (credential's
// MayMatch) lowers the text that way, and a few non-ASCII letters lower
// to ASCII ones (the Kelvin sign to k).
func (k *keywordSet) scan(s string) uint64 {
	if !isASCII(s) {
		s = strings.ToLower(s)
	}
	var found uint64
	for i := 0; i < len(s); i++ {
		// The keywords that start here and are not found yet.
		m := k.first[s[i]] &^ found
		if m == 0 {
			continue
		}
		if i+1 < len(s) {
			m &= k.second[s[i+1]]
		} else {
			m &= k.single
		}
		for ; m != 0; m &= m - 1 {
			w := bits.TrailingZeros64(m)
			if hasPrefixFold(s[i:], k.words[w]) {
				found |= 1 << w
			}
		}
	}
	return found
}

// hasPrefixFold reports whether s starts with word (lower-case ASCII),
// ignoring the case of s's ASCII letters.
func hasPrefixFold(s, word string) bool {
	if len(s) < len(word) {
		return false
	}
	for j := 0; j < len(word); j++ {
		if lowerASCII(s[j]) != word[j] {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// prefilter says which patterns are worth trying on a line.
type prefilter struct {
	set *keywordSet
	// formats holds each format's keyword bits, by index in the table the
	// prefilter was built for; 0 for a format without keywords, which is
	// always tried.
	formats []uint64
	assign  uint64
	// always is set when some format has no keywords: no line can be
	// skipped outright.
	always bool
}

// newPrefilter builds the prefilter for a table of formats; nil (which
// filters nothing) when their keywords do not fit a keywordSet.
func newPrefilter(formats []Format) *prefilter {
	var words []string
	index := map[string]int{}
	bit := func(w string) uint64 {
		i, ok := index[w]
		if !ok {
			i = len(words)
			index[w] = i
			words = append(words, w)
		}
		return 1 << i
	}
	p := &prefilter{formats: make([]uint64, len(formats))}
	for i := range formats {
		for _, w := range formats[i].Keywords {
			p.formats[i] |= bit(w)
		}
		if p.formats[i] == 0 {
			p.always = true
		}
	}
	for _, w := range assignKeywords {
		p.assign |= bit(w)
	}
	if p.set = newKeywordSet(words); p.set == nil {
		return nil // keywords that do not fit: every pattern on every line
	}
	return p
}

// lineFilter is what one line may hold; the zero value (from a nil
// prefilter) lets every pattern be tried.
type lineFilter struct {
	p    *prefilter
	bits uint64
}

func (p *prefilter) line(s string) lineFilter {
	if p == nil {
		return lineFilter{}
	}
	return lineFilter{p: p, bits: p.set.scan(s)}
}

// none reports that no pattern can match the line.
func (l lineFilter) none() bool { return l.p != nil && l.bits == 0 && !l.p.always }

// format reports whether format k of the table may match.
func (l lineFilter) format(k int) bool {
	return l.p == nil || l.p.formats[k] == 0 || l.bits&l.p.formats[k] != 0
}

// assignment reports whether a secret-sounding name may be on the line.
func (l lineFilter) assignment() bool { return l.p == nil || l.bits&l.p.assign != 0 }

// sideFilters is the filter of each line of one side of a hunk, in the
// order of analyze.SideOfHunk (a context line's is never asked for), and
// whether a changed line may hold a secret at all: a hunk where none does
// is not worth splitting into sides. Each line is scanned once, here.
func (p *prefilter) sideFilters(h analyze.Hunk, side analyze.LineKind) ([]lineFilter, bool) {
	var out []lineFilter
	for i, l := range h.Lines {
		if l.Kind != side {
			continue
		}
		lf := p.line(l.Text)
		if lf.none() {
			continue
		}
		// The first line worth it: from here on, keep every line's filter.
		out = make([]lineFilter, 0, len(h.Lines))
		for _, l := range h.Lines[:i] {
			if l.Kind == analyze.Context || l.Kind == side {
				out = append(out, lineFilter{p: p}) // what p.line gave a changed one: no bits
			}
		}
		out = append(out, lf)
		for _, l := range h.Lines[i+1:] {
			switch l.Kind {
			case analyze.Context:
				out = append(out, lineFilter{p: p})
			case side:
				out = append(out, p.line(l.Text))
			}
		}
		return out, true
	}
	return nil, false
}
