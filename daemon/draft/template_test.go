package draft

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/store"
)

func finding() store.Finding {
	return store.Finding{
		Fingerprint: "todo:svc/upload.py:5d41402abc4b",
		Kind:        "todo",
		Word:        "TODO",
		Text:        "retry uploads that fail with a 503 from the bucket",
		Labels:      []string{"enhancement", "enhancement", "s3"},
		Evidence: store.Evidence{
			Path: "svc/upload.py", Line: 7,
			Commit:  "3f2a9c1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			Subject: "upload service",
			Time:    time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC),
			Excerpt: "# TODO: retry uploads that fail with a 503 from the bucket",
		},
	}
}

func TestTemplate(t *testing.T) {
	is := Template(Target{Owner: "acme", Name: "gadgets"}, finding())
	if is.Title != "Retry uploads that fail with a 503 from the bucket" {
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

func TestTemplateWithoutRemote(t *testing.T) {
	is := Template(Target{}, finding())
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
		f := store.Finding{Word: "TODO", Text: tt.text, Evidence: store.Evidence{Path: tt.path}}
		if got := Title(f); got != tt.want {
			t.Errorf("Title(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	got := Title(store.Finding{Text: long})
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
	}
	for _, tt := range tests {
		if got := Neutralize(tt.in); got != tt.want {
			t.Errorf("Neutralize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFooterQuotesBackticks(t *testing.T) {
	f := finding()
	f.Evidence.Excerpt = "// TODO: use `strings.Cut`"
	got := Footer(Target{}, f)
	if !strings.Contains(got, "> `` // TODO: use `strings.Cut` ``") {
		t.Errorf("footer:\n%s", got)
	}
	f.Evidence.Excerpt = "// TODO: a\n// b"
	if got := Footer(Target{}, f); !strings.Contains(got, "```\n// TODO: a\n// b\n```") {
		t.Errorf("multi-line footer:\n%s", got)
	}
}

func TestTemplateNeverCarriesASecret(t *testing.T) {
	f := finding()
	key := "AKIA" + "IOSFODNN7EXAMPLE"
	f.Text = "rotate the key " + key + " before release"
	f.Evidence.Excerpt = "# TODO: rotate the key " + key + " before release"
	is := Template(Target{}, f)
	if strings.Contains(is.Body, key) || strings.Contains(is.Title, key) {
		t.Fatalf("the body carries the key:\n%s", is.Body)
	}
	if !strings.Contains(is.Body, "[REDACTED]") {
		t.Fatalf("the body does not say what was removed:\n%s", is.Body)
	}
}

func TestTemplateOtherKinds(t *testing.T) {
	f := store.Finding{
		Fingerprint: "untested:calc/div.go", Kind: "untested", Title: "Add tests for calc.Div",
		Items:    []string{"Div (lines 6-11)"},
		Labels:   []string{"testing"},
		Evidence: store.Evidence{Path: "calc/div.go", Line: 6, EndLine: 11, Commit: "9b1e2d0" + strings.Repeat("0", 33), Excerpt: "func Div(a, b int) (int, error) {"},
	}
	is := Template(Target{Owner: "acme", Name: "detect"}, f)
	if is.Title != "Add tests for calc.Div" {
		t.Errorf("title = %q", is.Title)
	}
	for _, want := range []string{"changed no test", "- Div (lines 6-11)", "### Done when", "[`calc/div.go#L6-L11`](https://github.com/acme/detect/blob/9b1e2d0" + strings.Repeat("0", 33) + "/calc/div.go#L6-L11)"} {
		if !strings.Contains(is.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, is.Body)
		}
	}
	for kind := range kindTexts() {
		f.Kind = kind
		if is := Template(Target{}, f); !strings.Contains(is.Body, "### Why") || strings.Contains(is.Body, "TODO") {
			t.Errorf("%s template:\n%s", kind, is.Body)
		}
	}
}
