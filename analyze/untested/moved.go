package untested

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// movedLines are the lines a commit removes, trimmed, to tell code moved
// from one file to another (a class split out of a big file) from new
// code: moved code keeps the tests it had. Case aside: code moved into a
// package of its own is often exported on the way (hashicorp/golang-lru
// 1154eab moved simplelru/list.go's newList and pushFront to
// internal/list.go as NewList and PushFront).
type movedLines map[string]bool

func removedLines(cd *analyze.CommitDiff) movedLines {
	out := movedLines{}
	for i := range cd.Files {
		for _, h := range cd.Files[i].Hunks {
			for _, l := range h.Lines {
				if t := strings.TrimSpace(l.Text); l.Kind == analyze.Removed && meaningful(t) {
					out[movedKey(cd.Files[i].OldPath, t)] = true
				}
			}
		}
	}
	return out
}

// holds reports whether most of the code lines of the symbol s that the
// hunks show (seven in ten, of three or more) were there before: kept by
// the diff, or lines the commit removed elsewhere; of a
// smaller symbol, every one: a one-line method's signature, removed from
// one file and added to another, is the method moved (spf13/viper
// 272344e moved a file's worth of two-line Error methods and one-line
// wrappers).
func (m movedLines) holds(f *analyze.FileDiff, s symbol.Symbol) bool {
	if len(m) == 0 {
		return false
	}
	total, seen := 0, 0
	// Lines the diff kept count only for a symbol the lines the commit
	// took out of the file named: a definition rewritten in place. A new
	// function that takes over the body of an old one and adds to it
	// (go-git 7bb839d's NewWithPool, New's body with a pool: judged
	// useful) is new code.
	kept := namedInRemoved(f, s.Name[strings.LastIndexAny(s.Name, ".:")+1:])
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			t := strings.TrimSpace(l.Text)
			if l.Kind == analyze.Removed || l.NewNo < s.Line || l.NewNo > max(s.EndLine, s.Line) || !meaningful(t) || commentLine(t) {
				continue
			}
			total++
			// A line the diff kept was there before: the symbol's code
			// moved within the file around it (chai's deprecated getters,
			// whose bodies git aligned with the old accessors').
			if kept && l.Kind == analyze.Context || m[movedKey(f.NewPath, t)] {
				seen++
			}
		}
	}
	if total < 3 {
		return total > 0 && seen == total
	}
	return seen*10 >= total*7
}

// movedKey is how a moved line is known on both sides: trimmed, without
// type annotations, case or the keyword that makes it public (helmetjs/
// helmet 3f511ed moved `const dashify = ...` out of index.ts into util.ts
// as `export const dashify = ...`; round 83, noise).
func movedKey(p, t string) string {
	t = strings.ToLower(symbol.Untyped(p, t))
	for _, kw := range []string{"export default ", "export ", "pub(crate) ", "pub ", "public "} {
		if rest, ok := strings.CutPrefix(t, kw); ok {
			t = rest
			break
		}
	}
	if analyze.SourceLanguage(p) == analyze.LangJS {
		t = jsMovedForm(t)
	}
	return t
}

// A JavaScript constructor function made a class moves its methods within
// the file and rewrites every header: chaijs/chai 97b218e "convert
// Assertion function to a class" made `Assertion.addMethod = function
// (name, fn) {` `static addMethod(name, fn) {`, and a formatter run with it
// made its quotes double and added trailing commas. The ten methods,
// tested all along, were drafted as added code to test (round 91, wrong).
// A method's header is known by its name and parameters whatever its
// form, a line by its code whatever its quotes.
var (
	// jsAttachedRE: "x.name = function (args) {", "x.prototype.name = async
	// function(args) {", "name: function (args) {".
	jsAttachedRE = lazyregexp.New(`^(?:[\w$.]+\.)?([\w$]+)\s*[:=]\s*(?:async\s+)?function\s*\*?\s*[\w$]*\s*\(([^)]*)\)\s*\{$`)
	// jsMemberHeadRE: "static async name(args) {", "get name() {", "function
	// name(args) {".
	jsMemberHeadRE = lazyregexp.New(`^(?:(?:static|async|get|set|function)\s+)*\*?\s*([\w$]+)\s*\(([^)]*)\)\s*\{$`)
)

// jsMovedForm is a line of JavaScript as movedKey knows it: a method's
// header as "name(args) {", quotes as ", without a trailing comma or
// semicolon.
func jsMovedForm(t string) string {
	if m := jsAttachedRE.FindStringSubmatch(t); m != nil {
		return m[1] + "(" + strings.Join(strings.Fields(m[2]), " ") + ") {"
	}
	if m := jsMemberHeadRE.FindStringSubmatch(t); m != nil && !jsControl[m[1]] {
		return m[1] + "(" + strings.Join(strings.Fields(m[2]), " ") + ") {"
	}
	return strings.TrimRight(strings.ReplaceAll(t, "'", `"`), ",; \t")
}

// jsControl are the statements whose header looks like a call's.
var jsControl = map[string]bool{"if": true, "for": true, "while": true, "switch": true, "catch": true, "with": true}

// removesName reports whether a line the commit removes, in any file,
// names name as a word.
func removesName(cd *analyze.CommitDiff, name string) bool {
	for i := range cd.Files {
		if namedInRemoved(&cd.Files[i], name) {
			return true
		}
	}
	return false
}

// namedInRemoved reports whether a line f removes names name, as a word.
func namedInRemoved(f *analyze.FileDiff, name string) bool {
	if name == "" {
		return false
	}
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == analyze.Removed && analyze.IndexWord(l.Text, name) >= 0 {
				return true
			}
		}
	}
	return false
}

// commentLine reports a line that is a comment whole: documentation
// written on the way (chai's class methods gained JSDoc blocks as they
// moved) says nothing of where the code came from.
func commentLine(t string) bool {
	switch {
	case strings.HasPrefix(t, "//"), strings.HasPrefix(t, "/*"), strings.HasPrefix(t, "*/"),
		t == "*", strings.HasPrefix(t, "* "):
		return true
	case strings.HasPrefix(t, "#"):
		return !strings.HasPrefix(t, "#[") && !strings.HasPrefix(t, "#!") // Python's, not Rust's attributes
	}
	return false
}

// meaningful reports a line that says something on its own: not blank,
// not a lone brace or parenthesis.
func meaningful(t string) bool {
	return strings.Trim(t, "{}()[];, \t") != ""
}
