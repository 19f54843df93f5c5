package analyze

import (
	"bytes"
	"regexp"
	"strings"
)

// What counts as a call of a name, wherever the tests are read (git grep
// or in process): the name with no identifier byte before it, blanks at
// most, then "("; a Rust macro's "name!(", "name! {" or "name![" (dtolnay/
// paste's `#[proc_macro] pub fn paste`, which its tests use as `paste!`
// 37 times, was drafted untested; round 85, wrong); or a method handed on
// as a value, ".name" then "," or ")" (sqlalchemy/mako's
// test_load_plugin_failure passes `loader.load` to assert_raises_message;
// round 85, wrong), or taken as a value, ".name;" (chaijs/chai's
// `gettem = _.getOwnEnumerableProperties;`, round 91); or a call with
// explicit type arguments, Rust's
// turbofish "name::<3>(" and TypeScript's "name<T>(" (time-rs/time's
// tests call `parse_borrowed::<3>(`, and c899660f's change of it was
// drafted untested; round 92, wrong); or a class (a capitalised name)
// handed to a call as an argument, "(Name)" or ", Name," (Textualize/
// textual's tests query widgets by class, `query_one(CommandList)`,
// `pilot.click(CollapsibleTitle)`, and both were listed untested: round
// 99, wrong); or the name as the whole of a string, 'name' or "name": a
// test that calls what it names (validatorjs/validator.js's tests run
// `test({ validator: 'isBtcAddress', valid: [...] })`, and isBtcAddress
// and isBase58 were listed untested: round 110, noise).

// callRegexp is the git grep -P (or -E) pattern of a call of any of names (regexp
// quoted already), through qualifier and a dot when it is not empty.
func callRegexp(quoted []string, qualifier string) string {
	alts := "(" + strings.Join(quoted, "|") + ")"
	if qualifier != "" {
		qualifier = regexp.QuoteMeta(qualifier) + `\.`
	}
	re := `(^|[^A-Za-z0-9_$])` + qualifier + alts + `[[:space:]]*(\(|![[:space:]]*[[({]|(::)?<[^()]*>[[:space:]]*\()|\.` + qualifier + alts + `[[:space:]]*[,);]`
	var classes []string
	for _, q := range quoted {
		if q != "" && q[0] >= 'A' && q[0] <= 'Z' {
			classes = append(classes, q)
		}
	}
	if len(classes) > 0 && qualifier == "" {
		re += `|[(,][[:space:]]*(` + strings.Join(classes, "|") + `)[[:space:]]*[,)]`
	}
	var named []string
	for _, q := range quoted {
		if distinctive(q) {
			named = append(named, q)
		}
	}
	if len(named) > 0 && qualifier == "" {
		n := "(" + strings.Join(named, "|") + ")"
		re += `|'` + n + `'|"` + n + `"`
	}
	return re
}

// distinctive reports a name that, as the whole of a string, names code
// rather than data: six bytes or more, with an upper-case letter after its
// first or an underscore ("isBtcAddress", "parse_args"; not "fake", not
// "Header").
func distinctive(name string) bool {
	return len(name) >= 6 && (strings.ContainsAny(name[1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") || strings.Contains(name, "_"))
}

// calledName is the name a call matched by callRegexp calls: "tag.Add (" is
// "Add", "paste! {" is "paste", ".load," and ".load;" are "load".
func calledName(match string) string {
	match = strings.TrimRight(match, "([{!,); \t\r\n'\"")
	for i := 1; i < len(match); i++ {
		if match[i] == '<' && (isIdentRune(rune(match[i-1])) || match[i-1] == ':') {
			match = strings.TrimRight(match[:i], ":") // "parse::<3>" is "parse"
			break
		}
	}
	if i := strings.LastIndexFunc(match, func(r rune) bool { return !isIdentRune(r) }); i >= 0 {
		match = match[i+1:]
	}
	return match
}

// Calls reports whether src calls name as callRegexp has it.
func Calls(src []byte, name string) bool {
	for from := 0; ; {
		k := bytes.Index(src[from:], []byte(name))
		if k < 0 {
			return false
		}
		k += from
		from = k + len(name)
		if k > 0 && isIdentRune(rune(src[k-1])) {
			continue
		}
		if k > 0 && from < len(src) && (src[k-1] == '\'' || src[k-1] == '"') && src[from] == src[k-1] && distinctive(name) {
			return true // the whole of a string: a test that calls by name
		}
		rest := bytes.TrimLeft(src[from:min(len(src), from+64)], " \t\r\n\v\f")
		if len(rest) == 0 {
			continue
		}
		switch rest[0] {
		case '(':
			return true
		case '!':
			if after := bytes.TrimLeft(rest[1:], " \t\r\n"); len(after) > 0 && bytes.IndexByte([]byte("([{"), after[0]) >= 0 {
				return true
			}
		case ',', ')', ';':
			if k > 0 && src[k-1] == '.' {
				return true
			}
			if rest[0] != ';' && name[0] >= 'A' && name[0] <= 'Z' {
				before := bytes.TrimRight(src[:k], " \t\r\n")
				if n := len(before); n > 0 && (before[n-1] == '(' || before[n-1] == ',') {
					return true // a class handed to a call
				}
			}
		case ':', '<':
			if typeArgsCall(rest) {
				return true
			}
		}
	}
}

// typeArgsCall reports whether rest, what follows a name, is type
// arguments and then a call's "(": "::<3>(", "<string>(".
func typeArgsCall(rest []byte) bool {
	rest = bytes.TrimPrefix(rest, []byte("::"))
	if len(rest) == 0 || rest[0] != '<' {
		return false
	}
	open := bytes.IndexAny(rest, "()")
	if open < 0 || rest[open] != '(' {
		return false
	}
	args := bytes.TrimRight(rest[:open], " \t\r\n")
	return len(args) > 1 && args[len(args)-1] == '>'
}

func isIdentRune(r rune) bool {
	return r == '_' || r == '$' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
