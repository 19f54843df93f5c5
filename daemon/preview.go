package daemon

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// PreviewOptions select the commits a one-shot analysis looks at.
type PreviewOptions struct {
	Path      string
	Last      int    // the last N commits of the watched branches
	Since     string // or the commits after this revision
	MaxIssues int    // at most this many drafts (0: no limit)
	Config    config.Config
	Progress  func(done, total int)
}

// Preview is what a one-shot analysis found: exactly the drafts the daemon
// would queue for those commits. Nothing is kept and nothing is sent
// anywhere.
type Preview struct {
	Repo     string         `json:"repo"`
	GitHub   string         `json:"github,omitempty"`
	Commits  int            `json:"commits"`
	ByKind   map[string]int `json:"findings_by_kind"`
	Resolved int            `json:"resolved"`
	Skipped  int            `json:"skipped_files"`
	// Unreadable counts commits git could not diff (missing objects).
	Unreadable int             `json:"unreadable_commits,omitempty"`
	Dropped    int             `json:"dropped"` // findings whose claims git contradicted
	Waiting    int             `json:"waiting"` // findings over the draft budget
	Findings   []store.Finding `json:"findings"`
	Drafts     []PreviewDraft  `json:"drafts"`
	Omitted    int             `json:"omitted_drafts"` // beyond MaxIssues
}

// PreviewDraft is a draft that would be queued.
type PreviewDraft struct {
	Kind         string             `json:"kind"`
	Title        string             `json:"title"`
	Body         string             `json:"body"`
	Labels       []string           `json:"labels"`
	Fingerprint  string             `json:"fingerprint"`
	Fingerprints []string           `json:"fingerprints,omitempty"` // when it cites several findings
	DraftedBy    string             `json:"drafted_by"`
	Evidence     []finding.Evidence `json:"evidence"`
}

// RunPreview runs the daemon's own pipeline over commits of a repository,
// against a throwaway store in a temp folder that is removed afterwards:
// the `analyze` command, which needs no daemon and no enrollment and keeps
// nothing. Because it is the same pipeline (settings, detectors, fact
// checks, budget, digest), what it shows is what `enroll --backfill` would
// queue for the same commits.
func RunPreview(ctx context.Context, o PreviewOptions) (Preview, error) {
	var p Preview
	if o.Since == "" && o.Last > batchGCMinCount {
		batchGC.prepareHeap()
	}
	repo, err := analyze.Open(ctx, o.Path)
	if err != nil {
		return p, err
	}
	p.Repo = repo.Path
	target, _ := githubTarget(ctx, repo, "")
	if target.Owner != "" {
		p.GitHub = target.String()
	}
	tips, err := repo.Tips(ctx, o.Config.Branches)
	if err != nil {
		return p, err
	}
	if len(tips) == 0 {
		return p, fmt.Errorf("%s has no commits yet: nothing to analyse", repo.Path)
	}
	var walk *Walk // git lists the commits while the database is set up
	if o.Since == "" {
		walk = StartWalk(ctx, repo, tips, o.Last)
	}
	dir, err := os.MkdirTemp("", "ticket-master-analyze-")
	if err != nil {
		return p, fmt.Errorf("analyze: %w", err)
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(filepath.Join(dir, "analyze.db"), store.Options{Throwaway: true})
	if err != nil {
		return p, err
	}
	rec := store.Repo{
		ID: analyze.RepoID(repo.GitDir), Path: repo.Path, GitDir: repo.GitDir,
		Host: target.Host, Owner: target.Owner, Name: target.Name,
		Branches: o.Config.Branches, Enrolled: true,
	}
	if err := st.Update(func(tx *store.Tx) error {
		rec.EnrolledAt = tx.Now()
		if err := tx.PutRepo(rec); err != nil {
			return err
		}
		return tx.SetTips(rec.ID, tips)
	}); err != nil {
		return p, err
	}
	rc := &Reconciler{Store: st, Config: o.Config, Progress: o.Progress}
	var sum Summary
	if o.Since != "" {
		sum, err = rc.Since(ctx, rec.ID, o.Since)
	} else {
		sum, err = rc.BackfillWalk(ctx, rec.ID, walk)
	}
	if err != nil {
		return p, err
	}
	p.Commits, p.Resolved, p.Skipped, p.Dropped, p.Waiting = sum.Commits, sum.Resolved, sum.Skipped, sum.Dropped, sum.Waiting
	p.Unreadable = sum.Unreadable
	p.ByKind, p.Findings, p.Drafts = map[string]int{}, []store.Finding{}, []PreviewDraft{}
	err = st.View(func(tx *store.Tx) error {
		open, err := tx.Findings(rec.ID, store.FindingOpen)
		if err != nil {
			return err
		}
		for _, f := range open {
			p.Findings = append(p.Findings, f)
			p.ByKind[f.Kind]++
		}
		drafts, err := tx.Drafts(store.DraftFilter{RepoID: rec.ID, State: store.DraftPending})
		if err != nil {
			return err
		}
		for i, d := range drafts {
			if o.MaxIssues > 0 && i >= o.MaxIssues {
				p.Omitted = len(drafts) - i
				break
			}
			pd := PreviewDraft{
				Kind: d.Kind(), Title: d.Title, Body: d.Body, Labels: d.Labels, Fingerprint: d.Fingerprint(),
				DraftedBy: d.DraftedBy, Evidence: d.Evidence,
			}
			if len(d.Fingerprints) > 1 {
				pd.Fingerprints = d.Fingerprints
			}
			p.Drafts = append(p.Drafts, pd)
		}
		return nil
	})
	return p, err
}
