package dependency

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

var (
	pep508NameRE = lazyregexp.New(`^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)`)
	pep503SepRE  = lazyregexp.New(`[-_.]+`)
)

// pep503 normalises a distribution name as PyPI compares them: lower case,
// runs of -, _ and . as one -.
func pep503(name string) string {
	return pep503SepRE.ReplaceAllString(strings.ToLower(name), "-")
}

// parsePEP508 reads one dependency specifier (PEP 508):
// `requests[socks] >= 2.31 ; python_version > "3.8"` or `pkg @ https://...`.
// ok is false for what is not one (prose, a path, a bare URL).
func parsePEP508(s string) (name, spec string, ok bool) {
	s = strings.TrimSpace(s)
	m := pep508NameRE.FindString(s)
	if m == "" {
		return "", "", false
	}
	rest := strings.TrimSpace(s[len(m):])
	if strings.HasPrefix(rest, "[") { // extras
		k := strings.IndexByte(rest, ']')
		if k < 0 {
			return "", "", false
		}
		rest = strings.TrimSpace(rest[k+1:])
	}
	if strings.HasPrefix(rest, "@") { // a direct reference: its marker follows "; "
		url, _, _ := strings.Cut(rest, " ;")
		return m, strings.TrimSpace(url), true
	}
	rest, _, _ = strings.Cut(rest, ";") // environment markers
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "(") {
		rest = strings.TrimSpace(strings.Trim(rest, "()"))
	}
	if rest != "" && !strings.ContainsAny(rest[:1], "<>=!~") {
		return "", "", false
	}
	return m, rest, true
}

func pep508Dep(s string, dev bool) (dep, bool) {
	name, spec, ok := parsePEP508(s)
	if !ok {
		return dep{}, false
	}
	return dep{name: pep503(name), display: name, version: spec, major: pipMajor(spec), dev: dev}, true
}

// excludesOnly reports whether every declaration of ps only keeps
// versions out (PEP 440's "!=" alone): a constraint on a package others
// bring in.
func excludesOnly(ps []placed) bool {
	for _, p := range ps {
		spec := strings.TrimSpace(p.version)
		if spec == "" {
			return false
		}
		for _, clause := range strings.Split(spec, ",") {
			if !strings.HasPrefix(strings.TrimSpace(clause), "!=") {
				return false
			}
		}
	}
	return len(ps) > 0
}

// requirementsDeps reads a pip requirements file: one requirement per
// logical line (a trailing backslash continues it), after comments and
// per-requirement options (--hash) are cut. Option lines (-r, -c, -e,
// --index-url) and bare paths and URLs are not requirements.
func requirementsDeps(content []byte) []dep {
	ls := lines(content)
	var out []dep
	for i := 0; i < len(ls); i++ {
		start, logical := i+1, ls[i]
		for strings.HasSuffix(strings.TrimRight(logical, " \t"), `\`) && i+1 < len(ls) {
			logical = strings.TrimSuffix(strings.TrimRight(logical, " \t"), `\`) + " " + ls[i+1]
			i++
		}
		t := strings.TrimSpace(stripComment(logical))
		if k := strings.Index(t, " --"); k >= 0 {
			t = strings.TrimSpace(t[:k])
		}
		if t == "" || strings.HasPrefix(t, "-") || strings.Contains(t, "://") && !strings.Contains(t, "@") {
			continue
		}
		if d, ok := pep508Dep(t, false); ok {
			d.line, d.text = start, lineAt(ls, start)
			out = append(out, d)
		}
	}
	return out
}

// stripComment cuts a requirements line's comment: a # at the start or
// after white space (a URL's #fragment stays).
func stripComment(s string) string {
	if strings.HasPrefix(strings.TrimSpace(s), "#") {
		return ""
	}
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}

// devExtraRE names the extras a project keeps for its developers (jaraco's
// skeleton: test, doc, check, cover, enabler, type; the tools a release
// needs: jsonpickle's packaging extra of build, setuptools, twine and
// pypi-attestations, round 76; an extra named for a linter: simonw/
// sqlite-utils's flake8 extra of flake8-pyproject, round 80).
var devExtraRE = lazyregexp.New(`^(?:dev|develop|development|tests?|testing|docs?|documentation|lint|linting|linters?|typing|types?|mypy|pyright|typecheck|type-check|flake8|ruff|pylint|black|isort|bench|benchmarks?|cov|cover|coverage|style|format|formatting|ci|qa|check|pre-commit|enabler|packaging|release|releasing|publish|publishing|dist|deploy|maintainer|maintainers)$`)

// devExtra reports whether an extra (a group of optional dependencies) is
// for the project's developers ("test", "docs", "lint") rather than its
// users: python/mypy's faster-cache extra (orjson, 61ad5a47) and requests'
// socks (PySocks) are installed by users, `pip install mypy[faster-cache]`.
func devExtra(name string) bool {
	return devExtraRE.MatchString(strings.ToLower(strings.ReplaceAll(name, "_", "-")))
}

// pyprojectDeps reads pyproject.toml: PEP 621 [project] dependencies and
// optional-dependencies, PEP 735 [dependency-groups], Poetry's dependency
// tables, Flit's [tool.flit.metadata] requires and requires-extra, uv's
// and PDM's development dependencies. build-system.requires
// lists build tools, not dependencies, and python is the interpreter.
func pyprojectDeps(content []byte) ([]dep, bool) {
	var doc map[string]any
	if _, err := toml.Decode(string(content), &doc); err != nil {
		return nil, false
	}
	ls := lines(content)
	var out []dep
	addSpecs := func(v any, dev bool) {
		for _, s := range stringsOf(v) {
			if d, ok := pep508Dep(s, dev); ok {
				d.line, d.text = locateQuoted(ls, s)
				out = append(out, d)
			}
		}
	}
	project := table(doc, "project")
	addSpecs(project["dependencies"], false)
	extras := table(project, "optional-dependencies")
	for _, name := range sortedKeys(extras) {
		addSpecs(extras[name], devExtra(name))
	}
	for _, group := range sortedValues(table(doc, "dependency-groups")) {
		addSpecs(group, true) // {include-group = "x"} tables are left out by stringsOf
	}
	tool := table(doc, "tool")
	addSpecs(table(tool, "uv")["dev-dependencies"], true)
	for _, group := range sortedValues(table(table(tool, "pdm"), "dev-dependencies")) {
		addSpecs(group, true)
	}
	// Flit's metadata before PEP 621: tiangolo/typer 207e868 moved
	// click, typing-extensions, shellingham and rich from
	// [tool.flit.metadata] to [project], and four lines said they were new
	// (round 78, wrong).
	flit := table(table(tool, "flit"), "metadata")
	addSpecs(flit["requires"], false)
	flitExtras := table(flit, "requires-extra")
	for _, name := range sortedKeys(flitExtras) {
		addSpecs(flitExtras[name], devExtra(name))
	}
	poetry := table(tool, "poetry")
	out = append(out, poetryDeps(ls, "tool.poetry.dependencies", table(poetry, "dependencies"), false)...)
	out = append(out, poetryDeps(ls, "tool.poetry.dev-dependencies", table(poetry, "dev-dependencies"), true)...)
	groups := table(poetry, "group")
	for _, g := range sortedKeys(groups) {
		out = append(out, poetryDeps(ls, "tool.poetry.group."+g+".dependencies", table(table(groups, g), "dependencies"), true)...)
	}
	// The project itself, listed with an extra in its own group
	// (requests[socks]): read from the document decoded here, not decoded
	// again (ownName).
	self, _ := project["name"].(string)
	if self == "" {
		self, _ = poetry["name"].(string)
	}
	return withoutSelf(out, pep503(self)), true
}

// withoutSelf is deps without those named self ("" keeps them all).
func withoutSelf(deps []dep, self string) []dep {
	if self == "" {
		return deps
	}
	return slices.DeleteFunc(deps, func(d dep) bool { return d.name == self })
}

// poetryDeps reads one Poetry dependency table: name = "^1.2",
// name = { version = "^1.2", extras = [...] }, or a list of such tables
// for several Python versions. Path dependencies are the project's own.
func poetryDeps(ls []string, section string, t map[string]any, dev bool) []dep {
	var out []dep
	for _, name := range sortedKeys(t) {
		if strings.EqualFold(name, "python") {
			continue
		}
		spec, ok := tomlVersion(t[name])
		if !ok {
			continue
		}
		d := dep{name: pep503(name), display: name, version: spec, major: rangeMajor(spec, true), dev: dev}
		d.locate = func() (int, string) { return locateTOMLKey(ls, strings.Split(section, "."), name) }
		out = append(out, d)
	}
	return out
}

// tomlVersion is the version a TOML dependency value asks for: the string
// itself, a table's version (none for a git or URL source), or the first
// of a list of tables. ok is false for a local path dependency, even one
// with a version (which is what the published package will ask for).
func tomlVersion(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case map[string]any:
		if _, path := v["path"]; path {
			return "", false // a crate or package of the project: its version is for publishing
		}
		s, _ := v["version"].(string)
		return s, true
	case []map[string]any:
		if len(v) > 0 {
			return tomlVersion(v[0])
		}
	case []any:
		if len(v) > 0 {
			return tomlVersion(v[0])
		}
	}
	return "", false
}

// table is t[key] as a table, or nil.
func table(t map[string]any, key string) map[string]any {
	m, _ := t[key].(map[string]any)
	return m
}

func sortedKeys(t map[string]any) []string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sortedValues(t map[string]any) []any {
	var out []any
	for _, k := range sortedKeys(t) {
		out = append(out, t[k])
	}
	return out
}

// stringsOf is the strings of a TOML array; other values are left out.
func stringsOf(v any) []string {
	arr, _ := v.([]any)
	var out []string
	for _, e := range arr {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// quotedRE matches s as a TOML string, in either quotes.
// locateQuoted finds the first line holding s as a quoted string, in
// double or single quotes, and returns its number (1-based) and trimmed
// text, or 0. A plain search: compiling a pattern for each requirement and
// running it over every line was seven tenths of a backfill of
// pypa/pip-audit, whose pyproject.toml most commits change.
func locateQuoted(ls []string, s string) (int, string) {
	double, single := `"`+s+`"`, `'`+s+`'`
	for i, l := range ls {
		if strings.Contains(l, double) || strings.Contains(l, single) {
			return i + 1, strings.TrimSpace(l)
		}
	}
	return 0, ""
}

// locateTOMLKey finds where a key of a table is set: `key =` or
// `key.version =` after the table's header, `[table.key]`, or a dotted
// `table.key =` anywhere. section is the table's dotted name, part by
// part: a part may be written quoted (`[target.'cfg(unix)'.dependencies]`,
// BurntSushi/ripgrep's Cargo.toml).
func locateTOMLKey(ls []string, section []string, key string) (int, string) {
	k := tomlKeyRE(key)
	table := tomlKeyRE(section...)
	header := regexp.MustCompile(`^\s*\[\s*` + table + `\s*\]`)
	from, _ := locate(ls, 1, header)
	if from > 0 {
		if n, text := locate(ls, from+1, regexp.MustCompile(`^\s*`+k+`\s*[.=]`)); n > 0 {
			return n, text
		}
	}
	return locate(ls, 1,
		regexp.MustCompile(`^\s*\[\s*`+table+`\s*\.\s*`+k+`\s*\]`),
		regexp.MustCompile(`(?:^|\.)`+k+`\s*[.=]`))
}

// tomlKeyRE matches a dotted TOML key of parts, each bare or quoted.
func tomlKeyRE(parts ...string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		q := regexp.QuoteMeta(p)
		out[i] = `(?:` + q + `|"` + q + `"|'` + q + `')`
	}
	return strings.Join(out, `\s*\.\s*`)
}
