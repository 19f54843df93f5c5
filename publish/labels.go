package publish

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/google/go-github/v62/github"

	"github.com/ticket-master/ticket-master/ghrepo"
)

// Labels ticket-master creates (with CreateLabels) get GitHub's own default
// grey and say where they came from.
const (
	newLabelColor       = "ededed"
	newLabelDescription = "Created by ticket-master"
	maxLabelPages       = 10 // 1,000 labels: more than any repository people triage by hand
)

// labelSet maps a lower-cased label name to the repository's spelling:
// GitHub matches label names case-insensitively.
type labelSet map[string]string

// labelKey identifies a repository in the Publisher's label cache.
func labelKey(t ghrepo.Repo) string {
	return strings.ToLower(t.Host + "/" + t.Owner + "/" + t.Name)
}

// resolveLabels splits the labels an issue asks for into those the
// repository has (in its spelling), those it lacks, and, with
// CreateLabels, those created now. Duplicates and blanks are dropped.
func (p *Publisher) resolveLabels(ctx context.Context, t ghrepo.Repo, want []string) (applied, missing, created []string, err error) {
	if len(want) == 0 {
		return nil, nil, nil, nil
	}
	have, err := p.repoLabels(ctx, t)
	if err != nil {
		return nil, nil, nil, err
	}
	seen := map[string]bool{}
	for _, name := range want {
		name = strings.TrimSpace(name)
		k := strings.ToLower(name)
		if name == "" || seen[k] {
			continue
		}
		seen[k] = true
		switch spelled, ok := have[k]; {
		case ok:
			applied = append(applied, spelled)
		case p.CreateLabels:
			made, err := p.createLabel(ctx, t, name)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("create label %q: %w", name, err)
			}
			p.rememberLabel(t, name)
			applied = append(applied, name)
			if made {
				created = append(created, name)
			}
		default:
			missing = append(missing, name)
		}
	}
	return applied, missing, created, nil
}

// repoLabels lists t's labels once per Publisher, since a review session
// publishes many issues to the same repository. It returns a copy, so that
// concurrent publishes never share a map.
func (p *Publisher) repoLabels(ctx context.Context, t ghrepo.Repo) (labelSet, error) {
	p.labelsMu.Lock()
	cached, ok := p.labels[labelKey(t)]
	p.labelsMu.Unlock()
	if ok {
		return maps.Clone(cached), nil
	}
	have := labelSet{}
	opts := &github.ListOptions{PerPage: 100}
	for range maxLabelPages {
		var page []*github.Label
		var resp *github.Response
		err := p.retrying(ctx, func(gh *github.Client) (err error) {
			page, resp, err = gh.Issues.ListLabels(ctx, t.Owner, t.Name, opts)
			return err
		}, nil)
		if err != nil {
			return nil, fmt.Errorf("list labels: %w", err)
		}
		for _, l := range page {
			have[strings.ToLower(l.GetName())] = l.GetName()
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	p.labelsMu.Lock()
	defer p.labelsMu.Unlock()
	if p.labels == nil {
		p.labels = map[string]labelSet{}
	}
	p.labels[labelKey(t)] = have
	return maps.Clone(have), nil
}

func (p *Publisher) rememberLabel(t ghrepo.Repo, name string) {
	p.labelsMu.Lock()
	defer p.labelsMu.Unlock()
	if have := p.labels[labelKey(t)]; have != nil {
		have[strings.ToLower(name)] = name
	}
}

// createLabel creates a label. One that someone created meanwhile
// (GitHub's 422 already_exists) is as good, but was not made here.
func (p *Publisher) createLabel(ctx context.Context, t ghrepo.Repo, name string) (made bool, err error) {
	label := &github.Label{Name: &name, Color: github.String(newLabelColor), Description: github.String(newLabelDescription)}
	err = p.write(ctx, func(gh *github.Client) error {
		_, _, err := gh.Issues.CreateLabel(ctx, t.Owner, t.Name, label)
		return err
	}, nil)
	switch {
	case err == nil:
		return true, nil
	case alreadyExists(err):
		return false, nil
	}
	return false, err
}

func alreadyExists(err error) bool {
	var er *github.ErrorResponse
	if !errors.As(err, &er) {
		return false
	}
	for _, e := range er.Errors {
		if e.Code == "already_exists" {
			return true
		}
	}
	return false
}
