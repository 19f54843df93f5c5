package draft

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ticket-master/ticket-master/ghrepo"
)

// replyReserve is the room left in the context window for the model's
// answer: a drafted issue is a few hundred tokens, with margin.
const replyReserve = 1024

// LLMDrafter writes a draft with a model: prompt, answer, validation, one
// repair round, and the footer from the analysis. It holds no lock and no
// database: the caller gathers the evidence before and stores the result
// after, so nothing waits on the model but the model's own queue.
type LLMDrafter struct {
	Ollama *Ollama
	Model  string
	// NumCtx is the context window to use: the configured size, lowered to
	// the model's own limit by the caller when /api/show reports one.
	NumCtx int
	Labels []string
}

// Result is a model-written draft, or why there is none.
type Result struct {
	Issue        Issue
	Attempts     int      // 1, or 2 after a repair round
	Problems     []string // what was wrong with the last reply, when it failed validation
	PromptTokens int      // prompt_eval_count of the last reply
}

// ErrInvalidReply means the model's reply failed validation twice; Result
// carries the problems. The template draft should stand.
var ErrInvalidReply = errors.New("the model's reply failed validation")

// ErrTruncated means Ollama evaluated fewer prompt tokens than we sent or
// filled the window: part of the prompt was cut, so the reply cannot be
// trusted to have seen the evidence.
var ErrTruncated = errors.New("the prompt did not fit the model's context window")

// Draft asks the model for an issue about in.Finding. pathExists says which
// paths exist at the finding's commit; t makes the footer's links.
func (d *LLMDrafter) Draft(ctx context.Context, t ghrepo.Repo, in PromptInput, pathExists func(string) bool) (Result, error) {
	var res Result
	numCtx := d.NumCtx
	if numCtx <= replyReserve*2 {
		numCtx = 8192
	}
	in.Labels = d.Labels
	prompt, err := BuildPrompt(in, numCtx-replyReserve)
	if err != nil {
		return res, err
	}
	msgs := prompt.Messages
	for attempt := 1; attempt <= 2; attempt++ {
		res.Attempts = attempt
		out, err := d.Ollama.Chat(ctx, msgs, ReplySchema(), numCtx)
		if err != nil {
			return res, err
		}
		res.PromptTokens = out.PromptEvalCount
		if out.PromptEvalCount >= numCtx {
			return res, fmt.Errorf("%w (%d prompt tokens for a window of %d)", ErrTruncated, out.PromptEvalCount, numCtx)
		}
		reply, problems := Validate(ValidateInput{Raw: out.Content, Labels: d.Labels, PathExists: pathExists, Finding: in.Finding})
		if len(problems) == 0 {
			res.Problems = nil
			res.Issue = Compose(t, in.Finding, reply)
			return res, nil
		}
		res.Problems = problems
		msgs = RepairMessages(Prompt{Messages: prompt.Messages}, out.Content, problems)
	}
	return res, fmt.Errorf("%w: %s", ErrInvalidReply, strings.Join(res.Problems, "; "))
}
