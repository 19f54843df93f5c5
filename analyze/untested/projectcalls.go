package untested

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// calledByTests returns the symbols of syms that the tests already call
// by name at the commit, whose change is then a rewrite of tested code:
// the file's own tests, where the project keeps them (conventionalTests:
// python-hyper/h11 bdcc34e's ReceiveBuffer.maybe_extract_lines, which
// test_receivebuffer.py called six times; rounds 70 to 74 judged a dozen
// such drafts noise), then any test of the project, whatever its file is
// named (analyze.TestCalls): jazzband/tablib keeps the tests of every
// format in tests/test_tablib.py, psf/cachecontrol calls its heuristics
// from tests/test_expires_heuristics.py (rounds 74 and 75). A symbol whose
// doc comment the commit rewrote states a new contract that the old tests
// may not check (go-git 3fe32a2's DiscoverVersion, judged useful) and is
// never counted called, nor is one whose name is too short to tell apart
// from others' (a call of "get" is anyone's). A commit that says it is
// about types (typing: "More typing", "Fixing errors reported by mypy")
// rewrites doc comments to say types, not contracts: chaijs/chai ce4c403
// made getMessage's `@returns {unknown}` `{string}`, redis/redis-py
// 768ad9c reworded limit_fields's docstring for `*fields: str`, and tests
// calling both were asked for (round 91, wrong). The project's tests are
// asked of a file only when everything else would report it: it is one
// git grep at most.
func calledByTests(files *symbol.Commit, cd *analyze.CommitDiff, p string, syms []symbol.Symbol, typingOnly bool) map[string]bool {
	called := map[string]bool{}
	var asked []symbol.Symbol
	callName := func(s symbol.Symbol) string { return calledAs(s, p) }
	for _, s := range syms {
		if (!s.DocChanged || typingOnly) && len(callName(s)) >= 3 {
			asked = append(asked, s)
		}
	}
	if len(asked) == 0 {
		return called
	}
	// The tests as read, not copied: a copy of each for each name asked
	// was 3% of what a go-git backfill allocated.
	var own [][]byte
	for _, t := range conventionalTests(p) {
		if src, ok := files.Read(t, analyze.Added); ok {
			own = append(own, src)
		}
	}
	if analyze.SourceLanguage(p) == analyze.LangRust {
		reads := []string{p}
		if root := rustCrateRoot(p); root != "" && root != p {
			reads = append(reads, root)
		}
		for _, q := range reads {
			if src, ok := files.Read(q, analyze.Added); ok {
				for _, t := range rustTestsOf(string(src)) {
					own = append(own, []byte(t))
				}
			}
		}
	}
	var names []string
	for _, s := range asked {
		if calledIn(own, callName(s)) || s.Name == "default" && importsModule(asStrings(own), callName(s)) {
			called[s.Name] = true
		} else {
			names = append(names, callName(s))
		}
	}
	if len(names) == 0 {
		return called
	}
	found, err := cd.TestCalls(names, p)
	if err != nil || found == nil {
		return called // unknown: reported as before
	}
	for _, s := range asked {
		if found[callName(s)] {
			called[s.Name] = true
		}
	}
	return called
}

// calledAs is the name calls of s spell: its short name; for a default
// export, which its importer names, the module's name ("default" itself
// is only a property: axios's tests read `fetchAdapter.default)`), its
// file's, or its folder's for an index file: caolan/async's tests call
// lib/priorityQueue.js's default export as `async.priorityQueue(`, eight
// times when b0bc571 changed it (round 97, noise).
func calledAs(s symbol.Symbol, p string) string {
	n := shortName(s)
	if n != "default" {
		return n
	}
	stem := analyze.FileStem(p)
	if stem == "index" || stem == "mod" {
		stem = path.Base(path.Dir(p))
	}
	if !analyze.IsIdentifier(stem) {
		return "" // "date-fns", ".": no name a call spells
	}
	return stem
}

// importsModule reports whether one of srcs, the tests named after a
// module, imports its default export under a name and hands it to a call:
// a plugin the tests use rather than call (iamkun/dayjs's
// test/plugin/advancedFormat.test.js, `import advancedFormat from
// '../../src/plugin/advancedFormat'` then `dayjs.extend(advancedFormat)`;
// round 108, noise). A namespace import that only looks at `.default` uses
// nothing (axios's fetch.js).
func importsModule(srcs []string, module string) bool {
	if module == "" {
		return false
	}
	importRE := regexp.MustCompile(`\bimport\s+([A-Za-z_$][\w$]*)\s+from\s+['"][^'"]*/` + regexp.QuoteMeta(module) + `(?:/index)?(?:\.[cm]?[jt]sx?)?['"]`)
	for _, src := range srcs {
		for _, m := range importRE.FindAllStringSubmatch(src, -1) {
			if handedRE(m[1]).MatchString(src) {
				return true
			}
		}
	}
	return false
}

// handedRE matches name handed to a call as an argument.
func handedRE(name string) *regexp.Regexp {
	return regexp.MustCompile(`[(,]\s*` + regexp.QuoteMeta(name) + `\s*[,)]`)
}

// shortName is a symbol's name as a call spells it: "Type.method" is
// called "method".
func shortName(s symbol.Symbol) string {
	return s.Name[strings.LastIndexAny(s.Name, ".:")+1:]
}

// rustDocAttrRE opens a doc attribute's raw string: `doc = r##"`; group 1
// is its hashes.
var rustDocAttrRE = lazyregexp.New(`\bdoc\s*=\s*r(#*)"`)

// rustCrateRoot is the lib.rs of the crate whose src/ holds p, whose
// tests module and doc tests often test the whole crate (Amanieu/
// thread_local-rs's same_thread_cached in src/lib.rs calls
// CachedThreadLocal::get, defined in src/cached.rs; round 87, wrong); ""
// when p is in no src/ folder.
func rustCrateRoot(p string) string {
	dir := path.Dir(p)
	for {
		if path.Base(dir) == "src" {
			return path.Join(dir, "lib.rs")
		}
		if dir == "." || dir == "/" {
			return ""
		}
		dir = path.Dir(dir)
	}
}

// rustTestModRE is a test module written in the file: `#[cfg(test)]`, then
// `mod tests {` (a `mod tests;` is another file's).
var rustTestModRE = lazyregexp.New(`#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{`)

// rustTestsOf is what cargo test runs of a Rust file: its test module
// (from its #[cfg(test)] on) and its doc tests (the code of its ///
// and //! comments). uuid-rs/uuid 4dd5828 rewrote Uuid::as_hyphenated and
// three more in src/fmt.rs, whose own tests module calls each; e09a322
// changed Uuid::now_v1, which src/v1.rs's test_now calls (round 86, both
// wrong). The definitions above the module are not calls.
func rustTestsOf(src string) []string {
	var out []string
	if loc := rustTestModRE.FindStringIndex(src); loc != nil {
		out = append(out, src[loc[0]:])
	}
	var doc strings.Builder
	inAttr := "" // the quote that ends a doc = r##"..." attribute's text
	for _, l := range strings.Split(src, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case inAttr != "":
			// Docs written as an attribute's raw string, gated on
			// features: tkaitchuck/aHash's lib.rs, whose
			// `#![cfg_attr(..., doc = r##"...AHashMap::new()..."##)]` doc
			// test calls what round 87 drafted untested.
			if k := strings.Index(t, inAttr); k >= 0 {
				doc.WriteString(t[:k] + "\n")
				inAttr = ""
				continue
			}
			doc.WriteString(t + "\n")
		case strings.HasPrefix(t, "///"):
			doc.WriteString(t[3:] + "\n")
		case strings.HasPrefix(t, "//!"):
			doc.WriteString(t[3:] + "\n")
		default:
			if m := rustDocAttrRE.FindStringSubmatch(t); m != nil {
				inAttr = "\"" + m[1]
				rest := t[len(m[0]):]
				if k := strings.Index(rest, inAttr); k >= 0 {
					doc.WriteString(rest[:k] + "\n")
					inAttr = ""
				} else {
					doc.WriteString(rest + "\n")
				}
			}
		}
	}
	if doc.Len() > 0 {
		out = append(out, doc.String())
	}
	return out
}

// reachedByTestedCallers adds to called the symbols of syms the commit
// changed (not added) that a function of their own file calls, when the
// tests call that function by name: code the project tests through the
// function that uses it. The largest class of untested drafts judged
// noise out of sample was such code (tenacity's retry loop internals,
// funcy's re_finder through re_find, afero's mem.File.Readdir through the
// file system's tests: rounds 131 to 137). New code stays: a tested
// caller does not say its new path is tested. One TestCalls question.
func reachedByTestedCallers(files *symbol.Commit, cd *analyze.CommitDiff, p string, syms []symbol.Symbol, called map[string]bool) {
	callers := map[string][]string{} // a symbol's name: its callers' names
	var asked []string
	for _, s := range syms {
		if called[s.Name] || s.Change == symbol.Added || s.DocChanged {
			continue
		}
		for _, c := range files.Callers(p, s.Name) {
			if len(c) >= 3 {
				callers[s.Name] = append(callers[s.Name], c)
				asked = append(asked, c)
			}
		}
	}
	if len(asked) == 0 {
		return
	}
	found, err := cd.TestCalls(asked, p)
	if err != nil || found == nil {
		return
	}
	for name, cs := range callers {
		if slices.ContainsFunc(cs, func(c string) bool { return found[c] }) {
			called[name] = true
		}
	}
}
