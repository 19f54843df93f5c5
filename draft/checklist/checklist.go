// Package checklist writes and reads checklist issues: an issue body whose
// lines are items, each carrying a hidden marker with its key, so that a
// later version of the list can add lines, strike through the ones that
// are done and keep the rest, and a reader can tell which line is which
// whatever a person edited around them. The maintenance digest is one;
// the team dashboard and the learning from decisions reuse it.
package checklist

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"
)

// Item is one line of a checklist.
type Item struct {
	Key     string // stable identity, such as a finding's fingerprint
	Section string // the heading it is listed under ("" for none)
	Text    string // one line of Markdown
	Done    bool   // struck through and ticked
	Note    string // said after the text, such as "resolved in abc1234"
}

// markerPrefix starts an item's hidden marker.
const markerPrefix = "<!-- ticket-master:item="

// marker is an item's hidden marker. Keys never contain "--": a marker
// must not end early.
func marker(key string) string {
	return markerPrefix + strings.ReplaceAll(key, "--", "-\u2010") + " -->"
}

// Render writes items under their sections, in the order their sections
// first appear, after intro.
func Render(intro string, items []Item) string {
	var b strings.Builder
	if intro = strings.TrimSpace(intro); intro != "" {
		b.WriteString(intro + "\n")
	}
	var sections []string
	bySection := map[string][]Item{}
	for _, it := range items {
		if _, ok := bySection[it.Section]; !ok {
			sections = append(sections, it.Section)
		}
		bySection[it.Section] = append(bySection[it.Section], it)
	}
	for _, s := range sections {
		if s != "" {
			b.WriteString("\n### " + s + "\n")
		} else if b.Len() > 0 {
			b.WriteString("\n")
		}
		for _, it := range bySection[s] {
			b.WriteString(line(it) + "\n")
		}
	}
	return b.String()
}

func line(it Item) string {
	text := strings.Join(strings.Fields(it.Text), " ")
	box := "- [ ] "
	if it.Done {
		box = "- [x] "
		text = "~~" + text + "~~"
	}
	if it.Note != "" {
		text += " (" + strings.Join(strings.Fields(it.Note), " ") + ")"
	}
	return box + text + " " + marker(it.Key)
}

// KeyOf is the key a marker's text stands for: marker's "-\u2010" for
// "--" undone (a flag's fingerprint, "docdrift:main.go:flag:--tui",
// charmbracelet/glow), and the zero-width spaces that digests published
// before markers were kept out of neutralising carry (no key holds one
// otherwise) dropped.
func KeyOf(marked string) string {
	return strings.ReplaceAll(strings.ReplaceAll(marked, "\u200b", ""), "-\u2010", "--")
}

var itemRE = lazyregexp.New(`^\s*[-*] \[([ xX])\] (.*?)\s*<!-- ticket-master:item=(.*?) -->\s*$`)

// Parse reads the items of a checklist body by their markers; lines
// without one are not items. Done is read from the tick, so an item a
// person ticked on GitHub reads as done.
func Parse(body string) []Item {
	var out []Item
	section := ""
	for _, l := range strings.Split(body, "\n") {
		if h, ok := strings.CutPrefix(strings.TrimSpace(l), "### "); ok {
			section = strings.TrimSpace(h)
			continue
		}
		m := itemRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		text := m[2]
		done := m[1] != " "
		if strings.HasPrefix(text, "~~") {
			if i := strings.Index(text[2:], "~~"); i >= 0 {
				text = text[2:2+i] + text[4+i:]
			}
		}
		out = append(out, Item{Key: KeyOf(m[3]), Section: section, Text: strings.TrimSpace(text), Done: done})
	}
	return out
}
