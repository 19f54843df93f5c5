package main

import "github.com/ticket-master/ticket-master/store"

// palette colours text with ANSI escapes when the output wants colour
// (IO.Color); otherwise every method returns its text unchanged, so that
// pipes, logs and NO_COLOR users get plain text.
type palette struct{ on bool }

func (p palette) wrap(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p palette) bold(s string) string   { return p.wrap("1", s) }
func (p palette) dim(s string) string    { return p.wrap("2", s) }
func (p palette) red(s string) string    { return p.wrap("31", s) }
func (p palette) green(s string) string  { return p.wrap("32", s) }
func (p palette) yellow(s string) string { return p.wrap("33", s) }
func (p palette) cyan(s string) string   { return p.wrap("36", s) }

// state colours a draft's state: what waits for you stands out, what is
// done or gone recedes.
func (p palette) state(s string) string {
	switch s {
	case store.DraftPending:
		return p.yellow(s)
	case store.DraftPublished:
		return p.green(s)
	case store.DraftDiscarded, store.DraftWithdrawn:
		return p.dim(s)
	}
	return s
}
