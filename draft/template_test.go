package draft

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/analyze/detectors"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

func sampleFinding() store.Finding {
	return store.Finding{
		Finding: finding.Finding{Fingerprint: "todo:svc/upload.py:5d41402abc4b",
			Kind:   "todo",
			Word:   "TODO",
			Text:   "retry uploads that fail with a 503 from the bucket",
			Labels: []string{"enhancement", "enhancement", "s3"},
			Evidence: finding.Evidence{
				Path: "svc/upload.py", Line: 7,
				Commit:  "3f2a9c1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
				Subject: "upload service",
				Time:    time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC),
				Excerpt: "# TODO: retry uploads that fail with a 503 from the bucket",
			}},
	}
}

func TestTemplate(t *testing.T) {
	is := Template(ghrepo.Repo{Owner: "acme", Name: "gadgets"}, sampleFinding())
	// What to do, and where.
	if is.Title != "Retry uploads that fail with a 503 from the bucket (svc/upload.py)" {
		t.Errorf("title = %q", is.Title)
	}
	for _, want := range []string{
		"### Why", "### Suggested approach", "### Done when", "- [ ] ",
		"[`svc/upload.py#L7`](https://github.com/acme/gadgets/blob/3f2a9c1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/svc/upload.py#L7)",
		`added in 3f2a9c1 "upload service" (2026-11-25)`,
		"> `# TODO: retry uploads that fail with a 503 from the bucket`",
		"<!-- ticket-master:fingerprint=todo:svc/upload.py:5d41402abc4b -->",
	} {
		if !strings.Contains(is.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, is.Body)
		}
	}
	if !strings.HasSuffix(is.Body, "-->") {
		t.Error("the marker must end the body")
	}
	if strings.Join(is.Labels, ",") != "enhancement,s3" {
		t.Errorf("labels = %v", is.Labels)
	}
}

// TestTemplateTODONotAddedThere: a TODO the commit reworded, or a revert
// brought back (tokio-rs/prost 0caca297, round 109), was there before it;
// the draft must not date the work left unfinished to that commit.
func TestTemplateTODONotAddedThere(t *testing.T) {
	for _, tc := range []struct {
		how  string
		mark func(*finding.Evidence)
	}{
		{"edited", func(ev *finding.Evidence) { ev.Edited = true }},
		{"restored", func(ev *finding.Evidence) { ev.Restored = true }},
	} {
		f := sampleFinding()
		tc.mark(&f.Evidence)
		is := Template(ghrepo.Repo{Owner: "acme", Name: "gadgets"}, f)
		for _, want := range []string{
			tc.how + ` in 3f2a9c1 "upload service" (2026-11-25)`,
			"The comment, last " + tc.how + " in 3f2a9c1, marks work left unfinished;",
		} {
			if !strings.Contains(is.Body, want) {
				t.Errorf("%s: body lacks %q:\n%s", tc.how, want, is.Body)
			}
		}
		for _, wrong := range []string{"added in 3f2a9c1", "left unfinished in 3f2a9c1"} {
			if strings.Contains(is.Body, wrong) {
				t.Errorf("%s: body says %q:\n%s", tc.how, wrong, is.Body)
			}
		}
	}
}

func TestTemplateWithoutRemote(t *testing.T) {
	is := Template(ghrepo.Repo{}, sampleFinding())
	if strings.Contains(is.Body, "https://") {
		t.Errorf("no remote, yet a link:\n%s", is.Body)
	}
	if !strings.Contains(is.Body, "Found in `svc/upload.py#L7`") {
		t.Errorf("body lacks the plain location:\n%s", is.Body)
	}
}

func TestTitle(t *testing.T) {
	long := strings.Repeat("make the exporter handle every kind of bucket ", 4)
	tests := []struct{ text, path, want string }{
		{"retry uploads.", "a.py", "Retry uploads"},
		{"fix", "pkg/x.go", `Resolve "fix" in x.go`},
		{"", "pkg/x.go", "Resolve the TODO comment in x.go"},
		{"  handle   the empty   case:", "a.go", "Handle the empty case"},
	}
	for _, tt := range tests {
		f := store.Finding{Finding: finding.Finding{Word: "TODO", Text: tt.text, Evidence: finding.Evidence{Path: tt.path}}}
		if got := Title(f); got != tt.want {
			t.Errorf("Title(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	got := Title(store.Finding{Finding: finding.Finding{Text: long}})
	if n := utf8.RuneCountInString(got); n > MaxTitle || !strings.HasSuffix(got, "…") {
		t.Errorf("long title %q has %d runes", got, n)
	}
}

func TestNeutralize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ask @bob about it", "ask @\u200bbob about it"},
		{"@acme/team please", "@\u200bacme/team please"},
		{"mail bob@example.com", "mail bob@example.com"},
		{"see #12 and (#3)", "see `#12` and (`#3`)"},
		{"code `@bob #1` stays", "code `@bob #1` stays"},
		{"```\n@bob\n```", "```\n@bob\n```"},
		{"C# is fine", "C# is fine"},
		{"ask _@bob_ or **@carol**", "ask _@\u200bbob_ or **@\u200bcarol**"},
		{"as [#1] and GH-2 and acme/x#3 say", "as [`#1`] and `GH-2` and `acme/x#3` say"},
		{`escaped \#4 too`, "escaped `#4` too"},
		{"a [link to @bob](https://x.example) stays", "a [link to @bob](https://x.example) stays"},
		{"<details>\n@bob wrote #5\n</details>", "<details>\n@\u200bbob wrote #\u200b5\n</details>"},
		{"> quoted @bob\n> on two lines, #6", "> quoted @\u200bbob\n> on two lines, `#6`"},
		{"- [ ] ask @bob", "- [ ] ask @\u200bbob"},
	}
	for _, tt := range tests {
		if got := Neutralize(tt.in); got != tt.want {
			t.Errorf("Neutralize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFooterQuotesBackticks(t *testing.T) {
	f := sampleFinding()
	f.Evidence.Excerpt = "// TODO: use `strings.Cut`"
	got := Footer(ghrepo.Repo{}, f)
	if !strings.Contains(got, "> `` // TODO: use `strings.Cut` ``") {
		t.Errorf("footer:\n%s", got)
	}
	f.Evidence.Excerpt = "// TODO: a\n// b"
	if got := Footer(ghrepo.Repo{}, f); !strings.Contains(got, "```\n// TODO: a\n// b\n```") {
		t.Errorf("multi-line footer:\n%s", got)
	}
}

func TestTemplateOtherKinds(t *testing.T) {
	f := store.Finding{
		Finding: finding.Finding{Fingerprint: "untested:calc/div.go", Kind: "untested", Title: "Add tests for calc.Div",
			Items:    []string{"Div (lines 6-11)"},
			Labels:   []string{"testing"},
			Evidence: finding.Evidence{Path: "calc/div.go", Line: 6, EndLine: 11, Commit: "9b1e2d0" + strings.Repeat("0", 33), Excerpt: "func Div(a, b int) (int, error) {"}},
	}
	is := Template(ghrepo.Repo{Owner: "acme", Name: "detect"}, f)
	if is.Title != "Add tests for calc.Div" {
		t.Errorf("title = %q", is.Title)
	}
	for _, want := range []string{"changed no test", "- Div (lines 6-11)", "### Done when", "[`calc/div.go#L6-L11`](https://github.com/acme/detect/blob/9b1e2d0" + strings.Repeat("0", 33) + "/calc/div.go#L6-L11)"} {
		if !strings.Contains(is.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, is.Body)
		}
	}
	kinds := []string{finding.KindReview}
	for _, d := range detectors.All() {
		if name := d.Spec().Name; name != finding.KindTODO {
			kinds = append(kinds, name)
		}
	}
	for _, kind := range kinds {
		if _, ok := templateFor(kind); !ok {
			t.Errorf("no template words for %s", kind)
		}
		f.Kind = kind
		if is := Template(ghrepo.Repo{}, f); !strings.Contains(is.Body, "### Why") || strings.Contains(is.Body, "TODO") {
			t.Errorf("%s template:\n%s", kind, is.Body)
		}
	}
}

func TestTitleAtNamesTheFileWithinTheLimit(t *testing.T) {
	f := store.Finding{Finding: finding.Finding{Evidence: finding.Evidence{Path: "src/imgui_widgets.cpp"}}}
	if got := TitleAt("Works but API is likely to be reworked", f); got != "Works but API is likely to be reworked (src/imgui_widgets.cpp)" {
		t.Errorf("TitleAt = %q", got)
	}
	long := strings.Repeat("word ", 20)
	got := TitleAt(long, f)
	if n := utf8.RuneCountInString(got); n > MaxTitle || !strings.HasSuffix(got, "(src/imgui_widgets.cpp)") {
		t.Errorf("TitleAt of a long title = %q (%d characters)", got, n)
	}
	if got := TitleAt("Fix src/imgui_widgets.cpp", f); got != "Fix src/imgui_widgets.cpp" {
		t.Errorf("a title naming the file, and a finding with no line: %q", got)
	}
	f.Evidence.Line = 40
	if got := TitleAt("Fix src/imgui_widgets.cpp", f); got != "Fix src/imgui_widgets.cpp (line 40)" {
		t.Errorf("a title naming the file gets the line: %q", got)
	}
	if got := TitleAt("Fix src/imgui_widgets.cpp (line 12)", f); got != "Fix src/imgui_widgets.cpp (line 12)" {
		t.Errorf("a title that says where already changed: %q", got)
	}
}

// A title from git text publishes no mention or reference, and reads as
// code where it is (mypy d79a9e6: "@classmethod" got a zero-width space).
func TestQuoteRefs(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Handle @classmethod here", "Handle `@classmethod` here"},
		{"See #12 and GH-3 and acme/x#4", "See `#12` and `GH-3` and `acme/x#4`"},
		{"Keep `@x` and `#1` as they are", "Keep `@x` and `#1` as they are"},
		{"Mail bob@example.com", "Mail bob@example.com"},
		{"A lone ` and @bob", "A lone ' and `@bob`"},
		{"Close the file", "Close the file"},
	} {
		if got := quoteRefs(c.in); got != c.want {
			t.Errorf("quoteRefs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A detector's title written when the file had its old name speaks of the
// name it has now (pytest c95e8a7: "... (src/_pytest/python_api.py)" after
// 03da9f0 renamed it to approx.py).
func TestTitleOfARenamedFile(t *testing.T) {
	f := store.Finding{Path: "src/_pytest/approx.py", Finding: finding.Finding{
		Title:    "Handle complex numbers (src/_pytest/python_api.py)",
		Evidence: finding.Evidence{Path: "src/_pytest/python_api.py"}}}
	if got := Title(f); got != "Handle complex numbers (src/_pytest/approx.py)" {
		t.Errorf("Title = %q", got)
	}
	f.Title = "Handle complex numbers in python_api.py"
	if got := Title(f); got != "Handle complex numbers in approx.py" {
		t.Errorf("Title = %q", got)
	}
}

// A note whose file was renamed since is not "around line N" of the new
// file: uber-go/zap's zapslog note was written at line 101 of
// slog_go121.go, which became handler.go, where it is at line 106 and
// line 101 is other code.
func TestTODOInRenamedFileNamesTheLineWhereItWas(t *testing.T) {
	f := sampleFinding()
	f.Evidence.Path, f.Evidence.Line = "exp/zapslog/slog_go121.go", 101
	f.Path = "exp/zapslog/handler.go"
	body := Template(ghrepo.Repo{}, f).Body
	if strings.Contains(body, "around line 101 of `exp/zapslog/handler.go`") {
		t.Errorf("the old file's line is given as the new file's:\n%s", body)
	}
	if want := "Find the comment in `exp/zapslog/handler.go` (line 101 of `exp/zapslog/slog_go121.go` at 3f2a9c1)"; !strings.Contains(body, want) {
		t.Errorf("body lacks %q:\n%s", want, body)
	}
}

// A title that starts with a name of code keeps its case, as the detector
// wrote it (crossbeam-rs/crossbeam: "Core::sync::atomic::AtomicU128 is
// unstable"; google/googletest: "B/287046337 - In emscripten, ...").
func TestTitleKeepsTheCaseOfCode(t *testing.T) {
	for _, title := range []string{"core::sync::atomic::AtomicU128 is unstable", "b/287046337 - In emscripten, local time zone modification is not supported", "uniqueItems is not supported"} {
		f := sampleFinding()
		f.Title = title
		if got := Title(f); got != title {
			t.Errorf("Title(%q) = %q", title, got)
		}
	}
	f := sampleFinding()
	f.Title = "retry the upload"
	if got := Title(f); got != "Retry the upload" {
		t.Errorf("prose is capitalised: got %q", got)
	}
}

// A title cut to make room for its place is cut at a word's end
// (go-toml's "... needs to fill array.D… (unmarshaler.go)").
func TestTitleAtCutsAtAWord(t *testing.T) {
	f := sampleFinding()
	f.Evidence.Path = "unmarshaler.go"
	got := TitleAt("Use newDecodeError, but first the parser needs to fill array.Data before the slice", f)
	if !strings.HasSuffix(got, "to fill… (unmarshaler.go)") || len([]rune(got)) > MaxTitle {
		t.Errorf("TitleAt = %q", got)
	}
}
