package analyze

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// hash makes the i-th fake commit hash of a test window, distinct in its
// first seven digits as real ones are.
func hash(i int) string { return fmt.Sprintf("%07x", i+1) + strings.Repeat("a", 33) }

// touches builds a window of n commits; each one touches what touch says
// and has the subject subject says.
func touches(n int, touch func(i int) []string, subject func(i int) string) []FileTouch {
	w := make([]FileTouch, n)
	for i := range w {
		s := fmt.Sprintf("change %d", i)
		if subject != nil {
			s = subject(i)
		}
		w[i] = FileTouch{
			Commit: Commit{Hash: hash(i), Subject: s},
			Paths:  touch(i),
			Fix:    fixSubjectRE.MatchString(s),
		}
	}
	return w
}

// every touches p in commits where pick(i) holds, and filler.go in all.
func every(p string, pick func(i int) bool) func(int) []string {
	return func(i int) []string {
		if pick(i) {
			return []string{"filler.go", p}
		}
		return []string{"filler.go"}
	}
}

func firstN(k int) func(int) bool { return func(i int) bool { return i < k } }

// withoutFiller drops the always-touched file most cases use as a backdrop.
func withoutFiller(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Evidence.Path != "filler.go" {
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
		window    []FileTouch
		opts      HotspotOptions
		wantTitle string // "" means no finding for a.go
	}{
		{
			name:      "ten changes in fifty commits",
			window:    touches(50, every("a.go", func(i int) bool { return i%5 == 0 }), nil),
			wantTitle: "Review a.go, changed in 10 of the last 50 commits",
		},
		{
			name:   "nine changes in fifty commits",
			window: touches(50, every("a.go", func(i int) bool { return i%5 == 0 && i > 0 }), nil),
		},
		{
			name:   "ten changes, but under the share",
			window: touches(50, every("a.go", firstN(10)), nil),
			opts:   HotspotOptions{MinShare: 0.3},
		},
		{
			name:      "share test off",
			window:    touches(50, every("a.go", firstN(10)), nil),
			opts:      HotspotOptions{MinShare: -1, MinChanges: 10},
			wantTitle: "Review a.go, changed in 10 of the last 50 commits",
		},
		{
			name:      "a short window counts what it has",
			window:    touches(12, every("a.go", firstN(10)), nil),
			wantTitle: "Review a.go, changed in 10 of the last 12 commits",
		},
		{
			name: "only the last Window commits count",
			// 10 changes, but 5 of them before the last 50 commits.
			window: touches(60, every("a.go", func(i int) bool { return i%6 == 0 }), nil),
		},
		{
			name: "four fixes and reverts",
			window: touches(50, every("a.go", func(i int) bool { return i == 3 || i == 9 || i == 20 || i == 40 }),
				fixOn(map[int]string{3: "fix(merge): empty ranges", 9: `Revert "Add merge cache"`, 20: "Hotfix for the login loop", 40: "Fixes a crash on empty input"})),
			wantTitle: "Refactor a.go, changed by 4 fixes in the last 50 commits",
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
			opts: HotspotOptions{MinFixes: -1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withoutFiller(DetectHotspots(tt.window, tt.opts))
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
			if f.Kind != KindHotspot || !reflect.DeepEqual(f.Labels, []string{"tech-debt"}) || f.Evidence.Path != "a.go" {
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
	got := withoutFiller(DetectHotspots(w, HotspotOptions{WindowID: "w3"}))
	if len(got) != 1 {
		t.Fatalf("got %+v", got)
	}
	f := got[0]
	want := Finding{
		Kind:        KindHotspot,
		Fingerprint: "hotspot:svc/merge.go:w3",
		Text:        "svc/merge.go changed in 4 of the last 20 commits, 4 by fixes or reverts",
		Title:       "Refactor svc/merge.go, changed by 4 fixes in the last 20 commits",
		Labels:      []string{"tech-debt"},
		Items: []string{
			"changed in 4 of the last 20 commits, 4 by fixes or reverts",
			ShortHash(hash(15)) + " fix merge bug 15 (fix)",
			ShortHash(hash(11)) + " fix merge bug 11 (fix)",
			ShortHash(hash(7)) + " fix merge bug 7 (fix)",
			ShortHash(hash(2)) + " fix merge bug 2 (fix)",
		},
		Evidence: Evidence{Path: "svc/merge.go", Commit: hash(15)},
	}
	f.Body = "" // prose, checked below
	if !reflect.DeepEqual(f, want) {
		t.Errorf("got  %+v\nwant %+v", f, want)
	}
}

// The window id keeps the fingerprint stable while the window slides within
// one block, so the store sees one finding and drafts it once; the next
// block gives a new fingerprint.
func TestHotspotFingerprintPerWindow(t *testing.T) {
	hot := every("a.go", func(i int) bool { return i%2 == 0 })
	all := touches(80, hot, nil)
	fp := func(end int, id string) string {
		t.Helper()
		fs := withoutFiller(DetectHotspots(all[max(0, end-50):end], HotspotOptions{WindowID: id}))
		if len(fs) != 1 {
			t.Fatalf("window ending at %d: %+v", end, fs)
		}
		return fs[0].Fingerprint
	}
	// Commits 50..99 form block 1: its id is the short hash of commit 50.
	a, b := fp(60, ShortHash(hash(50))), fp(70, ShortHash(hash(50)))
	if a != b || a != "hotspot:a.go:"+ShortHash(hash(50)) {
		t.Errorf("same block: %q and %q", a, b)
	}
	if c := fp(50, ShortHash(hash(0))); c == a {
		t.Errorf("the previous block has the same fingerprint %q", c)
	}
	// Without an id, the first commit of the window names it.
	if got, want := fp(50, ""), "hotspot:a.go:"+ShortHash(hash(0)); got != want {
		t.Errorf("default id: %q, want %q", got, want)
	}
}

func TestHotspotRenamesAndDeletions(t *testing.T) {
	w := touches(30, every("old.go", firstN(10)), nil)
	w[10].Moved = map[string]string{"old.go": "new.go"}
	w[10].Paths = append(w[10].Paths, "new.go")
	fs := withoutFiller(DetectHotspots(w, HotspotOptions{}))
	if len(fs) != 1 || fs[0].Evidence.Path != "new.go" || !strings.Contains(fs[0].Title, "11 of the last 30") {
		t.Fatalf("rename: %+v", fs)
	}
	w[20].Moved = map[string]string{"new.go": ""}
	if fs := withoutFiller(DetectHotspots(w, HotspotOptions{})); len(fs) != 0 {
		t.Fatalf("a deleted file is a hotspot: %+v", fs)
	}
}

func TestHotspotTitleLength(t *testing.T) {
	long := "internal/some/deeply/nested/package/with_a_rather_long_file_name_for_a_title.go"
	for _, byFixes := range []bool{false, true} {
		title := hotspotTitle(long, 14, 6, 50, byFixes)
		if n := utf8.RuneCountInString(title); n >= 80 {
			t.Errorf("title %q is %d characters", title, n)
		}
	}
	if got := hotspotTitle("internal/sync/merge.go", 14, 6, 50, true); got != "Refactor internal/sync/merge.go, changed by 6 fixes in the last 50 commits" {
		t.Errorf("title = %q", got)
	}
	if got := hotspotTitle("pkg/"+strings.Repeat("x", 100)+".go", 14, 6, 50, false); utf8.RuneCountInString(got) >= 80 || !strings.HasPrefix(got, "Review xxx") || !strings.Contains(got, "…") {
		t.Errorf("cut title = %q", got)
	}
}

func TestTouchOf(t *testing.T) {
	text := id1 + "\n" +
		addedFileText("a.go", "package a") +
		addedFileText("vendor/x/x.go", "package x") +
		addedFileText("go.sum", "x v1 h1:abc") +
		addedFileText("go.mod", "module m") +
		addedFileText("README.md", "# hi") +
		addedFileText("docs/guide.go", "package docs") +
		addedFileText("CHANGELOG", "v1") +
		addedFileText("api.pb.go", "package api") +
		addedFileText("kind_string.go", "// Code generated by \"stringer -type=Kind\"; DO NOT EDIT.", "", "package a") +
		modifiedFileText("b.go", "c.go", hunkText(1, 1, " package b", "+// more")) +
		modifiedFileText("e.go", "vendor/e.go", hunkText(1, 1, " package e")) +
		deletedFileText("d.go", "package d") +
		fmt.Sprintf("diff --git a/img.png b/img.png\nnew file mode 100644\nBinary files /dev/null and b/img.png differ\n")
	commits, _, err := readAllDiffs(t, text, DiffLimits{})
	if err != nil || len(commits) != 1 {
		t.Fatalf("parse: %v %+v", err, commits)
	}
	c := Commit{Hash: id1, Parents: []string{id2}, Subject: `Revert "Add the cache"`}
	got := TouchOf(c, &commits[0])
	want := FileTouch{
		Commit: c,
		Paths:  []string{"a.go", "c.go"},
		Fix:    true,
		Moved:  map[string]string{"b.go": "c.go", "e.go": "", "d.go": ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}

	merge := Commit{Hash: id1, Parents: []string{id2, id3}, Subject: "Merge branch 'fix-things'"}
	if got := TouchOf(merge, &commits[0]); len(got.Paths) != 0 || got.Moved != nil {
		t.Errorf("merge commit touches %+v", got)
	}
}

func TestFixSubject(t *testing.T) {
	for subject, want := range map[string]bool{
		"Fix the parser":             true,
		"fix(parser): empty input":   true,
		"fixes #12":                  true,
		"Fixed a race":               true,
		"bugfix: overflow":           true,
		"BUG: off by one":            true,
		`Revert "Add the cache"`:     true,
		"Reverted the flag":          true,
		"hotfix login":               true,
		"Add a regression test":      true,
		"Add prefix matching":        false,
		"debug output":               false,
		"Update fixtures":            false,
		"Add a suffix to every name": false,
		"fixup! Add cache":           false,
	} {
		if got := fixSubjectRE.MatchString(subject); got != want {
			t.Errorf("%q: fix = %v, want %v", subject, got, want)
		}
	}
}

// Files TouchOf leaves out never become hotspots, however often they change.
func TestHotspotsFromDiffs(t *testing.T) {
	var text strings.Builder
	var commits []Commit
	for i := range 12 {
		c := Commit{Hash: hash(i), Parents: []string{hash(i + 100)}, Subject: fmt.Sprintf("fix %d", i)}
		commits = append(commits, c)
		text.WriteString(c.Hash + "\n")
		for _, p := range []string{"go.sum", "vendor/lib/lib.go", "yarn.lock", "docs/index.md", "svc/a.go"} {
			text.WriteString(modifiedFileText(p, p, hunkText(i+1, i+1, fmt.Sprintf("+line %d", i))))
		}
	}
	diffs, _, err := readAllDiffs(t, text.String(), DiffLimits{})
	if err != nil || len(diffs) != len(commits) {
		t.Fatalf("parse: %v, %d diffs", err, len(diffs))
	}
	var window []FileTouch
	for i, c := range commits {
		window = append(window, TouchOf(c, &diffs[i]))
	}
	got := DetectHotspots(window, HotspotOptions{})
	if len(got) != 1 || got[0].Evidence.Path != "svc/a.go" || got[0].Evidence.Commit != hash(11) {
		t.Fatalf("got %+v, want svc/a.go alone", got)
	}
}
