package githubtest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// The handlers below run with s.mu held (see routeRepo).

// listLabels is GET /repos/{o}/{r}/labels, paginated.
func (s *Server) listLabels(w http.ResponseWriter, req Request, r *repo) {
	from, to := s.pageBounds(w, req, len(r.labels))
	out := []labelJSON{}
	for _, l := range r.labels[from:to] {
		out = append(out, s.labelJSON(r, l))
	}
	writeConditional(w, req, out)
}

// createLabel is POST /repos/{o}/{r}/labels; it needs push access, and a
// name that exists in any case is a 422 already_exists, as on GitHub.
func (s *Server) createLabel(w http.ResponseWriter, req Request, r *repo) {
	var in struct {
		Name        string `json:"name"`
		Color       string `json:"color"`
		Description string `json:"description"`
	}
	if err := json.Unmarshal(req.Body, &in); err != nil {
		writeError(w, http.StatusBadRequest, "Problems parsing JSON")
		return
	}
	if !r.perms.Push || r.archived {
		writeError(w, http.StatusForbidden, "Resource not accessible by personal access token")
		return
	}
	if strings.TrimSpace(in.Name) == "" {
		writeValidation(w, FieldError{Resource: "Label", Field: "name", Code: "missing_field"})
		return
	}
	if r.findLabel(in.Name) != nil {
		writeValidation(w, FieldError{Resource: "Label", Field: "name", Code: "already_exists"})
		return
	}
	color := strings.TrimPrefix(in.Color, "#")
	if color == "" {
		color = "ededed"
	}
	l := r.addLabel(in.Name, color, in.Description)
	writeJSON(w, http.StatusCreated, s.labelJSON(r, l))
}
