package draft

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ollama/ollama/api"
)

// Defaults for OllamaConfig's zero values.
const (
	// OllamaDefaultNumCtx is the context window asked for: enough for a
	// finding, its surrounding code and the reply, and cheap on a laptop.
	OllamaDefaultNumCtx = 8192
	// OllamaDefaultKeepAlive keeps the model loaded between the drafts of
	// one burst of commits, and frees the memory soon after.
	OllamaDefaultKeepAlive = 10 * time.Minute
	// OllamaDefaultTimeout bounds one chat or embed request; a small model
	// on a CPU writes a draft in well under this.
	OllamaDefaultTimeout = 2 * time.Minute

	// ollamaDialTimeout fails fast when nothing listens: a local server
	// accepts at once or not at all.
	ollamaDialTimeout = 3 * time.Second
	// ollamaProbeTimeout bounds the metadata calls (version, tags, show),
	// which answer in milliseconds even while a model is generating.
	ollamaProbeTimeout = 10 * time.Second
)

// OllamaConfig is how to reach Ollama and run the model.
type OllamaConfig struct {
	Host        *url.URL      // from ResolveHost; nil means OllamaDefaultHost
	Model       string        // e.g. "llama3.2"
	NumCtx      int           // context window to request; 0 means OllamaDefaultNumCtx
	Temperature float64       // sent as is: 0 is deterministic
	KeepAlive   time.Duration // 0 means OllamaDefaultKeepAlive; negative keeps it loaded
	Timeout     time.Duration // per chat or embed request; 0 means OllamaDefaultTimeout
}

// ModelInfo is what /api/show says about a model.
type ModelInfo struct {
	Name          string
	Present       bool
	ContextLength int    // the model's trained context window; 0 if not reported
	Family        string // architecture, e.g. "llama"
	Capabilities  []string
}

// ChatResult is one chat answer.
type ChatResult struct {
	Content         string
	PromptEvalCount int           // prompt tokens Ollama evaluated: at most num_ctx, as it truncates
	EvalCount       int           // tokens generated
	DoneReason      string        // "stop", or "length" when the reply was cut off
	Duration        time.Duration // from sending the request to the answer, not counting the wait for the slot
}

// Ollama is ticket-master's client for a local Ollama: the real api client
// with timeouts, one generation at a time, and errors that say what to do.
type Ollama struct {
	cfg    OllamaConfig
	client *api.Client
	// slot admits one chat or embed request at a time across all callers:
	// a local model runs on one GPU, and requests sent in parallel only
	// queue inside Ollama, where they time out instead of waiting here.
	slot chan struct{}
}

// NewOllama returns a client; it does not contact the server.
func NewOllama(cfg OllamaConfig) *Ollama {
	if cfg.Host == nil {
		cfg.Host = parseOllamaHost(OllamaDefaultHost)
	}
	if cfg.NumCtx <= 0 {
		cfg.NumCtx = OllamaDefaultNumCtx
	}
	if cfg.KeepAlive == 0 {
		cfg.KeepAlive = OllamaDefaultKeepAlive
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = OllamaDefaultTimeout
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DialContext = (&net.Dialer{Timeout: ollamaDialTimeout, KeepAlive: 30 * time.Second}).DialContext
	// No http.Client.Timeout: it would also cut a long model pull short.
	// Each call sets its own deadline on its context instead.
	hc := &http.Client{Transport: transport}
	return &Ollama{cfg: cfg, client: api.NewClient(cfg.Host, hc), slot: make(chan struct{}, 1)}
}

// Config is the configuration in use, defaults filled in.
func (o *Ollama) Config() OllamaConfig { return o.cfg }

// Host is the server's base URL, e.g. http://127.0.0.1:11434.
func (o *Ollama) Host() string { return o.cfg.Host.String() }

// Ping checks that Ollama answers and returns its version.
func (o *Ollama) Ping(ctx context.Context) (string, error) {
	var version string
	err := o.call(ctx, "version", "", o.probeTimeout(), func(ctx context.Context) error {
		var err error
		version, err = o.client.Version(ctx)
		return err
	})
	return version, err
}

// Model describes a model; a model that is not pulled gives Present false
// and an error that wraps ErrModelMissing.
func (o *Ollama) Model(ctx context.Context, name string) (ModelInfo, error) {
	info := ModelInfo{Name: name}
	var show *api.ShowResponse
	err := o.call(ctx, "show", name, o.probeTimeout(), func(ctx context.Context) error {
		var err error
		show, err = o.client.Show(ctx, &api.ShowRequest{Model: name})
		return err
	})
	if err != nil {
		return info, err
	}
	info.Present = true
	arch, _ := show.ModelInfo["general.architecture"].(string)
	info.Family = show.Details.Family
	if info.Family == "" {
		info.Family = arch
	}
	info.ContextLength = contextLength(show.ModelInfo, arch)
	for _, c := range show.Capabilities {
		info.Capabilities = append(info.Capabilities, string(c))
	}
	return info, nil
}

// contextLength reads "<arch>.context_length" from model_info, or any
// "*.context_length" when the architecture is not named.
func contextLength(info map[string]any, arch string) int {
	if n, ok := info[arch+".context_length"].(float64); ok && arch != "" {
		return int(n)
	}
	for k, v := range info {
		if n, ok := v.(float64); ok && strings.HasSuffix(k, ".context_length") {
			return int(n)
		}
	}
	return 0
}

// Models lists the models present, as Ollama names them ("llama3.2:latest").
func (o *Ollama) Models(ctx context.Context) ([]string, error) {
	var list *api.ListResponse
	err := o.call(ctx, "list", "", o.probeTimeout(), func(ctx context.Context) error {
		var err error
		list, err = o.client.List(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(list.Models))
	for _, m := range list.Models {
		names = append(names, m.Name)
	}
	return names, nil
}

// Chat sends msgs to the model and returns its whole answer. format is a
// JSON schema (or "json") that constrains the reply, nil for free text;
// numCtx 0 uses the configured window.
func (o *Ollama) Chat(ctx context.Context, msgs []Message, format json.RawMessage, numCtx int) (ChatResult, error) {
	if err := o.acquire(ctx); err != nil {
		return ChatResult{}, err
	}
	defer o.release()
	if numCtx <= 0 {
		numCtx = o.cfg.NumCtx
	}
	stream := false // one answer, so the timeout covers the whole of it
	req := &api.ChatRequest{
		Model:     o.cfg.Model,
		Messages:  make([]api.Message, 0, len(msgs)),
		Stream:    &stream,
		Format:    format,
		Options:   map[string]any{"num_ctx": numCtx, "temperature": o.cfg.Temperature},
		KeepAlive: &api.Duration{Duration: o.cfg.KeepAlive},
	}
	for _, m := range msgs {
		req.Messages = append(req.Messages, api.Message{Role: m.Role, Content: m.Content})
	}

	var res ChatResult
	var content strings.Builder
	done := false
	start := time.Now()
	err := o.call(ctx, "chat", o.cfg.Model, o.cfg.Timeout, func(ctx context.Context) error {
		return o.client.Chat(ctx, req, func(r api.ChatResponse) error {
			content.WriteString(r.Message.Content) // one call with stream off; joining is harmless
			if r.Done {
				done = true
				res.PromptEvalCount, res.EvalCount, res.DoneReason = r.PromptEvalCount, r.EvalCount, r.DoneReason
			}
			return nil
		})
	})
	res.Duration = time.Since(start)
	if err == nil && !done {
		// The api client reports a body cut short as success.
		err = o.cutShort("the answer")
	}
	if err != nil {
		return ChatResult{Duration: res.Duration}, err
	}
	res.Content = content.String()
	return res, nil
}

// Embed returns one vector per input, from the configured model. A model
// without embeddings gives an error that wraps ErrNoEmbeddings.
func (o *Ollama) Embed(ctx context.Context, inputs []string) ([][]float32, error) {
	if len(inputs) == 0 {
		return nil, nil
	}
	if err := o.acquire(ctx); err != nil {
		return nil, err
	}
	defer o.release()
	var resp *api.EmbedResponse
	err := o.call(ctx, "embed", o.cfg.Model, o.cfg.Timeout, func(ctx context.Context) error {
		var err error
		resp, err = o.client.Embed(ctx, &api.EmbedRequest{
			Model:     o.cfg.Model,
			Input:     inputs,
			KeepAlive: &api.Duration{Duration: o.cfg.KeepAlive},
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(resp.Embeddings) != len(inputs) {
		return nil, fmt.Errorf("ollama embed: %d vectors for %d inputs", len(resp.Embeddings), len(inputs))
	}
	return resp.Embeddings, nil
}

// Pull downloads a model, calling progress (if not nil) with each status
// line: "pulling manifest", "pulling <digest>" with byte counts, ...,
// "success". It has no timeout of its own (a model is gigabytes); ctx ends
// it. It does not take the generation slot: downloading needs no GPU.
func (o *Ollama) Pull(ctx context.Context, name string, progress func(status string, completed, total int64)) error {
	succeeded := false
	err := o.call(ctx, "pull", name, 0, func(ctx context.Context) error {
		return o.client.Pull(ctx, &api.PullRequest{Model: name}, func(p api.ProgressResponse) error {
			succeeded = succeeded || p.Status == "success"
			if progress != nil {
				progress(p.Status, p.Completed, p.Total)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if !succeeded {
		return o.cutShort(fmt.Sprintf("the pull of %q", name))
	}
	return nil
}

// cutShort is the error for an answer whose body ended early: the api
// client ignores a broken stream, so a missing final line is the only sign
// that Ollama went away mid-answer.
func (o *Ollama) cutShort(what string) error {
	return &ollamaError{kind: ErrUnreachable, cause: io.ErrUnexpectedEOF,
		msg: fmt.Sprintf("Ollama at %s closed the connection before %s was complete: it may have stopped or crashed", o.Host(), what)}
}

// acquire waits for the generation slot, or until ctx ends.
func (o *Ollama) acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("waiting for ollama: %w", err)
	}
	select {
	case o.slot <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("waiting for ollama: %w", ctx.Err())
	}
}

func (o *Ollama) release() { <-o.slot }

func (o *Ollama) probeTimeout() time.Duration {
	return min(o.cfg.Timeout, ollamaProbeTimeout)
}

// call runs fn with a context that ends after timeout (none if 0) and maps
// its error.
func (o *Ollama) call(ctx context.Context, op, model string, timeout time.Duration, fn func(context.Context) error) error {
	cctx, cancel := ctx, context.CancelFunc(func() {})
	if timeout > 0 {
		cctx, cancel = context.WithTimeout(ctx, timeout)
	}
	defer cancel()
	err := fn(cctx)
	if err == nil {
		return nil
	}
	// Our deadline, not the caller's: the caller's context is still live.
	own := ctx.Err() == nil && errors.Is(cctx.Err(), context.DeadlineExceeded)
	return o.mapError(failure{op: op, model: model, timeout: timeout, ownTime: own}, err)
}
