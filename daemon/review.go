package daemon

import (
	"context"
	"fmt"

	"github.com/ticket-master/ticket-master/daemon/analyze"
	"github.com/ticket-master/ticket-master/daemon/draft"
	"github.com/ticket-master/ticket-master/store"
)

// drainReviews asks the model to review the diff of each commit queued for
// it, oldest first, one commit at a time across all repositories. A
// proposal becomes a finding of kind "review" with a draft written by the
// model; the commit leaves the queue once reviewed. Like redrafting, it
// stops when the model cannot answer and resumes later.
func (w *llmWorker) drainReviews(ctx context.Context) error {
	var repos []store.Repo
	err := w.store.View(func(tx *store.Tx) (err error) {
		repos, err = tx.Repos()
		return err
	})
	if err != nil {
		return err
	}
	for _, rec := range repos {
		if !rec.Enrolled {
			continue
		}
		for {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			hash, ok, err := w.nextReview(rec.ID)
			if err != nil || !ok {
				if err != nil {
					return err
				}
				break
			}
			if err := w.review(ctx, rec, hash); err != nil {
				if unavailable(err) {
					w.setState(stateOf(err), err)
					return err
				}
				w.log.Warn("diff review failed; skipping the commit", "repo", rec.Path, "commit", analyze.ShortHash(hash), "err", err)
			}
			if err := w.popReview(rec.ID, hash); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *llmWorker) nextReview(repoID string) (string, bool, error) {
	var queue []string
	err := w.store.View(func(tx *store.Tx) error {
		_, err := tx.Cache(repoID, cacheReviewQueue, &queue)
		return err
	})
	if err != nil || len(queue) == 0 {
		return "", false, err
	}
	return queue[0], true, nil
}

func (w *llmWorker) popReview(repoID, hash string) error {
	return w.store.Update(func(tx *store.Tx) error {
		var queue []string
		if _, err := tx.Cache(repoID, cacheReviewQueue, &queue); err != nil {
			return err
		}
		out := queue[:0]
		for _, h := range queue {
			if h != hash {
				out = append(out, h)
			}
		}
		return tx.PutCache(repoID, cacheReviewQueue, out)
	})
}

// review asks the model about one commit and stores what it proposes.
func (w *llmWorker) review(ctx context.Context, rec store.Repo, hash string) error {
	p, err := planFor(w.cfg, rec.Path)
	if err != nil {
		return err
	}
	if !p.review {
		return nil // turned off since the commit was queued
	}
	repo, err := analyze.Open(ctx, rec.Path)
	if err != nil {
		return err
	}
	c, err := repo.CommitInfo(ctx, hash)
	if err != nil {
		return err
	}
	cd, err := repo.DiffOf(ctx, c, p.opts.Limits)
	if err != nil {
		return err
	}
	if p.opts.Ignore != nil {
		kept := cd.Files[:0]
		for _, f := range cd.Files {
			if !p.opts.Ignore(f.Path()) {
				kept = append(kept, f)
			}
		}
		cd.Files = kept
	}
	if err := w.prepare(ctx); err != nil {
		return err
	}
	w.mu.Lock()
	numCtx := w.numCtx
	w.mu.Unlock()
	drafter := &draft.LLMDrafter{Ollama: w.ollama, Model: w.cfg.LLM.Model, NumCtx: numCtx, Labels: w.cfg.Drafts.Labels}
	proposals, err := drafter.ReviewCommit(ctx, c, cd, repoName(rec), repo.Description(ctx, hash),
		draft.ReviewOptions{NumCtx: numCtx, Labels: w.cfg.Drafts.Labels})
	if err != nil && unavailable(err) {
		return err
	}
	if err != nil {
		w.log.Warn("part of a diff review failed", "commit", analyze.ShortHash(hash), "err", err)
	}
	w.setState(LLMReady, nil)
	if len(proposals) == 0 {
		return nil
	}
	target := draft.TargetOf(rec)
	return w.store.Update(func(tx *store.Tx) error {
		for _, prop := range proposals {
			af := draft.ReviewFinding(c, prop)
			if _, ok, err := tx.Finding(rec.ID, af.Fingerprint); err != nil || ok {
				if err != nil {
					return err
				}
				continue // proposed before
			}
			f := toStoreFinding(af, c, tx.Now())
			f.Evidence.Excerpt = prop.Excerpt
			if err := tx.PutFinding(rec.ID, f); err != nil {
				return err
			}
			is := draft.Compose(target, f, draft.Reply{Title: prop.Title, Body: prop.Body, Labels: []string{prop.Kind}, Kind: prop.Kind, Confidence: prop.Confidence})
			d := store.Draft{
				RepoID: rec.ID, Repo: rec.Path, Fingerprints: []string{f.Fingerprint},
				Title: is.Title, Body: is.Body, Labels: withLabels(is.Labels, p.settings.Labels),
				State: store.DraftPending, DraftedBy: w.cfg.LLM.Model, Evidence: []store.Evidence{f.Evidence},
				Note: fmt.Sprintf("from the model's review of %s (confidence %.2f)", analyze.ShortHash(hash), prop.Confidence),
			}
			if _, err := tx.PutDraft(d); err != nil {
				return err
			}
		}
		return nil
	})
}
