package dependency

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strconv"
	"strings"
)

// setupRequireRE is where setup.py starts a list of requirements: a name
// with "require" in it (install_requires=, tests_require=, extras_require=,
// requires = [...], mozilla/bleach's INSTALL_REQUIRES = [...]) bound to a
// list or a dict of lists.
var setupRequireRE = lazyregexp.New(`(?i)\b\w*require\w*\s*=\s*[\[{]`)

// setupPyDeps reads the requirement lists of a setup.py. Python code has
// no parser here, so this reads the literal lists the setuptools docs
// show: the string literals inside the square brackets that follow a
// name with "require" in it (python_requires is a string, not a list, and
// extras_require's keys sit outside the brackets).
func setupPyDeps(content []byte) []dep {
	src := string(content)
	ls := lines(content)
	var out []dep
	add := func(open int, dev bool) {
		for _, lit := range bracketStrings(src, open) {
			if d, ok := pep508Dep(lit.text, dev); ok {
				d.line = 1 + strings.Count(src[:lit.at], "\n")
				d.text = lineAt(ls, d.line)
				out = append(out, d)
			}
		}
	}
	lists := setupLists(src)
	for _, loc := range setupRequireRE.FindAllStringIndex(src, -1) {
		name := strings.ToLower(strings.TrimSpace(src[loc[0] : strings.IndexByte(src[loc[0]:], '=')+loc[0]]))
		if name == "setup_requires" {
			continue // build tools
		}
		dev := name != "install_requires" && name != "requires"
		add(loc[1]-1, dev)
		// A list the requirements name by its variable (webargs'
		// "frameworks": FRAMEWORKS, and tests and docs + FRAMEWORKS): its
		// packages are declared here too, or moving them to
		// pyproject.toml adds them (round 77, wrong).
		for _, ref := range listRefs(src, loc[1]-1, lists) {
			refDev := dev
			if ref.key != "" {
				refDev = devExtra(ref.key) // an extra for the users, or for the developers
			}
			add(lists[ref.name], refDev)
		}
	}
	// One requirement as a string: marshmallow-code/apispec's
	// INSTALL_REQUIRES = "packaging>=21.3", moved to pyproject.toml by
	// 76825fc and drafted as a new dependency there (round 152, wrong).
	for _, m := range setupRequireStringRE.FindAllStringSubmatchIndex(src, -1) {
		name := strings.ToLower(src[m[2]:m[3]])
		if name == "setup_requires" || name == "python_requires" {
			continue
		}
		if d, ok := pep508Dep(src[m[4]:m[5]], name != "install_requires" && name != "requires"); ok {
			d.line = 1 + strings.Count(src[:m[4]], "\n")
			d.text = lineAt(ls, d.line)
			out = append(out, d)
		}
	}
	return withoutRepeats(out)
}

// setupRequireStringRE is a requirement bound as one string to a name
// with "require" in it, at the left margin: INSTALL_REQUIRES = "x>=1".
var setupRequireStringRE = lazyregexp.New(`(?im)^(\w*require\w*)\s*=\s*["']([^"'\n]+)["']\s*$`)

// setupListRE is a list bound to a name at the left margin of setup.py:
// FRAMEWORKS = [
var setupListRE = lazyregexp.New(`(?m)^([A-Za-z_]\w*)\s*=\s*\[`)

// setupLists finds the lists bound to names at the top of setup.py: the
// offset of each one's "[" by its name.
func setupLists(src string) map[string]int {
	out := map[string]int{}
	for _, m := range setupListRE.FindAllStringSubmatchIndex(src, -1) {
		out[src[m[2]:m[3]]] = m[1] - 1
	}
	return out
}

// listRef is a name of setupLists used inside a requirement group, with
// the key of the dict entry it stands in ("" outside a dict's entries).
type listRef struct{ name, key string }

// listRefs finds the names of lists the balanced group opening at
// src[open] uses as values, with the quoted key of the entry each is in.
func listRefs(src string, open int, lists map[string]int) []listRef {
	var out []listRef
	depth, key := 0, ""
	for i := open; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '[' || c == '{' || c == '(':
			depth++
		case c == ']' || c == '}' || c == ')':
			depth--
			if depth == 0 {
				return out
			}
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			end := strings.IndexByte(src[i+1:], c)
			if end < 0 {
				return out
			}
			lit := src[i+1 : i+1+end]
			i += end + 1
			if depth == 1 && strings.HasPrefix(strings.TrimLeft(src[i+1:], " \t"), ":") {
				key = lit // an extra's name
			}
		case c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			j := i
			for j < len(src) && (src[j] == '_' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			if _, ok := lists[src[i:j]]; ok {
				out = append(out, listRef{name: src[i:j], key: key})
			}
			i = j - 1
		}
	}
	return out
}

// withoutRepeats keeps one dep per package and line, a runtime one over a
// developers' one: a list named in several groups is read once for each.
func withoutRepeats(deps []dep) []dep {
	at := map[string]int{}
	var out []dep
	for _, d := range deps {
		k := d.name + "\x00" + strconv.Itoa(d.line)
		if i, ok := at[k]; ok {
			out[i].dev = out[i].dev && d.dev
			continue
		}
		at[k] = len(out)
		out = append(out, d)
	}
	return out
}

type literal struct {
	text string
	at   int // offset of the opening quote
}

// bracketStrings returns the string literals inside square brackets in the
// balanced bracket group that opens at src[open].
func bracketStrings(src string, open int) []literal {
	var out []literal
	depth, square := 0, 0
	for i := open; i < len(src); i++ {
		switch c := src[i]; c {
		case '[', '{', '(':
			depth++
			if c == '[' {
				square++
			}
		case ']', '}', ')':
			depth--
			if c == ']' {
				square--
			}
			if depth == 0 {
				return out
			}
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '"', '\'':
			end := strings.IndexByte(src[i+1:], c)
			if end < 0 {
				return out
			}
			if square > 0 {
				out = append(out, literal{text: src[i+1 : i+1+end], at: i})
			}
			i += end + 1
		}
	}
	return out
}

// setupCfgDeps reads setup.cfg's [options] install_requires and
// tests_require, [options.extras_require] and metadata requires-dist: one
// requirement per line of a value, continuation lines indented.
func setupCfgDeps(content []byte) []dep {
	ls := lines(content)
	var out []dep
	section, key := "", ""
	for i, raw := range ls {
		t := strings.TrimSpace(raw)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, ";") {
			continue
		}
		indented := raw != strings.TrimLeft(raw, " \t")
		value := t
		if !indented {
			if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
				section, key = strings.TrimSpace(t[1:len(t)-1]), ""
				continue
			}
			k, v, ok := strings.Cut(t, "=")
			if !ok {
				k, v, ok = strings.Cut(t, ":")
			}
			if !ok {
				key = ""
				continue
			}
			key, value = strings.TrimSpace(k), strings.TrimSpace(v)
		}
		dev := false
		switch {
		case section == "options" && key == "install_requires", section == "metadata" && key == "requires-dist":
		case section == "options" && key == "tests_require":
			dev = true
		case section == "options.extras_require" && key != "":
			dev = devExtra(key)
		default:
			continue
		}
		if d, ok := pep508Dep(value, dev); ok && value != "" {
			d.line, d.text = i+1, t
			out = append(out, d)
		}
	}
	return out
}
