package daemon

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/internal/ollamatest"
	"github.com/ticket-master/ticket-master/store"
)

func workerFor(t *testing.T, rc *Reconciler, srv *ollamatest.Server) *llmWorker {
	t.Helper()
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	cfg := rc.Config
	o := draft.NewOllama(draft.OllamaConfig{Host: u, Model: cfg.LLM.Model, Timeout: 5 * time.Second})
	return newLLMWorker(rc.Store, cfg, o, slog.New(slog.NewTextHandler(io.Discard, nil)), newFakeClock())
}

// modelReply is a valid reply that names only the file of the finding.
func modelReply(t *testing.T, title, path string) ollamatest.Reply {
	t.Helper()
	b, err := json.Marshal(draft.Reply{
		Title: title,
		Body: "The loop in `" + path + "` needs work.\n\n### Why\nIt is slow.\n\n### Suggested approach\n- Rewrite the loop.\n\n" +
			"### Done when\n- [ ] The loop is fast.\n",
		Labels: []string{"enhancement"}, Kind: "enhancement", Confidence: 0.7,
	})
	if err != nil {
		t.Fatal(err)
	}
	return ollamatest.Reply{Content: string(b)}
}

func TestWorkerRedraftsTemplateDrafts(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"README.md": "# x\n\nA thing.\n"})
	rc, id := enrolled(t, r, withoutReview())
	srv := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 131072))
	w := workerFor(t, rc, srv)
	ctx := context.Background()

	r.commit("todo", map[string]string{"loop.go": "package a\n\n// TODO: make the loop faster\nfunc f() {}\n"})
	if _, err := rc.Reconcile(ctx, id); err != nil {
		t.Fatal(err)
	}
	if st := w.Status(); st.Waiting != 1 || st.State != LLMUnknown {
		t.Fatalf("status before = %+v", st)
	}
	srv.QueueChat(modelReply(t, "Make the loop in f faster", "loop.go"))
	if err := w.drain(ctx); err != nil {
		t.Fatal(err)
	}
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || ds[0].DraftedBy != "llama3.2" || ds[0].Title != "Make the loop in f faster" {
		t.Fatalf("drafts = %+v", ds)
	}
	if !strings.Contains(ds[0].Body, draft.Marker(ds[0].Fingerprint())) {
		t.Errorf("the model's draft lost the footer:\n%s", ds[0].Body)
	}
	// The prompt carried the evidence: the README's first paragraph and
	// the code at the commit.
	chat := srv.RequestsTo("/api/chat")
	if len(chat) != 1 || !strings.Contains(string(chat[0].Raw), "A thing.") || !strings.Contains(string(chat[0].Raw), "func f() {}") {
		t.Errorf("prompt lacks the evidence: %s", chat[0].Raw)
	}
	if st := w.Status(); st.State != LLMReady || st.Redrafted != 1 || st.Waiting != 0 {
		t.Fatalf("status after = %+v", st)
	}
}

// A list of notes stays the template's: the model writes about one finding
// and would drop the others.
func TestWorkerLeavesListsToTheTemplate(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", map[string]string{"README.md": "# x\n\nA thing.\n"})
	rc, id := enrolled(t, r, withoutReview())
	srv := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 131072))
	w := workerFor(t, rc, srv)
	r.commit("todos", map[string]string{"loop.go": "package a\n\n// TODO: make the loop faster\nfunc f() {}\n\n// TODO: name the magic numbers\nfunc g() {}\n\n// TODO: return the error to the caller\nfunc h() {}\n"})
	if _, err := rc.Reconcile(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || !draft.IsList(ds[0].Evidence) {
		t.Fatalf("want one list draft, got %+v", ds)
	}
	if q, err := w.queue(); err != nil || len(q) != 0 {
		t.Fatalf("the model's queue holds %d drafts (%v), want none", len(q), err)
	}
}

// So does one commit's untested files, one draft (spf13/viper 7dbe493).
func TestWorkerLeavesCommitGroupsToTheTemplate(t *testing.T) {
	r := newGitRepo(t)
	body := "(f any) Option {\n\tif f == nil {\n\t\treturn nil\n\t}\n\treturn f\n}\n"
	r.commit("start", map[string]string{"go.mod": "module example.com/v\n\ngo 1.22\n",
		"a/a.go": "package a\n", "a/a_test.go": "package a\n", "b/b.go": "package b\n", "b/b_test.go": "package b\n"})
	cfg := withoutReview()
	off := false
	cfg.Detectors.TODO, cfg.Detectors.DocDrift, cfg.Detectors.Hotspot = &off, &off, &off
	rc, id := enrolled(t, r, cfg)
	srv := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 131072))
	w := workerFor(t, rc, srv)
	r.commit("fix: refuse nil", map[string]string{"a/a.go": "package a\n\nfunc WithA" + body, "b/b.go": "package b\n\nfunc WithB" + body})
	if _, err := rc.Reconcile(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 || len(ds[0].Fingerprints) != 2 {
		t.Fatalf("want one draft for the commit, got %+v", ds)
	}
	if q, err := w.queue(); err != nil || len(q) != 0 {
		t.Fatalf("the model's queue holds %d drafts (%v), want none", len(q), err)
	}
}

func TestWorkerWaitsForOllamaToComeBack(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, withoutReview())
	srv := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	w := workerFor(t, rc, srv)
	ctx := context.Background()
	addr := srv.Addr()
	srv.Close()

	r.commit("todo", map[string]string{"loop.go": "package a\n// TODO: make the loop faster\n"})
	if _, err := rc.Reconcile(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := w.drain(ctx); err == nil {
		t.Fatal("drain with Ollama down succeeded")
	}
	if st := w.Status(); st.State != LLMUnreachable || !strings.Contains(st.LastError, "ollama serve") {
		t.Fatalf("status = %+v", st)
	}
	// The finding is not lost: its template draft waits.
	if ds := drafts(t, rc, store.DraftPending); len(ds) != 1 || ds[0].DraftedBy != draft.TemplateName {
		t.Fatalf("drafts = %+v", ds)
	}

	if err := srv.StartAt(addr); err != nil {
		t.Fatal(err)
	}
	srv.QueueChat(modelReply(t, "Make the loop faster", "loop.go"))
	if err := w.drain(ctx); err != nil {
		t.Fatal(err)
	}
	if ds := drafts(t, rc, store.DraftPending); ds[0].DraftedBy != "llama3.2" {
		t.Fatalf("not redrafted after Ollama came back: %+v", ds[0])
	}
}

func TestWorkerKeepsTemplateWhenRepliesStayInvalid(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, withoutReview())
	srv := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	w := workerFor(t, rc, srv)
	ctx := context.Background()
	r.commit("todo", map[string]string{"loop.go": "package a\n// TODO: make the loop faster\n"})
	if _, err := rc.Reconcile(ctx, id); err != nil {
		t.Fatal(err)
	}
	// Both replies name a file that does not exist at the commit.
	srv.QueueChat(modelReply(t, "Make the loop faster", "nothere.go"), modelReply(t, "Make the loop faster", "nothere.go"))
	if err := w.drain(ctx); err != nil {
		t.Fatal(err)
	}
	d := drafts(t, rc, store.DraftPending)[0]
	if d.DraftedBy != draft.TemplateName || d.ModelFailed != "llama3.2" || !strings.Contains(d.Note, "nothere.go") {
		t.Fatalf("draft = %+v", d)
	}
	// The same model is not asked about it again.
	if q, _ := w.queue(); len(q) != 0 {
		t.Fatalf("queue = %d drafts", len(q))
	}
}

func TestWorkerMergesDuplicates(t *testing.T) {
	for _, embeddings := range []bool{true, false} {
		t.Run(map[bool]string{true: "embeddings", false: "words"}[embeddings], func(t *testing.T) {
			testMergesDuplicates(t, embeddings)
		})
	}
}

func testMergesDuplicates(t *testing.T, embeddings bool) {
	r := newGitRepo(t)
	r.commit("start", nil)
	cfg := withoutReview()
	cfg.LLM.Embeddings = embeddings
	rc, id := enrolled(t, r, cfg)
	srv := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	w := workerFor(t, rc, srv)
	ctx := context.Background()
	r.commit("todos", map[string]string{
		"a.go": "package a\n// TODO: make the loop faster\n",
		"b.go": "package a\n// TODO: speed up the loop\n",
	})
	if _, err := rc.Reconcile(ctx, id); err != nil {
		t.Fatal(err)
	}
	srv.QueueChat(modelReply(t, "Make the loop faster", "a.go"), modelReply(t, "Make the loop faster", "b.go"))
	if err := w.drain(ctx); err != nil {
		t.Fatal(err)
	}
	pending := drafts(t, rc, store.DraftPending)
	withdrawn := drafts(t, rc, store.DraftWithdrawn)
	if len(pending) != 1 || len(withdrawn) != 1 {
		t.Fatalf("pending %d, withdrawn %d; want one merged draft", len(pending), len(withdrawn))
	}
	if len(pending[0].Fingerprints) != 2 || len(pending[0].Evidence) != 2 {
		t.Errorf("merged draft = %+v", pending[0])
	}
	if !strings.Contains(pending[0].Body, "Also found in `b.go#L2`") {
		t.Errorf("the merged draft does not cite the other place:\n%s", pending[0].Body)
	}
	if !strings.Contains(withdrawn[0].Note, "merged into draft") {
		t.Errorf("note = %q", withdrawn[0].Note)
	}
	if used := len(srv.RequestsTo("/api/embed")) > 0; used != embeddings {
		t.Errorf("embeddings used = %v, configured %v", used, embeddings)
	}
	// A reconcile afterwards does not bring the merged draft back.
	r.commit("more", map[string]string{"c.txt": "x\n"})
	if _, err := rc.Reconcile(ctx, id); err != nil {
		t.Fatal(err)
	}
	if n := len(drafts(t, rc, store.DraftPending)); n != 1 {
		t.Fatalf("%d pending after reconcile", n)
	}
}

func TestWorkerOff(t *testing.T) {
	w := newLLMWorker(nil, config.Defaults(), nil, slog.New(slog.NewTextHandler(io.Discard, nil)), newFakeClock())
	if st := w.Status(); st.State != LLMOff {
		t.Fatalf("state = %q", st.State)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w.run(ctx) // returns at once
}

// withoutReview is the default config with the model's diff review off,
// for tests about redrafting that count chat requests.
func withoutReview() config.Config {
	cfg := config.Defaults()
	off := false
	cfg.Detectors.LLMReview = &off
	return cfg
}

func TestWorkerReviewsDiffs(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	rc, id := enrolled(t, r, config.Defaults())
	srv := ollamatest.NewTest(t, ollamatest.WithModel("llama3.2", 0))
	w := workerFor(t, rc, srv)
	ctx := context.Background()
	r.commit("loop", map[string]string{"loop.go": "package a\n\nfunc sum(xs []int) int {\n\ttotal := 0\n\tfor i := 1; i < len(xs); i++ {\n\t\ttotal += xs[i]\n\t}\n\treturn total\n}\n"})
	if _, err := rc.Reconcile(ctx, id); err != nil {
		t.Fatal(err)
	}
	proposals := `{"proposals":[` +
		`{"path":"loop.go","start_line":5,"end_line":6,"title":"Start the sum loop at index 0","body":"The loop in ` + "`sum`" + ` skips the first element.\n\n### Why\nSums are wrong.\n\n### Suggested approach\n- Start at 0.\n\n### Done when\n- [ ] A test sums [1,2].\n","kind":"bug","confidence":0.9},` +
		`{"path":"loop.go","start_line":40,"end_line":41,"title":"Something outside the diff","body":"x","kind":"bug","confidence":0.9}]}`
	srv.QueueChat(ollamatest.Reply{Content: proposals})
	if err := w.drain(ctx); err != nil {
		t.Fatal(err)
	}
	ds := drafts(t, rc, store.DraftPending)
	if len(ds) != 1 {
		t.Fatalf("drafts = %+v", ds)
	}
	d := ds[0]
	if d.Title != "Start the sum loop at index 0" || d.DraftedBy != "llama3.2" || !strings.HasPrefix(d.Fingerprint(), "review:loop.go:") {
		t.Fatalf("draft = %+v", d)
	}
	if !strings.Contains(d.Body, "loop.go#L5-L6") {
		t.Errorf("the footer does not cite the lines:\n%s", d.Body)
	}
	// Reviewed once: the queue is empty, nothing is asked again.
	n := len(srv.RequestsTo("/api/chat"))
	if err := w.drain(ctx); err != nil {
		t.Fatal(err)
	}
	if len(srv.RequestsTo("/api/chat")) != n {
		t.Error("the commit was reviewed twice")
	}
}
