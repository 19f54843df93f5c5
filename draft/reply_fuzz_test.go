package draft

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeReply: no reply content panics the decoder; content it
// refuses gives ErrNotJSON with a message that quotes at most a short
// excerpt; content it accepts is a JSON object, fenced or not.
func FuzzDecodeReply(f *testing.F) {
	for _, s := range []string{
		`{"title":"t","body":"b","labels":["bug"],"kind":"bug","confidence":0.5}`,
		"```json\n{\"title\":\"t\"}\n```", "```{}```", "``````", "Sure! {\"title\": 1}", `{"title": 3}`,
		`{"labels": "bug"}`, `{"confidence": 1e999}`, "{", "[]", "", "```\n```",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		r, err := DecodeReply(content)
		if err != nil {
			if !errors.Is(err, ErrNotJSON) {
				t.Fatalf("DecodeReply(%q): %v does not wrap ErrNotJSON", content, err)
			}
			if n := utf8.RuneCountInString(err.Error()); n > 400 {
				t.Fatalf("error of %d characters for a reply of %d bytes", n, len(content))
			}
			return
		}
		if !strings.Contains(content, "{") {
			t.Fatalf("DecodeReply(%q) accepted content without an object: %+v", content, r)
		}
	})
}

// FuzzParseProposals: no review answer panics the parser, and every
// proposal it keeps cites lines the chunk showed, has a title and body
// within the rules, and carries no markup that would reach the issue.
func FuzzParseProposals(f *testing.F) {
	p := proposal("svc/upload.go", 11, 12, "Return the error from put")
	seed, _ := json.Marshal(map[string]any{"proposals": []Proposal{p}})
	f.Add(string(seed))
	list, _ := json.Marshal([]Proposal{p})
	f.Add(string(list))
	f.Add(`{"proposals":[{"path":"util.go","start_line":1,"end_line":2,"title":"Fix [#1]","body":"_@a_ <b>x</b>","kind":"bug","confidence":0.5}]}`)
	f.Add(`{"proposals":[{"path":"util.go","start_line":-1,"end_line":9999999999}]}`)
	f.Add("not json")
	var once sync.Once
	var ch DiffChunk
	f.Fuzz(func(t *testing.T, content string) {
		once.Do(func() { ch = parseChunk(t) })
		kept, dropped := ParseProposals(content, ch, nil)
		if len(kept) > reviewMaxProposals {
			t.Fatalf("kept %d proposals, more than %d", len(kept), reviewMaxProposals)
		}
		if len(kept) == 0 && len(dropped) == 0 && !strings.Contains(content, "{") && !strings.Contains(content, "[") {
			t.Fatalf("%q is no JSON, yet no reason was given", content)
		}
		for _, p := range kept {
			ranges := ch.Lines[p.Path]
			inside := false
			for _, r := range ranges {
				inside = inside || (r[0] <= p.StartLine && p.EndLine <= r[1])
			}
			if !inside || p.StartLine < 1 {
				t.Fatalf("kept %s lines %d-%d, outside %v", p.Path, p.StartLine, p.EndLine, ranges)
			}
			if n := utf8.RuneCountInString(p.Title); n == 0 || n > MaxTitle || strings.ContainsAny(p.Title, "\n\r") {
				t.Fatalf("kept title %q", p.Title)
			}
			if strings.TrimSpace(p.Body) == "" {
				t.Fatal("kept an empty body")
			}
			if why := forbiddenInRendered(t, p.Title); why != "" {
				t.Fatalf("kept title %q renders a %s", p.Title, why)
			}
			if why := forbiddenInRendered(t, p.Body); why != "" {
				t.Fatalf("kept body %q renders a %s", p.Body, why)
			}
		}
	})
}
