package draft

import (
	"encoding/json"
	"fmt"
	"strings"
)

// DecodeReply parses a model's reply content into a Reply. Structured
// outputs make the content a bare JSON object, but models and proxies that
// ignore "format" often wrap it in a ```json fence, which is tolerated. Any
// other content gives an error that wraps ErrNotJSON; the fields are not
// validated here.
func DecodeReply(content string) (Reply, error) {
	text := stripFence(strings.TrimSpace(content))
	var r Reply
	if !strings.HasPrefix(text, "{") {
		return r, notJSON(content, nil)
	}
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		return Reply{}, notJSON(content, err)
	}
	return r, nil
}

// stripFence removes a Markdown code fence around the whole text.
func stripFence(text string) string {
	if !strings.HasPrefix(text, "```") || !strings.HasSuffix(text, "```") || len(text) < 6 {
		return text
	}
	inner := text[3 : len(text)-3]
	// The opening fence's info string ("json", "JSON", none) ends its line.
	if nl := strings.IndexByte(inner, '\n'); nl >= 0 && !strings.Contains(inner[:nl], "{") {
		inner = inner[nl+1:]
	}
	return strings.TrimSpace(inner)
}

func notJSON(content string, cause error) error {
	excerpt := strings.Join(strings.Fields(content), " ")
	if r := []rune(excerpt); len(r) > 60 {
		excerpt = string(r[:60]) + "…"
	}
	msg := fmt.Sprintf("the model's reply is not a JSON object (it begins %q)", excerpt)
	if cause != nil {
		msg = fmt.Sprintf("the model's reply is not valid JSON: %v (it begins %q)", cause, excerpt)
	}
	return &ollamaError{kind: ErrNotJSON, msg: msg, cause: cause}
}
