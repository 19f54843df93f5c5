package todo

import (
	"crypto/sha1"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// todoGot is the part of a Finding most cases check.
type todoGot struct {
	Word, Text, Body string
	Labels           []string
	Path             string
	Line             int
}

func wantFP(p, norm string) string {
	sum := sha1.Sum([]byte(norm))
	return "todo:" + p + ":" + hex.EncodeToString(sum[:])[:12]
}

func TestDetectTODOs(t *testing.T) {
	enh, bug, debt := []string{"enhancement"}, []string{"bug"}, []string{"tech-debt"}
	tests := []struct {
		name         string
		diff         string
		opts         Options
		want         []todoGot
		wantResolved []string // fingerprints
	}{
		// One case per comment family.
		{
			name: "go line comment",
			diff: difftest.Added("a.go", "package a", "", "// TODO: handle errors", "func f() {}"),
			want: []todoGot{{"TODO", "handle errors", "", enh, "a.go", 3}},
		},
		{
			name: "trailing line comment after code",
			diff: difftest.Added("a.go", "x := a + b // FIXME: overflows"),
			want: []todoGot{{"FIXME", "overflows", "", bug, "a.go", 1}},
		},
		{
			name: "doc comments",
			diff: difftest.Added("a.rs", "/// TODO: document", "//! HACK: crate-level", "/** XXX: javadoc style */"),
			want: []todoGot{
				{"TODO", "document", "", enh, "a.rs", 1},
				{"HACK", "crate-level", "", debt, "a.rs", 2},
				{"XXX", "javadoc style", "", debt, "a.rs", 3},
			},
		},
		{
			// jquense/yup 366f7d8 (round 104): the expectation a type test
			// checks under the note is no words of it.
			name: "a type test's expectation ends the note",
			diff: difftest.Added("test/types/types.ts", "  // FIXME: should not be undefined", "  // $ExpectType {} | undefined", "  objOptional.cast(undefined);"),
			want: []todoGot{{"FIXME", "should not be undefined", "", bug, "test/types/types.ts", 1}},
		},
		{
			name: "c block with star lines",
			diff: difftest.Added("a.c", "/*", " * Parser state.", " *", " * TODO: fix overflow", " * when the input is huge.", " *", " * See RFC 1.", " */", "int x;"),
			want: []todoGot{{"TODO", "fix overflow", "when the input is huge.\n\nSee RFC 1.", enh, "a.c", 4}},
		},
		{
			name: "block on one line",
			diff: difftest.Added("a.java", "int x; /* HACK x */ int y;"),
			want: []todoGot{{"HACK", "x", "", debt, "a.java", 1}},
		},
		{
			name: "first line of a block with continuation",
			diff: difftest.Added("a.css", "/* TODO: pick colours", "   from the palette */", "a { color: red }"),
			want: []todoGot{{"TODO", "pick colours", "from the palette", enh, "a.css", 1}},
		},
		{
			name: "block opened above the hunk, guessed from the star",
			diff: difftest.Modified("a.go", "a.go", difftest.Hunk(10, 10,
				" * Frobnicate the widget.",
				" *",
				"+ * TODO: support spanners",
				" */",
				" func Frob() {}")),
			want: []todoGot{{"TODO", "support spanners", "", enh, "a.go", 12}},
		},
		{
			name: "hash with owner",
			diff: difftest.Added("a.py", "def f():", "    # FIXME(bob): y", "    pass"),
			want: []todoGot{{"FIXME", "y", "", bug, "a.py", 2}},
		},
		{
			name: "double dash",
			diff: difftest.Added("q.sql", "SELECT 1; -- XXX z"),
			want: []todoGot{{"XXX", "z", "", debt, "q.sql", 1}},
		},
		{
			name: "semicolon",
			diff: difftest.Added("core.clj", ";; TODO: memoize", "(defn f [x] x)"),
			want: []todoGot{{"TODO", "memoize", "", enh, "core.clj", 1}},
		},
		{
			name: "percent",
			diff: difftest.Added("a.erl", "% BUG: crashes on empty list"),
			want: []todoGot{{"BUG", "crashes on empty list", "", bug, "a.erl", 1}},
		},
		{
			name: "xml comment in markdown",
			diff: difftest.Added("README.md", "# Title", "", "<!-- TODO: doc -->", "TODO: prose is not a comment"),
			want: []todoGot{{"TODO", "doc", "", enh, "README.md", 3}},
		},
		{
			name: "haskell block",
			diff: difftest.Added("a.hs", "{- TODO: strictness", "   matters here -}", "f x = x"),
			want: []todoGot{{"TODO", "strictness", "matters here", enh, "a.hs", 1}},
		},
		{
			name: "lua long comment",
			diff: difftest.Added("a.lua", "--[[ FIXME: leaks", "  on reload ]]", "-- TODO: cache"),
			want: []todoGot{
				{"FIXME", "leaks", "on reload", bug, "a.lua", 1},
				{"TODO", "cache", "", enh, "a.lua", 3},
			},
		},
		{
			name: "powershell block",
			diff: difftest.Added("a.ps1", "<#", "TODO: sign the script", "#>", "Write-Host hi"),
			want: []todoGot{{"TODO", "sign the script", "", enh, "a.ps1", 2}},
		},
		{
			name: "visual basic",
			diff: difftest.Added("a.vb", "x = 1 ' TODO: vb"),
			want: []todoGot{{"TODO", "vb", "", enh, "a.vb", 1}},
		},
		{
			name: "vim",
			diff: difftest.Added(".vimrc", `" TODO: vim`),
			want: []todoGot{{"TODO", "vim", "", enh, ".vimrc", 1}},
		},
		{
			name: "fortran",
			diff: difftest.Added("a.f90", "x = 1 ! HACK: fortran"),
			want: []todoGot{{"HACK", "fortran", "", debt, "a.f90", 1}},
		},
		{
			name: "tex",
			diff: difftest.Added("paper.tex", `50\% done % TODO: cite`),
			want: []todoGot{{"TODO", "cite", "", enh, "paper.tex", 1}},
		},
		{
			name: "dockerfile",
			diff: difftest.Added("Dockerfile", "FROM alpine", "# TODO: pin the digest"),
			want: []todoGot{{"TODO", "pin the digest", "", enh, "Dockerfile", 2}},
		},

		// What must not fire.
		{
			name: "prose, strings, lowercase, longer words, code",
			diff: difftest.Added("a.go",
				"// This TODO is prose.",
				"// todo: lowercase",
				`s := "// TODO: in a string"`,
				`t := "/* FIXME */"`,
				"// TODOS: plural",
				"// XXX-XX-XXXX is a format",
				"x := TODO(1)",
				"// a todo list"),
		},
		{
			name: "single-quoted string in javascript and python",
			diff: difftest.Added("a.js", `const s = '// TODO: x';`, "const t = `// FIXME: y`;"),
		},
		{
			name: "python string",
			diff: difftest.Added("a.py", `print('# TODO: x')`, `print("# FIXME: y")`),
		},

		// Text, body and labels.
		{
			name: "labels line",
			diff: difftest.Added("a.go", "// TODO: add retries", "// Retries with backoff.", "// Labels: Network, Backend , network", "func f() {}"),
			want: []todoGot{{"TODO", "add retries", "Retries with backoff.", []string{"enhancement", "network", "backend"}, "a.go", 1}},
		},
		{
			name: "body with paragraph, trailing blank trimmed, stops at code",
			diff: difftest.Added("a.go", "// TODO: x", "// line one", "//", "// line two", "//", "func f() {}", "// not body"),
			want: []todoGot{{"TODO", "x", "line one\n\nline two", enh, "a.go", 1}},
		},
		{
			name: "body stops at another TODO",
			diff: difftest.Added("a.py", "# TODO: first", "# detail", "# FIXME: second", "# more"),
			want: []todoGot{
				{"TODO", "first", "detail", enh, "a.py", 1},
				{"FIXME", "second", "more", bug, "a.py", 3},
			},
		},
		{
			name: "body stops at a blank line",
			diff: difftest.Added("a.py", "# TODO: first", "", "# unrelated"),
			want: []todoGot{{"TODO", "first", "", enh, "a.py", 1}},
		},
		{
			name: "empty text takes the first body line; owner only",
			diff: difftest.Added("a.go", "// TODO(alice):", "// do the thing", "// details", "func f() {}"),
			want: []todoGot{{"TODO", "do the thing", "details", enh, "a.go", 1}},
		},
		{
			name: "no text and no body is ignored",
			diff: difftest.Added("a.go", "// TODO", "func f() {}", "/* FIXME */"),
		},
		{
			name: "body includes context lines",
			diff: difftest.Modified("a.go", "a.go", difftest.Hunk(4, 4,
				" func f() {",
				"+\t// TODO: validate input",
				" \t// It may be nil.",
				" \treturn",
				" }")),
			want: []todoGot{{"TODO", "validate input", "It may be nil.", enh, "a.go", 5}},
		},
		{
			name: "crlf source",
			diff: difftest.Added("a.cs", "// TODO: crlf\r", "class A {}\r"),
			want: []todoGot{{"TODO", "crlf", "", enh, "a.cs", 1}},
		},
		{
			name: "custom words and labels",
			diff: difftest.Added("a.go", "// NOTE: custom", "// TODO: not a word now"),
			opts: Options{Words: []string{"NOTE"}, WordLabels: map[string][]string{"NOTE": {"docs"}}},
			want: []todoGot{{"NOTE", "custom", "TODO: not a word now", []string{"docs"}, "a.go", 1}},
		},
		{
			name: "duplicates in one file reported once",
			diff: difftest.Added("a.go", "// TODO: same", "func f() {}", "//   TODO:   Same"),
			want: []todoGot{{"TODO", "same", "", enh, "a.go", 1}},
		},

		// Moves and resolutions.
		{
			// Issue 9: a TODO the commit only moved is not one it added.
			name: "moved within the file: neither found nor resolved",
			diff: difftest.Modified("a.go", "a.go",
				difftest.Hunk(2, 2, " package a", "-// TODO: move me", " ", " func f() {}"),
				difftest.Hunk(20, 19, " }", "+//   TODO:  move   me", " func g() {}")),
		},
		{
			name:         "removed TODO resolves",
			diff:         difftest.Modified("a.go", "a.go", difftest.Hunk(2, 2, " package a", "-// FIXME: done now", " func f() {}")),
			wantResolved: []string{wantFP("a.go", "fixme: done now")},
		},
		{
			name:         "old and new sides keep separate block state",
			diff:         difftest.Modified("a.c", "a.c", difftest.Hunk(1, 1, "-/* old comment", "-   TODO: retire the parser */", "+// TODO: modern", " int x;")),
			want:         []todoGot{{"TODO", "modern", "", enh, "a.c", 1}},
			wantResolved: []string{wantFP("a.c", "todo: retire the parser")},
		},
		{
			name:         "deleted file resolves every TODO",
			diff:         difftest.Deleted("old.py", "# TODO: one", "x = 1", "# HACK: two"),
			wantResolved: []string{wantFP("old.py", "todo: one"), wantFP("old.py", "hack: two")},
		},
		{
			name:         "rename: found under the new path, resolved under the old",
			diff:         difftest.Modified("a.go", "b.go", difftest.Hunk(1, 1, " package a", "-// TODO: old", "+// TODO: new")),
			want:         []todoGot{{"TODO", "new", "", enh, "b.go", 2}},
			wantResolved: []string{wantFP("a.go", "todo: old")},
		},

		// Files never analysed.
		{name: "vendored", diff: difftest.Added("vendor/x/a.go", "// TODO: theirs")},
		{name: "minified", diff: difftest.Added("app.min.js", "// TODO: min")},
		// micromatch's test/fixtures/patterns.js (round 77): a test's input.
		{name: "a test's fixture", diff: difftest.Added("test/fixtures/patterns.js", "// XXX: if anyone complains about this, either fix it", "// or tell them to grow up and stop complaining.")},
		{name: "a test's data", diff: difftest.Added("internal/parser/testdata/input.go", "// TODO: parse the rest of the input")},
		{name: "generated by name", diff: difftest.Added("api.pb.go", "// TODO: gen")},
		{name: "generated by marker", diff: difftest.Added("x.go", "// Code generated by tool. DO NOT EDIT.", "", "// TODO: gen")},
		{name: "unknown language", diff: difftest.Added("notes.txt", "TODO: write notes", "// TODO: still not")},
		{
			name: "binary",
			diff: "diff --git a/a.go b/a.go\nnew file mode 100644\nindex 0000000..1111111\nBinary files /dev/null and b/a.go differ\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := difftest.File(t, tt.diff)
			found, resolved := Detect(analyze.Commit{Hash: difftest.CommitID}, f, tt.opts)
			var got []todoGot
			for _, fd := range found {
				got = append(got, todoGot{fd.Word, fd.Text, fd.Body, fd.Labels, fd.Evidence.Path, fd.Evidence.Line})
				if fd.Kind != "todo" || fd.Evidence.Commit != difftest.CommitID {
					t.Errorf("kind %q commit %q", fd.Kind, fd.Evidence.Commit)
				}
				norm := strings.Join(strings.Fields(strings.ToLower(fd.Word+": "+fd.Text)), " ")
				if want := wantFP(fd.Evidence.Path, norm); fd.Fingerprint != want {
					t.Errorf("fingerprint %q, want %q", fd.Fingerprint, want)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found:\n got %+v\nwant %+v", got, tt.want)
			}
			var gotResolved []string
			for _, r := range resolved {
				gotResolved = append(gotResolved, r.Fingerprint)
				if r.Commit != difftest.CommitID {
					t.Errorf("resolution commit %q", r.Commit)
				}
			}
			if !reflect.DeepEqual(gotResolved, tt.wantResolved) {
				t.Errorf("resolved = %q, want %q", gotResolved, tt.wantResolved)
			}
		})
	}
}

func TestTODOFingerprintStable(t *testing.T) {
	a := difftest.File(t, difftest.Added("x/a.go", "// TODO: Fix the  thing"))
	b := difftest.File(t, difftest.Modified("x/a.go", "x/a.go", difftest.Hunk(40, 40, " func f() {", "+\t//TODO:   fix the thing   ", " }")))
	fa, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, a, Options{})
	fb, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, b, Options{})
	if len(fa) != 1 || len(fb) != 1 {
		t.Fatalf("found %d and %d, want 1 and 1", len(fa), len(fb))
	}
	if fa[0].Evidence.Line == fb[0].Evidence.Line {
		t.Fatalf("lines should differ: %d", fa[0].Evidence.Line)
	}
	want := wantFP("x/a.go", "todo: fix the thing")
	if fa[0].Fingerprint != want || fb[0].Fingerprint != want {
		t.Fatalf("fingerprints %q and %q, want %q", fa[0].Fingerprint, fb[0].Fingerprint, want)
	}
}

// The same note written above several places is one finding at the first,
// which counts them (go-toml af00765: "TODO: Remove nolint once type and
// name are fixed" above 21 tests).
func TestTODOCopiesCounted(t *testing.T) {
	note := "\t//nolint // TODO: Remove nolint once type and name are fixed"
	d := difftest.File(t, difftest.Added("unmarshal_imported_test.go",
		"package toml_test", "", "type basicMarshalTestStruct struct {", note, "\tString string", "}", "",
		"type otherStruct struct {", note, "\tValue int", "}", "", "type third struct {", note, "}",
		"// TODO: add back camelCase test"))
	found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, d, Options{})
	if len(found) != 2 {
		t.Fatalf("found %+v, want the two notes", found)
	}
	if found[0].Evidence.Line != 4 || found[0].Evidence.Copies != 3 || found[1].Evidence.Copies != 0 {
		t.Errorf("evidence %+v and %+v, want the first note at line 4 counted 3 times, the other once", found[0].Evidence, found[1].Evidence)
	}
}

func TestTODOExcerpt(t *testing.T) {
	tests := []struct {
		name string
		diff string
		want string
	}{
		{
			name: "line and body, raw and trimmed",
			diff: difftest.Added("a.go", "func f() {", "\t// TODO: x   ", "\t// more", "\t// labels: ui", "\t//", "}"),
			want: "// TODO: x\n// more\n// labels: ui",
		},
		{
			name: "at most six lines",
			diff: difftest.Added("a.py", "# TODO: x", "# 1", "# 2", "# 3", "# 4", "# 5", "# 6", "# 7"),
			want: "# TODO: x\n# 1\n# 2\n# 3\n# 4\n# 5",
		},
		{
			// seanmonstar/reqwest d99e90d: the TODO, then the SAFETY
			// note of the unsafe block below it.
			name: "another tagged note ends the body",
			diff: difftest.Added("src/connect.rs",
				"                // TODO: This _does_ forget the `init` len, so it could result in",
				"                // re-initializing twice. Needs upstream support, perhaps.",
				"                // SAFETY: Passing to a ReadBuf will never de-initialize any bytes.",
				"                let mut vbuf = hyper::rt::ReadBuf::uninit(unsafe { buf.as_mut() });"),
			want: "// TODO: This _does_ forget the `init` len, so it could result in\n// re-initializing twice. Needs upstream support, perhaps.",
		},
		{
			// crossbeam-rs/crossbeam b23b7e8: a HACK's rationale, then
			// the doc comment of the function below it.
			name: "a doc comment under a line comment is not its body",
			diff: difftest.Added("crossbeam-channel/src/channel.rs",
				"// HACK: This is equivalent to transmute_copy by value, but available in const",
				"// context even on older rustc (const transmute_copy requires Rust 1.74).",
				"/// # Safety",
				"///",
				"/// This function has the same safety requirements as [`core::mem::transmute_copy`].",
				"const unsafe fn transmute_copy_by_val<Src, Dst>(src: Src) -> Dst {"),
			want: "// HACK: This is equivalent to transmute_copy by value, but available in const\n// context even on older rustc (const transmute_copy requires Rust 1.74).",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.File(t, tt.diff), Options{})
			if len(found) != 1 {
				t.Fatalf("found %d, want 1", len(found))
			}
			if found[0].Evidence.Excerpt != tt.want {
				t.Errorf("excerpt %q, want %q", found[0].Evidence.Excerpt, tt.want)
			}
		})
	}
}

func TestMatchTODO(t *testing.T) {
	words := defaultWords()
	tests := []struct {
		in, word, rest string
		ok             bool
	}{
		{"TODO: x", "TODO", "x", true},
		{"TODO(bob): x", "TODO", "x", true},
		{"TODO (bob) x", "TODO", "(bob) x", true}, // an owner is written next to the word
		{"FIXME x", "FIXME", "x", true},
		{"TODO - x", "TODO", "x", true},
		{"TODO:x", "TODO", "x", true},
		{"TODO", "TODO", "", true},
		{"TODOS", "", "", false},
		{"TODO_x", "", "", false},
		{"todo: x", "", "", false},
		{"see TODO", "", "", false},
		{"TODO, FIXME, ... for todo findings", "", "", false}, // prose listing the words
		{"FIXME -> bug", "", "", false},
		{"TODO: `Close` leaks", "TODO", "`Close` leaks", true},
	}
	for _, tt := range tests {
		m, ok := matchTODO(tt.in, words, false)
		w, r := m.word, m.rest
		if w != tt.word || r != tt.rest || ok != tt.ok {
			t.Errorf("matchTODO(%q) = %q, %q, %v; want %q, %q, %v", tt.in, w, r, ok, tt.word, tt.rest, tt.ok)
		}
	}
}

func TestDetectTODOsNil(t *testing.T) {
	if f, r := Detect(analyze.Commit{}, nil, Options{}); f != nil || r != nil {
		t.Fatalf("nil file gave %v, %v", f, r)
	}
}
