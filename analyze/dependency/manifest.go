package dependency

import (
	"bytes"
	"encoding/json"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"regexp"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/ticket-master/ticket-master/analyze"
)

// dep is one dependency as one manifest declares it.
type dep struct {
	// name is its identity across manifests and versions: a Go module path
	// without /vN, a PyPI name normalised (PEP 503), group:artifact.
	name    string
	display string // as the manifest writes it
	version string // as written: v1.2.3, ^1.2.3, >=2.0; "" when none
	major   major
	line    int    // 1-based line of the declaration in the manifest, 0 if not found
	text    string // that line, trimmed
	// locate, when set, finds line and text instead: searching a manifest
	// for each key's line compiles patterns, which only the few
	// dependencies a finding cites need (a workspace's Cargo.toml files
	// list dozens, and are read at both sides of every commit that
	// touches one).
	locate func() (int, string)
	dev    bool // a development, test or optional dependency
	// ref: declared elsewhere and only referred to here (an indirect go.mod
	// requirement, `serde.workspace = true`): it counts as present, never
	// as a change of its own.
	ref bool
	// ownScope: an npm package of the manifest's own scope, which may be
	// the project's own (monorepoPackages).
	ownScope bool
}

// parseManifest reads every dependency a manifest of kind declares. ok is
// false when the content does not parse: the caller then knows nothing
// about that side, rather than "no dependencies".
func parseManifest(kind, path string, content []byte) (deps []dep, ok bool) {
	switch kind {
	case analyze.ManifestGoMod:
		return goModDeps(path, content)
	case analyze.ManifestPackageJSON:
		return packageJSONDeps(content)
	case analyze.ManifestComposer:
		return composerDeps(content)
	case analyze.ManifestRequirements:
		return requirementsDeps(content), true
	case analyze.ManifestPyproject:
		return pyprojectDeps(content)
	case analyze.ManifestCargo:
		return cargoDeps(content)
	case analyze.ManifestPom:
		return pomDeps(content)
	case analyze.ManifestSetupPy:
		return setupPyDeps(content), true
	case analyze.ManifestSetupCfg:
		return setupCfgDeps(content), true
	}
	return nil, false
}

// generated reports whether a manifest says it was written by a tool
// (pip-compile's header, "@generated", "Code generated ... DO NOT EDIT"),
// or names the command that compiles it in a comment at its top ("To
// regenerate, run: uv pip compile ...", fmtlib/fmt 6a1d56c): such a file
// is a lock file, and its pins follow the real manifest. (Pins by hash
// alone do not say so: pip's hash-checking mode is written by hand too.)
func generated(content []byte) bool {
	var top []string
	for i, line := range bytes.SplitN(content, []byte("\n"), analyze.GeneratedProbeLines+1) {
		if i == analyze.GeneratedProbeLines {
			break
		}
		top = append(top, string(line))
	}
	if analyze.GeneratedContent(top) {
		return true
	}
	for _, line := range top {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "#") && compileCommandRE.MatchString(t) {
			return true
		}
	}
	return false
}

// compileCommandRE is a command that writes a pinned requirements file.
var compileCommandRE = lazyregexp.New(`\b(pip-compile|uv pip compile|uv export|pip freeze|poetry export|pdm export)\b`)

// lines splits content into its lines, without line ends.
func lines(content []byte) []string {
	return strings.Split(strings.ReplaceAll(string(content), "\r\n", "\n"), "\n")
}

// locate finds the first line, from line from (1-based) on, that one of
// the patterns matches, trying the patterns in order: the most specific
// first. It returns the line number and its trimmed text, or 0.
func locate(ls []string, from int, patterns ...*regexp.Regexp) (int, string) {
	for _, re := range patterns {
		for i := max(from, 1) - 1; i < len(ls); i++ {
			if re.MatchString(ls[i]) {
				return i + 1, strings.TrimSpace(ls[i])
			}
		}
	}
	return 0, ""
}

// position is the line of the declaration in the manifest and its text.
func (d dep) position() (int, string) {
	if d.locate != nil {
		return d.locate()
	}
	return d.line, d.text
}

// lineAt is line n (1-based) of ls, trimmed, or "".
func lineAt(ls []string, n int) string {
	if n < 1 || n > len(ls) {
		return ""
	}
	return strings.TrimSpace(ls[n-1])
}

// ownName is the name the manifest gives the project itself (package.json
// and composer.json's name, [project] or Poetry's name, Cargo's
// package.name, go.mod's module), normalised as its dependencies' names
// are, or "". A project that lists itself (requests[socks] in its own test
// group) adds no dependency.
func ownName(kind string, content []byte) string {
	switch kind {
	case analyze.ManifestGoMod:
		if p := modfile.ModulePath(content); p != "" {
			name, _ := goModuleMajor(p, "")
			return name
		}
	case analyze.ManifestPackageJSON, analyze.ManifestComposer:
		var top struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(content, &top) == nil {
			if kind == analyze.ManifestComposer {
				return strings.ToLower(top.Name)
			}
			return top.Name
		}
	}
	// pyproject.toml and Cargo.toml: their parsers leave the project out,
	// from the document they decode (decoding it again here was a fifth
	// of a backfill where most commits change pyproject.toml).
	return ""
}
