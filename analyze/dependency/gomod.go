package dependency

import (
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// goModDeps reads a go.mod's require directives with the go command's own
// parser. A module replaced by a local folder is part of the project. Indirect requirements came with another dependency and are
// reviewed with it: they count as present, never as changes. A /vN path
// suffix (gopkg.in's .vN) is the major; otherwise the version's.
func goModDeps(path string, content []byte) ([]dep, bool) {
	f, err := modfile.Parse(path, content, nil)
	if err != nil {
		// Newer directives than this parser knows: read what it can.
		if f, err = modfile.ParseLax(path, content, nil); err != nil {
			return nil, false
		}
	}
	// A requirement replaced by a folder is the project's own module.
	local := map[string]bool{}
	for _, r := range f.Replace {
		if r.New.Version == "" {
			local[r.Old.Path] = true
		}
	}
	own := ""
	if f.Module != nil {
		own, _, _ = module.SplitPathVersion(f.Module.Mod.Path)
	}
	ls := lines(content)
	var out []dep
	for _, r := range f.Require {
		if local[r.Mod.Path] || sameRepository(own, r.Mod.Path) {
			continue
		}
		name, m := goModuleMajor(r.Mod.Path, r.Mod.Version)
		d := dep{name: name, display: r.Mod.Path, version: r.Mod.Version, major: m, ref: r.Indirect}
		if r.Syntax != nil {
			d.line = r.Syntax.Start.Line
			d.text = lineAt(ls, d.line)
		}
		out = append(out, d)
	}
	return out, true
}

// sameRepository reports whether the module req is own's repository
// itself or another module of it: hashicorp/golang-lru's arc/go.mod
// (module github.com/hashicorp/golang-lru/arc/v2) requires
// github.com/hashicorp/golang-lru/v2, the repository's root module, which
// is no new dependency. Major suffixes aside; own is without its own.
func sameRepository(own, req string) bool {
	if own == "" {
		return false
	}
	base, _, _ := module.SplitPathVersion(req)
	return base == own || strings.HasPrefix(own, base+"/") || strings.HasPrefix(base, own+"/")
}

// goModuleMajor splits a module path into its identity and major:
// example.com/m/v3 is example.com/m at v3, gopkg.in/yaml.v3 gopkg.in/yaml
// at v3, and otherwise the version's major (v0, v1, v2 of +incompatible).
func goModuleMajor(mod, version string) (string, major) {
	prefix, pathMajor, ok := module.SplitPathVersion(mod)
	if ok && pathMajor != "" {
		n, err := strconv.Atoi(strings.TrimLeft(pathMajor, "/.v"))
		if err == nil {
			return prefix, newMajor(n, 0, false, false)
		}
	}
	if v := semver.Major(version); v != "" {
		n, _ := strconv.Atoi(v[1:])
		return mod, newMajor(n, 0, false, false)
	}
	return mod, major{}
}
