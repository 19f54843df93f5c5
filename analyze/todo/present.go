package todo

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
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
	found, err := PresentAll(ctx, r, blobs, commit, []string{fingerprint}, opts)
	return found[fingerprint], err
}

// PresentAll is Present for several TODOs of one file, read once: which of
// fingerprints, all naming the file of the first, the file at commit
// carries. A file that holds many notes (ocornut/imgui's imgui.cpp, too
// large to hold, holds hundreds) is read by one git grep, not one each.
func PresentAll(ctx context.Context, r *analyze.Repo, blobs Blobs, commit string, fingerprints []string, opts Options) (map[string]bool, error) {
	if len(fingerprints) == 0 {
		return map[string]bool{}, nil
	}
	path := PathOf(fingerprints[0])
	if path == "" || analyze.SkipReason(path) != "" {
		return map[string]bool{}, nil
	}
	if _, ok := languageFor(path); !ok {
		return map[string]bool{}, nil
	}
	if len(opts.Words) == 0 {
		opts.Words = defaultWords()
	}
	rs := newRuns(commit, path, fingerprints, opts)
	if blobs != nil {
		data, err := blobs.Read(commit, path, presentMaxBlob)
		switch {
		case err == nil:
			presentInBlob(data, rs)
			return rs.found, nil
		case errors.Is(err, analyze.ErrNoBlob):
			return rs.found, nil // the file is gone
		}
		// Too large to hold, or the reader failed: git grep reads it.
	}
	err := presentGrep(ctx, r, rs)
	return rs.found, err
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

// presentGrep is PresentAll through git grep: git reads the file, and only
// the lines around the words reach this process. No line holding a word,
// or the file gone, is no error (GrepStream).
func presentGrep(ctx context.Context, r *analyze.Repo, rs *runs) error {
	args := []string{"grep", "--no-color", "-I", "-n", "-z", "-F",
		"-B", strconv.Itoa(presentBefore), "-A", strconv.Itoa(presentAfter)}
	for _, p := range grepPatterns(rs.opts.Words) {
		args = append(args, "-e", p)
	}
	args = append(args, rs.commit, "--", rs.path)
	var readErr error
	err := r.GrepStream(ctx, rs.commit, args, func(out io.Reader) bool {
		var done bool
		done, readErr = presentIn(out, rs)
		return done || readErr != nil
	})
	switch {
	case readErr != nil:
		return fmt.Errorf("read git grep: %w", readErr)
	case err != nil:
		return fmt.Errorf("git grep %s: %w", rs.path, err)
	}
	return nil
}

// presentIn reads git grep -z output (NAME\0LINE\0TEXT lines, runs of
// adjacent lines separated by "--") into rs; true once every TODO asked
// is found. One run is held at a time.
func presentIn(out io.Reader, rs *runs) (bool, error) {
	rd := bufio.NewReaderSize(out, 64<<10)
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
// scans each run as Detect scans a hunk, looking for the fingerprints
// wanted.
type runs struct {
	commit, path string
	want, found  map[string]bool
	opts         Options
	run          []analyze.Line
}

func newRuns(commit, path string, fingerprints []string, opts Options) *runs {
	rs := &runs{commit: commit, path: path, want: map[string]bool{}, found: map[string]bool{}, opts: opts}
	for _, fp := range fingerprints {
		rs.want[fp] = true
	}
	return rs
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

// check scans the run and empties it; true once every TODO wanted is
// found.
func (rs *runs) check() bool {
	if len(rs.run) == 0 {
		return len(rs.found) == len(rs.want)
	}
	h := analyze.Hunk{NewStart: rs.run[0].NewNo, NewLines: len(rs.run), Lines: rs.run}
	fd := analyze.FileDiff{NewPath: rs.path, Hunks: []analyze.Hunk{h}}
	found, _ := Detect(analyze.Commit{Hash: rs.commit}, &fd, rs.opts)
	rs.run = rs.run[:0]
	for _, f := range found {
		if rs.want[f.Fingerprint] {
			rs.found[f.Fingerprint] = true
		}
	}
	return len(rs.found) == len(rs.want)
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
