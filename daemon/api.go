package daemon

import "time"

// The daemon's local API, served on a Unix socket. Requests and answers are
// JSON; errors are {"error": "..."} with a 4xx or 5xx status.
const (
	PathNudge     = "/v1/nudge"     // POST NudgeRequest: a hook saw a commit
	PathReconcile = "/v1/reconcile" // POST ReconcileRequest: reconcile now
	PathStatus    = "/v1/status"    // GET StatusResponse
	PathShutdown  = "/v1/shutdown"  // POST: stop cleanly
)

// NudgeRequest comes from a hook. Dir is the hook's working folder and GitDir
// git's $GIT_DIR when set; the daemon works out which repository they mean.
type NudgeRequest struct {
	Dir    string `json:"dir"`
	GitDir string `json:"git_dir,omitempty"`
	Hook   string `json:"hook"`
}

// ReconcileRequest names a repository (by path) or, when Repo is empty, all
// of them. With Wait the answer comes when the reconciles are done.
type ReconcileRequest struct {
	Repo string `json:"repo,omitempty"`
	Wait bool   `json:"wait,omitempty"`
	// Drafts, with Wait, also waits for the model to rewrite the template
	// drafts the reconciles queued.
	Drafts bool `json:"drafts,omitempty"`
}

// ReconcileResponse reports each repository's reconcile when waited for.
type ReconcileResponse struct {
	Repos []ReconcileResult `json:"repos"`
	// LLMError says why the model did not rewrite drafts, when asked to.
	LLMError string    `json:"llm_error,omitempty"`
	LLM      LLMStatus `json:"llm"`
}

// ReconcileResult is one repository's outcome.
type ReconcileResult struct {
	RepoID string `json:"repo_id"`
	Path   string `json:"path"`
	Error  string `json:"error,omitempty"`
}

// StatusResponse is the daemon's own view of itself.
type StatusResponse struct {
	PID        int          `json:"pid"`
	Version    string       `json:"version"`
	StartedAt  time.Time    `json:"started_at"`
	Nudges     int          `json:"nudges"`
	Reconciles int          `json:"reconciles"`
	Repos      []RepoStatus `json:"repos"`
	LLM        LLMStatus    `json:"llm"`
}

// RepoStatus says whether a repository's job runs or waits.
type RepoStatus struct {
	ID      string `json:"id"`
	Path    string `json:"path"`
	Running bool   `json:"running"`
	Queued  bool   `json:"queued"`
	// Watched is how many folders of the repository the file watcher
	// follows; 0 means the periodic reconcile alone covers it.
	Watched int `json:"watched_folders"`
	// LastRun is when its last reconcile ended, found something or not (the
	// database records only the ones that changed something).
	LastRun time.Time `json:"last_run,omitzero"`
}

type errorBody struct {
	Error string `json:"error"`
}
