package githubtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// maxBody is GitHub's limit on an issue body, in characters.
const maxBody = 65536

// The handlers below run with s.mu held (see routeRepo).

// listIssues is GET /repos/{o}/{r}/issues: filters state (default open),
// creator, labels and since (updated at or after), sorts by created (default),
// updated or comments, desc by default, paginates, and answers conditional
// requests. Pull requests are listed too, as on GitHub.
func (s *Server) listIssues(w http.ResponseWriter, req Request, r *repo) {
	q := req.Query
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	var since time.Time
	if v := q.Get("since"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			writeValidation(w, FieldError{Resource: "Issue", Field: "since", Code: "invalid", Value: v})
			return
		}
		since = t
	}
	var wantLabels []string
	if v := q.Get("labels"); v != "" {
		wantLabels = strings.Split(v, ",")
	}
	var picked []*issue
	for _, is := range r.issues {
		switch {
		case state != "all" && is.State != state:
		case q.Get("creator") != "" && !strings.EqualFold(q.Get("creator"), is.User):
		case !since.IsZero() && is.UpdatedAt.Before(since):
		case !hasLabels(is, wantLabels):
		default:
			picked = append(picked, is)
		}
	}
	sortIssues(picked, q.Get("sort"), q.Get("direction"))
	from, to := s.pageBounds(w, req, len(picked))
	out := []issueJSON{}
	for _, is := range picked[from:to] {
		out = append(out, s.issueJSON(r, is))
	}
	writeConditional(w, req, out)
}

func hasLabels(is *issue, want []string) bool {
	for _, w := range want {
		if !slices.ContainsFunc(is.Labels, func(l string) bool { return strings.EqualFold(l, strings.TrimSpace(w)) }) {
			return false
		}
	}
	return true
}

func sortIssues(list []*issue, by, direction string) {
	less := func(a, b *issue) int {
		switch by {
		case "updated":
			return a.UpdatedAt.Compare(b.UpdatedAt)
		case "comments":
			return len(a.Comments) - len(b.Comments)
		default:
			return a.CreatedAt.Compare(b.CreatedAt)
		}
	}
	slices.SortStableFunc(list, func(a, b *issue) int {
		c := less(a, b)
		if c == 0 {
			c = a.Number - b.Number
		}
		if direction != "asc" {
			c = -c
		}
		return c
	})
}

type issueRequest struct {
	Title       *string   `json:"title"`
	Body        *string   `json:"body"`
	Labels      *[]string `json:"labels"`
	State       *string   `json:"state"`
	StateReason *string   `json:"state_reason"`
}

// createIssue is POST /repos/{o}/{r}/issues. As on GitHub, labels from a
// user without push (or triage) access are dropped silently; an unknown
// label is a 422 unless the repository was made WithAutoCreateLabels.
func (s *Server) createIssue(w http.ResponseWriter, req Request, r *repo, u *user) {
	var in issueRequest
	if err := json.Unmarshal(req.Body, &in); err != nil {
		writeError(w, http.StatusBadRequest, "Problems parsing JSON")
		return
	}
	if r.archived {
		writeError(w, http.StatusForbidden, "Repository was archived so is read-only.")
		return
	}
	if in.Title == nil || strings.TrimSpace(*in.Title) == "" {
		writeValidation(w, FieldError{Resource: "Issue", Field: "title", Code: "missing_field"})
		return
	}
	body := ""
	if in.Body != nil {
		body = *in.Body
	}
	if utf8.RuneCountInString(body) > maxBody {
		writeValidation(w, FieldError{Resource: "Issue", Field: "body", Code: "custom",
			Message: fmt.Sprintf("body is too long (maximum is %d characters)", maxBody)})
		return
	}
	var labels []string
	if in.Labels != nil && (r.perms.Push || r.perms.Triage) {
		var invalid []FieldError
		for _, name := range *in.Labels {
			l := r.findLabel(name)
			switch {
			case l != nil:
				labels = append(labels, l.name)
			case r.autoLabels:
				labels = append(labels, r.addLabel(name, "ededed", "").name)
			default:
				invalid = append(invalid, FieldError{Resource: "Label", Field: "name", Code: "invalid", Value: name})
			}
		}
		if len(invalid) > 0 {
			writeValidation(w, invalid...)
			return
		}
	}
	now := s.now()
	is := r.add(Issue{Title: *in.Title, Body: body, Labels: labels, User: u.login, CreatedAt: now})
	j := s.issueJSON(r, is)
	w.Header().Set("Location", j.URL)
	writeJSON(w, http.StatusCreated, j)
}

// editIssue is PATCH /repos/{o}/{r}/issues/{n}: the author or someone with
// triage access may change title, body, labels and state.
func (s *Server) editIssue(w http.ResponseWriter, req Request, r *repo, u *user, is *issue) {
	var in issueRequest
	if err := json.Unmarshal(req.Body, &in); err != nil {
		writeError(w, http.StatusBadRequest, "Problems parsing JSON")
		return
	}
	if !(r.perms.Push || r.perms.Triage || strings.EqualFold(is.User, u.login)) || r.archived {
		writeError(w, http.StatusForbidden, "Resource not accessible by personal access token")
		return
	}
	now := s.now()
	if in.State != nil {
		switch *in.State {
		case "closed":
			if is.State != "closed" {
				is.ClosedAt = now
			}
			is.State, is.StateReason = "closed", "completed"
		case "open":
			if is.State != "open" {
				is.StateReason = "reopened"
			}
			is.State, is.ClosedAt = "open", time.Time{}
		default:
			writeValidation(w, FieldError{Resource: "Issue", Field: "state", Code: "invalid", Value: *in.State})
			return
		}
	}
	if in.StateReason != nil && is.State == "closed" {
		is.StateReason = *in.StateReason
	}
	if in.Title != nil {
		is.Title = *in.Title
	}
	if in.Body != nil {
		is.Body = *in.Body
	}
	if in.Labels != nil {
		is.Labels = nil
		for _, name := range *in.Labels {
			if l := r.findLabel(name); l != nil {
				is.Labels = append(is.Labels, l.name)
			}
		}
	}
	is.UpdatedAt = now
	writeJSON(w, http.StatusOK, s.issueJSON(r, is))
}

func (s *Server) listComments(w http.ResponseWriter, r *repo, is *issue) {
	out := []commentJSON{}
	for _, c := range is.Comments {
		out = append(out, s.commentJSON(is, c))
	}
	writeJSON(w, http.StatusOK, out)
}

// createComment is POST /repos/{o}/{r}/issues/{n}/comments.
func (s *Server) createComment(w http.ResponseWriter, req Request, r *repo, u *user, is *issue) {
	var in struct {
		Body *string `json:"body"`
	}
	if err := json.Unmarshal(req.Body, &in); err != nil {
		writeError(w, http.StatusBadRequest, "Problems parsing JSON")
		return
	}
	if r.archived {
		writeError(w, http.StatusForbidden, "Repository was archived so is read-only.")
		return
	}
	if in.Body == nil || strings.TrimSpace(*in.Body) == "" {
		writeValidation(w, FieldError{Resource: "IssueComment", Field: "body", Code: "missing_field"})
		return
	}
	now := s.now()
	c := Comment{ID: s.newIDLocked(), Body: *in.Body, User: u.login, CreatedAt: now}
	is.Comments = append(is.Comments, c)
	is.UpdatedAt = now
	writeJSON(w, http.StatusCreated, s.commentJSON(is, c))
}

func (s *Server) commentJSON(is *issue, c Comment) commentJSON {
	return commentJSON{
		ID: c.ID, NodeID: fmt.Sprintf("IC_%d", c.ID), Body: c.Body, User: s.userJSON(c.User),
		HTMLURL:   fmt.Sprintf("%s#issuecomment-%d", is.HTMLURL, c.ID),
		CreatedAt: stamp(c.CreatedAt), UpdatedAt: stamp(c.CreatedAt),
	}
}

func writeValidation(w http.ResponseWriter, errs ...FieldError) {
	writeJSON(w, http.StatusUnprocessableEntity, errorJSON{
		Message: "Validation Failed", Errors: errs, Status: "422",
		DocumentationURL: "https://docs.github.com/rest/issues/issues#create-an-issue",
	})
}
