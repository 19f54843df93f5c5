// Package main is the quality benchmark of issue 9 (`make quality`): it
// runs the real ticket-master binary over real repositories the way a user
// would (`enroll --backfill 300`, template drafts) and prints, per
// repository and per detector, the drafts, their volume, stale drafts,
// duplicate titles, the fact checks, and precision on a labelled set kept
// in quality/labels.jsonl. It is a benchmark, not a test: CI cannot fetch
// the repositories, so without TM_QUALITY_REPOS it says why and skips.
//
//	go run ./quality [run]    [-repos DIR] [-labels FILE] [-bin PATH] [-commits N] [-unmatched] [-cached]
//	go run ./quality label    [-repos DIR] [-labels FILE] [-bin PATH] [-commits N] [-kind K] [-all] [-limit N] [-cached] NAME
//	go run ./quality judge    [-labels FILE] NAME < verdicts
//
// See quality/README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
)

// IO is the program's streams and environment, injected for tests.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ios := &IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv}
	if err := dispatch(ctx, ios, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "quality:", err)
		os.Exit(1)
	}
}

// common are the flags every command shares.
type common struct {
	Repos   string // the folder of real repositories (TM_QUALITY_REPOS)
	Labels  string // the labelled set
	Bin     string // the ticket-master binary; built into a temp folder when empty
	Commits int    // the backfill's depth
	Cache   string // where the drafts of the last run are kept for `label -cached` and `judge`
	// ListUnmatched (run only) lists each label that matches no draft now.
	ListUnmatched bool
	// Cached (run and label) reports the drafts of the last run again
	// instead of running the backfill.
	Cached bool
}

func (c *common) flags(fs *flag.FlagSet, ios *IO) {
	fs.StringVar(&c.Repos, "repos", ios.Getenv("TM_QUALITY_REPOS"), "the `folder` of real repositories (default: $TM_QUALITY_REPOS)")
	fs.StringVar(&c.Labels, "labels", filepath.Join("quality", "labels.jsonl"), "the labelled set (`file`)")
	fs.StringVar(&c.Bin, "bin", "", "the ticket-master `binary` to measure (default: build ./cmd/ticket-master)")
	fs.IntVar(&c.Commits, "commits", 300, "analyse the last `N` commits of each repository")
	cache, _ := os.UserCacheDir()
	fs.StringVar(&c.Cache, "cache", filepath.Join(cache, "ticket-master-quality"), "`folder` for the drafts of the last run")
}

func dispatch(ctx context.Context, ios *IO, args []string) error {
	cmd := "run"
	if len(args) > 0 && (args[0] == "run" || args[0] == "label" || args[0] == "judge") {
		cmd, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("quality "+cmd, flag.ContinueOnError)
	fs.SetOutput(ios.Err)
	var o labelOptions // label's options; the other commands use o.common
	c := &o.common
	c.flags(fs, ios)
	switch cmd {
	case "label":
		fs.StringVar(&o.Kind, "kind", "", "only drafts of this `detector`")
		fs.BoolVar(&o.All, "all", false, "list every pending draft, judged or not")
		fs.IntVar(&o.Limit, "limit", 0, "list at most `N` drafts")
		fs.BoolVar(&c.Cached, "cached", false, "list the drafts of the last run instead of running the backfill again")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return errors.New("usage: go run ./quality label [flags] NAME (a folder in the repositories folder)")
		}
		o.Name = fs.Arg(0)
		return runLabel(ctx, ios, &o)
	case "judge":
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return errors.New("usage: go run ./quality judge [flags] NAME < verdicts (lines: ID VERDICT REASON)")
		}
		return runJudge(ios, c, fs.Arg(0))
	default:
		fs.BoolVar(&c.ListUnmatched, "unmatched", false, "list each judged finding that is no longer reported, not only their counts")
		fs.BoolVar(&c.Cached, "cached", false, "report the last run's drafts again (with the labels as they are now) instead of running the backfill")
		if err := fs.Parse(args); err != nil {
			return err
		}
		return runBenchmark(ctx, ios, c)
	}
}

// binary returns the binary to measure, building the current source into
// a temp folder when none was given (so a run never measures a stale
// build); cleanup removes it.
func (c *common) binary(ctx context.Context, ios *IO) (bin string, cleanup func(), err error) {
	if c.Bin != "" {
		abs, err := filepath.Abs(c.Bin)
		if err != nil {
			return "", nil, err
		}
		if _, err := os.Stat(abs); err != nil {
			return "", nil, fmt.Errorf("no ticket-master binary at %s (run `make build`): %w", abs, err)
		}
		return abs, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "tmq-bin")
	if err != nil {
		return "", nil, err
	}
	bin = filepath.Join(dir, "ticket-master")
	fmt.Fprintln(ios.Err, "building ./cmd/ticket-master ...")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/ticket-master")
	build.Stdout, build.Stderr = ios.Err, ios.Err
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		return "", nil, fmt.Errorf("build ticket-master (run from the project's top folder): %w", err)
	}
	return bin, func() { os.RemoveAll(dir) }, nil
}
