package githubtest

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Permissions is the authenticated user's role in a repository, as GitHub
// reports it in a repository's "permissions".
type Permissions struct {
	Admin, Maintain, Push, Triage, Pull bool
}

// RepoOption configures a repository made by AddRepo.
type RepoOption func(*repo)

// WithLabels gives the repository these labels (GitHub's default set is not
// added: a test says which labels exist).
func WithLabels(names ...string) RepoOption {
	return func(r *repo) {
		for _, n := range names {
			r.addLabel(n, "ededed", "")
		}
	}
}

// WithIssuesDisabled turns issues off in the repository's settings: its
// has_issues is false and issue endpoints answer 410.
func WithIssuesDisabled() RepoOption { return func(r *repo) { r.hasIssues = false } }

// WithPermissions sets the authenticated user's role (default: push, so
// that labels can be set and created).
func WithPermissions(p Permissions) RepoOption { return func(r *repo) { r.perms = p } }

// WithArchived marks the repository archived (read-only).
func WithArchived() RepoOption { return func(r *repo) { r.archived = true } }

// WithPrivate marks the repository private.
func WithPrivate() RepoOption { return func(r *repo) { r.private = true } }

// WithAutoCreateLabels makes issue creation create labels that do not exist
// instead of answering 422.
func WithAutoCreateLabels() RepoOption { return func(r *repo) { r.autoLabels = true } }

// Issue is an issue, or a pull request, as the fake keeps it.
type Issue struct {
	Number      int
	Title, Body string
	Labels      []string
	State       string // "open" (default) or "closed"
	StateReason string
	User        string // the author's login
	CreatedAt   time.Time
	UpdatedAt   time.Time
	ClosedAt    time.Time
	HTMLURL     string
	PullRequest bool // GitHub lists pull requests among issues
	Comments    []Comment
}

// Comment is a comment on an issue.
type Comment struct {
	ID        int64
	Body      string
	User      string
	CreatedAt time.Time
}

type user struct {
	login   string
	scopes  []string
	classic bool
}

type repo struct {
	owner, name string
	id          int64
	private     bool
	archived    bool
	hasIssues   bool
	autoLabels  bool
	perms       Permissions
	labels      []*label
	issues      []*issue     // in creation order, so numbers ascend
	nextID      func() int64 // the server's, called with its lock held
}

type label struct {
	id          int64
	name, color string
	description string
}

type issue struct {
	Issue
	id      int64
	indexed bool
}

// AddRepo creates a repository owned by owner.
func (s *Server) AddRepo(owner, name string, opts ...RepoOption) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	r := &repo{
		owner: owner, name: name, id: s.nextID, hasIssues: true,
		perms:  Permissions{Push: true, Triage: true, Pull: true},
		nextID: s.newIDLocked,
	}
	for _, opt := range opts {
		opt(r)
	}
	s.repos[key(owner, name)] = r
}

// AddIssue stores an issue as if it had been created earlier, and returns
// it with its number and defaults filled in. Without CreatedAt it is created
// now (and so is not searchable until the search lag has passed).
func (s *Server) AddIssue(owner, name string, is Issue) (Issue, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.repoLocked(owner, name)
	if err != nil {
		return Issue{}, err
	}
	if is.CreatedAt.IsZero() {
		is.CreatedAt = s.now()
	}
	if is.User == "" {
		is.User = owner
	}
	return r.add(is).copy(), nil
}

// Issues returns a repository's issues and pull requests, by number.
func (s *Server) Issues(owner, name string) []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.repoLocked(owner, name)
	if err != nil {
		return nil
	}
	out := make([]Issue, 0, len(r.issues))
	for _, is := range r.issues {
		out = append(out, is.copy())
	}
	return out
}

// Labels returns the names of a repository's labels, in creation order.
func (s *Server) Labels(owner, name string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.repoLocked(owner, name)
	if err != nil {
		return nil
	}
	var out []string
	for _, l := range r.labels {
		out = append(out, l.name)
	}
	return out
}

func (s *Server) newIDLocked() int64 {
	s.nextID++
	return s.nextID
}

func (r *repo) addLabel(name, color, description string) *label {
	l := &label{id: r.nextID(), name: name, color: color, description: description}
	r.labels = append(r.labels, l)
	return l
}

// findLabel looks a label up the way GitHub does: case-insensitively.
func (r *repo) findLabel(name string) *label {
	for _, l := range r.labels {
		if strings.EqualFold(l.name, name) {
			return l
		}
	}
	return nil
}

// add stores an issue under the next number, filling in defaults.
func (r *repo) add(is Issue) *issue {
	is.Number = len(r.issues) + 1
	if is.State == "" {
		is.State = "open"
	}
	if is.UpdatedAt.IsZero() {
		is.UpdatedAt = is.CreatedAt
	}
	if is.HTMLURL == "" {
		kind := "issues"
		if is.PullRequest {
			kind = "pull"
		}
		is.HTMLURL = fmt.Sprintf("https://github.com/%s/%s/%s/%d", r.owner, r.name, kind, is.Number)
	}
	stored := &issue{Issue: is, id: r.nextID()}
	stored.Labels = slices.Clone(is.Labels)
	stored.Comments = slices.Clone(is.Comments)
	r.issues = append(r.issues, stored)
	return stored
}

func (r *repo) issue(number int) *issue {
	if number < 1 || number > len(r.issues) {
		return nil
	}
	return r.issues[number-1]
}

func (is *issue) copy() Issue {
	c := is.Issue
	c.Labels = slices.Clone(is.Labels)
	c.Comments = slices.Clone(is.Comments)
	return c
}
