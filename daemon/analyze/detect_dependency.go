package analyze

import (
	"fmt"
	"strconv"
	"strings"
)

// DetectDependencies reports the dependencies a commit adds, and those it
// moves across a major version, in go.mod (require lines; a /vN path
// suffix is the major), package.json (dependencies, devDependencies,
// peerDependencies, optionalDependencies), requirements*.txt, pyproject.toml
// ([project] dependencies, optional-dependencies, [dependency-groups],
// Poetry's tables), Cargo.toml (the dependency tables) and pom.xml
// (<dependency> blocks and <x.version> properties). Lock files are not
// manifests; minor and patch bumps, removals and indirect go.mod
// requirements are not findings. For npm, Cargo and Poetry ranges a 0.x
// minor counts as a major (^0.4 to ^0.5), as those tools treat it.
//
// A new dependency is labelled security (what the project now trusts); a
// major move tech-debt (the migration work). Fingerprint:
// "dependency:<manifest>:<name>@<major>" or "@new".
func DetectDependencies(c Commit, cd *CommitDiff) []Finding {
	if cd == nil {
		return nil
	}
	var found []Finding
	seen := map[string]bool{}
	for i := range cd.Files {
		f := &cd.Files[i]
		kind := manifestKind(f.NewPath)
		if f.NewPath == "" || kind == "" || f.Binary {
			continue
		}
		var before, after []depEntry
		for _, h := range f.Hunks {
			if f.OldPath != "" {
				before = append(before, manifestDeps(kind, sideOfHunk(h, Removed))...)
			}
			after = append(after, manifestDeps(kind, sideOfHunk(h, Added))...)
		}
		old := map[string]depEntry{}
		for _, e := range before {
			if prev, ok := old[e.name]; !ok || (e.changed && !prev.changed) {
				old[e.name] = e
			}
		}
		for _, n := range after {
			if !n.changed || n.indirect {
				continue
			}
			o, existed := old[n.name]
			var fd Finding
			switch {
			case !existed:
				fd = newDependencyFinding(c, f.NewPath, n)
			case o.major != "" && n.major != "" && o.major != n.major:
				fd = majorDependencyFinding(c, f.NewPath, o, n)
			default:
				continue
			}
			if !seen[fd.Fingerprint] {
				seen[fd.Fingerprint] = true
				found = append(found, fd)
			}
		}
	}
	return found
}

func dependencyFingerprint(manifest, name, major string) string {
	return KindDependency + ":" + manifest + ":" + name + "@" + major
}

func newDependencyFinding(c Commit, manifest string, n depEntry) Finding {
	version := ""
	if n.version != "" {
		version = " " + n.version
	}
	return Finding{
		Kind:        KindDependency,
		Fingerprint: dependencyFingerprint(manifest, n.name, "new"),
		Text:        fmt.Sprintf("new dependency %s%s in %s", n.display, version, manifest),
		Body: fmt.Sprintf("The commit adds %s%s to %s. A new dependency brings its code, its licence "+
			"and its own dependencies into the project.", n.display, version, manifest),
		Title:    fitTitle("Review the new dependency ", n.display, ""),
		Labels:   []string{"security"},
		Items:    []string{"added: " + n.text},
		Evidence: Evidence{Path: manifest, Line: n.line, Commit: c.Hash, Excerpt: n.text},
	}
}

func majorDependencyFinding(c Commit, manifest string, o, n depEntry) Finding {
	verb := "upgrade"
	if majorLess(n.major, o.major) {
		verb = "downgrade"
	}
	return Finding{
		Kind:        KindDependency,
		Fingerprint: dependencyFingerprint(manifest, n.name, n.major),
		Text:        fmt.Sprintf("%s moved from %s to %s in %s", n.display, o.major, n.major, manifest),
		Body: fmt.Sprintf("The commit moves %s from %s (%s) to %s (%s) in %s, across a major version: "+
			"expect breaking changes in its API or behaviour.", n.display, o.major, o.version, n.major, n.version, manifest),
		Title:    fitTitle("Review the "+verb+" of ", n.display, " from "+o.major+" to "+n.major),
		Labels:   []string{"tech-debt"},
		Items:    []string{"before: " + o.text, "after: " + n.text},
		Evidence: Evidence{Path: manifest, Line: n.line, Commit: c.Hash, Excerpt: n.text},
	}
}

// majorLess compares two majors as rangeMajor and goModuleMajor write them
// ("v2", "v0.4").
func majorLess(a, b string) bool {
	a1, a2 := majorParts(a)
	b1, b2 := majorParts(b)
	return a1 < b1 || a1 == b1 && a2 < b2
}

func majorParts(m string) (major, minor int) {
	x, y, _ := strings.Cut(strings.TrimPrefix(m, "v"), ".")
	major, _ = strconv.Atoi(x)
	minor, _ = strconv.Atoi(y) // 0 when there is none
	return major, minor
}
