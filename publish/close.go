package publish

import (
	"context"
	"fmt"

	"github.com/google/go-github/v62/github"

	"github.com/ticket-master/ticket-master/ghrepo"
)

// Close closes issue number in t as completed, first adding comment (when
// not empty) to say why, e.g. which commit removed the TODO. A failure to
// comment leaves the issue open, so that it is never closed unexplained.
func (p *Publisher) Close(ctx context.Context, t ghrepo.Repo, number int, comment string) error {
	if p.Client == nil {
		return fmt.Errorf("close %s#%d: no GitHub client", t, number)
	}
	if comment != "" {
		err := p.write(ctx, func(gh *github.Client) error {
			_, _, err := gh.Issues.CreateComment(ctx, t.Owner, t.Name, number, &github.IssueComment{Body: &comment})
			return err
		}, nil)
		if err != nil {
			return fmt.Errorf("comment on %s#%d: %w", t, number, err)
		}
	}
	edit := &github.IssueRequest{State: github.String("closed"), StateReason: github.String("completed")}
	err := p.write(ctx, func(gh *github.Client) error {
		_, _, err := gh.Issues.Edit(ctx, t.Owner, t.Name, number, edit)
		return err
	}, nil)
	if err != nil {
		return fmt.Errorf("close %s#%d: %w", t, number, err)
	}
	return nil
}
