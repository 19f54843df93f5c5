// Package publish is ticket-master's GitHub side: where a repository's
// issues go, and (as it grows) token sources and paced, idempotent issue
// creation.
package publish

import (
	"fmt"
	"net/url"
	"strings"
)

// Target is a GitHub repository.
type Target struct {
	Host  string // github.com, or a GitHub Enterprise host
	Owner string
	Name  string
}

// String is "owner/name".
func (t Target) String() string { return t.Owner + "/" + t.Name }

// ParseRemote reads a git remote URL in any of the forms people use:
// https://github.com/o/r(.git), git@github.com:o/r.git, ssh://git@host:22/o/r.git,
// git://host/o/r. ok is false for anything else (a local path, say).
func ParseRemote(raw string) (t Target, ok bool) {
	raw = strings.TrimSpace(raw)
	var host, path string
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" && u.Host != "" {
		switch u.Scheme {
		case "https", "http", "ssh", "git", "git+ssh", "ssh+git":
		default:
			return t, false
		}
		host, path = u.Hostname(), u.Path
	} else if at := strings.Index(raw, "@"); at >= 0 && strings.Contains(raw[at:], ":") {
		// scp-like: user@host:owner/name.git
		rest := raw[at+1:]
		h, p, _ := strings.Cut(rest, ":")
		host, path = h, p
	} else {
		return t, false
	}
	parts := strings.Split(strings.Trim(strings.TrimSuffix(strings.TrimSuffix(path, "/"), ".git"), "/"), "/")
	if host == "" || len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return t, false
	}
	return Target{Host: strings.ToLower(host), Owner: parts[0], Name: parts[1]}, true
}

// ParseOwnerRepo reads "owner/name" as given to --github, with the host
// defaulting to github.com; a full URL is accepted too.
func ParseOwnerRepo(s string) (Target, error) {
	if t, ok := ParseRemote(s); ok {
		return t, nil
	}
	owner, name, ok := strings.Cut(strings.TrimSuffix(s, ".git"), "/")
	if !ok || owner == "" || name == "" || strings.ContainsAny(owner+name, "/ :") {
		return Target{}, fmt.Errorf("%q is not OWNER/REPO (for example: --github acme/gadgets)", s)
	}
	return Target{Host: "github.com", Owner: owner, Name: name}, nil
}
