package checklist

import (
	"strings"
	"testing"
)

func TestRenderAndParse(t *testing.T) {
	items := []Item{
		{Key: "dependency:github.com/a/b:v2", Section: "Dependencies", Text: "Review `github.com/a/b` v2"},
		{Key: "hotspot:srv/pool.go", Section: "Hotspots", Text: "Look at `srv/pool.go`"},
		{Key: "dependency:left-pad:new", Section: "Dependencies", Text: "Review `left-pad`", Done: true, Note: "resolved in abc1234"},
	}
	body := Render("Lower-severity findings.", items)
	for _, want := range []string{
		"Lower-severity findings.\n\n### Dependencies\n- [ ] Review `github.com/a/b` v2 <!-- ticket-master:item=dependency:github.com/a/b:v2 -->\n",
		"- [x] ~~Review `left-pad`~~ (resolved in abc1234) <!-- ticket-master:item=dependency:left-pad:new -->\n",
		"\n### Hotspots\n- [ ] Look at `srv/pool.go` <!-- ticket-master:item=hotspot:srv/pool.go -->\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	got := Parse(body + "\nA line a person added.\n- [ ] a task of theirs\n")
	if len(got) != 3 {
		t.Fatalf("parsed %d items, want 3: %+v", len(got), got)
	}
	if got[1].Key != "dependency:left-pad:new" || !got[1].Done || got[1].Section != "Dependencies" || !strings.HasPrefix(got[1].Text, "Review `left-pad`") {
		t.Errorf("item = %+v", got[1])
	}
	// A person ticking an item on GitHub makes it read as done.
	ticked := strings.Replace(body, "- [ ] Look at", "- [x] Look at", 1)
	if it := Parse(ticked)[2]; it.Key != "hotspot:srv/pool.go" || !it.Done {
		t.Errorf("ticked item = %+v", it)
	}
}

// A key holding "--" must not end its marker early.
func TestMarkerCannotEndEarly(t *testing.T) {
	body := Render("", []Item{{Key: "todo:a--b.go:1 -->x", Text: "x"}})
	if strings.Count(body, "-->") != 1 {
		t.Errorf("marker ends early: %s", body)
	}
	// And it reads back as itself: a flag's fingerprint
	// (charmbracelet/glow's "docdrift:main.go:flag:--tui").
	for _, key := range []string{"todo:a--b.go:1 -->x", "docdrift:main.go:flag:--tui"} {
		if got := Parse(Render("", []Item{{Key: key, Text: "x"}})); len(got) != 1 || got[0].Key != key {
			t.Errorf("%q read back as %+v", key, got)
		}
	}
}

// A digest published by an older version neutralised its own markers
// ("@\u200beslint"): its items still read as the fingerprints they are.
func TestParseReadsMarkersNeutralisedBefore(t *testing.T) {
	body := "- [x] Upgrade <!-- ticket-master:item=dependency:@\u200beslint/plugin-kit:v0.7 -->\n"
	got := Parse(body)
	if len(got) != 1 || got[0].Key != "dependency:@eslint/plugin-kit:v0.7" || !got[0].Done {
		t.Fatalf("Parse = %+v", got)
	}
}
