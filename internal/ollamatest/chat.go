package ollamatest

import (
	"cmp"
	"net/http"
	"strings"
	"time"

	"github.com/ollama/ollama/api"
)

// DefaultNumCtx is the context window the fake assumes when a request sets
// no options.num_ctx: Ollama's default on a machine without a large GPU.
const DefaultNumCtx = 4096

// handleChat answers POST /api/chat: 404 for a missing model, 503 when
// busy, else the next queued reply or the responder's, streamed as NDJSON
// or as one object when "stream": false. "format" is not enforced, only
// recorded: the reply's content is whatever the test chose.
func (s *Server) handleChat(w http.ResponseWriter, r *http.Request, raw []byte, stopped <-chan struct{}) {
	var req api.ChatRequest
	if !decode(w, raw, &req) {
		return
	}
	if req.Model == "" {
		writeError(w, http.StatusBadRequest, "model is required")
		return
	}
	leave := s.enter()
	defer leave()
	if s.isBusy() {
		writeError(w, http.StatusServiceUnavailable, errBusy)
		return
	}
	if _, ok := s.lookup(req.Model); !ok {
		notFound(w, req.Model)
		return
	}
	reply := s.nextReply(req)
	start := s.clock()
	wait(r.Context(), stopped, reply.Delay)
	if reply.Status != 0 && reply.Status != http.StatusOK {
		writeError(w, reply.Status, cmp.Or(reply.Error, http.StatusText(reply.Status)))
		return
	}

	metrics := api.Metrics{
		TotalDuration:   max(s.clock().Sub(start), time.Millisecond),
		PromptEvalCount: promptTokens(req),
		EvalCount:       tokens(reply.Content),
	}
	if !streaming(req.Stream) {
		if reply.Error != "" {
			writeError(w, http.StatusInternalServerError, reply.Error)
			return
		}
		writeJSON(w, http.StatusOK, s.chatChunk(req, reply.Content, true, metrics))
		return
	}

	chunks := split(reply.Content)
	if reply.Error != "" && len(chunks) == 0 {
		writeError(w, http.StatusInternalServerError, reply.Error)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	for _, c := range chunks {
		writeLine(w, s.chatChunk(req, c, false, api.Metrics{}))
		if reply.Error != "" {
			// Ollama reports a failure after the first bytes as one more
			// line, with the 200 already sent.
			writeLine(w, map[string]string{"error": reply.Error})
			return
		}
	}
	writeLine(w, s.chatChunk(req, "", true, metrics))
}

func (s *Server) chatChunk(req api.ChatRequest, content string, done bool, m api.Metrics) api.ChatResponse {
	resp := api.ChatResponse{
		Model:     req.Model,
		CreatedAt: s.clock().UTC(),
		Message:   api.Message{Role: "assistant", Content: content},
		Done:      done,
		Metrics:   m,
	}
	if done {
		resp.DoneReason = "stop"
	}
	return resp
}

// nextReply takes the next queued reply, else asks the responder.
func (s *Server) nextReply(req api.ChatRequest) Reply {
	s.mu.Lock()
	if len(s.queue) > 0 {
		reply := s.queue[0]
		s.queue = s.queue[1:]
		s.mu.Unlock()
		return reply
	}
	fn := s.responder
	s.mu.Unlock()
	if fn == nil {
		fn = DefaultReply
	}
	return fn(req) // outside the lock: a responder may call back into s
}

// promptTokens estimates what Ollama reports as prompt_eval_count: about
// four characters a token, and no more than the context window, because
// Ollama truncates a prompt that does not fit.
func promptTokens(req api.ChatRequest) int {
	n := 0
	for _, m := range req.Messages {
		n += tokens(m.Content) + 4 // each message's role and markers cost a few tokens
	}
	numCtx := DefaultNumCtx
	if v, ok := req.Options["num_ctx"].(float64); ok && v > 0 {
		numCtx = int(v)
	}
	return min(n, numCtx)
}

func tokens(text string) int {
	return (len(text) + 3) / 4
}

// split cuts content into a few chunks at spaces, as a model streams tokens.
func split(content string) []string {
	if content == "" {
		return nil
	}
	var chunks []string
	for len(content) > 0 {
		i := strings.IndexByte(content[min(16, len(content)-1):], ' ')
		if i < 0 {
			chunks = append(chunks, content)
			break
		}
		cut := min(16, len(content)-1) + i + 1
		chunks = append(chunks, content[:cut])
		content = content[cut:]
	}
	return chunks
}
