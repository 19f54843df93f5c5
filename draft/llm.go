package draft

import "encoding/json"

// Message is one chat message sent to the model.
type Message struct {
	Role    string // "system", "user" or "assistant"
	Content string
}

// Reply is what the model is asked to return, as JSON matching ReplySchema.
// The model writes only these words; facts (links, lines, commits) are
// added by Compose from the analysis.
type Reply struct {
	Title      string   `json:"title"`
	Body       string   `json:"body"`
	Labels     []string `json:"labels"`
	Kind       string   `json:"kind"`
	Confidence float64  `json:"confidence"`
}

// ReplySchema is the JSON schema sent in /api/chat's "format" field
// (Ollama's structured outputs), so that the model's sampler can only
// produce a reply of this shape.
func ReplySchema() json.RawMessage {
	return json.RawMessage(`{
  "type": "object",
  "properties": {
    "title": {"type": "string", "maxLength": 80},
    "body": {"type": "string"},
    "labels": {"type": "array", "items": {"type": "string"}},
    "kind": {"type": "string", "enum": ["bug", "enhancement", "documentation", "testing", "security", "tech-debt"]},
    "confidence": {"type": "number", "minimum": 0, "maximum": 1}
  },
  "required": ["title", "body", "labels", "kind", "confidence"]
}`)
}

// KindLabels are the kind labels a draft may carry, at most one of them.
func KindLabels() []string {
	return []string{"bug", "enhancement", "documentation", "testing", "security", "tech-debt"}
}
