package main

import (
	"slices"
	"strings"
	"testing"
)

func TestDuplicateTitlesCountsAllButTheFirst(t *testing.T) {
	ds := []Draft{
		draft(5, "dependency:b/go.mod:x", "Review the new dependency x"),
		draft(2, "dependency:a/go.mod:x", "Review the new  Dependency x"),
		draft(9, "dependency:c/go.mod:x", "review the new dependency x"),
		draft(3, "todo:a.go:1", "Fix a"),
	}
	got := DuplicateTitles(ds)
	if len(got) != 2 || !got[5] || !got[9] || got[2] {
		t.Errorf("duplicates %v, want drafts 5 and 9 (2 is the first of its title)", got)
	}
}

func TestStaleWhenEveryEvidencePathIsGoneAtEveryTip(t *testing.T) {
	files := map[string]string{"main:kept.go": "blob", "dev:moved.go": "blob", "main:src/now.py": "blob", "main:docs": "tree"}
	objectType := func(tip, path string) string { return files[tip+":"+path] }
	ds := []Draft{
		draft(1, "todo:kept.go:1", "a", Evidence{Path: "kept.go"}),
		draft(2, "todo:gone.go:1", "b", Evidence{Path: "gone.go"}),
		draft(3, "todo:moved.go:1", "c", Evidence{Path: "moved.go"}),                          // on another branch
		draft(4, "todo:gone.go:2", "d", Evidence{Path: "gone.go"}, Evidence{Path: "kept.go"}), // one place left
		draft(5, "hotspot:x", "e"),                                                            // no evidence: cannot tell
		// Carried along a rename (pytest 03da9f0 renamed python_api.py to
		// approx.py): the evidence keeps the old path at its commit, the
		// fingerprint names the file as it is now.
		draft(6, "todo:src/now.py:0c69", "f", Evidence{Path: "src/was.py"}),
		draft(7, "untested:src/now.py", "g", Evidence{Path: "src/was.py"}),
		// A dependency's fingerprint names a package, not a file: a folder
		// of that name keeps nothing alive.
		draft(8, "dependency:docs:v2", "h", Evidence{Path: "doc/requirements.txt"}),
	}
	got := staleIDs(ds, []string{"main", "dev"}, objectType)
	if len(got) != 2 || !got["todo:gone.go:1"] || !got["dependency:docs:v2"] {
		t.Errorf("stale %v, want only drafts 2 and 8", got)
	}

	// A finding carried to the file that holds it today says so: psf/black
	// b41acd6 folded test_requirements.txt into pyproject.toml, and the
	// digest's line for pytest reads "; now `pyproject.toml`". The file
	// it names now must be a file at a tip.
	digest := Draft{ID: 9, Digest: true, Fingerprint: "digest:maintenance",
		Body: "- [ ] Review the new dependency pytest: [`test_requirements.txt#L4`](https://x), in ae17c61; now `src/now.py` <!-- ticket-master:item=dependency:pytest:v8 -->\n" +
			"- [ ] Review the new dependency tox: [`test_requirements.txt#L5`](https://x), in ae17c61; now `docs` <!-- ticket-master:item=dependency:tox:v4 -->\n",
		Fingerprints: []string{"digest:maintenance", "dependency:pytest:v8", "dependency:tox:v4"},
		Evidence:     []Evidence{{Path: "test_requirements.txt", Commit: "ae17c61"}, {Path: "test_requirements.txt", Commit: "ae17c61"}}}
	footer := draft(10, "dependency:flask:v3", "Review the new dependency Flask", Evidence{Path: "requirements.txt"})
	footer.Body = "Found in ae17c61; the file is now `src/now.py`."
	got = staleIDs(append(digest.Items(), footer), []string{"main", "dev"}, objectType)
	if len(got) != 1 || !got["dependency:tox:v4"] {
		t.Errorf("stale %v, want only tox (carried to a folder, which is no file)", got)
	}
}

func TestFingerprintPaths(t *testing.T) {
	for _, c := range []struct {
		fingerprint string
		want        []string
	}{
		{"untested:lib/adapters/fetch.js", []string{"lib/adapters/fetch.js"}},
		{"todo:src/_pytest/approx.py:0c69136212a0", []string{"src/_pytest/approx.py", "src/_pytest/approx.py:0c69136212a0"}},
		{"secret:tests/k.key:private-key:2f69", []string{"tests/k.key", "tests/k.key:private-key", "tests/k.key:private-key:2f69"}},
		{"digest", nil},
		{"todo:", nil},
	} {
		if got := fingerprintPaths(c.fingerprint); !slices.Equal(got, c.want) {
			t.Errorf("fingerprintPaths(%q) = %q, want %q", c.fingerprint, got, c.want)
		}
	}
}

func TestMeasureRowsPerDetector(t *testing.T) {
	todoA := draft(1, "todo:a.go:1", "Fix a", Evidence{Path: "a.go", Commit: "c1", Excerpt: "// TODO a"})
	todoB := draft(2, "todo:b.go:1", "Fix b", Evidence{Path: "b.go", Commit: "c1", Excerpt: "// TODO b"})
	dep1 := draft(3, "dependency:go.mod:x", "Review x", Evidence{Path: "go.mod", Commit: "c2", Excerpt: "x v2"})
	dep2 := draft(4, "dependency:tools/go.mod:x", "Review x", Evidence{Path: "tools/go.mod", Commit: "c2", Excerpt: "x v2"})
	changed := label(todoB, "o/r", Noise)
	changed.BodySHA = "000000000000"
	set := NewLabelSet([]Label{label(todoA, "o/r", Useful), changed, label(dep1, "o/r", Wrong)})
	run := Run{Repo: "o/r", Commits: 20, Drafts: []Draft{todoA, todoB, dep1, dep2},
		Stale:   map[string]bool{"dependency:tools/go.mod:x": true},
		Waiting: []Draft{draft(10, "hotspot:x:1", "Review x"), draft(11, "todo:c.go:1", "Fix c")}}

	rows, total, unmatched := Measure(run, set)
	if len(unmatched) != 0 {
		t.Errorf("unmatched %v", unmatched)
	}
	if len(rows) != 3 || rows[0].Detector != "dependency" || rows[1].Detector != "hotspot" || rows[2].Detector != "todo" {
		t.Fatalf("rows %+v: want dependency, hotspot (waiting only), todo", rows)
	}
	dep, hot, todo := rows[0], rows[1], rows[2]
	if dep.Drafts != 2 || dep.Stale != 1 || dep.Dups != 1 || dep.Judged != 1 || dep.Verdicts[Wrong] != 1 {
		t.Errorf("dependency row %+v", dep)
	}
	if hot.Drafts != 0 || hot.Waiting != 1 {
		t.Errorf("hotspot row %+v", hot)
	}
	if todo.Drafts != 2 || todo.Judged != 2 || todo.Changed != 1 || todo.Share(Useful) != 0.5 || todo.Waiting != 1 {
		t.Errorf("todo row %+v", todo)
	}
	if total.Drafts != 4 || total.PerHundred() != 20 || total.Waiting != 2 || total.Stale != 1 || total.Judged != 3 {
		t.Errorf("total %+v", total)
	}

	// A binary without the draft budget lists nothing waiting: not measured.
	run.Waiting = nil
	rows, total, _ = Measure(run, set)
	if total.Waiting != -1 || rows[0].Waiting != -1 {
		t.Errorf("waiting without --waiting: %d %d, want -1 (not measured)", total.Waiting, rows[0].Waiting)
	}
}

func TestOverallAddsRepositoriesPerDetector(t *testing.T) {
	a := []Row{{Detector: "todo", Commits: 300, Drafts: 3, Judged: 2, Verdicts: map[string]int{Useful: 2}}}
	b := []Row{
		{Detector: "secret", Commits: 100, Drafts: 1, Waiting: -1, Verdicts: map[string]int{}},
		{Detector: "todo", Commits: 100, Drafts: 1, Judged: 2, Verdicts: map[string]int{Noise: 2}},
	}
	rows, total := Overall([][]Row{a, b}, []Row{
		{Detector: "all", Commits: 300, Drafts: 3, Verdicts: map[string]int{}},
		{Detector: "all", Commits: 100, Drafts: 2, Waiting: -1, Verdicts: map[string]int{}},
	})
	if len(rows) != 2 || rows[0].Detector != "secret" || rows[1].Detector != "todo" {
		t.Fatalf("rows %+v", rows)
	}
	if todo := rows[1]; todo.Drafts != 4 || todo.Commits != 400 || todo.Judged != 4 || todo.Share(Useful) != 0.5 {
		t.Errorf("todo over both %+v", todo)
	}
	if total.Drafts != 5 || total.Commits != 400 || total.Waiting != -1 {
		t.Errorf("total %+v (one repository did not measure waiting: the sum cannot either)", total)
	}
}

func TestReportMarksMissedGoals(t *testing.T) {
	var drafts []Draft
	var labels []Label
	for i := range 12 {
		d := draft(uint64(i+1), "todo:a.go:"+string(rune('a'+i)), "Fix "+string(rune('a'+i)),
			Evidence{Path: "a.go", Commit: "c1", Excerpt: "// TODO " + string(rune('a'+i))})
		drafts = append(drafts, d)
		v := Useful
		if i < 2 {
			v = Noise // 2 of 12: 17% noise, over the 10% goal
		}
		labels = append(labels, label(d, "o/r", v))
	}
	run := Run{Name: "r", Repo: "o/r", Commits: 100, Drafts: drafts, Stale: map[string]bool{},
		Claims: &Claims{Checked: 40, Failed: 1, ByKind: map[string][2]int{"todo": {40, 1}},
			Recent: []ClaimFailure{{Kind: "todo", Path: "a.go", Commit: "c1c1c1c1c1", Reason: "line 9 does not hold the excerpt"}}}}
	run.Timing.Backfill, run.Timing.GitLog = 3e9, 1e9
	var out strings.Builder
	rep := &Report{W: &out, Folder: "/repos", Commits: 100, Labels: NewLabelSet(labels), LabelFile: "labels.jsonl"}
	missed := rep.Write([]Run{run})
	text := out.String()
	for _, want := range []string{
		"3.0x (goal <= 2x) ✗",                    // speed
		"12.0 ✗",                                 // 12 drafts per 100 commits
		"40/1 ✗",                                 // a failed claim
		"a.go  line 9 does not hold the excerpt", // and which
		"83%",                                    // useful, met
		"17% ✗",                                  // noise, missed
		"model's diff review",                    // says llm_review is not measured
		"12 findings judged",                     // the labelled set's size
		"o/r (r): 100 commits",                   // the repository's heading
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	// Overall: speed, per 100 commits, claims (total and todo's), noise.
	if missed != 5 {
		t.Errorf("missed %d goals, want 5:\n%s", missed, text)
	}
}

// The digest is judged by its items, in their detectors' rows: twelve
// repositories' digests are no "too few judged" miss, but a wrong fact in
// an item is.
func TestReportJudgesTheDigestByItsItems(t *testing.T) {
	var runs []Run
	var labels []Label
	for i := range 12 {
		repo := "o/r" + string(rune('a'+i))
		d := Draft{ID: 1, Digest: true, Fingerprint: "digest:maintenance", Title: "Maintenance",
			Body:         "- [ ] Refactor a.go: [`a.go`](https://x), in c1 <!-- ticket-master:item=hotspot:a.go -->\n",
			Fingerprints: []string{"digest:maintenance", "hotspot:a.go"},
			Evidence:     []Evidence{{Path: "a.go", Commit: "c1"}}}
		runs = append(runs, Run{Name: repo, Repo: repo, Commits: 100, Drafts: []Draft{d}, Stale: map[string]bool{}})
		v := Trivial
		if i == 0 {
			v = Wrong
		}
		labels = append(labels, label(d.Items()[0], repo, v))
	}
	var out strings.Builder
	missed := (&Report{W: &out, Labels: NewLabelSet(labels)}).Write(runs)
	text := out.String()
	if !strings.Contains(text, "hotspot     12 of 12: useful 0, trivial 11, noise 0, wrong 1 ✗") {
		t.Errorf("the wrong digest item is not marked:\n%s", text)
	}
	if missed != 1 {
		t.Errorf("missed %d goals, want 1 (the wrong item; the digest's own row has nothing to judge):\n%s", missed, text)
	}
}

func TestReportSaysClaimsAreNotMeasuredYet(t *testing.T) {
	run := Run{Name: "r", Repo: "o/r", Commits: 300, Drafts: []Draft{draft(1, "todo:a:1", "Fix a")}}
	var out strings.Builder
	(&Report{W: &out, Labels: NewLabelSet(nil)}).Write([]Run{run})
	if !strings.Contains(out.String(), "n/a (not measured yet)") {
		t.Errorf("no 'not measured yet' for claims:\n%s", out.String())
	}
}

func TestUnmatchedAreWhatNoLongerReportsAndSaySo(t *testing.T) {
	kept := draft(1, "todo:a.go:1", "Fix a", Evidence{Path: "a.go", Commit: "c1", Excerpt: "// TODO a"})
	waiting := draft(2, "todo:b.go:1", "Fix b", Evidence{Path: "b.go", Commit: "c1", Excerpt: "// TODO b"})
	goneUseful := draft(3, "untested:c.go", "Test c", Evidence{Path: "c.go", Commit: "c2", Excerpt: "func C()"})
	goneNoise := draft(4, "dependency:go.mod:x", "Review x", Evidence{Path: "go.mod", Commit: "c3", Excerpt: "x v2"})
	set := NewLabelSet([]Label{label(kept, "o/r", Useful), label(waiting, "o/r", Useful),
		label(goneUseful, "o/r", Useful), label(goneNoise, "o/r", Noise)})
	run := Run{Name: "r", Repo: "o/r", Commits: 100, Drafts: []Draft{kept}, Waiting: []Draft{waiting}}

	_, _, unmatched := Measure(run, set)
	if len(unmatched) != 2 {
		t.Fatalf("unmatched %+v: want the untested and dependency labels (a waiting finding is still reported)", unmatched)
	}
	g := Gone(unmatched)
	if g["untested"][Useful] != 1 || g["dependency"][Noise] != 1 || len(g) != 2 {
		t.Errorf("Gone = %v", g)
	}

	var out strings.Builder
	(&Report{W: &out, Labels: set, ListUnmatched: true}).Write([]Run{run})
	for _, want := range []string{
		"no longer reported (2 judged findings",
		"untested     1: useful 1, trivial 0, noise 0, wrong 0",
		"dependency   1: useful 0, trivial 0, noise 1, wrong 0",
		"c.go  Test c", // listed with -unmatched
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
