package analyze

import (
	"path"
	"regexp"
	"strings"
)

// depEntry is one dependency as one side of a hunk of a manifest shows it.
type depEntry struct {
	name    string // identity across versions: module path without /vN, PyPI name normalised, group:artifact
	display string // as the manifest writes it
	version string // as written: v1.2.3, ^1.2.3, >=2.0; "" when none
	major   string // "v2", "v0.4" (where 0.x minors break), "" when unknown
	line    int
	text    string // the line that carries the version (or the name), trimmed
	changed bool   // one of its lines is a changed line
	// indirect: a go.mod requirement that came with another dependency,
	// reviewed with that one.
	indirect bool
}

// Manifest kinds.
const (
	manifestGoMod        = "go.mod"
	manifestPackageJSON  = "package.json"
	manifestRequirements = "requirements"
	manifestPyproject    = "pyproject.toml"
	manifestCargo        = "Cargo.toml"
	manifestPom          = "pom.xml"
)

// manifestKind says which dependency manifest the file at p is, or "".
// Lock files (go.sum, package-lock.json, yarn.lock, Cargo.lock,
// poetry.lock, ...) are not manifests: they follow the manifests.
func manifestKind(p string) string {
	if SkipReason(p) != "" {
		return ""
	}
	base := path.Base(p)
	switch base {
	case manifestGoMod, manifestPackageJSON, manifestPyproject, manifestCargo, manifestPom:
		return base
	}
	lower := strings.ToLower(base)
	if ext := path.Ext(lower); ext == ".txt" || ext == ".in" {
		if strings.Contains(lower, "requirements") || path.Base(path.Dir(p)) == "requirements" {
			return manifestRequirements
		}
	}
	return ""
}

// manifestDeps reads the dependencies in one side of one hunk.
func manifestDeps(kind string, lines []sideLine) []depEntry {
	switch kind {
	case manifestGoMod:
		return goModDeps(lines)
	case manifestPackageJSON:
		return packageJSONDeps(lines)
	case manifestRequirements:
		return requirementsDeps(lines)
	case manifestPyproject:
		return pyprojectDeps(lines)
	case manifestCargo:
		return cargoDeps(lines)
	case manifestPom:
		return pomDeps(lines)
	}
	return nil
}

func newDep(ln sideLine, name, display, version, major string) depEntry {
	return depEntry{name: name, display: display, version: version, major: major, line: ln.no, text: strings.TrimSpace(ln.text), changed: ln.changed}
}

var (
	goModLineRE   = regexp.MustCompile(`^(?:require\s+)?([^\s()"]+)\s+(v\d[^\s]*)\s*(//\s*indirect\b)?`)
	goMajorPathRE = regexp.MustCompile(`^(.*)/v([2-9]|[1-9]\d+)$`)
	gopkgInRE     = regexp.MustCompile(`^(gopkg\.in/.*)\.v(\d+)$`)
	leadingNumRE  = regexp.MustCompile(`^v?(\d+)`)
)

// goModDeps reads require lines, alone or in a require block. A hunk that
// starts inside a block is taken to be inside a require block.
func goModDeps(lines []sideLine) []depEntry {
	var out []depEntry
	block := "require"
	for _, ln := range lines {
		t := strings.TrimSpace(ln.text)
		if strings.HasSuffix(t, "(") {
			block = strings.TrimSpace(strings.TrimSuffix(t, "("))
			continue
		}
		if t == ")" {
			block = ""
			continue
		}
		if strings.HasPrefix(t, "//") || strings.Contains(t, "=>") {
			continue
		}
		if block != "require" && !strings.HasPrefix(t, "require ") {
			continue
		}
		m := goModLineRE.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		name, major := goModuleMajor(m[1], m[2])
		e := newDep(ln, name, m[1], m[2], major)
		e.indirect = m[3] != ""
		out = append(out, e)
	}
	return out
}

// goModuleMajor splits a module path into its identity and major version:
// example.com/m/v3 is example.com/m at v3, gopkg.in/yaml.v3 gopkg.in/yaml at
// v3, and otherwise the version's major (v0, v1, or v2+incompatible's v2).
func goModuleMajor(mod, version string) (name, major string) {
	if m := goMajorPathRE.FindStringSubmatch(mod); m != nil {
		return m[1], "v" + m[2]
	}
	if m := gopkgInRE.FindStringSubmatch(mod); m != nil {
		return m[1], "v" + m[2]
	}
	if m := leadingNumRE.FindStringSubmatch(version); m != nil {
		return mod, "v" + m[1]
	}
	return mod, ""
}

var (
	npmDepSectionRE = regexp.MustCompile(`^\s*"(?:dependencies|devDependencies|peerDependencies|optionalDependencies)"\s*:\s*\{`)
	npmSectionRE    = regexp.MustCompile(`^\s*"[^"]*"\s*:\s*[{\[]`)
	npmEntryRE      = regexp.MustCompile(`^(\s*)"((?:@[^"/\s]+/)?[^"@/\s][^"\s]*)"\s*:\s*"([^"]*)"`)
	versionLikeRE   = regexp.MustCompile(`^(?:npm:|workspace:|[\^~]|[<>]=?|=|v?\d)`)
)

// npmNotDeps are keys that hold versions without being dependencies
// (engines, the package's own version), for hunks that do not show which
// object they are in.
func npmNotDep(s string) bool {
	switch s {
	case "version", "node", "npm", "yarn", "pnpm", "bun", "deno":
		return true
	}
	return false
}

// packageJSONDeps reads the entries of dependencies, devDependencies,
// peerDependencies and optionalDependencies. When a hunk does not show the
// object it starts in, an indented "name": "<version range>" is taken for a
// dependency.
func packageJSONDeps(lines []sideLine) []depEntry {
	var out []depEntry
	section := "unknown" // "deps", "other" or "unknown"
	for _, ln := range lines {
		t := strings.TrimSpace(ln.text)
		switch {
		case npmDepSectionRE.MatchString(ln.text):
			section = "deps"
			continue
		case npmSectionRE.MatchString(ln.text):
			section = "other"
			continue
		case strings.HasPrefix(t, "}") || strings.HasPrefix(t, "]"):
			section = "other"
			continue
		}
		m := npmEntryRE.FindStringSubmatch(ln.text)
		if m == nil {
			continue
		}
		indent, name, spec := m[1], m[2], m[3]
		if section == "other" {
			continue
		}
		if section == "unknown" && (npmNotDep(name) || !versionLikeRE.MatchString(spec) || (len(indent) < 4 && !strings.HasPrefix(indent, "\t\t"))) {
			continue
		}
		out = append(out, newDep(ln, name, name, spec, rangeMajor(spec, true)))
	}
	return out
}

var (
	rangeNumRE = regexp.MustCompile(`(?:^|[\s^~=<>v])(\d+)(?:\.(\d+|[xX*]))?`)
	pipSpecRE  = regexp.MustCompile(`(===|==|~=|>=|>|<=|<|!=)\s*v?(\d+)(?:\.(\d+))?`)
	pipNameRE  = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$`)
	pipSepRE   = regexp.MustCompile(`[-_.]+`)
)

// rangeMajor is the major version a semver range (npm, Cargo, Poetry)
// starts from: "^1.2.3" is v1, ">=2 <3" v2. With zeroMinor, a 0.x range is
// named by its minor (v0.4), since ^0.4 and ^0.5 are as incompatible as
// two majors for those tools. "" for tags, URLs, paths and "*".
func rangeMajor(spec string, zeroMinor bool) string {
	spec = strings.TrimSpace(spec)
	if strings.Contains(spec, "://") || strings.Contains(spec, ":") && !strings.HasPrefix(spec, "npm:") {
		return "" // git+https://, file:, link:, github:, workspace:
	}
	if k := strings.LastIndexByte(spec, '@'); k >= 0 {
		spec = spec[k+1:] // npm:other@^2
	}
	m := rangeNumRE.FindStringSubmatch(spec)
	if m == nil {
		return ""
	}
	if m[1] == "0" && zeroMinor && m[2] != "" && m[2][0] >= '0' && m[2][0] <= '9' {
		return "v0." + m[2]
	}
	return "v" + m[1]
}

// pipMajor is the major version a PEP 440 specifier pins or starts from:
// ==2.31.0, >=2.0, ~=2.1 are v2; a bare upper bound (<3) says nothing.
func pipMajor(spec string) string {
	for _, m := range pipSpecRE.FindAllStringSubmatch(spec, -1) {
		switch m[1] {
		case "===", "==", "~=", ">=", ">":
			return "v" + m[2]
		}
	}
	return ""
}

// pipName normalises a distribution name as PyPI does (PEP 503).
func pipName(n string) string {
	return pipSepRE.ReplaceAllString(strings.ToLower(n), "-")
}

// pep508Dep reads one requirement: "requests[socks]>=2.31; python_version>'3'".
func pep508Dep(ln sideLine, req string) (depEntry, bool) {
	req = strings.TrimSpace(req)
	if k := strings.IndexByte(req, ';'); k >= 0 {
		req = req[:k] // environment markers
	}
	m := pipNameRE.FindStringSubmatch(req)
	if m == nil {
		return depEntry{}, false
	}
	spec := strings.TrimSpace(m[2])
	if spec != "" && !strings.HasPrefix(spec, "@") && !strings.ContainsAny(spec[:1], "=~<>!(") {
		return depEntry{}, false // not a requirement: prose, a path
	}
	return newDep(ln, pipName(m[1]), m[1], spec, pipMajor(spec)), true
}

// requirementsDeps reads a pip requirements file. Options (-r, -e, --hash),
// comments and bare URLs are not requirements.
func requirementsDeps(lines []sideLine) []depEntry {
	var out []depEntry
	for _, ln := range lines {
		t := strings.TrimSpace(ln.text)
		if k := strings.Index(t, " #"); k >= 0 {
			t = t[:k]
		}
		t = strings.TrimSuffix(strings.TrimSpace(t), "\\")
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "-") || strings.Contains(t, "://") && !strings.Contains(t, "@") {
			continue
		}
		if e, ok := pep508Dep(ln, t); ok {
			out = append(out, e)
		}
	}
	return out
}

var (
	tomlHeaderRE    = regexp.MustCompile(`^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$`)
	tomlKeyValueRE  = regexp.MustCompile(`^\s*"?([A-Za-z0-9_][\w.-]*?)"?\s*=\s*(.*)$`)
	tomlArrayOpenRE = regexp.MustCompile(`^\s*"?([\w.-]+)"?\s*=\s*\[`)
	tomlStringRE    = regexp.MustCompile(`"([^"]*)"|'([^']*)'`)
	tomlVersionRE   = regexp.MustCompile(`\bversion\s*=\s*["']([^"']*)["']`)
	tomlSourceRE    = regexp.MustCompile(`\b(?:path|git|workspace)\s*=`)
	poetryDepsRE    = regexp.MustCompile(`^tool\.poetry\.(?:group\.[^.]+\.)?(?:dev-)?dependencies$`)
)

// pyprojectNotDeps are keys that hold versions without being dependencies.
func pyprojectNotDep(s string) bool {
	switch s {
	case "python", "version", "requires-python", "target-version", "minversion":
		return true
	}
	return false
}

// pyprojectDeps reads PEP 621 [project] dependencies and
// optional-dependencies arrays, PEP 735 [dependency-groups], and Poetry's
// dependency tables. build-system requirements are tools, not dependencies.
func pyprojectDeps(lines []sideLine) []depEntry {
	var out []depEntry
	section, inArray := "?", false
	for _, ln := range lines {
		if m := tomlHeaderRE.FindStringSubmatch(ln.text); m != nil {
			section, inArray = m[1], false
			continue
		}
		t := strings.TrimSpace(ln.text)
		if strings.HasPrefix(t, "#") {
			continue
		}
		items := ""
		if m := tomlArrayOpenRE.FindStringSubmatch(ln.text); m != nil {
			key := m[1]
			inArray = (section == "project" && key == "dependencies") ||
				section == "project.optional-dependencies" || section == "dependency-groups" ||
				(section == "?" && key == "dependencies")
			if !inArray {
				continue
			}
			items = t[strings.IndexByte(t, '[')+1:]
		} else if inArray || (section == "?" && strings.HasPrefix(t, `"`) && strings.HasSuffix(strings.TrimSuffix(t, ","), `"`)) {
			items = t
		}
		if items != "" {
			for _, s := range tomlStringRE.FindAllStringSubmatch(items, -1) {
				req := s[1] + s[2]
				if e, ok := pep508Dep(ln, req); ok && (inArray || e.major != "") {
					out = append(out, e)
				}
			}
			if strings.Contains(tomlStringRE.ReplaceAllString(items, ""), "]") {
				inArray = false
			}
			continue
		}
		if !poetryDepsRE.MatchString(section) && section != "?" {
			continue
		}
		m := tomlKeyValueRE.FindStringSubmatch(ln.text)
		if m == nil || pyprojectNotDep(strings.ToLower(m[1])) {
			continue
		}
		if e, ok := tableDep(ln, m[1], m[2], section == "?"); ok {
			e.name = pipName(e.name)
			out = append(out, e)
		}
	}
	return out
}

// tableDep reads a TOML dependency: name = "1.2", name = { version = "1" },
// name = { path = "../x" }. When guessing (the hunk does not show the
// table), only a version or a path/git source makes it a dependency.
func tableDep(ln sideLine, name, value string, guessing bool) (depEntry, bool) {
	value = strings.TrimSpace(value)
	spec := ""
	switch {
	case strings.HasPrefix(value, `"`) || strings.HasPrefix(value, "'"):
		spec = strings.Trim(value, `"' `)
		if k := strings.IndexAny(spec, `"'`); k >= 0 {
			spec = spec[:k]
		}
		if guessing && !versionLikeRE.MatchString(spec) {
			return depEntry{}, false
		}
	case strings.HasPrefix(value, "{"):
		if m := tomlVersionRE.FindStringSubmatch(value); m != nil {
			spec = m[1]
		} else if !tomlSourceRE.MatchString(value) {
			return depEntry{}, false
		}
	case strings.HasSuffix(name, ".workspace"):
		name = strings.TrimSuffix(name, ".workspace")
	default:
		return depEntry{}, false
	}
	return newDep(ln, name, name, spec, rangeMajor(spec, true)), true
}

// cargoNotDeps are [package] keys, for hunks that do not show the table.
func cargoNotDep(s string) bool {
	switch s {
	case "version", "edition", "name", "rust-version", "authors", "license", "description", "readme",
		"repository", "homepage", "documentation", "resolver", "publish", "build", "links",
		"default-run", "license-file":
		return true
	}
	return false
}

var cargoSubTableRE = regexp.MustCompile(`(?:^|\.)(?:dev-|build-)?dependencies\.([\w-]+)$`)

// cargoDeps reads [dependencies], [dev-dependencies], [build-dependencies],
// their target-specific and workspace forms, and [dependencies.name]
// tables.
func cargoDeps(lines []sideLine) []depEntry {
	var out []depEntry
	section := "?"
	var sub *depEntry // the [dependencies.name] table being read
	flush := func() {
		if sub != nil {
			out = append(out, *sub)
			sub = nil
		}
	}
	for _, ln := range lines {
		if m := tomlHeaderRE.FindStringSubmatch(ln.text); m != nil {
			flush()
			section = m[1]
			if s := cargoSubTableRE.FindStringSubmatch(section); s != nil {
				e := newDep(ln, s[1], s[1], "", "")
				sub = &e
			}
			continue
		}
		if sub != nil {
			if m := tomlVersionRE.FindStringSubmatch(ln.text); m != nil {
				sub.version, sub.major = m[1], rangeMajor(m[1], true)
				sub.line, sub.text = ln.no, strings.TrimSpace(ln.text)
			}
			sub.changed = sub.changed || ln.changed
			continue
		}
		deps := strings.HasSuffix(section, "dependencies")
		if !deps && section != "?" {
			continue
		}
		m := tomlKeyValueRE.FindStringSubmatch(ln.text)
		if m == nil || strings.HasPrefix(strings.TrimSpace(ln.text), "#") || (section == "?" && cargoNotDep(m[1])) {
			continue
		}
		if e, ok := tableDep(ln, m[1], m[2], section == "?"); ok {
			out = append(out, e)
		}
	}
	flush()
	return out
}

var (
	pomTagRE      = regexp.MustCompile(`<(groupId|artifactId|version)>\s*([^<\s]+)\s*</`)
	pomPropertyRE = regexp.MustCompile(`^\s*<([\w.-]+\.version)>\s*([^<\s]+)\s*</`)
)

// pomDeps reads <dependency> blocks (not plugins, parents or exclusions)
// and <x.version> properties, which dependencies use as ${x.version}. A
// hunk that starts inside a block is read as a dependency when a
// </dependency> closes it.
func pomDeps(lines []sideLine) []depEntry {
	var out []depEntry
	type block struct {
		group, artifact string
		e               depEntry
		hasLine         bool
	}
	var cur *block
	pending := &block{} // lines before the first tag: maybe a dependency's tail
	exclusion := false
	finish := func(b *block) {
		if b == nil || b.artifact == "" {
			return
		}
		name := b.artifact
		if b.group != "" {
			name = b.group + ":" + b.artifact
		}
		b.e.name, b.e.display = name, name
		out = append(out, b.e)
	}
	for _, ln := range lines {
		t := strings.TrimSpace(ln.text)
		switch {
		case strings.HasPrefix(t, "<dependency>"):
			cur, pending = &block{}, nil
		case strings.HasPrefix(t, "</dependency>"):
			if cur == nil {
				cur = pending
			}
			finish(cur)
			cur, pending = nil, nil
			continue
		case strings.HasPrefix(t, "<exclusion>"):
			exclusion = true
		case strings.HasPrefix(t, "</exclusion>"):
			exclusion = false
			continue
		case strings.HasPrefix(t, "<plugin>"), strings.HasPrefix(t, "<parent>"), strings.HasPrefix(t, "</plugin>"), strings.HasPrefix(t, "</parent>"):
			cur, pending = nil, nil
		}
		if m := pomPropertyRE.FindStringSubmatch(ln.text); m != nil && cur == nil {
			name := "${" + m[1] + "}"
			out = append(out, newDep(ln, name, name, m[2], mavenMajor(m[2])))
			continue
		}
		b := cur
		if b == nil {
			b = pending
		}
		if b == nil || exclusion {
			continue
		}
		b.e.changed = b.e.changed || ln.changed
		m := pomTagRE.FindStringSubmatch(ln.text)
		if m == nil {
			continue
		}
		switch m[1] {
		case "groupId":
			b.group = m[2]
		case "artifactId":
			b.artifact = m[2]
		case "version":
			b.e.version, b.e.major = m[2], mavenMajor(m[2])
		}
		if m[1] == "version" || !b.hasLine {
			b.e.line, b.e.text, b.hasLine = ln.no, t, true
		}
	}
	return out
}

// mavenMajor is a Maven version's first number; "" for ${property}.
func mavenMajor(v string) string {
	if m := leadingNumRE.FindStringSubmatch(v); m != nil {
		return "v" + m[1]
	}
	return ""
}
