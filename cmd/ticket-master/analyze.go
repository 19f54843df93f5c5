package main

import (
	"context"
	"fmt"
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
	Full      bool
	JSON      bool
	// Preview runs the analysis; the command runs daemon.RunPreview with
	// the config in force.
	Preview func(context.Context, daemon.PreviewOptions) (daemon.Preview, error)
}

func newAnalyzeCmd(f *factory, runF func(context.Context, *analyzeOptions) error) *cli.Command {
	if runF == nil {
		runF = runAnalyze
	}
	return &cli.Command{
		Name:      "analyze",
		Usage:     "analyse recent commits once and summarise the drafts they would give (stores and sends nothing)",
		ArgsUsage: "[PATH]",
		Description: "Analyze needs no daemon and no enrollment: it is the way to see what\n" +
			"ticket-master would draft for a repository before enrolling it. It prints a\n" +
			"table of findings and drafts per kind; --full prints each draft too.\n\n" +
			"Examples:\n  ticket-master analyze --last 200\n  ticket-master analyze ~/src/gadgets --since v1.2.0 --full",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "last", Value: 50, Usage: "analyse the last `N` commits of the watched branches"},
			&cli.StringFlag{Name: "since", Usage: "analyse the commits after `REV` instead"},
			&cli.IntFlag{Name: "max-issues", Value: 10, Usage: "draft at most `N` issues (0: all)"},
			&cli.BoolFlag{Name: "full", Usage: "print each draft's title, labels and body"},
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
			if c.Int("last") < 1 {
				return usagef("--last %d: analyse at least 1 commit", c.Int("last"))
			}
			if c.Int("max-issues") < 0 {
				return usagef("--max-issues %d: use 0 (every draft) or more", c.Int("max-issues"))
			}
			return runF(c.Context, &analyzeOptions{
				IO: f.IO, Path: path, Last: c.Int("last"), Since: c.String("since"),
				MaxIssues: c.Int("max-issues"), Full: c.Bool("full"), JSON: c.Bool("json"),
				Preview: func(ctx context.Context, po daemon.PreviewOptions) (daemon.Preview, error) {
					e, err := f.Env()
					if err != nil {
						return daemon.Preview{}, err
					}
					po.Config = e.cfg
					return daemon.RunPreview(ctx, po)
				},
			})
		},
	}
}

func runAnalyze(ctx context.Context, o *analyzeOptions) error {
	bar := newProgress(o.IO, "analysing commits")
	// Every draft comes back, so that the table counts them all; only the
	// listing stops at --max-issues.
	p, err := o.Preview(ctx, daemon.PreviewOptions{
		Path: o.Path, Last: o.Last, Since: o.Since, Progress: bar.update,
	})
	bar.finish()
	if err != nil {
		return err
	}
	counts := countPreview(p)
	if o.MaxIssues > 0 && len(p.Drafts) > o.MaxIssues {
		p.Omitted = len(p.Drafts) - o.MaxIssues
		p.Drafts = p.Drafts[:o.MaxIssues]
	}
	if o.JSON {
		return writeJSON(o.IO, p)
	}
	w, cs := o.IO.Out, o.IO.colors()
	fmt.Fprintf(w, "Analysed %s of %s", plural(p.Commits, "commit"), p.Repo)
	if p.GitHub != "" {
		fmt.Fprintf(w, " (%s)", p.GitHub)
	}
	fmt.Fprintln(w)
	counts.print(w)
	fmt.Fprintf(w, "%s resolved within these commits; %s skipped", plural(p.Resolved, "finding"), plural(p.Skipped, "file"))
	if p.Dropped > 0 {
		fmt.Fprintf(w, "; %s dropped for a claim git contradicts", plural(p.Dropped, "finding"))
	}
	fmt.Fprintln(w, ".")
	if p.Unreadable > 0 {
		fmt.Fprintf(w, "%s could not be read: objects are missing from the repository (`git fsck` lists them).\n", plural(p.Unreadable, "commit"))
	}
	switch n := counts.total().waiting; {
	case n == 1:
		fmt.Fprintln(w, "1 finding waits for room in the draft budget (once enrolled, `drafts list --waiting` lists it).")
	case n > 1:
		fmt.Fprintf(w, "%d findings wait for room in the draft budget (once enrolled, `drafts list --waiting` lists them).\n", n)
	}
	if o.Full {
		for i, d := range p.Drafts {
			fmt.Fprintf(w, "\n=== Draft %d of %d: %s\n", i+1, len(p.Drafts), cs.bold(d.Title))
			fmt.Fprintf(w, "Labels: %s\n\n%s\n", strings.Join(d.Labels, ", "), d.Body)
		}
	}
	switch {
	case p.Omitted > 0:
		fmt.Fprintf(w, "\n%d more %s beyond --max-issues %d (raise it to see them).\n", p.Omitted, pluralWord(p.Omitted, "draft"), o.MaxIssues)
	case !o.Full && len(p.Drafts) > 0:
		fmt.Fprintln(w, "\n--full prints each draft.")
	}
	return nil
}
