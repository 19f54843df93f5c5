package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// minRepos is how many repositories of different languages issue 9 asks
// the benchmark to cover.
const minRepos = 5

// runBenchmark is `make quality`.
func runBenchmark(ctx context.Context, ios *IO, c *common) error {
	if c.Repos == "" {
		fmt.Fprintln(ios.Out, "quality: skipped: TM_QUALITY_REPOS is not set. The benchmark runs on real repositories,\n"+
			"which CI cannot fetch; clone some into a folder and name it, e.g.\n"+
			"  TM_QUALITY_REPOS=/work/quality-repos make quality\n"+
			"(quality/README.md says how to get them).")
		return nil
	}
	sources, err := FindSources(ctx, c.Repos)
	if err != nil {
		return fmt.Errorf("%w (TM_QUALITY_REPOS=%s)", err, c.Repos)
	}
	if len(sources) == 0 {
		return fmt.Errorf("no git clones in %s: clone real repositories there (quality/README.md)", c.Repos)
	}
	if len(sources) < minRepos {
		fmt.Fprintf(ios.Err, "quality: only %d repositories in %s; the goals are judged on at least %d of different languages\n",
			len(sources), c.Repos, minRepos)
	}
	labels, err := ReadLabels(c.Labels)
	if err != nil {
		return err
	}
	var runs []Run
	var skipped []string
	if c.Cached {
		// The figures of the last run again, with the labels as they are
		// now: for judging and re-reading without a backfill each time.
		for _, src := range sources {
			kept, err := loadCache(c.Cache, src.Name)
			if err != nil {
				return err
			}
			runs = append(runs, kept.run())
		}
	} else {
		bin, cleanup, err := c.binary(ctx, ios)
		if err != nil {
			return err
		}
		defer cleanup()
		for _, src := range sources {
			fmt.Fprintf(ios.Err, "quality: %s: enroll --backfill %d ...\n", src.Name, c.Commits)
			run, err := backfillOne(ctx, bin, src, c.Commits)
			if err != nil {
				// One clone that cannot be read (objects missing from a
				// partial snapshot) does not hide the others' figures.
				if ctx.Err() != nil {
					return err
				}
				fmt.Fprintf(ios.Err, "quality: %s: skipped: %v\n", src.Name, err)
				skipped = append(skipped, src.Name)
				continue
			}
			if err := saveCache(c.Cache, src, run); err != nil {
				fmt.Fprintf(ios.Err, "quality: %v (label -cached and judge need it)\n", err)
			}
			runs = append(runs, run)
		}
	}
	rep := &Report{W: ios.Out, Folder: c.Repos, Commits: c.Commits, Labels: NewLabelSet(labels), LabelFile: c.Labels,
		ListUnmatched: c.ListUnmatched}
	rep.Write(runs)
	if len(skipped) > 0 {
		return fmt.Errorf("%d of %d repositories skipped (%s): see the messages above", len(skipped), len(sources), strings.Join(skipped, ", "))
	}
	return nil
}

// backfillOne runs one repository in a sandbox of its own.
func backfillOne(ctx context.Context, bin string, src Source, commits int) (Run, error) {
	sb, err := NewSandbox(bin)
	if err != nil {
		return Run{}, err
	}
	defer sb.Close()
	return sb.Backfill(ctx, src, commits)
}

// cached is one repository's drafts as the last run (or label) saw them:
// what `judge` maps a person's verdicts onto, and what `run -cached`
// reports again.
type cached struct {
	Source  Source          `json:"source"`
	At      time.Time       `json:"at"`
	Commits int             `json:"commits"`
	Drafts  []Draft         `json:"drafts"`
	Waiting []Draft         `json:"waiting"` // null: not measured
	Stale   map[string]bool `json:"stale"`
	Claims  *Claims         `json:"claims"`
	Timing  Timing          `json:"timing"`
}

func (c cached) run() Run {
	return Run{Name: c.Source.Name, Repo: c.Source.GitHub, Commits: c.Commits, Drafts: c.Drafts,
		Waiting: c.Waiting, Stale: c.Stale, Claims: c.Claims, Timing: c.Timing}
}

func saveCache(dir string, src Source, run Run) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("keep the drafts: %w", err)
	}
	b, err := json.Marshal(cached{Source: src, At: time.Now().UTC(), Commits: run.Commits, Drafts: run.Drafts,
		Waiting: run.Waiting, Stale: run.Stale, Claims: run.Claims, Timing: run.Timing})
	if err != nil {
		return fmt.Errorf("keep the drafts: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, src.Name+".json"), b, 0o644); err != nil {
		return fmt.Errorf("keep the drafts: %w", err)
	}
	return nil
}

func loadCache(dir, name string) (cached, error) {
	var c cached
	b, err := os.ReadFile(filepath.Join(dir, name+".json"))
	if err != nil {
		return c, fmt.Errorf("no drafts of %s kept from a run (run `go run ./quality label %s` without -cached first): %w", name, name, err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("read the kept drafts of %s: %w", name, err)
	}
	return c, nil
}
