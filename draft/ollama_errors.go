package draft

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/ollama/ollama/api"
)

// Errors from Ollama, for errors.Is. The errors returned carry a message
// that says what to do next; these only classify them.
var (
	// ErrUnreachable: nothing answers at the host, or it went away mid-answer.
	ErrUnreachable = errors.New("ollama unreachable")
	// ErrModelMissing: the model is not pulled.
	ErrModelMissing = errors.New("ollama model missing")
	// ErrNotInRegistry: a pull asked for a name the Ollama library does not have.
	ErrNotInRegistry = errors.New("model not in the ollama library")
	// ErrBusy: Ollama's queue is full (503); try again later.
	ErrBusy = errors.New("ollama busy")
	// ErrTimeout: Ollama did not answer in time.
	ErrTimeout = errors.New("ollama timeout")
	// ErrNoEmbeddings: the model does not produce embeddings.
	ErrNoEmbeddings = errors.New("model has no embeddings")
	// ErrNotJSON: a reply's content is not the JSON object asked for.
	ErrNotJSON = errors.New("reply is not json")
)

// ollamaError is an error with a user-facing message, one of the sentinels
// above as its kind, and its cause, so that errors.Is matches both the kind
// and the cause (context.DeadlineExceeded, syscall.ECONNREFUSED) and
// errors.As still finds an api.StatusError.
type ollamaError struct {
	kind  error
	msg   string
	cause error
}

func (e *ollamaError) Error() string { return e.msg }

func (e *ollamaError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

// failure describes a failed call for mapError.
type failure struct {
	op      string        // "chat", "show", "pull", ...: for generic errors
	model   string        // the model the call was about, if any
	timeout time.Duration // the per-request timeout, for the message
	ownTime bool          // the per-request timeout fired (not the caller's)
}

// mapError turns what the api client returned into an error that says what
// happened and what to do.
func (o *Ollama) mapError(f failure, err error) error {
	host := o.Host()
	wrap := func(kind error, format string, args ...any) error {
		return &ollamaError{kind: kind, msg: fmt.Sprintf(format, args...), cause: err}
	}

	// Time and cancellation first: a cancelled request also shows up as a
	// network error, and it must not read as "Ollama is not running".
	switch {
	case f.ownTime:
		return wrap(ErrTimeout, "Ollama did not answer within %s", f.timeout)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("ollama %s: %w", f.op, err)
	case errors.Is(err, context.DeadlineExceeded):
		return wrap(ErrTimeout, "Ollama did not answer before the deadline")
	}

	var se api.StatusError
	if errors.As(err, &se) {
		return o.mapStatus(f, se, err)
	}
	if f.op == "pull" && strings.Contains(err.Error(), "file does not exist") {
		// Ollama streams this after "pulling manifest" when the registry
		// answers 404 for the manifest.
		return wrap(ErrNotInRegistry, "model %q is not in the Ollama library: check the name at https://ollama.com/library", f.model)
	}

	var dnsErr *net.DNSError
	var opErr *net.OpError
	var netErr net.Error
	switch {
	case errors.As(err, &dnsErr):
		return wrap(ErrUnreachable, "cannot find the Ollama host %q (%s): check OLLAMA_HOST", dnsErr.Name, host)
	case errors.Is(err, syscall.ECONNREFUSED):
		return wrap(ErrUnreachable, "Ollama is not running at %s: start it with `ollama serve`, or set OLLAMA_HOST", host)
	case errors.As(err, &opErr) && opErr.Op == "dial" && opErr.Timeout():
		return wrap(ErrUnreachable, "Ollama at %s did not accept a connection within %s: check that it is running, or set OLLAMA_HOST", host, ollamaDialTimeout)
	case errors.As(err, &opErr) && opErr.Op == "dial":
		// Other dial failures (e.g. Windows' refusal, an unreachable
		// network) call for the same advice.
		return wrap(ErrUnreachable, "cannot reach Ollama at %s (%v): start it with `ollama serve`, or set OLLAMA_HOST", host, opErr.Err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		return wrap(ErrUnreachable, "Ollama at %s closed the connection before answering: it may have stopped or crashed", host)
	case errors.As(err, &netErr) && netErr.Timeout():
		return wrap(ErrTimeout, "Ollama at %s timed out: %v", host, err)
	}
	return fmt.Errorf("ollama %s: %w", f.op, err)
}

// mapStatus maps an HTTP error answer, keeping Ollama's own message when
// there is nothing more useful to say.
func (o *Ollama) mapStatus(f failure, se api.StatusError, err error) error {
	msg := strings.TrimSpace(se.ErrorMessage)
	switch {
	case se.StatusCode == http.StatusNotFound && f.model != "" && f.op != "pull" && strings.HasPrefix(msg, "model ") && strings.Contains(msg, "not found"):
		// "model 'x' not found" (chat, show, embed) or "model \"x\" not
		// found, try pulling it first" (when the scheduler finds no file).
		return &ollamaError{kind: ErrModelMissing, cause: err,
			msg: fmt.Sprintf("model %q is not available in Ollama: pull it with `ticket-master model pull %s`", f.model, f.model)}
	case se.StatusCode == http.StatusServiceUnavailable:
		return &ollamaError{kind: ErrBusy, cause: err,
			msg: fmt.Sprintf("Ollama at %s is busy (%s): try again later", o.Host(), cmp.Or(msg, "503"))}
	case f.op == "embed" && (se.StatusCode == http.StatusNotImplemented || strings.Contains(msg, "does not support embed")):
		return &ollamaError{kind: ErrNoEmbeddings, cause: err,
			msg: fmt.Sprintf("model %q does not support embeddings: use an embedding model such as nomic-embed-text", f.model)}
	case f.op == "pull" && strings.Contains(msg, "file does not exist"):
		return &ollamaError{kind: ErrNotInRegistry, cause: err,
			msg: fmt.Sprintf("model %q is not in the Ollama library: check the name at https://ollama.com/library", f.model)}
	}
	return fmt.Errorf("ollama %s: %w", f.op, err)
}
