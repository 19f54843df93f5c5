package draft

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
)

// DiffReviewOptions configure DiffReview. Zero fields take the defaults.
type DiffReviewOptions struct {
	// NumCtx is the context window for review requests; 0 uses the
	// drafter's, then OllamaDefaultNumCtx.
	NumCtx int
	// MaxChunks caps the requests per commit (default 4): a huge commit is
	// reviewed in its first parts only, rather than holding the model for
	// minutes.
	MaxChunks int
	// Labels are the kinds to keep, e.g. ["bug", "security"]; empty keeps
	// every kind in KindLabels(). The model is not told: it reports what it
	// sees, and the caller keeps what it wants.
	Labels []string
}

const (
	// reviewReplyReserve is the room left for the answer: three proposals
	// with bodies in the house style, with margin.
	reviewReplyReserve = 1536
	// reviewFenceSlack covers what the diff's fence may add over the empty
	// one measured: a longer fence when the diff holds backtick runs.
	reviewFenceSlack = 32
	// reviewMinChunkTokens is the smallest useful chunk; a window that
	// leaves less reviews a few lines at a time, out of context.
	reviewMinChunkTokens = 256
	defaultReviewChunks  = 4
)

// DiffReview asks the model to review a commit's diff, one chunk per
// request, one request at a time (the Ollama client's slot), and returns
// the proposals that cite lines of the chunk they came from. A commit with
// nothing to review (only deleted, generated or vendored files) makes no
// request. An error from Ollama (ErrUnreachable, ErrModelMissing, ErrBusy,
// ErrTimeout, a cancelled ctx) stops the review and is returned as is. A
// chunk whose answer is not JSON (ErrNotJSON) or whose prompt Ollama cut
// (ErrTruncated) is skipped, the other chunks are still reviewed, and the
// error is returned with their proposals, which are sound.
func (d *LLMDrafter) DiffReview(ctx context.Context, c analyze.Commit, cd *analyze.CommitDiff, repo, description string, o DiffReviewOptions) ([]Proposal, error) {
	numCtx := o.NumCtx
	if numCtx <= 0 {
		numCtx = d.NumCtx
	}
	if numCtx <= 0 {
		numCtx = OllamaDefaultNumCtx
	}
	maxChunks := o.MaxChunks
	if maxChunks <= 0 {
		maxChunks = defaultReviewChunks
	}
	overhead := estimateChat(DiffReviewMessages(c, repo, description, DiffChunk{})) + reviewFenceSlack
	budget := numCtx - reviewReplyReserve - overhead
	if budget < reviewMinChunkTokens {
		return nil, fmt.Errorf("%w: a review needs about %d tokens besides the diff and the window is %d; use a larger num_ctx",
			ErrPromptTooLarge, overhead+reviewReplyReserve+reviewMinChunkTokens, numCtx)
	}
	chunks := DiffChunks(cd, budget)
	if len(chunks) > maxChunks {
		chunks = chunks[:maxChunks]
	}

	var kept []Proposal
	var errs []error
	for i, ch := range chunks {
		out, err := d.Ollama.Chat(ctx, DiffReviewMessages(c, repo, description, ch), DiffReviewSchema(), numCtx)
		if err != nil {
			return kept, err
		}
		if out.PromptEvalCount >= numCtx {
			// Ollama keeps the end of a prompt that is too long: the rules
			// at its start are what goes, so the answer cannot be trusted.
			errs = append(errs, fmt.Errorf("review part %d of %d: %w (%d prompt tokens for a window of %d)",
				i+1, len(chunks), ErrTruncated, out.PromptEvalCount, numCtx))
			continue
		}
		ps, _, err := parseProposals(out.Content, ch, o.Labels)
		if err != nil {
			errs = append(errs, fmt.Errorf("review part %d of %d: %w", i+1, len(chunks), err))
			continue
		}
		kept = append(kept, ps...)
	}
	return kept, errors.Join(errs...)
}

// DiffReviewFinding turns a proposal into a finding. The fingerprint is the
// path and the normalised title, not the lines, so the same problem
// reported again after the code around it moved is one finding.
func DiffReviewFinding(c analyze.Commit, p Proposal) finding.Finding {
	sum := sha1.Sum([]byte(normalisedTitle(p.Title)))
	ev := finding.Evidence{Path: p.Path, Line: p.StartLine, Commit: c.Hash, Excerpt: p.Excerpt}
	if p.EndLine > p.StartLine {
		ev.EndLine = p.EndLine // a single line has none, as Evidence documents
	}
	var labels []string
	if p.Kind != "" {
		labels = []string{p.Kind}
	}
	return finding.Finding{
		Kind:        finding.KindReview,
		Fingerprint: finding.KindReview + ":" + p.Path + ":" + hex.EncodeToString(sum[:])[:12],
		Text:        p.Title,
		Title:       p.Title,
		Body:        p.Body,
		Labels:      labels,
		Evidence:    ev,
	}
}
