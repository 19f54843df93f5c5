package ollamatest

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"net/http"

	"github.com/ollama/ollama/api"
)

// errNoManifest is what Ollama streams when the registry has no such model.
const errNoManifest = "pull model manifest: file does not exist"

// handlePull answers POST /api/pull with Ollama's progress lines: the
// manifest, each layer in steps, verification, the manifest written, and
// "success", after which the model is listed. A name the registry does not
// know fails after "pulling manifest", in the stream, as in Ollama.
func (s *Server) handlePull(w http.ResponseWriter, r *http.Request, raw []byte, stopped <-chan struct{}) {
	var req api.PullRequest
	if !decode(w, raw, &req) {
		return
	}
	//lint:ignore SA1019 older clients still send the name in the deprecated field
	name := cmp.Or(req.Model, req.Name)
	if name == "" {
		writeError(w, http.StatusBadRequest, "invalid model name")
		return
	}
	s.mu.Lock()
	contextLength, known := s.registry[baseName(name)]
	delay := s.pullDelay
	s.mu.Unlock()

	var steps []api.ProgressResponse
	steps = append(steps, api.ProgressResponse{Status: "pulling manifest"})
	if known {
		for i, size := range []int64{2019377376, 1429, 7711, 96, 561} {
			digest := fmt.Sprintf("sha256:%x", sha256.Sum256(fmt.Appendf(nil, "%s layer %d", key(name), i)))
			parts := int64(1)
			if size > 1<<20 {
				parts = 4 // a big layer reports progress several times
			}
			for p := int64(0); p <= parts; p++ {
				steps = append(steps, api.ProgressResponse{
					Status:    "pulling " + digest[7:19],
					Digest:    digest,
					Total:     size,
					Completed: size * p / parts,
				})
			}
		}
		steps = append(steps,
			api.ProgressResponse{Status: "verifying sha256 digest"},
			api.ProgressResponse{Status: "writing manifest"},
			api.ProgressResponse{Status: "success"},
		)
	}

	stream := streaming(req.Stream)
	if stream {
		w.Header().Set("Content-Type", "application/x-ndjson")
	}
	for _, step := range steps {
		wait(r.Context(), stopped, delay)
		if step.Status == "writing manifest" {
			s.AddModel(name, contextLength)
		}
		if stream {
			writeLine(w, step)
		}
	}
	switch {
	case !known && stream:
		writeLine(w, map[string]string{"error": errNoManifest})
	case !known:
		writeError(w, http.StatusInternalServerError, errNoManifest)
	case !stream:
		writeJSON(w, http.StatusOK, steps[len(steps)-1])
	}
}
