package analyze

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync/atomic"

	"github.com/ticket-master/ticket-master/finding"
)

// GrepStream is grepStream in r: git grep with args (which name commit)
// read as it comes by read, which says whether it stopped early.
func (r *Repo) GrepStream(ctx context.Context, commit string, args []string, read func(io.Reader) (stopped bool)) error {
	return grepStream(ctx, r.GitDir, commit, args, read)
}

// grepStream runs git grep with args at commit and hands its output to
// read as it comes; read says whether it stopped before the end, and then
// what git still has to print is dropped and its exit is no failure. No
// line matched (exit status 1) is no failure either.
func grepStream(ctx context.Context, gitDir, commit string, args []string, read func(io.Reader) (stopped bool)) error {
	cmd := gitCommand(ctx, gitDir, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	stopped := read(out)
	_ = out.Close()
	err = cmd.Wait()
	var exit *exec.ExitError
	switch {
	case err == nil, stopped:
		return nil
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		return nil
	}
	return fmt.Errorf("git grep %s: %s", finding.ShortHash(commit), strings.TrimSpace(stderr.String()))
}

// noPCRE is set once git said it cannot grep with Perl-compatible regular
// expressions (built without libpcre): the git on PATH is the process's.
var noPCRE atomic.Bool

// grepCalls is grepStream for a call pattern (callRegexp) at commit among
// pathspecs. It asks git for PCRE (-P) where git has it: the same matches
// as POSIX ERE (-E) for these patterns, whose alternatives never match at
// one place with different ends, and a third of the CPU (glibc's regex
// engine was most of the greps' time in a backfill of go-git). A git
// built without PCRE gets the ERE.
func grepCalls(ctx context.Context, gitDir, commit, pattern string, pathspecs []string, read func(io.Reader) (stopped bool)) error {
	args := func(syntax string) []string {
		a := []string{"grep", "--no-color", "-I", "-z", "-o", syntax, "-e", pattern, commit, "--"}
		return append(a, pathspecs...)
	}
	if !noPCRE.Load() {
		// git refuses -P before it prints anything: read saw no match
		// that the second run repeats.
		err := grepStream(ctx, gitDir, commit, args("-P"), read)
		if err == nil || !pcreMissing(err) {
			return err
		}
		noPCRE.Store(true)
	}
	return grepStream(ctx, gitDir, commit, args("-E"), read)
}

// pcreMissing reports git's refusal of -P when built without libpcre
// ("cannot use Perl-compatible regexes when not compiled with
// USE_LIBPCRE").
func pcreMissing(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Perl-compatible") || strings.Contains(msg, "PCRE")
}
