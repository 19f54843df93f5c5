package githubtest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Request is one request the server received.
type Request struct {
	Method string
	Path   string // without the query and without an /api/v3 prefix
	Query  url.Values
	Header http.Header
	Body   []byte
}

// Route is "METHOD /path", as Fail and RequestsTo take it.
func (r Request) Route() string { return r.Method + " " + r.Path }

// Decode decodes the JSON body into v.
func (r Request) Decode(v any) error { return json.Unmarshal(r.Body, v) }

// Rate limits GitHub gives an authenticated user, per hour for core and per
// minute for search.
const (
	coreLimit   = 5000
	searchLimit = 30
)

const msgIssuesDisabled = "Issues are disabled for this repo"

// The JSON shapes below follow GitHub's REST API documentation, field names
// and all; they are not go-github's types, so that the fake checks the
// client against the wire format rather than against itself.

type userJSON struct {
	Login   string `json:"login"`
	ID      int64  `json:"id"`
	NodeID  string `json:"node_id"`
	Type    string `json:"type"`
	HTMLURL string `json:"html_url"`
}

type labelJSON struct {
	ID          int64  `json:"id"`
	NodeID      string `json:"node_id"`
	URL         string `json:"url"`
	Name        string `json:"name"`
	Color       string `json:"color"`
	Description string `json:"description"`
	Default     bool   `json:"default"`
}

type issueJSON struct {
	ID            int64       `json:"id"`
	NodeID        string      `json:"node_id"`
	URL           string      `json:"url"`
	RepositoryURL string      `json:"repository_url"`
	HTMLURL       string      `json:"html_url"`
	Number        int         `json:"number"`
	State         string      `json:"state"`
	StateReason   *string     `json:"state_reason"`
	Title         string      `json:"title"`
	Body          string      `json:"body"`
	User          userJSON    `json:"user"`
	Labels        []labelJSON `json:"labels"`
	Assignees     []userJSON  `json:"assignees"`
	Locked        bool        `json:"locked"`
	Comments      int         `json:"comments"`
	PullRequest   *prLinks    `json:"pull_request,omitempty"`
	CreatedAt     string      `json:"created_at"`
	UpdatedAt     string      `json:"updated_at"`
	ClosedAt      *string     `json:"closed_at"`
	Score         *float64    `json:"score,omitempty"` // search results only
}

type prLinks struct {
	URL     string `json:"url"`
	HTMLURL string `json:"html_url"`
}

type commentJSON struct {
	ID        int64    `json:"id"`
	NodeID    string   `json:"node_id"`
	HTMLURL   string   `json:"html_url"`
	Body      string   `json:"body"`
	User      userJSON `json:"user"`
	CreatedAt string   `json:"created_at"`
	UpdatedAt string   `json:"updated_at"`
}

type repoJSON struct {
	ID          int64           `json:"id"`
	NodeID      string          `json:"node_id"`
	Name        string          `json:"name"`
	FullName    string          `json:"full_name"`
	Owner       userJSON        `json:"owner"`
	Private     bool            `json:"private"`
	Visibility  string          `json:"visibility"`
	HTMLURL     string          `json:"html_url"`
	HasIssues   bool            `json:"has_issues"`
	Archived    bool            `json:"archived"`
	Permissions permissionsJSON `json:"permissions"`
}

type permissionsJSON struct {
	Admin    bool `json:"admin"`
	Maintain bool `json:"maintain"`
	Push     bool `json:"push"`
	Triage   bool `json:"triage"`
	Pull     bool `json:"pull"`
}

type errorJSON struct {
	Message          string       `json:"message"`
	Errors           []FieldError `json:"errors,omitempty"`
	DocumentationURL string       `json:"documentation_url,omitempty"`
	Status           string       `json:"status"`
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (s *Server) userJSON(login string) userJSON {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(login)))
	id := int64(h.Sum32()) // stable per login, as a user's id is
	return userJSON{Login: login, ID: id, NodeID: fmt.Sprintf("U_%d", id), Type: "User", HTMLURL: "https://github.com/" + login}
}

func (s *Server) labelJSON(r *repo, l *label) labelJSON {
	return labelJSON{
		ID: l.id, NodeID: fmt.Sprintf("LA_%d", l.id), Name: l.name, Color: l.color, Description: l.description,
		URL: fmt.Sprintf("%srepos/%s/%s/labels/%s", s.URL(), r.owner, r.name, url.PathEscape(l.name)),
	}
}

func (s *Server) issueJSON(r *repo, is *issue) issueJSON {
	api := fmt.Sprintf("%srepos/%s/%s", s.URL(), r.owner, r.name)
	j := issueJSON{
		ID: is.id, NodeID: fmt.Sprintf("I_%d", is.id), Number: is.Number,
		URL: fmt.Sprintf("%s/issues/%d", api, is.Number), RepositoryURL: api, HTMLURL: is.HTMLURL,
		State: is.State, Title: is.Title, Body: is.Body, User: s.userJSON(is.User),
		Labels: []labelJSON{}, Assignees: []userJSON{}, Comments: len(is.Comments),
		CreatedAt: stamp(is.CreatedAt), UpdatedAt: stamp(is.UpdatedAt),
	}
	if is.StateReason != "" {
		j.StateReason = &is.StateReason
	}
	if !is.ClosedAt.IsZero() {
		c := stamp(is.ClosedAt)
		j.ClosedAt = &c
	}
	for _, name := range is.Labels {
		if l := r.findLabel(name); l != nil {
			j.Labels = append(j.Labels, s.labelJSON(r, l))
		}
	}
	if is.PullRequest {
		j.PullRequest = &prLinks{URL: fmt.Sprintf("%s/pulls/%d", api, is.Number), HTMLURL: is.HTMLURL}
	}
	return j
}

func (s *Server) repoJSON(r *repo) repoJSON {
	vis := "public"
	if r.private {
		vis = "private"
	}
	return repoJSON{
		ID: r.id, NodeID: fmt.Sprintf("R_%d", r.id), Name: r.name, FullName: r.owner + "/" + r.name,
		Owner: s.userJSON(r.owner), Private: r.private, Visibility: vis,
		HTMLURL:   "https://github.com/" + r.owner + "/" + r.name,
		HasIssues: r.hasIssues, Archived: r.archived,
		Permissions: permissionsJSON(r.perms),
	}
}

// writeJSON sends v with status; the rate-limit headers are already set.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client went away: nothing to do
}

// writeError sends GitHub's error body shape.
func writeError(w http.ResponseWriter, status int, message string, errs ...FieldError) {
	writeJSON(w, status, errorJSON{Message: message, Errors: errs, DocumentationURL: docsRest, Status: strconv.Itoa(status)})
}

// writeFailure sends an injected failure.
func writeFailure(w http.ResponseWriter, f Failure) {
	for k, vs := range f.Header {
		w.Header()[k] = vs
	}
	if f.HTML != "" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte(f.HTML))
		return
	}
	writeJSON(w, f.Status, errorJSON{Message: f.Message, Errors: f.Errors, DocumentationURL: f.DocumentationURL, Status: strconv.Itoa(f.Status)})
}
