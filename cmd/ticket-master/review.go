package main

import (
	"bufio"
	"context"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/review"
	"github.com/ticket-master/ticket-master/store"
)

type reviewOptions struct {
	IO         *IO
	Store      func() (*store.Store, error)
	Publishers func() review.PublisherFor
	Repo       string
}

func newReviewCmd(f *factory, runF func(context.Context, *reviewOptions) error) *cli.Command {
	if runF == nil {
		runF = runReview
	}
	return &cli.Command{
		Name:  "review",
		Usage: "walk the pending drafts like `git add -p`: publish, edit, skip or discard each",
		Description: "For each pending draft, review shows its title, labels, body and evidence and\n" +
			"asks: Publish this issue [y,n,e,l,d,q,?]?\n" +
			"  y publish now      n leave for later     e edit in $EDITOR (title on the first line)\n" +
			"  l edit labels      d discard for good    q quit    ? help\n" +
			"Then, for published issues whose findings were resolved, it offers to close\n" +
			"them with a comment naming the commit (c close, n keep).\n" +
			"Answers are read line by line, so review can be scripted:\n" +
			"  printf 'y\\nn\\nd\\n' | ticket-master review",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "repo", Usage: "only drafts of the repository at `PATH`"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("review takes no arguments (use --repo PATH)")
			}
			return runF(c.Context, &reviewOptions{IO: f.IO, Store: f.Store, Publishers: f.Publishers, Repo: c.String("repo")})
		},
	}
}

func runReview(ctx context.Context, o *reviewOptions) error {
	st, err := o.Store()
	if err != nil {
		return err
	}
	repoID := ""
	if o.Repo != "" {
		rec, err := daemon.FindRepo(ctx, st, o.Repo)
		if err != nil {
			return err
		}
		repoID = rec.ID
	}
	pubFor := o.Publishers()
	publishing := &review.Publishing{Store: st, Publisher: pubFor}
	// The editor needs the terminal; when answers come from a pipe it
	// must not read them.
	var editorIn *os.File
	if f, ok := o.IO.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		editorIn = f
	}
	s := &review.Session{
		In: bufio.NewReader(o.IO.In), Out: o.IO.Out, RepoID: repoID, Store: st, Publishing: publishing,
		Edit: review.Editor(review.EditorCommand(o.IO.Getenv), editorIn, o.IO.Err, o.IO.Err),
		Duplicate: review.OpenIssueDuplicates(st, pubFor, func(err error) {
			fmt.Fprintf(o.IO.Err, "ticket-master: cannot check GitHub for duplicates: %v\n", err)
		}),
	}
	if cs := o.IO.colors(); cs.on {
		s.Style = review.Style{Title: cs.bold, Prompt: cs.cyan}
	}
	sum, err := s.Run(ctx)
	if err != nil {
		return err
	}
	if len(sum.Published)+sum.Skipped+sum.Discarded+sum.Closed+sum.Failed > 0 {
		fmt.Fprintf(o.IO.Out, "\n%d published, %d left for later, %d discarded, %d closed", len(sum.Published), sum.Skipped, sum.Discarded, sum.Closed)
		if sum.Failed > 0 {
			fmt.Fprintf(o.IO.Out, ", %d failed (still pending)", sum.Failed)
		}
		fmt.Fprintln(o.IO.Out)
	}
	if sum.Failed > 0 && len(sum.Published) == 0 {
		// Every publish tried failed: a script must not take it for success.
		return fmt.Errorf("%s not published (see above); they stay pending", plural(sum.Failed, "draft"))
	}
	return nil
}
