package symbol

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// FuzzLexerLine checks line's shortcut for lines with nothing to lex
// against scan, byte by byte, in every brace language and whatever the
// lines before left open.
func FuzzLexerLine(f *testing.F) {
	for _, s := range []string{
		"\tfunc (c *Calc) Div(a, b int) int {", "x := `raw\nstill raw` + y", "/* open\n close */ z := 1",
		"let s = r#\"raw\n\"#; b'x'", "const t = 'a' + \"b\";  ", "a /b / c", "\"\"\"\ntext\n\"\"\"",
		"   return x;", "'a", "é ö", "",
	} {
		f.Add(s)
	}
	langs := []string{analyze.LangGo, analyze.LangJS, analyze.LangJava, analyze.LangRust}
	f.Fuzz(func(t *testing.T, src string) {
		for _, lang := range langs {
			fast, slow := newLexer(quotesOf(lang)), newLexer(quotesOf(lang))
			for _, text := range strings.Split(src, "\n") {
				got, want := fast.line(text), slow.scan(text)
				if got != want || fast != slow {
					t.Fatalf("%s: line(%q) = %+v, state %+v; scan gives %+v, state %+v", lang, text, got, fast, want, slow)
				}
			}
		}
	})
}
