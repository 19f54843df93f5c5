package store

import (
	"time"

	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
)

// Repo is an enrolled repository.
type Repo struct {
	ID     string `json:"id"`      // short stable name, derived from Path
	Path   string `json:"path"`    // absolute top of the main worktree
	GitDir string `json:"git_dir"` // absolute common git folder
	// GitHub target, from the origin remote or --github.
	Host  string `json:"host,omitempty"`
	Owner string `json:"owner,omitempty"`
	Name  string `json:"name,omitempty"`
	// Branches are the globs of local branches watched; empty means all.
	Branches []string `json:"branches,omitempty"`
	Enrolled bool     `json:"enrolled"`
	// NoHooks: enrolled with --no-hooks, another manager runs the hooks.
	NoHooks bool `json:"no_hooks,omitempty"`
	// MovedTo is where the daemon last saw this repository (by its ID
	// file) after its old path vanished; enrolling there adopts the record.
	MovedTo    string    `json:"moved_to,omitempty"`
	EnrolledAt time.Time `json:"enrolled_at"`
	// Health of the last reconcile, for status.
	LastReconcile time.Time `json:"last_reconcile,omitzero"`
	LastError     string    `json:"last_error,omitempty"`
	// Backlog is how many new commits wait for the next reconcile.
	Backlog int `json:"backlog,omitempty"`
}

// GitHubRepo is the GitHub repository the repository's issues go to.
func (r Repo) GitHubRepo() ghrepo.Repo {
	return ghrepo.Repo{Host: r.Host, Owner: r.Owner, Name: r.Name}
}

// GitHub is "owner/name", or "" when the target is unknown.
func (r Repo) GitHub() string {
	if r.Owner == "" || r.Name == "" {
		return ""
	}
	return r.Owner + "/" + r.Name
}

// Finding states.
const (
	FindingOpen     = "open"
	FindingResolved = "resolved"
	// FindingReplaced: the finding carries on under another fingerprint
	// (ReplacedBy), with its draft: an edited TODO, a renamed file.
	FindingReplaced = "replaced"
)

// Finding is a finding as the store keeps it: what the analysis found
// (finding.Finding, whose fields are stored inline, as before it was a type
// of its own) and where it stands. Keyed by its fingerprint within a
// repository, so the same TODO seen in ten commits is one finding.
type Finding struct {
	finding.Finding
	Status     string `json:"status"`
	ResolvedBy string `json:"resolved_by,omitempty"` // commit that removed it
	// ResolvedSubject is that commit's subject, for the comment that closes
	// a published issue.
	ResolvedSubject string `json:"resolved_subject,omitempty"`
	// ResolvedWhy says how it was resolved when no commit removed it: the
	// file was deleted from every branch, or its commit is on no branch.
	ResolvedWhy string `json:"resolved_why,omitempty"`
	// ReplacedBy is the fingerprint this finding carries on under, when its
	// status is FindingReplaced.
	ReplacedBy string `json:"replaced_by,omitempty"`
	// Path is the file the finding is about now: Evidence.Path, or the name
	// a later commit renamed it to. Evidence stays as found, since it is
	// true of its commit.
	Path string `json:"path_now,omitempty"`
	// Latest is the newest other commit the finding was seen in while open
	// (a rebased or cherry-picked copy of its commit): if history is
	// rewritten so that Evidence's commit is on no branch any more, the
	// evidence moves there instead of the finding being resolved.
	Latest    *finding.Evidence `json:"latest,omitempty"`
	FirstSeen time.Time         `json:"first_seen"`
	UpdatedAt time.Time         `json:"updated_at"`
}

// CurrentPath is the file the finding is about now.
func (f Finding) CurrentPath() string {
	if f.Path != "" {
		return f.Path
	}
	return f.Evidence.Path
}

// Draft states.
const (
	DraftPending   = "pending"
	DraftPublished = "published"
	DraftDiscarded = "discarded" // by a person: the finding is not suggested again
	DraftWithdrawn = "withdrawn" // by the analysis: the finding was resolved
)

// DraftStates lists every state, for validation and help text.
func DraftStates() []string {
	return []string{DraftPending, DraftPublished, DraftDiscarded, DraftWithdrawn}
}

// Draft is an issue waiting for, or past, a person's review.
type Draft struct {
	ID           uint64   `json:"id"`
	RepoID       string   `json:"repo_id"`
	Repo         string   `json:"repo"` // the repository's path, for people and scripts
	Fingerprints []string `json:"fingerprints"`
	Title        string   `json:"title"`
	Body         string   `json:"body"`
	Labels       []string `json:"labels"`
	State        string   `json:"state"`
	DraftedBy    string   `json:"drafted_by"` // "template" or a model name
	// Note says something a reviewer should know about how the draft came
	// to be, such as a model reply that failed validation.
	Note string `json:"note,omitempty"`
	// ModelFailed names the model whose reply for this draft failed
	// validation even after a repair round; it is not asked again.
	ModelFailed string `json:"model_failed,omitempty"`
	// Edited drafts were changed by a person and are never redrafted.
	Edited bool `json:"edited,omitempty"`
	// Digest marks the repository's maintenance digest: one checklist
	// draft of its low-severity findings (Fingerprints[1:]), kept up to
	// date as they open and resolve.
	Digest bool `json:"digest,omitempty"`
	// NeedsUpdate says the published issue's body is older than Body (the
	// digest gained or lost items): publish and review update it.
	NeedsUpdate bool `json:"needs_update,omitempty"`
	// DuplicateOf is an open issue on GitHub that looks like this draft.
	DuplicateOf int `json:"duplicate_of,omitempty"`
	// PublishAttempt is when publishing was first tried. It is written
	// before the request to GitHub, so that after a crash between GitHub's
	// answer and our record the next attempt looks for the issue first.
	PublishAttempt time.Time `json:"publish_attempt,omitzero"`
	// The issue on GitHub, once published.
	Issue       int       `json:"issue,omitempty"`
	IssueURL    string    `json:"issue_url,omitempty"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	// ClosedAt is when ticket-master closed the issue because its findings
	// were resolved.
	ClosedAt  time.Time          `json:"closed_at,omitzero"`
	Evidence  []finding.Evidence `json:"evidence"`
	CreatedAt time.Time          `json:"created_at"`
	UpdatedAt time.Time          `json:"updated_at"`
}

// Kind is the kind of the draft's main finding ("todo", "untested", ...),
// or "digest" for the maintenance digest.
func (d Draft) Kind() string {
	if d.Digest {
		return "digest"
	}
	return finding.KindOf(d.Fingerprint())
}

// Fingerprint is the draft's main finding.
func (d Draft) Fingerprint() string {
	if len(d.Fingerprints) == 0 {
		return ""
	}
	return d.Fingerprints[0]
}
