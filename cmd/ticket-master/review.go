package main

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"sync"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/publish"
	"github.com/ticket-master/ticket-master/review"
)

type reviewOptions struct {
	IO   *IO
	Repo string
}

func reviewCommand(ios *IO) *cli.Command {
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
			return runReview(c.Context, &reviewOptions{IO: ios, Repo: c.String("repo")})
		},
	}
}

func runReview(ctx context.Context, o *reviewOptions) error {
	e, st, err := loadStore(o.IO)
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
	pubFor := publisherFor(e, o.IO)
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
	return nil
}

// publisherFor makes one publisher per GitHub host, on first use, with the
// token found for that host.
func publisherFor(e *env, ios *IO) review.PublisherFor {
	var mu sync.Mutex
	made := map[string]*publish.Publisher{}
	return func(ctx context.Context, host string) (*publish.Publisher, error) {
		mu.Lock()
		defer mu.Unlock()
		if p := made[host]; p != nil {
			return p, nil
		}
		tok, err := tokenSource(ios).Find(ctx, host)
		if err != nil {
			return nil, err
		}
		c, err := publish.NewClient(publish.ClientOptions{
			APIBase: publish.APIBase(ios.Getenv, apiURLFor(e.cfg.GitHub.APIURL, host), host),
			Token:   tok.Value,
		})
		if err != nil {
			return nil, err
		}
		login, err := c.User(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", tok, tok.Scrub(err))
		}
		// github.pace: 0 in the config means no pacing; in the Publisher
		// 0 means the default and a negative value none.
		pace := e.cfg.GitHub.Pace.Std()
		if pace == 0 {
			pace = -1
		}
		p := &publish.Publisher{
			Client: c, Clock: publish.RealClock(), Pace: pace,
			CreateLabels: e.cfg.GitHub.CreateLabels, Login: login,
		}
		made[host] = p
		return p, nil
	}
}

// apiURLFor returns the configured github.api_url when it belongs to host:
// a GitHub Enterprise URL must not receive the token of github.com.
func apiURLFor(configured, host string) string {
	u, err := url.Parse(configured)
	if configured == "" || err != nil {
		return ""
	}
	h := u.Hostname()
	if h == host || (host == "github.com" && h == "api.github.com") {
		return configured
	}
	return ""
}
