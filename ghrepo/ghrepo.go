// Package ghrepo names a GitHub repository: its host, owner and name, read
// from a git remote or from OWNER/REPO, and the links into it. It is the one
// home of that type: the store records it, drafts link into it, publishing
// sends issues to it.
package ghrepo

import (
	"fmt"
	"net/url"
	"strings"
)

// Repo is a GitHub repository.
type Repo struct {
	Host  string // github.com, or a GitHub Enterprise host; "" means github.com
	Owner string
	Name  string
}

// DefaultHost is the host of a repository that names none.
const DefaultHost = "github.com"

// String is "owner/name".
func (t Repo) String() string { return t.Owner + "/" + t.Name }

// Known reports whether it names a repository.
func (t Repo) Known() bool { return t.Owner != "" && t.Name != "" }

// HostName is its host, github.com when none is named.
func (t Repo) HostName() string {
	if t.Host == "" {
		return DefaultHost
	}
	return t.Host
}

// Permalink is a link to a line of a file at a commit (line 0: the whole
// file), or "" when the repository is unknown.
func (t Repo) Permalink(commit, path string, line int) string {
	if !t.Known() {
		return ""
	}
	u := url.URL{Scheme: "https", Host: t.HostName(), Path: "/" + t.Owner + "/" + t.Name + "/blob/" + commit + "/" + path}
	link := u.String()
	if line > 0 {
		link += fmt.Sprintf("#L%d", line)
	}
	return link
}

// ParseRemote reads a git remote URL in any of the forms people use:
// https://github.com/o/r(.git), git@github.com:o/r.git, ssh://git@host:22/o/r.git,
// git://host/o/r. ok is false for anything else (a local path, say).
func ParseRemote(raw string) (t Repo, ok bool) {
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
	return Repo{Host: strings.ToLower(host), Owner: parts[0], Name: parts[1]}, true
}

// ParseOwnerRepo reads "owner/name" as given to --github, with the host
// defaulting to github.com; a full URL is accepted too.
func ParseOwnerRepo(s string) (Repo, error) {
	if t, ok := ParseRemote(s); ok {
		return t, nil
	}
	owner, name, ok := strings.Cut(strings.TrimSuffix(s, ".git"), "/")
	if !ok || owner == "" || name == "" || strings.ContainsAny(owner+name, "/ :") {
		return Repo{}, fmt.Errorf("%q is not OWNER/REPO (for example: --github acme/gadgets)", s)
	}
	return Repo{Host: "github.com", Owner: owner, Name: name}, nil
}
