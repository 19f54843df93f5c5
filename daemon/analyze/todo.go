package analyze

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TODOOptions configure DetectTODOs. Zero fields take the defaults.
type TODOOptions struct {
	// Words mark a TODO comment; matched case-sensitively as a whole word at
	// the start of the comment. Default: TODO FIXME HACK XXX BUG.
	Words []string
	// WordLabels are the issue labels each word implies. Default: FIXME and
	// BUG -> bug; HACK and XXX -> tech-debt; TODO -> enhancement.
	WordLabels map[string][]string
}

// KindTODO is the Finding.Kind of TODO comments.
const KindTODO = "todo"

const (
	// todoExcerptLines caps Evidence.Excerpt: the TODO line and its body.
	todoExcerptLines = 6
	// generatedProbeLines is how far from the top of a file a generator's
	// marker is looked for; licence headers often come first.
	generatedProbeLines = 40
)

func defaultTODOWords() []string {
	return []string{"TODO", "FIXME", "HACK", "XXX", "BUG"}
}

func defaultTODOLabels() map[string][]string {
	return map[string][]string{
		"TODO":  {"enhancement"},
		"FIXME": {"bug"},
		"BUG":   {"bug"},
		"HACK":  {"tech-debt"},
		"XXX":   {"tech-debt"},
	}
}

// DetectTODOs finds the TODO comments one commit adds to one file, and the
// ones it removes. A TODO that only moves within the file is found again
// (same fingerprint; the caller dedupes) and not resolved. Files without a
// known comment syntax, vendored, generated, minified and binary files
// yield nothing.
func DetectTODOs(c Commit, f *FileDiff, opts TODOOptions) (found []Finding, resolved []Resolution) {
	if f == nil || f.Binary {
		return nil, nil
	}
	if len(opts.Words) == 0 {
		opts.Words = defaultTODOWords()
	}
	if opts.WordLabels == nil {
		opts.WordLabels = defaultTODOLabels()
	}
	foundFP := map[string]bool{}
	for _, t := range todosOnSide(f, Added, opts.Words) {
		fp := todoFingerprint(f.NewPath, t.word, t.text)
		if foundFP[fp] {
			continue
		}
		foundFP[fp] = true
		found = append(found, Finding{
			Kind:        KindTODO,
			Fingerprint: fp,
			Word:        t.word,
			Text:        t.text,
			Body:        t.body,
			Labels:      mergeLabels(opts.WordLabels[t.word], t.labels),
			Evidence: Evidence{
				Path:    f.NewPath,
				Line:    t.line,
				Commit:  c.Hash,
				Excerpt: t.excerpt,
			},
		})
	}
	resolvedFP := map[string]bool{}
	for _, t := range todosOnSide(f, Removed, opts.Words) {
		fp := todoFingerprint(f.OldPath, t.word, t.text)
		if foundFP[fp] || resolvedFP[fp] {
			continue // moved, not resolved; or already reported
		}
		resolvedFP[fp] = true
		resolved = append(resolved, Resolution{Fingerprint: fp, Commit: c.Hash})
	}
	return found, resolved
}

// todoFingerprint identifies a TODO by path and normalised text, never by
// line, so that it survives moves and reformatting.
func todoFingerprint(path, word, text string) string {
	norm := strings.Join(strings.Fields(strings.ToLower(word+": "+text)), " ")
	sum := sha1.Sum([]byte(norm))
	return KindTODO + ":" + path + ":" + hex.EncodeToString(sum[:])[:12]
}

func mergeLabels(lists ...[]string) []string {
	var out []string
	for _, list := range lists {
		for _, l := range list {
			if l = strings.TrimSpace(l); l != "" && !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// todoComment is one TODO comment on one side of a file diff.
type todoComment struct {
	word, text, body string
	labels           []string
	line             int // in the side's file
	excerpt          string
}

// todosOnSide returns the TODOs on the lines of kind side (Added: the new
// file, Removed: the old one), reading each hunk as that side's file shows
// it: context lines plus the side's own lines.
func todosOnSide(f *FileDiff, side LineKind, words []string) []todoComment {
	p, number := f.NewPath, func(l Line) int { return l.NewNo }
	if side == Removed {
		p, number = f.OldPath, func(l Line) int { return l.OldNo }
	}
	if p == "" || SkipReason(p) != "" {
		return nil
	}
	lang, ok := languageFor(p)
	if !ok {
		return nil
	}
	var hunks [][]Line
	var top []string
	for _, h := range f.Hunks {
		var seq []Line
		for _, l := range h.Lines {
			if l.Kind != Context && l.Kind != side {
				continue
			}
			seq = append(seq, l)
			if number(l) <= generatedProbeLines {
				top = append(top, l.Text)
			}
		}
		hunks = append(hunks, seq)
	}
	if GeneratedContent(top) {
		return nil
	}
	var out []todoComment
	for _, seq := range hunks {
		lines := scanHunk(lang, seq, words)
		for i, l := range seq {
			if l.Kind != side || lines[i].hit < 0 {
				continue
			}
			if t, ok := buildTODO(lang, seq, lines, i); ok {
				t.line = number(l)
				out = append(out, t)
			}
		}
	}
	return out
}

// scannedLine is one line's comments and, if one is a TODO, which.
type scannedLine struct {
	spans []commentSpan
	hit   int // index in spans of the TODO comment, or -1
	word  string
	rest  string // the TODO's text after the word and separators
}

// scanHunk tracks block-comment state through a hunk's lines. The state
// before the hunk is unknown; the first non-blank line decides it by
// guessOpenBlock, so a " * TODO" line continuing a block opened above the
// hunk is still seen as a comment.
func scanHunk(lang *language, seq []Line, words []string) []scannedLine {
	out := make([]scannedLine, len(seq))
	open, guessing := -1, true
	for i, l := range seq {
		if guessing && strings.TrimSpace(l.Text) != "" {
			guessing = false
			open = lang.guessOpenBlock(l.Text)
		}
		spans, next := lang.scanComments(l.Text, open)
		open = next
		out[i] = scannedLine{spans: spans, hit: -1}
		for k, sp := range spans {
			if word, rest, ok := matchTODO(lang.commentText(sp), words); ok {
				out[i].hit, out[i].word, out[i].rest = k, word, rest
				break
			}
		}
	}
	return out
}

// matchTODO reports whether comment text starts with one of words as a
// whole word, and returns the text after it, an optional "(owner)" and
// separators: "TODO(bob): x" gives "x".
func matchTODO(text string, words []string) (word, rest string, ok bool) {
	for _, w := range words {
		after, found := strings.CutPrefix(text, w)
		if !found || w == "" {
			continue
		}
		if after != "" && !strings.ContainsRune(" \t:(.;!", rune(after[0])) {
			continue // TODOS, TODO_LIST, XXX-XX: not the word; "TODO, FIXME": a list in prose
		}
		if strings.HasPrefix(after, "(") {
			if k := strings.IndexByte(after, ')'); k >= 0 {
				after = after[k+1:]
			}
		}
		after = strings.TrimLeft(after, " \t:.,;!")
		after = strings.TrimPrefix(after, "- ")
		after = strings.TrimSpace(after)
		if after != "" && !startsText(after) {
			continue // "TODO -> label", "FIXME ... for": prose about the words
		}
		return w, after, true
	}
	return "", "", false
}

// bodyLine is one comment line following a TODO.
type bodyLine struct {
	text string // without comment markers
	raw  string // as in the source, trimmed
}

// buildTODO assembles the TODO on line i of a hunk: its text, the comment
// lines that follow it (its body), and "labels:" lines within them.
func buildTODO(lang *language, seq []Line, lines []scannedLine, i int) (todoComment, bool) {
	sl := lines[i]
	t := todoComment{word: sl.word, text: sl.rest}
	body := collectBody(lang, seq, lines, i)

	var texts []string
	last := -1 // index in body of the last line that carries text
	for k, b := range body {
		if labels, ok := labelsLine(b.text); ok {
			t.labels = append(t.labels, labels...)
			last = k
			continue
		}
		texts = append(texts, b.text)
		if b.text != "" {
			last = k
		}
	}
	texts = trimBlankLines(texts)
	if t.text == "" && len(texts) > 0 {
		t.text, texts = texts[0], trimBlankLines(texts[1:])
	}
	if t.text == "" {
		return todoComment{}, false
	}
	t.body = strings.Join(texts, "\n")

	excerpt := []string{strings.TrimSpace(seq[i].Text)}
	for _, b := range body[:last+1] {
		if len(excerpt) == todoExcerptLines {
			break
		}
		excerpt = append(excerpt, b.raw)
	}
	t.excerpt = strings.Join(excerpt, "\n")
	return t, true
}

// collectBody returns the comment lines that continue the TODO on line i:
// the rest of its block comment, or the whole-line comments below its line
// comment. It stops at code, at another TODO and at the end of the hunk.
func collectBody(lang *language, seq []Line, lines []scannedLine, i int) []bodyLine {
	todoSpan := lines[i].spans[lines[i].hit]
	if todoSpan.block >= 0 && !todoSpan.open {
		return nil // "/* TODO: x */" is complete on its line
	}
	var body []bodyLine
	for j := i + 1; j < len(seq); j++ {
		sl := lines[j]
		if len(sl.spans) == 0 || sl.hit >= 0 {
			break
		}
		sp := sl.spans[0]
		if todoSpan.block < 0 && (sp.block >= 0 || !sp.lead) {
			break // not a whole-line comment
		}
		body = append(body, bodyLine{text: lang.commentText(sp), raw: strings.TrimSpace(seq[j].Text)})
		if todoSpan.block >= 0 && !sp.open {
			break // the block closed on this line
		}
	}
	return body
}

// labelsLine parses a "labels: a, b" body line, as todo-to-issue writes it.
func labelsLine(text string) ([]string, bool) {
	if len(text) < len("labels:") || !strings.EqualFold(text[:len("labels:")], "labels:") {
		return nil, false
	}
	var labels []string
	for _, l := range strings.Split(text[len("labels:"):], ",") {
		if l = strings.ToLower(strings.TrimSpace(l)); l != "" {
			labels = append(labels, l)
		}
	}
	return labels, true
}

// trimBlankLines drops leading and trailing empty strings.
func trimBlankLines(s []string) []string {
	for len(s) > 0 && s[0] == "" {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] == "" {
		s = s[:len(s)-1]
	}
	return s
}

// startsText reports whether a TODO's text begins like words do: a letter,
// a digit, a quote or a code span, not an arrow or an ellipsis.
func startsText(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("`'\"[(<@#$", r)
}
