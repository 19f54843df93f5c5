package review

import (
	"strings"
	"testing"
)

func TestSessionStyle(t *testing.T) {
	f := newFixture(t, "retry uploads")
	s, out := f.session("q\n", nil)
	s.Style = Style{
		Title:  func(s string) string { return "<t>" + s + "</t>" },
		Prompt: func(s string) string { return "<p>" + s + "</p>" },
	}
	if _, err := s.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Title:  <t>retry uploads</t>\n", "<p>Publish this issue [y,n,e,l,d,q,?]?</p> "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
