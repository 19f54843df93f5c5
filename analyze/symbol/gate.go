package symbol

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"
)

// The definition patterns run on every line of every scan, whole files
// included, and most lines define nothing. Each pattern spells out a word
// (fn, class, export, ...) that no line can match it without: looking for
// the word first, as gitleaks looks for keywords, skips the pattern on
// almost every line at the cost of a substring search.
// TestGatedPatternsNeedTheirWords holds each pattern to its words.

// gatedRE is a regular expression with the words one of which every match
// holds.
type gatedRE struct {
	re    *lazyregexp.Regexp
	words []string
}

// gatedPatterns lists every gatedRE, for the test; filled as the package's
// variables are initialised, never changed after.
var gatedPatterns []*gatedRE

// gated compiles expr; every text it matches holds one of words.
func gated(expr string, words ...string) *gatedRE {
	g := &gatedRE{re: lazyregexp.New(expr), words: words}
	gatedPatterns = append(gatedPatterns, g)
	return g
}

// may reports whether text holds one of the words: false means the
// pattern cannot match it.
func (g *gatedRE) may(text string) bool {
	for _, w := range g.words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// FindStringSubmatch is the pattern's, nil without one of the words.
func (g *gatedRE) FindStringSubmatch(text string) []string {
	if !g.may(text) {
		return nil
	}
	return g.re.FindStringSubmatch(text)
}

// MatchString is the pattern's, false without one of the words.
func (g *gatedRE) MatchString(text string) bool {
	return g.may(text) && g.re.MatchString(text)
}
