package daemon

import (
	"context"
	"fmt"

	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// drainDiffReviews asks the model to review the diff of each commit queued for
// it, oldest first, one commit at a time across all repositories. A
// proposal becomes a finding of kind "review" with a draft written by the
// model; the commit leaves the queue once reviewed. Like redrafting, it
// stops when the model cannot answer and resumes later.
func (w *llmWorker) drainDiffReviews(ctx context.Context) error {
	var repos []store.Repo
	err := w.store.View(func(tx *store.Tx) (err error) {
		repos, err = tx.Repos()
		return err
	})
	if err != nil {
		return err
	}
	g := newGatherer(w.cfg)
	defer g.Close()
	for _, rec := range repos {
		if !rec.Enrolled {
			continue
		}
		for {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			hash, ok, err := w.nextDiffReview(rec.ID)
			if err != nil || !ok {
				if err != nil {
					return err
				}
				break
			}
			if err := w.diffReview(ctx, g, rec, hash); err != nil {
				if unavailable(err) {
					w.setState(stateOf(err), err)
					return err
				}
				w.log.Warn("diff review failed; skipping the commit", "repo", rec.Path, "commit", finding.ShortHash(hash), "err", err)
			}
			if err := w.popDiffReview(rec.ID, hash); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *llmWorker) nextDiffReview(repoID string) (string, bool, error) {
	var queue []string
	err := w.store.View(func(tx *store.Tx) error {
		_, err := tx.Cache(repoID, cacheDiffReviewQueue, &queue)
		return err
	})
	if err != nil || len(queue) == 0 {
		return "", false, err
	}
	return queue[0], true, nil
}

func (w *llmWorker) popDiffReview(repoID, hash string) error {
	return w.store.Update(func(tx *store.Tx) error {
		var queue []string
		if _, err := tx.Cache(repoID, cacheDiffReviewQueue, &queue); err != nil {
			return err
		}
		out := queue[:0]
		for _, h := range queue {
			if h != hash {
				out = append(out, h)
			}
		}
		return tx.PutCache(repoID, cacheDiffReviewQueue, out)
	})
}

// review asks the model about one commit and stores what it proposes.
func (w *llmWorker) diffReview(ctx context.Context, g *gatherer, rec store.Repo, hash string) error {
	ev, err := g.repo(ctx, rec)
	if err != nil {
		return err
	}
	p, repo := ev.plan, ev.repo
	if !p.diffReview {
		return nil // turned off since the commit was queued
	}
	c, err := repo.CommitInfo(ctx, hash)
	if err != nil {
		return err
	}
	cd, err := repo.DiffOf(ctx, c, p.limits)
	if err != nil {
		return err
	}
	if p.run.Ignore != nil {
		kept := cd.Files[:0]
		for _, f := range cd.Files {
			if !p.run.Ignore(f.Path()) {
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
	proposals, err := drafter.DiffReview(ctx, c, cd, repoName(rec), ev.description(ctx, hash),
		draft.DiffReviewOptions{NumCtx: numCtx, Labels: w.cfg.Drafts.Labels})
	if err != nil && unavailable(err) {
		return err
	}
	if err != nil {
		w.log.Warn("part of a diff review failed", "commit", finding.ShortHash(hash), "err", err)
	}
	w.setState(LLMReady, nil)
	if len(proposals) == 0 {
		return nil
	}
	target := rec.GitHubRepo()
	wr := &writer{rec: rec, target: target, plan: p, sum: &Summary{}}
	return w.store.Update(func(tx *store.Tx) error {
		q, err := loadQueue(tx, wr)
		if err != nil {
			return err
		}
		wr.queue = q
		created := 0
		for _, prop := range proposals {
			// What the model quotes came from the diff: it passes the
			// same redaction boundary as everything else from git.
			af := redactFinding(draft.DiffReviewFinding(c, prop))
			af.Evidence.Subject, af.Evidence.Time = redactText(c.Subject), c.Time
			af.Confidence = prop.Confidence
			if _, ok, err := tx.Finding(rec.ID, af.Fingerprint); err != nil || ok {
				if err != nil {
					return err
				}
				continue // proposed before
			}
			f := wr.stored(af, tx)
			if err := tx.PutFinding(rec.ID, f); err != nil {
				return err
			}
			// The model's drafts count against the draft budget too; one
			// over it waits, and gets a template draft when room frees up.
			if q.room() == 0 || p.settings.MaxDraftsPerCommit > 0 && created >= p.settings.MaxDraftsPerCommit {
				q.wait(f)
				continue
			}
			is := draft.Compose(target, f, draft.Reply{Title: prop.Title, Body: prop.Body, Labels: []string{prop.Kind}, Kind: prop.Kind, Confidence: prop.Confidence})
			d := store.Draft{
				RepoID: rec.ID, Repo: rec.Path, Fingerprints: []string{f.Fingerprint},
				Title: is.Title, Body: is.Body, Labels: finding.MergeLabels(is.Labels, p.settings.Labels),
				State: store.DraftPending, DraftedBy: w.cfg.LLM.Model, Evidence: []finding.Evidence{f.Evidence},
				Note: fmt.Sprintf("from the model's review of %s (confidence %.2f)", finding.ShortHash(hash), prop.Confidence),
			}
			if _, err := tx.PutDraft(d); err != nil {
				return err
			}
			q.ledger.Created = append(q.ledger.Created, q.analysed)
			created++
		}
		return q.save(tx)
	})
}
