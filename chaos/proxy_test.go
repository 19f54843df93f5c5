//go:build linux

package chaos

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// lossyProxy stands between ticket-master and the fake GitHub and loses
// answers now and then, as a flaky network does: for a share of the
// requests that create an issue it forwards the request (the issue is
// created) and then drops the connection without answering, for some more
// it answers 502 without forwarding (nothing created); some of the other
// requests get a 502 too. It speaks plain HTTP on loopback, like the fake behind it.
type lossyProxy struct {
	backend string // the fake GitHub's URL, ending in "/"
	mu      sync.Mutex
	rnd     *rand.Rand
	share   float64 // of issue creations whose answer is dropped; 0 turns faults off
	dropped int     // issues created whose answer was dropped
	failed  int     // requests answered 502
	hs      *httptest.Server
}

func newLossyProxy(t testing.TB, backend string, rnd *rand.Rand, share float64) *lossyProxy {
	p := &lossyProxy{backend: strings.TrimSuffix(backend, "/"), rnd: rnd, share: share}
	p.hs = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.hs.Close)
	return p
}

// URL is the proxy's base URL, ending in "/" as go-github wants.
func (p *lossyProxy) URL() string { return p.hs.URL + "/" }

// setShare changes the share of requests that go wrong.
func (p *lossyProxy) setShare(share float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.share = share
}

func (p *lossyProxy) counts() (dropped, failed int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.dropped, p.failed
}

// fault picks what goes wrong with one request: "" (nothing), "drop" or
// "502". Of the requests that create an issue, share drops the answer and
// a third as many more fail; of the others, a third of share fail.
func (p *lossyProxy) fault(creates bool) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.rnd.Float64()
	switch {
	case creates && r < p.share:
		p.dropped++
		return "drop"
	case creates && r < p.share*4/3, !creates && r < p.share/3:
		p.failed++
		return "502"
	}
	return ""
}

func (p *lossyProxy) serve(w http.ResponseWriter, r *http.Request) {
	creates := r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/issues")
	fault := p.fault(creates)
	if fault == "502" {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<html><body><h1>Unicorn!</h1></body></html>")
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	out, err := http.NewRequestWithContext(r.Context(), r.Method, p.backend+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	out.Header = r.Header.Clone()
	resp, err := http.DefaultTransport.RoundTrip(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if fault == "drop" {
		// The issue exists now; the client never hears of it. A short
		// wait first, as a reply lost on the way back takes a while.
		time.Sleep(20 * time.Millisecond)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // without a hijacker: abort the reply
	}
	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.WriteHeader(resp.StatusCode)
	w.Write(answer)
}
