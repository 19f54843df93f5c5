package draft

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

func TestArticle(t *testing.T) {
	for word, want := range map[string]string{
		"TODO": "a", "FIXME": "a", "HACK": "a", "BUG": "a", "NOTE": "a",
		"XXX": "an", "OPTIMIZE": "an", "UNDONE": "an", "X": "an", "XOR": "a", "": "a",
	} {
		if got := article(word); got != want {
			t.Errorf("article(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestTemplateArticle(t *testing.T) {
	var f store.Finding
	f.Word, f.Text, f.Evidence.Path = "XXX", "cache the parsed config", "b.py"
	if body := todoTemplate(ghrepo.Repo{}, f).Body; !strings.HasPrefix(body, "An `XXX` comment in `b.py` asks for this:") {
		t.Errorf("body starts %q", body[:min(len(body), 60)])
	}
}
