package githubtest

import (
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
)

// searchIssues is GET /search/issues. It understands the parts of GitHub's
// query syntax that clients use to find an issue again: quoted phrases and
// bare words (matched as whole words, ignoring case and punctuation, as
// GitHub's tokenizer does), repo:, is:issue / is:pr / is:open / is:closed,
// state:, author:, label:, and in:title / in:body. It only sees what the
// lagging index holds.
func (s *Server) searchIssues(w http.ResponseWriter, req Request) {
	q := parseQuery(req.Query.Get("q"))
	if q.empty() {
		writeValidation(w, FieldError{Resource: "Search", Field: "q", Code: "missing"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	type hit struct {
		r  *repo
		is *issue
	}
	var hits []hit
	s.catchUpLocked(now)
	for _, r := range s.repos {
		if q.repo != "" && key(r.owner, r.name) != strings.ToLower(q.repo) {
			continue
		}
		for _, is := range r.issues {
			if is.indexed && q.matches(is) {
				hits = append(hits, hit{r, is})
			}
		}
	}
	// Best match is GitHub's default order; newest first stands in for it.
	slices.SortStableFunc(hits, func(a, b hit) int { return b.is.CreatedAt.Compare(a.is.CreatedAt) })
	from, to := s.pageBounds(w, req, len(hits))
	items := []issueJSON{}
	score := 1.0
	for _, h := range hits[from:to] {
		j := s.issueJSON(h.r, h.is)
		j.Score = &score
		items = append(items, j)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"total_count": len(hits), "incomplete_results": false, "items": items,
	})
}

// catchUpLocked indexes the issues created at least the search lag ago.
// Indexing is remembered, so that a later negative lag (a stalled index)
// keeps what was already searchable.
func (s *Server) catchUpLocked(now time.Time) {
	if s.searchLag < 0 {
		return
	}
	for _, r := range s.repos {
		for _, is := range r.issues {
			if !is.indexed && now.Sub(is.CreatedAt) >= s.searchLag {
				is.indexed = true
			}
		}
	}
}

type searchQuery struct {
	terms  []string // normalized phrases and words
	repo   string
	kind   string // "issue", "pr" or ""
	state  string
	author string
	labels []string
	in     []string // "title", "body"
}

func (q searchQuery) empty() bool {
	return len(q.terms) == 0 && q.repo == "" && q.author == "" && len(q.labels) == 0
}

func parseQuery(raw string) searchQuery {
	var q searchQuery
	for _, tok := range splitQuery(raw) {
		if strings.HasPrefix(tok, `"`) {
			if t := normalize(strings.Trim(tok, `"`)); t != "" {
				q.terms = append(q.terms, t)
			}
			continue
		}
		k, v, ok := strings.Cut(tok, ":")
		switch k = strings.ToLower(k); {
		case ok && k == "repo":
			q.repo = v
		case ok && k == "is" && (v == "issue" || v == "pr"):
			q.kind = v
		case ok && k == "is" && (v == "open" || v == "closed"):
			q.state = v
		case ok && k == "state":
			q.state = v
		case ok && k == "author":
			q.author = v
		case ok && k == "label":
			q.labels = append(q.labels, strings.Trim(v, `"`))
		case ok && k == "in":
			q.in = append(q.in, strings.Split(strings.ToLower(v), ",")...)
		default:
			if t := normalize(tok); t != "" {
				q.terms = append(q.terms, t)
			}
		}
	}
	return q
}

// splitQuery splits on spaces outside double quotes; a quoted phrase keeps
// its quotes so that parseQuery can tell it from a qualifier.
func splitQuery(raw string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range raw {
		switch {
		case r == '"':
			quoted = !quoted
			cur.WriteRune(r)
		case unicode.IsSpace(r) && !quoted:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

func (q searchQuery) matches(is *issue) bool {
	switch {
	case q.kind == "issue" && is.PullRequest, q.kind == "pr" && !is.PullRequest:
		return false
	case q.state != "" && is.State != q.state:
		return false
	case q.author != "" && !strings.EqualFold(q.author, is.User):
		return false
	case !hasLabels(is, q.labels):
		return false
	}
	var text string
	if len(q.in) == 0 || slices.Contains(q.in, "title") {
		text += " " + normalize(is.Title)
	}
	if len(q.in) == 0 || slices.Contains(q.in, "body") {
		text += " " + normalize(is.Body)
	}
	text += " "
	for _, t := range q.terms {
		if !strings.Contains(text, " "+t+" ") {
			return false
		}
	}
	return true
}

// normalize lower-cases s and turns every run of characters that are not
// letters or digits into one space, so that phrases match on word bounds.
func normalize(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
