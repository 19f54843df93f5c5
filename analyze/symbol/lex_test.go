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

// A JavaScript regular expression literal is no comment, whatever slashes
// it holds: colinhacks/zod 898c446's `!/^https?:\/\//i.test(trimmed)) {`
// lost its brace to a "comment", and three functions their ranges (round
// 122, wrong). A slash after an operand divides.
func TestJavaScriptRegexLiterals(t *testing.T) {
	for _, tc := range []struct{ line, code string }{
		{`  if (!def.normalize && !/^https?:\/\//i.test(trimmed)) {`, `  if (!def.normalize && !"".test(trimmed)) {`},
		{`const re = /[/{]/g; // a class holds a slash`, `const re = "";`},
		{`return /}/.test(s)`, `return "".test(s)`},
		{`const half = total / 2 / count; // halves`, `const half = total / 2 / count;`},
		{`x = (a + b) / c // {`, `x = (a + b) / c`},
		{`  return <a href="/x">link</a>; {`, `  return <a href="">link</a>; {`},
	} {
		lx := newLexer(quotesOf(analyze.LangJS))
		if got := strings.TrimRight(lx.line(tc.line).code, " "); got != tc.code {
			t.Errorf("code of %q = %q, want %q", tc.line, got, tc.code)
		}
	}
	// The three functions of zod's schemas.ts, each with its own lines.
	src := []string{
		"export function parseURLObject(trimmed: string): URL | number {",
		`  if (!/^https?:\/\//i.test(trimmed)) {`,
		"    return 1;",
		"  }",
		"  return new URL(trimmed);",
		"}",
		"",
		"export function urlHostnameOk(url: URL, hostname: RegExp): boolean {",
		"  return hostname.test(url.hostname);",
		"}",
		"",
		"export function urlProtocolOk(url: URL, protocol: RegExp): boolean {",
		"  return protocol.test(url.protocol);",
		"}",
	}
	var lines []analyze.SideLine
	for i, s := range src {
		lines = append(lines, analyze.SideLine{Text: s, No: i + 1, Changed: true})
	}
	got := map[string][2]int{}
	for _, d := range scanDefs(analyze.LangJS, lines) {
		got[d.name] = [2]int{d.line, d.end}
	}
	want := map[string][2]int{"parseURLObject": {1, 6}, "urlHostnameOk": {8, 10}, "urlProtocolOk": {12, 14}}
	for name, span := range want {
		if got[name] != span {
			t.Errorf("%s spans %v, want %v (all: %v)", name, got[name], span, got)
		}
	}
}
