package githubtest

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// handler records the request, answers an injected failure if one waits
// for its route, checks the token and routes as GitHub's API does.
// Anything unknown gets GitHub's JSON 404.
func (s *Server) handler() http.Handler {
	return http.HandlerFunc(func(hw http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(hw, err.Error(), http.StatusBadRequest)
			return
		}
		path := r.URL.Path
		if rest, ok := strings.CutPrefix(path, "/api/v3/"); ok { // GitHub Enterprise Server's layout
			path = "/" + rest
		}
		req := Request{Method: r.Method, Path: path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body}
		s.mu.Lock()
		s.requests = append(s.requests, req)
		now := s.now()
		s.mu.Unlock()

		resource := "core"
		if strings.HasPrefix(path, "/search/") {
			resource = "search"
		}
		w := &rateWriter{ResponseWriter: hw, s: s, resource: resource, now: now}
		w.Header().Set("Date", now.UTC().Format(http.TimeFormat))
		w.Header().Set("X-GitHub-Media-Type", "github.v3; format=json")

		if f, ok := s.takeFailure(req.Route()); ok {
			writeFailure(w, f)
			return
		}
		u, ok := s.authenticate(w, r)
		if !ok {
			return
		}
		s.route(w, req, u)
	})
}

// authenticate accepts "Authorization: Bearer TOKEN" (what go-github sends)
// and "token TOKEN" (the older form) and answers 401 otherwise, with
// GitHub's messages.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (*user, bool) {
	auth := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		token, ok = strings.CutPrefix(auth, "token ")
	}
	if !ok || token == "" {
		writeError(w, http.StatusUnauthorized, "Requires authentication")
		return nil, false
	}
	s.mu.Lock()
	u := s.users[token]
	s.mu.Unlock()
	if u == nil {
		writeError(w, http.StatusUnauthorized, "Bad credentials")
		return nil, false
	}
	if u.classic {
		w.Header().Set("X-OAuth-Scopes", strings.Join(u.scopes, ", "))
	}
	return u, true
}

func (s *Server) route(w http.ResponseWriter, req Request, u *user) {
	parts := strings.Split(strings.Trim(req.Path, "/"), "/")
	m := req.Method
	switch {
	case len(parts) == 1 && parts[0] == "user" && m == http.MethodGet:
		writeJSON(w, http.StatusOK, s.userJSON(u.login))
	case len(parts) == 2 && parts[0] == "search" && parts[1] == "issues" && m == http.MethodGet:
		s.searchIssues(w, req)
	case len(parts) >= 3 && parts[0] == "repos":
		s.routeRepo(w, req, u, parts[1], parts[2], parts[3:])
	default:
		writeError(w, http.StatusNotFound, "Not Found")
	}
}

func (s *Server) routeRepo(w http.ResponseWriter, req Request, u *user, owner, name string, rest []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.repos[key(owner, name)]
	if !ok {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	m := req.Method
	switch {
	case len(rest) == 0 && m == http.MethodGet:
		writeJSON(w, http.StatusOK, s.repoJSON(r))
	case len(rest) == 1 && rest[0] == "labels" && m == http.MethodGet:
		s.listLabels(w, req, r)
	case len(rest) == 1 && rest[0] == "labels" && m == http.MethodPost:
		s.createLabel(w, req, r)
	case len(rest) >= 1 && rest[0] == "issues" && !r.hasIssues:
		writeError(w, http.StatusGone, msgIssuesDisabled)
	case len(rest) == 1 && rest[0] == "issues" && m == http.MethodGet:
		s.listIssues(w, req, r)
	case len(rest) == 1 && rest[0] == "issues" && m == http.MethodPost:
		s.createIssue(w, req, r, u)
	case len(rest) >= 2 && rest[0] == "issues":
		n, err := strconv.Atoi(rest[1])
		is := r.issue(n)
		if err != nil || is == nil {
			writeError(w, http.StatusNotFound, "Not Found")
			return
		}
		switch {
		case len(rest) == 2 && m == http.MethodGet:
			writeJSON(w, http.StatusOK, s.issueJSON(r, is))
		case len(rest) == 2 && m == http.MethodPatch:
			s.editIssue(w, req, r, u, is)
		case len(rest) == 3 && rest[2] == "comments" && m == http.MethodGet:
			s.listComments(w, r, is)
		case len(rest) == 3 && rest[2] == "comments" && m == http.MethodPost:
			s.createComment(w, req, r, u, is)
		default:
			writeError(w, http.StatusNotFound, "Not Found")
		}
	default:
		writeError(w, http.StatusNotFound, "Not Found")
	}
}

// rateWriter adds the rate-limit headers GitHub puts on every answer just
// before the status line goes out, leaving alone any an injected failure
// set. A 304 does not count against the limit, as on GitHub.
type rateWriter struct {
	http.ResponseWriter
	s        *Server
	resource string
	now      time.Time
	wrote    bool
}

func (w *rateWriter) WriteHeader(code int) {
	if !w.wrote {
		w.wrote = true
		w.s.rateHeaders(w.Header(), w.resource, w.now, code != http.StatusNotModified)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *rateWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// rateHeaders takes its own lock: handlers write their answer while they
// hold s.mu.
func (s *Server) rateHeaders(h http.Header, resource string, now time.Time, count bool) {
	s.rateMu.Lock()
	if count {
		s.used[resource]++
	}
	used := s.used[resource]
	s.rateMu.Unlock()
	limit, window := coreLimit, int64(3600)
	if resource == "search" {
		limit, window = searchLimit, 60
	}
	set := func(k, v string) {
		if h.Get(k) == "" {
			h.Set(k, v)
		}
	}
	set("X-RateLimit-Limit", strconv.Itoa(limit))
	set("X-RateLimit-Remaining", strconv.Itoa(max(limit-used, 0)))
	set("X-RateLimit-Used", strconv.Itoa(used))
	set("X-RateLimit-Reset", strconv.FormatInt(now.Unix()+window, 10))
	set("X-RateLimit-Resource", resource)
}
