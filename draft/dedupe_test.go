package draft

import (
	"math"
	"testing"
)

func TestWordSimilarity(t *testing.T) {
	tests := []struct {
		a, b     string
		min, max float64
	}{
		{"Retry S3 uploads", "retry s3 uploads", 1, 1},
		{"Retry the uploads", "**Retry** uploads!", 1, 1},           // stop words and markdown ignored
		{"Retry uploads that fail", "retrying failed upload", 1, 1}, // endings folded
		{"Retry uploads", "Validate file size", 0, 0},
		{"", "anything", 0, 0},
		{"the a of", "the a of", 0, 0}, // nothing but stop words
		{"retry uploads on 503", "retry uploads", 0.6, 0.7},
	}
	for _, tt := range tests {
		got := WordSimilarity(tt.a, tt.b)
		if got < tt.min-1e-9 || got > tt.max+1e-9 {
			t.Errorf("WordSimilarity(%q, %q) = %.3f, want %.2f..%.2f", tt.a, tt.b, got, tt.min, tt.max)
		}
		if back := WordSimilarity(tt.b, tt.a); back != got {
			t.Errorf("not symmetric: %.3f and %.3f", got, back)
		}
	}
}

func TestCosine(t *testing.T) {
	tests := []struct {
		a, b []float32
		want float64
	}{
		{[]float32{1, 0}, []float32{1, 0}, 1},
		{[]float32{1, 0}, []float32{0, 1}, 0},
		{[]float32{1, 1}, []float32{-1, -1}, -1},
		{[]float32{3, 4}, []float32{6, 8}, 1},
		{[]float32{1, 2}, []float32{1, 2, 3}, 0},
		{[]float32{0, 0}, []float32{1, 2}, 0},
		{nil, nil, 0},
	}
	for _, tt := range tests {
		if got := Cosine(tt.a, tt.b); math.Abs(got-tt.want) > 1e-6 {
			t.Errorf("Cosine(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestFindDuplicate(t *testing.T) {
	retry := Candidate{
		ID:    7,
		Title: "Retry S3 uploads that fail with 503",
		Body: "Uploads in `svc/upload.py` give up on the first 503 from the bucket.\n\n" +
			"### Why\nA brief S3 slowdown fails the whole export job.\n\n" +
			"### Suggested approach\n- Wrap `upload()` in a retry with exponential backoff.\n\n" +
			"### Done when\n- [ ] A 503 followed by a 200 uploads the file once.\n\n" +
			"---\nFound in [`svc/upload.py#L7`](https://github.com/acme/gadgets/blob/3f2a9c1/svc/upload.py#L7)\n" +
			"<!-- ticket-master:fingerprint=todo:svc/upload.py:aaaa -->",
	}
	size := Candidate{
		ID:    9,
		Title: "Reject files larger than the bucket's part limit",
		Body: "`svc/upload.py` sends files of any size, and the bucket refuses parts over 5 GB.\n\n" +
			"### Why\nLarge exports fail late with an unclear error.\n\n" +
			"### Suggested approach\n- Check the size in `upload()` before sending.\n\n" +
			"### Done when\n- [ ] A 6 GB file fails at once with an error naming it.",
	}
	existing := []Candidate{size, retry}

	t.Run("reworded", func(t *testing.T) {
		id, score, ok := FindDuplicate(
			"Retry S3 uploads failing with a 503",
			"The uploads in `svc/upload.py` give up at the first 503 from the S3 bucket.\n\n"+
				"### Why\nA short S3 slowdown fails the export job.\n\n"+
				"### Suggested approach\n- Wrap `upload()` in retries with exponential backoff.\n\n"+
				"### Done when\n- [ ] A 503 then a 200 uploads the file once.\n\n"+
				"---\nFound in [`svc/upload.py#L9`](https://github.com/acme/gadgets/blob/b4d00d1/svc/upload.py#L9)\n"+
				"<!-- ticket-master:fingerprint=todo:svc/upload.py:bbbb -->",
			nil, existing)
		if !ok || id != 7 || score < DuplicateWords {
			t.Errorf("got %d, %.2f, %v; want the retry issue", id, score, ok)
		}
	})
	t.Run("another TODO in the same file", func(t *testing.T) {
		id, score, ok := FindDuplicate(
			"Log the part number when an upload fails",
			"`svc/upload.py` logs a failed upload without saying which part failed.\n\n"+
				"### Why\nSupport cannot tell which part of an export to resend.\n\n"+
				"### Suggested approach\n- Add the part number to the error in `upload()`.\n\n"+
				"### Done when\n- [ ] The error names the part.",
			nil, existing)
		if ok || id != 0 || score >= DuplicateWords {
			t.Errorf("got %d, %.2f, %v; want no duplicate", id, score, ok)
		}
	})
	t.Run("embeddings decide when both sides have them", func(t *testing.T) {
		withEmb := []Candidate{
			{ID: 1, Title: "Retry S3 uploads that fail with 503", Embedding: []float32{0, 1, 0}},
			{ID: 2, Title: "Something else entirely", Embedding: []float32{0.96, 0.28, 0}},
		}
		id, score, ok := FindDuplicate("Make the exporter resilient to bucket hiccups", "", []float32{1, 0.2, 0}, withEmb)
		if !ok || id != 2 || score < DuplicateCosine {
			t.Errorf("got %d, %.3f, %v; want 2 by cosine", id, score, ok)
		}
		// Same words, distant meaning: the embeddings win.
		if id, _, ok := FindDuplicate(withEmb[0].Title, "", []float32{1, 0, 0}, withEmb[:1]); ok {
			t.Errorf("got %d; embeddings say these differ", id)
		}
	})
	t.Run("words when an embedding is missing or of another size", func(t *testing.T) {
		cands := []Candidate{{ID: 3, Title: retry.Title, Body: retry.Body, Embedding: []float32{1, 2}}}
		if id, _, ok := FindDuplicate(retry.Title, retry.Body, []float32{1, 2, 3}, cands); !ok || id != 3 {
			t.Errorf("got %d, %v; want 3 by words", id, ok)
		}
		if id, _, ok := FindDuplicate(retry.Title, retry.Body, nil, cands); !ok || id != 3 {
			t.Errorf("got %d, %v; want 3 by words", id, ok)
		}
	})
	t.Run("nothing to compare", func(t *testing.T) {
		if id, score, ok := FindDuplicate("x", "y", nil, nil); ok || id != 0 || score != 0 {
			t.Errorf("got %d, %v, %v", id, score, ok)
		}
	})
}
