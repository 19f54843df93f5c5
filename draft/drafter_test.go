package draft

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/internal/ollamatest"
	"github.com/ticket-master/ticket-master/store"
)

func drafterFor(t *testing.T, srv *ollamatest.Server) *LLMDrafter {
	t.Helper()
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	o := NewOllama(OllamaConfig{Host: u, Model: "llama3.2", Timeout: 5 * time.Second})
	return &LLMDrafter{Ollama: o, Model: "llama3.2", NumCtx: 8192, Labels: KindLabels()}
}

func replyJSON(t *testing.T, r Reply) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func okReply() Reply {
	return Reply{
		Title: "Retry uploads that fail with a 503",
		Body: "`upload()` in `svc/upload.py` gives up on the first 503.\n\n### Why\nA brief slowdown fails the export.\n\n" +
			"### Suggested approach\n- Wrap `upload()` in a retry with backoff.\n\n### Done when\n- [ ] A 503 then a 200 uploads once.\n",
		Labels: []string{"enhancement"}, Kind: "enhancement", Confidence: 0.8,
	}
}

func promptIn() PromptInput {
	return PromptInput{
		Finding: store.Finding{
			Finding: finding.Finding{Fingerprint: "todo:svc/upload.py:abc", Kind: "todo", Word: "TODO",
				Text:     "retry uploads that fail with a 503",
				Evidence: finding.Evidence{Path: "svc/upload.py", Line: 5, Commit: strings.Repeat("a", 40), Subject: "upload"}},
		},
		Repo: "acme/gadgets", Code: "def upload():\n    # TODO: retry uploads that fail with a 503\n", CodeStart: 4,
	}
}

func exists(paths ...string) func(string) bool {
	return func(p string) bool {
		for _, q := range paths {
			if p == q {
				return true
			}
		}
		return false
	}
}

func TestDraftValidReply(t *testing.T) {
	srv := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 131072))
	srv.QueueChat(ollamatest.Reply{Content: replyJSON(t, okReply())})
	d := drafterFor(t, srv)
	res, err := d.Draft(context.Background(), ghrepo.Repo{Owner: "acme", Name: "gadgets"}, promptIn(), exists("svc/upload.py"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Attempts != 1 || res.Issue.Title != "Retry uploads that fail with a 503" {
		t.Fatalf("result = %+v", res)
	}
	// The facts come from us: the footer with the permalink and the marker.
	for _, want := range []string{"https://github.com/acme/gadgets/blob/" + strings.Repeat("a", 40) + "/svc/upload.py#L5", Marker("todo:svc/upload.py:abc")} {
		if !strings.Contains(res.Issue.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, res.Issue.Body)
		}
	}
	// The request was the structured one the design asks for.
	reqs := srv.RequestsTo("/api/chat")
	if len(reqs) != 1 {
		t.Fatalf("%d chat requests", len(reqs))
	}
	var req api.ChatRequest
	if err := reqs[0].Decode(&req); err != nil {
		t.Fatal(err)
	}
	if req.Stream == nil || *req.Stream || len(req.Format) == 0 || req.Options["num_ctx"] == nil {
		t.Errorf("request lacks stream:false, format or num_ctx: %+v", req)
	}
}

func TestDraftRepairsAnInvalidReply(t *testing.T) {
	srv := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	bad := okReply()
	bad.Body = strings.Replace(bad.Body, "`svc/upload.py`", "`svc/uploader.py`", 1) // a file that does not exist
	srv.QueueChat(ollamatest.Reply{Content: replyJSON(t, bad)}, ollamatest.Reply{Content: replyJSON(t, okReply())})
	res, err := drafterFor(t, srv).Draft(context.Background(), ghrepo.Repo{}, promptIn(), exists("svc/upload.py"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Attempts != 2 {
		t.Fatalf("attempts = %d, want 2", res.Attempts)
	}
	reqs := srv.RequestsTo("/api/chat")
	var repair api.ChatRequest
	if err := reqs[1].Decode(&repair); err != nil {
		t.Fatal(err)
	}
	last := repair.Messages[len(repair.Messages)-1].Content
	if !strings.Contains(last, "svc/uploader.py") {
		t.Errorf("the repair round does not say what was wrong:\n%s", last)
	}
}

func TestDraftGivesUpAfterTwoInvalidReplies(t *testing.T) {
	srv := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	long := okReply()
	long.Title = strings.Repeat("Make the uploader much better ", 5)
	srv.QueueChat(ollamatest.Reply{Content: "this is not json"}, ollamatest.Reply{Content: replyJSON(t, long)})
	res, err := drafterFor(t, srv).Draft(context.Background(), ghrepo.Repo{}, promptIn(), exists("svc/upload.py"))
	if !errors.Is(err, ErrInvalidReply) {
		t.Fatalf("err = %v, want ErrInvalidReply", err)
	}
	if len(res.Problems) == 0 || !strings.Contains(strings.Join(res.Problems, " "), "title") {
		t.Fatalf("problems = %v", res.Problems)
	}
}

func TestDraftUnavailableModel(t *testing.T) {
	srv := ollamatest.NewTest(t) // no model pulled
	_, err := drafterFor(t, srv).Draft(context.Background(), ghrepo.Repo{}, promptIn(), exists())
	if !errors.Is(err, ErrModelMissing) {
		t.Fatalf("err = %v, want ErrModelMissing", err)
	}
	srv.AddModel("llama3.2", 0)
	srv.SetBusy(true)
	if _, err = drafterFor(t, srv).Draft(context.Background(), ghrepo.Repo{}, promptIn(), exists()); !errors.Is(err, ErrBusy) {
		t.Fatalf("err = %v, want ErrBusy", err)
	}
}

// A prompt that Ollama had to cut is not trusted: Ollama truncates the
// prompt to num_ctx and reports prompt_eval_count equal to the window.
func TestDraftDetectsTruncation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req api.ChatRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		numCtx, _ := req.Options["num_ctx"].(float64)
		_ = json.NewEncoder(w).Encode(api.ChatResponse{
			Model: req.Model, Message: api.Message{Role: "assistant", Content: replyJSON(t, okReply())},
			Done: true, DoneReason: "stop", Metrics: api.Metrics{PromptEvalCount: int(numCtx), EvalCount: 50},
		})
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	d := &LLMDrafter{Ollama: NewOllama(OllamaConfig{Host: u, Model: "m", Timeout: 5 * time.Second}), Model: "m", NumCtx: 4096, Labels: KindLabels()}
	_, err := d.Draft(context.Background(), ghrepo.Repo{}, promptIn(), exists("svc/upload.py"))
	if !errors.Is(err, ErrTruncated) {
		t.Fatalf("err = %v, want ErrTruncated", err)
	}
}
