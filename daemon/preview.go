package daemon

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/daemon/analyze"
	"github.com/ticket-master/ticket-master/daemon/draft"
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

// Preview is what a one-shot analysis found: the drafts the daemon would
// queue for those commits. Nothing is stored and nothing is sent anywhere.
type Preview struct {
	Repo     string          `json:"repo"`
	GitHub   string          `json:"github,omitempty"`
	Commits  int             `json:"commits"`
	ByKind   map[string]int  `json:"findings_by_kind"`
	Resolved int             `json:"resolved"`
	Skipped  int             `json:"skipped_files"`
	Findings []store.Finding `json:"findings"`
	Drafts   []PreviewDraft  `json:"drafts"`
	Omitted  int             `json:"omitted_drafts"` // beyond MaxIssues
}

// PreviewDraft is a draft that would be queued.
type PreviewDraft struct {
	Title       string           `json:"title"`
	Body        string           `json:"body"`
	Labels      []string         `json:"labels"`
	Fingerprint string           `json:"fingerprint"`
	DraftedBy   string           `json:"drafted_by"`
	Evidence    []store.Evidence `json:"evidence"`
}

// RunPreview analyses commits of a repository without the store: the
// `analyze` command, which needs no daemon and writes nothing.
func RunPreview(ctx context.Context, o PreviewOptions) (Preview, error) {
	var p Preview
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
	var commits []analyze.Commit
	if o.Since != "" {
		base, err := repo.ResolveRevision(ctx, o.Since)
		if err != nil {
			return p, err
		}
		commits, err = repo.NewCommits(ctx, analyze.SortedTips(tips), []string{base}, 0)
		if err != nil {
			return p, err
		}
	} else if commits, err = repo.RecentCommits(ctx, analyze.SortedTips(tips), o.Last); err != nil {
		return p, err
	}

	rc := Reconciler{Config: o.Config}
	pl, err := rc.planFor(repo.Path)
	if err != nil {
		return p, err
	}
	open := map[string]store.Finding{}
	var win hotspotWindow
	var last analyze.Commit
	err = repo.Analyze(ctx, commits, pl.opts, func(res analyze.Result) error {
		p.Commits++
		win.add(res.Touch, pl.settings.HotspotWindow)
		last = res.Commit
		p.Skipped += len(res.Skipped)
		for _, r := range confirmResolutions(ctx, repo, res, pl.opts.TODO) {
			if r.Fingerprint == analyze.DocDriftResolution {
				for fp := range open {
					if name := analyze.DocDriftSurface(fp); name != "" && strings.Contains(r.DocMentions, name) {
						delete(open, fp)
						p.Resolved++
					}
				}
				continue
			}
			if _, ok := open[r.Fingerprint]; ok {
				delete(open, r.Fingerprint)
				p.Resolved++
			}
		}
		for _, f := range res.Findings {
			if _, ok := open[f.Fingerprint]; !ok {
				open[f.Fingerprint] = toStoreFinding(f, res.Commit, res.Commit.Time)
			}
		}
		if o.Progress != nil {
			o.Progress(p.Commits, len(commits))
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	if pl.settings.On("hotspot") && p.Commits > 0 {
		for _, f := range analyze.DetectHotspots(win.Touches, pl.hotspotOptions(win.BlockID)) {
			open[f.Fingerprint] = toStoreFinding(f, last, last.Time)
		}
	}

	p.ByKind = map[string]int{}
	p.Findings = []store.Finding{}
	for _, f := range open {
		p.Findings = append(p.Findings, f)
		p.ByKind[f.Kind]++
	}
	// Newest first: recent work is what a person remembers best.
	sort.Slice(p.Findings, func(i, j int) bool {
		a, b := p.Findings[i].Evidence, p.Findings[j].Evidence
		if !a.Time.Equal(b.Time) {
			return a.Time.After(b.Time)
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Line < b.Line
	})
	p.Drafts = []PreviewDraft{}
	dt := draft.Target{Host: target.Host, Owner: target.Owner, Name: target.Name}
	for i, f := range p.Findings {
		if o.MaxIssues > 0 && i >= o.MaxIssues {
			p.Omitted = len(p.Findings) - i
			break
		}
		is := draft.Template(dt, f)
		p.Drafts = append(p.Drafts, PreviewDraft{
			Title: is.Title, Body: is.Body, Labels: is.Labels, Fingerprint: f.Fingerprint,
			DraftedBy: draft.TemplateName, Evidence: []store.Evidence{f.Evidence},
		})
	}
	return p, nil
}
