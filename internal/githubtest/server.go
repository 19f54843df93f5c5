// Package githubtest is a fake GitHub REST API for tests: an httptest server
// that keeps repositories, labels, issues and users in memory and answers
// with GitHub's own JSON shapes, status codes, error bodies, pagination
// (Link), conditional requests (ETag, If-None-Match, 304) and rate-limit
// headers, so that tests drive the real go-github client unchanged.
//
// It serves GET /user; GET /repos/{o}/{r}; GET and POST /repos/{o}/{r}/labels;
// GET and POST /repos/{o}/{r}/issues; GET and PATCH /repos/{o}/{r}/issues/{n};
// GET and POST /repos/{o}/{r}/issues/{n}/comments; and GET /search/issues,
// also under an /api/v3 prefix as GitHub Enterprise Server does.
//
// Search lags behind creation, as GitHub's does: an issue is found by
// /search/issues only SearchLag after it was created (by the server's clock),
// or after IndexSearch.
//
// Failures are injected per route, in order (Fail). As in cli/cli's httpmock,
// a test that injects a failure no request consumed fails, and every request
// is recorded (Requests) for assertions.
package githubtest

import (
	"fmt"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultSearchLag is how long a new issue stays out of search results
// unless SetSearchLag says otherwise; GitHub's index usually catches up
// within a minute.
const DefaultSearchLag = time.Minute

// Server is a fake GitHub. Its methods are safe for concurrent use.
type Server struct {
	mu        sync.Mutex
	now       func() time.Time
	searchLag time.Duration
	users     map[string]*user // by token
	repos     map[string]*repo // by key(owner, name)
	failures  map[string][]Failure
	requests  []Request
	rateMu    sync.Mutex
	used      map[string]int // requests counted per rate-limit resource, under rateMu
	nextID    int64
	hs        *httptest.Server
}

// New starts a fake GitHub that is closed when the test ends. At the end of
// the test, injected failures that no request consumed are reported with
// t.Errorf.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		now:       time.Now,
		searchLag: DefaultSearchLag,
		users:     map[string]*user{},
		repos:     map[string]*repo{},
		failures:  map[string][]Failure{},
		used:      map[string]int{},
		nextID:    1000,
	}
	s.hs = httptest.NewServer(s.handler())
	t.Cleanup(func() {
		s.hs.Close()
		for _, route := range s.unusedFailures() {
			t.Errorf("githubtest: injected failure for %q was never used", route)
		}
	})
	return s
}

// URL is the API base URL, ending in "/", as go-github wants its BaseURL.
func (s *Server) URL() string { return s.hs.URL + "/" }

// SetClock sets the clock that stamps created_at, updated_at and Date,
// computes rate-limit resets and decides what search has indexed; tests
// that inject a fake clock into the code under test share it here.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// SetSearchLag sets how long after creation an issue appears in search
// results. 0 makes search see everything at once; a negative lag means the
// index never catches up by itself, only through IndexSearch.
func (s *Server) SetSearchLag(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUpLocked(s.now())
	s.searchLag = d
}

// IndexSearch makes every issue that exists now visible to search.
func (s *Server) IndexSearch() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.repos {
		for _, is := range r.issues {
			is.indexed = true
		}
	}
}

// AddUser makes token authenticate as login. scopes, when given, are the
// token's OAuth scopes and are sent in X-OAuth-Scopes, as GitHub does for
// classic tokens; without them the token behaves like a fine-grained one,
// for which GitHub sends no such header.
func (s *Server) AddUser(login, token string, scopes ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[token] = &user{login: login, scopes: scopes, classic: len(scopes) > 0}
}

// Requests returns the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RequestsTo returns the requests for one route, "METHOD /path" as in Fail,
// e.g. "POST /repos/acme/gadgets/issues".
func (s *Server) RequestsTo(route string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Route() == route {
			out = append(out, r)
		}
	}
	return out
}

func (s *Server) unusedFailures() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for route, fs := range s.failures {
		for range fs {
			out = append(out, route)
		}
	}
	sort.Strings(out)
	return out
}

func key(owner, name string) string { return strings.ToLower(owner + "/" + name) }

func (s *Server) repoLocked(owner, name string) (*repo, error) {
	r, ok := s.repos[key(owner, name)]
	if !ok {
		return nil, fmt.Errorf("githubtest: no repository %s/%s", owner, name)
	}
	return r, nil
}
