package analyze

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/ticket-master/ticket-master/finding"
)

// Result is what the detectors found in one commit.
type Result struct {
	Commit   Commit
	Findings []finding.Finding
	Resolved []Resolution
	// Touch is the commit's files for the hotspot detector, which looks at
	// a window of commits rather than one.
	Touch FileTouch
	// Skipped files, with the reason, for the curious (analyze --json).
	Skipped []SkippedFile
	// Moved maps each path a (non-merge) commit renamed or deleted to its
	// new name, "" for a deletion: findings follow their file.
	Moved map[string]string
	// Unreadable says why git could not diff the commit (an object it
	// needs is missing from the repository); the detectors saw nothing
	// of it, and the analysis went on with the next commit.
	Unreadable string
}

// FileTouch is what the hotspot detector keeps of one commit.
type FileTouch struct {
	Commit Commit
	// Paths are the files the commit changed, by their new names, without
	// the files whose churn says nothing about the code.
	Paths []string
	// Fix says the commit fixed or reverted something, judged by its subject.
	Fix bool
	// NoFix are the Paths a fix changed no code in: comments and layout
	// alone (symbol.LayoutOnly). It touched them; it fixed nothing there.
	NoFix []string `json:",omitempty"`
	// Moved maps each path the commit renamed or deleted to its new name,
	// "" for a deletion (or a move into vendored code): the history follows
	// a rename, and a file that is gone is not a hotspot.
	Moved map[string]string
}

// DetectFunc runs the detectors over one commit's diff against its first
// parent. It must be pure: the same diff always gives the same result.
type DetectFunc func(c Commit, cd *CommitDiff) Result

// Analyze diffs each commit against its first parent and runs the detectors,
// calling fn with each commit's result in the order given, except that the
// commits it does not diff (merges, shallow boundaries), whose results are
// empty, come first. Diffs stream from
// one `git diff-tree --stdin` process: go-git's diffs are several times
// slower, and throughput matters when a backfill walks thousands of commits.
// fn may stop the analysis by returning an error. detect and fn run on
// the caller's goroutine, one commit after the other.
func (r *Repo) Analyze(ctx context.Context, commits []Commit, limits DiffLimits, detect DetectFunc, fn func(Result) error) error {
	return r.analyze(ctx, commits, limits, 0, detect, nil, fn)
}

// AnalyzeConcurrently is Analyze with detect run on up to workers commits
// at once (runtime.GOMAXPROCS(0) when workers <= 0), each on its own
// goroutine, while fn stores the results of earlier ones: the detectors are
// most of a backfill's time, and git's diff stream and the store use a core
// each at most. detect must be safe for concurrent use (the detectors are
// pure; a cache it keeps needs a lock). fn is still called in the order of
// commits, from the caller's goroutine, and no detect call is running any
// more when AnalyzeConcurrently returns. The workers after the first run
// only while the detectors are behind git's diff stream (see pace.go),
// which pace, when not nil, is told of.
func (r *Repo) AnalyzeConcurrently(ctx context.Context, commits []Commit, limits DiffLimits, workers int, detect DetectFunc, pace PaceFunc, fn func(Result) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return r.analyze(ctx, commits, limits, workers, detect, pace, fn)
}

// maxBlobReaders bounds the `git cat-file` processes an analysis runs.
const maxBlobReaders = 4

// blobReaders is how many `git cat-file` readers serve workers on a
// machine of cores: one each, up to one per core and maxBlobReaders, since
// each git process holds its own pack windows and delta cache (tens of MB
// on a large repository) and builds the same delta bases again. With two
// detect workers per P (the daemon's workersPerP), a 2-core machine ran
// four: one per core instead took cat-file's CPU on go-git's last 2,000
// commits from 0.54 s to 0.42 s, and the backfill of python/mypy's last
// 1,000 from 3.9 s to 3.5 s (imgui's 4.3 s to 4.1 s, gohugoio/hugo's as
// before).
func blobReaders(workers, cores int) int { return min(max(workers, 1), max(cores, 1), maxBlobReaders) }

// analyze is Analyze when workers is 0, AnalyzeConcurrently otherwise.
func (r *Repo) analyze(ctx context.Context, commits []Commit, limits DiffLimits, workers int, detect DetectFunc, pace PaceFunc, fn func(Result) error) error {
	var todo, merges []Commit
	for _, c := range commits {
		// Neither is diffed, and detectors see nothing of them:
		//  - a commit whose parent is missing in a shallow clone: a diff
		//    would show the whole tree as added, which it did not do;
		//  - a merge: its diff against the first parent repeats what the
		//    merged branch's own commits did (which the walk reports one by
		//    one, with their own dates), attributed to the merge, even
		//    years later (a subtree sync re-adding every TODO it carries).
		if len(c.Parents) > 1 && !r.Shallow[c.Hash] {
			merges = append(merges, c)
		}
		if r.Shallow[c.Hash] || len(c.Parents) > 1 {
			if err := fn(Result{Commit: c}); err != nil {
				return err
			}
			continue
		}
		todo = append(todo, c)
	}
	blobs := r.newBlobPool(ctx, blobReaders(workers, runtime.NumCPU()))
	defer blobs.Close()
	files := newFileCache()
	files.expectMerges(commits, merges)
	// The parser generators' sources GrammarOutput looks for are those of
	// the tree the analysis starts from and those its commits change.
	var list, listTests, listManifests func() ([]string, error)
	if len(commits) > 0 && len(commits[0].Parents) > 0 {
		rev := commits[0].Parents[0]
		all := sharedListing(func(keep func(string) bool) ([]string, error) {
			return treeLister(ctx, r.GitDir, rev, keep)()
		}, isGrammar, isTestSource, isHeldManifest)
		list, listTests, listManifests = all[0], all[1], all[2]
	}
	files.grammars = newGrammarIndex(list)
	files.tests = newTestIndex(listTests)
	files.manifests = newManifestIndex(listManifests)
	files.testCalls = grepTestCalls(ctx, r.GitDir)
	files.filesNaming = grepFilesNaming(ctx, r.GitDir)
	files.grep = func(commit string, args []string, read func(io.Reader) bool) error {
		return grepStream(ctx, r.GitDir, commit, args, read)
	}
	// The merges' changes are read while git starts diffing; a read waits
	// for those before its commit only (a tenth of a second for all of
	// 600 merges).
	mergesDone := make(chan struct{})
	go func() {
		defer close(mergesDone)
		defer files.mergesRecorded()
		r.recordMerges(ctx, merges, files)
	}()
	defer func() { <-mergesDone }()
	// A commit git cannot diff because an object is missing (a damaged
	// repository, a snapshot without its largest files) must not hold back
	// every commit after it for ever: it is reported as unreadable and the
	// stream starts again after it. Each round gets at least one commit
	// further.
	for len(todo) > 0 {
		n, err := r.stream(ctx, todo, limits, workers, blobs, files, detect, pace, fn)
		var miss *missingObjectError
		if !errors.As(err, &miss) {
			return err
		}
		// todo[n] is the commit git was diffing when it stopped (the one
		// before it was delivered whole). Alone, it tells whether it is
		// the one that cannot be read.
		c := todo[n]
		cd, derr := r.DiffOf(ctx, c, limits)
		var res Result
		switch {
		case derr == nil:
			files.record(c, cd)
			files.attach(blobs, c, cd)
			res = detect(c, cd)
		case isMissingObject(derr.Error()):
			res = Result{Commit: c, Unreadable: miss.why}
		default:
			return derr
		}
		if err := fn(res); err != nil {
			return err
		}
		todo = todo[n+1:]
	}
	return nil
}

// stream diffs todo in one `git diff-tree --stdin` and runs the detectors,
// calling fn in order. It returns how many commits it delivered to fn.
// Each result is held back until the next commit's diff begins or git has
// exited cleanly: when git dies, the last diff may be cut short, and that
// commit is then not delivered but left to the caller (n is its index),
// with a *missingObjectError when git said an object is missing.
func (r *Repo) stream(ctx context.Context, todo []Commit, limits DiffLimits, workers int, blobs blobSource, files *fileCache, detect DetectFunc, pace PaceFunc, fn func(Result) error) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := streamCommand(ctx, r.GitDir, "diff-tree", "--stdin", "-p", "--always", "--root", "-M",
		"--full-index", "--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/",
		"--ignore-submodules")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return 0, fmt.Errorf("git diff-tree: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, fmt.Errorf("git diff-tree: %w", err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("git diff-tree: %w", err)
	}
	growPipe(stdout)
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
	delivered := 0
	var held *Result
	hold := func(res Result) error {
		if held != nil {
			if err := fn(*held); err != nil {
				return err
			}
			delivered++
		}
		held = &res
		return nil
	}
	var ferr error
	if workers > 0 {
		ferr = consumeConcurrently(ctx, stdout, todo, limits, blobs, files, workers, detect, pace, hold)
	} else {
		ferr = consumeDiffs(stdout, todo, limits, blobs, files, detect, hold)
	}
	var short *shortStreamError
	if ferr != nil && !errors.As(ferr, &short) {
		cancel()
		_, _ = io.Copy(io.Discard, stdout)
	}
	werr := cmd.Wait()
	switch {
	case ferr == nil && werr == nil:
		if held != nil {
			if err := fn(*held); err != nil {
				return delivered, err
			}
			delivered++
		}
		return delivered, nil
	case werr != nil && (short != nil || ferr == nil):
		// git gave up: its own words say why (a missing object, most often).
		why := firstLine(stderr.String(), werr)
		if isMissingObject(stderr.String()) {
			return delivered, &missingObjectError{why: why}
		}
		return delivered, fmt.Errorf("git diff-tree stopped after %d of %d commits: %s%s", delivered, len(todo),
			why, missingObjectsHint(stderr.String()))
	case ferr != nil:
		return delivered, ferr
	}
	return delivered, fmt.Errorf("git diff-tree: %s%s", firstLine(stderr.String(), werr), missingObjectsHint(stderr.String()))
}

// missingObjectError: git stopped because an object it needs is not in the
// repository.
type missingObjectError struct{ why string }

func (e *missingObjectError) Error() string { return "git diff-tree: " + e.why }

// isMissingObject says whether git's words are about an object missing
// from a repository that cannot fetch it: damage, or a copy made without
// some files. A partial clone whose remote does not answer is not one: each
// retry would ask the remote again, so its analysis stops with a hint.
func isMissingObject(stderr string) bool {
	if strings.Contains(stderr, "from promisor remote") {
		return false
	}
	return strings.Contains(stderr, "unable to read") || strings.Contains(stderr, "bad object") ||
		strings.Contains(stderr, "missing blob")
}

// shortStreamError: the diff stream ended before every commit was diffed.
type shortStreamError struct{ done, want int }

func (e *shortStreamError) Error() string {
	return fmt.Sprintf("git diff-tree stopped after %d of %d commits", e.done, e.want)
}

// missingObjectsHint tells what to do when git could not read an object:
// a clone made with --filter, or with objects removed by hand, lacks some.
// A partial clone fetches what it lacks from its promisor remote on demand;
// when that remote does not answer, git says so last.
func missingObjectsHint(stderr string) string {
	if strings.Contains(stderr, "from promisor remote") {
		return " (this is a partial clone: git fetches the files it lacks from its remote, which did not answer; " +
			"analyse again when it does, or make it a full clone: unset remote.NAME.partialclonefilter, then `git fetch --refetch`)"
	}
	if strings.Contains(stderr, "unable to read") || strings.Contains(stderr, "bad object") {
		return " (the repository is missing objects: `git fsck` lists them; fetch them again, or analyse fewer commits)"
	}
	return ""
}

func consumeDiffs(stdout io.Reader, todo []Commit, limits DiffLimits, blobs blobSource, files *fileCache, detect DetectFunc, fn func(Result) error) error {
	dr := NewDiffReader(stdout, limits)
	for i := 0; ; i++ {
		cd, skipped, err := nextDiff(dr, todo, i)
		if err != nil || cd == nil {
			return err
		}
		files.record(todo[i], cd)
		files.attach(blobs, todo[i], cd)
		res := detect(todo[i], cd)
		res.Skipped = append(res.Skipped, skipped...)
		if err := fn(res); err != nil {
			return err
		}
	}
}

// nextDiff reads the diff of todo[i], checking that git answers for the
// commits in the order asked. It returns nil and no error after the last.
func nextDiff(dr *DiffReader, todo []Commit, i int) (*CommitDiff, []SkippedFile, error) {
	cd, err := dr.Next()
	if errors.Is(err, io.EOF) {
		if i < len(todo) {
			return nil, nil, &shortStreamError{done: i, want: len(todo)}
		}
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read diffs: %w", err)
	}
	if i >= len(todo) || cd.Hash != todo[i].Hash {
		return nil, nil, fmt.Errorf("git diff-tree answered for %s, out of order", cd.Hash)
	}
	return cd, dr.Skipped(), nil
}
