package analyze

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCalls finds the calls the project's tests make at the commit,
// whatever the tests' files are named: for Python and JavaScript anywhere
// in the tree, for Go in the package's own directory or, for an internal
// package, elsewhere through the package's name, and for a package with no
// test of its own, from any test. A definition, a mention of a
// word that is not called, or a call from a file that is no test does
// not count, and what is no identifier is not asked.
func TestTestCalls(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	write("src/formats/_csv.py", "def export_set(ds):\n    return ''\n\ndef import_set(ds, s):\n    pass\n")
	write("tests/test_tablib.py", "from formats import _csv\n\ndef test_export():\n    assert _csv.export_set (ds) == ''\n    print(import_settings)\n")
	write("src/cli.py", "import_set(ds, '')\n")
	write("a/a.go", "package a\n\nfunc Parse() {}\nfunc Format() {}\n")
	write("a/a_test.go", "package a\n\nfunc TestParse(t *testing.T) { Parse() }\n")
	write("b/b_test.go", "package b\n\nfunc TestB(t *testing.T) { Format() }\n")
	write("main.go", "package main\n\nfunc Run() {}\n")
	write("main_test.go", "package main\n\nfunc TestRun(t *testing.T) {\n\tRun\t(\n\t)\n\ttag.Add(\"\", d)\n\tother.Rm()\n\tpub.Open()\n\tlone.Shut()\n}\n")
	write("lone/lone.go", "package lone\n\nfunc Open() {}\nfunc Shut() {}\n")
	write("tests/pub_test.go", "package tests\n\nfunc TestPub(t *testing.T) {\n\tp := pub.New()\n\tp.Open()\n}\n")
	write("pub/pub.go", "package pub\n\nfunc Open() {}\n")
	write("own/own.go", "package own\n\nfunc Open() {}\nfunc Close() {}\n")
	write("own/own_test.go", "package own\n\nfunc TestClose(t *testing.T) { Close() }\n")
	write("internal/tag/add.go", "package tag\n\nfunc Add() {}\nfunc Rm() {}\n")
	git("add", ".")
	git("commit", "-q", "-m", "start")
	write("src/formats/_csv.py", "def export_set(ds):\n    return ' '\n")
	git("commit", "-q", "-am", "change")
	repo, head := openHead(t, dir)
	// Every test's calls at once, for a check of many findings at a tip.
	callers, err := repo.TestCallersAt(context.Background(), head, []string{"export_set", "Parse", "Format", "Add", "import_set", "not a name("}, nil)
	want := map[string][]string{"export_set": {"tests/test_tablib.py"}, "Parse": {"a/a_test.go"}, "Format": {"b/b_test.go"}, "Add": {"main_test.go"}}
	if err != nil || !reflect.DeepEqual(callers, want) {
		t.Errorf("TestCallersAt = %v, %v; want %v", callers, err, want)
	}
	// Only the tests that could reach the given sources: a Go file's
	// folder's (a/, and the top's: not b/ nor tests/), and every test of
	// another language it holds.
	callers, err = repo.TestCallersAt(context.Background(), head, []string{"export_set", "Parse", "Format", "Add", "Open"}, []string{"a/a.go", "main.go", "a/other.go"})
	want = map[string][]string{"Parse": {"a/a_test.go"}, "Add": {"main_test.go"}, "Open": {"main_test.go"}}
	if err != nil || !reflect.DeepEqual(callers, want) {
		t.Errorf("TestCallersAt of a/a.go and main.go = %v, %v; want %v", callers, err, want)
	}
	callers, err = repo.TestCallersAt(context.Background(), head, []string{"export_set", "Parse"}, []string{"src/cli.py"})
	want = map[string][]string{"export_set": {"tests/test_tablib.py"}}
	if err != nil || !reflect.DeepEqual(callers, want) {
		t.Errorf("TestCallersAt of src/cli.py = %v, %v; want %v", callers, err, want)
	}
	walked, err := repo.RecentCommits(context.Background(), []string{head}, 1)
	if err != nil || len(walked) != 1 {
		t.Fatalf("walk: %v %v", walked, err)
	}
	type ask struct {
		names []string
		src   string
		want  map[string]bool
	}
	asks := []ask{
		{[]string{"export_set", "import_set", "dump_set"}, "src/formats/_csv.py", map[string]bool{"export_set": true}},
		{[]string{"Parse", "Format"}, "a/a.go", map[string]bool{"Parse": true}},
		{[]string{"Format", "Parse"}, "b/b.go", map[string]bool{"Format": true}},
		{[]string{"Run", "Parse"}, "main.go", map[string]bool{"Run": true}},
		// A test elsewhere calls a helper through its package's name.
		{[]string{"Add", "Rm"}, "internal/tag/add.go", map[string]bool{"Add": true}},
		// A public package's tests are its folder's; one with none of
		// its own is tested from a folder of tests (koanf's tests/
		// module), not from another package's tests.
		{[]string{"Open"}, "pub/pub.go", map[string]bool{"Open": true}},
		{[]string{"Shut"}, "lone/lone.go", map[string]bool{}},
		{[]string{"Open", "Close"}, "own/own.go", map[string]bool{"Close": true}},
		{[]string{"not a name(", "x|y"}, "src/formats/_csv.py", map[string]bool{}},
	}
	got := make([]map[string]bool, len(asks))
	err = repo.Analyze(context.Background(), walked, DiffLimits{}, func(c Commit, cd *CommitDiff) Result {
		// The analysis's index of tests answers each: none asks git grep
		// (charmbracelet/gum ran one per commit for test folders it did
		// not have).
		grep := cd.testCalls
		cd.testCalls = func(commit string, names []string, lang, qualifier string, pathspecs []string) (map[string]bool, error) {
			t.Errorf("git grep asked for %q through %q in %q", names, qualifier, pathspecs)
			return grep(commit, names, lang, qualifier, pathspecs)
		}
		for i, a := range asks {
			got[i], err = cd.TestCalls(a.names, a.src)
			if err != nil {
				t.Errorf("TestCalls(%q): %v", a.names, err)
			}
		}
		cd.testCalls = grep
		// And git grep agrees with what the index read.
		for _, q := range []struct {
			qualifier string
			pathspecs []string
			match     func(string) bool
		}{
			{"tag", []string{":(glob)**/*_test.go", ":(exclude,glob)internal/tag/*_test.go"}, func(p string) bool { return path.Dir(p) != "internal/tag" }},
			{"", []string{":(glob)**/tests/**/*_test.go"}, inTestFolder},
			{"", []string{":(glob)**/e2e/**/*_test.go"}, func(p string) bool { return strings.Contains(p, "e2e/") }},
		} {
			names := []string{"Add", "Rm", "Open", "Shut"}
			indexed, ok := cd.indexedGoCalls(names, q.qualifier, q.match)
			grepped, err := cd.testCalls(c.Hash, names, LangGo, q.qualifier, q.pathspecs)
			if !ok || err != nil || !reflect.DeepEqual(indexed, grepped) {
				t.Errorf("Go tests of %q through %q: indexed %v (%v), git grep %v (%v)", q.pathspecs, q.qualifier, indexed, ok, grepped, err)
			}
		}
		// FilesNaming leaves the tests out, and finds the word whole.
		for word, want := range map[string][]string{
			"import_set": {"src/cli.py"}, // the commit took it out of _csv.py
			"export_set": {"src/formats/_csv.py"},
			"import":     nil,
		} {
			if got, err := cd.FilesNaming(word, LangPython); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("FilesNaming(%q) = %q, %v; want %q", word, got, err, want)
			}
		}
		// Python's tests are read in process from the index; git grep,
		// the way with too many tests, agrees.
		pyNames := []string{"export_set", "import_set", "import_settings"}
		indexed, ok := cd.indexedTestCalls(LangPython, pyNames)
		grepped, err := cd.testCalls(c.Hash, pyNames, LangPython, "", []string{":(icase)*test*.py"})
		if !ok || err != nil || !reflect.DeepEqual(indexed, grepped) || !indexed["export_set"] {
			t.Errorf("Python: indexed %v (%v), git grep %v (%v)", indexed, ok, grepped, err)
		}
		// Go's folders are read in process; git grep agrees.
		for _, dir := range []string{"a", "b", "."} {
			names := []string{"Parse", "Format", "Run"}
			inProcess, _, ok := cd.goTestCalls(dir, names)
			grepped, err := cd.testCalls(c.Hash, names, LangGo, "", []string{":(glob)" + dir + "/*_test.go"})
			if !ok || err != nil || !reflect.DeepEqual(inProcess, grepped) {
				t.Errorf("folder %s: in process %v (%v), git grep %v (%v)", dir, inProcess, ok, grepped, err)
			}
		}
		return Result{Commit: c}
	}, func(Result) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range asks {
		if !reflect.DeepEqual(got[i], a.want) {
			t.Errorf("TestCalls(%q, %s) = %v, want %v", a.names, a.src, got[i], a.want)
		}
	}
	// Outside an analysis there is no repository to ask.
	if got, err := (&CommitDiff{}).TestCalls([]string{"export_set"}, "x.py"); got != nil || err != nil {
		t.Errorf("TestCalls without a repository = %v, %v", got, err)
	}
}

// A tree object git would not write is an error, not a wrong list.
func TestTreeFilesDamaged(t *testing.T) {
	hash := string(make([]byte, 20))
	good := "100644 a_test.go\x00" + hash + "40000 sub\x00" + hash + "100755 run.sh\x00" + hash
	if got, err := treeFiles([]byte(good), 20); err != nil || !reflect.DeepEqual(got, []string{"a_test.go", "run.sh"}) {
		t.Errorf("treeFiles = %q, %v", got, err)
	}
	for _, bad := range []string{good[:len(good)-1], "100644 a_test.go", "a_test.go\x00" + hash} {
		if got, err := treeFiles([]byte(bad), 20); err == nil {
			t.Errorf("treeFiles(%q) = %q, want an error", bad, got)
		}
	}
}

// internalRoot is where Go lets an internal package be imported from.
func TestInternalRoot(t *testing.T) {
	for dir, want := range map[string]string{
		"internal/tag":            ".",
		"a/internal":              "a",
		"a/internal/b/internal/c": "a/internal/b",
		"pkg/tag":                 "",
		"internals/x":             "",
	} {
		got, ok := internalRoot(dir)
		if got != want || ok != (want != "") {
			t.Errorf("internalRoot(%q) = %q, %v; want %q", dir, got, ok, want)
		}
	}
}

// A project's tests of a language, as the analysis knows them: the tree it
// started from and what its commits changed. Unknown is tested.
func TestHasTests(t *testing.T) {
	list := func(files ...string) func() ([]string, error) {
		return func() ([]string, error) { return files, nil }
	}
	cd := &CommitDiff{tests: newTestIndex(list("pkg/a_test.go", "tests/test_b.py"))}
	if !cd.HasTests(LangGo) || !cd.HasTests(LangPython) || cd.HasTests(LangRust) {
		t.Errorf("Go %v, Python %v, Rust %v: want true, true, false", cd.HasTests(LangGo), cd.HasTests(LangPython), cd.HasTests(LangRust))
	}
	none := &CommitDiff{tests: newTestIndex(list()), seq: 3}
	if none.HasTests(LangGo) {
		t.Error("a tree with no test has Go tests")
	}
	// The reader recorded a later commit, the fifth, before this one's
	// detectors asked: its test is not this commit's.
	none.tests.note(map[string]bool{"later_test.go": true, "main.go": true}, 5)
	if none.HasTests(LangGo) {
		t.Error("a test a later commit adds is known at an earlier one")
	}
	if later := (&CommitDiff{tests: none.tests, seq: 5}); !later.HasTests(LangGo) {
		t.Error("a test a commit changed is not known at it")
	}
	// A vendored module's tests are not the project's (go-chi/render's
	// vendor/github.com/ajg/form, round 128).
	vendored := &CommitDiff{tests: newTestIndex(list()), seq: 2}
	vendored.tests.note(map[string]bool{"vendor/github.com/ajg/form/decode_test.go": true, "render.go": true}, 1)
	if vendored.HasTests(LangGo) {
		t.Error("a vendored module's test counts as the project's")
	}
	if isTestSource("vendor/github.com/ajg/form/decode_test.go") || !isTestSource("pkg/a_test.go") {
		t.Error("isTestSource takes vendored tests, or leaves the project's")
	}
	// A test of the starting tree a commit changed early is the tree's.
	early := &CommitDiff{tests: newTestIndex(list("pkg/a_test.go")), seq: 1}
	early.tests.note(map[string]bool{"pkg/a_test.go": true}, 7)
	if !early.HasTests(LangGo) {
		t.Error("a test of the starting tree is not known from the start")
	}
	failed := &CommitDiff{tests: newTestIndex(func() ([]string, error) { return nil, errors.New("no tree") })}
	if !failed.HasTests(LangGo) || !(&CommitDiff{}).HasTests(LangGo) {
		t.Error("a tree not read, or no index, must count as tested")
	}
}

// The call pattern runs on the lines that hold a name, and finds there what
// it finds run over the whole file a line at a time.
func TestLinesHoldingCalls(t *testing.T) {
	src := []byte("package x\n\nfunc TestA(t *testing.T) {\n\tgit.Open(\"a\") // and git.Open again\n\tx := reparse(s)\n\ty := parse (s); z := parse(s)\n" +
		"\tf(a, loader.load, Open)\n\tvar _ = git.Init\n}\n// Open\nparse(")
	names := []string{"Open", "parse", "load", "Init", "absent"}
	var lines []string
	linesHolding(src, names, func(line []byte) { lines = append(lines, string(line)) })
	want := []string{"\tgit.Open(\"a\") // and git.Open again", "\tx := reparse(s)", "\ty := parse (s); z := parse(s)",
		"\tf(a, loader.load, Open)", "\tvar _ = git.Init", "// Open", "parse("}
	if !slices.Equal(lines, want) {
		t.Errorf("linesHolding = %q, want %q", lines, want)
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	for _, qualifier := range []string{"", "git"} {
		re := regexp.MustCompile("(?m)" + callRegexp(quoted, qualifier))
		var all, held []string
		for _, line := range bytes.Split(src, []byte("\n")) {
			for _, m := range re.FindAll(line, -1) {
				all = append(all, string(m))
			}
		}
		linesHolding(src, names, func(line []byte) {
			for _, m := range re.FindAll(line, -1) {
				held = append(held, string(m))
			}
		})
		if len(all) == 0 || !slices.Equal(held, all) {
			t.Errorf("qualifier %q: matches on the lines holding a name %q, on every line %q", qualifier, held, all)
		}
	}
}

// TestIndexedGoCallsReadsInBatches: with more tests than one batch holds,
// a call in the last test read is found, one in no test is not, and git
// grep agrees; the reading stops once every name is found.
func TestIndexedGoCallsReadsInBatches(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	write("internal/tag/add.go", "package tag\n\nfunc Add() {}\nfunc Rm() {}\nfunc Mv() {}\n")
	n := 3*grepReadBatch + 5
	for i := range n {
		body := "\tx := 1\n"
		switch i {
		case 0:
			body = "\ttag.Mv()\n"
		case n - 1:
			body = "\ttag.Add()\n"
		}
		write(fmt.Sprintf("p%03d/p_test.go", i), fmt.Sprintf("package p%03d\n\nfunc TestP(t *testing.T) {\n%s}\n", i, body))
	}
	git("add", ".")
	git("commit", "-q", "-m", "start")
	write("internal/tag/add.go", "package tag\n\nfunc Add() { _ = 1 }\nfunc Rm() {}\nfunc Mv() {}\n")
	git("commit", "-q", "-am", "change")
	repo, head := openHead(t, dir)
	walked, err := repo.RecentCommits(context.Background(), []string{head}, 1)
	if err != nil || len(walked) != 1 {
		t.Fatalf("walk: %v %v", walked, err)
	}
	other := func(p string) bool { return path.Dir(p) != "internal/tag" }
	err = repo.Analyze(context.Background(), walked, DiffLimits{}, func(c Commit, cd *CommitDiff) Result {
		names := []string{"Add", "Rm", "Mv"}
		indexed, ok := cd.indexedGoCalls(names, "tag", other)
		grepped, err := cd.testCalls(c.Hash, names, LangGo, "tag", []string{":(glob)**/*_test.go", ":(exclude,glob)internal/tag/*_test.go"})
		want := map[string]bool{"Add": true, "Mv": true}
		if !ok || err != nil || !reflect.DeepEqual(indexed, want) || !reflect.DeepEqual(grepped, want) {
			t.Errorf("%d tests: indexed %v (%v), git grep %v (%v); want %v", n, indexed, ok, grepped, err, want)
		}
		// Found in the first batch: the rest is not read.
		var asked []FileAt
		read := cd.Sources
		cd.Sources = func(files []FileAt) []SourceFile {
			asked = append(asked, files...)
			return read(files)
		}
		if found, _ := cd.indexedGoCalls([]string{"Mv"}, "tag", other); !found["Mv"] || len(asked) > grepReadBatch {
			t.Errorf("Mv, in the first test: found %v after reading %d tests, want it within %d", found, len(asked), grepReadBatch)
		}
		cd.Sources = read
		return Result{Commit: c}
	}, func(Result) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
}
