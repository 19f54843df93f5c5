package daemon

import (
	"context"
	"errors"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/store"
)

// gatherer collects what the model's prompts need from git (the code
// around a finding, the README's first paragraph, the files that exist at
// a commit) and each repository's settings, once per drain of the model's
// queue rather than once per draft: a repository is opened once, its
// settings read once, each blob read through one `git cat-file --batch`,
// and a commit's file list and description kept for the drafts that share
// it. What it reads goes to the prompt builder, which redacts everything
// it puts in a prompt.
type gatherer struct {
	cfg   config.Config
	repos map[string]*repoEvidence
}

// repoEvidence is what the gatherer holds for one repository.
type repoEvidence struct {
	repo  *analyze.Repo
	blobs *analyze.BlobReader
	plan  plan
	trees map[string]map[string]bool // commit: paths there
	descs map[string]string          // commit: README's first paragraph
}

func newGatherer(cfg config.Config) *gatherer {
	return &gatherer{cfg: cfg, repos: map[string]*repoEvidence{}}
}

// Close ends the git processes the gatherer started.
func (g *gatherer) Close() {
	for _, r := range g.repos {
		if r != nil && r.blobs != nil { // nil: a repository that could not be opened
			r.blobs.Close()
		}
	}
}

// repo opens a repository, reads its settings at the newest branch tip and
// starts its blob reader, the first time a draft of it is gathered for.
func (g *gatherer) repo(ctx context.Context, rec store.Repo) (*repoEvidence, error) {
	if r, ok := g.repos[rec.ID]; ok {
		if r == nil {
			return nil, errors.New("repository unavailable")
		}
		return r, nil
	}
	g.repos[rec.ID] = nil // failed until it works: not tried again this drain
	p, err := planForTips(ctx, g.cfg, rec)
	if err != nil {
		return nil, err
	}
	repo, err := analyze.Open(ctx, rec.Path)
	if err != nil {
		return nil, err
	}
	blobs, err := repo.NewBlobReader(ctx)
	if err != nil {
		return nil, err
	}
	r := &repoEvidence{repo: repo, blobs: blobs, plan: p, trees: map[string]map[string]bool{}, descs: map[string]string{}}
	g.repos[rec.ID] = r
	return r, nil
}

// tree is the set of paths (and folders) at a commit.
func (r *repoEvidence) tree(ctx context.Context, commit string) (map[string]bool, error) {
	if t, ok := r.trees[commit]; ok {
		return t, nil
	}
	t, err := r.repo.TreePaths(ctx, commit)
	if err != nil {
		return nil, err
	}
	if len(r.trees) > 16 { // drafts come newest commits first; keep a few
		clear(r.trees)
	}
	r.trees[commit] = t
	return t, nil
}

// description is the README's first paragraph at a commit.
func (r *repoEvidence) description(ctx context.Context, commit string) string {
	if d, ok := r.descs[commit]; ok {
		return d
	}
	d := r.repo.Description(ctx, commit)
	r.descs[commit] = d
	return d
}

// prompt gathers a finding's prompt input: the finding, the repository's
// name and description, and the code around the finding at its commit.
func (r *repoEvidence) prompt(ctx context.Context, rec store.Repo, f store.Finding) draft.PromptInput {
	commit := f.Evidence.Commit
	in := draft.PromptInput{Finding: f, Repo: repoName(rec), RepoDescription: r.description(ctx, commit)}
	if raw, err := r.blobs.Read(commit, f.Evidence.Path, analyze.MaxSourceBytes); err == nil {
		code, start := around(string(raw), f.Evidence.Line, contextLines)
		in.Code, in.CodeStart = code, start // the prompt builder redacts what goes to the model
	}
	return in
}

// around returns up to n lines either side of line (1-based) and the number
// of the first line returned.
func around(text string, line, n int) (string, int) {
	lines := strings.Split(text, "\n")
	start := max(line-1-n, 0)
	end := min(line+n, len(lines))
	if start >= end {
		return "", 0
	}
	return strings.Join(lines[start:end], "\n"), start + 1
}
