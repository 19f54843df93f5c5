package analyze

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Options configure an analysis.
type Options struct {
	TODO   TODOOptions
	Limits DiffLimits
	// Enabled names the detectors that run ("todo", "untested", "docdrift",
	// "hotspot", "dependency", "secret"); nil runs them all.
	Enabled map[string]bool
	// Ignore reports paths no detector looks at (the ignore globs).
	Ignore   func(path string) bool
	Untested UntestedOptions
	DocDrift DocDriftOptions
	Secret   SecretOptions
}

// On reports whether a detector runs.
func (o Options) On(name string) bool { return o.Enabled == nil || o.Enabled[name] }

// Result is what the detectors found in one commit.
type Result struct {
	Commit   Commit
	Findings []Finding
	Resolved []Resolution
	// Touch is the commit's files for the hotspot detector, which looks at
	// a window of commits rather than one.
	Touch FileTouch
	// Skipped files, with the reason, for the curious (analyze --json).
	Skipped []SkippedFile
}

// Analyze diffs each commit against its first parent and runs the detectors,
// calling fn with each commit's result in the order given. Diffs stream from
// one `git diff-tree --stdin` process: go-git's diffs are several times
// slower, and throughput matters when a backfill walks thousands of commits.
// fn may stop the analysis by returning an error.
func (r *Repo) Analyze(ctx context.Context, commits []Commit, opts Options, fn func(Result) error) error {
	var todo []Commit
	for _, c := range commits {
		if r.Shallow[c.Hash] {
			// The parent is missing in a shallow clone: a diff would show
			// the whole tree as added, which the commit did not do.
			if err := fn(Result{Commit: c}); err != nil {
				return err
			}
			continue
		}
		todo = append(todo, c)
	}
	if len(todo) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := gitCommand(ctx, r.GitDir, "diff-tree", "--stdin", "-p", "--always", "--root", "-M",
		"--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/",
		"--ignore-submodules")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("git diff-tree: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("git diff-tree: %w", err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git diff-tree: %w", err)
	}
	// Feed commits from a goroutine: git writes while we write, and both
	// pipes would fill up if one side waited for the other.
	go func() {
		defer stdin.Close()
		for _, c := range todo {
			line := c.Hash
			if len(c.Parents) > 0 {
				line += " " + c.Parents[0]
			}
			if _, err := io.WriteString(stdin, line+"\n"); err != nil {
				return
			}
		}
	}()
	ferr := r.consumeDiffs(stdout, todo, opts, fn)
	if ferr != nil {
		cancel()
		_, _ = io.Copy(io.Discard, stdout)
	}
	werr := cmd.Wait()
	if ferr != nil {
		return ferr
	}
	if werr != nil {
		return fmt.Errorf("git diff-tree: %s", firstLine(stderr.String(), werr))
	}
	return nil
}

func (r *Repo) consumeDiffs(stdout io.Reader, todo []Commit, opts Options, fn func(Result) error) error {
	dr := NewDiffReader(stdout, opts.Limits)
	for i := 0; ; i++ {
		cd, err := dr.Next()
		if errors.Is(err, io.EOF) {
			if i < len(todo) {
				return fmt.Errorf("git diff-tree stopped after %d of %d commits", i, len(todo))
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("read diffs: %w", err)
		}
		if i >= len(todo) || cd.Hash != todo[i].Hash {
			return fmt.Errorf("git diff-tree answered for %s, out of order", cd.Hash)
		}
		res := Detect(todo[i], cd, opts)
		res.Skipped = append(res.Skipped, dr.Skipped()...)
		if err := fn(res); err != nil {
			return err
		}
	}
}

// Detect runs every per-commit detector over one commit's diff. It is pure:
// the same diff always gives the same result. (Hotspots need a window of
// commits: the caller runs DetectHotspots over the results' Touch.)
func Detect(c Commit, cd *CommitDiff, opts Options) Result {
	cd = withoutIgnored(cd, opts.Ignore)
	res := Result{Commit: c, Touch: TouchOf(c, cd)}
	seen := map[string]bool{}
	add := func(found []Finding, resolved []Resolution) {
		for _, f := range found {
			if !seen[f.Fingerprint] {
				seen[f.Fingerprint] = true
				res.Findings = append(res.Findings, f)
			}
		}
		res.Resolved = append(res.Resolved, resolved...)
	}
	if opts.On("todo") {
		for i := range cd.Files {
			add(DetectTODOs(c, &cd.Files[i], opts.TODO))
		}
	}
	if opts.On("untested") {
		add(DetectUntested(c, cd, opts.Untested))
	}
	if opts.On("docdrift") {
		add(DetectDocDrift(c, cd, opts.DocDrift), nil)
		if docs := addedDocLines(cd); docs != "" {
			res.Resolved = append(res.Resolved, Resolution{Fingerprint: DocDriftResolution, Commit: c.Hash, DocMentions: docs})
		}
	}
	if opts.On("dependency") {
		add(DetectDependencies(c, cd), nil)
	}
	if opts.On("secret") {
		add(DetectSecrets(c, cd, opts.Secret))
	}
	// A TODO moved from one file to another is found in one and resolved in
	// the other: both are true, and the caller applies resolutions first.
	return res
}

// withoutIgnored drops the files the ignore globs name.
func withoutIgnored(cd *CommitDiff, ignore func(string) bool) *CommitDiff {
	if ignore == nil {
		return cd
	}
	out := &CommitDiff{Hash: cd.Hash}
	for _, f := range cd.Files {
		if !ignore(f.Path()) && (f.OldPath == "" || !ignore(f.OldPath)) {
			out.Files = append(out.Files, f)
		}
	}
	return out
}

// addedDocLines joins the lines a commit added to documentation files.
func addedDocLines(cd *CommitDiff) string {
	var b strings.Builder
	for _, f := range cd.Files {
		if !IsDocPath(f.Path()) {
			continue
		}
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Kind == Added {
					b.WriteString(l.Text + "\n")
				}
			}
		}
	}
	return b.String()
}
