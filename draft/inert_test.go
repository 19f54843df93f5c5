package draft

import "testing"

func TestInert(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"close the file", "close the file"},
		// Links, images, HTML and autolinks become the characters they are.
		{"see [spec](https://x.example/a)", `see \[spec](https://x.example/a)`},
		{"![pixel](https://x.example/p.png)", `!\[pixel](https://x.example/p.png)`},
		{"<img src=x> <https://x.example>", `\<img src=x> \<https://x.example>`},
		// A backslash of the text no longer escapes what follows it.
		{`a\<b>`, `a\\\<b>`},
		// Code spans, as detectors write symbols, are kept as they are.
		{"`Foo<T>` and ``a`[b]``", "`Foo<T>` and ``a`[b]``"},
		// An unclosed backtick is a backtick; a span does not cross lines.
		{"`a [b]", "`a \\[b]"},
		{"`a\n<b>`", "`a\n\\<b>`"},
	} {
		if got := inert(c.in); got != c.want {
			t.Errorf("inert(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
