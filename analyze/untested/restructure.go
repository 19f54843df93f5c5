package untested

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// A commit that says it only restructures (a refactor, an optimisation,
// a clean-up) and only changes the bodies of code that already has its
// own test file asks for no new test: those tests are what shows the
// behaviour kept. On the labelled histories every such finding was noise
// or trivial (go-git ff4fe04 "optimize Tree.Decode", tree_test.go and
// objectid_test.go cover both; rust-analyzer 695bee9 "Optimize the heck
// out of the storage of token trees"), and gin-gonic/gin's last 300
// commits, tried afterwards, gave two more ("refactor(render): ...",
// "refactor: optimize error message concatenation"). Code that is new,
// re-signed, or without a test file is still reported: a refactor there
// may well need its first test.

var (
	// commitTypeRE splits "type(scope)!: rest"; an area prefix such as
	// go-git's "plumbing: " has the same shape.
	commitTypeRE = lazyregexp.New(`^(\w+)(?:\([^)]*\))?!?:\s*(.*)$`)
	// areaRE is an area prefix commitTypeRE does not take: a path
	// (rust-lang/regex b12a276 "syntax/utf8: ...").
	areaRE = lazyregexp.New(`^[\w./-]+:\s+(.*)$`)
	// restructureRE is a subject that starts by saying it restructures:
	// a refactor, a speed-up ("Improve rendering performance",
	// handlebars-lang/handlebars.js f422bfd), an allocation or copy
	// avoided; as a noun too ("Some micro-optimizations: unnest nested
	// functions; ...", pyparsing 21a4b14, round 83); a dependency's
	// deprecations answered ("chore: addressed rand 0.9's deprecations",
	// sfackler/rust-postgres 02463b1: rand::thread_rng() made rand::rng());
	// code moved to a file of its own ("Move `isRedirect` function to a
	// seperate file", node-fetch 07c6b74; rounds 93 and 94, noise).
	restructureRE = lazyregexp.New(`(?i)^(?:(?:some|minor|small|more|various|a\s+few)\s+)?(?:micro[- ]?)?(?:(?:address|resolve|silence|handle|avoid)(?:e?[sd]|ing)?\s+(?:\S+\s+){0,3}?deprecat\w*|move[sd]?\s+(?:\S+\s+){0,4}?(?:in)?to\s+(?:a\s+|an\s+|its\s+|their\s+)?(?:separate|seperate|new|own|dedicated)\s+(?:file|module|package)s?|refactor(?:ing|ed|s)?|optimi[sz](?:e[sd]?|ations?)|simplif(?:y|ies|ied)|clean(?:ed|s)?[ -]?up|tid(?:y|ied|ies)|speed(?:s)? up|faster|lint|improve[sd]?\s+(?:\S+\s+){0,2}(?:performance|speed)|(?:avoid(?:s|ing)?|reduce[sd]?|fewer)\s+(?:\S+\s+){0,3}(?:(?:re)?alloc\w*|cop(?:y|ies|ying)|clon\w+))\b`)
	// typingRE is a subject about what a type checker reads: "Fix generic
	// schema type hints" (marshmallow-code/marshmallow c914b2a), "fix
	// pyright type errors" (pallets/flask 9e831e9). Code it changes is
	// reworded for the checker (a conditional expression spelled as an
	// if, a cast), not given new behaviour, even when it says "fix".
	// "add more utility type definitions" (chaijs/chai 02dd158: JSDoc
	// types and casts) too.
	// "Fix ty Type Narrowing", "Replace ty: ignore with proper type
	// declarations" (pypa/virtualenv 86897e9, 6e80d06: round 94, noise),
	// "Fix areIntervalsOverlapping types" (date-fns fc45ceed8, round 90).
	// A typing PEP: "Use PEP 604 where possible" (marshmallow 178982ea
	// rewrote a type comment and unwrapped the value under it; round 116,
	// noise).
	typingRE = lazyregexp.New(`(?i)\b(?:type[ -]?hints?|type[ -]?annotations?|typing|type[ -]?check(?:s|ing|er)?|type errors?|type[ -]?def(?:s|initions?)|type[ -]?narrowing|type[ -]?declarations?|mypy|pyright|pyrefly|pytype|pep[ -]?(?:484|526|544|563|585|586|589|591|593|604|612|613|646|647|655|673|675|681|692|695|696|698|705|742))\b|\bfix(?:e[sd]|ing)?:?\s+(?:\S+\s+){0,3}?types\b(?:\s*$|\s*[(\[#,;:.])`)
	// lintRE is a subject about a linter's findings: "fix staticcheck lint
	// errors", "address linter noise (QF1012)" (hashicorp/hcl 314d236,
	// d3d6970: fmt.Sprintf of a literal made the literal, ioutil.ReadFile
	// os.ReadFile).
	// A tool's warnings too ("activation: Files: fix ercheck warnings",
	// coreos/go-systemd 1e2eee7), and the code a tool rewrote ("run
	// modernize -fix ./...", 04b8957; round 108, noise).
	lintRE = lazyregexp.New(`(?i)\b(?:lint(?:s|er|ers|ing)?|staticcheck|errcheck|golangci(?:-lint)?|clippy|eslint|ruff|pylint|flake8|rubocop|gofumpt|gofmt|go vet|modernize|(?:QF|SA|ST|S)\d{3,4})\b|\bfix(?:e[sd]|ing)?\s+(?:\w+\s+)?warnings\b`)
)

// lintWords are what every match of lintRE holds one of: a check's code
// (SA1019) holds a digit.
var lintWords = []string{"lint", "staticcheck", "errcheck", "golangci", "clippy", "ruff", "flake8", "rubocop", "gofumpt", "gofmt",
	"go vet", "modernize", "warnings", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// cosmeticRE is a subject about how code reads, not what it does: typos,
// wording, formatting ("Fix typos and cosmetic refactor of code", knadh/
// koanf 860346f; "Blackening", pyparsing f52588e; round 83, noise), its
// style ("Code style", sindresorhus/got 599ae74e moved two assignments
// into class fields; round 117, noise).
var cosmeticRE = lazyregexp.New(`(?i)\b(?:typos?|cosmetics?|(?:code|coding)[ -]?style|spelling|misspell\w*|wording|grammar|punctuation|blacken(?:s|ed|ing)?|reformat(?:s|ted|ting)?|prettier|gofmt|gofumpt|rustfmt|cargo fmt|clang-format)\b`)

// cosmetic reports whether subject says its commit changes how code
// reads: the bodies it rewrites keep their behaviour, by intent, and ask
// for no test. A fix of anything else never does.
func cosmetic(subject string) bool {
	s := strings.TrimSpace(subject)
	return analyze.MayMatchFold(s, cosmeticWords...) && cosmeticRE.MatchString(s) && !analyze.IsFixSubject(s)
}

// cosmeticWords are what every match of cosmeticRE holds one of.
var cosmeticWords = []string{"typo", "cosmetic", "style", "spelling", "misspell", "wording", "grammar", "punctuation",
	"blacken", "reformat", "prettier", "gofmt", "gofumpt", "rustfmt", "cargo fmt", "clang-format"}

// removalRE is a subject that starts by saying what it takes out.
var removalRE = lazyregexp.New(`(?i)^(?:remov(?:e|es|ed|ing)|drop(?:s|ped|ping)?|delet(?:e|es|ed|ing)|no)\b`)

// removes reports whether subject says its commit takes something out
// ("Removed unsupported fields from Sampler aggregation", "No default
// bucket count for auto-interval date agg"), after a type or area prefix.
func removes(subject string) bool {
	s := strings.TrimSpace(subject)
	if m := commitTypeRE.FindStringSubmatch(s); m != nil {
		s = m[2]
	} else if m := areaRE.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	return removalRE.MatchString(s)
}

// lints reports whether subject says its commit answers a linter: the
// code keeps its behaviour, by intent, and no test is missing. A fix of
// anything else ("fix the crash when linting ...") is not one.
func lints(subject string) bool {
	s := strings.TrimSpace(subject)
	return analyze.MayMatchFold(s, lintWords...) && lintRE.MatchString(s) && !analyze.IsFixSubject(s)
}

// restructures reports whether subject says its commit only restructures
// code: a refactor, perf or style commit type, or a subject (after any
// area prefix) that starts with such a verb, or one about type hints. A
// fix of anything else never does.
func restructures(subject string) bool {
	s := strings.TrimSpace(subject)
	if mayBeTyping(s) && typingRE.MatchString(s) {
		return true
	}
	if analyze.IsFixSubject(s) {
		return false
	}
	if m := commitTypeRE.FindStringSubmatch(s); m != nil {
		switch t := strings.ToLower(m[1]); {
		case t == "refactor", t == "perf", t == "style", restructureRE.MatchString(t):
			return true
		}
		s = m[2]
	} else if m := areaRE.FindStringSubmatch(s); m != nil {
		s = m[1] // "syntax/utf8: avoid a spurious vector reallocation"
	}
	return restructureRE.MatchString(s)
}

// typing reports whether subject says its commit is about types: what a
// type checker reads, not what the code does ("Fixing errors reported by
// mypy" too, as restructures has it).
func typing(subject string) bool {
	s := strings.TrimSpace(subject)
	return mayBeTyping(s) && typingRE.MatchString(s)
}

// mayBeTyping reports whether s holds "typ", "py" or "pep", one of which
// every subject typingRE matches does: most do not, and the pattern,
// which has no literal prefix to look for, cost as much as the rest of
// the subject rules together.
func mayBeTyping(s string) bool {
	return analyze.ContainsFold(s, "typ") || analyze.ContainsFold(s, "py") || analyze.ContainsFold(s, "pep")
}

// bodiesOnly reports whether every symbol only had its body changed, or
// the types of its signature besides: annotations that change nothing
// at run time. With defaults, a parameter callers may leave out counts
// too: a commit about types that spells a parameter's default as it
// annotates it ("echo" made "echo: bool = False") breaks no call.
func bodiesOnly(syms []symbol.Symbol, defaults bool) bool {
	for _, s := range syms {
		if s.Change != symbol.BodyChanged && !(s.Change == symbol.SignatureChanged && (s.SigTypesOnly || defaults && s.Compatible)) {
			return false
		}
	}
	return len(syms) > 0
}
