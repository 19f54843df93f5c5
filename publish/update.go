package publish

import (
	"context"
	"fmt"

	"github.com/google/go-github/v62/github"

	"github.com/ticket-master/ticket-master/ghrepo"
)

// UpdateBody replaces the body of issue number in t: the maintenance
// digest's checklist, which gains and loses items after it is published.
// The title, labels and state are left as people may have changed them.
func (p *Publisher) UpdateBody(ctx context.Context, t ghrepo.Repo, number int, body string) error {
	if p.Client == nil {
		return fmt.Errorf("update %s#%d: no GitHub client", t, number)
	}
	edit := &github.IssueRequest{Body: &body}
	err := p.write(ctx, func(gh *github.Client) error {
		_, _, err := gh.Issues.Edit(ctx, t.Owner, t.Name, number, edit)
		return err
	}, nil)
	if err != nil {
		return fmt.Errorf("update %s#%d: %w", t, number, err)
	}
	return nil
}
