package store

import "time"

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
	Branches   []string  `json:"branches,omitempty"`
	Enrolled   bool      `json:"enrolled"`
	EnrolledAt time.Time `json:"enrolled_at"`
	// Health of the last reconcile, for status.
	LastReconcile time.Time `json:"last_reconcile,omitzero"`
	LastError     string    `json:"last_error,omitempty"`
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
)

// Finding is something worth an issue, keyed by its fingerprint within a
// repository, so the same TODO seen in ten commits is one finding.
type Finding struct {
	Fingerprint string   `json:"fingerprint"`
	Kind        string   `json:"kind"`
	Word        string   `json:"word,omitempty"`
	Text        string   `json:"text"`
	Body        string   `json:"body,omitempty"`
	Title       string   `json:"title,omitempty"` // the detector's suggested title
	Items       []string `json:"items,omitempty"`
	Labels      []string `json:"labels,omitempty"`
	Evidence    Evidence `json:"evidence"`
	Status      string   `json:"status"`
	ResolvedBy  string   `json:"resolved_by,omitempty"` // commit that removed it
	// ResolvedSubject is that commit's subject, for the comment that closes
	// a published issue.
	ResolvedSubject string    `json:"resolved_subject,omitempty"`
	FirstSeen       time.Time `json:"first_seen"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// Evidence locates a finding in the commit that introduced it.
type Evidence struct {
	Path    string    `json:"path"`
	Line    int       `json:"line"`
	EndLine int       `json:"end_line,omitempty"`
	Commit  string    `json:"commit"`
	Subject string    `json:"subject,omitempty"` // the commit's subject line
	Time    time.Time `json:"time,omitzero"`     // the commit's time
	Excerpt string    `json:"excerpt,omitempty"`
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
	ClosedAt  time.Time  `json:"closed_at,omitzero"`
	Evidence  []Evidence `json:"evidence"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// Fingerprint is the draft's main finding.
func (d Draft) Fingerprint() string {
	if len(d.Fingerprints) == 0 {
		return ""
	}
	return d.Fingerprints[0]
}
