// Package credential is the one table of credential formats: the secret
// detector (analyze/secret) reports what it finds with them and Redact hides
// what they match, so that whatever one recognises the other does too.
// Each format carries literal keywords, a prefilter in the manner of
// gitleaks: text that holds none of them cannot match, and a scanner may
// skip the regular expression.
package credential

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"slices"
	"strings"
)

// Pattern is a credential recognisable by its shape.
type Pattern struct {
	ID     string // in fingerprints: "aws-access-key"
	Name   string // for people: "AWS access key"
	Rotate string // how to revoke and replace it, as an imperative clause
	// Pattern matches the credential; when it has a group named "v" only
	// that group is the secret ("aws_secret_access_key = " is not).
	Pattern *lazyregexp.Regexp
	// Keywords are literals in lower case, one of which every match holds
	// whatever its case: see MayMatch.
	Keywords []string

	// through, when set, extends a match for redaction through its next
	// match, or to the end of the text when there is none: a private key
	// block runs from BEGIN to END, and an excerpt may cut it off.
	through *lazyregexp.Regexp
	// near, when set, must match within nearBytes of the secret: an
	// unnamed AWS secret key is one only beside an AWS key id.
	near *lazyregexp.Regexp
	// mixedCase asks for upper and lower case letters and something not
	// hex, which random base64 has and git hashes, digests and words lack.
	mixedCase bool
	// standalone refuses a match that base64 characters continue on
	// either side: a window of a longer run is not the credential.
	standalone bool
}

// nearBytes is how close a required neighbour must be: the same line of a
// CSV export, or the next field of a JSON object.
const nearBytes = 200

// MayMatch reports whether lower, a text in lower case, holds one of the
// keywords, without which the pattern cannot match. Lowering a line once
// and asking every pattern is what makes the prefilter cheap.
func (p *Pattern) MayMatch(lower string) bool {
	if len(p.Keywords) == 0 {
		return true
	}
	for _, k := range p.Keywords {
		if strings.Contains(lower, k) {
			return true
		}
	}
	return false
}

// FindAll returns where the secrets in s are, as [start, end) pairs: the
// "v" group when the pattern has one, else the whole match.
func (p *Pattern) FindAll(s string) [][2]int {
	if !p.MayMatch(strings.ToLower(s)) {
		return nil
	}
	return p.findAll(s)
}

// FindAllKnown is FindAll for a text already known to hold one of the
// keywords (a prefilter asked MayMatch's question of it, in one pass for
// every pattern): it does not lower the text again to ask.
func (p *Pattern) FindAllKnown(s string) [][2]int { return p.findAll(s) }

func (p *Pattern) findAll(s string) [][2]int {
	if len(s) <= longText || len(p.Keywords) == 0 || p.through != nil {
		return p.findIn(s, 0, len(s))
	}
	// A long line (minified code, embedded data) is read where a keyword
	// is: Go's regular expressions take time in proportion to the text, a
	// case-blind prefix gives them no literal to skip ahead to, and
	// gdamore/tcell's vendored ghostty-web.js, two lines of 64 KiB that
	// hold "aws" here and there, took 2.3 s of a 300-commit backfill in
	// the AWS secret key's pattern alone (round 109).
	var out [][2]int
	for _, w := range keywordWindows(s, p.Keywords, keywordReach+nearBytes) {
		out = append(out, p.findIn(s, w[0], w[1])...)
	}
	return out
}

// longText is the length past which findAll looks around the keywords
// rather than through the whole text.
const longText = 4 << 10

// keywordReach is how far a match may run from its keyword: a 255-byte
// token with its prefix and the assignment before it.
const keywordReach = 512

// keywordWindows are the spans of s within reach bytes of an occurrence of
// one of keywords (in lower case; s in any case), merged where they meet.
func keywordWindows(s string, keywords []string, reach int) [][2]int {
	lower := asciiLower(s)
	var spans [][2]int
	for _, k := range keywords {
		for from := 0; ; {
			i := strings.Index(lower[from:], k)
			if i < 0 {
				break
			}
			i += from
			spans = append(spans, [2]int{max(i-reach, 0), min(i+len(k)+reach, len(s))})
			from = i + max(len(k), 1)
		}
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var merged [][2]int
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], sp[1])
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// asciiLower lowers the ASCII letters of s alone, so that offsets in it
// are offsets in s (strings.ToLower may change a character's length).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// findIn is findAll over s[lo:hi], with the offsets and the checks around
// a match (accept) in s.
func (p *Pattern) findIn(s string, lo, hi int) [][2]int {
	v := p.Pattern.SubexpIndex("v")
	var out [][2]int
	for at := lo; at <= hi; {
		m := p.Pattern.FindStringSubmatchIndex(s[at:hi])
		if m == nil {
			break
		}
		start, end := at+m[0], at+m[1]
		if v > 0 && m[2*v] >= 0 {
			start, end = at+m[2*v], at+m[2*v+1]
		}
		if p.accept(s, start, end) {
			out = append(out, [2]int{start, end})
			at += max(m[1], 1)
			continue
		}
		// Refused: look again from the next character, since a match
		// that consumed a boundary may hide one that starts inside it.
		at += max(m[0]+1, 1)
	}
	return out
}

func (p *Pattern) accept(s string, start, end int) bool {
	if p.standalone && (start > 0 && isBase64(s[start-1]) || end < len(s) && isBase64(s[end])) {
		return false
	}
	if p.mixedCase && !mixedCase(s[start:end]) {
		return false
	}
	if p.near != nil {
		lo, hi := max(start-nearBytes, 0), min(end+nearBytes, len(s))
		if !p.near.MatchString(s[lo:start]) && !p.near.MatchString(s[end:hi]) {
			return false
		}
	}
	return true
}

// mixedCase reports upper and lower case letters together, which a hex
// string (a git hash, a SHA-1 digest) never has.
func mixedCase(v string) bool {
	var upper, lower bool
	for i := 0; i < len(v); i++ {
		c := v[i]
		upper = upper || c >= 'A' && c <= 'Z'
		lower = lower || c >= 'a' && c <= 'z'
	}
	return upper && lower
}

func isBase64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
}
