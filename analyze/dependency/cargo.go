package dependency

import (
	"bytes"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// cargoKinds are Cargo.toml's dependency tables; the bool says the table
// is for development only.
var cargoKinds = []struct {
	key string
	dev bool
}{{"dependencies", false}, {"dev-dependencies", true}, {"build-dependencies", true}}

// cargoDeps reads Cargo.toml's dependency tables: [dependencies],
// [dev-dependencies], [build-dependencies], their [target.'cfg'.x] forms
// and [workspace.dependencies]. Package keys (edition, rust-version,
// version) are not dependencies; `x.workspace = true` refers to the
// workspace's entry, which is the one that counts; a path-only
// dependency is a crate of the project.
func cargoDeps(content []byte) ([]dep, bool) {
	var doc map[string]any
	if _, err := toml.Decode(string(content), &doc); err != nil {
		// Cargo once took a key written twice in a table, the first
		// winning, and manifests kept such pairs for years
		// (BurntSushi/walkdir's quickcheck and rand under
		// [dev-dependencies] until 526d70b dropped docopt beside them):
		// read as Cargo read it, rather than as nothing.
		deduped, ok := firstKeysOnly(content)
		if !ok {
			return nil, false
		}
		doc = nil
		if _, err := toml.Decode(string(deduped), &doc); err != nil {
			return nil, false
		}
	}
	ls := lines(content)
	var out []dep
	read := func(prefix []string, t map[string]any) {
		for _, k := range cargoKinds {
			section := append(slices.Clip(prefix), k.key)
			deps := table(t, k.key)
			for _, key := range sortedKeys(deps) {
				if d, ok := cargoDep(ls, section, key, deps[key], k.dev); ok {
					out = append(out, d)
				}
			}
		}
	}
	read(nil, doc)
	targets := table(doc, "target")
	for _, cfg := range sortedKeys(targets) {
		read([]string{"target", cfg}, table(targets, cfg))
	}
	ws := table(doc, "workspace")
	deps := table(ws, "dependencies")
	for _, key := range sortedKeys(deps) {
		if d, ok := cargoDep(ls, []string{"workspace", "dependencies"}, key, deps[key], false); ok {
			out = append(out, d)
		}
	}
	self, _ := table(doc, "package")["name"].(string)
	if self != "" {
		self = crateName(self)
	}
	if publish, ok := table(doc, "package")["publish"].(bool); ok && !publish {
		// A crate never published is a tool of the project's (rust-lang/
		// cc-rs's dev-tools/wasi-test and gen-windows-sys-binding, whose
		// bot bumps of rusqlite and windows-bindgen reached the digest:
		// round 75, noise): what it depends on ships to no one.
		for i := range out {
			out[i].dev = true
		}
	}
	return withoutSelf(out, self), true
}

func cargoDep(ls []string, section []string, key string, v any, dev bool) (dep, bool) {
	name := key
	ref := false
	if t, ok := v.(map[string]any); ok {
		if pkg, ok := t["package"].(string); ok {
			name = pkg // renamed: `json = { package = "serde_json" }`
		}
		ref = t["workspace"] == true
	}
	spec, ok := tomlVersion(v)
	if !ok && !ref {
		return dep{}, false
	}
	d := dep{name: crateName(name), display: name, version: spec, major: rangeMajor(spec, true), dev: dev, ref: ref}
	d.locate = func() (int, string) { return locateTOMLKey(ls, section, key) }
	return d, true
}

// crateName normalises a crate name as crates.io compares them: - and _
// are the same, and case does not matter.
func crateName(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "_", "-")
}

// firstKeysOnly drops the lines of content that set a key the same table
// set already; ok is false when there are none (the error was another).
func firstKeysOnly(content []byte) ([]byte, bool) {
	var out [][]byte
	seen := map[string]bool{}
	table, dropped := "", false
	for _, l := range bytes.SplitAfter(content, []byte("\n")) {
		t := strings.TrimSpace(string(l))
		switch {
		case strings.HasPrefix(t, "["):
			table = t
		case t != "" && !strings.HasPrefix(t, "#"):
			if key, _, ok := strings.Cut(t, "="); ok {
				k := table + "\x00" + strings.TrimSpace(key)
				if seen[k] {
					dropped = true
					continue
				}
				seen[k] = true
			}
		}
		out = append(out, l)
	}
	return bytes.Join(out, nil), dropped
}
