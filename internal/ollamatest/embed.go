package ollamatest

import (
	"hash/fnv"
	"math"
	"net/http"
	"strings"
	"unicode"

	"github.com/ollama/ollama/api"
)

// EmbeddingDims is the length of the fake's embedding vectors.
const EmbeddingDims = 256

// handleEmbed answers POST /api/embed with one unit vector per input, or
// Ollama's 501 for a model without embeddings.
func (s *Server) handleEmbed(w http.ResponseWriter, raw []byte) {
	var req api.EmbedRequest
	if !decode(w, raw, &req) {
		return
	}
	var inputs []string
	switch in := req.Input.(type) {
	case string:
		if in != "" {
			inputs = append(inputs, in)
		}
	case []any:
		for _, v := range in {
			text, ok := v.(string)
			if !ok {
				writeError(w, http.StatusBadRequest, "invalid input type")
				return
			}
			inputs = append(inputs, text)
		}
	case nil:
	default:
		writeError(w, http.StatusBadRequest, "invalid input type")
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
	s.mu.Lock()
	noEmbed := s.noEmbed
	s.mu.Unlock()
	if noEmbed {
		writeError(w, http.StatusNotImplemented, "this model does not support embeddings")
		return
	}
	resp := api.EmbedResponse{Model: req.Model, Embeddings: [][]float32{}}
	for _, text := range inputs {
		resp.Embeddings = append(resp.Embeddings, Embedding(text))
		resp.PromptEvalCount += tokens(text)
	}
	writeJSON(w, http.StatusOK, resp)
}

// Embedding is the vector the fake returns for text: each lower-cased word
// adds ±1 to a dimension picked by its hash, and the sum is normalised, so
// texts that share words are close in cosine similarity and the same text
// always gets the same vector.
func Embedding(text string) []float32 {
	v := make([]float32, EmbeddingDims)
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for _, word := range words {
		h := fnv.New64a()
		h.Write([]byte(word))
		sum := h.Sum64()
		sign := float32(1)
		if sum>>63 == 1 {
			sign = -1
		}
		v[sum%EmbeddingDims] += sign
	}
	var norm float64
	for _, x := range v {
		norm += float64(x * x)
	}
	if norm == 0 {
		return v
	}
	scale := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i] *= scale
	}
	return v
}
