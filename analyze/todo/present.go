package todo

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
)

const (
	// presentBefore and presentAfter are the lines around each line that
	// holds a word that Present reads: enough for the scanner to tell
	// whether the line is in a comment, and for a TODO whose text is on
	// the next line ("TODO(alice):" then "// do the thing").
	presentBefore = 6
	presentAfter  = todoExcerptLines
	// presentMaxLine caps a line kept from git grep's output: a minified
	// line is not a TODO worth reading whole.
	presentMaxLine = 16 << 10
	// presentMaxRun caps a run of adjacent lines read at once: a file made
	// of TODOs is read in slices rather than whole.
	presentMaxRun = 2048
	// presentMaxBlob caps a file Present holds in memory to read it; git
	// grep reads a larger one. Source files are nearly all far smaller.
	presentMaxBlob = 256 << 10
)

// Present reports whether the file at commit still carries a TODO with
// the given fingerprint. A fingerprint names the text, not the line, so two
// identical TODOs in one file are one finding: removing one of them must
// not resolve it while the other remains.
//
// It reads only the lines that hold one of the words, with a few lines
// around each, with the same scanner as Detect. A file of at most
// presentMaxBlob bytes is read through blobs (one git process answers every
// call of a backfill); a larger one, or every file when blobs is nil, is
// left to git grep at the commit, so that memory stays the same whatever
// the file's size. Both read the same lines and give the same answer.
func Present(ctx context.Context, r *analyze.Repo, blobs Blobs, commit, fingerprint string, opts Options) (bool, error) {
	path := PathOf(fingerprint)
	if path == "" || analyze.SkipReason(path) != "" {
		return false, nil
	}
	if _, ok := languageFor(path); !ok {
		return false, nil
	}
	if len(opts.Words) == 0 {
		opts.Words = defaultWords()
	}
	if blobs != nil {
		data, err := blobs.Read(commit, path, presentMaxBlob)
		switch {
		case err == nil:
			return presentInBlob(data, commit, path, fingerprint, opts), nil
		case errors.Is(err, analyze.ErrNoBlob):
			return false, nil // the file is gone
		}
		// Too large to hold, or the reader failed: git grep reads it.
	}
	return presentGrep(ctx, r, commit, path, fingerprint, opts)
}

// Blobs reads a file at a commit (analyze.FileReader).
type Blobs = analyze.FileReader

// grepPatterns are the fixed strings a line holding a TODO holds: each
// word as written, and as a lower-case documentation tag.
func grepPatterns(words []string) []string {
	var out []string
	for _, w := range words {
		if w != "" {
			out = append(out, w, "@"+strings.ToLower(w), `\`+strings.ToLower(w))
		}
	}
	return out
}

// presentGrep is Present through git grep: git reads the file, and only
// the lines around the words reach this process.
func presentGrep(ctx context.Context, r *analyze.Repo, commit, path, fingerprint string, opts Options) (bool, error) {
	args := []string{"grep", "--no-color", "-I", "-n", "-z", "-F",
		"-B", strconv.Itoa(presentBefore), "-A", strconv.Itoa(presentAfter)}
	for _, p := range grepPatterns(opts.Words) {
		args = append(args, "-e", p)
	}
	args = append(args, commit, "--", path)
	cmd := r.Command(ctx, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return false, fmt.Errorf("git grep: %w", err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return false, fmt.Errorf("git grep: %w", err)
	}
	found, readErr := presentIn(out, commit, path, fingerprint, opts)
	if found {
		// What git still has to print is not needed.
		_ = out.Close()
		_ = cmd.Wait()
		return true, nil
	}
	_, _ = io.Copy(io.Discard, out)
	err = cmd.Wait()
	var exit *exec.ExitError
	switch {
	case readErr != nil:
		return false, fmt.Errorf("read git grep: %w", readErr)
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		return false, nil // no line holds a word, or the file is gone
	case err != nil:
		return false, fmt.Errorf("git grep %s at %s: %s", path, finding.ShortHash(commit), strings.TrimSpace(stderr.String()))
	}
	return false, nil
}

// presentIn reads git grep -z output (NAME\0LINE\0TEXT lines, runs of
// adjacent lines separated by "--") and reports whether a run holds the
// TODO with the fingerprint. One run is held at a time.
func presentIn(out io.Reader, commit, path, fingerprint string, opts Options) (bool, error) {
	rd := bufio.NewReaderSize(out, 64<<10)
	rs := &runs{commit: commit, path: path, fingerprint: fingerprint, opts: opts}
	for {
		line, err := readLine(rd, presentMaxLine)
		if len(line) > 0 || err == nil {
			if string(line) == "--" {
				if rs.check() {
					return true, nil
				}
			} else if no, text, ok := grepLine(line); ok && rs.add(no, text) {
				return true, nil
			}
		}
		if errors.Is(err, io.EOF) {
			return rs.check(), nil
		}
		if err != nil {
			return false, err
		}
	}
}

// runs gathers the lines Present reads into runs of adjacent lines, and
// scans each run as Detect scans a hunk, looking for one fingerprint.
type runs struct {
	commit, path, fingerprint string
	opts                      Options
	run                       []analyze.Line
}

// add appends line no of the file, scanning the run so far first when the
// line does not follow it; true when a run held the TODO.
func (rs *runs) add(no int, text string) bool {
	if len(rs.run) > 0 && no != rs.run[len(rs.run)-1].NewNo+1 && rs.check() {
		return true
	}
	rs.run = append(rs.run, analyze.Line{Kind: analyze.Added, Text: text, NewNo: no})
	if len(rs.run) >= presentMaxRun {
		// Read on from the last lines again, so that a TODO across the
		// cut is still seen whole.
		keep := append([]analyze.Line(nil), rs.run[len(rs.run)-presentBefore-presentAfter:]...)
		if rs.check() {
			return true
		}
		rs.run = append(rs.run, keep...)
	}
	return false
}

// check scans the run and empties it; true when it held the TODO.
func (rs *runs) check() bool {
	if len(rs.run) == 0 {
		return false
	}
	h := analyze.Hunk{NewStart: rs.run[0].NewNo, NewLines: len(rs.run), Lines: rs.run}
	fd := analyze.FileDiff{NewPath: rs.path, Hunks: []analyze.Hunk{h}}
	found, _ := Detect(analyze.Commit{Hash: rs.commit}, &fd, rs.opts)
	rs.run = rs.run[:0]
	for _, f := range found {
		if f.Fingerprint == rs.fingerprint {
			return true
		}
	}
	return false
}

// grepLine splits "NAME\0LINE\0TEXT" (the -z form of a match and of a
// context line alike).
func grepLine(line []byte) (int, string, bool) {
	parts := bytes.SplitN(line, []byte{0}, 3)
	if len(parts) != 3 {
		return 0, "", false
	}
	no, err := strconv.Atoi(string(parts[1]))
	if err != nil || no <= 0 {
		return 0, "", false
	}
	return no, strings.TrimSuffix(string(parts[2]), "\r"), true
}

// readLine reads one line without its newline, keeping at most max bytes
// of it.
func readLine(rd *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := rd.ReadSlice('\n')
		if len(line) < max {
			room := max - len(line)
			if len(chunk) < room {
				room = len(chunk)
			}
			line = append(line, chunk[:room]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\n")), err
	}
}

// PathOf is the file a TODO fingerprint ("todo:PATH:HASH") names.
func PathOf(fingerprint string) string {
	rest, ok := strings.CutPrefix(fingerprint, finding.KindTODO+":")
	i := strings.LastIndexByte(rest, ':')
	if !ok || i < 0 {
		return ""
	}
	return rest[:i]
}
