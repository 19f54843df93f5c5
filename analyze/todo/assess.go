package todo

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
)

// Confidence levels of TODO findings: how sure the detector is that the
// comment is worth an issue. They rank findings waiting for the draft
// budget, so only their order matters.
const (
	confidenceTracked  = 0.2  // the marker names the issue that tracks it
	confidenceVague    = 0.3  // "fix this", "cleanup"
	confidenceQuestion = 0.45 // "Is the order correct?": a doubt, not a task
	confidenceNote     = 0.6  // a specific note
	confidenceDetailed = 0.7  // a specific note of five words or more
	confidenceDefect   = 0.85 // it names a defect
	confidenceBug      = 0.9  // a bug-word (FIXME, BUG) naming a defect
)

// defectWords name a defect in the code; severeWords the defects that
// lose data, crash, race or open a hole, which a bug-word makes urgent.
var (
	defectWords = lazyregexp.New(`(?i)\b(bugs?|broken|wrong|incorrect(ly)?|fails?|failing|leaks?|leaking|overflows?|underflow|hangs?|infinite loop|off[- ]by[- ]one|nil pointer|null pointer|npe|undefined behaviou?r|crash(es|ed|ing)?|panics?|segfaults?|data loss|los(e|es|ing) data|corrupt(s|ed|ion|ing)?|security|vulnerab\w*|exploit\w*|injection|xss|csrf|races?|racy|data race|deadlocks?|use[- ]after[- ]free)\b`)
	severeWords = lazyregexp.New(`(?i)\b(crash(es|ed|ing)?|panics?|segfaults?|data loss|los(e|es|ing) data|corrupt(s|ed|ion|ing)?|security|vulnerab\w*|exploit\w*|injection|xss|csrf|races?|racy|data race|race condition|deadlocks?|use[- ]after[- ]free|buffer overflow)\b`)
)

// namesIssue finds an issue named in a TODO's text: "(#9355)", "see #12",
// "GH-7", a link to an issue or pull request, on its own line or the
// comment lines that carry it on ("... for backward compatibility, / see
// https://github.com/google/gson/issues/2787", gson a2b1c3c).
// saysTracked is a note that says, in words, that a ticket holds the
// work: "the 'real' solve here is to make sharing common arguments
// between tasks a first class citizen; there's tickets for that"
// (pyinvoke/invoke cfc0c29, round 106, noise).
var saysTracked = lazyregexp.New(`(?i)\bthere(?:'s| is| are)\s+(?:an?\s+|already\s+(?:an?\s+)?|open\s+)?(?:tickets?|issues?|bug reports?)\s+(?:for|about|open|filed|tracking)\b|\b(?:tracked|filed)\s+(?:upstream|in\s+(?:an?\s+|the\s+)?(?:ticket|issue))`)

// whenNeeded is a note for work a need that has not come yet would ask
// for: "once needed", "when proven/needed elsewhere", "if ever needed".
var whenNeeded = lazyregexp.New(`(?i)\b(?:once|when|if(?:\s+ever)?)\s+(?:\w+/)?(?:needed|required|proven)\b(?:/\w+)?\s*(?:elsewhere|again|later|by\s+\w+)?\s*[.!)]?\s*$`)

// refersOnly is a note that only points at another note or place: "see
// run() TODOs" (fabric/fabric 26ae6d18, round 108, noise), "ditto", "same
// as above", "for the same reason as OpenBSD". The work, if any, is the
// other note's.
var refersOnly = lazyregexp.New(`(?i)^(?:see\s+(?:\S+\s+){0,3}?(?:todos?|fixmes?|notes?|comments?|above|below)|see\s+above|see\s+below|ditto|same\s+(?:as\s+(?:above|below|before)|here|again)|(?:for\s+)?the\s+same\s+reason\s+as\s+\S+(?:\s+\S+)?)[.!]?$`)

// alternativeRE is a note that offers another way than the note before
// it, or says the same of other code ("ditto the interplay ...",
// paramiko/paramiko fd06863, beside the note it continues: round 109,
// noise).
var alternativeRE = lazyregexp.New(`(?i)^\s*(?:alternate(?:ly)?|alternatively|or else|or instead|ditto)\b`)

// dismissesItself is a note that answers itself no: "passphrase? OTOH
// since this is aimed at the agent...irrelephant" (paramiko/paramiko
// e366e07, round 109, noise), "... ehh", "... meh".
var dismissesItself = lazyregexp.New(`(?i)(?:\birrelevant|\birrelephant|\bmeh|\behh+|\bprobably not|\bnot worth it|\bnever ?mind)\W*$`)

var namesIssue = lazyregexp.New(`(^|[\s(\[])(#[0-9]{2,}|GH-[0-9]+)\b|/(issues|pull)/[0-9]+`)

// waitsForVersion finds a note that waits for a runtime or toolchain
// version, or for the project's own next breaking release. Each
// alternative is one way of saying so, with where it was seen. The
// detector asks it split in two (waitsForVersionIn); whole, it is what
// the split must answer (versiongate_test.go).
var waitsForVersion = lazyregexp.New(`(?i)` + strings.Join(versionWays, "|"))

// versionWays are waitsForVersion's alternatives.
var versionWays = []string{
	// "move to typing when Python >= 3.13" (requests 561e4b6), "once we
	// drop Node 18"
	`\b(when|once|after|until)\b[^.;]{0,40}?\b(python\s*(>=|>|3)|node(\.js)?\s*(>=|>)\s*\d|node\.js\s*\d|node\s*[1-9]\d\b|go\s*(>=|>)?\s*1\.\d+|rust\s*(>=|>)?\s*1\.\d+|java\s*(>=|>)?\s*\d+|jdk\s*\d+)`,
	// "when MSRV is updated" (axum 183ace3)
	`\bMSRV\b`,
	// "remove once we drop support for Go <1.20" (go-viper/mapstructure
	// a93507f)
	`\bdrop(ping)?\s+(support\s+for\s+)?(python|node(\.js)?|go|rust|java)\s*(<=?|>=?)?\s*v?\d`,
	// "remove when deprecating Pydantic v1" (tiangolo/sqlmodel fa2f178,
	// eleven notes in two drafts: round 147, noise): a dependency's major
	// dropped some day.
	`\b(when|once|after|until)\s+(we\s+)?(deprecat(e|ing)|drop(ping)?|remov(e|ing))\s+(support\s+for\s+)?(?-i:[A-Z])[\w.-]+\s+v?\d+(\.\d+)*\b`,
	// "Remove when we drop 32 bit support (and from ...)" (aio-libs/aiohttp
	// reader_py.py, round 124, noise), "once we drop support for
	// Windows 7": a platform's support, dropped some day.
	`\b(when|once|after|until)\s+(we\s+)?(can\s+)?drop(ping)?\s+(support\s+for\b|[\w .-]{1,24}?\s+support\b)`,
	// "Remove in the next major version" (sindresorhus/got 20633bc),
	// "remove in further major" (nodejs/undici ab0ecfd)
	`\b(in|for|with|until|before|at)\s+(the\s+|a\s+)?(next|further|future|later)\s+(major|breaking)\b`,
	// "TODO: next major release" alone (thephpleague/oauth2-server
	// 8c7aec5, drafted as "Next major release"; round 71)
	`^\W*(the\s+)?(next|future)\s+(major|breaking)(\s+(release|version))?\s*([:.!-]|$)`,
	// "remove in Rust 1.77" (tokio-rs/tracing dbeaa11)
	`\b(in|with)\s+(python|node(\.js)?|rust|go|java|jdk)\s*v?\d+(\.\d+)+\b`,
	// "Cannot be done without breaking binary compat" (apache/commons-lang)
	`\b(cannot|can't|can not|couldn't|could not|impossible|not possible)\b[^.;]{0,40}?\bwithout\s+breaking\b`,
	// "Remove this conditional check in 3.0", "For 3.0: Just make them
	// tight by default" (thephpleague/commonmark 2.x; round 86): a major
	// release written as N.0
	// "Remove in Falcon 5.0", "Remove this placeholder altogether in
	// Falcon 5.0" (falconry/falcon; round 94: six drafts, trivial): the
	// project's name may come before it.
	`\b(in|for|until|before|with)\s+(the\s+)?((?-i:[A-Z])[\w.-]+\s+)?[1-9]\d*\.0\b(\s*[:,.;)]|\s+(release|version)|\s*$)`,
	// "Remove the line below once PHP 7.4 support is dropped" (commonmark)
	`\b(when|once|after|until)\b([^.;]|\.\d){0,40}?\bsupport\s+(is|gets|has\s+been)\s+(dropped|removed)\b`,
	// "change it to UV_NOTDIR in v2" (libuv); "in v8" is the JavaScript
	// engine more often than a version
	`\b(in|for|until|before|with)\s+(the\s+)?(v([0-79]|\d\d+|8\.\d)(\.\d+)*|version\s+\d+(\.\d+)*)\b`,
	// "when Vite < 7 is no longer supported" (tailwindlabs/tailwindcss
	// bc6e4b8): a capitalised name compared with a version
	`\b(when|once|after|until)\b[^.;]{0,40}?\b(?-i:[A-Z])[\w.-]{2,}\s*(<=?|>=?)\s*v?\d+`,
	`\b(when|once|after|until)\b[^.;]{0,60}?\bno\s+longer\s+supported\b`,
	// "Once feature(exhaustive_patterns) is stable" (serde-rs/serde): a
	// language feature's stabilisation is a toolchain release
	`\b(when|once|after|until)\b[^.;]{0,40}?\bfeature\s*\([^)]*\)\s+(is|are|gets?|becomes?)\s+stable\b`,
	`\b(when|once|after|until)\b[^.;]{0,60}?\b(is|are|gets?|gotten|becomes?|been)\s+stabili[sz]ed\b`,
	// "Replace UnsafeCell with SyncUnsafeCell once stabilized"
	// (matklad/once_cell fae9f73)
	`\b(when|once|after|until)\s+stabili[sz]ed\b`,
	// "Replace with Deno.consoleSize(Deno.stdout.rid) once this feature is
	// stable" (yargs/yargs): a platform's feature
	`\b(when|once|after|until)\s+(this|the|that)\s+(feature|api)\s+(is|becomes|gets)\s+stable\b`,
	// "Remove after minimum Go version is >=1.22", "sort keys before
	// iterating (once Go version is updated)" (spf13/cast be32ef7)
	`\b(when|once|after|until)\b[^.;]{0,40}?\b(go|python|node(\.js)?|rust|java)\s+version\s+(is\s+|gets\s+)?((>=|>)\s*v?\d+(\.\d+)*|at\s+least\s+v?\d+|updated|bumped|raised)`,
	// "Replace with core::hint::{likely, unlikely} once they are
	// stable" (rust-lang/hashbrown): the toolchain's, as above
	`\b(when|once|after|until)\s+(they|it|these|those)\s+(are|is|become|becomes|get|gets)\s+stable\b`,
	// "We should re-litigate this once regex-automata 0.3 is out"
	// (BurntSushi/bstr 6df1c9d): a dependency's named release
	`\b(when|once|after|until)\s+[a-z][\w@/.-]*\s+v?\d+(\.\d+)+\s+(is|gets|has\s+been|comes)\s+(out|released|published|available|shipped)\b`,
}

// waitsForVersion is asked as two expressions: the alternatives that
// start with "when", "once", "after" or "until", asked only of notes that
// hold one of those words, and the others. Most notes the words and digits
// of mayWaitForVersion let through hold none of the four, and one long
// expression tried every alternative at every place of every note.
var (
	waitsAfterWord = lazyregexp.New(`(?i)` + strings.Join(waysAfterWord(true), "|"))
	waitsOtherwise = lazyregexp.New(`(?i)` + strings.Join(waysAfterWord(false), "|"))
)

// waitWords start the alternatives of waitsAfterWord, written
// waitWordsPrefix.
var (
	waitWords       = []string{"when", "once", "after", "until"}
	waitWordsPrefix = `\b(` + strings.Join(waitWords, "|") + `)`
)

// waysAfterWord are the alternatives of versionWays that start with one of
// waitWords (with true), or the others.
func waysAfterWord(after bool) []string {
	var out []string
	for _, w := range versionWays {
		if strings.HasPrefix(w, waitWordsPrefix) == after {
			out = append(out, w)
		}
	}
	return out
}

// waitsForVersionIn is waitsForVersion.MatchString(s), asked as
// waitsAfterWord and waitsOtherwise.
func waitsForVersionIn(s string) bool {
	if waitsOtherwise.MatchString(s) {
		return true
	}
	for _, w := range waitWords {
		// The words are ASCII letters that fold onto no other letter.
		if analyze.ContainsFold(s, w) {
			return waitsAfterWord.MatchString(s)
		}
	}
	return false
}

// waitsForRelease reports a note that waits for a version: said in its
// text (waitsForVersion), by starting with the release it is for
// (versionTag), or by a toolchain version as its marker's owner.
func waitsForRelease(t todoComment) bool {
	return (mayWaitForVersion(t.text) || mayWaitForVersion(t.body)) && waitsForVersionIn(t.text+"\n"+t.body) ||
		waitsForSupport(t.text) || waitsForRollout(t.text) || waitsForRollout(headline(t)) || versionTag(t.text) ||
		strings.Contains(t.excerpt, "(") && versionOwnerRE.MatchString(t.excerpt)
}

// versionWords are the words every way waitsForVersion has of saying so
// holds one of, when it holds no digit: the expression is long, asked of
// every note, and most notes hold none of them.
var versionWords = []string{"python", "msrv", "support", "major", "breaking", "stab", "version"}

// mayWaitForVersion reports whether s holds a digit or one of
// versionWords: whether waitsForVersion may match in s. A byte past ASCII
// answers yes, as a case-blind expression matches some of those letters
// to an ASCII one (K, the Kelvin sign, is k).
func mayWaitForVersion(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c >= '0' && c <= '9' {
			return true
		}
	}
	for _, w := range versionWords {
		if analyze.ContainsFold(s, w) {
			return true
		}
	}
	return false
}

// rolloutRE is a note that waits for a feature of the project's to ship
// or an option of it to go: "remove this else block once data collection
// is released", "Delete this block once data collection has been
// completely rolled out", "Remove this once `send_default_pii` is
// deprecated" (getsentry/sentry-python: four drafts, round 95, trivial).
// Group 1 is what is waited for.
//
// Or for one to come: "Update `StyleEdition::Edition2027` logic when
// `rustc_span::edition::Edition::Edition2027` becomes available in the
// compiler", "Should update macro when default_2027 becomes available"
// (rust-lang/rustfmt: drafts judged noise in round 137, an edition the
// compiler does not have yet), "once let chains are stabilized".
var rolloutRE = lazyregexp.New(`(?i)\b(?:when|once|after|until)\s+([^.;]{1,60}?)\s+(?:(?:is|are|gets?|has\s+been|have\s+been)\s+(?:completely\s+|fully\s+)?(?:released|rolled\s+out|deprecated|shipped|generally\s+available|stabili[sz]ed)|becomes?\s+(?:available|stable))\b`)

// heldThings are what code releases that no release plan ships: "retry
// once the lock is released".
var heldThings = lazyregexp.New(`(?i)\b(?:lock|locks|mutex|semaphore|resource|resources|handle|memory|buffer|connection|reference|ref|gil|file|slot|lease|key|button|mouse)\b`)

// waitsForRollout reports a note that waits for the project's own feature
// or deprecation (rolloutRE).
func waitsForRollout(text string) bool {
	m := rolloutRE.FindStringSubmatch(text)
	return m != nil && !heldThings.MatchString(m[1])
}

// waitsForSupport finds a note that waits for a dependency's release to
// support a version or to fix something: "remove ignore until neostandard
// support ESLint 10" (fastify/fastify 3e04cff), "Remove `type: ignore`
// when wsproto fixes the type annotation" (encode/uvicorn 917aff0).
// "Drop this config when cross is updated to support loongarch64-linux-gnu"
// (rust-lang/hashbrown Cross.toml) too.
// "until it supports 2 modes", "once we fix the parser" wait for no
// release: a pronoun or an article is no dependency's name (ownSubjects).
func waitsForSupport(text string) bool {
	for _, m := range supportRE.FindAllStringSubmatch(text, -1) {
		if !ownSubjects[strings.ToLower(m[1])] {
			return true
		}
	}
	// A platform named with a capital needs no version: "Do this when
	// ESM supports loader hooks", "Make it this when TS suports that"
	// (chalk/chalk).
	for _, m := range platformSupportRE.FindAllStringSubmatch(text, -1) {
		if !ownSubjects[strings.ToLower(m[1])] && unicode.IsUpper(rune(m[1][0])) {
			return true
		}
	}
	return false
}

var (
	platformSupportRE = lazyregexp.New(`\b(?:when|once|after|until)\s+([\w@/.-]+)\s+sup{1,2}orts?\b`)
	supportRE         = lazyregexp.New(`(?i)\b(?:when|once|after|until)\s+([\w@/.-]+)\s+(?:(?:supports?|is\s+compatible\s+with)\s+(?:[A-Za-z][\w.-]*\s+)?v?\d+(?:\.\d+)*\b|(?:fix(?:es)?|resolves?)\s|(?:is|gets|has\s+been)\s+(?:updated|upgraded)\s+to\s+support\b)`)
	// ownSubjects stand for the project's own code, or for no name at
	// all: "until it supports 2 modes", "when the parser fixes ...".
	ownSubjects = map[string]bool{"it": true, "this": true, "that": true, "we": true, "they": true, "he": true, "she": true, "you": true, "one": true,
		"the": true, "a": true, "an": true, "someone": true, "somebody": true, "i": true}
)

// versionTag reports a note that starts by naming the release it is for:
// "Svelte 6: Decide if we want to keep this logic", "Svelte@6 think about
// removing the callback argument", "6.0 this is used to control bind:this
// timing" (sveltejs/svelte be36c93, d86cb5c). "Step 2: ..." and its kind
// count steps, not releases.
func versionTag(text string) bool {
	if versionAtRE.MatchString(text) || majorDotZeroRE.MatchString(text) {
		return true
	}
	m := namedVersionRE.FindStringSubmatch(text)
	return m != nil && !countedWords[strings.ToLower(m[1])]
}

// versionOwnerRE is a marker whose owner is a toolchain version:
// "TODO(≥go1.18): Use any instead of interface{}" (google/go-cmp 4664e24);
// or the project's next major: "TODO(v2): this should have accepted an
// io.Writer, not *bytes.Buffer." (lib/pq writes a dozen; round 91, drafts
// judged trivial), "TODO(next-major):".
var versionOwnerRE = lazyregexp.New(`(?i)\b(TODO|FIXME|XXX|HACK)\(\s*(?:(≥|>=|>|≤|<=|<)?\s*(go|py|python|node|rust|java|jdk|msrv)\s*v?\d+(\.\d+)*|v\d+(?:\.0)*|next[- _]?major|breaking(?:[- _]change)?)\s*\)`)

var (
	versionAtRE    = lazyregexp.New(`^\s*[A-Za-z][\w.-]*@v?\d+(\.\d+)*\b`)
	majorDotZeroRE = lazyregexp.New(`^\s*v?[1-9]\d*\.0\b[^.\d]`)
	namedVersionRE = lazyregexp.New(`^\s*([A-Z][A-Za-z.-]*)\s+v?\d+(\.\d+)*\s*:`)
	countedWords   = map[string]bool{"step": true, "phase": true, "part": true, "stage": true, "level": true, "round": true,
		"pass": true, "case": true, "item": true, "issue": true, "bug": true, "note": true, "point": true, "line": true,
		"page": true, "section": true, "chapter": true, "test": true, "option": true, "attempt": true, "try": true}
)

// tentative finds an idea rather than a task, and naming nits: "Could use
// CalcRoundingFlagsForRectInRect()", "Consider renaming to _PixelDensity",
// "Should be called 'UserData'" (imgui 3b99fc4, 5108603, b46a37e). An
// imperative "Rename the package ..." is a task and stays. A note naming a
// defect ("Could crash when ...") is judged before this.
// "Not very happy with the middleware name. Will revisit it later."
// (pmndrs/zustand f999022) is a misgiving, not yet a task; "We could warn
// if no sub command was found ..." (pydantic/pydantic-settings) an idea.
var tentative = lazyregexp.New(`(?i)^((we|you|one) (could|might|may want to)|could|maybe|perhaps|consider|might|possibly|should be (called|named)|not (very |too |entirely |really |quite )?(happy|sure|satisfied|convinced) (with|about|if|whether|that))\b`)

// explanation finds a note that says why the code is as it is ("We cannot
// solely use current ClipRect as it includes HostClipRect", imgui d1a8995;
// "Hiding because altering Sort Order ... has a tendency to exhibit a
// sizing glitch", e5ff2d0), or that says the code is as good as it gets
// ("This is the best we can do given what std exposes I think",
// BurntSushi/bstr 3548359; "mypy wants an annotation so the only thing we
// can do here is pass the headers along", aio-libs/multidict 77bb95e);
// asksChange what makes it a task all the same ("... because of its use
// in load_cargo (which we should ...)").
var (
	// "cloning the span is unfortunately necessary here in order to
	// placate the borrow checker" (hyperium/h2 fc7f63f; round 89) says why
	// the code is as it is.
	explanation = lazyregexp.New(`(?i)\b(because|as it|as they|since it)\b|\bthe (best|only thing) (we|i|one) can do\b|\bas good as (we|i|it|one) can\b|\b(is|are) (unfortunately |sadly )?(necessary|required)\b`)
	asksChange  = lazyregexp.New(`(?i)\b(should|must|needs?|have to|has to|ought to|todo|fix)\b`)
	maybeLater  = lazyregexp.New(`(?i)\bmaybe (rework|refactor|rewrite|revisit|merge|move|rename|change)\b`)
	// undoes is a note that asks for its workaround to go.
	undoes = lazyregexp.New(`(?i)^(remove|drop|delete|revert|undo|replace|get rid|clean up|use)\b`)
)

// whyRE is a question without its mark: "TODO: why width starts from 0
// and reassigned as 1" (gorilla/handlers 0eda2fc, beside a nolint
// directive; the loop answers it three lines down: round 74, noise).
var whyRE = lazyregexp.New(`(?i)^(?:why|how come)\b`)

// asks reports a note whose words ask for a change, "no need to" aside:
// crossbeam b23b7e8's HACK explains itself down to "there is no need to
// care about the destructor of src".
func asks(text string) bool {
	return asksChange.MatchString(noNeedRE.ReplaceAllString(text, ""))
}

// noNeedRE is a need denied.
var noNeedRE = lazyregexp.New(`(?i)\b(?:no|not|never|without|don't|doesn't|won't)\s+(?:\w+\s+)?needs?\b`)

// explains reports a note that explains rather than asks, or that only
// muses about rework ("This is close to what BeginDragDropSource() is
// doing, maybe rework", imgui 279d04f).
func explains(s string) bool {
	return maybeLater.MatchString(s) || explanation.MatchString(s) && !asksChange.MatchString(s)
}

// docPlaceholder is a stand-in a documentation template leaves for the
// text to write: "@param {mixed} info - TODO: add param description."
// (winstonjs/winston writes some ninety of them; 333b763's five in
// rejection-stream.js were drafted as an issue: round 92, noise). Lines
// of the digest: the docs to write, not work an issue tracks.
var docPlaceholder = lazyregexp.New(`(?i)^(?:add|write|fill in|document)\s+(?:an?\s+|the\s+)?(?:(?:param(?:eter)?|arg(?:ument)?|return|returns|class|method|function|property|type|module|file|file header|event)\s+)?(?:description|docs?|documentation|handler)\.?$`)

// onlyNames reports a note made of a few names of code and nothing that
// says what to do with them: "TODO isolatedDeclarations ReactiveFlags.SKIP"
// (vuejs/core 48b7552), with no lines after it. Its author knows what it
// means; an issue of its own would not say.
func onlyNames(text string) bool {
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, w := range words {
		if !analyze.NamesCode(w) && !isAllUpper(strings.TrimRight(w, ".,;:!?")) {
			return false // a word of prose
		}
	}
	return true
}

// isAllUpper reports a word of capitals and digits only, two or more
// letters: a constant's name (SKIP, MAX_LEN), an acronym.
func isAllUpper(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r), r == '_':
		default:
			return false
		}
	}
	return letters >= 2
}

// narrates finds a note that starts as prose about the code does, not as
// a task: "This breaks ...", "Now go to the top ...", "We ...", or tells
// what was seen: "XXX: somehow when defining/using enums
// Mypy starts looking at our own (untyped) code" (python-attrs/attrs
// 112dd1d), "for some reason", "apparently"; or warns the reader: "XXX DO
// NOT USE. This is a temporary stub function." (debug-js/debug e2d3bc9).
var narrates = lazyregexp.New(`(?i)^(this|these|that|those|it|its|we|we're|now|here|there|the|note|currently|somehow|apparently|unfortunately|for some reason|oddly|strangely|do not use|don't use|deprecated|warning)\b`)

// skipCallRE is code that skips a test or a test run: Go's t.Skip and
// helpers named Skip... given the test (lib/pq's `pqtest.SkipPgpool(t) //
// TODO: flaky in CI`, a dozen of them drafted in one backfill: round 91,
// trivial), pytest's and unittest's skips, Jest's and Mocha's it.skip and
// xit, Rust's #[ignore]. Not any function named skip...: skipSpaces(s)
// skips spaces.
var skipCallRE = lazyregexp.New(`\b[tb]\.Skip(?:f|Now)?\s*\(|\bSkip\w*\s*\(\s*t\s*[,)]|\bpytest\.skip\s*\(|\bself\.skipTest\s*\(|@(?:unittest\.|pytest\.mark\.)?skip(?:If|Unless|if)?\b|\b(?:it|test|describe|context)\.skip\s*\(|\bx(?:it|describe|test)\s*\(|#\[ignore\b`)

// skipsTest reports a note about a skipped test: written after the code
// that skips it on its line, or right above it (fsnotify/fsnotify's
// "TODO: ... so whatever" over `t.Skip("fails on Windows")`: round 95,
// noise). It says why the test is skipped.
func skipsTest(t todoComment) bool {
	before := beforeMarker(t)
	return before != "" && skipCallRE.MatchString(before) || skipCallRE.MatchString(t.next)
}

// beforeMarker is what the note's line holds before its marker, trimmed:
// code, or a comment's leader.
func beforeMarker(t todoComment) string {
	first, _, _ := strings.Cut(t.excerpt, "\n")
	if k := strings.Index(first, t.word); k > 0 {
		return strings.TrimSpace(first[:k])
	}
	return ""
}

// codeSignRE is what code put aside shows: a match arm's "=>", a
// statement's end, a call, an assignment.
var codeSignRE = lazyregexp.New(`=>|[{}]\s*,?$|[\w$)\]]\s*\([^()]*\)\s*[,;]?$|[\w$\]]\s+=\s+\S`)

// trailsCommentedOutCode reports a note written after code that a comment
// put aside on the same line: "// byte @ 'A'..='Z' => ..., // XXX not
// needed if no public input" (servo/rust-url 8a683ff, drafted as "Not
// needed if no public input": round 98, noise). It says why the code is
// aside.
func trailsCommentedOutCode(t todoComment) bool {
	before := beforeMarker(t)
	lead := commentLeaderRE.FindString(before)
	if lead == "" {
		return false // code that runs, or the note's own comment
	}
	code := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(before[len(lead):]), "/#-"))
	return code != "" && codeSignRE.MatchString(code)
}

// stabilityNoticeRE is a note that tells an API's users it may change:
// "TODO: This is an EXPERIMENTAL API. It is subject to change/removal."
// (caddyserver/certmagic, two drafts: round 103, noise).
var stabilityNoticeRE = lazyregexp.New(`(?i)^(?:this|the)\s+(?:is\s+an?\s+)?(?:experimental|unstable|beta|preview)\s+(?:api|feature|function|method|type|option)\b|\bsubject\s+to\s+(?:change|removal)\b`)

// noteTags are the marker categories of notes rather than tasks: an
// optimisation idea (FIXME-OPT, FIXME-PERF), a record of what was (-LEGACY)
// or a status (-WIP). imgui writes hundreds of them as a running log
// (11de9df "FIXME-OPT (not reached by our internal calls)", 36ea972
// "FIXME-LEGACY: Removed 2025/11/12, was never properly set"): lines of the
// maintenance digest, not issues of their own.
var noteTags = map[string]bool{"OPT": true, "PERF": true, "LEGACY": true, "WIP": true}

// assess returns a TODO's confidence and, where it differs from the
// detector's default, its severity. A marker that names its tracking issue
// ("TODO(#12)") is already tracked: low, so it lands in the digest rather
// than a second issue; so do a vague note ("Need to revisit", "Add a way
// to disable this") and a question ("Necessary?"), which a maintainer reads
// in a checklist but would not open as an issue of its own. A bug-word
// (one whose labels include "bug", FIXME and BUG by default) naming a
// crash, data loss, a race or a security hole is high.
func assess(t todoComment, wordLabels []string) (float64, finding.Severity) {
	text := t.text + "\n" + t.body
	bugWord := slices.Contains(wordLabels, "bug")
	switch {
	case t.ref != "":
		return confidenceTracked, finding.Low
	case noteTags[t.tag] && !(bugWord && severeWords.MatchString(text)):
		return confidenceNote, finding.Low
	case namesIssue.MatchString(text) || saysTracked.MatchString(text):
		// "Would be sane to not make single-axis flag set this. (#9355)"
		// (imgui 95bd157): an issue exists for it already.
		return confidenceTracked, finding.Low
	case whenNeeded.MatchString(text):
		// Work for a need that has not come: "hoist up into
		// invocations.checks once proven/needed elsewhere" (pyinvoke/
		// invoke 4ae9cbe, round 106, noise). A line of the digest.
		return confidenceQuestion, finding.Low
	case waitsForRelease(t):
		// Planned for when a version is dropped or reached: tracked by
		// the release plan, nothing to do before then.
		return confidenceTracked, finding.Low
	case skipsTest(t):
		// Why a test is skipped, beside the skip: a line of the digest.
		return confidenceQuestion, finding.Low
	case trailsCommentedOutCode(t):
		// Why the code put aside is aside: a line of the digest.
		return confidenceQuestion, finding.Low
	case stabilityNoticeRE.MatchString(t.text):
		// A notice to the API's users, not work left: a line of the digest.
		return confidenceNote, finding.Low
	case bugWord && severeWords.MatchString(text):
		return confidenceBug, finding.High
	case defectWords.MatchString(text):
		if bugWord {
			return confidenceBug, ""
		}
		return confidenceDefect, ""
	case strings.EqualFold(t.word, "XXX") && narrates.MatchString(headline(t)) && !asks(text):
		// XXX marks a passage to read with care as often as work left:
		// "XXX: This breaks many things especially when ..." (bubbletea
		// 76f2e6d), "XXX: Now go to the top of the screen, insert new
		// lines, ..." (61a3f5c) explain the code. Told as a story and
		// asking for nothing, it is a note of the digest; "XXX: cache
		// the parsed config" is a task.
		return confidenceQuestion, finding.Low
	case strings.EqualFold(t.word, "HACK") && !asks(text) && !undoes.MatchString(headline(t)):
		// HACK marks a workaround and mostly says what it does: "HACK:
		// avoid checking entries type" (pmndrs/zustand 9525f92). Unless
		// it asks for a change or to undo it ("HACK: remove once ..."),
		// it is a note of the digest.
		return confidenceQuestion, finding.Low
	case vague(headline(t)) || strings.TrimSpace(t.body) == "" && onlyNames(t.text) || docPlaceholder.MatchString(t.text):
		return confidenceVague, finding.Low
	case strings.TrimSpace(t.body) == "" && refersOnly.MatchString(strings.TrimSpace(t.text)):
		return confidenceVague, finding.Low
	case alternativeRE.MatchString(t.text) || dismissesItself.MatchString(strings.TrimSpace(t.text+" "+t.body)):
		// Another way to do what the note above asks, weighed: "TODO:
		// Alternately, transfer to temp location and then move, but
		// that's basically inverse of v1's sudo-put which gets messy"
		// (fabric/fabric 2cb7aa70, round 108, noise). The task is the
		// other note's.
		return confidenceQuestion, finding.Low
	case tentative.MatchString(headline(t)) || explains(headline(t)):
		return confidenceQuestion, finding.Low
	case strings.HasSuffix(headline(t), "?") || whyRE.MatchString(headline(t)):
		return confidenceQuestion, finding.Low
	case len(strings.Fields(t.text)) >= 5:
		return confidenceDetailed, ""
	}
	return confidenceNote, ""
}
