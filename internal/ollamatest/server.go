// Package ollamatest is a fake Ollama server for tests: an httptest server
// that speaks Ollama's real wire protocol (the JSON and NDJSON bodies, status
// codes and error bodies of Ollama v0.17), so that tests drive the real
// github.com/ollama/ollama/api client, and ticket-master's own client on top
// of it, without a model or a GPU.
//
// It serves GET /, /api/version and /api/tags, and POST /api/show, /api/chat,
// /api/pull and /api/embed. Chat replies come from a queue (QueueChat), then
// a responder (OnChat), then a fixed, schema-valid issue draft. Every request
// is recorded (Requests) so tests can assert what the client sent.
//
// A fresh server knows no models, like a fresh install: add them with
// AddModel or WithModel, or pull one of the registry's (DefaultRegistry,
// AddRegistryModel). The state outlives Close, so a test can stop the server
// and StartAt the same address again to play "Ollama went away and came
// back".
package ollamatest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ollama/ollama/api"
)

// Version is what GET /api/version answers unless WithVersion says otherwise.
const Version = "0.17.4"

// Request is one request the server received.
type Request struct {
	Method string
	Path   string
	// Body is the JSON body decoded into generic values (numbers are
	// float64), nil when there was none.
	Body map[string]any
	// Raw is the body as sent.
	Raw []byte
}

// Decode decodes the request's body into v, e.g. an *api.ChatRequest.
func (r Request) Decode(v any) error {
	return json.Unmarshal(r.Raw, v)
}

// Server is a fake Ollama. Its methods are safe for concurrent use.
type Server struct {
	mu         sync.Mutex
	version    string
	models     map[string]*model // by key(name): what /api/tags lists
	registry   map[string]int    // by base name: what /api/pull can fetch, with its context length
	queue      []Reply
	responder  func(api.ChatRequest) Reply
	busy       bool
	noEmbed    bool
	pullDelay  time.Duration
	requests   []Request
	inFlight   int
	maxFlight  int
	clock      func() time.Time
	httpServer *httptest.Server
	stopped    chan struct{} // closed by Close so that delayed replies give up at once
}

// Option configures a Server made by New.
type Option func(*Server)

// WithModel makes a model present from the start, as AddModel does.
func WithModel(name string, contextLength int) Option {
	return func(s *Server) { s.addModelLocked(name, contextLength) }
}

// WithVersion sets the version /api/version reports.
func WithVersion(v string) Option {
	return func(s *Server) { s.version = v }
}

// New returns a server that is not listening yet: call Start or StartAt.
func New(opts ...Option) *Server {
	s := &Server{
		version:  Version,
		models:   map[string]*model{},
		registry: DefaultRegistry(),
		clock:    time.Now,
	}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// NewTest returns a started server that is closed when the test ends. A
// queued chat reply that no request took by then fails the test: the code
// under test asked the model less often than the test meant, and a test
// that passes anyway asserts less than it says.
func NewTest(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := New(opts...)
	if err := s.Start(); err != nil {
		t.Fatalf("ollamatest: %v", err)
	}
	t.Cleanup(func() {
		s.Close()
		if n := s.Unused(); n > 0 {
			t.Errorf("ollamatest: %d queued chat replies were never used", n)
		}
	})
	return s
}

// Unused is how many queued chat replies no request has taken yet.
func (s *Server) Unused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// Start listens on a random port of 127.0.0.1.
func (s *Server) Start() error {
	return s.StartAt("127.0.0.1:0")
}

// StartAt listens on addr, e.g. the Addr of a server that was closed, so
// that clients configured with the old address find it again.
func (s *Server) StartAt(addr string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.httpServer != nil {
		return fmt.Errorf("already listening on %s", s.httpServer.Listener.Addr())
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	hs := httptest.NewUnstartedServer(s.handler())
	hs.Listener.Close()
	hs.Listener = l
	hs.Start()
	s.httpServer = hs
	s.stopped = make(chan struct{})
	return nil
}

// Close stops listening and drops open connections, like an Ollama that was
// killed: requests in progress fail and new ones are refused. The models,
// queue and recorded requests are kept for a later StartAt.
func (s *Server) Close() {
	s.mu.Lock()
	hs, stopped := s.httpServer, s.stopped
	s.httpServer, s.stopped = nil, nil
	s.mu.Unlock()
	if hs == nil {
		return
	}
	close(stopped)
	hs.CloseClientConnections()
	hs.Close()
}

// URL is the server's base URL, e.g. http://127.0.0.1:40123, or "" when it is
// not listening.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.httpServer == nil {
		return ""
	}
	return s.httpServer.URL
}

// Addr is the host:port the server listens on, or "" when it is not.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.httpServer == nil {
		return ""
	}
	return s.httpServer.Listener.Addr().String()
}

// AddModel makes a model present, as if pulled. contextLength is what
// /api/show reports as "<family>.context_length"; 0 leaves it out. A name
// without a tag gets ":latest", as in Ollama.
func (s *Server) AddModel(name string, contextLength int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addModelLocked(name, contextLength)
}

// RemoveModel deletes a model, as `ollama rm` does.
func (s *Server) RemoveModel(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.models, key(name))
}

// AddRegistryModel makes a name pullable, with the context length the pulled
// model will report.
func (s *Server) AddRegistryModel(name string, contextLength int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.registry[baseName(name)] = contextLength
}

// OnChat sets the responder for chat requests the queue does not answer.
// nil restores the default, DefaultReply.
func (s *Server) OnChat(fn func(req api.ChatRequest) Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responder = fn
}

// QueueChat queues replies that the next chat requests get, in order,
// before the responder is asked.
func (s *Server) QueueChat(replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, replies...)
}

// SetBusy makes /api/chat and /api/embed answer 503 with Ollama's "server
// busy" error, as when its queue of pending requests is full.
func (s *Server) SetBusy(busy bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busy = busy
}

// SetEmbeddings turns /api/embed on or off; off, it answers like a model that
// does not support embeddings.
func (s *Server) SetEmbeddings(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noEmbed = !on
}

// SetPullDelay makes /api/pull wait this long between progress lines, for
// tests that watch a pull in progress.
func (s *Server) SetPullDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pullDelay = d
}

// Requests returns the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RequestsTo returns the requests received for one path, e.g. "/api/chat".
func (s *Server) RequestsTo(path string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// MaxInFlight is the largest number of chat and embed requests that were
// being answered at the same time: a local model serves one at a time, so a
// well-behaved client keeps this at 1.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxFlight
}

// Reset forgets the recorded requests, the queue and MaxInFlight.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests, s.queue, s.maxFlight = nil, nil, 0
}
