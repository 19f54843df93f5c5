package untested

import (
	"slices"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

func TestRestructures(t *testing.T) {
	for _, c := range []struct {
		subject string
		want    bool
	}{
		{"plumbing: optimize Tree.Decode with ReadSlice and io.ReadFull", true}, // go-git ff4fe04
		{"refactor(render): remove headers parameter from writeHeader (#4353)", true},
		{"refactor: optimize error message concatenation in default_validator (#4685)", true},
		{"Optimize the heck out of the storage of token trees", true}, // rust-analyzer 695bee9
		{"perf: avoid a copy per object", true},
		{"cleanup: drop the old decoder", true},
		{"Simplify the walker", true},
		{"feat: faster RFC 3339 parsing without Parsed", true}, // chronotope/chrono ebc808e8
		{"Faster startup", true},
		{"Improve rendering performance", true}, // handlebars-lang/handlebars.js f422bfd
		{"Improve error messages", false},
		{"syntax/utf8: avoid a spurious vector reallocation", true}, // rust-lang/regex b12a276
		{"Reduce allocations in the lexer", true},
		{"avoid copying the buffer twice", true},
		{"syntax/utf8: handle surrogate ranges", false},
		{"Avoid panicking on empty input", false},
		{"plumbing: fix ObjectID.ResetBySize not clearing hash bytes", false}, // go-git 8cdb798c
		{"refactor: fix the race in Close", false},
		{"feat: let Param::parent_fn return function for BuiltinDeriveImplMethod method", false},
		{"plumbing: packp/transport, Slice-based AdvRefs and v1 handling in AdvRefs. (#2225)", false},
		{"chore(mode): remove impossible case (empty value for mode) (#4303)", false},
		{"Refactorings are welcome in CONTRIBUTING", false},
		{"Some micro-optimizations: unnest nested functions; use re result[1] instead of result.group(1)", true}, // pyparsing 21a4b14
		{"Minor optimisations in the parser", true},
		{"Some new parsers", false},
		{"Fix generic schema type hints", true}, // marshmallow-code/marshmallow c914b2a
		{"fix pyright type errors", true},       // pallets/flask 9e831e9
		{"Add type annotations to the loader", true},
		{"fix: handle nested types in the loader", false},
		{"Fix ty Type Narrowing (#3030)", true}, // pypa/virtualenv 86897e9
		{"Replace ty: ignore with proper type declarations for inheritance patterns (#3034)", true},
		{"chore: addressed rand 0.9's deprecations", true},      // sfackler/rust-postgres 02463b1
		{"Move `isRedirect` function to a seperate file", true}, // node-fetch/node-fetch 07c6b74
		{"Move the cache into its own module", true},
		{"Deprecate the old loader", false},
		{"Fix areIntervalsOverlapping types", true}, // date-fns/date-fns fc45ceed8
		{"Fix the parser for nested types", false},
		{"Fix nested types parsing", false},
		{"fix: Interval types (#3890)", true},
		{"Use PEP 604 where possible", true}, // marshmallow-code/marshmallow 178982ea
		{"Implement PEP 517 builds", false},
		{"Move to a new parser", false},
	} {
		if got := restructures(c.subject); got != c.want {
			t.Errorf("restructures(%q) = %v, want %v", c.subject, got, c.want)
		}
	}
}

// go-git ff4fe04 rewrote ObjectID.ReadFrom for speed, under the tests of
// objectid_test.go: no finding. The same body change in a file with no
// test file, or under a subject that says nothing of restructuring, is
// still reported.
func TestRestructuringKeepsTestedCode(t *testing.T) {
	readFrom := func(body string) string {
		return "package plumbing\n\n// ReadFrom reads the object ID from r.\n" +
			"func (s *ObjectID) ReadFrom(r io.Reader) (int64, error) {\n" + body + "}\n"
	}
	commit := func(withTests bool) *analyze.CommitDiff {
		changes := []difftest.Change{difftest.Changed("plumbing/objectid.go",
			readFrom("\tn, err := r.Read(s.hash[:s.Size()])\n\tif err != nil {\n\t\treturn int64(n), err\n\t}\n\treturn int64(n), nil\n"),
			readFrom("\tn, err := io.ReadFull(r, s.hash[:s.Size()])\n\tif err != nil {\n\t\treturn int64(n), err\n\t}\n\treturn int64(n), nil\n"))}
		if withTests {
			changes = append(changes, difftest.Unchanged("plumbing/objectid_test.go", "package plumbing\n"))
		}
		return difftest.CommitOf(t, changes...)
	}
	optimize := analyze.Commit{Hash: difftest.CommitID, Subject: "plumbing: optimize Tree.Decode with ReadSlice and io.ReadFull"}
	if found, _ := Detect(optimize, commit(true), Options{}); len(found) != 0 {
		t.Errorf("an optimisation of tested code: %+v", found)
	}
	if found, _ := Detect(optimize, commit(false), Options{}); len(found) != 1 {
		t.Errorf("an optimisation of code with no test file: %d findings, want 1", len(found))
	}
	other := analyze.Commit{Hash: difftest.CommitID, Subject: "plumbing: read object IDs whole"}
	if found, _ := Detect(other, commit(true), Options{}); len(found) != 1 {
		t.Errorf("a change of tested code that says no restructuring: %d findings, want 1", len(found))
	}
}

// marshmallow-code/marshmallow c914b2a "Fix generic schema type hints"
// re-annotated Schema.dict_class and spelled its conditional expression
// as an if, under tests/test_schema.py: no finding. The same change under
// a subject about behaviour is still reported.
func TestTypingCommitKeepsTestedCode(t *testing.T) {
	schema := func(ann, body string) string {
		return "class Schema:\n    @property\n    def dict_class(self) -> " + ann + ":\n" + body + "\n    def load(self):\n        pass\n"
	}
	commit := difftest.CommitOf(t,
		difftest.Changed("src/marshmallow/schema.py",
			schema("type", "        return OrderedDict if self.ordered else dict\n"),
			schema("type[dict]", "        if self.ordered:\n            return OrderedDict\n        else:\n            return dict\n")),
		difftest.Unchanged("tests/test_schema.py", "def test_dict_class():\n    pass\n"))
	typing := analyze.Commit{Hash: difftest.CommitID, Subject: "Fix generic schema type hints"}
	if found, _ := Detect(typing, commit, Options{}); len(found) != 0 {
		t.Errorf("a type-hint commit on tested code: %+v", found)
	}
	other := analyze.Commit{Hash: difftest.CommitID, Subject: "Fix ordered schemas"}
	if found, _ := Detect(other, commit, Options{}); len(found) != 1 {
		t.Errorf("the same change as a fix: %d findings, want 1", len(found))
	}
}

// FuzzMayBeTyping holds the prefilter to typingRE: it may let through a
// subject the pattern does not match, never miss one it does.
func FuzzMayBeTyping(f *testing.F) {
	for _, s := range []string{
		"Fix generic schema type hints", "fix pyright type errors", "TYPE-CHECKING cleanup", "Run MyPy",
		"pytype: silence", "Add Typing to utils", "type annotation", "plumbing: format, fix typo", "pyrefly", "Use PEP 604 where possible",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if typingRE.MatchString(s) && !mayBeTyping(s) {
			t.Fatalf("typingRE matches %q, mayBeTyping says it cannot", s)
		}
	})
}

// hashicorp/hcl 314d236 "fix staticcheck lint errors" made ParseHCLFile
// read with os.ReadFile instead of ioutil.ReadFile: an answer to a
// linter, behaviour kept by intent, asks for no test. The same change
// under a subject about behaviour is still reported, and so is code a
// lint commit adds.
func TestLintCommitAsksForNoTest(t *testing.T) {
	parser := func(read, extra string) string {
		return "package hclparse\n\nimport \"os\"\n\n// ParseHCLFile reads the given filename and parses it.\n" +
			"func (p *Parser) ParseHCLFile(filename string) (*File, error) {\n\tsrc, err := " + read + "(filename)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn p.ParseHCL(src, filename)\n}\n" + extra
	}
	commit := func(extra string) *analyze.CommitDiff {
		return difftest.CommitOf(t, difftest.Changed("hclparse/parser.go", parser("ioutil.ReadFile", ""), parser("os.ReadFile", extra)))
	}
	lint := analyze.Commit{Hash: difftest.CommitID, Subject: "fix staticcheck lint errors"}
	if found, _ := Detect(lint, commit(""), Options{}); len(found) != 0 {
		t.Errorf("a lint commit's rewording: %+v", found)
	}
	other := analyze.Commit{Hash: difftest.CommitID, Subject: "hclparse: read files whole"}
	if found, _ := Detect(other, commit(""), Options{}); len(found) != 1 {
		t.Errorf("the same change under another subject: %d findings, want 1", len(found))
	}
	added := "\n// ParseJSONFile reads the given filename and parses it as JSON.\nfunc (p *Parser) ParseJSONFile(filename string) (*File, error) {\n\tsrc, err := os.ReadFile(filename)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn p.ParseJSON(src, filename)\n}\n"
	if found, _ := Detect(lint, commit(added), Options{}); len(found) != 1 {
		t.Errorf("code a lint commit adds: %d findings, want 1", len(found))
	}
}

func TestLints(t *testing.T) {
	for subject, want := range map[string]bool{
		"fix staticcheck lint errors":                 true, // hashicorp/hcl 314d236
		"address linter noise (QF1012)":               true, // hashicorp/hcl d3d6970
		"fix errors thrown by errcheck linter (#755)": true,
		"Run clippy": true,
		"fix the crash when linting an empty file list": false,
		"Add a linter for config files":                 true,
		"feat: parse flint files":                       false,
		"activation: Files: fix ercheck warnings":       true, // coreos/go-systemd 1e2eee7 (round 108)
		"run modernize -fix ./...":                      true, // coreos/go-systemd 04b8957
		"fix the warning dialog's buttons":              false,
	} {
		if got := lints(subject); got != want {
			t.Errorf("lints(%q) = %v, want %v", subject, got, want)
		}
	}
}

// chronotope/chrono ebc808e8 "feat: faster RFC 3339 parsing without
// Parsed" made DateTime::parse_from_rfc3339 call the new parser, in a
// module with its tests (`#[cfg(test)] mod tests;`, twenty calls of it in
// src/datetime/tests.rs): a speed-up of tested code (round 68, noise).
func TestFasterTestedCodeAsksForNoTest(t *testing.T) {
	mod := func(body string) string {
		return "use crate::format::parse_rfc3339;\n\n#[cfg(test)]\nmod tests;\n\npub struct DateTime<Tz> {\n    tz: Tz,\n}\n\n" +
			"impl DateTime<FixedOffset> {\n    /// Parses an RFC 3339 date-and-time string into a `DateTime<FixedOffset>` value.\n" +
			"    pub fn parse_from_rfc3339(s: &str) -> ParseResult<DateTime<FixedOffset>> {\n" + body + "    }\n}\n"
	}
	cd := difftest.CommitOf(t, difftest.Changed("src/datetime/mod.rs",
		mod("        let mut parsed = Parsed::new();\n        let (s, _) = parse_rfc3339(&mut parsed, s)?;\n        if !s.is_empty() {\n            return Err(TOO_LONG);\n        }\n        parsed.to_datetime()\n"),
		mod("        parse_rfc3339(s)\n")))
	faster := analyze.Commit{Hash: difftest.CommitID, Subject: "feat: faster RFC 3339 parsing without Parsed"}
	if found, _ := Detect(faster, cd, Options{}); len(found) != 0 {
		t.Errorf("a speed-up of tested code: %+v", found)
	}
	other := analyze.Commit{Hash: difftest.CommitID, Subject: "feat: RFC 3339 parsing without Parsed"}
	if found, _ := Detect(other, cd, Options{}); len(found) != 1 {
		t.Errorf("the same change under a subject that says no speed-up: %d findings, want 1", len(found))
	}
}

// olivere/elastic 9005e28f "Removed unsupported fields from Sampler
// aggregation" only took lines out of NewSamplerAggregation and Source:
// nothing new to test (round 69, noise). A line added to them is a
// change to test, and a fix by removal asks for its regression test.
func TestCodeOnlyTakenOutAsksForNoTest(t *testing.T) {
	ctor := func(extra string) string {
		return "package elastic\n\ntype SamplerAggregation struct {\n\tshardSize int\n}\n\n" +
			"func NewSamplerAggregation() *SamplerAggregation {\n\treturn &SamplerAggregation{\n\t\tshardSize:       -1,\n" + extra + "\t}\n}\n"
	}
	before := ctor("\t\tmaxDocsPerValue: -1,\n")
	removed := difftest.CommitOf(t, difftest.Changed("search_aggs_bucket_sampler.go", before, ctor("")))
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Removed unsupported fields from Sampler aggregation"}
	if found, _ := Detect(c, removed, Options{}); len(found) != 0 {
		t.Errorf("code only taken out: %+v", found)
	}
	changed := difftest.CommitOf(t, difftest.Changed("search_aggs_bucket_sampler.go", before, ctor("\t\tmaxDocsPerValue: 10,\n")))
	if found, _ := Detect(c, changed, Options{}); len(found) != 1 {
		t.Errorf("a line changed: %d findings, want 1", len(found))
	}
	fix := analyze.Commit{Hash: difftest.CommitID, Subject: "fix: do not send max_docs_per_value to v7 clusters"}
	if found, _ := Detect(fix, removed, Options{}); len(found) != 1 {
		t.Errorf("a fix by removal: %d findings, want 1", len(found))
	}
	other := analyze.Commit{Hash: difftest.CommitID, Subject: "plumbing: sampler aggregations for v7"}
	if found, _ := Detect(other, removed, Options{}); len(found) != 1 {
		t.Errorf("lines taken out under a subject that says no removal: %d findings, want 1", len(found))
	}
	for subject, want := range map[string]bool{
		"Removed unsupported fields from Sampler aggregation": true,
		"No default bucket count for auto-interval date agg":  true,
		"refactor: drop the old decoder":                      true,
		"Nothing to see":                                      false,
		"plumbing: sampler aggregations for v7":               false,
	} {
		if got := removes(subject); got != want {
			t.Errorf("removes(%q) = %v, want %v", subject, got, want)
		}
	}
}

// go-task/task 87076b16 "feat: enable remote taskfiles" took the
// experiment's gate out of taskfile.NewNode and out of task_test.go's
// tests, which reach NewNode through the package task (round 106, wrong:
// "changed no test"). Lines only taken out, beside tests of the language
// changed to the code as it is now, ask for no test; without the tests'
// change they still do.
func TestCodeOnlyTakenOutBesideChangedTestsAsksForNoTest(t *testing.T) {
	node := func(gate string) string {
		return "package taskfile\n\nfunc NewNode(entrypoint string, insecure bool) (Node, error) {\n\tvar node Node\n" + gate +
			"\tnode, err := NewFileNode(entrypoint)\n\treturn node, err\n}\n"
	}
	gate := "\tif !experiments.RemoteTaskfiles.Enabled() {\n\t\treturn nil, errors.New(\"remote taskfiles are an experiment\")\n\t}\n"
	removal := difftest.Changed("taskfile/node.go", node(gate), node(""))
	tests := difftest.Changed("task_test.go",
		"package task_test\n\nfunc TestIncludesRemote(t *testing.T) {\n\tenableExperimentForTest(t, &experiments.RemoteTaskfiles, 1)\n\trunRemote(t)\n}\n",
		"package task_test\n\nfunc TestIncludesRemote(t *testing.T) {\n\trunRemote(t)\n}\n")
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "feat: enable remote taskfiles (#2906)"}
	if found, _ := Detect(c, difftest.CommitOf(t, removal, tests), Options{}); len(found) != 0 {
		t.Errorf("a gate taken out, the tests changed with it: %+v", found)
	}
	if found, _ := Detect(c, difftest.CommitOf(t, removal), Options{}); len(found) != 1 {
		t.Errorf("a gate taken out, no test changed: %d findings, want 1", len(found))
	}
	// go-git 3fe32a2: the tests that changed name none of it (judged useful).
	other := difftest.Changed("parse_test.go",
		"package task_test\n\nfunc TestParse(t *testing.T) {\n\tparseTaskfile(t)\n}\n",
		"package task_test\n\nfunc TestParse(t *testing.T) {\n\tparseTaskfile(t)\n\tparseTaskrc(t)\n}\n")
	if found, _ := Detect(c, difftest.CommitOf(t, removal, other), Options{}); len(found) != 1 {
		t.Errorf("a gate taken out, other tests changed: %d findings, want 1", len(found))
	}
}

// knadh/koanf 860346f "Fix typos and cosmetic refactor of code (#222)"
// dropped the redundant slicing in Koanf.KeyMap's copy and ended its doc
// comment with a full stop (round 83, noise): a commit about how code
// reads asks for no test of the bodies it rewrites. The same change under
// a subject about behaviour is still reported, and so is code it adds.
func TestCosmeticCommitAsksForNoTest(t *testing.T) {
	koanf := func(doc, copyLine, extra string) string {
		return "package koanf\n\n// KeyMap returns a map of flattened keys and the individual parts of the\n// key as slices" + doc + "\n" +
			"func (ko *Koanf) KeyMap() KeyMap {\n\tout := make(KeyMap, len(ko.keyMap))\n\tfor key, parts := range ko.keyMap {\n\t\tout[key] = make([]string, len(parts))\n\t\t" + copyLine + "\n\t}\n\treturn out\n}\n" + extra
	}
	commit := func(extra string) *analyze.CommitDiff {
		return difftest.CommitOf(t, difftest.Changed("koanf.go", koanf("", "copy(out[key][:], parts[:])", ""), koanf(".", "copy(out[key], parts)", extra)))
	}
	cosmeticCommit := analyze.Commit{Hash: difftest.CommitID, Subject: "Fix typos and cosmetic refactor of code (#222)"}
	if found, _ := Detect(cosmeticCommit, commit(""), Options{}); len(found) != 0 {
		t.Errorf("a cosmetic commit's rewording: %+v", found)
	}
	other := analyze.Commit{Hash: difftest.CommitID, Subject: "Copy key parts whole"}
	if found, _ := Detect(other, commit(""), Options{}); len(found) != 1 {
		t.Errorf("the same change under another subject: %d findings, want 1", len(found))
	}
	added := "\n// Keys returns the flattened keys.\nfunc (ko *Koanf) Keys() []string {\n\tout := make([]string, 0, len(ko.keyMap))\n\tfor key := range ko.keyMap {\n\t\tout = append(out, key)\n\t}\n\treturn out\n}\n"
	if found, _ := Detect(cosmeticCommit, commit(added), Options{}); len(found) != 1 {
		t.Errorf("code a cosmetic commit adds: %d findings, want 1", len(found))
	}
}

func TestCosmetic(t *testing.T) {
	for subject, want := range map[string]bool{
		"Fix typos and cosmetic refactor of code (#222)": true, // knadh/koanf 860346f
		"Blackening":                          true, // pyparsing f52588e
		"Code style":                          true, // sindresorhus/got 599ae74e (round 117)
		"Enforce the code-style guide in CI":  true,
		"Add a style option to the formatter": false,
		"style: reformat with prettier":       true,
		"Fix spelling in error message":       true,
		"fix: crash on whitespace-only input": false,
		"Add a formatting option":             false, // what it formats is behaviour
		"Parse typed arrays":                  false,
	} {
		if got := cosmetic(subject); got != want {
			t.Errorf("cosmetic(%q) = %v, want %v", subject, got, want)
		}
	}
}

// redis/redis-py 768ad9c "Fixing errors reported by mypy in search module
// files" re-annotated Query.limit_fields, reworded its docstring for the
// new type and made its tuple a list; tests/test_search.py calls it. A doc
// comment rewritten by a commit about types says types, not a new
// contract: the tests that call it count (round 91, wrong). Under another
// subject the rewritten docstring still states a contract the tests may
// not check.
func TestTypingCommitsDocsAreTypes(t *testing.T) {
	query := func(ann, doc, body string) string {
		return "class Query:\n    def limit_fields(self, *fields: " + ann + ") -> \"Query\":\n        \"\"\"\n        Limit the search to specific TEXT fields only.\n\n" +
			"        - **fields**: " + doc + "\n        from the defined schema.\n        \"\"\"\n        self._fields = " + body + "\n        return self\n"
	}
	const p = "redis/commands/search/query.py"
	cd := difftest.CommitOf(t,
		difftest.Changed(p,
			query("List[str]", "A list of strings; case-sensitive field names", "fields"),
			query("str", "Each element should be a string, case sensitive field name", "list(fields)")),
		difftest.Unchanged("tests/test_query.py", "def test_limit_fields(client):\n    q = Query(\"foo\").limit_fields(\"title\")\n"))
	files := symbol.ForCommit(cd)
	syms := files.Changed(&cd.Files[0])
	if len(syms) != 1 || !syms[0].DocChanged {
		t.Fatalf("symbols %+v, want limit_fields with its docstring changed", syms)
	}
	if called := calledByTests(files, cd, p, syms, true); !called["Query.limit_fields"] {
		t.Errorf("a typing commit: called %v, want the tests' call of limit_fields counted", called)
	}
	if called := calledByTests(files, cd, p, syms, false); len(called) != 0 {
		t.Errorf("another commit: called %v, want none (the docstring states a new contract)", called)
	}
	for subject, want := range map[string]bool{
		"Fixing errors reported by mypy in search module files - query.py (#3666)": true,
		"More typing (#1679)":                              true,
		"chore: add more utility type definitions (#1824)": true,
		"Keep the limited fields in a list":                false,
	} {
		if got := typing(subject); got != want {
			t.Errorf("typing(%q) = %v, want %v", subject, got, want)
		}
	}
}

// node-fetch/node-fetch 07c6b74 "Move `isRedirect` function to a seperate
// file" made `fetch.isRedirect = code => [...].includes(code)` of
// src/index.js an exported function of src/utils/is-redirect.js, with a
// Set: moved, as its subject says (round 93, noise). The same new file
// under a subject that says nothing of a move is new code.
func TestMovedBySubject(t *testing.T) {
	commit := func() *analyze.CommitDiff {
		return difftest.CommitOf(t,
			difftest.Changed("src/index.js",
				"export default function fetch(url) {\n\treturn fetch.isRedirect(url.status);\n}\n\n/**\n * Redirect code matching\n */\nfetch.isRedirect = code => [301, 302, 303, 307, 308].includes(code);\n",
				"import {isRedirect} from './utils/is-redirect.js';\n\nexport default function fetch(url) {\n\treturn isRedirect(url.status);\n}\n"),
			difftest.Change{NewPath: "src/utils/is-redirect.js", New: "const redirectStatus = new Set([301, 302, 303, 307, 308]);\n\n" +
				"/**\n * Redirect code matching\n */\nexport function isRedirect(code) {\n\treturn redirectStatus.has(code);\n}\n"},
			// fetch, rewritten to call it, is what the tests call.
			difftest.Unchanged("src/index.test.js", "const res = await fetch(url);\n"))
	}
	move := analyze.Commit{Hash: difftest.CommitID, Subject: "Move `isRedirect` function to a seperate file (#821)"}
	if found, _ := Detect(move, commit(), Options{}); len(found) != 0 {
		t.Errorf("a function moved, as the subject says: %+v", found)
	}
	other := analyze.Commit{Hash: difftest.CommitID, Subject: "Check redirects with a set"}
	if found, _ := Detect(other, commit(), Options{}); len(found) != 1 {
		t.Errorf("the same change under another subject: %d findings, want 1", len(found))
	}
}

// date-fns/date-fns fc45ceed8 "Fix areIntervalsOverlapping types" took
// the generic parameters off a function its tests call: a fix of types
// is the type checker's to test, and asks for no regression test (round
// 90, noise). The same change as a fix of behaviour does.
func TestTypesFixAsksNoRegressionTest(t *testing.T) {
	fn := func(sig string) string {
		return "export function areIntervalsOverlapping" + sig + " {\n  const left = +toDate(intervalLeft.start);\n  return left < +toDate(intervalRight.end);\n}\n"
	}
	commit := func() *analyze.CommitDiff {
		return difftest.CommitOf(t,
			difftest.Changed("src/areIntervalsOverlapping/index.ts",
				fn("<DateType extends Date>(\n  intervalLeft: Interval<DateType>,\n  intervalRight: Interval<DateType>,\n): boolean"),
				// (The real commit changed types only; a parameter is
				// added here so that the signature changes in more than
				// its types and the subject alone decides.)
				fn("(\n  intervalLeft: Interval,\n  intervalRight: Interval,\n  options?: ContextOptions,\n): boolean")),
			difftest.Unchanged("src/areIntervalsOverlapping/index.test.ts", "const result = areIntervalsOverlapping(left, right);\n"))
	}
	types := analyze.Commit{Hash: difftest.CommitID, Subject: "Fix areIntervalsOverlapping types"}
	if found, _ := Detect(types, commit(), Options{}); len(found) != 0 {
		t.Errorf("a fix of types: %+v", found)
	}
	behaviour := analyze.Commit{Hash: difftest.CommitID, Subject: "Fix areIntervalsOverlapping for open intervals"}
	if found, _ := Detect(behaviour, commit(), Options{}); len(found) != 1 {
		t.Errorf("a fix of behaviour: %d findings, want 1 (a regression test)", len(found))
	}
}

// caolan/async's tests call lib/priorityQueue.js's default export by the
// module's name, `async.priorityQueue(`; b0bc571's change of it was listed
// as untested (round 97, noise). A default export is asked of the tests by
// its file's name, or its folder's for an index file.
func TestDefaultExportCalledByModuleName(t *testing.T) {
	queue := func(body string) string {
		return "export default function (worker, concurrency) {\n    var q = queue(worker, concurrency);\n" + body + "    return q;\n}\n"
	}
	cd := difftest.CommitOf(t,
		difftest.Changed("lib/priorityQueue.js", queue("    q._tasks = new Heap();\n"), queue("    q._tasks = new Heap();\n    q.push = push;\n")),
		difftest.Unchanged("lib/priorityQueue.test.js", "it('sorts', () => {\n    var q = async.priorityQueue((task, cb) => cb(), 1);\n});\n"))
	if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Push with priority"}, cd, Options{}); len(found) != 0 {
		t.Errorf("a default export its tests call by the module's name: %+v", found)
	}
	for p, want := range map[string]string{"lib/priorityQueue.js": "priorityQueue", "src/areIntervalsOverlapping/index.ts": "areIntervalsOverlapping", "lib/date-fns.js": ""} {
		if got := calledAs(symbol.Symbol{Name: "default"}, p); got != want {
			t.Errorf("calledAs(default, %q) = %q, want %q", p, got, want)
		}
	}
}

func TestRegressionTitleKeepsThePath(t *testing.T) {
	got := regressionTitle("Add tests for BaseEventBroker.start and BaseEventBroker.stop in src/apscheduler/eventbrokers/base.py")
	if !strings.HasSuffix(got, " in src/apscheduler/eventbrokers/base.py") || len(got) > analyze.TitleMax || !strings.HasPrefix(got, "Add a regression test for BaseEvent") {
		t.Errorf("regressionTitle = %q (%d bytes), want the path kept within %d", got, len(got), analyze.TitleMax)
	}
	if got := regressionTitle("Add tests for Div in calc/div.go"); got != "Add a regression test for Div in calc/div.go" {
		t.Errorf("regressionTitle = %q", got)
	}
}

// itchyny/gojq 0467490 fixed repeatString and added its case to
// cli/test.yaml, the suite cli_test.go runs: a test changed (round 101,
// wrong: "Add a regression test for gojq.Compare"). A data file named for
// tests is one.
func TestTestSuiteDataFileIsATest(t *testing.T) {
	op := func(limit string) string {
		return "package gojq\n\n// Repeat repeats s n times.\nfunc Repeat(s string, n float64) any {\n\tif n > " + limit + " {\n\t\treturn nil\n\t}\n\treturn s\n}\n"
	}
	code := difftest.Changed("operator.go", op("1e9"), op("1e6"))
	fix := analyze.Commit{Hash: difftest.CommitID, Subject: "fix string multiplication with a large number"}
	withCase := difftest.CommitOf(t, code, difftest.Changed("cli/test.yaml", "- name: string repeat\n  args: ['\"a\" * 2']\n", "- name: string repeat\n  args: ['\"a\" * 2']\n\n- name: string repeat with a large number\n  args: ['1e300 * \"\"']\n"))
	if found, _ := Detect(fix, withCase, Options{}); len(found) != 0 {
		t.Errorf("a fix with its case in cli/test.yaml: %+v", found)
	}
	if found, _ := Detect(fix, difftest.CommitOf(t, code), Options{}); len(found) != 1 {
		t.Errorf("the same fix alone: %d findings, want 1", len(found))
	}
	for p, want := range map[string]bool{"cli/test.yaml": true, "spec/parser_tests.json": true, "data/cases.test": true, "config/settings.yaml": false, "latest.json": false, ".github/workflows/run-tests.yml": false, "_test/extra.txt": true,
		"caddytest/integration/caddyfile_adapt/file_server_hide_repeated.caddyfiletest": true, // caddyserver/caddy 39c9a85f8 (round 113)
		"docs/latest.jsontest.md": false} {
		if got := isTestData(p); got != want {
			t.Errorf("isTestData(%q) = %v, want %v", p, got, want)
		}
	}
}

// ajeetdsouza/zoxide's `pub fn main` in src/main.rs is the program's
// entry point: run, not unit-tested (round 101, noise). A function
// beside it is reported.
func TestEntryPointIsNotUntested(t *testing.T) {
	mainRs := func(body string) string {
		return "use std::process::ExitCode;\n\npub fn main() -> ExitCode {\n" + body + "    ExitCode::SUCCESS\n}\n\npub fn run(args: &[String]) -> usize {\n    args.len()\n}\n"
	}
	cd := difftest.CommitOf(t, difftest.Changed("src/main.rs",
		mainRs("    env::remove_var(\"RUST_BACKTRACE\");\n"),
		mainRs("    unsafe { env::remove_var(\"RUST_BACKTRACE\") };\n")))
	if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Upgrade to Rust 2024"}, cd, Options{}); len(found) != 0 {
		t.Errorf("a program's main: %+v", found)
	}
	run := difftest.CommitOf(t, difftest.Changed("src/main.rs", mainRs(""), strings.Replace(mainRs(""), "args.len()", "args.len() + 1", 1)))
	if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Count the program name"}, run, Options{}); len(found) != 1 {
		t.Errorf("a function beside main: %d findings, want 1", len(found))
	}
}

// mikefarah/yq's no_toml.go, built without TOML, gives NewTomlDecoder and
// its like a body of `return nil`: stand-ins, nothing to test (round 102,
// noise). A function beside them that does something is reported.
func TestGoFunctionThatDoesNothingIsNoCode(t *testing.T) {
	src := "//go:build yq_notoml\n\npackage yqlib\n\nfunc NewTomlDecoder() Decoder {\n\treturn nil\n}\n\nfunc NewTomlEncoder() Encoder {\n\treturn nil\n}\n"
	cd := difftest.CommitOf(t, difftest.Change{NewPath: "pkg/yqlib/no_toml.go", New: src},
		difftest.Unchanged("pkg/yqlib/decoder_test.go", "package yqlib\n"))
	if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Allow building without TOML"}, cd, Options{}); len(found) != 0 {
		t.Errorf("functions that return nil: %+v", found)
	}
	more := src + "\nfunc TomlKeys(s string) []string {\n\treturn strings.Split(s, \".\")\n}\n"
	cd = difftest.CommitOf(t, difftest.Change{NewPath: "pkg/yqlib/no_toml.go", New: more},
		difftest.Unchanged("pkg/yqlib/decoder_test.go", "package yqlib\n"))
	if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Allow building without TOML"}, cd, Options{}); len(found) != 1 || !strings.Contains(found[0].Title, "TomlKeys") {
		t.Errorf("a function that does something beside them: %+v", found)
	}
	// A function declared without a body is implemented elsewhere: goccy/
	// go-json d8aa834's `//go:linkname` MapIterValue (round 115, noise).
	stub := func(sig string) string {
		return "//go:build !go1.13\n\npackage encoder\n\nimport \"unsafe\"\n\n//go:linkname MapIterValue reflect.mapitervalue\n//go:noescape\nfunc MapIterValue(" + sig + ") unsafe.Pointer\n"
	}
	cd = difftest.CommitOf(t, difftest.Changed("internal/encoder/map112.go", stub("it unsafe.Pointer"), stub("it *mapIter")),
		difftest.Unchanged("internal/encoder/encoder_test.go", "package encoder\n"))
	if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Improve map encoding performance"}, cd, Options{}); len(found) != 0 {
		t.Errorf("a function declared without a body: %+v", found)
	}
}

// sharkdp/hyperfine 038f369 changed ExportManager::from_cli_arguments and
// the test helper that calls it, a #[cfg(test)] fn of scheduler.rs whose
// attribute stands above the hunk (round 101, wrong). The crate's tests
// changed; a change of other code beside it is not one.
func TestRustTestCodeAboveTheHunkElsewhere(t *testing.T) {
	export := func(arg string) string {
		return "pub struct ExportManager {}\n\nimpl ExportManager {\n    pub fn from_cli_arguments(" + arg + ") -> ExportManager {\n        ExportManager {}\n    }\n}\n"
	}
	scheduler := func(helperArgs, runArgs string) string {
		return "pub fn run(n: usize) -> usize {\n    n" + runArgs + "\n}\n\n#[cfg(test)]\nfn generate_results(n: usize) -> ExportManager {\n    let a = 1;\n    let b = 2;\n    let c = 3;\n    let d = 4;\n    let e = 5;\n" +
			"    ExportManager::from_cli_arguments(" + helperArgs + ")\n}\n\n#[test]\nfn scheduler_basic() {\n    generate_results(1);\n}\n"
	}
	exportChange := difftest.Changed("src/export/mod.rs", export("args: &[String]"), export("args: &[String], sort: SortOrder"))
	withHelper := difftest.CommitOf(t, exportChange,
		difftest.Changed("src/benchmark/scheduler.rs", scheduler("&[]", ""), scheduler("&[], SortOrder::Command", "")))
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Move sort order into the export manager"}
	if found, _ := Detect(c, withHelper, Options{}); len(found) != 0 {
		t.Errorf("a change with the test helper that calls it: %+v", found)
	}
	withCode := difftest.CommitOf(t, exportChange,
		difftest.Changed("src/benchmark/scheduler.rs", scheduler("&[]", ""), scheduler("&[]", " + 1")))
	found, _ := Detect(c, withCode, Options{})
	exportFound := 0
	for _, f := range found {
		if strings.Contains(f.Fingerprint, "export") {
			exportFound++
		}
	}
	if exportFound != 1 {
		t.Errorf("a change beside code that is no test: %+v, want export's finding", found)
	}
	// Another crate's tests are not this crate's (rust-analyzer's crates/).
	otherCrate := difftest.CommitOf(t,
		difftest.Changed("crates/export/src/mod.rs", export("args: &[String]"), export("args: &[String], sort: SortOrder")),
		difftest.Changed("crates/bench/src/scheduler.rs", scheduler("&[]", ""), scheduler("&[], SortOrder::Command", "")))
	if found, _ := Detect(c, otherCrate, Options{}); len(found) != 1 {
		t.Errorf("another crate's test helper: %d findings, want export's", len(found))
	}
}

// pressly/goose 3fade11 "fix: Set explicit transaction mode on Go
// register" changed AddNamedMigrationContext, which the tests call, and
// AddNamedMigrationNoTxContext, which they do not: "Add tests for
// AddNamedMigrationContext and 1 more" was false of the first (round 103,
// wrong). A fix's tested code is left out of the list as any commit's is.
func TestFixListsOnlyItsUntestedCode(t *testing.T) {
	reg := func(mode string) string {
		return "package goose\n\n// AddNamedMigrationContext adds a migration.\nfunc AddNamedMigrationContext(filename string, up, down GoMigrationContext) {\n\tregister(filename, true, &GoFunc{RunTx: up" + mode + "})\n}\n\n" +
			"// AddNamedMigrationNoTxContext adds a migration run outside a transaction.\nfunc AddNamedMigrationNoTxContext(filename string, up, down GoMigrationNoTxContext) {\n\tregister(filename, false, &GoFunc{RunDB: up" + mode + "})\n}\n"
	}
	cd := difftest.CommitOf(t, difftest.Changed("register.go", reg(""), reg(", Mode: TransactionEnabled")),
		difftest.Unchanged("register_test.go", "package goose\n\nfunc TestRegister(t *testing.T) {\n\tAddNamedMigrationContext(\"00001_a.go\", nil, nil)\n}\n"))
	found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "fix: Set explicit transaction mode on Go register"}, cd, Options{})
	if len(found) != 1 || strings.Contains(strings.Join(found[0].Items, " "), "AddNamedMigrationContext ") || !strings.Contains(found[0].Title, "AddNamedMigrationNoTxContext") {
		t.Errorf("a fix of tested and untested code: %+v, want only AddNamedMigrationNoTxContext", found)
	}
}

// removalNames reads a removed line as moved.go's commentLine does: a Go
// dereference (`*cfg = ...`) or a Rust attribute is code whose names count,
// a comment line is not.
func TestRemovalNamesReadsDereferencesAndAttributesAsCode(t *testing.T) {
	body := func(lines string) string {
		return "package config\n\nfunc Reset(cfg *Config) {\n" + lines + "\tcfg.Name = \"\"\n}\n"
	}
	cd := difftest.CommitOf(t, difftest.Changed("config/reset.go",
		body("\t*cfg = defaultsFor(cfg.Name)\n\t// restoreLegacy is gone\n"), body("")))
	f := &cd.Files[0]
	s := symbol.Symbol{Name: "Reset", Line: 3, EndLine: 5}
	got := removalNames(f, s)
	if !slices.Contains(got, "defaultsFor") {
		t.Errorf("removalNames = %v, want the dereference line's defaultsFor", got)
	}
	if slices.Contains(got, "restoreLegacy") {
		t.Errorf("removalNames = %v, took a comment's name", got)
	}
}

// The words tried before lintRE and cosmeticRE keep every subject either
// matches: a subject that matches holds one of them.
func TestSubjectWordsBeforeRegexps(t *testing.T) {
	subjects := []string{
		"Fix lint errors", "address linter noise (QF1012)", "fix SA1019", "go vet fixes", "run modernize -fix ./...",
		"activation: Files: fix ercheck warnings", "Fixing some warnings", "golangci-lint: enable more", "Make clippy happy",
		"ruff format", "flake8", "rubocop -a", "gofumpt the tree", "gofmt", "staticcheck: S1002", "ESLint", "pylint disable",
		"Fix typos and cosmetic refactor of code", "Blackening", "Code style", "coding-style", "spelling", "misspellings",
		"wording", "grammar", "punctuation", "reformatted", "prettier", "rustfmt", "cargo fmt", "clang-format",
		"Fix ſtaticcheck", "TYPOS", "Add a feature", "Bump deps",
	}
	for _, s := range subjects {
		if lintRE.MatchString(s) && !analyze.MayMatchFold(s, lintWords...) {
			t.Errorf("%q matches lintRE but holds none of lintWords", s)
		}
		if cosmeticRE.MatchString(s) && !analyze.MayMatchFold(s, cosmeticWords...) {
			t.Errorf("%q matches cosmeticRE but holds none of cosmeticWords", s)
		}
	}
	if analyze.MayMatchFold("Add a feature", lintWords...) || analyze.MayMatchFold("Bump deps", cosmeticWords...) {
		t.Error("the words let through a subject that holds none")
	}
}
