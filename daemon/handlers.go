package daemon

import (
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/store"
)

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+PathNudge, s.handleNudge)
	mux.HandleFunc("POST "+PathReconcile, s.handleReconcile)
	mux.HandleFunc("GET "+PathStatus, s.handleStatus)
	mux.HandleFunc("POST "+PathShutdown, s.handleShutdown)
	return mux
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, errorBody{Error: msg})
}

func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "bad request body: "+err.Error())
		return false
	}
	// One JSON value and nothing after it: a request with more is not one
	// this API's clients send.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		writeError(w, http.StatusBadRequest, "bad request body: more than one JSON value")
		return false
	}
	return true
}

func (s *server) handleNudge(w http.ResponseWriter, r *http.Request) {
	var req NudgeRequest
	if !decode(w, r, &req) {
		return
	}
	s.mu.Lock()
	s.nudges++
	s.mu.Unlock()
	gitDir, err := analyze.FindGitDir(req.Dir, req.GitDir)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	id := RepoIDOf(gitDir)
	repos, err := s.enrolled()
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	for _, repo := range repos {
		if repo.ID == id {
			if repo.GitDir != gitDir { // moved, or copied, with its ID file
				writeError(w, http.StatusConflict, s.noticeMove(repo, gitDir, req.Dir))
				return
			}
			s.sched.Nudge(id)
			writeJSON(w, http.StatusAccepted, map[string]string{"repo": repo.Path})
			return
		}
	}
	writeError(w, http.StatusNotFound, "repository not enrolled: "+gitDir)
}

func (s *server) handleReconcile(w http.ResponseWriter, r *http.Request) {
	var req ReconcileRequest
	if !decode(w, r, &req) {
		return
	}
	repos, err := s.enrolled()
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	s.syncWatches(repos) // enroll asks for a reconcile: start watching it too
	if req.Repo != "" {
		repos = filterRepo(repos, req.Repo)
		if len(repos) == 0 {
			writeError(w, http.StatusNotFound, "repository not enrolled: "+req.Repo)
			return
		}
	}
	chans := make([]<-chan error, len(repos))
	for i, repo := range repos {
		chans[i] = s.sched.Trigger(repo.ID)
	}
	resp := ReconcileResponse{Repos: []ReconcileResult{}}
	for i, repo := range repos {
		res := ReconcileResult{RepoID: repo.ID, Path: repo.Path}
		// Waiting means waiting for the backlog too: a sync after a
		// big pull returns once every new commit is analysed.
		for ch := chans[i]; req.Wait; ch = s.sched.Trigger(repo.ID) {
			select {
			case err := <-ch:
				if err != nil {
					res.Error = err.Error()
				}
			case <-r.Context().Done():
				return
			}
			if res.Error != "" || s.backlog(repo.ID) == 0 {
				break
			}
		}
		resp.Repos = append(resp.Repos, res)
	}
	if req.Wait && req.Drafts {
		if err := s.llm.Flush(r.Context()); err != nil {
			resp.LLMError = err.Error()
		}
	}
	resp.LLM = s.llm.Status()
	writeJSON(w, http.StatusOK, resp)
}

// filterRepo keeps the repository a path or ID names.
func filterRepo(repos []store.Repo, want string) []store.Repo {
	abs, _ := filepath.Abs(want)
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	for _, r := range repos {
		if r.ID == want || r.Path == abs || r.Path == want {
			return []store.Repo{r}
		}
	}
	return nil
}

func (s *server) handleStatus(w http.ResponseWriter, r *http.Request) {
	repos, err := s.enrolled()
	if err != nil && !errors.Is(err, store.ErrBusy) {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	s.mu.Lock()
	resp := StatusResponse{
		PID: os.Getpid(), Version: s.opts.Version, StartedAt: s.startedAt,
		Nudges: s.nudges, Reconciles: s.reconciles, Repos: []RepoStatus{},
	}
	lastRun := maps.Clone(s.lastRun)
	s.mu.Unlock()
	resp.LLM = s.llm.Status()
	var watched map[string]int
	if s.watch != nil {
		watched = s.watch.Watched()
	}
	for _, repo := range repos {
		running, queued := s.sched.Busy(repo.ID)
		resp.Repos = append(resp.Repos, RepoStatus{ID: repo.ID, Path: repo.Path, Running: running, Queued: queued,
			Watched: watched[repo.ID], LastRun: lastRun[repo.ID]})
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *server) handleShutdown(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusAccepted, map[string]bool{"stopping": true})
	s.shutdown()
}

// backlog is how many new commits of a repository wait for analysis.
func (s *server) backlog(repoID string) int {
	n := 0
	_ = s.store.View(func(tx *store.Tx) error {
		rec, err := tx.Repo(repoID)
		n = rec.Backlog
		return err
	})
	return n
}
