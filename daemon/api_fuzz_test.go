package daemon

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/store"
)

// fuzzServer is a daemon's API over a real store with one enrolled
// repository, whose jobs do nothing: enough for the handlers to decode,
// look up and answer.
func fuzzServer(t testing.TB) http.Handler {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "db"), store.Options{NoticeDir: filepath.Join(dir, "notices")})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx *store.Tx) error {
		return tx.PutRepo(store.Repo{ID: "repo-1", Path: dir, GitDir: filepath.Join(dir, ".git"), Enrolled: true})
	})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s := &server{store: st, log: log, shutdown: func() {}}
	s.sched = NewScheduler(context.Background(), func(context.Context, string) error { return nil }, 0, newFakeClock())
	s.llm = newLLMWorker(st, config.Defaults(), nil, log, newFakeClock())
	return s.routes()
}

// FuzzAPIRequests feeds any bytes to the handlers that decode a body: none
// panics or fails with a 5xx, and a body that is not JSON is a 400.
func FuzzAPIRequests(f *testing.F) {
	for _, path := range []string{PathNudge, PathReconcile} {
		for _, body := range []string{
			`{"dir": "/nowhere", "hook": "post-commit"}`, `{"repo": "repo-1", "wait": true, "drafts": true}`,
			`{"repo": ""}`, `{}`, `[]`, `null`, `{"dir": 3}`, `{"dir": "` + "\x00" + `"}`, "", "{", `{"wait": true}{"wait": false}`,
		} {
			f.Add(path, []byte(body))
		}
	}
	h := fuzzServer(f) // f's temporary folder outlives every input
	f.Fuzz(func(t *testing.T, path string, body []byte) {
		if path != PathNudge {
			path = PathReconcile
		}
		req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("POST %s %q: %d %s", path, body, rec.Code, rec.Body)
		}
		if !json.Valid(body) && rec.Code != http.StatusBadRequest {
			t.Fatalf("POST %s with a body that is not JSON (%q): %d, want 400", path, body, rec.Code)
		}
		if rec.Code >= 400 {
			var e errorBody
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("POST %s %q: %d with body %q, want {\"error\": ...}", path, body, rec.Code, rec.Body)
			}
		}
	})
}
