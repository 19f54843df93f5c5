package ollamatest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/ticket-master/ticket-master/internal/ollamatest"
)

// client is the real Ollama client pointed at the fake.
func client(t *testing.T, s *ollamatest.Server) *api.Client {
	t.Helper()
	u, err := url.Parse(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	return api.NewClient(u, &http.Client{Timeout: 10 * time.Second})
}

func statusError(t *testing.T, err error) api.StatusError {
	t.Helper()
	var se api.StatusError
	if !errors.As(err, &se) {
		t.Fatalf("error %v (%T) is not an api.StatusError", err, err)
	}
	return se
}

func TestRootAndVersion(t *testing.T) {
	s := ollamatest.NewTest(t, ollamatest.WithVersion("9.9.9"))
	resp, err := http.Get(s.URL() + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "Ollama is running" {
		t.Errorf("GET / = %q", body)
	}
	c := client(t, s)
	if err := c.Heartbeat(context.Background()); err != nil {
		t.Errorf("Heartbeat: %v", err)
	}
	v, err := c.Version(context.Background())
	if err != nil || v != "9.9.9" {
		t.Errorf("Version = %q, %v", v, err)
	}
}

func TestChatNonStreaming(t *testing.T) {
	s := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 131072))
	stream := false
	req := &api.ChatRequest{
		Model:     "llama3.2",
		Messages:  []api.Message{{Role: "user", Content: strings.Repeat("word ", 100)}},
		Stream:    &stream,
		Format:    json.RawMessage(`{"type":"object"}`),
		Options:   map[string]any{"num_ctx": 8192, "temperature": 0.2},
		KeepAlive: &api.Duration{Duration: 10 * time.Minute},
	}
	var calls []api.ChatResponse
	err := client(t, s).Chat(context.Background(), req, func(r api.ChatResponse) error {
		calls = append(calls, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 {
		t.Fatalf("callback called %d times, want 1", len(calls))
	}
	got := calls[0]
	if !got.Done || got.Message.Role != "assistant" || got.Message.Content != ollamatest.DraftContent() {
		t.Errorf("reply = %+v", got)
	}
	if got.PromptEvalCount < 100 || got.EvalCount == 0 {
		t.Errorf("counts = %d, %d", got.PromptEvalCount, got.EvalCount)
	}

	reqs := s.RequestsTo("/api/chat")
	if len(reqs) != 1 {
		t.Fatalf("recorded %d chat requests", len(reqs))
	}
	body := reqs[0].Body
	if body["stream"] != false || body["keep_alive"] != "10m0s" {
		t.Errorf("stream, keep_alive = %v, %v", body["stream"], body["keep_alive"])
	}
	if f, ok := body["format"].(map[string]any); !ok || f["type"] != "object" {
		t.Errorf("format = %v", body["format"])
	}
	opts, _ := body["options"].(map[string]any)
	if opts["num_ctx"] != float64(8192) || opts["temperature"] != 0.2 {
		t.Errorf("options = %v", opts)
	}
	var decoded api.ChatRequest
	if err := reqs[0].Decode(&decoded); err != nil || decoded.Model != "llama3.2" {
		t.Errorf("Decode = %+v, %v", decoded, err)
	}
}

func TestChatStreamingJoinsChunks(t *testing.T) {
	s := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	content := "a reply long enough to be cut into several streamed chunks by the fake"
	s.QueueChat(ollamatest.Reply{Content: content})
	var text strings.Builder
	var chunks int
	var last api.ChatResponse
	err := client(t, s).Chat(context.Background(), &api.ChatRequest{
		Model:    "llama3.2",
		Messages: []api.Message{{Role: "user", Content: "hi"}},
	}, func(r api.ChatResponse) error {
		chunks++
		text.WriteString(r.Message.Content)
		last = r
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if text.String() != content || chunks < 3 {
		t.Errorf("got %q in %d chunks", text.String(), chunks)
	}
	if !last.Done || last.DoneReason != "stop" || last.EvalCount == 0 {
		t.Errorf("last chunk = %+v", last)
	}
}

func TestChatTruncatesPromptToNumCtx(t *testing.T) {
	s := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	stream := false
	var got api.ChatResponse
	err := client(t, s).Chat(context.Background(), &api.ChatRequest{
		Model:    "llama3.2",
		Messages: []api.Message{{Role: "user", Content: strings.Repeat("x", 4000)}},
		Stream:   &stream,
		Options:  map[string]any{"num_ctx": 512},
	}, func(r api.ChatResponse) error { got = r; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if got.PromptEvalCount != 512 {
		t.Errorf("prompt_eval_count = %d, want 512 (the window)", got.PromptEvalCount)
	}
}

func TestChatErrors(t *testing.T) {
	s := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	c := client(t, s)
	no := false
	chat := func(model string, stream *bool) (string, error) {
		var text strings.Builder
		err := c.Chat(context.Background(), &api.ChatRequest{
			Model: model, Stream: stream, Messages: []api.Message{{Role: "user", Content: "hi"}},
		}, func(r api.ChatResponse) error { text.WriteString(r.Message.Content); return nil })
		return text.String(), err
	}

	_, err := chat("nope", &no)
	se := statusError(t, err)
	if se.StatusCode != 404 || se.ErrorMessage != "model 'nope' not found" {
		t.Errorf("missing model: %+v", se)
	}

	s.SetBusy(true)
	_, err = chat("llama3.2", &no)
	se = statusError(t, err)
	if se.StatusCode != 503 || !strings.HasPrefix(se.ErrorMessage, "server busy") {
		t.Errorf("busy: %+v", se)
	}
	s.SetBusy(false)

	s.QueueChat(ollamatest.Reply{Status: 500, Error: "llama runner process has terminated: exit status 2"})
	_, err = chat("llama3.2", &no)
	if se := statusError(t, err); se.StatusCode != 500 || !strings.Contains(se.ErrorMessage, "runner") {
		t.Errorf("runner crash: %+v", se)
	}

	// An error after the stream has started arrives as a line, not a status.
	s.QueueChat(ollamatest.Reply{Content: "partial answer that goes on", Error: "runner died"})
	text, err := chat("llama3.2", nil)
	if err == nil || err.Error() != "runner died" || text == "" {
		t.Errorf("mid-stream error: %q, %v", text, err)
	}
	var se2 api.StatusError
	if errors.As(err, &se2) {
		t.Errorf("mid-stream error is a StatusError: %+v", se2)
	}
}

func TestChatResponderAndDelay(t *testing.T) {
	s := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	s.OnChat(func(req api.ChatRequest) ollamatest.Reply {
		return ollamatest.Reply{Content: "echo: " + req.Messages[0].Content, Delay: time.Hour}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := client(t, s).Chat(ctx, &api.ChatRequest{
		Model: "llama3.2", Messages: []api.Message{{Role: "user", Content: "x"}},
	}, func(api.ChatResponse) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("the delayed reply held the client for %v", time.Since(start))
	}
}

func TestShowAndTags(t *testing.T) {
	s := ollamatest.NewTest(t)
	s.AddModel("llama3.2", 131072)
	s.AddModel("qwen2.5-coder:7b", 32768)
	c := client(t, s)
	show, err := c.Show(context.Background(), &api.ShowRequest{Model: "llama3.2"})
	if err != nil {
		t.Fatal(err)
	}
	if show.ModelInfo["general.architecture"] != "llama" || show.ModelInfo["llama.context_length"] != float64(131072) {
		t.Errorf("model_info = %v", show.ModelInfo)
	}
	show, err = c.Show(context.Background(), &api.ShowRequest{Model: "QWEN2.5-coder:7b"})
	if err != nil || show.ModelInfo["qwen2.context_length"] != float64(32768) || show.Details.Family != "qwen2" {
		t.Errorf("qwen show = %+v, %v", show, err)
	}
	_, err = c.Show(context.Background(), &api.ShowRequest{Model: "nope"})
	if se := statusError(t, err); se.StatusCode != 404 || se.ErrorMessage != "model 'nope' not found" {
		t.Errorf("show missing: %+v", se)
	}
	list, err := c.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range list.Models {
		names = append(names, m.Name)
	}
	if strings.Join(names, ",") != "llama3.2:latest,qwen2.5-coder:7b" &&
		strings.Join(names, ",") != "qwen2.5-coder:7b,llama3.2:latest" {
		t.Errorf("tags = %v", names)
	}
}

func TestPull(t *testing.T) {
	s := ollamatest.NewTest(t)
	c := client(t, s)
	var statuses []string
	var sawProgress bool
	err := c.Pull(context.Background(), &api.PullRequest{Model: "llama3.2"}, func(p api.ProgressResponse) error {
		if len(statuses) == 0 || statuses[len(statuses)-1] != p.Status {
			statuses = append(statuses, p.Status)
		}
		if p.Total > 0 && p.Completed > 0 && p.Completed < p.Total {
			sawProgress = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if statuses[0] != "pulling manifest" || statuses[len(statuses)-1] != "success" || !sawProgress {
		t.Errorf("statuses = %v, progress %v", statuses, sawProgress)
	}
	if !strings.HasPrefix(statuses[1], "pulling ") || len(statuses[1]) != len("pulling ")+12 {
		t.Errorf("layer status = %q", statuses[1])
	}
	list, err := c.List(context.Background())
	if err != nil || len(list.Models) != 1 || list.Models[0].Name != "llama3.2:latest" {
		t.Errorf("after pull, tags = %+v, %v", list, err)
	}
	show, err := c.Show(context.Background(), &api.ShowRequest{Model: "llama3.2"})
	if err != nil || show.ModelInfo["llama.context_length"] != float64(131072) {
		t.Errorf("after pull, show = %v, %v", show, err)
	}

	// Unknown to the registry: the error comes in the stream, after 200.
	statuses = nil
	err = c.Pull(context.Background(), &api.PullRequest{Model: "no-such-model"}, func(p api.ProgressResponse) error {
		statuses = append(statuses, p.Status)
		return nil
	})
	if err == nil || err.Error() != "pull model manifest: file does not exist" {
		t.Errorf("unknown pull: %v", err)
	}
	if len(statuses) != 1 || statuses[0] != "pulling manifest" {
		t.Errorf("unknown pull statuses = %v", statuses)
	}

	s.AddRegistryModel("acme/custom", 4096)
	no := false
	var final api.ProgressResponse
	err = c.Pull(context.Background(), &api.PullRequest{Model: "acme/custom:1b", Stream: &no}, func(p api.ProgressResponse) error {
		final = p
		return nil
	})
	if err != nil || final.Status != "success" {
		t.Errorf("non-streaming pull: %+v, %v", final, err)
	}
}

func TestEmbed(t *testing.T) {
	s := ollamatest.NewTest(t, ollamatest.WithModel("nomic-embed-text", 2048))
	c := client(t, s)
	resp, err := c.Embed(context.Background(), &api.EmbedRequest{
		Model: "nomic-embed-text",
		Input: []string{"fix the cache eviction bug", "fix the cache eviction bug soon", "write docs for the parser"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Embeddings) != 3 || len(resp.Embeddings[0]) != ollamatest.EmbeddingDims {
		t.Fatalf("embeddings: %d", len(resp.Embeddings))
	}
	near, far := cosine(resp.Embeddings[0], resp.Embeddings[1]), cosine(resp.Embeddings[0], resp.Embeddings[2])
	if near < 0.8 || far >= near {
		t.Errorf("cosine near %.2f, far %.2f", near, far)
	}
	single, err := c.Embed(context.Background(), &api.EmbedRequest{Model: "nomic-embed-text", Input: "fix the cache eviction bug"})
	if err != nil || cosine(single.Embeddings[0], resp.Embeddings[0]) < 0.9999 {
		t.Errorf("same text, different vector: %v", err)
	}

	s.SetEmbeddings(false)
	_, err = c.Embed(context.Background(), &api.EmbedRequest{Model: "nomic-embed-text", Input: "x"})
	if se := statusError(t, err); se.StatusCode != 501 || se.ErrorMessage != "this model does not support embeddings" {
		t.Errorf("no embeddings: %+v", se)
	}
	_, err = c.Embed(context.Background(), &api.EmbedRequest{Model: "nope", Input: "x"})
	if se := statusError(t, err); se.StatusCode != 404 {
		t.Errorf("missing model: %+v", se)
	}
}

func cosine(a, b []float32) float64 {
	var dot float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
	}
	return dot // both are unit vectors
}

func TestRestartOnSameAddress(t *testing.T) {
	s := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	c := client(t, s)
	addr := s.Addr()
	s.Close()
	if _, err := c.Version(context.Background()); err == nil {
		t.Fatal("a closed server answered")
	}
	if err := s.StartAt(addr); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Version(context.Background()); err != nil {
		t.Fatalf("after restart: %v", err)
	}
	if list, err := c.List(context.Background()); err != nil || len(list.Models) != 1 {
		t.Errorf("models lost across restart: %+v, %v", list, err)
	}
}

func TestCloseEndsDelayedReplies(t *testing.T) {
	s := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	s.QueueChat(ollamatest.Reply{Content: "late", Delay: time.Hour})
	c := client(t, s)
	errc := make(chan error, 1)
	go func() {
		errc <- c.Chat(context.Background(), &api.ChatRequest{
			Model: "llama3.2", Messages: []api.Message{{Role: "user", Content: "x"}},
		}, func(api.ChatResponse) error { return nil })
	}()
	s.WaitRequests(t, "/api/chat", 1)
	s.Close()
	select {
	case err := <-errc:
		if err == nil {
			t.Error("chat succeeded on a server that went away")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not end the delayed reply")
	}
}

func TestMaxInFlight(t *testing.T) {
	s := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	// Each reply waits until both requests are in, so they overlap for sure.
	var mu sync.Mutex
	arrived := 0
	both := make(chan struct{})
	s.OnChat(func(api.ChatRequest) ollamatest.Reply {
		mu.Lock()
		arrived++
		if arrived == 2 {
			close(both)
		}
		mu.Unlock()
		select {
		case <-both:
		case <-time.After(5 * time.Second):
		}
		return ollamatest.Reply{Content: "{}"}
	})
	c := client(t, s)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			c.Chat(context.Background(), &api.ChatRequest{
				Model: "llama3.2", Messages: []api.Message{{Role: "user", Content: "x"}},
			}, func(api.ChatResponse) error { return nil })
		})
	}
	wg.Wait()
	if got := s.MaxInFlight(); got != 2 {
		t.Errorf("MaxInFlight = %d for two overlapping requests, want 2", got)
	}
}

func TestUnknownPath(t *testing.T) {
	s := ollamatest.NewTest(t)
	resp, err := http.Get(s.URL() + "/api/nothing")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 404 || string(body) != "404 page not found" {
		t.Errorf("%d %q", resp.StatusCode, body)
	}
}

// recorder stands in for a test, to see what the server reports at the end.
type recorder struct {
	testing.TB
	cleanups []func()
	errors   []string
}

func (r *recorder) Helper()          {}
func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recorder) Errorf(format string, a ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, a...))
}

func (r *recorder) end() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

func TestUnusedQueuedRepliesFailTheTest(t *testing.T) {
	rec := &recorder{TB: t}
	s := ollamatest.NewTest(rec, ollamatest.WithModel("llama3.2", 0))
	s.QueueChat(ollamatest.Reply{Content: "first"}, ollamatest.Reply{Content: "second"}, ollamatest.Reply{Content: "third"})
	stream := false
	req := &api.ChatRequest{Model: "llama3.2", Messages: []api.Message{{Role: "user", Content: "hi"}}, Stream: &stream}
	if err := client(t, s).Chat(context.Background(), req, func(api.ChatResponse) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if n := s.Unused(); n != 2 {
		t.Errorf("Unused = %d, want 2", n)
	}
	rec.end()
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "2 queued chat replies were never used") {
		t.Fatalf("reported %q, want the 2 unused replies", rec.errors)
	}

	used := &recorder{TB: t}
	s = ollamatest.NewTest(used, ollamatest.WithModel("llama3.2", 0))
	s.QueueChat(ollamatest.Reply{Content: "only"})
	if err := client(t, s).Chat(context.Background(), req, func(api.ChatResponse) error { return nil }); err != nil {
		t.Fatal(err)
	}
	used.end()
	if len(used.errors) != 0 {
		t.Errorf("every reply was used, yet: %q", used.errors)
	}
}

func TestWaitRequestsFailsAfterItsTimeout(t *testing.T) {
	s := ollamatest.NewTest(t)
	rec := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		ollamatest.WaitRequestsWithin(s, rec, "/api/chat", 1, 50*time.Millisecond)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("WaitRequests did not give up")
	}
	if !strings.Contains(rec.fatal, "for 1 requests to /api/chat, got 0") {
		t.Errorf("fatal = %q", rec.fatal)
	}
}

// fatalRecorder records Fatalf and ends the goroutine, as t.Fatalf does.
type fatalRecorder struct {
	testing.TB
	fatal string
}

func (r *fatalRecorder) Helper() {}
func (r *fatalRecorder) Fatalf(format string, a ...any) {
	r.fatal = fmt.Sprintf(format, a...)
	runtime.Goexit()
}
