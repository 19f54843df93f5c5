package draft

import (
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

// Compose makes the final issue from a validated reply. The model wrote
// the title and the words of the body; the footer (permalinks, commit,
// excerpt, marker) comes from Footer, so the facts are never the model's.
// The body is neutralised once more, so that even a reply that slipped an
// @mention or a #123 past validation can ping no one and link nothing.
//
// Labels are the reply's, deduplicated, then the finding's own (from the
// configured word labels and the comment's "labels:" line) that are not
// already there: the person who wrote the TODO asked for those. A finding's
// kind label is left out when the reply already chose one, since a draft
// carries at most one kind label.
func Compose(t ghrepo.Repo, f store.Finding, r Reply) Issue {
	body := strings.TrimSpace(Neutralize(r.Body)) + "\n\n" + Footer(t, f)
	return Issue{Title: r.Title, Body: body, Labels: composeLabels(r.Labels, f.Labels)}
}

// composeLabels is first, then those of more not in it (ignoring case), once
// each, with no second kind label.
func composeLabels(first, more []string) []string {
	out := []string{}
	seen := map[string]bool{}
	hasKind := false
	add := func(l string, fromFinding bool) {
		l = strings.TrimSpace(l)
		key := strings.ToLower(l)
		if l == "" || seen[key] {
			return
		}
		kind := slices.Contains(KindLabels(), key)
		if kind && hasKind && fromFinding {
			return
		}
		seen[key] = true
		hasKind = hasKind || kind
		out = append(out, l)
	}
	for _, l := range first {
		add(l, false)
	}
	for _, l := range more {
		add(l, true)
	}
	return out
}
