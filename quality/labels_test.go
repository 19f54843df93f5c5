package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func draft(id uint64, fp, title string, ev ...Evidence) Draft {
	return Draft{ID: id, Fingerprint: fp, Title: title, Body: "body of " + title, State: "pending", Evidence: ev}
}

func label(d Draft, repo, verdict string) Label {
	return Label{Key: d.Keys(repo)[0], Verdict: verdict, Reason: "because", Title: d.Title, BodySHA: BodyHash(d.Body), Judged: "2026-12-02"}
}

func TestExcerptHashIgnoresIndentationAndBlankLines(t *testing.T) {
	a := ExcerptHash("  // TODO: retry\n\n\t// on 503 ")
	b := ExcerptHash("// TODO:   retry\n// on 503\n")
	if a != b {
		t.Errorf("same excerpt re-indented hashes differently: %s %s", a, b)
	}
	if c := ExcerptHash("// TODO: retry on 502"); c == a {
		t.Errorf("different excerpts hash alike")
	}
	if len(a) != 12 {
		t.Errorf("hash %q: want 12 hex digits", a)
	}
}

func TestKeysFollowEveryEvidenceMainFirst(t *testing.T) {
	d := draft(1, "todo:a.go:123", "Fix a",
		Evidence{Path: "a.go", Commit: "c1", Excerpt: "// TODO x"},
		Evidence{Path: "b.go", Commit: "c1", Excerpt: "// TODO x"})
	keys := d.Keys("o/r")
	if len(keys) != 2 || keys[0].Path != "a.go" || keys[1].Path != "b.go" || keys[0].Kind != "todo" || keys[0].Repo != "o/r" {
		t.Fatalf("keys %+v", keys)
	}
	if keys[0].Short() == keys[1].Short() || len(keys[0].Short()) != 8 {
		t.Errorf("short ids %s %s: want 8 distinct hex digits", keys[0].Short(), keys[1].Short())
	}
	if (Draft{Fingerprint: "nokind"}).Kind() != "unknown" {
		t.Errorf("a fingerprint without a kind is unknown")
	}
}

func TestMatchLastLabelWinsAndUnmatchedAreKept(t *testing.T) {
	a := draft(1, "todo:a.go:1", "Fix a", Evidence{Path: "a.go", Commit: "c1", Excerpt: "// TODO a"})
	b := draft(2, "dependency:go.mod:x", "Review x", Evidence{Path: "go.mod", Commit: "c2", Excerpt: "x v2"})
	gone := draft(3, "todo:old.go:1", "Old", Evidence{Path: "old.go", Commit: "c0", Excerpt: "// TODO old"})
	other := draft(4, "todo:z.go:1", "Other repo", Evidence{Path: "z.go", Commit: "c9", Excerpt: "// TODO z"})

	first := label(a, "o/r", Noise)
	second := label(a, "o/r", Useful)
	second.Reason = "judged again"
	changed := label(b, "o/r", Trivial)
	changed.Title = "Review x (old wording)"
	set := NewLabelSet([]Label{first, changed, label(gone, "o/r", Wrong), label(other, "o/other", Noise), second})

	matches, unmatched := set.Match("o/r", []Draft{a, b})
	if len(matches) != 2 {
		t.Fatalf("%d matches", len(matches))
	}
	if m := matches[0]; m.Label == nil || m.Label.Verdict != Useful || m.Label.Reason != "judged again" || m.Changed {
		t.Errorf("draft a: %+v, want the last label (useful), unchanged", m.Label)
	}
	if m := matches[1]; m.Label == nil || m.Label.Verdict != Trivial || !m.Changed {
		t.Errorf("draft b: %+v changed=%v, want trivial and changed (its title differs)", m.Label, m.Changed)
	}
	if len(unmatched) != 1 || unmatched[0].Path != "old.go" {
		t.Errorf("unmatched %+v: want only old.go (the other repository's label is not this one's)", unmatched)
	}
}

func TestMatchThroughSecondaryEvidence(t *testing.T) {
	judged := draft(1, "todo:a.go:1", "Fix", Evidence{Path: "a.go", Commit: "c1", Excerpt: "// TODO x"})
	// The detector now cites b.go first and a.go second: the label holds.
	now := draft(7, "todo:b.go:1", "Fix", Evidence{Path: "b.go", Commit: "c1", Excerpt: "// TODO x"},
		Evidence{Path: "a.go", Commit: "c1", Excerpt: "// TODO x"})
	set := NewLabelSet([]Label{label(judged, "o/r", Useful)})
	matches, unmatched := set.Match("o/r", []Draft{now})
	if matches[0].Label == nil || len(unmatched) != 0 {
		t.Errorf("label on the second evidence did not match: %+v %+v", matches[0], unmatched)
	}
}

func TestEarlierFindsOtherExcerptsOfTheSamePlace(t *testing.T) {
	old := draft(1, "todo:a.go:1", "Fix", Evidence{Path: "a.go", Commit: "c1", Excerpt: "// TODO x\n// more"})
	now := draft(2, "todo:a.go:1", "Fix", Evidence{Path: "a.go", Commit: "c1", Excerpt: "// TODO x"})
	set := NewLabelSet([]Label{label(old, "o/r", Noise)})
	if got := set.Earlier(now.Keys("o/r")[0]); len(got) != 1 || got[0].Verdict != Noise {
		t.Errorf("Earlier = %+v", got)
	}
	if got := set.Earlier(old.Keys("o/r")[0]); len(got) != 0 {
		t.Errorf("a label is not its own earlier verdict: %+v", got)
	}
}

func TestLabelsFileRoundTripAndErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "labels.jsonl")
	if got, err := ReadLabels(path); err != nil || got != nil {
		t.Fatalf("missing file: %v %v, want an empty set", got, err)
	}
	d := draft(1, "secret:k.env:aws", "Rotate", Evidence{Path: "k.env", Commit: "c1", Excerpt: "AWS=[REDACTED]"})
	if err := AppendLabels(path, []Label{label(d, "o/r", Useful)}); err != nil {
		t.Fatal(err)
	}
	if err := AppendLabels(path, []Label{label(d, "o/r", Wrong)}); err != nil {
		t.Fatal(err)
	}
	got, err := ReadLabels(path)
	if err != nil || len(got) != 2 || got[1].Verdict != Wrong || got[0].Key != d.Keys("o/r")[0] {
		t.Fatalf("read back %+v, %v", got, err)
	}

	bad := label(d, "o/r", "great")
	if err := AppendLabels(path, []Label{bad}); err == nil || !strings.Contains(err.Error(), "verdict") {
		t.Errorf("a made-up verdict was appended: %v", err)
	}
	noReason := label(d, "o/r", Useful)
	noReason.Reason = " "
	if err := AppendLabels(path, []Label{noReason}); err == nil {
		t.Errorf("a verdict without a reason was appended")
	}

	for _, tc := range []struct{ in, want string }{
		{`{"repo":"o/r"}`, "1: repo, commit"},
		{"\n" + `{"repo":"o/r","commit":"c","path":"p","kind":"todo","excerpt_sha":"x","verdict":"useful","reason":"r","extra":1}`, `2: json: unknown field "extra"`},
		{`not json`, "1: invalid"},
	} {
		_, err := DecodeLabels(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("DecodeLabels(%q) = %v, want an error with %q", tc.in, err, tc.want)
		}
	}
}
