package dependency

import (
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"strings"
)

// npmSections are package.json's dependency objects; the bool says the
// section is for development only.
var npmSections = []struct {
	key string
	dev bool
}{
	{"dependencies", false}, {"devDependencies", true}, {"peerDependencies", false}, {"optionalDependencies", false},
}

// packageJSONDeps reads package.json's dependency objects. Local packages
// (workspace:, file:, link:, portal:) belong to the project itself and are
// left out; a package listed in two objects is one dependency.
func packageJSONDeps(content []byte) ([]dep, bool) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(content, &top); err != nil {
		return nil, false
	}
	ls := lines(content)
	own := ownScope(top["name"])
	var out []dep
	for _, s := range npmSections {
		for _, e := range jsonStringMap(top[s.key]) {
			if localSpec(e.value) {
				continue
			}
			d := dep{name: e.key, display: e.key, version: e.value, major: rangeMajor(e.value, true), dev: s.dev,
				ownScope: own != "" && strings.HasPrefix(e.key, own)}
			section, key := s.key, e.key
			d.locate = func() (int, string) { return locateJSONEntry(ls, section, key) }
			out = append(out, d)
		}
	}
	return out, true
}

// composerDeps reads composer.json's require and require-dev. Platform
// requirements (php, ext-json, lib-curl) have no vendor/ prefix and are
// not packages.
func composerDeps(content []byte) ([]dep, bool) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(content, &top); err != nil {
		return nil, false
	}
	ls := lines(content)
	var out []dep
	for _, key := range []string{"require", "require-dev"} {
		for _, e := range jsonStringMap(top[key]) {
			if !strings.Contains(e.key, "/") {
				continue
			}
			name := strings.ToLower(e.key) // Packagist names are case-insensitive
			d := dep{name: name, display: e.key, version: e.value, major: rangeMajor(e.value, true), dev: key == "require-dev"}
			section, entry := key, e.key
			d.locate = func() (int, string) { return locateJSONEntry(ls, section, entry) }
			out = append(out, d)
		}
	}
	return out, true
}

type jsonEntry struct{ key, value string }

// jsonStringMap reads an object of strings, sorted by key; values that are
// not strings, and objects that are not objects, are left out.
func jsonStringMap(raw json.RawMessage) []jsonEntry {
	if raw == nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	var out []jsonEntry
	for k, v := range m {
		if s, ok := v.(string); ok {
			out = append(out, jsonEntry{k, s})
		}
	}
	slices.SortFunc(out, func(a, b jsonEntry) int { return strings.Compare(a.key, b.key) })
	return out
}

// ownScope is the npm scope a package's own packages would share:
// "@babel/" for @babel/core, "@polka/" for polka. "" without a name.
func ownScope(raw json.RawMessage) string {
	var name string
	if json.Unmarshal(raw, &name) != nil || name == "" {
		return ""
	}
	if scope, _, ok := strings.Cut(name, "/"); ok && strings.HasPrefix(scope, "@") {
		return scope + "/"
	}
	return "@" + name + "/"
}

// monorepoPackages drops from deps, a package.json's at p, the packages
// of its own scope that a package.json beside it publishes: lukeed/polka
// 9da7f3b's packages/polka/package.json took `"@polka/url": "*"`, which
// packages/url/package.json names, and it was "a new dependency". A
// package of the scope published elsewhere (eslint's @eslint/json, from
// its own repository) stays. read is the file at a path in the commit.
func monorepoPackages(p string, deps []placed, read func(string) ([]byte, bool)) []placed {
	if !slices.ContainsFunc(deps, func(d placed) bool { return d.ownScope }) {
		return deps
	}
	parent := path.Dir(path.Dir(p))
	if path.Dir(p) == "." {
		parent = "packages" // a root manifest's workspace
	}
	return slices.DeleteFunc(slices.Clone(deps), func(d placed) bool {
		if !d.ownScope {
			return false
		}
		_, short, _ := strings.Cut(d.name, "/")
		src, ok := read(path.Join(parent, short, "package.json"))
		if !ok {
			return false
		}
		var pkg struct {
			Name string `json:"name"`
		}
		return json.Unmarshal(src, &pkg) == nil && pkg.Name == d.name
	})
}

// localSpec reports a version spec that points into the project itself.
func localSpec(spec string) bool {
	for _, p := range []string{"workspace:", "file:", "link:", "portal:"} {
		if strings.HasPrefix(spec, p) {
			return true
		}
	}
	return strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../")
}

// locateJSONEntry finds the line of "key": in the object named section,
// or anywhere when that object's line is not found.
func locateJSONEntry(ls []string, section, key string) (int, string) {
	entry := regexp.MustCompile(`"` + regexp.QuoteMeta(key) + `"\s*:`)
	from, _ := locate(ls, 1, regexp.MustCompile(`"`+regexp.QuoteMeta(section)+`"\s*:`))
	if n, text := locate(ls, from, entry); n > 0 {
		return n, text
	}
	return locate(ls, 1, entry)
}
