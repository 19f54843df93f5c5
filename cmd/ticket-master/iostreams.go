package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IO is the streams and environment a command uses, injected so that tests
// build commands with buffers and a map instead of the real process's.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
	// TTY says whether Out (for output) and Err (for progress) are terminals.
	OutTTY bool
	ErrTTY bool
}

func systemIO() *IO {
	return &IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		Getenv: os.Getenv,
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// Color reports whether output may use colour: on a terminal that is not
// TERM=dumb, or anywhere with CLICOLOR_FORCE set (as gh and others honour
// it); never when NO_COLOR is set (https://no-color.org).
func (io *IO) Color() bool {
	if io.Getenv("NO_COLOR") != "" {
		return false
	}
	if f := io.Getenv("CLICOLOR_FORCE"); f != "" && f != "0" {
		return true
	}
	return io.OutTTY && io.Getenv("TERM") != "dumb"
}

// colors is the palette for Out: plain unless Color says otherwise.
func (io *IO) colors() palette { return palette{on: io.Color()} }
