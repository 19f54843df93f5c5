package draft

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
)

// parseChunk shows svc/upload.go lines 10-14 and 40-42, and util.go 1-2.
func parseChunk(t *testing.T) DiffChunk {
	t.Helper()
	cd := rvDiff(t,
		rvModified("svc/upload.go", uploadHunk, rvHunk(39, 40, " a := 1", "+b := 2", " c := 3")),
		rvAdded("util.go", "package util", "func Do() {}"),
	)
	chunks := DiffChunks(cd, 10000)
	if len(chunks) != 1 {
		t.Fatalf("%d chunks", len(chunks))
	}
	return chunks[0]
}

func proposal(path string, start, end int, title string) Proposal {
	return Proposal{
		Path: path, StartLine: start, EndLine: end, Title: title,
		Body: "`upload` drops the error from `put`.\n\n### Why\nFailures go unseen.\n\n### Suggested approach\nReturn it.\n\n### Done when\n- [ ] The error is returned.",
		Kind: "bug", Confidence: 0.7,
	}
}

func proposalsJSON(t *testing.T, ps ...Proposal) string {
	t.Helper()
	if ps == nil {
		ps = []Proposal{}
	}
	b, err := json.Marshal(map[string]any{"proposals": ps})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseProposals(t *testing.T) {
	long := strings.Repeat("Handle the error ", 6)
	withKind := func(p Proposal, kind string) Proposal { p.Kind = kind; return p }
	withBody := func(p Proposal, body string) Proposal { p.Body = body; return p }
	withConfidence := func(p Proposal, c float64) Proposal { p.Confidence = c; return p }
	tests := []struct {
		name       string
		in         []Proposal
		labels     []string
		wantKept   []string // titles
		wantDrop   []string // a fragment of each reason, in order
		wantRanges [][2]int // start and end of each kept proposal
	}{
		{name: "no proposals"},
		{
			name:       "inside an added and unchanged range",
			in:         []Proposal{proposal("svc/upload.go", 11, 12, "Return the error from put")},
			wantKept:   []string{"Return the error from put"},
			wantRanges: [][2]int{{11, 12}},
		},
		{
			name:       "one line, end_line left out, ./ path",
			in:         []Proposal{proposal("./svc/upload.go", 41, 0, "Check b before use.")},
			wantKept:   []string{"Check b before use"},
			wantRanges: [][2]int{{41, 41}},
		},
		{
			name:     "outside the diff's lines",
			in:       []Proposal{proposal("svc/upload.go", 20, 22, "Close the file")},
			wantDrop: []string{`proposal 1 "Close the file": lines 20-22 of ` + "`svc/upload.go`" + ` are not among the added or unchanged lines shown (10-14, 40-42)`},
		},
		{
			name:     "across two hunks",
			in:       []Proposal{proposal("svc/upload.go", 13, 41, "Span the gap")},
			wantDrop: []string{"lines 13-41"},
		},
		{
			name:     "a path not in the diff",
			in:       []Proposal{proposal("svc/other.go", 11, 12, "Return the error")},
			wantDrop: []string{"`svc/other.go` is not in this part of the diff"},
		},
		{
			name:     "bad ranges",
			in:       []Proposal{proposal("util.go", 0, 1, "Zero"), proposal("util.go", 2, 1, "Backwards")},
			wantDrop: []string{"lines 0-1 are not a range", "lines 2-1 are not a range"},
		},
		{
			name: "titles, bodies, kinds, confidence",
			in: []Proposal{
				proposal("util.go", 1, 1, "  "),
				proposal("util.go", 1, 1, long),
				withBody(proposal("util.go", 1, 1, "No body"), " "),
				withKind(proposal("util.go", 1, 1, "Rename x"), "style"),
				withConfidence(proposal("util.go", 1, 1, "Sure"), 1.5),
			},
			wantDrop: []string{"the title is empty", "the title is 101 characters, over 80", "the body is empty", `kind "style" is not one of`, "confidence 1.5 is outside 0 to 1"},
		},
		{
			name:     "kinds the caller did not ask for",
			in:       []Proposal{proposal("util.go", 1, 2, "Handle the error"), withKind(proposal("util.go", 1, 2, "Add a test for Do"), "Testing")},
			labels:   []string{"bug", "security"},
			wantKept: []string{"Handle the error"},
			wantDrop: []string{`kind "testing" is not among the kinds asked for (bug, security)`},
		},
		{
			name:     "a repeat",
			in:       []Proposal{proposal("util.go", 1, 1, "Handle the error"), proposal("util.go", 2, 2, "handle  the Error")},
			wantKept: []string{"Handle the error"},
			wantDrop: []string{"repeats proposal 1"},
		},
		{
			name:     "a credential in the body",
			in:       []Proposal{withBody(proposal("util.go", 1, 1, "Rotate the key"), "The key AKIAIOSFODNN7EXAMPLE is committed.")},
			wantDrop: []string{"repeats what looks like a credential"},
		},
		{
			name: "markup that would reach the issue",
			in: []Proposal{
				withBody(proposal("util.go", 1, 1, "Link"), "See [the docs](//evil.example/x)."),
				withBody(proposal("util.go", 1, 1, "Image"), "![x](https://evil.example/p.png)"),
				withBody(proposal("util.go", 1, 1, "Details"), "<details>\nhidden\n</details>"),
				withBody(proposal("util.go", 1, 1, "Mention"), "Ask _@alice_ first."),
				withBody(proposal("util.go", 1, 1, "Reference"), "As GH-1 says."),
				proposal("util.go", 1, 1, "Fix [#1] again"),
				withBody(proposal("util.go", 1, 1, "Plain mention"), "Ask @alice about #12: they are neutralised."),
			},
			// Mentions and references in the body are neutralised, however
			// they are dressed; the title is not rewritten, so one is dropped.
			wantKept: []string{"Mention", "Reference", "Plain mention"},
			wantDrop: []string{"the body has a link (`[the docs](//evil.example/x)`)", "the body has an image", "the body has HTML",
				"the title refers to an issue by number (`#1`)"},
		},
		{
			name: "past three, the most confident",
			in: []Proposal{
				withConfidence(proposal("util.go", 1, 1, "One"), 0.2),
				withConfidence(proposal("util.go", 1, 1, "Two"), 0.9),
				withConfidence(proposal("util.go", 1, 1, "Three"), 0.5),
				withConfidence(proposal("util.go", 1, 1, "Four"), 0.8),
			},
			wantKept: []string{"Two", "Four", "Three"},
			wantDrop: []string{`proposal "One": more than 3 proposals`},
		},
	}
	ch := parseChunk(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, dropped := ParseProposals(proposalsJSON(t, tt.in...), ch, tt.labels)
			var titles []string
			for i, p := range kept {
				titles = append(titles, p.Title)
				if tt.wantRanges != nil && (p.StartLine != tt.wantRanges[i][0] || p.EndLine != tt.wantRanges[i][1]) {
					t.Errorf("kept %q at %d-%d, want %v", p.Title, p.StartLine, p.EndLine, tt.wantRanges[i])
				}
			}
			if strings.Join(titles, "|") != strings.Join(tt.wantKept, "|") {
				t.Errorf("kept %q, want %q", titles, tt.wantKept)
			}
			if len(dropped) != len(tt.wantDrop) {
				t.Fatalf("dropped %q, want %d reasons like %q", dropped, len(tt.wantDrop), tt.wantDrop)
			}
			for i, want := range tt.wantDrop {
				if !strings.Contains(dropped[i], want) {
					t.Errorf("reason %d = %q, want it to contain %q", i, dropped[i], want)
				}
			}
		})
	}
}

func TestParseProposalsFormats(t *testing.T) {
	ch := parseChunk(t)
	one := proposal("util.go", 1, 2, "Handle the error")
	obj := proposalsJSON(t, one)
	list, _ := json.Marshal([]Proposal{one})
	for name, content := range map[string]string{
		"object":        obj,
		"fenced object": "```json\n" + obj + "\n```",
		"bare list":     string(list),
	} {
		kept, dropped := ParseProposals(content, ch, nil)
		if len(kept) != 1 || len(dropped) != 0 {
			t.Errorf("%s: kept %+v, dropped %q", name, kept, dropped)
		}
	}
	for _, content := range []string{"Looks good to me!", `{"proposals": [{"path": "util.go", "start_line": "one"}]}`, ""} {
		kept, dropped := ParseProposals(content, ch, nil)
		if len(kept) != 0 || len(dropped) != 1 || !strings.Contains(dropped[0], "not") {
			t.Errorf("%q: kept %+v, dropped %q", content, kept, dropped)
		}
		if _, _, err := parseProposals(content, ch, nil); !errors.Is(err, ErrNotJSON) {
			t.Errorf("%q: err = %v, want ErrNotJSON", content, err)
		}
	}
}

func TestParseProposalsExcerptAndNeutralize(t *testing.T) {
	p := proposal("svc/upload.go", 11, 12, "Return the error from put")
	p.Body = "Ask @alice, see #12.\n\n" + p.Body
	kept, _ := ParseProposals(proposalsJSON(t, p), parseChunk(t), nil)
	if len(kept) != 1 {
		t.Fatal("not kept")
	}
	if kept[0].Excerpt != "\terr := put(ctx)\n\treturn err" {
		t.Errorf("excerpt = %q", kept[0].Excerpt)
	}
	if strings.Contains(kept[0].Body, "@alice") || strings.Contains(kept[0].Body, " #12") {
		t.Errorf("body not neutralised: %q", kept[0].Body)
	}
}

func TestReviewFinding(t *testing.T) {
	c := analyze.Commit{Hash: rvHash, Subject: "upload via put"}
	p := proposal("svc/upload.go", 11, 12, "Return the error from put")
	p.Excerpt = "\terr := put(ctx)\n\treturn err"
	f := DiffReviewFinding(c, p)
	if f.Kind != finding.KindReview || f.Title != p.Title || f.Body != p.Body || len(f.Labels) != 1 || f.Labels[0] != "bug" {
		t.Errorf("finding = %+v", f)
	}
	want := finding.Evidence{Path: "svc/upload.go", Line: 11, EndLine: 12, Commit: rvHash, Excerpt: p.Excerpt}
	if f.Evidence != want {
		t.Errorf("evidence = %+v, want %+v", f.Evidence, want)
	}
	if !strings.HasPrefix(f.Fingerprint, "review:svc/upload.go:") || len(f.Fingerprint) != len("review:svc/upload.go:")+12 {
		t.Errorf("fingerprint = %q", f.Fingerprint)
	}
	// The same problem, reworded in case and spacing and moved, is the same finding.
	moved := proposal("svc/upload.go", 30, 30, "return  the ERROR from put")
	if g := DiffReviewFinding(c, moved); g.Fingerprint != f.Fingerprint || g.Evidence.EndLine != 0 {
		t.Errorf("moved: %q (end %d), want %q", g.Fingerprint, g.Evidence.EndLine, f.Fingerprint)
	}
	if g := DiffReviewFinding(c, proposal("svc/upload.go", 11, 12, "Close the body")); g.Fingerprint == f.Fingerprint {
		t.Error("a different problem has the same fingerprint")
	}
}
