package dependency

import (
	"strings"

	"github.com/ticket-master/ticket-master/finding"
)

// Declares reports whether the manifest at path p, holding content,
// declares the package the dependency finding fingerprint is about, at
// the major the fingerprint names when it names one: a package declared
// only at another known major has moved on, and the finding of its new
// dependency or upgrade with it (micromatch ec0fc55's "new dependency
// braces" at v2, which the manifest declared at v3 since 976d956, whose
// git-ref step between the two handed no finding over: round 77, stale).
// ok is false when nothing can be said: p is no manifest read here, it
// does not parse, or the fingerprint names no package.
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
	label := fingerprint[strings.LastIndexByte(fingerprint, ':')+1:]
	for _, d := range deps {
		if d.name != name {
			continue
		}
		if !strings.HasPrefix(label, "v") || !d.major.known || d.major.calendar || d.major.label() == label {
			return true, true // the major the finding names, or one nothing can be said of
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
