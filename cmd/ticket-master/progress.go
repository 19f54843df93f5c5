package main

import (
	"fmt"
	"io"
)

// progress draws "label  120/2000 (6%)" on one terminal line, redrawn in
// place; off a terminal it draws nothing, so logs and pipes stay clean.
type progress struct {
	w     io.Writer
	label string
	on    bool
	drawn bool
}

func newProgress(ios *IO, label string) *progress {
	return &progress{w: ios.Err, label: label, on: ios.ErrTTY}
}

func (p *progress) update(done, total int) {
	if !p.on || total == 0 {
		return
	}
	fmt.Fprintf(p.w, "\r%s %d/%d (%d%%)", p.label, done, total, done*100/total)
	p.drawn = true
}

func (p *progress) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
