package analyze

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a real repository with two commits and returns it open.
func gitRepo(t *testing.T) (*Repo, []string) {
	t.Helper()
	dir := t.TempDir()
	run := gitIn(t, dir)
	run("init", "-q")
	write := writeIn(t, dir)
	write("a.txt", "one\n")
	write("big.txt", strings.Repeat("x", 5000))
	run("add", ".")
	run("commit", "-qm", "first")
	first := run("rev-parse", "HEAD")
	write("a.txt", "two\n")
	run("commit", "-qam", "second")
	second := run("rev-parse", "HEAD")
	repo, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return repo, []string{first, second}
}

func TestBlobReader(t *testing.T) {
	repo, commits := gitRepo(t)
	b, err := repo.NewBlobReader(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, tc := range []struct {
		commit, path string
		max          int64
		want         string
		err          error
	}{
		{commits[0], "a.txt", 100, "one\n", nil},
		{commits[1], "a.txt", 100, "two\n", nil},
		{commits[1], "missing.txt", 100, "", ErrNoBlob},
		{commits[1], "big.txt", 100, "", ErrBlobTooLarge},
		{commits[1], "a.txt", 100, "two\n", nil}, // the stream is still in step after a skipped blob
		{commits[1], "bad\nname", 100, "", ErrNoBlob},
		{commits[1], "no such file.txt", 100, "", ErrNoBlob}, // git echoes a name with spaces
		{commits[1], "a.txt", 100, "two\n", nil},
		{commits[1], "", 100, "", ErrNoBlob},
	} {
		got, err := b.Read(tc.commit, tc.path, tc.max)
		if !errors.Is(err, tc.err) || string(got) != tc.want {
			t.Errorf("Read(%.7s, %q) = %q, %v; want %q, %v", tc.commit, tc.path, got, err, tc.want, tc.err)
		}
	}
}

// Detectors see whole files at both sides of each commit through Source.
func TestAnalyzeGivesSources(t *testing.T) {
	repo, commits := gitRepo(t)
	walked, err := repo.NewCommits(context.Background(), commits[1:], commits[:1], 0)
	if err != nil || len(walked) != 1 {
		t.Fatalf("walk: %v %v", walked, err)
	}
	var oldText, newText string
	var together []SourceFile
	err = repo.Analyze(context.Background(), walked, DiffLimits{}, func(c Commit, cd *CommitDiff) Result {
		if cd.Sources == nil {
			t.Error("no Sources: files are read one round trip each")
		}
		together = cd.WithFiles(nil).ReadSources([]FileAt{
			{Path: "a.txt", Side: Removed}, {Path: "a.txt", Side: Added}, {Path: "gone.txt", Side: Added}, {Path: "", Side: Added}})
		o, _ := cd.ReadSource("a.txt", Removed)
		n, _ := cd.ReadSource("a.txt", Added)
		oldText, newText = string(o), string(n)
		return Result{Commit: c}
	}, func(Result) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if oldText != "one\n" || newText != "two\n" {
		t.Errorf("sources: old %q new %q", oldText, newText)
	}
	if got, want := sourceFiles(together), `"one\n" true, "two\n" true, "" false, "" false`; got != want {
		t.Errorf("ReadSources: %s, want %s", got, want)
	}
}

// Without Sources (a diff a test made), ReadSources asks Source for each
// file.
func TestReadSourcesOneByOne(t *testing.T) {
	var asked []string
	cd := &CommitDiff{Source: func(p string, side LineKind) ([]byte, bool) {
		asked = append(asked, fmt.Sprint(p, side))
		return []byte(p), p != "gone"
	}}
	got := cd.ReadSources([]FileAt{{"a", Added}, {"gone", Removed}})
	if sourceFiles(got) != `"a" true, "gone" false` || len(asked) != 2 {
		t.Errorf("got %s, asked %v", sourceFiles(got), asked)
	}
}

// sourceFiles shows answers of ReadSources.
func sourceFiles(files []SourceFile) string {
	var out []string
	for _, f := range files {
		out = append(out, fmt.Sprintf("%q %v", f.Content, f.OK))
	}
	return strings.Join(out, ", ")
}

// A repository that lacks an object (a damaged one, a copy made without
// its largest files) cannot diff the commits that need it: each is
// reported as unreadable, in its place, and the commits after it are
// analysed all the same, whichever way the detectors run.
func TestAnalyzeGoesOnPastACommitWithAMissingObject(t *testing.T) {
	repo, commits := gitRepo(t)
	// Two more commits after the one that will be damaged; they need
	// nothing that goes missing.
	commitFile(t, repo, "b.txt", "three\n", "third")
	fourth := commitFile(t, repo, "c.txt", "four\n", "fourth")
	blob, err := runGit(context.Background(), repo.GitDir, "rev-parse", commits[1]+":a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(repo.GitDir, "objects", blob[:2], blob[2:])); err != nil {
		t.Fatalf("remove the loose object: %v", err)
	}
	walked, err := repo.NewCommits(context.Background(), []string{fourth}, nil, 0)
	if err != nil || len(walked) != 4 {
		t.Fatalf("walk: %v %v", walked, err)
	}
	for _, workers := range []int{0, 2} {
		var got []Result
		detect := func(c Commit, cd *CommitDiff) Result {
			return Result{Commit: c, Skipped: []SkippedFile{{Path: fmt.Sprint(len(cd.Files)), Reason: "files"}}}
		}
		err = repo.analyze(context.Background(), walked, DiffLimits{}, workers, detect, nil, func(r Result) error {
			got = append(got, r)
			return nil
		})
		if err != nil {
			t.Fatalf("workers %d: Analyze stopped at the missing object: %v", workers, err)
		}
		if len(got) != 4 {
			t.Fatalf("workers %d: %d results, want 4", workers, len(got))
		}
		for i, r := range got {
			if r.Commit.Hash != walked[i].Hash {
				t.Errorf("workers %d: result %d is %s, want %s (in order)", workers, i, r.Commit.Hash, walked[i].Hash)
			}
			bad := r.Commit.Hash == commits[1]
			if bad != (r.Unreadable != "") {
				t.Errorf("workers %d: commit %d (%s) unreadable %q", workers, i, r.Commit.Subject, r.Unreadable)
			}
			if bad && !strings.Contains(r.Unreadable, "unable to read "+blob) {
				t.Errorf("workers %d: unreadable %q does not name the object", workers, r.Unreadable)
			}
			if !bad && (len(r.Skipped) != 1 || r.Skipped[0].Path == "0") {
				t.Errorf("workers %d: commit %s was not diffed whole: %+v", workers, r.Commit.Subject, r.Skipped)
			}
		}
	}
}

// commitFile commits one file in repo's work tree and returns the commit.
func commitFile(t *testing.T, repo *Repo, name, text, msg string) string {
	t.Helper()
	dir := filepath.Dir(repo.GitDir)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"add", name}, {"commit", "-qm", msg}} {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@e", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@e")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	head, err := runGit(context.Background(), repo.GitDir, "rev-parse", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	return head
}

// A partial clone (--filter=blob:none) whose remote is gone cannot read
// the files its commits changed: the error says it is a partial clone and
// what to do, instead of only git's complaint about the remote.
func TestAnalyzeExplainsAPartialCloneWhoseRemoteIsGone(t *testing.T) {
	src, commits := gitRepo(t)
	env := append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir())
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	srcDir := filepath.Dir(src.GitDir)
	git("-C", srcDir, "config", "uploadpack.allowFilter", "true")
	clone := filepath.Join(t.TempDir(), "part")
	git("clone", "-q", "--filter=blob:none", "--no-checkout", "file://"+srcDir, clone)
	if err := os.Rename(srcDir, srcDir+".gone"); err != nil {
		t.Fatal(err)
	}
	repo, err := Open(context.Background(), clone)
	if err != nil {
		t.Fatal(err)
	}
	walked, err := repo.NewCommits(context.Background(), commits[1:], nil, 0)
	if err != nil || len(walked) != 2 {
		t.Fatalf("walk: %v %v", walked, err)
	}
	err = repo.Analyze(context.Background(), walked, DiffLimits{}, func(c Commit, cd *CommitDiff) Result {
		return Result{Commit: c}
	}, func(Result) error { return nil })
	if err == nil {
		t.Fatal("Analyze succeeded without the files")
	}
	for _, want := range []string{"git diff-tree stopped", "partial clone", "git fetch --refetch"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// The long-running git processes run with the memory limits: git accepts
// them and they reach its configuration.
func TestStreamCommandBoundsGitMemory(t *testing.T) {
	repo, _ := gitRepo(t)
	for _, key := range []string{"core.deltaBaseCacheLimit", "core.packedGitWindowSize", "core.packedGitLimit", "core.bigFileThreshold"} {
		out, err := streamCommand(context.Background(), repo.GitDir, "config", "--get", key).Output()
		if err != nil || strings.TrimSpace(string(out)) == "" {
			t.Errorf("git config --get %s under streamCommand: %q, %v", key, out, err)
		}
	}
}

// A text file over core.bigFileThreshold reaches the detectors as binary:
// git never loads both sides of it to diff them.
func TestAnalyzeHugeTextFileIsBinary(t *testing.T) {
	repo, commits := gitRepo(t)
	dir := filepath.Dir(repo.GitDir)
	line := strings.Repeat("0123456789abcdef", 4) + "\n"
	huge := strings.Repeat(line, (5<<20)/len(line))
	if err := os.WriteFile(filepath.Join(dir, "huge.txt"), []byte(huge), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "small.txt"), []byte("TODO: one\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"add", "."}, {"-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "huge"}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	head, err := runGit(context.Background(), repo.GitDir, "rev-parse", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	walked, err := repo.NewCommits(context.Background(), []string{head}, commits[1:], 0)
	if err != nil || len(walked) != 1 {
		t.Fatalf("walk: %v %v", walked, err)
	}
	files := map[string]FileDiff{}
	err = repo.Analyze(context.Background(), walked, DiffLimits{}, func(c Commit, cd *CommitDiff) Result {
		for _, f := range cd.Files {
			files[f.Path()] = f
		}
		return Result{Commit: c}
	}, func(Result) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if f := files["huge.txt"]; !f.Binary || len(f.Hunks) != 0 {
		t.Errorf("huge.txt: binary %v, %d hunks; want binary without hunks", f.Binary, len(f.Hunks))
	}
	if f := files["small.txt"]; f.Binary || len(f.Hunks) != 1 {
		t.Errorf("small.txt: binary %v, %d hunks; want its one hunk", f.Binary, len(f.Hunks))
	}
}

// The long-running git processes get glibc's allocator settings, unless
// the user set their own.
func TestStreamCommandAllocatorSettings(t *testing.T) {
	tunables := func() []string {
		var got []string
		for _, kv := range streamCommand(context.Background(), t.TempDir(), "version").Env {
			if strings.HasPrefix(kv, "GLIBC_TUNABLES=") {
				got = append(got, kv)
			}
		}
		return got
	}
	t.Setenv("GLIBC_TUNABLES", "")
	os.Unsetenv("GLIBC_TUNABLES")
	if got := tunables(); len(got) != 1 || got[0] != "GLIBC_TUNABLES="+streamMalloc {
		t.Errorf("unset: the git environment has %q", got)
	}
	t.Setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=1")
	if got := tunables(); len(got) != 1 || got[0] != "GLIBC_TUNABLES=glibc.malloc.arena_max=1" {
		t.Errorf("set by the user: the git environment has %q", got)
	}
}

// ReadObjects answers the same as ReadObject name by name, in one round
// trip or, past maxBatchRequest bytes of names, in several, and stays in
// step with git after a missing, skipped or unaskable name.
func TestBlobReaderReadObjects(t *testing.T) {
	repo, commits := gitRepo(t)
	b, err := repo.NewBlobReader(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	type want struct {
		data string
		err  error
	}
	var names []string
	var wants []want
	ask := func(name, data string, err error) {
		names = append(names, name)
		wants = append(wants, want{data, err})
	}
	ask(commits[0]+":a.txt", "one\n", nil)
	ask(commits[1]+":big.txt", "", ErrBlobTooLarge)
	ask(commits[1]+":missing.txt", "", ErrNoBlob)
	ask("bad\nname", "", ErrNoBlob)
	ask(commits[1]+":no such file.txt", "", ErrNoBlob)
	ask("", "", ErrNoBlob)
	ask(commits[1]+":a.txt", "two\n", nil)
	// Enough names for several rounds: the last answers must still be theirs.
	for i := 0; 60*i < 3*maxBatchRequest; i++ {
		ask(commits[i%2]+":a.txt", []string{"one\n", "two\n"}[i%2], nil)
		ask(commits[1]+":gone"+fmt.Sprint(i), "", ErrNoBlob)
	}
	got := b.ReadObjects(names, 100)
	if len(got) != len(names) {
		t.Fatalf("%d answers for %d names", len(got), len(names))
	}
	for i, w := range wants {
		if !errors.Is(got[i].Err, w.err) || string(got[i].Data) != w.data {
			t.Errorf("%q: got %q, %v; want %q, %v", names[i], got[i].Data, got[i].Err, w.data, w.err)
		}
	}
	// And the reader answers one name after many.
	if data, err := b.ReadObject(commits[0]+":a.txt", 100); err != nil || string(data) != "one\n" {
		t.Errorf("after ReadObjects: %q, %v", data, err)
	}
}

// Once git is gone, every name of a batch carries the failure.
func TestBlobReaderReadObjectsAfterGitDied(t *testing.T) {
	repo, commits := gitRepo(t)
	b, err := repo.NewBlobReader(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b.cancel() // kills git
	_ = b.cmd.Wait()
	got := b.ReadObjects([]string{commits[0] + ":a.txt", commits[1] + ":a.txt"}, 100)
	for i, a := range got {
		if a.Err == nil || errors.Is(a.Err, ErrNoBlob) {
			t.Errorf("answer %d: %q, %v; want git's failure", i, a.Data, a.Err)
		}
	}
}

// A diff narrowed to some of its files keeps its readers of whole files:
// a detector behind the ignore globs reads as the others do.
func TestWithFilesKeepsReaders(t *testing.T) {
	cd := (&CommitDiff{
		Hash:    "c",
		Files:   []FileDiff{{NewPath: "a"}, {NewPath: "b"}},
		Source:  func(string, LineKind) ([]byte, bool) { return nil, true },
		Sources: func(f []FileAt) []SourceFile { return make([]SourceFile, len(f)) },
	})
	n := cd.WithFiles(cd.Files[1:])
	if n.Hash != "c" || len(n.Files) != 1 || n.Files[0].NewPath != "b" || n.Source == nil || n.Sources == nil {
		t.Fatalf("WithFiles: %+v", n)
	}
	if len(cd.Files) != 2 {
		t.Errorf("the diff itself changed: %d files", len(cd.Files))
	}
}
