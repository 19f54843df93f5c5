package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// LLM states, as status shows them.
const (
	LLMOff          = "off"           // llm.provider: none
	LLMUnknown      = "not tried yet" // no request yet
	LLMReady        = "ready"
	LLMUnreachable  = "unreachable"
	LLMModelMissing = "model missing"
	LLMBusy         = "busy"
	LLMFailing      = "failing"
)

// LLMStatus is the drafting model's state, for `status`.
type LLMStatus struct {
	Provider  string    `json:"provider"`
	Host      string    `json:"host,omitempty"`
	Model     string    `json:"model,omitempty"`
	State     string    `json:"state"`
	LastError string    `json:"last_error,omitempty"`
	LastOK    time.Time `json:"last_ok,omitzero"`
	Redrafted int       `json:"redrafted"`
	Waiting   int       `json:"waiting"` // template drafts the model has not rewritten yet
}

// contextLines is how much code around a finding a prompt starts with;
// the prompt builder trims it to the context window.
const contextLines = 40

// llmWorker rewrites template drafts with the model, one draft at a time
// across all repositories. Template drafts are queued the moment a finding
// appears, so a dead or slow Ollama never loses or delays a finding; this
// worker replaces them with better ones when the model answers.
type llmWorker struct {
	store  *store.Store
	cfg    config.Config
	ollama *draft.Ollama
	log    *slog.Logger
	clock  Clock
	kick   chan struct{}
	flush  chan chan error

	mu     sync.Mutex
	status LLMStatus
	// numCtx is the context window, once /api/show told the model's limit.
	numCtx int
}

func newLLMWorker(st *store.Store, cfg config.Config, ollama *draft.Ollama, log *slog.Logger, clock Clock) *llmWorker {
	w := &llmWorker{store: st, cfg: cfg, ollama: ollama, log: log, clock: clock,
		kick: make(chan struct{}, 1), flush: make(chan chan error)}
	w.status = LLMStatus{Provider: cfg.LLM.Provider, Model: cfg.LLM.Model, State: LLMUnknown}
	if ollama == nil {
		w.status.State = LLMOff
	} else {
		w.status.Host = ollama.Host()
	}
	return w
}

// Kick asks the worker to look for drafts to rewrite.
func (w *llmWorker) Kick() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Flush rewrites the drafts waiting for the model now and returns when
// done, with the error that stopped it (Ollama unreachable, say). It is
// nil at once when the model is off.
func (w *llmWorker) Flush(ctx context.Context) error {
	if w.ollama == nil {
		return nil
	}
	reply := make(chan error, 1)
	select {
	case w.flush <- reply:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Status reports the model's state and how many drafts wait for it.
func (w *llmWorker) Status() LLMStatus {
	w.mu.Lock()
	st := w.status
	w.mu.Unlock()
	if w.ollama != nil {
		if queue, err := w.queue(); err == nil {
			st.Waiting = len(queue)
		}
	}
	return st
}

func (w *llmWorker) setState(state string, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.status.State = state
	if err != nil {
		w.status.LastError = err.Error()
	} else {
		w.status.LastError = ""
		w.status.LastOK = w.clock.Now()
	}
}

// run serves kicks until ctx ends. After a failure to reach the model it
// tries again on its own, backing off from 15 s to 5 min, so that drafts
// are rewritten once Ollama comes back even if no commit kicks it.
func (w *llmWorker) run(ctx context.Context) {
	if w.ollama == nil {
		return
	}
	backoff := time.Duration(0)
	retry := make(chan struct{}, 1)
	var timer Timer
	for {
		var reply chan error
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return
		case <-w.kick:
		case <-retry:
		case reply = <-w.flush:
		}
		if timer != nil {
			timer.Stop()
			timer = nil
		}
		err := w.drain(ctx)
		if reply != nil {
			reply <- err
		}
		if err == nil || ctx.Err() != nil {
			backoff = 0
			continue
		}
		switch {
		case backoff == 0:
			backoff = 15 * time.Second
		case backoff < 5*time.Minute:
			backoff *= 2
		}
		timer = w.clock.AfterFunc(backoff, func() {
			select {
			case retry <- struct{}{}:
			default:
			}
		})
	}
}

// queue lists the drafts waiting for the model: pending, written by the
// template, not edited by a person, not already refused by this model.
func (w *llmWorker) queue() ([]store.Draft, error) {
	var out []store.Draft
	err := w.store.View(func(tx *store.Tx) error {
		ds, err := tx.Drafts(store.DraftFilter{State: store.DraftPending})
		for _, d := range ds {
			// A list of notes, or one commit's untested files, stays the
			// template's: the model writes about one finding, and would
			// drop the others.
			if d.DraftedBy == draft.TemplateName && !d.Edited && !d.Digest && d.ModelFailed != w.cfg.LLM.Model &&
				!draft.IsList(d.Evidence) && !mergesByCommit(d) {
				out = append(out, d)
			}
		}
		return err
	})
	return out, err
}

// drain rewrites every queued draft; it stops at the first error that
// says the model cannot answer now (unreachable, missing, busy).
func (w *llmWorker) drain(ctx context.Context) error {
	if err := w.drainRedrafts(ctx); err != nil {
		return err
	}
	return w.drainDiffReviews(ctx)
}

// drainRedrafts rewrites the template drafts waiting for the model.
func (w *llmWorker) drainRedrafts(ctx context.Context) error {
	queue, err := w.queue()
	if err != nil || len(queue) == 0 {
		return err
	}
	if err := w.prepare(ctx); err != nil {
		return err
	}
	g := newGatherer(w.cfg)
	defer g.Close()
	for _, d := range queue {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := w.redraft(ctx, g, d); err != nil {
			if unavailable(err) {
				w.setState(stateOf(err), err)
				w.log.Warn("model unavailable; template drafts stay until it answers", "err", err)
				return err
			}
			w.log.Warn("redraft failed; the template draft stands", "draft", d.ID, "err", err)
		}
	}
	return nil
}

// prepare checks that the model is there and learns its context window.
func (w *llmWorker) prepare(ctx context.Context) error {
	info, err := w.ollama.Model(ctx, w.cfg.LLM.Model)
	if err != nil {
		w.setState(stateOf(err), err)
		return err
	}
	numCtx := w.cfg.LLM.NumCtx
	if info.ContextLength > 0 && info.ContextLength < numCtx {
		numCtx = info.ContextLength
	}
	w.mu.Lock()
	w.numCtx = numCtx
	w.mu.Unlock()
	return nil
}

func unavailable(err error) bool {
	return errors.Is(err, draft.ErrUnreachable) || errors.Is(err, draft.ErrModelMissing) ||
		errors.Is(err, draft.ErrBusy) || errors.Is(err, draft.ErrTimeout)
}

func stateOf(err error) string {
	switch {
	case errors.Is(err, draft.ErrUnreachable), errors.Is(err, draft.ErrTimeout):
		return LLMUnreachable
	case errors.Is(err, draft.ErrModelMissing):
		return LLMModelMissing
	case errors.Is(err, draft.ErrBusy):
		return LLMBusy
	}
	return LLMFailing
}

// redraft rewrites one draft. The evidence is gathered and the result
// written in short transactions; the model is asked with no database open.
func (w *llmWorker) redraft(ctx context.Context, g *gatherer, d store.Draft) error {
	var rec store.Repo
	var f store.Finding
	err := w.store.View(func(tx *store.Tx) error {
		var err error
		if rec, err = tx.Repo(d.RepoID); err != nil {
			return err
		}
		var ok bool
		f, ok, err = tx.Finding(d.RepoID, d.Fingerprint())
		if err == nil && !ok {
			err = fmt.Errorf("finding %s is gone", d.Fingerprint())
		}
		return err
	})
	if err != nil {
		return err
	}
	ev, err := g.repo(ctx, rec)
	if err != nil {
		return err
	}
	paths, err := ev.tree(ctx, f.Evidence.Commit)
	if err != nil {
		return err
	}
	in := ev.prompt(ctx, rec, f)
	w.mu.Lock()
	numCtx := w.numCtx
	w.mu.Unlock()
	drafter := &draft.LLMDrafter{Ollama: w.ollama, Model: w.cfg.LLM.Model, NumCtx: numCtx, Labels: w.cfg.Drafts.Labels}
	res, err := drafter.Draft(ctx, rec.GitHubRepo(), in, func(p string) bool { return paths[p] })
	if err != nil && !errors.Is(err, draft.ErrInvalidReply) && !errors.Is(err, draft.ErrTruncated) {
		return err
	}
	w.setState(LLMReady, nil)
	if err != nil {
		// The model answered, but not well: the template stands, marked,
		// and this model is not asked about this draft again.
		return w.store.Update(func(tx *store.Tx) error {
			cur, gerr := tx.Draft(d.ID)
			if gerr != nil || !stillTemplate(cur) {
				return gerr
			}
			cur.ModelFailed = w.cfg.LLM.Model
			cur.Note = fmt.Sprintf("template draft: %s's reply was rejected (%v)", w.cfg.LLM.Model, err)
			_, perr := tx.PutDraft(cur)
			return perr
		})
	}
	// The repository's "labels added to every draft" hold for the model's
	// drafts too.
	extraLabels := ev.plan.settings.Labels
	dup, score, err := w.duplicateOf(ctx, d, res.Issue)
	if err != nil {
		return err
	}
	return w.store.Update(func(tx *store.Tx) error {
		cur, err := tx.Draft(d.ID)
		if err != nil || !stillTemplate(cur) {
			return err // reviewed or rewritten meanwhile: leave it
		}
		if dup != 0 {
			merged, err := merge(tx, cur, dup, score)
			if err != nil || merged {
				return err
			}
		}
		cur.Title, cur.Body, cur.Labels = res.Issue.Title, res.Issue.Body, finding.MergeLabels(res.Issue.Labels, extraLabels)
		cur.DraftedBy, cur.Note = w.cfg.LLM.Model, ""
		if _, err := tx.PutDraft(cur); err != nil {
			return err
		}
		w.mu.Lock()
		w.status.Redrafted++
		w.mu.Unlock()
		return nil
	})
}

func stillTemplate(d store.Draft) bool {
	return d.State == store.DraftPending && d.DraftedBy == draft.TemplateName && !d.Edited
}

func repoName(r store.Repo) string {
	if gh := r.GitHub(); gh != "" {
		return gh
	}
	parts := strings.Split(strings.TrimRight(r.Path, "/"), "/")
	return parts[len(parts)-1]
}

// maxCandidates bounds the drafts a new one is compared with.
const maxCandidates = 100

// duplicateOf finds a pending or published draft of the same repository
// that says the same as is, by embeddings when the model offers them and
// by word overlap otherwise. It returns 0 when there is none.
func (w *llmWorker) duplicateOf(ctx context.Context, d store.Draft, is draft.Issue) (uint64, float64, error) {
	var cands []draft.Candidate
	err := w.store.View(func(tx *store.Tx) error {
		ds, err := tx.Drafts(store.DraftFilter{RepoID: d.RepoID})
		for i := len(ds) - 1; i >= 0 && len(cands) < maxCandidates; i-- {
			c := ds[i]
			if c.ID != d.ID && (c.State == store.DraftPending || c.State == store.DraftPublished) {
				cands = append(cands, draft.Candidate{ID: c.ID, Title: c.Title, Body: c.Body})
			}
		}
		return err
	})
	if err != nil || len(cands) == 0 {
		return 0, 0, err
	}
	var emb []float32
	if w.cfg.LLM.Embeddings {
		texts := []string{draft.ComparableText(is.Title, is.Body)}
		for _, c := range cands {
			texts = append(texts, draft.ComparableText(c.Title, c.Body))
		}
		vecs, err := w.ollama.Embed(ctx, texts)
		switch {
		case err == nil && len(vecs) == len(texts):
			emb = vecs[0]
			for i := range cands {
				cands[i].Embedding = vecs[i+1]
			}
		case err != nil && unavailable(err):
			return 0, 0, err
		}
		// Without embeddings (the model has none), words decide.
	}
	id, score, ok := draft.FindDuplicate(is.Title, is.Body, emb, cands)
	if !ok {
		return 0, score, nil
	}
	return id, score, nil
}

// merge folds draft d into the existing draft into: its findings and
// evidence join that draft, and d is withdrawn with a note saying where it
// went, so the same issue is never queued twice.
func merge(tx *store.Tx, d store.Draft, into uint64, score float64) (bool, error) {
	target, err := tx.Draft(into)
	if err != nil {
		return false, err
	}
	if target.State != store.DraftPending && target.State != store.DraftPublished {
		return false, nil // discarded or withdrawn meanwhile: d stands on its own
	}
	for _, fp := range d.Fingerprints {
		if !slices.Contains(target.Fingerprints, fp) {
			target.Fingerprints = append(target.Fingerprints, fp)
		}
	}
	target.Evidence = append(target.Evidence, d.Evidence...)
	if target.State == store.DraftPending {
		// Not on GitHub yet: the issue will cite the merged place too.
		rec, err := tx.Repo(target.RepoID)
		if err != nil {
			return false, err
		}
		for _, ev := range d.Evidence {
			target.Body = draft.WithAlsoFound(target.Body, rec.GitHubRepo(), ev)
		}
	}
	d.State = store.DraftWithdrawn
	d.Note = fmt.Sprintf("merged into draft %d, which says the same (similarity %.2f)", into, score)
	if _, err := tx.PutDraft(d); err != nil {
		return false, err
	}
	// Written last so that the findings' index points at the target.
	_, err = tx.PutDraft(target)
	return err == nil, err
}
