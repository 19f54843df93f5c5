package draft

import (
	"math"
	"strings"
	"unicode"
)

// Thresholds above which a new draft is taken for a duplicate of an
// existing issue. Embeddings see through rewording, so they can ask for
// more; word overlap is cruder and must settle for less.
const (
	DuplicateCosine = 0.92
	DuplicateWords  = 0.6
)

// Candidate is an existing issue or draft a new one may duplicate.
type Candidate struct {
	ID        uint64
	Title     string
	Body      string
	Embedding []float32
}

// FindDuplicate returns the existing issue the new one most resembles, if
// it resembles it enough. With embeddings of the same size on both sides
// it compares them by cosine; otherwise by word similarity, 0.6 of it from
// the titles and 0.4 from the bodies, since titles say what an issue is
// about and bodies share boilerplate. Footers and markers are left out of
// the bodies: they always differ. When nothing is close enough, id is 0
// and score is the best seen, for logging.
func FindDuplicate(title, body string, emb []float32, existing []Candidate) (id uint64, score float64, ok bool) {
	body = comparableBody(body)
	var bestSeen float64
	for _, c := range existing {
		var s, threshold float64
		if len(emb) > 0 && len(emb) == len(c.Embedding) {
			s, threshold = Cosine(emb, c.Embedding), DuplicateCosine
		} else {
			s, threshold = textSimilarity(title, body, c.Title, comparableBody(c.Body)), DuplicateWords
		}
		bestSeen = max(bestSeen, s)
		if s >= threshold && (!ok || s > score) {
			id, score, ok = c.ID, s, true
		}
	}
	if !ok {
		return 0, bestSeen, false
	}
	return id, score, true
}

// textSimilarity weighs titles over bodies; two empty bodies leave the
// titles to decide alone.
func textSimilarity(titleA, bodyA, titleB, bodyB string) float64 {
	t := WordSimilarity(titleA, titleB)
	if len(wordSet(bodyA)) == 0 && len(wordSet(bodyB)) == 0 {
		return t
	}
	return 0.6*t + 0.4*WordSimilarity(bodyA, bodyB)
}

// comparableBody drops what every draft has and no two share: the footer
// from its "---" rule on, the marker, the section headings and checkboxes.
func comparableBody(body string) string {
	var keep []string
	for _, line := range strings.Split(body, "\n") {
		t := strings.TrimSpace(line)
		if t == "---" {
			break
		}
		if strings.HasPrefix(t, "#") && strings.HasPrefix(strings.TrimLeft(t, "#"), " ") {
			continue
		}
		if i := strings.Index(line, "<!--"); i >= 0 {
			line = line[:i]
		}
		keep = append(keep, strings.Replace(line, "[ ]", "", 1))
	}
	return strings.Join(keep, "\n")
}

// WordSimilarity is the Jaccard index of the two texts' word sets: lower
// case, markdown punctuation and stop words dropped, plurals and -ing/-ed
// folded, so that "Retry uploads" and "retrying the upload" meet. 0 when
// either text has no words.
func WordSimilarity(a, b string) float64 {
	sa, sb := wordSet(a), wordSet(b)
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	inter := 0
	for w := range sa {
		if sb[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

// Cosine is the cosine similarity of two vectors, 0 when they differ in
// length or either is zero.
func Cosine(a, b []float32) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	var dot, na, nb float64
	for i := range a {
		x, y := float64(a[i]), float64(b[i])
		dot += x * y
		na += x * x
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / (math.Sqrt(na) * math.Sqrt(nb))
}

func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for _, w := range words {
		if len(w) < 2 || stopWords[w] {
			continue
		}
		set[stem(w)] = true
	}
	return set
}

// stem folds the commonest English endings; crude, but enough that a
// reworded issue still shares its words.
func stem(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		return w[:len(w)-3]
	case len(w) > 4 && strings.HasSuffix(w, "ed"):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}

var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "of": true,
	"to": true, "in": true, "on": true, "at": true, "by": true, "for": true, "with": true,
	"from": true, "into": true, "is": true, "are": true, "was": true, "were": true, "be": true,
	"been": true, "it": true, "its": true, "this": true, "that": true, "these": true,
	"those": true, "as": true, "if": true, "so": true, "not": true, "no": true, "do": true,
	"does": true, "when": true, "then": true, "than": true, "there": true, "here": true,
	"we": true, "you": true, "they": true, "which": true, "what": true, "why": true,
	"how": true, "can": true, "will": true, "should": true, "would": true, "could": true,
	"has": true, "have": true, "had": true, "all": true, "any": true, "each": true,
	"one": true, "only": true, "also": true, "now": true, "once": true, "still": true,
}

// ComparableText is the part of a draft worth comparing or embedding: the
// title and the body without its footer, marker and headings, which every
// draft has and which would make any two look alike (or, with their
// different links, unlike).
func ComparableText(title, body string) string {
	return title + "\n" + comparableBody(body)
}
