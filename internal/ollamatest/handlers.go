package ollamatest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// handler routes requests as Ollama's router does; anything else gets gin's
// plain-text 404, which is what a wrong path or method gets from Ollama.
func (s *Server) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, err := io.ReadAll(r.Body)
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		stopped := s.record(r, raw)
		switch {
		case (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.URL.Path == "/":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			io.WriteString(w, "Ollama is running")
		case (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.URL.Path == "/api/version":
			s.handleVersion(w)
		case r.Method == http.MethodGet && r.URL.Path == "/api/tags":
			s.handleTags(w)
		case r.Method == http.MethodPost && r.URL.Path == "/api/show":
			s.handleShow(w, raw)
		case r.Method == http.MethodPost && r.URL.Path == "/api/chat":
			s.handleChat(w, r, raw, stopped)
		case r.Method == http.MethodPost && r.URL.Path == "/api/pull":
			s.handlePull(w, r, raw, stopped)
		case r.Method == http.MethodPost && r.URL.Path == "/api/embed":
			s.handleEmbed(w, raw)
		default:
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, "404 page not found")
		}
	})
}

// record keeps the request for Requests and returns the channel that Close
// closes, for handlers that wait.
func (s *Server) record(r *http.Request, raw []byte) <-chan struct{} {
	var body map[string]any
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &body) // a body that is not a JSON object is kept raw only
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Body: body, Raw: raw})
	return s.stopped
}

// enter counts a request that would occupy the model until the returned
// func is called.
func (s *Server) enter() (leave func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight++
	s.maxFlight = max(s.maxFlight, s.inFlight)
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.inFlight--
	}
}

func (s *Server) isBusy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.busy
}

// errBusy is Ollama's ErrMaxQueue text, word for word (two spaces included).
const errBusy = "server busy, please try again.  maximum pending requests exceeded"

// writeError writes an error body the way Ollama's handlers do.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeLine writes one NDJSON line and flushes it, as Ollama streams.
func writeLine(w http.ResponseWriter, v any) {
	json.NewEncoder(w).Encode(v)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

// wait sleeps for d. If the client goes away or the server is closed
// meanwhile, it drops the connection without an answer, as a killed Ollama
// does: returning normally would send an empty 200, which the api client
// takes for success.
func wait(ctx context.Context, stopped <-chan struct{}, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return
	case <-ctx.Done():
	case <-stopped:
	}
	panic(http.ErrAbortHandler)
}

// decode reads a JSON request body; a missing or bad one gets Ollama's 400.
func decode(w http.ResponseWriter, raw []byte, v any) bool {
	if len(raw) == 0 {
		writeError(w, http.StatusBadRequest, "missing request body")
		return false
	}
	if err := json.Unmarshal(raw, v); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return false
	}
	return true
}

func (s *Server) handleVersion(w http.ResponseWriter) {
	s.mu.Lock()
	v := s.version
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{"version": v})
}

// notFound is the 404 body Ollama's chat, show and embed handlers write.
func notFound(w http.ResponseWriter, name string) {
	writeError(w, http.StatusNotFound, "model '"+name+"' not found")
}

// streaming reports whether a request asked for NDJSON: Ollama streams
// unless "stream": false.
func streaming(stream *bool) bool {
	return stream == nil || *stream
}

// sortedModels lists the models most recently modified first, as
// /api/tags does.
func (s *Server) sortedModels() []model {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]model, 0, len(s.models))
	for _, m := range s.models {
		out = append(out, *m)
	}
	slices.SortFunc(out, func(a, b model) int {
		if c := b.modifiedAt.Compare(a.modifiedAt); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	return out
}
