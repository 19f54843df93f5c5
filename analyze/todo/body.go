package todo

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// bodyLine is one comment line following a TODO.
type bodyLine struct {
	text string // without comment markers
	raw  string // as in the source, trimmed
}

// buildTODO assembles the TODO on line i of a hunk: its text, the comment
// lines that follow it (its body), and "labels:" lines within them.
func buildTODO(lang *language, seq []analyze.Line, lines []scannedLine, i int) (todoComment, bool) {
	sl := lines[i]
	t := todoComment{word: sl.mark.word, text: sl.mark.rest, ref: sl.mark.ref, tag: sl.mark.tag}
	var body []bodyLine
	if sl.hit >= 0 && sl.hit < len(sl.spans) {
		if text, ok := asideText(sl.spans[sl.hit].text, t.text); ok {
			t.text = text // an aside in parentheses: the lines below are the comment's
		} else {
			body = collectBody(lang, seq, lines, i)
		}
	} else {
		body = collectBody(lang, seq, lines, i)
	}

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
	if t.text == "" && len(texts) > 0 && !commentedOut(texts[0]) {
		t.text, texts = texts[0], trimBlankLines(texts[1:])
	}
	if t.text == "" {
		return todoComment{}, false
	}
	t.body = strings.Join(texts, "\n")
	if t.body == "" && bareDoubt(t.text) || labelOnly(t.text, t.body) {
		return todoComment{}, false
	}

	excerpt := []string{strings.TrimSpace(seq[i].Text)}
	for _, b := range body[:last+1] {
		if len(excerpt) == todoExcerptLines {
			break
		}
		excerpt = append(excerpt, b.raw)
	}
	t.excerpt = strings.Join(excerpt, "\n")
	if j := i + 1 + len(body); j < len(seq) {
		t.next = strings.TrimSpace(seq[j].Text)
	}
	return t, true
}

// asideText is the text of a note written as an aside in parentheses,
// "(... TODO: a single fallback is OK)": rest (the text after the marker)
// up to the parenthesis that closes the one open before the marker in
// comment. ok is false for a note that is no aside. python-attrs/cattrs
// 43f7d0f wrote that aside above "#  - it must be *required*" and "#  -
// it must always be enumerated", the discriminator's rules, and the draft
// quoted them as what the note asks, with its ")" (round 128, wrong).
func asideText(comment, rest string) (string, bool) {
	k := strings.LastIndex(comment, rest)
	if k < 0 || rest == "" {
		return "", false
	}
	open := strings.Count(comment[:k], "(") - strings.Count(comment[:k], ")")
	if open <= 0 {
		return "", false
	}
	depth := 0
	for j := 0; j < len(rest); j++ {
		switch rest[j] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return strings.TrimSpace(rest[:j]), true
			}
			depth--
		}
	}
	return "", false
}

// collectBody returns the comment lines that continue the TODO on line i:
// the rest of its block comment, or the whole-line comments below its line
// comment. It stops at code, at another TODO and at the end of the hunk.
func collectBody(lang *language, seq []analyze.Line, lines []scannedLine, i int) []bodyLine {
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
		if todoSpan.block < 0 && sp.marker == "//" && docComment(todoSpan.text) != docComment(sp.text) {
			// "///" or "//!" under "//" is another comment: the doc of
			// what follows (crossbeam b23b7e8: a HACK's rationale, then
			// "/// # Safety" of the function below it).
			break
		}
		text := lang.commentText(sp)
		if todoSpan.block >= 0 && docTag(text) {
			break // the next tag of a doc comment (@param, @return)
		}
		last := todoSpan.text
		if len(body) > 0 {
			last = body[len(body)-1].text
		}
		if commentedOutCode(text) && !namedInSentence(last, text) || sp.marker == "#" && commentedOutItemRE.MatchString(strings.TrimSpace(text)) {
			break // code kept for later, not words of the note
		}
		if directiveRE.MatchString(text) {
			// A directive to a linter or compiler for the line below:
			// sindresorhus/p-queue a6096de's "TODO: Remove this fallback
			// in the next major version" over "eslint-disable-next-line
			// @typescript-eslint/no-deprecated" was titled with both
			// (round 78, wrong).
			break
		}
		if otherMarkerRE.MatchString(text) {
			// Another note starts: seanmonstar/reqwest d99e90d's TODO
			// quoted the "SAFETY: ..." justifying the unsafe block below.
			break
		}
		body = append(body, bodyLine{text: text, raw: strings.TrimSpace(seq[j].Text)})
		if todoSpan.block >= 0 && !sp.open {
			break // the block closed on this line
		}
	}
	return body
}

// commentedOutCodeRE matches a comment line that is code rather than
// words: a call or an assignment at its start that closes the line (
// "NSLog(\"URLSession: ...\")", "x = f(y);"), or a line ending as a
// statement or a block does (";", "{"). Prose in parentheses
// ("(breaking change for the lower-level static API)") starts with none.
// A call left open on its line too: h3's bare "// TODO" over "//
// expect(" and the lines of the call under it was titled "expect( await
// t" (round 102, noise).
var commentedOutCodeRE = lazyregexp.New(`^[A-Za-z_$][\w$.]*(\(.*\)|\s*=[^=].*)[;,]?$|^[A-Za-z_$][\w$.]*\($|[;{]$`)

// namedInSentence reports a line that is only a call's name, `name()`,
// in the middle of a sentence the line before leaves open: rustfmt wraps
// zellij 4a27cee's "TODO: do we need file_stem() here too?" one word a
// line, and the note was quoted as "do we need" (round 145, wrong).
func namedInSentence(before, text string) bool {
	before = strings.TrimSpace(before)
	return bareCallRE.MatchString(strings.TrimSpace(text)) && before != "" && !strings.ContainsRune(".!?:;{}(", rune(before[len(before)-1]))
}

// bareCallRE is a name called with nothing: `file_stem()`.
var bareCallRE = lazyregexp.New(`^[A-Za-z_$][\w$.]*\(\)$`)

// commentedOutItemRE is a list entry of YAML put aside under a "#" note:
// rust-lang/cc-rs 29431fa wrote "# FIXME: needs deployment target" three
// times, over "# - armv7s-apple-ios", "# - i386-apple-ios # Simulator"
// and "# - arm64_32-apple-watchos", and the draft quoted the first target
// for all three (round 75, wrong). One hyphenated name is a value, not
// words.
var commentedOutItemRE = lazyregexp.New(`^-\s+[\w.]+(?:-[\w.]+)+(?:\s+#.*)?$`)

// commentedOutCode reports whether a comment line continuing a note is
// code put aside (Alamofire e7d8c0d: "// TODO: Add event monitor method."
// over "//        NSLog(...)"): the note's body stops there.
func commentedOutCode(text string) bool {
	return commentedOutCodeRE.MatchString(strings.TrimSpace(text))
}

// directiveRE is a comment line addressed to a tool, not a reader.
// A file-level pragma too: frozenlist 822ac6d's bare "# FIXME:" over "#
// mypy: disable-error-code=\"misc\"" was titled by the pragma (round 100,
// noise). And a type test's expectation: jquense/yup 366f7d8's "FIXME:
// should not be undefined" over "$ExpectType {} | undefined" was quoted
// with it, and its twin over another type said to be in the same words
// (round 104, wrong).
var directiveRE = lazyregexp.New(`^\s*(?:eslint-disable|\$Expect(?:Type|Error)\b|stylelint-disable|eslint-enable|eslint |@ts-(?:ignore|expect-error|nocheck)|prettier-ignore|istanbul ignore|c8 ignore|biome-ignore|deno-lint-ignore|nolint\b|noqa\b|type:\s*ignore|pylint:|pyright:|mypy:|pyre-|ruff:|isort:|fmt:\s*(?:off|on|skip)|flake8:|NOLINT|clang-format|rubocop:|jshint|jscs:|tslint:)`)

// otherMarkerRE is a comment line that starts a note of another kind:
// "SAFETY:", "NOTE:", "WARNING:" and their like. (A marker word the
// settings turned off is words of the note.)
var otherMarkerRE = lazyregexp.New(`^\s*(?:SAFETY|NOTE|NB|WARNING|WARN|CAUTION|IMPORTANT|INVARIANT|PANICS|SECURITY)\s*:(\s|$)`)

// commentedOut reports a comment line under a bare marker that is itself
// commented out: a comment of the text put aside ("# # Apply clippy
// lints" over a disabled CI job, tokio-rs/bytes 64fe7e1) rather than the
// note's words. A bare marker over it says nothing to draft.
func commentedOut(text string) bool {
	return commentLeaderRE.MatchString(text) || commentedOutCode(text)
}

// commentLeaderRE is a line that starts as a comment does ("# x", "//",
// "-- x"); "#123 ..." names an issue.
var commentLeaderRE = lazyregexp.New(`^\s*(#(\s|#|$)|//|--(\s|$))`)

// docComment reports whether the text of a "//" comment makes it a
// documentation comment: "///" or "//!" (Rust, C#, Swift, Dart).
func docComment(text string) bool {
	return strings.HasPrefix(text, "/") || strings.HasPrefix(text, "!")
}

// docTag reports whether text starts with a documentation tag: @param,
// @returns, \brief.
func docTag(text string) bool {
	return len(text) > 1 && (text[0] == '@' || text[0] == '\\') && isLetter(text[1])
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

// doubtWords make up a note that doubts the code below it without saying
// what of it or why: "why is this needed? And why is this only needed
// here?" (BurntSushi/toml 7d0236f), "Necessary?" (imgui), "never
// reached" (toml b535ff8).
var doubtWords = map[string]bool{
	"why": true, "what": true, "is": true, "are": true, "was": true, "do": true, "does": true, "did": true,
	"we": true, "i": true, "need": true, "needs": true, "needed": true, "necessary": true, "required": true,
	"this": true, "that": true, "it": true, "these": true, "really": true, "still": true, "here": true,
	"only": true, "and": true, "correct": true, "right": true, "ok": true, "okay": true, "useful": true,
	"used": true, "never": true, "reached": true, "reachable": true, "unreachable": true, "ever": true,
}

// bareDoubt reports a note made only of doubt words (a question, or a
// remark of three words at most) with no comment lines under it: it asks
// nothing a maintainer could act on, as an issue or a line of the digest
// (judged noise in imgui's "Necessary?" and toml's "why is this needed?",
// rounds 1 and 79). A doubt that says more ("never reached? I think this
// can only occur on a bug in the lexer") is a note like any other.
func bareDoubt(text string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '?' || r == '.' || r == ',' || r == '!'
	})
	if len(words) == 0 || !strings.Contains(text, "?") && len(words) > 3 {
		return false
	}
	for _, w := range words {
		if !doubtWords[w] {
			return false
		}
	}
	return true
}

// statusLabelRE opens a note that labels the code rather than asks for
// work: its status ("XXX legacy", "XXX deprecated", "XXX experimental.
// This method is a way to denote ...") or who proposed it ("XXX As
// proposed by \"Redsandro\"", "XXX Mark Miller's proposed parlance",
// "XXX Based on \"Redsandro's\" proposal"): kriskowal/q labels its API so,
// twelve such notes drafted as a to-do list (round 82, noise).
var statusLabelRE = lazyregexp.New(`(?i)^\W*(?:(?:deprecated|legacy|experimental|unstable|obsolete|internal|private|beta|alpha)\b|(?:as\s+)?proposed\s+by\b|based\s+on\b.*\bpropos|.*\bproposed\s+parlance\b|courtesy\s+of\b|credit\s+to\b)`)

// workWordRE is a word that asks for a change, which a label does not.
var workWordRE = lazyregexp.New(`(?i)\b(remove|drop|delete|replace|fix|change|rename|move|switch|implement|add|make|should|must|need|needs|until|once|when|todo)\b`)

// workLineRE is a comment line that asks for a change.
var workLineRE = lazyregexp.New(`(?i)^\W*(remove|drop|delete|replace|fix|change|rename|move|switch|implement|add|use)\b`)

// labelOnly reports a note that only labels the code below it (a status,
// an attribution) and asks for no change: not in its first line, nor by a
// comment line under it that starts with what to do ("XXX deprecated" over
// "remove in v2" is a task). What the lines under a label explain
// ("This method is a way to denote ...") is no request.
func labelOnly(text, body string) bool {
	if !statusLabelRE.MatchString(text) || workWordRE.MatchString(text) {
		return false
	}
	for _, l := range strings.Split(body, "\n") {
		if workLineRE.MatchString(l) {
			return false
		}
	}
	return true
}
