package dependency

import (
	"strings"

	"github.com/ticket-master/ticket-master/finding"
)

// Declares reports whether the manifest at path p, holding content,
// declares the package the dependency finding fingerprint is about. ok is
// false when nothing can be said: p is no manifest read here, it does not
// parse, or the fingerprint names no package.
func Declares(fingerprint, p string, content []byte) (declared, ok bool) {
	name := packageOf(fingerprint)
	kind := manifestKind(p)
	if name == "" || kind == "" {
		return false, false
	}
	deps, ok := parseManifestAt(kind, p, content)
	if !ok {
		return false, false
	}
	for _, d := range deps {
		if d.name == name {
			return true, true
		}
	}
	return false, true
}

// packageOf is the package a dependency fingerprint names: "dependency:
// NAME:LABEL", where a Maven name holds a colon of its own.
func packageOf(fingerprint string) string {
	rest, ok := strings.CutPrefix(fingerprint, finding.KindDependency+":")
	if !ok {
		return ""
	}
	k := strings.LastIndexByte(rest, ':')
	if k <= 0 {
		return ""
	}
	return rest[:k]
}
