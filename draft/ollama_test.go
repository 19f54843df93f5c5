package draft

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/ticket-master/ticket-master/internal/ollamatest"
)

// newOllama returns a client for the fake, with cfg's fields over defaults.
func newOllama(t *testing.T, fake *ollamatest.Server, cfg OllamaConfig) *Ollama {
	t.Helper()
	u, err := url.Parse(fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	cfg.Host = u
	if cfg.Model == "" {
		cfg.Model = "llama3.2"
	}
	return NewOllama(cfg)
}

func userMsg(text string) []Message {
	return []Message{{Role: "system", Content: "You draft GitHub issues."}, {Role: "user", Content: text}}
}

func TestOllamaChatSendsRequestOptions(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 131072))
	o := newOllama(t, fake, OllamaConfig{Temperature: 0.2})

	res, err := o.Chat(context.Background(), userMsg("a TODO in cache.go"), ReplySchema(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Content != ollamatest.DraftContent() || res.PromptEvalCount == 0 || res.EvalCount == 0 || res.DoneReason != "stop" {
		t.Errorf("result = %+v", res)
	}
	reply, err := DecodeReply(res.Content)
	if err != nil || reply.Kind != "bug" || !strings.Contains(reply.Body, "### Done when") {
		t.Errorf("DecodeReply = %+v, %v", reply, err)
	}

	reqs := fake.RequestsTo("/api/chat")
	if len(reqs) != 1 {
		t.Fatalf("%d chat requests", len(reqs))
	}
	body := reqs[0].Body
	var schema any
	if err := json.Unmarshal(ReplySchema(), &schema); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(body["format"], schema) {
		t.Errorf("format = %v, want the reply schema", body["format"])
	}
	if body["stream"] != false || body["keep_alive"] != "10m0s" || body["model"] != "llama3.2" {
		t.Errorf("stream, keep_alive, model = %v, %v, %v", body["stream"], body["keep_alive"], body["model"])
	}
	opts, _ := body["options"].(map[string]any)
	if opts["num_ctx"] != float64(OllamaDefaultNumCtx) || opts["temperature"] != 0.2 {
		t.Errorf("options = %v", opts)
	}
	msgs, _ := body["messages"].([]any)
	if len(msgs) != 2 || msgs[1].(map[string]any)["content"] != "a TODO in cache.go" {
		t.Errorf("messages = %v", msgs)
	}

	// A caller's window overrides the configured one.
	if _, err := o.Chat(context.Background(), userMsg("x"), nil, 16384); err != nil {
		t.Fatal(err)
	}
	last := fake.RequestsTo("/api/chat")[1].Body
	if last["options"].(map[string]any)["num_ctx"] != float64(16384) {
		t.Errorf("num_ctx = %v", last["options"])
	}
	if _, ok := last["format"]; ok {
		t.Errorf("format sent for a free-text chat: %v", last["format"])
	}
}

func TestOllamaChatTimeout(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	fake.QueueChat(ollamatest.Reply{Content: "{}", Delay: time.Hour})
	o := newOllama(t, fake, OllamaConfig{Timeout: 200 * time.Millisecond})

	start := time.Now()
	_, err := o.Chat(context.Background(), userMsg("x"), ReplySchema(), 0)
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if got := err.Error(); got != "Ollama did not answer within 200ms" {
		t.Errorf("message = %q", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestOllamaChatCallerCancel(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	fake.QueueChat(ollamatest.Reply{Content: "{}", Delay: time.Hour})
	o := newOllama(t, fake, OllamaConfig{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := o.Chat(ctx, userMsg("x"), nil, 0)
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) || errors.Is(err, ErrUnreachable) {
		t.Errorf("err = %v, want only context.Canceled", err)
	}
}

func TestOllamaChatModelMissing(t *testing.T) {
	fake := ollamatest.NewTest(t)
	o := newOllama(t, fake, OllamaConfig{})
	_, err := o.Chat(context.Background(), userMsg("x"), ReplySchema(), 0)
	if !errors.Is(err, ErrModelMissing) {
		t.Fatalf("err = %v, want ErrModelMissing", err)
	}
	want := "model \"llama3.2\" is not available in Ollama: pull it with `ticket-master model pull llama3.2`"
	if err.Error() != want {
		t.Errorf("message = %q", err)
	}
	var se api.StatusError
	if !errors.As(err, &se) || se.StatusCode != 404 {
		t.Errorf("the api.StatusError is lost: %#v", err)
	}
}

func TestOllamaChatBusy(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	fake.SetBusy(true)
	o := newOllama(t, fake, OllamaConfig{})
	_, err := o.Chat(context.Background(), userMsg("x"), ReplySchema(), 0)
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "try again later") {
		t.Errorf("err = %v, want ErrBusy", err)
	}
}

func TestOllamaChatServerErrorKeepsMessage(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	fake.QueueChat(ollamatest.Reply{Status: 500, Error: "model requires more system memory (5.6 GiB) than is available (3.1 GiB)"})
	o := newOllama(t, fake, OllamaConfig{})
	_, err := o.Chat(context.Background(), userMsg("x"), ReplySchema(), 0)
	if err == nil || !strings.Contains(err.Error(), "model requires more system memory (5.6 GiB)") || !strings.HasPrefix(err.Error(), "ollama chat: ") {
		t.Errorf("err = %v", err)
	}
	for _, kind := range []error{ErrUnreachable, ErrModelMissing, ErrBusy, ErrTimeout} {
		if errors.Is(err, kind) {
			t.Errorf("a 500 is %v", kind)
		}
	}
}

func TestOllamaConnectionRefused(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	o := newOllama(t, fake, OllamaConfig{})
	fake.Close()

	_, err := o.Chat(context.Background(), userMsg("x"), ReplySchema(), 0)
	if !errors.Is(err, ErrUnreachable) || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
	want := "Ollama is not running at " + o.Host() + ": start it with `ollama serve`, or set OLLAMA_HOST"
	if err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
	if _, err := o.Ping(context.Background()); !errors.Is(err, ErrUnreachable) {
		t.Errorf("Ping: %v", err)
	}
}

func TestOllamaWentAwayAndCameBack(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	o := newOllama(t, fake, OllamaConfig{})
	addr := fake.Addr()

	// Killed while answering: the connection drops mid-request.
	fake.QueueChat(ollamatest.Reply{Content: "{}", Delay: time.Hour})
	errc := make(chan error, 1)
	go func() {
		_, err := o.Chat(context.Background(), userMsg("x"), nil, 0)
		errc <- err
	}()
	fake.WaitRequests(t, "/api/chat", 1)
	fake.Close()
	if err := <-errc; !errors.Is(err, ErrUnreachable) {
		t.Errorf("chat during shutdown: %v, want ErrUnreachable", err)
	}

	if err := fake.StartAt(addr); err != nil {
		t.Fatal(err)
	}
	if v, err := o.Ping(context.Background()); err != nil || v != ollamatest.Version {
		t.Errorf("Ping after restart = %q, %v", v, err)
	}
	if _, err := o.Chat(context.Background(), userMsg("x"), nil, 0); err != nil {
		t.Errorf("chat after restart: %v", err)
	}
}

func TestOllamaChatNotJSON(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	fake.QueueChat(ollamatest.Reply{Content: "Sure! Here is the issue you asked for: Fix the cache."})
	o := newOllama(t, fake, OllamaConfig{})
	res, err := o.Chat(context.Background(), userMsg("x"), ReplySchema(), 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = DecodeReply(res.Content)
	if !errors.Is(err, ErrNotJSON) || !strings.Contains(err.Error(), "Sure! Here is") {
		t.Errorf("err = %v, want ErrNotJSON", err)
	}
}

func TestOllamaModel(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 131072), ollamatest.WithModel("qwen2.5-coder:7b", 32768))
	o := newOllama(t, fake, OllamaConfig{})

	info, err := o.Model(context.Background(), "llama3.2")
	if err != nil {
		t.Fatal(err)
	}
	if !info.Present || info.ContextLength != 131072 || info.Family != "llama" || !slices.Contains(info.Capabilities, "completion") {
		t.Errorf("llama3.2 = %+v", info)
	}
	info, err = o.Model(context.Background(), "qwen2.5-coder:7b")
	if err != nil || info.ContextLength != 32768 || info.Family != "qwen2" {
		t.Errorf("qwen = %+v, %v", info, err)
	}

	info, err = o.Model(context.Background(), "mistral")
	if info.Present || !errors.Is(err, ErrModelMissing) || !strings.Contains(err.Error(), "ticket-master model pull mistral") {
		t.Errorf("missing = %+v, %v", info, err)
	}

	names, err := o.Models(context.Background())
	slices.Sort(names)
	if err != nil || !slices.Equal(names, []string{"llama3.2:latest", "qwen2.5-coder:7b"}) {
		t.Errorf("Models = %v, %v", names, err)
	}
}

func TestOllamaModelUnknownContextLength(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("custom", 0))
	info, err := newOllama(t, fake, OllamaConfig{}).Model(context.Background(), "custom")
	if err != nil || !info.Present || info.ContextLength != 0 {
		t.Errorf("info = %+v, %v", info, err)
	}
}

func TestOllamaPull(t *testing.T) {
	fake := ollamatest.NewTest(t)
	o := newOllama(t, fake, OllamaConfig{})

	var statuses []string
	var partial bool
	err := o.Pull(context.Background(), "llama3.2", func(status string, completed, total int64) {
		statuses = append(statuses, status)
		partial = partial || (completed > 0 && completed < total)
	})
	if err != nil {
		t.Fatal(err)
	}
	if statuses[0] != "pulling manifest" || statuses[len(statuses)-1] != "success" || !partial {
		t.Errorf("statuses = %v, partial progress %v", statuses, partial)
	}
	if info, err := o.Model(context.Background(), "llama3.2"); err != nil || info.ContextLength != 131072 {
		t.Errorf("after pull: %+v, %v", info, err)
	}

	err = o.Pull(context.Background(), "no-such-model", nil)
	if !errors.Is(err, ErrNotInRegistry) || !strings.Contains(err.Error(), `"no-such-model"`) {
		t.Errorf("unknown model: %v", err)
	}
}

func TestOllamaPullInterrupted(t *testing.T) {
	fake := ollamatest.NewTest(t)
	fake.SetPullDelay(20 * time.Millisecond)
	o := newOllama(t, fake, OllamaConfig{})
	var once sync.Once
	err := o.Pull(context.Background(), "llama3.2", func(status string, _, _ int64) {
		once.Do(func() { go fake.Close() }) // Ollama stops after the first line
	})
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), "before the pull of \"llama3.2\" was complete") {
		t.Errorf("err = %v, want ErrUnreachable", err)
	}
}

func TestOllamaEmbed(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("nomic-embed-text", 2048))
	o := newOllama(t, fake, OllamaConfig{Model: "nomic-embed-text"})
	vecs, err := o.Embed(context.Background(), []string{"cache eviction drops entries", "write parser docs"})
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != 2 || len(vecs[0]) != ollamatest.EmbeddingDims {
		t.Errorf("got %d vectors", len(vecs))
	}
	if body := fake.RequestsTo("/api/embed")[0].Body; body["model"] != "nomic-embed-text" || body["keep_alive"] != "10m0s" {
		t.Errorf("embed request = %v", body)
	}

	fake.SetEmbeddings(false)
	_, err = o.Embed(context.Background(), []string{"x"})
	if !errors.Is(err, ErrNoEmbeddings) {
		t.Errorf("err = %v, want ErrNoEmbeddings", err)
	}
}

func TestOllamaOneRequestAtATime(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	fake.OnChat(func(api.ChatRequest) ollamatest.Reply {
		return ollamatest.Reply{Content: "{}", Delay: 50 * time.Millisecond}
	})
	o := newOllama(t, fake, OllamaConfig{})

	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Go(func() {
			if i == 2 {
				_, errs[i] = o.Embed(context.Background(), []string{"x"})
				return
			}
			_, errs[i] = o.Chat(context.Background(), userMsg("x"), nil, 0)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("call %d: %v", i, err)
		}
	}
	if got := fake.MaxInFlight(); got != 1 {
		t.Errorf("max in flight = %d, want 1", got)
	}
}

func TestOllamaWaitForSlotRespectsContext(t *testing.T) {
	fake := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	fake.QueueChat(ollamatest.Reply{Content: "{}", Delay: time.Hour})
	o := newOllama(t, fake, OllamaConfig{})

	holder, release := context.WithCancel(context.Background())
	defer release()
	held := make(chan struct{})
	go func() {
		defer close(held)
		o.Chat(holder, userMsg("first"), nil, 0)
	}()
	fake.WaitRequests(t, "/api/chat", 1)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := o.Chat(ctx, userMsg("second"), nil, 0)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the caller's deadline", err)
	}
	if n := len(fake.RequestsTo("/api/chat")); n != 1 {
		t.Errorf("%d chat requests sent, want 1: the second must wait for the slot", n)
	}
	release()
	<-held
}

func TestOllamaDefaults(t *testing.T) {
	o := NewOllama(OllamaConfig{Model: "llama3.2"})
	cfg := o.Config()
	if o.Host() != "http://127.0.0.1:11434" || cfg.NumCtx != 8192 || cfg.KeepAlive != 10*time.Minute || cfg.Timeout != 2*time.Minute {
		t.Errorf("host %s, config %+v", o.Host(), cfg)
	}
}
