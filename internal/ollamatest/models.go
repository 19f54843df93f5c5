package ollamatest

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"time"
)

// model is a model the fake has "on disk".
type model struct {
	name          string // as listed, e.g. "llama3.2:latest"
	family        string // architecture, e.g. "llama"
	contextLength int
	digest        string // sha256 of the name, hex
	modifiedAt    time.Time
}

// DefaultRegistry is what a new server can pull: a few common models with
// the context length and architecture the real ones report.
func DefaultRegistry() map[string]int {
	return map[string]int{
		"llama3.2":         131072,
		"llama3.1":         131072,
		"qwen2.5-coder":    32768,
		"qwen3":            40960,
		"gemma3":           131072,
		"mistral":          32768,
		"nomic-embed-text": 2048,
	}
}

// familyOf guesses the architecture Ollama reports for a model, which is what
// "<arch>.context_length" in /api/show is keyed by: a known prefix, else the
// name's leading letters ("granite3.1" → "granite").
func familyOf(name string) string {
	base := baseName(name)
	if i := strings.LastIndex(base, "/"); i >= 0 {
		base = base[i+1:]
	}
	known := []struct{ prefix, family string }{
		{"qwen2.5", "qwen2"},
		{"qwen3", "qwen3"},
		{"gemma3", "gemma3"},
		{"gemma2", "gemma2"},
		{"mistral", "llama"},
		{"llama", "llama"},
		{"nomic-embed", "nomic-bert"},
		{"phi3", "phi3"},
	}
	for _, f := range known {
		if strings.HasPrefix(base, f.prefix) {
			return f.family
		}
	}
	end := strings.IndexFunc(base, func(r rune) bool { return r < 'a' || r > 'z' })
	switch {
	case end < 0:
		return base
	case end == 0:
		return "llama"
	}
	return base[:end]
}

// fullName adds ":latest" to a name without a tag, as Ollama does.
func fullName(name string) string {
	slash := strings.LastIndex(name, "/")
	if !strings.Contains(name[slash+1:], ":") {
		return name + ":latest"
	}
	return name
}

// baseName is the name without its tag, lower case.
func baseName(name string) string {
	name = strings.ToLower(fullName(name))
	return name[:strings.LastIndex(name, ":")]
}

// key is how models are looked up: Ollama matches names case-insensitively.
func key(name string) string {
	return strings.ToLower(fullName(name))
}

func (s *Server) addModelLocked(name string, contextLength int) {
	sum := sha256.Sum256([]byte(key(name)))
	s.models[key(name)] = &model{
		name:          fullName(name),
		family:        familyOf(name),
		contextLength: contextLength,
		digest:        fmt.Sprintf("%x", sum),
		modifiedAt:    s.clock().UTC(),
	}
}

func (s *Server) lookup(name string) (model, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.models[key(name)]
	if !ok {
		return model{}, false
	}
	return *m, true
}
