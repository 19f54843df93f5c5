package todo

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/analyze"
)

// title suggests the issue title for a TODO: its note, made one sentence;
// and where it stands when the note is too vague to stand alone, or asks
// a question about the code around it: "Add a way to disable this in
// uploadFile (svc/upload.py)", "Is the order correct? (update_skeleton in
// ik_look_at.gd)".
// To fit, the place gets shorter (the path, then the file name), then the
// note.
func title(t todoComment, p string) string {
	text := headline(t)
	if act := laterAction(t, text); act != "" {
		text = act
	}
	if text == "" {
		text = "Resolve the " + t.word + " comment"
	}
	question := strings.HasSuffix(text, "?")
	join := func(pl place) string {
		switch {
		case question && pl.fn != "":
			return text + " (" + pl.fn + " in " + pl.file + ")" // a question keeps its mark last
		case question:
			return text + " (" + pl.file + ")"
		case pl.fn != "":
			return text + " in " + pl.fn + " (" + pl.file + ")"
		}
		return text + " in " + pl.file
	}
	// A note of one word says nothing without its place: gdamore/tcell
	// 5a24730's "TODO: SO" and "TODO: SI" were digest lines titled "SO"
	// and "SI" (round 109).
	if !vague(text) && !pointsElsewhere(text) && !subjectless(text) && !question && len(strings.Fields(text)) > 1 {
		return analyze.ShortenTitle(text, analyze.TitleMax)
	}
	places := placeNames(t.where, p)
	for _, pl := range places {
		if s := join(pl); len(s) <= analyze.TitleMax {
			return s
		}
	}
	// A vague note needs its place more than its words: shorten the note.
	short := join(places[len(places)-1])
	after := short[len(text):]
	return analyze.FitTitle("", text, after)
}

// place is where a TODO is: the function (or type) it sits in, if known,
// and its file.
type place struct{ fn, file string }

// placeNames are the ways to say where a TODO is, from the most to the
// least precise: with the function, then without; each with the path, the
// file's folder and name, the file name alone. Two example programs'
// main.mm differ by their folders. A folder and name that are not the
// whole path start "…/": asottile/pyupgrade's
// tests/features/exceptions_test.py was named "features/exceptions_test.py"
// (round 107), which reads as a path from the top.
func placeNames(where, p string) []place {
	files := []string{p}
	if dir, base := path.Split(p); dir != "" {
		if parent := path.Base(dir); dir != parent+"/" {
			files = append(files, "…/"+parent+"/"+base)
		}
		files = append(files, base)
	}
	var out []place
	if where != "" {
		for _, f := range files {
			out = append(out, place{where, f})
		}
	}
	for _, f := range files {
		out = append(out, place{"", f})
	}
	return out
}

// headline is a TODO's note as a title's first part: its first sentence,
// continued from the next comment line when the note breaks off mid-
// sentence, capitalised, without closing punctuation.
func headline(t todoComment) string {
	text := strings.Join(strings.Fields(t.text), " ")
	// An owner written after the colon, "TODO: (@metcoder95) - remove in
	// further major" (nodejs/undici ab0ecfd), is who, not what; an issue,
	// "TODO(#9639): How do we handle non-utf8 filenames?"
	// (rust-lang/glob a5765f0), where it is tracked.
	if m := ownerPrefixRE.FindString(text); m != "" && len(m) < len(text) {
		text = text[len(m):]
	}
	if aside := strings.TrimRight(text, ":-– "); len(aside) > 2 && aside[0] == '(' && aside[len(aside)-1] == ')' &&
		strings.Count(aside, "(") == 1 && strings.TrimSpace(t.body) != "" {
		// An aside in parentheses after the marker, the note below it:
		// "HACK (and this is a mouthful):" over "The `duration-*-person`
		// units ... are aliased to their base units." (python-babel/babel
		// fcb73a0, titled by the aside; round 69).
		text = strings.Join(strings.Fields(t.body), " ")
	} else if first, rest, _ := strings.Cut(t.body, "\n"); continues(text, first) {
		text += " " + strings.Join(strings.Fields(first), " ")
		// A note wrapped a word or two a line goes on while its lines do:
		// zellij 4a27cee's "do we" / "need" / "file_stem()" / "here too?"
		// (round 145, titled "Do we need").
		for len(strings.Fields(first)) <= 2 && rest != "" {
			var next string
			next, rest, _ = strings.Cut(rest, "\n")
			if !continues(text, next) && !namedInSentence(text, next) {
				break
			}
			text += " " + strings.Join(strings.Fields(next), " ")
			first = next
		}
	} else if item, ok := listCarriesOn(text, first); ok {
		text = strings.TrimSuffix(text, ":") + " " + item
	}
	if code, ok := commentedCodeAfter(text, t.next); ok {
		text += " `" + code + "`"
	}
	if k := sentenceBreak(text); k > 0 {
		text = text[:k]
	}
	text = strings.TrimRight(text, ".:;,- ")
	// A note written inside parentheses, "# (... TODO: a single fallback
	// is OK)" (python-attrs/cattrs 43f7d0f), ends with the one that
	// closes them: not the note's.
	for strings.HasSuffix(text, ")") && strings.Count(text, ")") > strings.Count(text, "(") {
		text = strings.TrimRight(strings.TrimSuffix(text, ")"), ".:;,- ")
	}
	if strings.TrimSpace(text) == "" {
		// Nothing but what was trimmed: a note of only a parenthesis
		// closed ("/* FIXME\n * ) */", found by FuzzDiffReader).
		return ""
	}
	r, size := utf8.DecodeRuneInString(text)
	if first := strings.Fields(text)[0]; r == utf8.RuneError || analyze.KeepsCase(first) {
		// A name of code keeps its case: "uniqueItems and
		// contains/minContains/maxContains are not supported" (zod
		// 92f4798) is not about UniqueItems; nor is "armv8l, packaging
		// pull request #690 ..." (pypa/wheel 0add7d6) about Armv8l.
		return text
	}
	return string(unicode.ToUpper(r)) + text[size:]
}

// actionRE starts a sentence that says what to do.
var actionRE = lazyregexp.New(`^(?:Consider|Remove|Delete|Drop|Replace|Use|Move|Merge|Split|Rename|Switch|Add|Make|Implement|Support|Handle|Avoid|Deprecate|Migrate|Convert|Rewrite|Refactor|Extract|Simplify|Update|Upgrade|Fix|Change|Check|Validate|Cache|Reuse|Expose|Document|Test)\b`)

// laterAction is the sentence of a note that says what to do, when its
// headline only states how things are: "The main benchmarks live in the
// xxhash package now, so the only purpose of this is to compare different
// hash functions. Consider deleting xxhashbench or replacing it with a
// more minimal comparison." (cespare/xxhash e0ea1e3, drafted under its
// first words; round 68). "" when the headline acts already or no later
// sentence of the first three does.
func laterAction(t todoComment, headline string) string {
	if headline == "" || actionRE.MatchString(headline) || strings.HasSuffix(headline, "?") {
		return ""
	}
	// Only the note's first paragraph: one after an empty comment line
	// often labels the code below it, not the note (rust-lang/mdBook
	// 700839f: "TODO: This should validate that the event stack is
	// properly synchronized ...", then "//", then "// Check for unclosed
	// HTML tags when exiting a markdown event." over the loop that does
	// it, was titled by that check: round 98, wrong).
	body, _, _ := strings.Cut(t.body, "\n\n")
	text := strings.Join(strings.Fields(t.text+" "+body), " ")
	if m := ownerPrefixRE.FindString(text); m != "" && len(m) < len(text) {
		text = text[len(m):]
	}
	for range 2 {
		k := strings.Index(text, ". ")
		if k < 0 {
			return ""
		}
		text = text[k+2:]
		if actionRE.MatchString(text) {
			if end := strings.Index(text, ". "); end > 0 {
				text = text[:end]
			}
			return strings.TrimRight(text, ".:;,- ")
		}
	}
	return ""
}

// ownerPrefixRE is an owner in parentheses at the start of a note's text,
// with the dash or colon after it.
var ownerPrefixRE = lazyregexp.New(`^\((?:@?[\w.-]+|[\w./-]*#\d+)\)\s*[-:–—]?\s*`)

// listItem is a line of a Markdown-like list: "- x", "* x", "1. x".
var listItem = lazyregexp.New(`^\s*(?:[-*+]|\d+[.)])\s+(\S.*)$`)

// listCarriesOn returns the first item of the list next opens, lower-cased
// as the rest of a sentence, when text introduces it mid-sentence ("give
// option to:" over "- Run all tests with \n replaced with \r\n",
// BurntSushi/toml 641c3cf, titled "Give option to": round 79).
func listCarriesOn(text, next string) (string, bool) {
	words := strings.Fields(strings.TrimSuffix(text, ":"))
	m := listItem.FindStringSubmatch(next)
	if !strings.HasSuffix(text, ":") || len(words) == 0 || m == nil || !danglingWords[strings.ToLower(words[len(words)-1])] {
		return "", false
	}
	item := strings.Join(strings.Fields(m[1]), " ")
	if first := strings.Fields(item)[0]; !analyze.KeepsCase(first) {
		r, size := utf8.DecodeRuneInString(item)
		item = string(unicode.ToLower(r)) + item[size:]
	}
	return item, true
}

// continues reports whether next carries on the sentence text breaks off.
func continues(text, next string) bool {
	next = strings.TrimSpace(next)
	if text == "" || next == "" || strings.ContainsRune(".!?:", rune(text[len(text)-1])) {
		return false
	}
	if !strings.ContainsAny(next, " \t") && strings.HasSuffix(next, ":") {
		// One word and a colon opens a block (a YAML key, a label): the
		// commented-out code the note is about, "# TODO: rustfmt" over
		// "#  rustfmt:" (tailhook/humantime 06e4eda).
		return false
	}
	// Emphasis, code or a quotation may open the next line: "this is a
	// lone" / "_trailing_ surrogate" (serde-rs/json f50e296), "the problem
	// is that this is an" / "\"implied key\", which is recorded"
	// (BurntSushi/toml 8a1e523).
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(next, "_*`\"'"))
	if unicode.IsLower(r) {
		return true
	}
	// A sentence does not end on "to" or "the": what follows is its
	// object, a name of code perhaps ("in the next major version of yargs,
	// switch to" / "Object.create(null) for dot notation", yargs/
	// yargs-parser 195bc4a, titled "..., switch to": round 77).
	words := strings.Fields(text)
	return danglingWords[strings.ToLower(words[len(words)-1])]
}

// commentedCodeAfter is the code a note that breaks off on a dangling
// word names on its next line, when that line is commented-out code the
// note's body stops at: mitsuhiko/insta 04a98c3's "remove fallback to"
// over `// self.scan_nested_macros(&tokens)` was titled "... remove
// fallback to in FilePatcher" (round 159). One expression of code, no
// blanks, 60 bytes at most.
func commentedCodeAfter(text, next string) (string, bool) {
	words := strings.Fields(text)
	if len(words) == 0 || !danglingWords[strings.ToLower(words[len(words)-1])] {
		return "", false
	}
	var code string
	switch {
	case strings.HasPrefix(next, "//"):
		code = strings.TrimSpace(strings.TrimLeft(next, "/"))
	case strings.HasPrefix(next, "#"):
		code = strings.TrimSpace(strings.TrimLeft(next, "#"))
	default:
		return "", false
	}
	if code == "" || len(code) > 60 || strings.ContainsAny(code, " \t`") || !strings.ContainsAny(code, "(.:") {
		return "", false
	}
	return strings.TrimRight(code, ";"), true
}

// danglingWords end no sentence: an article, a preposition, a conjunction.
var danglingWords = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "of": true, "for": true, "with": true, "in": true, "on": true,
	"by": true, "from": true, "into": true, "and": true, "or": true, "than": true, "as": true, "at": true, "via": true,
}

// sentenceBreak is where text's first sentence ends (at its period, after
// its question or exclamation mark), or -1: a ". ", "? " or "! " followed
// by a capital, not within the first words: a statement of three words or
// fewer says too little alone ("Be more lenient. Return +/-Infinity or
// +/-0 instead", dtolnay/ryu 47b204b), and the next one goes with it.
func sentenceBreak(text string) int {
	for k := 12; k+1 < len(text); k++ {
		c := text[k]
		if (c != '.' && c != '?' && c != '!') || text[k+1] != ' ' {
			continue
		}
		if c == '.' && len(strings.Fields(text[:k])) <= 3 && !vague(text[:k]) {
			// A question is one whole, however short; a vague statement
			// ("Need to revisit. See 38f5e5a") gets its place instead.
			continue
		}
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[k+2:], " "))
		if !unicode.IsUpper(r) {
			continue
		}
		if c == '.' {
			return k
		}
		return k + 1 // a question keeps its mark: it says what the note is
	}
	return -1
}

// deictic words point at something the comment does not name.
var deictic = map[string]bool{
	"this": true, "that": true, "it": true, "here": true, "these": true, "those": true,
	"them": true, "above": true, "below": true, "something": true, "stuff": true,
}

// generic words say that something is to be done without saying what: a
// note made only of them ("Need to revisit", "cleanup later") is vague.
var generic = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "be": true, "is": true, "needs": true,
	"need": true, "should": true, "must": true, "maybe": true, "later": true, "revisit": true,
	"fix": true, "cleanup": true, "clean": true, "up": true, "refactor": true, "improve": true,
	"rework": true, "check": true, "hack": true, "hacky": true, "temporary": true, "temp": true,
	"wip": true, "todo": true, "fixme": true, "implement": true, "handle": true, "remove": true,
	"delete": true, "test": true, "tests": true, "please": true, "someday": true, "again": true,
}

// vague reports whether a TODO's note says too little to stand alone as a
// title: made only of generic words ("Need to revisit", "fix"), or a few
// words pointing at what they do not name ("Add a way to disable this",
// "This is a bit of a hack"), unless something in them names code (an
// identifier, a call, a code span, a path).
func vague(text string) bool {
	words := strings.Fields(text)
	if len(words) > 8 {
		return false
	}
	if pointsElsewhere(text) {
		return true
	}
	onlyGeneric := true
	for _, w := range words {
		if analyze.NamesCode(w) {
			return false // names code or a place
		}
		onlyGeneric = onlyGeneric && generic[strings.ToLower(strings.TrimRight(w, ".,;:!?"))]
	}
	return onlyGeneric || len(words) <= 2
}

// pointsElsewhere reports a note of up to maxPointingWords that points at
// what it does not name and names no code: clear enough as a task to
// draft (not vague), but its title needs its place to be understood:
// sindresorhus/p-limit's "TODO: I will move this to a proper package at
// some point" (11 words) says nothing of which script it is about;
// typer's "TODO: evaluate whether we need to keep this in Typer" (9)
// nothing of which branch. Longer notes most often say what "this" is
// along the way.
func pointsElsewhere(text string) bool {
	words := strings.Fields(text)
	if len(words) > maxPointingWords {
		return false
	}
	pointing := false
	for _, w := range words {
		if analyze.NamesCode(w) {
			return false
		}
		pointing = pointing || deictic[strings.ToLower(strings.TrimRight(w, ".,;:!?"))]
	}
	return pointing
}

// subjectless reports a note of up to maxPointingWords that opens with a
// modal verb and leaves its subject to the code below it:
// BurntSushi/toml's "Should include \"a\"" (a row of a test table),
// imgui's "Should be called 'UserData'" (a field). Its title says where.
func subjectless(text string) bool {
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > maxPointingWords {
		return false
	}
	return modalWords[strings.ToLower(strings.TrimRight(words[0], ".,;:!?"))]
}

// modalWords open a note that has no subject of its own.
var modalWords = map[string]bool{
	"should": true, "shouldn't": true, "could": true, "couldn't": true, "would": true, "wouldn't": true,
	"might": true, "must": true, "mustn't": true, "can": true, "cannot": true, "can't": true,
	"will": true, "won't": true, "needs": true,
}

// maxPointingWords bounds the notes pointsElsewhere looks at.
const maxPointingWords = 12
