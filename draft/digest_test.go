package draft

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/draft/checklist"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

// The digest's hidden markers are its items' fingerprints exactly, even
// when a fingerprint holds what Neutralize would break ("@eslint/..."
// from eslint 542cb3e, "#12"): a marker that differs from its fingerprint
// names another item when the published digest is updated. And a title
// from git neither renders markup nor mentions anyone.
func TestDigestMarkersAreTheFingerprints(t *testing.T) {
	items := []store.Finding{
		{Status: store.FindingOpen, Finding: finding.Finding{Fingerprint: "dependency:@eslint/plugin-kit:v0.7", Kind: finding.KindDependency,
			Title: "Review the upgrade of @eslint/plugin-kit to 0.7", Evidence: finding.Evidence{Path: "package.json", Commit: "542cb3e0"}}},
		{Status: store.FindingOpen, Finding: finding.Finding{Fingerprint: "todo:a.go:see #12 [x](//h)", Kind: finding.KindTODO, Word: "TODO",
			Text: "see #12 and [x](//host/x) <img src=y>", Evidence: finding.Evidence{Path: "a.go", Line: 3, Commit: "0123456789"}}},
	}
	is := Digest(ghrepo.Repo{Owner: "acme", Name: "gadgets"}, "digest:maintenance", items)
	got := checklist.Parse(is.Body)
	if len(got) != len(items) {
		t.Fatalf("parsed %d items, want %d:\n%s", len(got), len(items), is.Body)
	}
	for i, it := range got {
		if it.Key != items[i].Fingerprint {
			t.Errorf("item %d has marker %q, want the fingerprint %q", i, it.Key, items[i].Fingerprint)
		}
	}
	body, _ := strings.CutSuffix(is.Body, Marker("digest:maintenance"))
	// The markers are HTML comments, which GitHub does not render.
	body = regexp.MustCompile(`<!-- ticket-master:item=.*? -->`).ReplaceAllString(body, "")
	if why := mentionOrRefInRendered(t, body); why != "" {
		t.Errorf("the digest renders a %s", why)
	}
	if why := liveMarkup(t, body, func(href string) bool {
		return strings.HasPrefix(href, "https://github.com/acme/gadgets/blob/")
	}); why != "" {
		t.Errorf("markup from git is live in the digest: %s", why)
	}
}

// A finding carried along a rename keeps its evidence (true of its
// commit) and says the name the file has now, in a draft and in the
// digest: pytest's TODO in src/_pytest/python_api.py, cited at c95e8a7,
// lives in src/_pytest/approx.py since 03da9f0.
func TestRenamedFileIsNamedAsItIsNow(t *testing.T) {
	f := store.Finding{Status: store.FindingOpen, Path: "src/_pytest/approx.py", Finding: finding.Finding{
		Fingerprint: "todo:src/_pytest/approx.py:x", Kind: finding.KindTODO, Word: "TODO", Text: "handle complex numbers here",
		Evidence: finding.Evidence{Path: "src/_pytest/python_api.py", Line: 7, Commit: "c95e8a7aaaa"}}}
	repo := ghrepo.Repo{Owner: "pytest-dev", Name: "pytest"}
	is := Template(repo, f)
	for _, want := range []string{
		"comment in `src/_pytest/approx.py` asks",
		"blob/c95e8a7aaaa/src/_pytest/python_api.py#L7",
		"; the file is now `src/_pytest/approx.py`.",
	} {
		if !strings.Contains(is.Body, want) {
			t.Errorf("draft lacks %q:\n%s", want, is.Body)
		}
	}
	d := Digest(repo, "digest:maintenance", []store.Finding{f})
	if !strings.Contains(d.Body, "python_api.py#L7), in c95e8a7; now `src/_pytest/approx.py`") {
		t.Errorf("digest line does not say the name now:\n%s", d.Body)
	}
}

// TestDigestLinesRewritesAsFresh: one DigestLines used for digest after
// digest, as the draft queue does over a batch (items added, one resolved,
// one retitled), writes what a fresh Digest writes each time.
func TestDigestLinesRewritesAsFresh(t *testing.T) {
	repo := ghrepo.Repo{Owner: "acme", Name: "gadgets"}
	todo := func(fp, text string, line int) store.Finding {
		return store.Finding{Status: store.FindingOpen, Finding: finding.Finding{Fingerprint: fp, Kind: finding.KindTODO, Word: "TODO",
			Text: text, Evidence: finding.Evidence{Path: "a.go", Line: line, Commit: "0123456789"}}}
	}
	a, b := todo("todo:a.go:1", "mention @someone here", 3), todo("todo:a.go:2", "see #12", 9)
	resolved := b
	resolved.Status, resolved.ResolvedBy = store.FindingResolved, "abcdef0123"
	retitled := a
	retitled.Text = "mention @someone else"
	var lines DigestLines
	for i, items := range [][]store.Finding{{a}, {a, b}, {a, resolved}, {retitled, resolved}, {a, b}} {
		got := lines.Digest(repo, "digest:maintenance", items)
		want := Digest(repo, "digest:maintenance", items)
		if got.Body != want.Body || got.Title != want.Title || strings.Join(got.Labels, ",") != strings.Join(want.Labels, ",") {
			t.Errorf("digest %d with kept lines:\n%s\nfresh:\n%s", i, got.Body, want.Body)
		}
	}
	if len(lines.neutral) != 3 {
		t.Errorf("kept %d distinct lines, want 3", len(lines.neutral))
	}
}

// A hotspot is counted over the commits analysed in turn up to its commit,
// which need not touch the file and whose git log is not what was counted
// (quality: cli command_parse.go "as of 6ce476e" counted 4 fixes where
// git log -50 6ce476e holds 2): its line names no commit; a TODO's does.
func TestDigestLineOfARollingFinding(t *testing.T) {
	repo := ghrepo.Repo{Owner: "axios", Name: "axios"}
	hot := store.Finding{Status: store.FindingOpen, Finding: finding.Finding{Fingerprint: "hotspot:lib/adapters/fetch.js", Kind: finding.KindHotspot,
		Title: "Refactor lib/adapters/fetch.js, changed by 6 fixes in 50 recent commits", Evidence: finding.Evidence{Path: "lib/adapters/fetch.js", Commit: "e62099b0"}}}
	todo := store.Finding{Status: store.FindingOpen, Finding: finding.Finding{Fingerprint: "todo:a.go:x", Kind: finding.KindTODO, Word: "TODO",
		Text: "close the body on error", Evidence: finding.Evidence{Path: "a.go", Line: 3, Commit: "0123456789"}}}
	body := Digest(repo, "digest:maintenance", []store.Finding{hot, todo}).Body
	for _, want := range []string{"/lib/adapters/fetch.js) <!--", "/a.go#L3), in 0123456"} {
		if !strings.Contains(body, want) {
			t.Errorf("digest lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "e62099b)") || strings.Contains(body, "as of") {
		t.Errorf("the hotspot line names its commit:\n%s", body)
	}
}

// The same note in two files of one commit (chalk 6e0df05: "Remove these
// aliases in the next major version" in index.js and index.d.ts), or in
// files of several commits, is one line of the digest naming every place;
// the line is done when every place is. Another note stays a line of its
// own.
func TestDigestLineSaysTheSameOnce(t *testing.T) {
	repo := ghrepo.Repo{Owner: "chalk", Name: "chalk"}
	note := func(fp, path, text, commit string) store.Finding {
		return store.Finding{Status: store.FindingOpen, Finding: finding.Finding{Fingerprint: fp, Kind: finding.KindTODO, Word: "TODO",
			Text: text, Evidence: finding.Evidence{Path: path, Line: 3, Commit: commit}}}
	}
	items := []store.Finding{
		note("todo:source/index.d.ts:1", "source/index.d.ts", "Remove these aliases in the next major version", "6e0df05aa"),
		note("todo:source/index.js:1", "source/index.js", "Remove these  aliases in the next major version", "6e0df05aa"),
		note("todo:source/vendor.js:1", "source/vendor.js", "Remove these aliases in the next major version", "1111111aa"),
		note("todo:source/other.js:1", "source/other.js", "Cache the level", "6e0df05aa"),
	}
	got := checklist.Parse(Digest(repo, "digest:maintenance", items).Body)
	if len(got) != 2 || got[0].Key != "todo:source/index.d.ts:1" || got[1].Key != "todo:source/other.js:1" {
		t.Fatalf("items %+v, want the same note once and the other note", got)
	}
	for _, want := range []string{"; also at [`source/index.js#L3`](https://github.com/chalk/chalk/blob/6e0df05aa/source/index.js#L3), [`source/vendor.js#L3`](https://github.com/chalk/chalk/blob/1111111aa/source/vendor.js#L3)"} {
		if !strings.Contains(got[0].Text, want) {
			t.Errorf("line %q lacks %q", got[0].Text, want)
		}
	}
	items[0].Status = store.FindingResolved
	if got := checklist.Parse(Digest(repo, "digest:maintenance", items).Body); got[0].Done {
		t.Errorf("a line is done while two of its places are open: %+v", got[0])
	}
	for i := range 3 {
		items[i].Status = store.FindingResolved
	}
	if got := checklist.Parse(Digest(repo, "digest:maintenance", items).Body); !got[0].Done || got[1].Done {
		t.Errorf("done lines %+v, want the first only", got)
	}
	many := []store.Finding{}
	for i := range 6 {
		many = append(many, note(fmt.Sprintf("todo:f%d.go:1", i), fmt.Sprintf("f%d.go", i), "Remove after minimum Go version is >=1.22", "abcdef0"))
	}
	if got := checklist.Parse(Digest(repo, "digest:maintenance", many).Body); len(got) != 1 || !strings.Contains(got[0].Text, "`f3.go#L3`") ||
		strings.Contains(got[0].Text, "`f4.go") || !strings.Contains(got[0].Text, " and 2 more") {
		t.Errorf("six places: %+v", got)
	}
}

// Two notes say the same whatever their case, spacing and closing
// punctuation: hyperium/h2 0189722 wrote "proper error handling" thirteen
// times and once "proper error handling?" (round 125).
func TestSameTextKey(t *testing.T) {
	note := func(text string) store.Finding {
		return store.Finding{Finding: finding.Finding{Kind: finding.KindTODO, Word: "TODO", Text: text}}
	}
	same := SameTextKey(note("proper error handling"))
	for _, text := range []string{"Proper error handling?", "proper  error handling.", "PROPER ERROR HANDLING"} {
		if got := SameTextKey(note(text)); got != same {
			t.Errorf("SameTextKey(%q) = %q, want %q", text, got, same)
		}
	}
	for _, text := range []string{"proper error handling here", "improper error handling"} {
		if SameTextKey(note(text)) == same {
			t.Errorf("SameTextKey(%q) is that of another note", text)
		}
	}
	if SameTextKey(note("")) != "" || SameTextKey(note("?")) != "" {
		t.Error("a note with no words has a key")
	}
}
