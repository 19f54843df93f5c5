package untested

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"slices"
	"strings"
)

// pythonPrivateModule reports whether the Python module at p is private
// to its package, for publicIn; only, when not nil, are the names its
// package exports of it. A module whose name starts with an underscore is
// the package's own unless the package's __init__.py imports from it.
// encode/httpx keeps its API in _client.py, _models.py and the like,
// star-imported by httpx/__init__.py, and its helpers in _multipart.py,
// which nothing exports: 6212e8fa moved two of them and "Add tests for
// DataField.render_headers" called a class no user can import "exported
// code" (round 117, noise). A star import exports the module's __all__
// when it has one, every public name otherwise; names imported are
// exported alone. A package that builds its exports another way (a module
// __getattr__), or whose __init__.py cannot be read, keeps them all.
func pythonPrivateModule(p string, read func(string) ([]byte, bool)) (private bool, only map[string]bool) {
	parts := strings.Split(strings.TrimSuffix(p, ".py"), "/")
	at := slices.IndexFunc(parts, func(s string) bool {
		return strings.HasPrefix(s, "_") && !(strings.HasPrefix(s, "__") && strings.HasSuffix(s, "__"))
	})
	if at < 0 {
		return false, nil
	}
	pkg := path.Join(parts[:at]...)
	init, ok := read(path.Join(pkg, "__init__.py"))
	if !ok || strings.Contains(string(init), "def __getattr__") {
		return false, nil
	}
	// The module as the package imports it: "._multipart", or below a
	// private folder "._transports.default" and "._transports".
	rel := "." + strings.Join(parts[at:], ".")
	star, names := false, map[string]bool{}
	for _, m := range relativeImportRE.FindAllStringSubmatch(string(init), -1) {
		from := m[1]
		if from != rel && !strings.HasPrefix(rel, from+".") {
			continue
		}
		list := strings.Trim(strings.TrimSpace(m[2]), "()")
		for _, item := range strings.Split(list, ",") {
			item = strings.TrimSpace(item)
			if item == "" || strings.HasPrefix(item, "#") {
				continue
			}
			if item == "*" {
				star = true
				continue
			}
			name, _, _ := strings.Cut(item, " ")
			names[name] = true
		}
	}
	switch {
	case star && at == len(parts)-1:
		// The module's own __all__, when it lists one.
		if src, ok := read(p); ok {
			if all := dunderAll(string(src)); all != nil {
				return false, all
			}
		}
		return false, nil
	case star:
		return false, nil // through a private folder's own __init__.py: not followed
	case len(names) == 0:
		return true, nil
	}
	return false, names
}

// dunderAll is the set of names a module's __all__ lists, nil when it has
// none written as a literal list or tuple.
func dunderAll(src string) map[string]bool {
	m := dunderAllRE.FindStringSubmatch(src)
	if m == nil {
		return nil
	}
	all := map[string]bool{}
	for _, q := range allNameRE.FindAllStringSubmatch(m[1], -1) {
		all[q[1]] = true
	}
	return all
}

var (
	// relativeImportRE is `from .module import names`, the names over
	// several lines when parenthesised.
	relativeImportRE = lazyregexp.New(`(?m)^from\s+(\.[\w.]+)\s+import\s+(\([^)]*\)|[^\n]*)`)
	// dunderAllRE is a module's `__all__ = [...]` or `(...)`.
	dunderAllRE = lazyregexp.New(`(?m)^__all__\s*(?::[^=]*)?=\s*[\[(]([^\])]*)[\])]`)
	allNameRE   = lazyregexp.New(`["']([\w.]+)["']`)
)

// jsPrivateModule reports whether the JavaScript or TypeScript module at p
// is its package's own: a file whose name starts with one underscore that
// no index file of its folder re-exports. jashkenas/underscore keeps its
// helpers in modules/_*.js beside the public functions modules/index.js
// exports, and _tagTester.js, _flatten.js, _toBufferView.js were drafted
// untested (round 127, noise; the public functions' tests run them).
func jsPrivateModule(p string, read func(string) ([]byte, bool)) (private bool, only map[string]bool) {
	dir, base := path.Split(p)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if !strings.HasPrefix(stem, "_") || strings.HasPrefix(stem, "__") {
		return false, nil
	}
	for _, index := range []string{"index.js", "index.mjs", "index.ts", "index.mts"} {
		src, ok := read(dir + index)
		if !ok {
			continue
		}
		if strings.Contains(string(src), "'./"+stem) || strings.Contains(string(src), `"./`+stem) {
			return false, nil // re-exported, or used: the index says what
		}
		return true, nil
	}
	return false, nil // no index to ask
}
