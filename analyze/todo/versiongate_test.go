package todo

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestVersionGateNeverHidesAMatch: mayWaitForVersion answers no only where
// waitsForVersion cannot match. Notes are built at random from the words
// the expression's alternatives are made of, in any case, with digits,
// punctuation and a few letters a case-blind match folds onto ASCII.
func TestVersionGateNeverHidesAMatch(t *testing.T) {
	words := strings.Fields(`when once after until we can drop dropping support for python node node.js go rust java jdk
		MSRV deprecate deprecating remove removing in with before at the a next further future later major breaking release
		version cannot can't impossible not possible without is gets has been dropped removed no longer supported feature
		are become becomes stable stabilized stabilised this that api they it these those out released published available
		shipped updated bumped raised least gotten comes Vite ESLint 3 1.22 v2 5.0 >= > < 18 x. ; : ) ( - K ſ é`)
	// Whole phrases of the alternatives too, so that the longer ones come up.
	words = append(words, "no longer supported", "support is dropped", "support has been removed", "drop support for",
		"we can drop", "32 bit support", "go version is updated", "rust version gets bumped", "at least", "when we drop",
		"is stable", "becomes stable", "are stabilized", "in the next major", "without breaking", "java version is raised", "once python >=", "when Python>")
	r := rand.New(rand.NewPCG(9, 9))
	gated, matched := 0, 0
	for range 100000 {
		var b strings.Builder
		for n := 1 + r.IntN(9); n > 0; n-- {
			w := words[r.IntN(len(words))]
			switch r.IntN(3) {
			case 0:
				w = strings.ToUpper(w)
			case 1:
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			b.WriteString([]string{" ", " ", " ", "  ", "\n", ". "}[r.IntN(6)])
		}
		s := b.String()
		m := waitsForVersion.MatchString(s)
		if got := waitsForVersionIn(s); got != m {
			t.Fatalf("waitsForVersionIn(%q) = %v, waitsForVersion says %v", s, got, m)
		}
		if !mayWaitForVersion(s) {
			gated++
			if m {
				t.Fatalf("mayWaitForVersion(%q) = false, but waitsForVersion matches it", s)
			}
		}
		if m {
			matched++
		}
	}
	// The check is only worth something if both answers came up often.
	if gated < 1000 || matched < 1000 {
		t.Fatalf("gated %d, matched %d of the notes: the words no longer exercise both sides", gated, matched)
	}
}

// TestVersionWaysSplit: the two expressions hold every alternative, the
// one asked after a word those that start with it.
func TestVersionWaysSplit(t *testing.T) {
	after, other := waysAfterWord(true), waysAfterWord(false)
	if len(after)+len(other) != len(versionWays) || len(after) < 10 || len(other) < 5 {
		t.Fatalf("%d alternatives after a word and %d others, of %d", len(after), len(other), len(versionWays))
	}
}

func TestVersionGate(t *testing.T) {
	for _, tt := range []struct {
		note string
		may  bool
	}{
		{"move to typing when Python >= 3.13", true},
		{"when MSRV is updated", true},
		{"Remove in the next major version", true},
		{"Once feature(exhaustive_patterns) is stable", true},
		{"when the api becomes ſtable", true}, // folds onto "stable"
		{"handle the error properly", false},
		{"refactor this once we know more", false},
	} {
		if got := mayWaitForVersion(tt.note); got != tt.may {
			t.Errorf("mayWaitForVersion(%q) = %v, want %v", tt.note, got, tt.may)
		}
	}
}
