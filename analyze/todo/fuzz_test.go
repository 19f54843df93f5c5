package todo

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// FuzzDetect feeds arbitrary lines to the scanner in every family of
// languages: it must not panic, and each finding's line must be an added
// line that holds the first line of its excerpt.
func FuzzDetect(f *testing.F) {
	for _, seed := range []string{
		"x := 1 // TODO: a\n/* FIXME(bob): b\n * c */",
		"    \"\"\"Doc.\n\n    TODO: x\n    \"\"\"\ns = '''# TODO: not'''",
		"let s = r#\"\n// FIXME: in a string\n\"#;\n// TODO[#12]: y",
		"<!--# TODO: z -->\n{{!-- TODO: w --}}\n{% comment %} TODO: v {% endcomment %}",
		"* TODO, abap\nWRITE x. \" TODO: y\n; TODO ahk\n# TODO: org\n#+begin_comment\nTODO: in\n#+end_comment",
		"R\"x(// TODO: raw)x\" // FIXME-OPT: after",
	} {
		f.Add(seed)
	}
	paths := []string{"a.go", "a.py", "a.rs", "a.cpp", "a.js", "a.md", "a.hbs", "a.liquid", "a.abap", "a.ahk", "a.org", "a.lua", "a.nix", "a.twig", "a.razor"}
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Split(text, "\n")
		for _, p := range paths {
			h := analyze.Hunk{NewStart: 7, NewLines: len(lines)}
			for i, l := range lines {
				kind := analyze.Added
				if i%3 == 2 {
					kind = analyze.Context
				}
				h.Lines = append(h.Lines, analyze.Line{Kind: kind, Text: l, NewNo: 7 + i, OldNo: 7 + i})
			}
			fd := analyze.FileDiff{OldPath: p, NewPath: p, Hunks: []analyze.Hunk{h}}
			found, _ := Detect(analyze.Commit{Hash: "c"}, &fd, Options{})
			for _, fnd := range found {
				i := fnd.Evidence.Line - 7
				if i < 0 || i >= len(lines) || h.Lines[i].Kind != analyze.Added {
					t.Fatalf("%s: finding on line %d, not an added line", p, fnd.Evidence.Line)
				}
				first, _, _ := strings.Cut(fnd.Evidence.Excerpt, "\n")
				if !strings.Contains(lines[i], first) {
					t.Fatalf("%s: line %d %q does not hold excerpt %q", p, fnd.Evidence.Line, lines[i], first)
				}
				if len(fnd.Title) > analyze.TitleMax+3 {
					t.Fatalf("%s: title %d bytes", p, len(fnd.Title))
				}
			}
		}
	})
}
