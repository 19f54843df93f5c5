package dependency

import (
	"regexp"
	"strings"
)

// setupRequireRE is where setup.py starts a list of requirements: a name
// with "require" in it (install_requires=, tests_require=, extras_require=,
// requires = [...], mozilla/bleach's INSTALL_REQUIRES = [...]) bound to a
// list or a dict of lists.
var setupRequireRE = regexp.MustCompile(`(?i)\b\w*require\w*\s*=\s*[\[{]`)

// setupPyDeps reads the requirement lists of a setup.py. Python code has
// no parser here, so this reads the literal lists the setuptools docs
// show: the string literals inside the square brackets that follow a
// name with "require" in it (python_requires is a string, not a list, and
// extras_require's keys sit outside the brackets).
func setupPyDeps(content []byte) []dep {
	src := string(content)
	ls := lines(content)
	var out []dep
	for _, loc := range setupRequireRE.FindAllStringIndex(src, -1) {
		name := strings.ToLower(strings.TrimSpace(src[loc[0] : strings.IndexByte(src[loc[0]:], '=')+loc[0]]))
		if name == "setup_requires" {
			continue // build tools
		}
		dev := name != "install_requires" && name != "requires"
		for _, lit := range bracketStrings(src, loc[1]-1) {
			if d, ok := pep508Dep(lit.text, dev); ok {
				d.line = 1 + strings.Count(src[:lit.at], "\n")
				d.text = lineAt(ls, d.line)
				out = append(out, d)
			}
		}
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
