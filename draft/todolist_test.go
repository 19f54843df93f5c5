package draft

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
)

func TestIsList(t *testing.T) {
	at := func(p string, line int) finding.Evidence {
		return finding.Evidence{Path: p, Line: line, Commit: "7bf136b5"}
	}
	tests := []struct {
		name string
		evs  []finding.Evidence
		want bool
	}{
		{"one note", []finding.Evidence{at("a.cpp", 3)}, false},
		{"notes of one file", []finding.Evidence{at("a.cpp", 3), at("a.cpp", 9)}, true},
		{"one note in two files", []finding.Evidence{at("a.cpp", 3), at("b.cpp", 3)}, false},
		{"a note of the list edited since", []finding.Evidence{at("a.cpp", 3), {Path: "a.cpp", Line: 9, Commit: "517a1d6", Edited: true}}, true},
	}
	for _, tt := range tests {
		if got := IsList(tt.evs); got != tt.want {
			t.Errorf("%s: IsList = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A list quotes each note's first line: catchorg/Catch2 7bf136b's note at
// line 310 goes on for six lines of prose and commented-out code.
func TestTODOListQuotesFirstLines(t *testing.T) {
	f := sampleFinding()
	f.Evidence.Path, f.Evidence.Line = "src/catch2/reporters/catch_reporter_json.cpp", 103
	f.Evidence.Excerpt = "// TODO: Ensure this closes the top level object, add asserts"
	f.Also = []finding.Evidence{
		{Path: f.Evidence.Path, Line: 310, Commit: f.Evidence.Commit,
			Excerpt: "// TODO: There is lot of different things to handle here, but\n//       we can fill it in later, after we show that the basic\n//if ( !m_config->includeSuccessfulResults()"},
		{Path: f.Evidence.Path, Line: 325, Commit: f.Evidence.Commit, Excerpt: "// TODO: handling of result."},
	}
	is := Template(ghrepo.Repo{}, f)
	if is.Title != "Resolve 3 TODO notes in src/catch2/reporters/catch_reporter_json.cpp" {
		t.Errorf("title %q", is.Title)
	}
	// A path too long for the title: the end of it that fits, never the
	// bare name another file may have (darccio/mergo's internal/ng/merge.go
	// beside its merge.go).
	long := f
	long.Evidence.Path = "src/catch2/reporters/internal/detail/catch_reporter_json.cpp"
	for i := range long.Also {
		long.Also[i].Path = long.Evidence.Path
	}
	if got := Template(ghrepo.Repo{}, long).Title; got != "Resolve 3 TODO notes in …/reporters/internal/detail/catch_reporter_json.cpp" {
		t.Errorf("title of a long path %q", got)
	}
	// The list counts its own notes, not the file's: others of the
	// commit may be in the digest.
	if !strings.HasPrefix(is.Body, "These 3 `TODO` notes in `src/catch2/reporters/catch_reporter_json.cpp` ask for work:") {
		t.Errorf("body starts %q", is.Body[:min(len(is.Body), 100)])
	}
	want := "- [ ] `src/catch2/reporters/catch_reporter_json.cpp#L310`: `// TODO: There is lot of different things to handle here, but`\n"
	if !strings.Contains(is.Body, want) {
		t.Errorf("body lacks %q:\n%s", want, is.Body)
	}
	if strings.Contains(is.Body, "m_config") || strings.Contains(is.Body, "Also found in") {
		t.Errorf("the list quotes more than first lines, or calls its notes one:\n%s", is.Body)
	}
}

// A note written above many places is counted as its comments: go-toml
// af00765 left 26 TODO comments in unmarshal_imported_test.go in five
// different words, 21 of them "Remove nolint once ...", and "Resolve the 5
// TODO notes" left 21 unsaid.
func TestTODOListCountsCopies(t *testing.T) {
	f := sampleFinding()
	f.Evidence.Path, f.Evidence.Line = "internal/imported_tests/unmarshal_imported_test.go", 152
	f.Evidence.Excerpt = "// TODO: Remove nolint once type and name are fixed"
	f.Evidence.Copies = 21
	f.Also = []finding.Evidence{
		{Path: f.Evidence.Path, Line: 644, Commit: f.Evidence.Commit, Excerpt: "// TODO: add back camelCase test"},
	}
	is := Template(ghrepo.Repo{}, f)
	if !strings.HasPrefix(is.Title, "Resolve 22 TODO comments in") {
		t.Errorf("title %q", is.Title)
	}
	for _, want := range []string{"22 `TODO` comments in", "in 2 different notes", "`// TODO: Remove nolint once type and name are fixed` (21 comments say it)", "rather than 22."} {
		if !strings.Contains(is.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, is.Body)
		}
	}
	// One note written three times is one draft that says so.
	one := sampleFinding()
	one.Evidence.Copies = 3
	is = Template(ghrepo.Repo{}, one)
	for _, want := range []string{one.Evidence.Commit[:7] + " left 3 `TODO` comments in", "in the same words", "No `TODO` comment with these words is left"} {
		if !strings.Contains(is.Body, want) {
			t.Errorf("single note's body lacks %q:\n%s", want, is.Body)
		}
	}
	// Moved there by the commit, they were not left by it (grafana/k6
	// 8e6101a, round 114).
	one.Evidence.Moved = true
	is = Template(ghrepo.Repo{}, one)
	if want := one.Evidence.Commit[:7] + " moved here 3 `TODO` comments in"; !strings.Contains(is.Body, want) || strings.Contains(is.Body, " left 3 ") {
		t.Errorf("moved notes' body lacks %q:\n%s", want, is.Body)
	}
}

// A list of a file renamed since names each place as the cited commit
// had it, where its line is: rust-lang/libc's build.rs, now
// build/main.rs (round 149).
func TestTODOListOfARenamedFile(t *testing.T) {
	f := sampleFinding()
	f.Word = "FIXME"
	f.Evidence.Path, f.Evidence.Line = "libc-test/build.rs", 2408
	f.Evidence.Excerpt = "// FIXME(android): Requires >= 6.11 kernel headers."
	f.Also = []finding.Evidence{{Path: f.Evidence.Path, Line: 2411, Commit: f.Evidence.Commit, Excerpt: "// FIXME(android): Requires >= 6.14 kernel headers."}}
	f.Path = "libc-test/build/main.rs"
	is := Template(ghrepo.Repo{}, f)
	if !strings.Contains(is.Body, "- [ ] `libc-test/build.rs#L2411`:") || strings.Contains(is.Body, "main.rs#L") {
		t.Errorf("the list names its places by the renamed file:\n%s", is.Body)
	}
}
