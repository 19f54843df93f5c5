package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/daemon"
)

type analyzeOptions struct {
	IO        *IO
	Path      string
	Last      int
	Since     string
	MaxIssues int
	JSON      bool
}

func analyzeCommand(ios *IO) *cli.Command {
	return &cli.Command{
		Name:      "analyze",
		Usage:     "analyse recent commits once and print the drafts they would give (stores and sends nothing)",
		ArgsUsage: "[PATH]",
		Description: "Analyze needs no daemon and no enrollment: it is the way to see what\n" +
			"ticket-master would draft for a repository before enrolling it.\n\n" +
			"Examples:\n  ticket-master analyze --last 200\n  ticket-master analyze ~/src/gadgets --since v1.2.0 --json",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "last", Value: 50, Usage: "analyse the last `N` commits of the watched branches"},
			&cli.StringFlag{Name: "since", Usage: "analyse the commits after `REV` instead"},
			&cli.IntFlag{Name: "max-issues", Value: 10, Usage: "print at most `N` drafts (0: all)"},
			jsonFlag(),
		},
		Action: func(c *cli.Context) error {
			path, err := argPath(c)
			if err != nil {
				return err
			}
			if c.IsSet("last") && c.IsSet("since") {
				return usagef("use --last or --since, not both")
			}
			if c.Int("last") < 1 || c.Int("max-issues") < 0 {
				return usagef("--last must be at least 1 and --max-issues 0 or more")
			}
			return runAnalyze(c.Context, &analyzeOptions{
				IO: ios, Path: path, Last: c.Int("last"), Since: c.String("since"),
				MaxIssues: c.Int("max-issues"), JSON: c.Bool("json"),
			})
		},
	}
}

func runAnalyze(ctx context.Context, o *analyzeOptions) error {
	e, err := loadEnv(o.IO)
	if err != nil {
		return err
	}
	bar := newProgress(o.IO, "analysing commits")
	p, err := daemon.RunPreview(ctx, daemon.PreviewOptions{
		Path: o.Path, Last: o.Last, Since: o.Since, MaxIssues: o.MaxIssues,
		Config: e.cfg, Progress: bar.update,
	})
	bar.finish()
	if err != nil {
		return err
	}
	if o.JSON {
		return writeJSON(o.IO, p)
	}
	w := o.IO.Out
	fmt.Fprintf(w, "Analysed %d commits of %s", p.Commits, p.Repo)
	if p.GitHub != "" {
		fmt.Fprintf(w, " (%s)", p.GitHub)
	}
	fmt.Fprintln(w)
	kinds := make([]string, 0, len(p.ByKind))
	for k := range p.ByKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Fprintf(w, "Findings still open: %d", len(p.Findings))
	if len(kinds) > 0 {
		parts := make([]string, len(kinds))
		for i, k := range kinds {
			parts[i] = fmt.Sprintf("%s %d", k, p.ByKind[k])
		}
		fmt.Fprintf(w, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "; %d resolved within these commits; %d files skipped\n", p.Resolved, p.Skipped)
	for i, d := range p.Drafts {
		fmt.Fprintf(w, "\n=== Draft %d of %d: %s\n", i+1, len(p.Drafts), d.Title)
		fmt.Fprintf(w, "Labels: %s\n\n%s\n", strings.Join(d.Labels, ", "), d.Body)
	}
	if p.Omitted > 0 {
		fmt.Fprintf(w, "\n... and %d more (raise --max-issues to see them)\n", p.Omitted)
	}
	return nil
}
