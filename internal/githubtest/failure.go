package githubtest

import (
	"net/http"
	"strconv"
	"time"
)

// Failure is an error answer injected for one request.
type Failure struct {
	Status           int
	Message          string
	Errors           []FieldError
	DocumentationURL string
	// Header is added to the answer after the usual rate-limit headers, so
	// it can override them (X-RateLimit-Remaining: 0, say).
	Header http.Header
	// HTML, when set, is sent as a text/html body instead of JSON, as
	// GitHub's front end does for some 502s and 504s.
	HTML string
}

// FieldError is one entry of a 422's "errors", as GitHub sends them.
type FieldError struct {
	Resource string `json:"resource,omitempty"`
	Field    string `json:"field,omitempty"`
	Code     string `json:"code"`
	Message  string `json:"message,omitempty"`
	Value    any    `json:"value,omitempty"`
}

// Documentation links GitHub puts in error bodies. go-github recognises a
// secondary rate limit by the suffix of this link, so it must be exact.
const (
	docsSecondary = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
	docsPrimary   = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limits"
	docsRest      = "https://docs.github.com/rest"
)

// Status is the answer GitHub gives with that status code for a typical
// cause: 401 bad credentials, 403 a token without the needed permission,
// 404, 410 issues disabled, 422 validation failed, 500, 502 (an HTML page,
// as GitHub's front end sends), 503.
func Status(code int) Failure {
	f := Failure{Status: code, DocumentationURL: docsRest}
	switch code {
	case http.StatusUnauthorized:
		f.Message = "Bad credentials"
	case http.StatusForbidden:
		f.Message = "Resource not accessible by personal access token"
	case http.StatusNotFound:
		f.Message = "Not Found"
	case http.StatusGone:
		f.Message = msgIssuesDisabled
	case http.StatusUnprocessableEntity:
		f.Message = "Validation Failed"
		f.Errors = []FieldError{{Resource: "Issue", Field: "title", Code: "missing_field"}}
	case http.StatusBadGateway:
		f.HTML = "<html><body><h1>Unicorn!</h1><p>This page is taking too long to load.</p></body></html>"
	case http.StatusServiceUnavailable:
		f.Message = "Service Unavailable"
	default:
		f.Message = http.StatusText(code)
	}
	return f
}

// Validation is a 422 "Validation Failed" with these field errors.
func Validation(errs ...FieldError) Failure {
	return Failure{Status: http.StatusUnprocessableEntity, Message: "Validation Failed", Errors: errs,
		DocumentationURL: "https://docs.github.com/rest/issues/issues#create-an-issue"}
}

// SecondaryRateLimit is GitHub's 403 for content created too fast, with a
// Retry-After of retryAfter (none when 0). Use WithStatus(429) for the other
// status GitHub documents for it.
func SecondaryRateLimit(retryAfter time.Duration) Failure {
	f := Failure{
		Status: http.StatusForbidden,
		Message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
			"If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222:3333:4444.",
		DocumentationURL: docsSecondary,
		Header:           http.Header{},
	}
	if retryAfter > 0 {
		f.Header.Set("Retry-After", strconv.Itoa(int(retryAfter/time.Second)))
	}
	return f
}

// PrimaryRateLimit is GitHub's answer when the hourly quota is used up:
// status 403 or 429, X-RateLimit-Remaining: 0 and the reset time.
func PrimaryRateLimit(status int, reset time.Time) Failure {
	h := http.Header{}
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Used", strconv.Itoa(coreLimit))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	return Failure{
		Status:           status,
		Message:          "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222:3333:4444.",
		DocumentationURL: docsPrimary,
		Header:           h,
	}
}

// WithStatus returns f with another status code.
func (f Failure) WithStatus(code int) Failure {
	f.Status = code
	return f
}

// Fail makes the next requests to route fail, one failure per request, in
// order; later requests are answered normally. route is "METHOD /path",
// with the path as go-github sends it under the base URL, e.g.
// "POST /repos/acme/gadgets/issues".
func (s *Server) Fail(route string, fs ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[route] = append(s.failures[route], fs...)
}

// takeFailure pops the next failure injected for route.
func (s *Server) takeFailure(route string) (Failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := s.failures[route]
	if len(fs) == 0 {
		return Failure{}, false
	}
	if len(fs) == 1 {
		delete(s.failures, route)
	} else {
		s.failures[route] = fs[1:]
	}
	return fs[0], true
}
