package hotspot

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/finding"
)

// hash makes the i-th fake commit hash of a test window, distinct in its
// first seven digits as real ones are.
func hash(i int) string { return fmt.Sprintf("%07x", i+1) + strings.Repeat("a", 33) }

// touches builds a window of n commits; each one touches what touch says
// and has the subject subject says.
func touches(n int, touch func(i int) []string, subject func(i int) string) []analyze.FileTouch {
	w := make([]analyze.FileTouch, n)
	for i := range w {
		s := fmt.Sprintf("change %d", i)
		if subject != nil {
			s = subject(i)
		}
		w[i] = analyze.FileTouch{
			Commit: analyze.Commit{Hash: hash(i), Subject: s},
			Paths:  touch(i),
			Fix:    analyze.IsFixSubject(s),
		}
	}
	return w
}

// every touches p in commits where pick(i) holds, filler.go in all, and
// one of three other fillers in each: the rest of a project's code, which
// a file must stand out from (fewFiles).
func every(p string, pick func(i int) bool) func(int) []string {
	return func(i int) []string {
		rest := fmt.Sprintf("filler%d.go", i%3)
		if pick(i) {
			return []string{"filler.go", rest, p}
		}
		return []string{"filler.go", rest}
	}
}

func firstN(k int) func(int) bool { return func(i int) bool { return i < k } }

// withoutFiller drops the always-touched file most cases use as a backdrop.
func withoutFiller(fs []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if !strings.HasPrefix(f.Evidence.Path, "filler") {
			out = append(out, f)
		}
	}
	return out
}

func TestDetectHotspots(t *testing.T) {
	fixOn := func(fixes map[int]string) func(int) string {
		return func(i int) string {
			if s, ok := fixes[i]; ok {
				return s
			}
			return fmt.Sprintf("change %d", i)
		}
	}
	tests := []struct {
		name      string
		window    []analyze.FileTouch
		opts      Options
		wantTitle string // "" means no finding for a.go
	}{
		{
			name:   "churn alone is no hotspot by default",
			window: touches(50, every("a.go", func(i int) bool { return i%5 == 0 }), nil),
		},
		{
			name:      "ten changes in fifty commits",
			window:    touches(50, every("a.go", func(i int) bool { return i%5 == 0 }), nil),
			opts:      Options{MinChanges: 10},
			wantTitle: "Review a.go, changed in 10 of 50 recent commits",
		},
		{
			name:   "nine changes in fifty commits",
			window: touches(50, every("a.go", func(i int) bool { return i%5 == 0 && i > 0 }), nil),
			opts:   Options{MinChanges: 10},
		},
		{
			name:   "ten changes, but under the share",
			window: touches(50, every("a.go", firstN(10)), nil),
			opts:   Options{MinShare: 0.3, MinChanges: 10},
		},
		{
			name:      "share test off",
			window:    touches(50, every("a.go", firstN(10)), nil),
			opts:      Options{MinShare: -1, MinChanges: 10},
			wantTitle: "Review a.go, changed in 10 of 50 recent commits",
		},
		{
			name:      "a short window counts what it has",
			window:    touches(12, every("a.go", firstN(10)), nil),
			opts:      Options{MinChanges: 10},
			wantTitle: "Review a.go, changed in 10 of 12 recent commits",
		},
		{
			name: "only the last Window commits count",
			// 10 changes, but 5 of them before the last 50 commits.
			window: touches(60, every("a.go", func(i int) bool { return i%6 == 0 }), nil),
			opts:   Options{MinChanges: 10},
		},
		{
			name: "four fixes and reverts",
			window: touches(50, every("a.go", func(i int) bool { return i == 3 || i == 9 || i == 20 || i == 40 }),
				fixOn(map[int]string{3: "fix(merge): empty ranges", 9: `Revert "Add merge cache"`, 20: "Hotfix for the login loop", 40: "Fixes a crash on empty input"})),
			wantTitle: "Refactor a.go, changed by 4 fixes in 50 recent commits",
		},
		{
			name: "words that only contain fix or bug are not fixes",
			window: touches(50, every("a.go", func(i int) bool { return i == 3 || i == 9 || i == 20 || i == 40 }),
				fixOn(map[int]string{3: "Add prefix handling", 9: "debug logging", 20: "Update fixtures", 40: "fix: the real one"})),
		},
		{
			name: "fix commits that do not touch the file do not count",
			window: touches(50, every("a.go", func(i int) bool { return i < 3 }),
				func(i int) string { return "fix something" }),
		},
		{
			name: "fix rule off",
			window: touches(50, every("a.go", firstN(5)),
				func(i int) string { return "fix something" }),
			opts: Options{MinFixes: -1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withoutFiller(Detect(tt.window, tt.opts))
			if tt.wantTitle == "" {
				if len(got) != 0 {
					t.Fatalf("got %+v, want nothing", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d findings, want 1: %+v", len(got), got)
			}
			f := got[0]
			if f.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", f.Title, tt.wantTitle)
			}
			if f.Kind != finding.KindHotspot || !reflect.DeepEqual(f.Labels, []string{"tech-debt"}) || f.Evidence.Path != "a.go" {
				t.Errorf("finding = %+v", f)
			}
		})
	}
}

func TestHotspotEvidenceAndItems(t *testing.T) {
	w := touches(20, every("svc/merge.go", func(i int) bool { return i == 2 || i == 7 || i == 11 || i == 15 }),
		func(i int) string {
			if i == 7 || i == 11 || i == 15 || i == 2 {
				return fmt.Sprintf("fix merge bug %d", i)
			}
			return "other"
		})
	got := withoutFiller(Detect(w, Options{}))
	if len(got) != 1 {
		t.Fatalf("got %+v", got)
	}
	f := got[0]
	want := finding.Finding{
		Kind:        finding.KindHotspot,
		Fingerprint: "hotspot:svc/merge.go",
		Text:        "svc/merge.go changed in 4 of 20 recent commits, 4 by fixes or reverts",
		Title:       "Refactor svc/merge.go, changed by 4 fixes in 20 recent commits",
		Labels:      []string{"tech-debt"},
		Items: []string{
			"changed in 4 of 20 recent commits, 4 by fixes or reverts",
			finding.ShortHash(hash(15)) + " fix merge bug 15 (fix)",
			finding.ShortHash(hash(11)) + " fix merge bug 11 (fix)",
			finding.ShortHash(hash(7)) + " fix merge bug 7 (fix)",
			finding.ShortHash(hash(2)) + " fix merge bug 2 (fix)",
		},
		Confidence: 0.8,
		// The file's newest change the window counts (commit 15), not the
		// window's last commit (19), which did not touch it (marked's
		// rules.ts was cited at a bot's lock file bump). The pipeline
		// states each evidence commit's own subject and date.
		Evidence: finding.Evidence{Path: "svc/merge.go", Commit: hash(15)},
	}
	f.Body = "" // prose, checked below
	if !reflect.DeepEqual(f, want) {
		t.Errorf("got  %+v\nwant %+v", f, want)
	}
}

// One finding per file, whatever the window: the fingerprint is the path,
// and each detection restates it with the counts and the commit of the
// moment (Spec.Rolling), instead of a new draft per block of commits.
func TestHotspotRollsWithTheWindow(t *testing.T) {
	if !(Detector{}).Spec().Rolling {
		t.Fatal("the hotspot detector must be rolling")
	}
	all := touches(80, every("a.go", func(i int) bool { return i%2 == 0 }), nil)
	var prints []string
	for _, end := range []int{50, 60, 79, 80} {
		fs := withoutFiller(Detect(all[max(0, end-50):end], Options{MinChanges: 10}))
		if len(fs) != 1 {
			t.Fatalf("window ending at %d: %+v", end, fs)
		}
		prints = append(prints, fs[0].Fingerprint)
		if newest := (end - 1) &^ 1; fs[0].Evidence.Commit != hash(newest) {
			t.Errorf("window ending at %d: evidence %s, want the file's newest change (%d)", end, fs[0].Evidence.Commit, newest)
		}
		if want := fmt.Sprintf("changed in %d of 50 recent commits", (end+1)/2-(max(0, end-50)+1)/2); !strings.Contains(fs[0].Text, want) {
			t.Errorf("window ending at %d: %q, want %q", end, fs[0].Text, want)
		}
	}
	for _, fp := range prints {
		if fp != "hotspot:a.go" {
			t.Errorf("fingerprint %q, want hotspot:a.go", fp)
		}
	}
}

func TestHotspotRenamesAndDeletions(t *testing.T) {
	w := touches(30, every("old.go", firstN(10)), nil)
	w[10].Moved = map[string]string{"old.go": "new.go"}
	w[10].Paths = append(w[10].Paths, "new.go")
	churn := Options{MinChanges: 10}
	fs := withoutFiller(Detect(w, churn))
	if len(fs) != 1 || fs[0].Evidence.Path != "new.go" || !strings.Contains(fs[0].Title, "11 of 30 recent") {
		t.Fatalf("rename: %+v", fs)
	}
	w[20].Moved = map[string]string{"new.go": ""}
	if fs := withoutFiller(Detect(w, churn)); len(fs) != 0 {
		t.Fatalf("a deleted file is a hotspot: %+v", fs)
	}
}

func TestHotspotTitleLength(t *testing.T) {
	long := "internal/some/deeply/nested/package/with_a_rather_long_file_name_for_a_title.go"
	for _, byFixes := range []bool{false, true} {
		title := hotspotTitle(long, 14, 6, 50, byFixes, " to 2026-04-13")
		if n := utf8.RuneCountInString(title); n >= 80 {
			t.Errorf("title %q is %d characters", title, n)
		}
	}
	if got := hotspotTitle("internal/sync/merge.go", 14, 6, 50, true, ""); got != "Refactor internal/sync/merge.go, changed by 6 fixes in 50 recent commits" {
		t.Errorf("title = %q", got)
	}
	if got := hotspotTitle("pkg/"+strings.Repeat("x", 100)+".go", 14, 6, 50, false, ""); utf8.RuneCountInString(got) >= 80 || !strings.HasPrefix(got, "Review xxx") || !strings.Contains(got, "…") {
		t.Errorf("cut title = %q", got)
	}
	// The window's date before the path's leading folders: a hotspot by
	// its fixes stays open after the file cools off, and a count without
	// its date reads as today's (colinhacks/zod's classic/schemas.ts,
	// round 122, wrong). jd/tenacity c650fb4: "__init__.py" alone is every
	// Python package's, so the end keeps its folder; ruby/json: an end that
	// says it is one, never "ext/parser/parser.c", a path of its own.
	if got, want := hotspotTitle("tenacity/asyncio/__init__.py", 9, 5, 50, true, " to 2026-07-15"),
		"Refactor …/asyncio/__init__.py, changed by 5 fixes in 50 commits to 2026-07-15"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := hotspotTitle("ext/json/ext/parser/parser.c", 20, 9, 50, true, " to 2026-08-08"),
		"Refactor …/ext/parser/parser.c, changed by 9 fixes in 50 commits to 2026-08-08"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	// A base name many folders have names no file: the path, without the
	// date, rather than "index.js" with it.
	if got, want := hotspotTitle("packages/zod/src/locales-generated/index.js", 9, 4, 50, true, " to 2026-08-13"),
		"Refactor …/zod/src/locales-generated/index.js, changed by 4 fixes in 50 commits"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := hotspotTitle("packages/zod/src/v4/classic/schemas.ts", 9, 4, 50, true, " to 2026-08-13"),
		"Refactor …/classic/schemas.ts, changed by 4 fixes in 50 commits to 2026-08-13"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	// Neargye/magic_enum: the name whole, without the window's date, rather
	// than the name cut.
	if got, want := hotspotTitle("include/magic_enum/magic_enum_containers.hpp", 20, 8, 50, true, " to 2026-08-08"),
		"Refactor magic_enum_containers.hpp, changed by 8 fixes in 50 commits"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	// cheeriojs/cheerio: an end of the path says it is one, never the
	// path of the top-level scripts/ folder the repository also has.
	if got, want := hotspotTitle("website/scripts/sync-algolia-crawler.mjs", 4, 4, 50, true, " to 2026-08-08"),
		"Refactor …/scripts/sync-algolia-crawler.mjs, changed by 4 fixes in 50 commits"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
}

func TestTouchOf(t *testing.T) {
	text := difftest.CommitID + "\n" +
		difftest.Added("a.go", "package a") +
		difftest.Added("vendor/x/x.go", "package x") +
		difftest.Added("go.sum", "x v1 h1:abc") +
		difftest.Added("go.mod", "module m") +
		difftest.Added("README.md", "# hi") +
		difftest.Added("docs/guide.go", "package docs") +
		difftest.Added("CHANGELOG", "v1") +
		difftest.Added("api.pb.go", "package api") +
		difftest.Added("kind_string.go", "// Code generated by \"stringer -type=Kind\"; DO NOT EDIT.", "", "package a") +
		difftest.Modified("b.go", "c.go", difftest.Hunk(1, 1, " package b", "+// more")) +
		difftest.Modified("e.go", "vendor/e.go", difftest.Hunk(1, 1, " package e")) +
		difftest.Deleted("d.go", "package d") +
		"diff --git a/img.png b/img.png\nnew file mode 100644\nBinary files /dev/null and b/img.png differ\n"
	commits := difftest.Commits(t, text)
	if len(commits) != 1 {
		t.Fatalf("parse: %+v", commits)
	}
	c := analyze.Commit{Hash: difftest.CommitID, Parents: []string{difftest.CommitID}, Subject: `Revert "Add the cache"`}
	got := TouchOf(c, &commits[0])
	want := analyze.FileTouch{
		Commit: c,
		Paths:  []string{"a.go", "c.go"},
		Fix:    true,
		NoFix:  []string{"a.go", "c.go"}, // a file added, a comment added: nothing fixed there
		Moved:  map[string]string{"b.go": "c.go", "e.go": "", "d.go": ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}

	merge := analyze.Commit{Hash: difftest.CommitID, Parents: []string{difftest.CommitID, "d1c7e9d0e8a2b744eb7d16e65b21c9b3aac9f1db"}, Subject: "Merge branch 'fix-things'"}
	if got := TouchOf(merge, &commits[0]); len(got.Paths) != 0 || got.Moved != nil {
		t.Errorf("merge commit touches %+v", got)
	}
}

// Commits by bots, dependency bumps and releases touch nothing: their
// churn is a tool's routine (real subjects and authors, repository named).
func TestBookkeeping(t *testing.T) {
	for _, tc := range []struct {
		author, subject string
		want            bool
	}{
		{"dependabot[bot]", "chore(deps): bump github.com/stretchr/testify from 1.11.1 to 1.12.0", true}, // urfave/cli b1c12343
		{"dependabot[bot]", "Bump the actions group with 3 updates (#7591)", true},                       // psf/requests 69f84847
		{"renovate[bot]", "Update Yuku parser to v0.8.0 (#19699)", true},                                 // prettier/prettier e79f6b74
		{"github-actions[bot]", "chore(sponsor): update sponsor block (#6754)", true},                    // axios/axios bad6d8b9
		{"Jay", "chore(release): v1.7.9 (#6730)", true},                                                  // axios/axios b2cb45d5
		{"A Person", "Bump actions/setup-python from 6.2.0 to 6.3.0", true},
		{"A Person", "Update dependency postcss to v8.5.22", true},
		{"A Person", "chore(deps-dev): bump vitest", true},
		{"A Person", "v2.3.0", true},
		{"Minh Vu", "fix(axum-extra): reject opaque Attachment filenames (#3848)", false}, // tokio-rs/axum 3f06eadb
		{"A Person", "Update the parser for dependency cycles", false},
		{"A Person", "Release the lock before returning", false},
	} {
		c := analyze.Commit{Author: tc.author, Subject: tc.subject}
		if got := isBookkeeping(c); got != tc.want {
			t.Errorf("%s %q: bookkeeping = %v, want %v", tc.author, tc.subject, got, tc.want)
		}
	}
}

// Files TouchOf leaves out never become hotspots, however often they change.
func TestHotspotsFromDiffs(t *testing.T) {
	var text strings.Builder
	var commits []analyze.Commit
	for i := range 12 {
		c := analyze.Commit{Hash: hash(i), Parents: []string{hash(i + 100)}, Subject: fmt.Sprintf("fix %d", i)}
		commits = append(commits, c)
		text.WriteString(c.Hash + "\n")
		paths := []string{"go.sum", "vendor/lib/lib.go", "yarn.lock", "docs/index.md"}
		if i%2 == 0 {
			paths = append(paths, "svc/a.go")
		} else {
			// Other code as often: svc/a.go is not the whole project.
			paths = append(paths, fmt.Sprintf("svc/other%d.go", i%6))
		}
		for _, p := range paths {
			text.WriteString(difftest.Modified(p, p, difftest.Hunk(i+1, i+1, fmt.Sprintf("+line %d", i))))
		}
	}
	diffs := difftest.Commits(t, text.String())
	if len(diffs) != len(commits) {
		t.Fatalf("parse: %d diffs", len(diffs))
	}
	var window []analyze.FileTouch
	for i, c := range commits {
		window = append(window, TouchOf(c, &diffs[i]))
	}
	got := Detect(window, Options{})
	if len(got) != 1 || got[0].Evidence.Path != "svc/a.go" || got[0].Evidence.Commit != hash(10) {
		t.Fatalf("got %+v, want svc/a.go alone", got)
	}
}

// A library that is one file takes every fix: p-ranav/argparse's
// argparse.hpp, sindresorhus/is's source/index.ts (round 71). A file with
// four fifths of the window's changes to code is no hotspot; beside other
// code changed more often it is one.
func TestSingleFileLibraryIsNoHotspot(t *testing.T) {
	var window []analyze.FileTouch
	for i := range 20 {
		paths := []string{"include/argparse/argparse.hpp"}
		if i%10 == 0 {
			paths = append(paths, "tools/gen.py")
		}
		window = append(window, analyze.FileTouch{Commit: analyze.Commit{Hash: hash(i), Subject: fmt.Sprintf("fix: parse case %d", i)}, Paths: paths, Fix: true})
	}
	if got := Detect(window, Options{}); len(got) != 0 {
		t.Errorf("the library's one file: %+v", got)
	}
	for i := range 22 {
		window = append(window, analyze.FileTouch{Commit: analyze.Commit{Hash: hash(20 + i), Subject: fmt.Sprintf("Add part %d", i)},
			Paths: []string{fmt.Sprintf("src/part%d.cpp", i%4)}})
	}
	if got := Detect(window, Options{}); len(got) != 1 || got[0].Evidence.Path != "include/argparse/argparse.hpp" {
		t.Errorf("one file of several: %+v", got)
	}
}

// Churn that is a tool's routine or configuration touches nothing; code
// changed by a person does. Each case is a hunk of a real commit.
func TestTouchOfRoutineAndConfiguration(t *testing.T) {
	tests := []struct {
		name            string
		author, subject string
		file            string
		want            []string
	}{
		{
			name: "a bot's bump of a CI workflow (tokio-rs/axum 2d58a732)", author: "dependabot[bot]",
			subject: "chore(deps): bump dtolnay/rust-toolchain from 2c7215f to 6c977a6 (#3868)",
			file: difftest.Modified(".github/workflows/release-plz.yml", ".github/workflows/release-plz.yml", difftest.Hunk(25, 25,
				"       - name: Install Rust toolchain",
				"-        uses: dtolnay/rust-toolchain@2c7215f132e9ebf062739d9130488b56d53c060c # stable",
				"+        uses: dtolnay/rust-toolchain@6c977a6ca4077a0ceb28ffbe03f59d46e9ac8772 # stable")),
		},
		{
			name: "a person's CI change (tokio-rs/axum 2d58a732's hunk)", author: "A Person", subject: "ci: pin the toolchain",
			file: difftest.Modified(".github/workflows/release-plz.yml", ".github/workflows/release-plz.yml", difftest.Hunk(25, 25,
				"-        uses: dtolnay/rust-toolchain@2c7215f132e9ebf062739d9130488b56d53c060c # stable",
				"+        uses: dtolnay/rust-toolchain@6c977a6ca4077a0ceb28ffbe03f59d46e9ac8772 # stable")),
		},
		{
			name: "code edited in a bot's dependency bump (prettier/prettier e79f6b74)", author: "renovate[bot]",
			subject: "Update Yuku parser to v0.8.0 (#19699)",
			file: difftest.Modified("src/language-js/parse/yuku.js", "src/language-js/parse/yuku.js", difftest.Hunk(39, 39,
				"   const result = yukuParse(text, {",
				"     preserveParens: true,",
				"-    allowReturnOutsideFunction: true,",
				"     semanticErrors: false,")),
		},
		{
			name: "a snapshot updated with a fix (prettier/prettier 8e05b371)", author: "Aland",
			subject: "Fix SCSS compound comparison line breaks (#19687)",
			file: difftest.Modified("tests/format/scss/atrule/__snapshots__/format.test.js.snap", "tests/format/scss/atrule/__snapshots__/format.test.js.snap", difftest.Hunk(557, 557,
				"     @if $very-very-very-long-var == 0 and $very-very-very-long-var == 0 {}",
				"+    @if $something == $something-else and $another-thing == $another-thing-with-long-name {}")),
		},
		{
			name: "the regression case a fix adds to a test suite (jqlang/jq 71228668)", author: "Yu-Fu Fu",
			subject: "Guard deep structural equality and comparison recursion (#3539)",
			file: difftest.Modified("tests/jq.test", "tests/jq.test", difftest.Hunk(2611, 2611,
				" try (reduce range(10001) as $_ ({}; {a: .}) as $x | $x * $x) catch .",
				" null",
				" \"Object merge too deep\"",
				"+",
				"+# regression test for deep structural equality recursion",
				"+try ((reduce range(10001) as $_ ([]; [.])) as $x | (reduce range(10001) as $_ ([]; [.])) as $y | $x == $y) catch .")),
		},
		{
			name: "a fix to a build script (DaveGamble/cJSON 4755aea)", author: "Alanscut", subject: "fix make failed in mac os",
			file: difftest.Modified("Makefile", "Makefile", difftest.Hunk(101, 101,
				" $(UTILS_SHARED_VERSION): $(UTILS_OBJ)",
				"-\t$(CC) -shared -o $@ $< $(UTILS_SO_LDFLAG) $(LDFLAGS)",
				"+\t$(CC) -shared -o $@ $< $(CJSON_OBJ) $(UTILS_SO_LDFLAG) $(LDFLAGS)")),
		},
		{
			name: "a fix to a task runner's sessions (wntrblm/nox 4eb0037)", author: "Henry Schreiner", subject: "fix: make pbs an optional dependency (#1017)",
			file: difftest.Modified("noxfile.py", "noxfile.py", difftest.Hunk(60, 60,
				" def tests(session: nox.Session) -> None:",
				"-    session.install(\"-e.[tox_to_nox,uv]\")",
				"+    session.install(\"-e.[tox_to_nox,uv,pbs]\")")),
		},
		{
			name: "the cases a fix adds to a fixture suite in _test/ (yuin/goldmark 3c3d448)", author: "yuin", subject: "Fixes #455",
			file: difftest.Modified("_test/extra.txt", "_test/extra.txt", difftest.Hunk(100, 100,
				" //= = = = = = = = = = = = = = = = = = = = = = = =//",
				"+",
				"+11: delimiters between ascii punctuations should be parsed",
				"+//- - - - - - - - -//",
				"+`{%`_name_`%}`")),
		},
		{
			name: "a PHPUnit test in Tests/ (symfony/yaml a3fedae)", author: "Nicolas Grekas", subject: "Fix merge",
			file: difftest.Modified("Tests/InlineTest.php", "Tests/InlineTest.php", difftest.Hunk(40, 40,
				"-            ['foo', 'foo'],",
				"+            ['bar', 'bar'],")),
		},
		{
			name: "the PHP code beside it", author: "Nicolas Grekas", subject: "Fix parsing of quoted keys",
			file: difftest.Modified("Inline.php", "Inline.php", difftest.Hunk(40, 40,
				"-        $i = 0;",
				"+        $i = 1;")),
			want: []string{"Inline.php"},
		},
		{
			name: "a changelog entry (tokio-rs/axum a2e64a8f)", author: "Yunus", subject: "feat: add QUERY method routing (#3801)",
			file: difftest.Modified("axum/CHANGELOG.md", "axum/CHANGELOG.md", difftest.Hunk(8, 8, " # Unreleased", "+- **added:** QUERY method routing")),
		},
		{
			name: "the regression test a fix adds (urfave/cli e2797cf)", author: "Shunsuke Suzuki",
			subject: "fix: let completion command use normal flag parsing pipeline",
			file: difftest.Modified("completion_test.go", "completion_test.go", difftest.Hunk(10, 10,
				` 	"github.com/stretchr/testify/require"`,
				" )",
				" ",
				"+func TestCompletionHelp(t *testing.T) {")),
		},
		{
			name: "the code that fix changed (urfave/cli e2797cf)", author: "Shunsuke Suzuki",
			subject: "fix: let completion command use normal flag parsing pipeline",
			file: difftest.Modified("command_run.go", "command_run.go", difftest.Hunk(141, 141,
				"-	if cmd.isCompletionCommand || cmd.Name == helpName {",
				"+	if cmd.Name == helpName {")),
			want: []string{"command_run.go"},
		},
		{
			name: "code changed by a person's fix (the same hunk of prettier/prettier e79f6b74)", author: "fisker Cheung",
			subject: "Fix parsing of return outside functions",
			file: difftest.Modified("src/language-js/parse/yuku.js", "src/language-js/parse/yuku.js", difftest.Hunk(39, 39,
				"     preserveParens: true,",
				"-    allowReturnOutsideFunction: true,",
				"     semanticErrors: false,")),
			want: []string{"src/language-js/parse/yuku.js"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cds := difftest.Commits(t, difftest.CommitID+"\n"+tt.file)
			c := analyze.Commit{Hash: difftest.CommitID, Parents: []string{hash(1)}, Author: tt.author, Subject: tt.subject}
			got := TouchOf(c, &cds[0])
			if !reflect.DeepEqual(got.Paths, tt.want) {
				t.Errorf("paths %q, want %q", got.Paths, tt.want)
			}
			if got.Fix && strings.HasSuffix(tt.author, "[bot]") {
				t.Errorf("routine commit counted as a fix")
			}
		})
	}
}

func TestFixDriven(t *testing.T) {
	for _, tc := range []struct {
		byFixes bool
		title   string
	}{
		{true, hotspotTitle("lib/adapters/fetch.js", 8, 6, 50, true, "")},
		{false, hotspotTitle("lib/adapters/fetch.js", 12, 1, 50, false, "")},
	} {
		if got := FixDriven(finding.Finding{Kind: finding.KindHotspot, Title: tc.title}); got != tc.byFixes {
			t.Errorf("FixDriven(%q) = %v", tc.title, got)
		}
	}
}

// The counts say which commits they counted, by date: read at the tip
// weeks later, or kept after the file cooled off, "recent" would mislead
// (quality: cli command_parse.go's 4 fixes counted up to 6ce476e,
// 2026-04-13, while the tip's last 50 commits hold none).
func TestHotspotSaysWhenItsCommitsWereMade(t *testing.T) {
	w := touches(20, every("svc/merge.go", func(i int) bool { return i%4 == 0 }),
		func(i int) string {
			if i%4 != 0 {
				return fmt.Sprintf("add feature %d", i)
			}
			return fmt.Sprintf("fix merge bug %d", i)
		})
	start := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	for i := range w {
		w[i].Commit.Time = start.Add(time.Duration(i) * 24 * time.Hour)
	}
	got := withoutFiller(Detect(w, Options{}))
	if len(got) != 1 {
		t.Fatalf("got %+v", got)
	}
	if want := "Refactor svc/merge.go, changed by 5 fixes in 20 commits to 2026-01-21"; got[0].Title != want {
		t.Errorf("title %q, want %q", got[0].Title, want)
	}
	if want := "changed in 5 of 20 commits made from 2026-01-02 to 2026-01-21, 5 by fixes or reverts"; got[0].Items[0] != want {
		t.Errorf("counts %q, want %q", got[0].Items[0], want)
	}
}

// A fix counts for the files it changes code in, not for those where it
// only reflows lines or edits comments (pyparsing-dev/pyparsing's
// common.py counted four fixes; two were these). In Python a statement
// moved out of its block is code.
func TestFixThatOnlyReflowsIsNoFixThere(t *testing.T) {
	for _, tc := range []struct {
		name, subject, path string
		hunk                string
		fix                 bool
	}{
		{"a reflow (9b728b8)", "fix: revert unrelated as_datetime formatting changes", "pyparsing/common.py", difftest.Hunk(204, 204,
			"     integer = (", "         Word(nums)", `         .set_name("integer")`,
			"-        .set_parse_action(convert_to_integer if PY_310_OR_LATER else token_map(int))",
			"+        .set_parse_action(", "+            convert_to_integer", "+            if PY_310_OR_LATER", "+            else token_map(int)", "+        )",
			"     )"), false},
		{"comments dropped (4f52ba7)", `Revert "mypy cleanup for lambda usages"`, "pyparsing/common.py", difftest.Hunk(207, 207,
			"         .set_parse_action(", "             convert_to_integer", "             if PY_310_OR_LATER",
			"-            else lambda t: [int(tt) for tt in t]  # type: ignore[misc]", "+            else lambda t: [int(tt) for tt in t]", "         )"), false},
		{"a statement out of its block", "Fix the early return", "pkg/calc.py", difftest.Hunk(10, 10,
			"     if x:", "         y = 1", "-        return y", "+    return y"), true},
		{"code changed", "Fix the early return", "pkg/calc.py", difftest.Hunk(10, 10,
			"     if x:", "-        return y", "+        return y + 1"), true},
		{"a Go comment reworded", "Fix division by zero", "calc/div.go", difftest.Hunk(3, 3,
			"-// Div divides a by b, panics on zero", "+// Div divides a by b; it panics on zero", " func Div(a, b int) int {"), false},
		{"a check moved below another (adhocore/gronx 8aee396)", "fix: 0 is forbidden for day", "checker.go", difftest.Hunk(81, 81,
			" \t\treturn false, err", " \t}", " ",
			"-\tif !isWeekDay && (val == 0 || nval == 0) {", "-\t\treturn nval == 0 && val == 0, nil", "-\t}", "-",
			" \tif nval < bounds[0] || nval > bounds[1] {", " \t\treturn false, fmt.Errorf(\"out of bounds\")", " \t}", " ",
			"+\tif !isWeekDay && (val == 0 || nval == 0) {", "+\t\treturn nval == 0 && val == 0, nil", "+\t}", "+",
			" \treturn nval == val"), true},
		{"a string's text is code", "Fix the error message", "calc/div.go", difftest.Hunk(3, 3,
			`-	return errors.New("divison by zero")`, `+	return errors.New("division by zero")`), true},
	} {
		commits := difftest.Commits(t, difftest.CommitID+"\n"+difftest.Modified(tc.path, tc.path, tc.hunk))
		c := analyze.Commit{Hash: difftest.CommitID, Parents: []string{difftest.CommitID}, Subject: tc.subject}
		touch := TouchOf(c, &commits[0])
		if !touch.Fix || !slices.Equal(touch.Paths, []string{tc.path}) {
			t.Fatalf("%s: touch %+v, want a fix of %s", tc.name, touch, tc.path)
		}
		if got := fixes(touch, tc.path); got != tc.fix {
			t.Errorf("%s: a fix of %s = %v, want %v", tc.name, tc.path, got, tc.fix)
		}
	}
}

// A window that changes three files of code or fewer is the whole
// project's code: zeux/pugixml's pugixml.cpp beside pugixml.hpp, chalk/
// supports-color's index.js beside browser.js and index.d.ts (round 74).
// The same fixes beside a fourth file make a hotspot.
func TestFewFilesOfCodeMakeNoHotspot(t *testing.T) {
	window := touches(20, func(i int) []string {
		switch i % 4 {
		case 0:
			return []string{"src/pugixml.cpp"}
		case 1:
			return []string{"src/pugixml.hpp"}
		case 2:
			return []string{"src/pugixml.cpp", "src/pugixml.hpp"}
		}
		return []string{"scripts/archive.py"}
	}, func(i int) string {
		if i%4 == 3 {
			return fmt.Sprintf("Update archive script %d", i)
		}
		return fmt.Sprintf("Fix parsing of case %d", i)
	})
	if got := Detect(window, Options{}); len(got) != 0 {
		t.Errorf("three files: %+v", got)
	}
	window[3].Paths = append(window[3].Paths, "src/extra.cpp")
	if got := Detect(window, Options{}); len(got) == 0 || got[0].Evidence.Path != "src/pugixml.cpp" {
		t.Errorf("four files: %+v", got)
	}
}

// A file that more than half the commits changing code change is the
// project's core, where its fixes land as everything does (spf13/pflag's
// flag.go: 23 of the 36 commits of the window that changed code, 6 of them
// fixes; round 79). The same file among more commits that change other
// code stands out by its fixes.
func TestCoreOfMostCommitsIsNoHotspotByFixes(t *testing.T) {
	window := func(n int) []analyze.FileTouch {
		return touches(n, func(i int) []string {
			if i < 23 {
				return []string{"flag.go"}
			}
			return []string{fmt.Sprintf("other%d.go", i%5)}
		}, func(i int) string {
			if i < 6 {
				return fmt.Sprintf("fix: handle case %d", i)
			}
			return fmt.Sprintf("add option %d", i)
		})
	}
	if got := Detect(window(36), Options{MinChanges: 100}); len(got) != 0 {
		t.Errorf("23 of 36 commits: %+v", got)
	}
	if got := Detect(window(50), Options{MinChanges: 100}); len(got) != 1 || got[0].Evidence.Path != "flag.go" {
		t.Errorf("23 of 50 commits: %+v", got)
	}
}

// A file's fixes a year older than the window's last commit make no
// hotspot, however recent its other changes (jmoiron/sqlx's named.go: five
// fixes of 2020-21, a window to 2024 kept warm by a CI commit's one-line
// edit; round 80). A hotspot by its fixes cites its newest fix.
func TestFixesLongPastMakeNoHotspot(t *testing.T) {
	start := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	window := func(lastEdit time.Time) []analyze.FileTouch {
		w := touches(20, every("named.go", func(i int) bool { return i < 5 || i == 19 }), func(i int) string {
			if i < 5 {
				return fmt.Sprintf("fix: bind named query %d", i)
			}
			return fmt.Sprintf("Introduce CircleCI %d", i)
		})
		for i := range w {
			w[i].Commit.Time = start.Add(time.Duration(i) * 24 * time.Hour)
		}
		w[19].Commit.Time = lastEdit
		return w
	}
	if got := withoutFiller(Detect(window(time.Date(2024, 4, 15, 0, 0, 0, 0, time.UTC)), Options{})); len(got) != 0 {
		t.Errorf("fixes of 2020 in a window to 2024: %+v", got)
	}
	got := withoutFiller(Detect(window(time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)), Options{}))
	if len(got) != 1 || got[0].Evidence.Commit != hash(4) {
		t.Errorf("fixes within the year: %+v, want named.go citing its newest fix %s", got, hash(4))
	}
}

// The window's dates are its oldest and newest commits', whatever order
// the analysis took them in: a merged branch's commits come last, and
// lark's window said "to 2026-05-21" while its newest commit was of
// 2026-08-13 (round 81, wrong).
func TestWindowSpanIsByDate(t *testing.T) {
	w := touches(3, every("a.go", firstN(3)), nil)
	for i, d := range []string{"2026-07-19", "2026-08-13", "2026-05-21"} {
		w[i].Commit.Time, _ = time.Parse(time.DateOnly, d)
	}
	if got := windowSpan(w); got.long != " made from 2026-05-21 to 2026-08-13" || got.short != " to 2026-08-13" {
		t.Errorf("span %+v", got)
	}
}

// A window where many files have their fixes makes hotspots of the three
// with the most, the most recently fixed first on a tie (jedib0t/go-pretty:
// ten files of four to seven fixes each in one window; round 85).
func TestManyFilesOfFixesMakeThreeHotspots(t *testing.T) {
	// Commit i touches file i%6 and a filler; the first 6*k commits are
	// fixes, so files 0..5 get 5 fixes each; file 0 and 1 get two more.
	window := touches(50, func(i int) []string {
		paths := []string{fmt.Sprintf("other%d.go", i%7), fmt.Sprintf("f%d.go", i%6)}
		if i == 40 || i == 41 {
			paths = append(paths, "f0.go", "f1.go")
		}
		return paths
	}, func(i int) string {
		if i < 30 || i == 40 || i == 41 {
			return fmt.Sprintf("fix: case %d", i)
		}
		return fmt.Sprintf("add option %d", i)
	})
	var got []string
	for _, f := range Detect(window, Options{MinChanges: 100}) {
		got = append(got, f.Evidence.Path)
	}
	// f0 and f1 have 7 fixes; of the files with 5, f5's newest fix (29)
	// is the most recent.
	if want := []string{"f0.go", "f1.go", "f5.go"}; !reflect.DeepEqual(got, want) {
		t.Errorf("hotspots %q, want %q", got, want)
	}
}

// gorilla/websocket's server.go had "5 fixes in 50 commits" (round 118,
// wrong): one fix applied twice (re-applied after a rollback) and two
// reverts of the whole repository among them. Here five fix commits, one
// a second application, are four fixes.
func TestFixesCountedOnce(t *testing.T) {
	subjects := map[int]string{
		3:  "Fixes subprotocol selection",
		10: "fix: don't use errors.ErrUnsupported, it's available only since go1.21",
		20: "fix: don't use errors.ErrUnsupported, it's available only since go1.21",
		30: "Fix the close handshake",
		40: "Fix the read deadline",
	}
	w := touches(50, every("server.go", func(i int) bool { _, ok := subjects[i]; return ok }), func(i int) string {
		if s, ok := subjects[i]; ok {
			return s
		}
		return fmt.Sprintf("change %d", i)
	})
	found := withoutFiller(Detect(w, Options{}))
	if len(found) != 1 || !strings.Contains(found[0].Title, "4 fixes") {
		t.Fatalf("found %+v, want server.go with 4 fixes", found)
	}
	marked := 0
	for _, it := range found[0].Items {
		if strings.HasSuffix(it, "(fix)") {
			marked++
		}
	}
	if marked != 4 {
		t.Errorf("%d items marked as fixes, want 4: %q", marked, found[0].Items)
	}

	// A revert of fifty files fixes none of them in particular.
	var diffs []string
	for i := range 50 {
		p := fmt.Sprintf("pkg%d/file.go", i)
		diffs = append(diffs, difftest.Modified(p, p, difftest.Hunk(3, 3, "-\treturn 1", "+\treturn 2")))
	}
	commits := difftest.Commits(t, difftest.CommitID+"\n"+strings.Join(diffs, ""))
	c := analyze.Commit{Hash: difftest.CommitID, Parents: []string{difftest.CommitID}, Subject: "Reverts to v1.5.0"}
	if touch := TouchOf(c, &commits[0]); touch.Fix || len(touch.Paths) != 50 {
		t.Errorf("a revert of 50 files: fix %v, %d paths; want no fix, 50 paths", touch.Fix, len(touch.Paths))
	}
	c.Subject = "Revert the close handshake"
	commits = difftest.Commits(t, difftest.CommitID+"\n"+strings.Join(diffs[:2], ""))
	if touch := TouchOf(c, &commits[0]); !touch.Fix {
		t.Errorf("a revert of two files is a fix")
	}
}
