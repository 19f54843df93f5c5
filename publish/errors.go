package publish

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// What can go wrong with GitHub, each with what to do about it. Errors from
// this package match them with errors.Is; the go-github error, when there
// is one, is in the chain too.
var (
	ErrUnauthorized = errors.New("GitHub rejected the token: run `ticket-master auth login` with a valid one")
	ErrForbidden    = errors.New("the token lacks permission: a classic token needs the `repo` scope " +
		"(`public_repo` for a public repository), a fine-grained one Issues: Read and write on this repository")
	ErrNotFound   = errors.New("repository not found, or the token cannot see it: check OWNER/REPO and the token's access to it")
	ErrGone       = errors.New("issues are disabled in this repository: turn them on in its Settings, under Features")
	ErrValidation = errors.New("GitHub refused the request as invalid")
	ErrServer     = errors.New("GitHub is failing (server error): try again later")
	// ErrRateLimited: the account's request quota is used up, or GitHub
	// asked for a longer pause than is worth waiting for.
	ErrRateLimited = errors.New("GitHub's rate limit is exhausted")
	// ErrUnreachable: no answer from GitHub at all (network, DNS, timeout).
	ErrUnreachable = errors.New("could not reach GitHub: check the network and the API URL (GITHUB_API_URL, github.api_url)")
)

// APIError is a failure mapped to one of the Err* values above. Its text
// is that value's, with GitHub's own words added; it never carries the
// token (go-github's errors hold the method and URL, never headers).
type APIError struct {
	Kind   error  // ErrUnauthorized, ErrForbidden, ...
	Status int    // the HTTP status; 0 when there was no answer
	Detail string // GitHub's message and field errors, a reset time, a retry count
	Err    error  // the underlying go-github or transport error, if any
	text   string // replaces Kind's text when that would mislead
}

func (e *APIError) Error() string {
	msg := e.Kind.Error()
	if e.text != "" {
		msg = e.text
	}
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

// Unwrap lets errors.Is find Kind and errors.As find go-github's error.
func (e *APIError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// statusError maps an HTTP error status to an APIError.
func statusError(status int, detail string, cause error) *APIError {
	e := &APIError{Status: status, Detail: detail, Err: cause}
	switch {
	case status == http.StatusUnauthorized:
		e.Kind = ErrUnauthorized
	case status == http.StatusForbidden:
		e.Kind = ErrForbidden
	case status == http.StatusNotFound:
		e.Kind = ErrNotFound
	case status == http.StatusGone:
		e.Kind = ErrGone
	case status == http.StatusUnprocessableEntity:
		e.Kind = ErrValidation
	case status >= 500:
		e.Kind = ErrServer
	default:
		e.Kind = ErrValidation
		e.text = fmt.Sprintf("GitHub answered %d %s", status, http.StatusText(status))
	}
	return e
}

// gitHubSays renders GitHub's message and field errors, e.g.
// `GitHub: "Validation Failed": Label name invalid`.
func gitHubSays(message string, fields []string) string {
	var parts []string
	if message != "" {
		parts = append(parts, fmt.Sprintf("GitHub: %q", message))
	}
	if len(fields) > 0 {
		parts = append(parts, strings.Join(fields, "; "))
	}
	return strings.Join(parts, ": ")
}
