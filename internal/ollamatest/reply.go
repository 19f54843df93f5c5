package ollamatest

import (
	"encoding/json"
	"time"

	"github.com/ollama/ollama/api"
)

// Reply is how the fake answers one chat request.
type Reply struct {
	// Content is the assistant message's text.
	Content string
	// Status is the HTTP status; 0 means 200. Any other status answers
	// {"error": Error} with it, before any content, as Ollama does for a
	// missing model (404), a full queue (503) or a crashed runner (500).
	Status int
	// Error with Status 0 is an error that happens after the answer has
	// started: a streaming reply sends a first chunk and then an
	// {"error": ...} line with status 200, as Ollama does mid-stream; a
	// non-streaming reply answers 500, as Ollama does when it gathers the
	// stream itself.
	Error string
	// Delay is how long the answer takes. It ends early when the client
	// gives up or the server is closed, so tests of timeouts do not wait.
	Delay time.Duration
}

// DraftContent is the default responder's reply: a fixed issue draft that
// matches ticket-master's reply schema, with the body sections it asks for.
func DraftContent() string {
	draft := map[string]any{
		"title": "Handle the error returned when the cache is full",
		"body": "The cache's Put ignores the error it gets when the cache is full, so entries are silently dropped.\n\n" +
			"### Why\nA dropped entry makes the next lookup miss and hit the slow path, and nothing reports it.\n\n" +
			"### Suggested approach\n- Return the error from Put to its callers.\n- Log and count the drops where the error is handled.\n\n" +
			"### Done when\n- [ ] Put returns the error when the cache is full.\n- [ ] A test covers a full cache.\n",
		"labels":     []string{"bug"},
		"kind":       "bug",
		"confidence": 0.8,
	}
	b, _ := json.Marshal(draft) // a map of plain values always marshals
	return string(b)
}

// DefaultReply answers every chat request with DraftContent.
func DefaultReply(api.ChatRequest) Reply {
	return Reply{Content: DraftContent()}
}
