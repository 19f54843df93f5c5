package draft

import (
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ollama/ollama/api"
)

// dialErr is what net/http returns when dialling fails with err.
func dialErr(err error) error {
	return &url.Error{Op: "Post", URL: "http://127.0.0.1:11434/api/chat",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: err}}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// TestMapError covers the cases a test server cannot produce hermetically
// (DNS, dial timeouts, resets) and Ollama's error bodies per endpoint.
func TestMapError(t *testing.T) {
	o := NewOllama(OllamaConfig{Model: "llama3.2"})
	cases := []struct {
		name string
		f    failure
		err  error
		kind error  // nil: a generic error
		msg  string // a part of the message
	}{
		{"dns", failure{op: "chat"}, dialErr(&net.DNSError{Err: "no such host", Name: "gpu-box", IsNotFound: true}),
			ErrUnreachable, `cannot find the Ollama host "gpu-box" (http://127.0.0.1:11434): check OLLAMA_HOST`},
		{"refused", failure{op: "chat"}, dialErr(os.NewSyscallError("connect", syscall.ECONNREFUSED)),
			ErrUnreachable, "Ollama is not running at http://127.0.0.1:11434: start it with `ollama serve`, or set OLLAMA_HOST"},
		{"dial timeout", failure{op: "chat"}, dialErr(timeoutErr{}),
			ErrUnreachable, "did not accept a connection within 3s"},
		{"unreachable network", failure{op: "chat"}, dialErr(os.NewSyscallError("connect", syscall.ENETUNREACH)),
			ErrUnreachable, "cannot reach Ollama at http://127.0.0.1:11434"},
		{"eof", failure{op: "chat"}, &url.Error{Op: "Post", URL: "u", Err: io.EOF},
			ErrUnreachable, "closed the connection"},
		{"reset", failure{op: "chat"}, &url.Error{Op: "Post", URL: "u", Err: &net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}},
			ErrUnreachable, "closed the connection"},
		{"own timeout", failure{op: "chat", timeout: 2 * time.Minute, ownTime: true}, &url.Error{Op: "Post", URL: "u", Err: errors.New("context deadline exceeded")},
			ErrTimeout, "Ollama did not answer within 2m0s"},
		{"chat 404", failure{op: "chat", model: "llama3.2"}, api.StatusError{StatusCode: 404, Status: "404 Not Found", ErrorMessage: "model 'llama3.2' not found"},
			ErrModelMissing, "pull it with `ticket-master model pull llama3.2`"},
		{"scheduler 404", failure{op: "chat", model: "llama3.2"}, api.StatusError{StatusCode: 404, ErrorMessage: `model "llama3.2" not found, try pulling it first`},
			ErrModelMissing, `model "llama3.2" is not available in Ollama`},
		{"proxy 404 is not a model", failure{op: "chat", model: "llama3.2"}, api.StatusError{StatusCode: 404, Status: "404 Not Found", ErrorMessage: "404 page not found"},
			nil, "ollama chat: 404 Not Found: 404 page not found"}, // OLLAMA_HOST points at something else
		{"busy", failure{op: "embed", model: "m"}, api.StatusError{StatusCode: 503, ErrorMessage: "server busy, please try again.  maximum pending requests exceeded"},
			ErrBusy, "is busy (server busy, please try again.  maximum pending requests exceeded): try again later"},
		{"no embeddings", failure{op: "embed", model: "llama3.2"}, api.StatusError{StatusCode: 501, ErrorMessage: "this model does not support embeddings"},
			ErrNoEmbeddings, `model "llama3.2" does not support embeddings`},
		{"pull unknown, streamed", failure{op: "pull", model: "nope"}, errors.New("pull model manifest: file does not exist"),
			ErrNotInRegistry, `model "nope" is not in the Ollama library`},
		{"pull unknown, status", failure{op: "pull", model: "nope"}, api.StatusError{StatusCode: 500, ErrorMessage: "pull model manifest: file does not exist"},
			ErrNotInRegistry, "https://ollama.com/library"},
		{"500 keeps the message", failure{op: "chat", model: "m"}, api.StatusError{StatusCode: 500, Status: "500 Internal Server Error", ErrorMessage: "llama runner process has terminated: signal: killed"},
			nil, "ollama chat: 500 Internal Server Error: llama runner process has terminated: signal: killed"},
		{"mid-stream error keeps the message", failure{op: "chat", model: "m"}, errors.New("unexpected EOF from runner"),
			nil, "ollama chat: unexpected EOF from runner"},
	}
	kinds := []error{ErrUnreachable, ErrModelMissing, ErrNotInRegistry, ErrBusy, ErrTimeout, ErrNoEmbeddings, ErrNotJSON}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := o.mapError(tc.f, tc.err)
			if !strings.Contains(got.Error(), tc.msg) {
				t.Errorf("message %q does not contain %q", got, tc.msg)
			}
			for _, k := range kinds {
				if errors.Is(got, k) != (k == tc.kind) {
					t.Errorf("errors.Is(%v) = %v", k, errors.Is(got, k))
				}
			}
			if !errors.Is(got, tc.err) {
				t.Errorf("the cause is lost")
			}
		})
	}
}
