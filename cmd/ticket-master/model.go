package main

import (
	"context"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/draft"
)

type modelPullOptions struct {
	IO  *IO
	Env func() (*env, error)
	// Ollama is a client of the configured Ollama for a model.
	Ollama func(model string, timeout time.Duration) (*draft.Ollama, error)
	Name   string // "" for llm.model
}

func modelCommand(f *factory) *cli.Command {
	return &cli.Command{
		Name:  "model",
		Usage: "manage the local model that drafts issues",
		Subcommands: []*cli.Command{
			newModelPullCmd(f, nil),
		},
	}
}

func newModelPullCmd(f *factory, runF func(context.Context, *modelPullOptions) error) *cli.Command {
	if runF == nil {
		runF = runModelPull
	}
	return &cli.Command{
		Name:        "pull",
		Usage:       "pull a model into Ollama (default: llm.model from the config)",
		ArgsUsage:   "[NAME]",
		Description: "Examples:\n  ticket-master model pull\n  ticket-master model pull qwen2.5-coder:7b",
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("model pull takes at most one NAME")
			}
			return runF(c.Context, &modelPullOptions{IO: f.IO, Env: f.Env, Ollama: f.Ollama, Name: c.Args().First()})
		},
	}
}

func runModelPull(ctx context.Context, o *modelPullOptions) error {
	ios := o.IO
	e, err := o.Env()
	if err != nil {
		return err
	}
	name := o.Name
	if name == "" {
		name = e.cfg.LLM.Model
	}
	ol, err := o.Ollama(name, time.Minute)
	if err != nil {
		return err
	}
	bar := newPullProgress(ios)
	err = ol.Pull(ctx, name, bar.update)
	bar.finish()
	if err != nil {
		return fmt.Errorf("pull %s: %w", name, err)
	}
	fmt.Fprintf(ios.Out, "pulled %s into Ollama at %s\n", name, ol.Host())
	if name != e.cfg.LLM.Model {
		fmt.Fprintf(ios.Out, "to draft with it, set llm.model: %s in %s\n", name, e.paths.ConfigFile())
	}
	return nil
}

// pullProgress shows a model pull: a bar redrawn in place on a terminal,
// one line per step otherwise.
type pullProgress struct {
	ios       *IO
	last      string
	lastShown time.Time
	drawn     bool
}

func newPullProgress(ios *IO) *pullProgress { return &pullProgress{ios: ios} }

func (p *pullProgress) update(status string, completed, total int64) {
	if !p.ios.ErrTTY {
		if status != p.last {
			fmt.Fprintln(p.ios.Err, status)
			p.last = status
		}
		return
	}
	if total <= 0 {
		fmt.Fprintf(p.ios.Err, "\r\033[K%s", status)
		p.drawn = true
		return
	}
	// Redraw at most ten times a second: pulls report very often.
	if time.Since(p.lastShown) < 100*time.Millisecond && completed < total {
		return
	}
	p.lastShown = time.Now()
	const width = 30
	filled := int(completed * width / total)
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = ' '
		if i < filled {
			bar[i] = '='
		}
	}
	fmt.Fprintf(p.ios.Err, "\r\033[K%s [%s] %3d%% %s/%s", status, bar, completed*100/total, size(completed), size(total))
	p.drawn = true
}

func (p *pullProgress) finish() {
	if p.drawn {
		fmt.Fprintln(p.ios.Err)
	}
}

func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d kB", n>>10)
	}
}
