package analyze

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// An analysis finds a parser generator's output beside its source whether
// the source was in the tree it started from or came in one of its
// commits, and stops finding it once the source is gone (ruby/rdoc's
// markdown.rb beside markdown.kpeg).
func TestGrammarOutputInAnalysis(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	write("lib/markdown.kpeg", "%% name = Markdown\n")
	write("lib/markdown.rb", "class Markdown\nend\n")
	write("lib/other.rb", "class Other\nend\n")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	base := git("rev-parse", "HEAD")
	step := func(msg string, files map[string]string, remove ...string) {
		for name, text := range files {
			write(name, text)
		}
		for _, name := range remove {
			git("rm", "-q", name)
		}
		git("add", "-A")
		git("commit", "-q", "-m", msg)
	}
	step("one", map[string]string{"lib/markdown.rb": "class Markdown\n# TODO: a\nend\n", "lib/other.rb": "class Other\n# x\nend\n", "src/parse.y": "%token A\n"})
	step("two", map[string]string{"src/parse.c": "int a;\n"})
	step("three", nil, "lib/markdown.kpeg")
	step("four", map[string]string{"lib/markdown.rb": "class Markdown\n# TODO: b\nend\n"})

	repo, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	commits, err := repo.NewCommits(context.Background(), []string{git("rev-parse", "HEAD")}, []string{base}, 0)
	if err != nil || len(commits) != 4 {
		t.Fatalf("walk: %d commits, %v", len(commits), err)
	}
	var mu sync.Mutex
	var got []string
	detect := func(c Commit, cd *CommitDiff) Result {
		for _, f := range cd.Files {
			if p := f.NewPath; p != "" && !isGrammar(p) {
				mu.Lock()
				got = append(got, fmt.Sprintf("%s %v", p, cd.GrammarOutput(p)))
				mu.Unlock()
			}
		}
		return Result{Commit: c}
	}
	err = repo.AnalyzeConcurrently(context.Background(), commits, DiffLimits{}, 2, detect, nil, func(Result) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := []string{"lib/markdown.rb false", "lib/markdown.rb true", "lib/other.rb false", "src/parse.c true"}
	if !slices.Equal(got, want) {
		t.Errorf("grammar outputs %q, want %q", got, want)
	}
}

// The index rules out a stem no source is known for (no read at all), and
// rules out nothing when the starting tree could not be listed.
func TestGrammarIndexRulesOut(t *testing.T) {
	listed := 0
	g := newGrammarIndex(func() ([]string, error) {
		listed++
		return []string{"lib/markdown.kpeg"}, nil
	})
	g.note(map[string]bool{"src/parse.y": true, "src/parse.c": true})
	for stem, want := range map[string]bool{"lib/markdown": true, "src/parse": true, "lib/other": false, "parse": false} {
		if got := g.may(stem); got != want {
			t.Errorf("may(%q) = %v, want %v", stem, got, want)
		}
	}
	if listed != 1 {
		t.Errorf("the tree was listed %d times, want once", listed)
	}
	broken := newGrammarIndex(func() ([]string, error) { return nil, errors.New("no tree") })
	if !broken.may("lib/other") {
		t.Error("an index that could not list its tree ruled a stem out")
	}
	rootless := newGrammarIndex(nil)
	if rootless.may("lib/other") {
		t.Error("an analysis from no tree knew of a source nobody added")
	}
}

// treeLister keeps the grammars of a tree, and says why when git cannot
// list it.
func TestTreeLister(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q")
	write("a/b.peg", "x\n")
	write("a/b.js", "x\n")
	write("weird name.y", "x\n")
	git("add", ".")
	git("commit", "-q", "-m", "c")
	got, err := treeLister(context.Background(), dir, "HEAD", isGrammar)()
	slices.Sort(got)
	if err != nil || !slices.Equal(got, []string{"a/b.peg", "weird name.y"}) {
		t.Errorf("listed %q, %v", got, err)
	}
	if _, err := treeLister(context.Background(), dir, strings.Repeat("0", 40), isGrammar)(); err == nil || !strings.Contains(err.Error(), "ls-tree") {
		t.Errorf("a missing tree listed: %v", err)
	}
}

// The grammar and test indexes share one listing of the tree: the first
// lister asked lists it once for both, each keeping its own paths.
func TestSharedListingListsOnce(t *testing.T) {
	tree := []string{"a/parser.y", "a/a_test.go", "a/a.go", "b/lexer.l", "b/b_test.go"}
	calls := 0
	list := func(keep func(string) bool) ([]string, error) {
		calls++
		var kept []string
		for _, p := range tree {
			if keep(p) {
				kept = append(kept, p)
			}
		}
		return kept, nil
	}
	grammars := func(p string) bool { return strings.HasSuffix(p, ".y") || strings.HasSuffix(p, ".l") }
	tests := func(p string) bool { return strings.HasSuffix(p, "_test.go") }
	both := sharedListing(list, grammars, tests)
	g, err := both[0]()
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := both[1]()
	g2, _ := both[0]()
	if !slices.Equal(g, []string{"a/parser.y", "b/lexer.l"}) || !slices.Equal(ts, []string{"a/a_test.go", "b/b_test.go"}) || !slices.Equal(g2, g) {
		t.Errorf("grammars %q, tests %q, grammars again %q", g, ts, g2)
	}
	if calls != 1 {
		t.Errorf("the tree was listed %d times, want once", calls)
	}

	failing := sharedListing(func(func(string) bool) ([]string, error) { return nil, errors.New("no tree") }, grammars, tests)
	if _, err := failing[1](); err == nil {
		t.Error("a failed listing gave no error")
	}
}
