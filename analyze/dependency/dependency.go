package dependency

import (
	"bytes"
	"cmp"
	"fmt"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/finding"
)

// Detect reports the dependencies a commit adds to the repository, and
// those it moves up across a major version, reading each changed manifest
// whole at both sides (go.mod, package.json, composer.json,
// requirements*.txt/.in, pyproject.toml, Cargo.toml, pom.xml) through
// cd.Source. The repository is the unit, not the file: a package pinned
// in three manifests is one finding citing all three, and a package moved
// from one manifest to another (requirements.txt to pyproject.toml,
// dependencies to devDependencies) or already declared by a manifest in a
// folder above (a workspace root) is not new. Files that say they are
// generated (pip-compile) are lock files: they count as what the project
// has, never as a change. A dependency whose name is on a line the commit
// removes from another file (tox.ini's deps) moved, too. Not findings:
// minor and patch bumps, downgrades,
// calendar versions (2023.x to 2024.x), indirect go.mod requirements,
// `x.workspace = true`, the project's own path and workspace packages.
//
// A dependency that disappears from every manifest resolves its findings,
// whatever major they name; a major upgrade hands the previous major's
// finding over to the new one.
// Fingerprint: "dependency:<name>:<major>" (v2, v0.4, calver, any).
//
// Development-only changes (every place a devDependency, require-dev,
// dev-dependencies, a dependency group, test or docs requirements) are no
// findings unless opts.Dev: a maintainer's own bump of a lint plugin or a
// coverage tool has nothing left to review (none of about 180 judged on
// twelve real histories was worth an issue).
func Detect(c analyze.Commit, cd *analyze.CommitDiff, opts Options) ([]finding.Finding, []analyze.Resolution) {
	if cd == nil {
		return nil, nil
	}
	s := readSides(cd)
	if len(s.changed) == 0 {
		return nil, nil
	}
	var found []finding.Finding
	var resolved []analyze.Resolution
	elsewhere := newElsewhere(c, cd, s)
	for _, name := range s.names() {
		olds, news := s.old[name], s.new[name]
		switch {
		case len(olds) == 0 && changes(news) && !s.context(analyze.Removed)[name] && !s.removedElsewhere(changed(news)):
			if len(c.Parents) == 0 {
				// A repository's first commit: every dependency is as new
				// as the project, and none is a change to review
				// (sindresorhus/p-map's "init" of 2016 pinned ava and xo at
				// "*": two digest lines for ten years).
				continue
			}
			if analyze.IsRevertSubject(c.Subject) || restoreRE.MatchString(c.Subject) {
				// A revert puts back what was there: thephpleague/
				// oauth2-server 71299658 reverted fce9b745 of four days
				// before, and laminas-diactoros, a dependency since 2020,
				// was "new" (round 71, wrong); so does a restore:
				// pillarjs/router 79a8add "fix: restore 'debug' logs" put
				// back debug, a dependency from 2014 to 2020 (round 80).
				continue
			}
			if namedBy(c.Subject, name) || changelogNames(cd, name) {
				// The commit is about the package: "Add pip as a
				// dependency to ensure plugin installation" (simonw/
				// sqlite-utils a0d8bc3), "fix(deps): add @babel/runtime
				// as a dep" (kentcdodds/match-sorter dbb870a), reviewed as
				// what it is; nothing left to review (round 80, noise).
				continue
			}
			if excludesOnly(news) {
				// A constraint, not a dependency: dateutil/dateutil
				// aa1e283's "attrs!=21.1.0" keeps a broken release of
				// pytest's dependency out of CI (round 68, noise).
				continue
			}
			if goModOnly(news) && !opts.Dev && importedByTestsOnly(cd, news) {
				// A module only tests import: google/go-querystring
				// 1edf4fb required go-cmp for its _test.go files (round 73,
				// trivial).
				continue
			}
			if elsewhere.required(news) {
				// One repository, many modules: knadh/koanf's new
				// providers/k8smount/go.mod required fsnotify, which
				// providers/file/go.mod had required since 2019 (round 83,
				// noise); rust-lang/futures-rs b28a6ad made futures-util
				// name portable-atomic, which futures-core's Cargo.toml
				// declared (round 96, noise). The repository's dependency
				// is not new.
				continue
			}
			if goModOnly(news) && !addsGoImport(cd, news) {
				// go.mod catching up with code that imported the module
				// already: spf13/afero e016ffb required github.com/pkg/sftp,
				// which sftpfs/ had imported since 2015 (a GOPATH-era
				// project's first go.mod the same, golang/groupcache
				// 2c02b82). New code brings its import along.
				continue
			}
			if allDev(changed(news)) && !opts.Dev {
				continue
			}
			f := newFinding(c, news)
			if old := s.renamedFrom(name); old != "" {
				// The same package under another owner's name: ramsey/uuid
				// 323a608 replaced jakub-onderka/php-parallel-lint with
				// php-parallel-lint/php-parallel-lint, its renamed
				// successor, drafted "new dependency" (round 69, wrong).
				// Who publishes it changed: that is what to review.
				f = replacement(c, f, old, news)
			}
			found = append(found, f)
		case len(olds) > 0 && len(news) == 0 && !s.context(analyze.Added)[name]:
			resolved = append(resolved, analyze.Resolution{Fingerprint: fingerprint(name, ""), Commit: c.Hash, Family: true})
		case len(olds) > 0 && changes(news):
			// From the declarations, not the references: zap 212dcb9
			// replaced yaml.v2 with the yaml.v3 go.mod had listed as
			// indirect, an upgrade from v2.
			from, to := highest(olds), highest(changed(news))
			if declared := changed(olds); len(declared) > 0 {
				from = highest(declared)
			}
			if !from.known || !to.known || from.calendar || to.calendar || !from.less(to) || keeps(olds, news, from) || widens(news, from) ||
				slices.ContainsFunc(changed(olds), func(o placed) bool { return allowsMajor(o.version, to) }) {
				resolved = append(resolved, moves(c, name, olds, news)...)
				if left := majorsLeft(c, name, olds, news); len(left) > 0 && !s.context(analyze.Added)[name] {
					resolved = append(resolved, left...)
				}
				if m, ok := bumped(olds, news); ok {
					// A person moved its version since: the package was
					// looked at again, and "review the new dependency"
					// years on is no task (muesli/termenv's go-isatty and
					// golang.org/x/sys, added in 2020 and bumped since;
					// lukeed/uvu's diff; round 81, noise).
					resolved = append(resolved, analyze.Resolution{Fingerprint: fingerprint(name, m.label()), Commit: c.Hash,
						Why: bumpedWhy})
				}
				continue
			}
			if namedBy(c.Subject, name) || changelogNames(cd, name) || codeAdjusts(cd, name) {
				// An upgrade the commit is about ("Update to hashbrown
				// 0.11 (MSRV 1.49)", bluss/indexmap 7819c6d; "fix:
				// upgraded remove-accents to 0.5.0", match-sorter
				// c62eed1): made on purpose, and what was found of the
				// package before is done with.
				resolved = append(resolved, analyze.Resolution{Fingerprint: fingerprint(name, ""), Commit: c.Hash, Family: true})
				continue
			}
			moved, items := upgraded(olds, news)
			if (allDev(moved) || goModOnly(moved) && importedByTestsOnly(cd, moved)) && !opts.Dev {
				// A Go module only tests import, moved to a new major with
				// its test imports: go-playground/form 5c5278d's assert v2
				// (round 81, noise), as a new one is (importedByTestsOnly).
				if allDev(olds) {
					// What was found at the lower major, by a version
					// that reported development tools, goes with it.
					resolved = append(resolved, analyze.Resolution{Fingerprint: fingerprint(name, ""), Commit: c.Hash, Family: true})
				}
				continue
			}
			f := upgradeFinding(c, moved, items, from, to)
			found = append(found, f)
			resolved = append(resolved, analyze.Resolution{Fingerprint: fingerprint(name, from.label()), Commit: c.Hash, ReplacedBy: f.Fingerprint},
				// The package's other findings, at majors a chain of
				// upgrades left behind where one link was no upgrade (a git
				// fork between two versions: samuelcolvin/watchfiles's
				// notify, "from v5 to v6" still listed beside "from v7 to
				// v8"). The one above is handed over first.
				analyze.Resolution{Fingerprint: fingerprint(name, ""), Commit: c.Hash, Family: true, Except: f.Fingerprint})
		}
	}
	slices.SortStableFunc(found, func(a, b finding.Finding) int {
		return cmp.Or(strings.Compare(a.Evidence.Path, b.Evidence.Path), cmp.Compare(a.Evidence.Line, b.Evidence.Line))
	})
	return found, resolved
}

// moves carries the findings of a dependency that left manifests for
// others, at the same major (requirements/*.in folded into
// pyproject.toml): the package is no new dependency there, and its
// finding follows it to where it is declared now instead of citing a file
// that may be gone.
func moves(c analyze.Commit, name string, olds, news []placed) []analyze.Resolution {
	var to string
	for _, p := range news {
		// Not into a generated pin file or a reference: pallets/quart's
		// docs dependency was carried into requirements/dev.txt, a `uv
		// pip compile` output, and cited there after it was deleted.
		if p.ref {
			continue
		}
		if !slices.ContainsFunc(olds, func(o placed) bool { return o.path == p.path }) && (to == "" || p.path < to) {
			to = p.path
		}
	}
	if to == "" {
		return nil // still where it was, as far as the commit shows
	}
	var out []analyze.Resolution
	for _, o := range olds {
		if slices.ContainsFunc(news, func(p placed) bool { return p.path == o.path }) {
			continue // kept there too
		}
		r := analyze.Resolution{Fingerprint: fingerprint(name, o.major.label()), Commit: c.Hash, MovedFrom: o.path, MovedTo: to}
		if !slices.Contains(out, r) { // declared twice there (an extra and the main list)
			out = append(out, r)
		}
	}
	return out
}

// majorsLeft resolves the findings of the majors a manifest declared and
// declares no more, while it keeps the package at another: a major
// dropped beside one kept (zap's go.mod listed gopkg.in/yaml.v2 and
// yaml.v3), or a downgrade (prettier e79f6b74 took react back from v18 to
// v17), is no upgrade, and the old major's finding would stay open,
// about a version the project no longer has. A manifest the package left
// is moves' to carry; a name in other manifests around them keeps every
// finding (the caller checks).
func majorsLeft(c analyze.Commit, name string, olds, news []placed) []analyze.Resolution {
	// A version no major can be read from ("*", a git fork) or a calendar
	// one says nothing of which majors are left: httparse pinned pico-sys
	// "*" to "0.0", the same dependency still.
	if slices.ContainsFunc(news, func(p placed) bool { return !p.major.known || p.major.calendar }) {
		return nil
	}
	var out []analyze.Resolution
	for _, o := range changed(olds) {
		if !o.major.known || o.major.calendar {
			continue
		}
		label := o.major.label()
		if !slices.ContainsFunc(news, func(p placed) bool { return p.path == o.path }) ||
			slices.ContainsFunc(news, func(p placed) bool { return p.major.label() == label || rangeAllows(p.version, label) }) {
			continue
		}
		r := analyze.Resolution{Fingerprint: fingerprint(name, label), Commit: c.Hash}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// placed is a dependency as one manifest declares it.
type placed struct {
	path string
	dep
}

// sides are the dependencies of a commit's changed manifests, before and
// after, by name.
type sides struct {
	cd       *analyze.CommitDiff
	changed  map[string]string // path (either side) -> manifest kind
	old, new map[string][]placed
	ctx      map[analyze.LineKind]map[string]bool
	// removedNames are the words of the lines the commit removes from
	// the files it does not read as manifests (removedElsewhere).
	removedNames map[string]bool
}

func readSides(cd *analyze.CommitDiff) *sides {
	s := &sides{cd: cd, changed: map[string]string{}, old: map[string][]placed{}, new: map[string][]placed{}}
	read := readManifests(cd)
	for i := range cd.Files {
		f := &cd.Files[i]
		oldKind, newKind := manifestKind(f.OldPath), manifestKind(f.NewPath)
		if oldKind == "" && newKind == "" {
			continue
		}
		var before, after []placed
		if oldKind != "" {
			deps, ok := parseRead(read, oldKind, f.OldPath, analyze.Removed)
			if !ok {
				continue // without the old side every dependency would look new
			}
			before = deps
		}
		if newKind != "" {
			deps, ok := parseRead(read, newKind, f.NewPath, analyze.Added)
			if !ok {
				continue
			}
			after = deps
		}
		if oldKind == analyze.ManifestRequirements && developersRequirements(cd, f.OldPath, analyze.Removed) {
			before = asDev(before)
		}
		if newKind == analyze.ManifestRequirements && developersRequirements(cd, f.NewPath, analyze.Added) {
			after = asDev(after)
		}
		if newKind == analyze.ManifestPackageJSON || oldKind == analyze.ManifestPackageJSON {
			tree := func(p string) ([]byte, bool) { return cd.ReadSource(p, analyze.Added) }
			before, after = monorepoPackages(f.OldPath, before, tree), monorepoPackages(f.NewPath, after, tree)
		}
		for _, p := range before {
			s.old[p.name] = append(s.old[p.name], p)
		}
		for _, p := range after {
			s.new[p.name] = append(s.new[p.name], p)
		}
		if oldKind != "" {
			s.changed[f.OldPath] = oldKind
		}
		if newKind != "" {
			s.changed[f.NewPath] = newKind
		}
	}
	return s
}

// manifestKind is the kind of the manifest at p, "" for other files and
// for the manifests of examples and test fixtures.
func manifestKind(p string) string {
	if p == "" || analyze.IsSampleProject(p) {
		return ""
	}
	return analyze.ManifestKind(p)
}

// readManifests reads both sides of every manifest cd changes in one round
// trip to git, and returns the reader that answers from them.
func readManifests(cd *analyze.CommitDiff) func(string, analyze.LineKind) ([]byte, bool) {
	var ask []analyze.FileAt
	for _, f := range cd.Files {
		if manifestKind(f.OldPath) != "" {
			ask = append(ask, analyze.FileAt{Path: f.OldPath, Side: analyze.Removed})
		}
		if manifestKind(f.NewPath) != "" {
			ask = append(ask, analyze.FileAt{Path: f.NewPath, Side: analyze.Added})
		}
	}
	if len(ask) < 2 {
		return cd.ReadSource
	}
	read := map[analyze.FileAt]analyze.SourceFile{}
	for i, got := range cd.ReadSources(ask) {
		read[ask[i]] = got
	}
	return func(p string, side analyze.LineKind) ([]byte, bool) {
		if got, ok := read[analyze.FileAt{Path: p, Side: side}]; ok {
			return got.Content, got.OK
		}
		return cd.ReadSource(p, side)
	}
}

// parseRead parses one side of a manifest, as read gives it. A generated
// one (a lock file by another name) counts for what the project has: all
// its entries are references; so does the documentation's `pip freeze`,
// which pins the doc tools' own dependencies beside them. The manifests of
// the documentation (docs/requirements.txt for Sphinx) hold tools, like
// development dependencies.
func parseRead(read func(string, analyze.LineKind) ([]byte, bool), kind, p string, side analyze.LineKind) ([]placed, bool) {
	content, ok := read(p, side)
	if !ok {
		return nil, false
	}
	return recentManifests.get(kind+"\x00"+p+"\x00"+string(content), func() ([]placed, bool) {
		return parseManifestAt(kind, p, content)
	})
}

// devManifestDirs are folders whose manifests declare what the developers
// use, not what the project ships: uber-go/atomic's and multierr's
// tools/go.mod (linters, moved there out of go.mod), micromatch's
// bench/package.json (round 77, noise and stale). And the vendoring
// tool's input: python-poetry/poetry-core's vendors/pyproject.toml lists
// what its _vendor/ copies, whose versions are the copies' own; e0bd0067
// raised its packaging floor to the 24.2 already vendored, drafted as "the
// upgrade of packaging from v22 to v24" (round 126, wrong).
var devManifestDirs = []string{"tools", "tool", "_tools", "bench", "benches", "benchmark", "benchmarks", "benchmarking", "fuzz", "examples", "example", "scripts", "vendors"}

// devHarnessRE is a folder named for measuring or testing the project, a
// word joined to another: immerjs/immer's perf-testing/package.json
// pinned six old immers and a benchmark runner (4d53dc0, efa396d: thirteen
// lines of the digest, round 92, noise); "benchmarks-node", "e2e-tests".
var devHarnessRE = lazyregexp.New(`(?i)^(?:perf|performance|bench|benchmarks?|benchmarking|e2e)[-_.][a-z0-9][a-z0-9-]*$|^[a-z0-9]+[-_.](?:perf|performance|bench|benchmarks?|benchmarking|tests?|testing|e2e)$`)

// devHarnessDir reports whether a folder above p is a development harness.
func devHarnessDir(p string) bool {
	dir := path.Dir(p)
	for dir != "." && dir != "/" && dir != "" {
		if devHarnessRE.MatchString(path.Base(dir)) {
			return true
		}
		dir = path.Dir(dir)
	}
	return false
}

// parseManifestAt is what the manifest of kind at path p declares, as
// readManifest tells it.
func parseManifestAt(kind, p string, content []byte) ([]placed, bool) {
	deps, ok := parseManifest(kind, p, content)
	if !ok {
		return nil, false
	}
	if self := ownName(kind, content); self != "" {
		deps = slices.DeleteFunc(deps, func(d dep) bool { return d.name == self })
	}
	docs := analyze.HasDir(p, "docs", "doc")
	gen := generated(content) || docs && kind == analyze.ManifestRequirements && frozen(deps)
	if kind == analyze.ManifestRequirements && devRequirements(p) {
		docs = true // requirements-docs.txt, requirements/test.txt: the developers' tools
	}
	if analyze.HasDir(p, devManifestDirs...) || devHarnessDir(p) {
		docs = true // the developers' own modules and packages, never shipped
	}
	out := make([]placed, 0, len(deps))
	for _, d := range deps {
		d.ref = d.ref || gen
		d.dev = d.dev || docs // the documentation's tooling
		out = append(out, placed{path: p, dep: d})
	}
	return out, true
}

// developersRequirements reports a requirements file at the top of a
// Python package that declares its own dependencies in its metadata
// (pyproject.toml's [project] or Poetry's, setup.py's or setup.cfg's
// install_requires): what users get is there, and requirements.txt lists
// the developers' tools. theskumar/python-dotenv's holds ipython, tox,
// mkdocs, ruff and pre-commit, each drafted "Review the new dependency"
// (round 73, trivial). So does one beside a setup.py that declares no
// dependencies and does not read it. An application's requirements.txt,
// with no package metadata beside it, is what it runs on.
func developersRequirements(cd *analyze.CommitDiff, p string, side analyze.LineKind) bool {
	if path.Dir(p) != "." {
		return false
	}
	if src, ok := cd.ReadSource("pyproject.toml", side); ok && (bytes.Contains(src, []byte("[project]")) && bytes.Contains(src, []byte("dependencies")) || bytes.Contains(src, []byte("[tool.poetry.dependencies]"))) {
		return true
	}
	for _, meta := range []string{"setup.py", "setup.cfg"} {
		if src, ok := cd.ReadSource(meta, side); ok && bytes.Contains(src, []byte("install_requires")) {
			return true
		}
	}
	// A package that declares no dependency of its own, whose setup.py
	// does not read requirements.txt into them: jmespath/jmespath.py's
	// setup(...) has none, and its requirements.txt holds nose, tox,
	// coverage, hypothesis and pytest (round 78, trivial).
	if src, ok := cd.ReadSource("setup.py", side); ok && bytes.Contains(src, []byte("setup(")) && !bytes.Contains(src, []byte("requirements")) {
		return true
	}
	return false
}

// asDev is ps, each a development dependency (a copy: parsed manifests are
// shared by the commits that read the same content).
func asDev(ps []placed) []placed {
	out := slices.Clone(ps)
	for i := range out {
		out[i].dev = true
	}
	return out
}

// devRequirements reports a pip requirements file named for the
// developers' work: requirements-dev.txt, dev-requirements.txt,
// requirements/test.txt, requirements-docs.txt (theskumar/python-dotenv
// 8ed4f79's mkdocs-material "from v8 to v9", round 73, trivial).
func devRequirements(p string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(p), func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == '/' }) {
		if devExtra(w) {
			return true
		}
	}
	return false
}

// bumped reports a declaration whose version a manifest changed in place
// (the same path at both sides, two versions written), with the major it
// has now.
func bumped(olds, news []placed) (major, bool) {
	kept := func(o placed) bool {
		return slices.ContainsFunc(news, func(n placed) bool { return n.path == o.path && n.version == o.version })
	}
	for _, n := range changed(news) {
		for _, o := range olds {
			if o.path == n.path && o.version != "" && n.version != "" && o.version != n.version && !kept(o) {
				return n.major, true
			}
		}
	}
	return major{}, false
}

// bumpedWhy is why a dependency's finding resolves when its version moved.
const bumpedWhy = "its version was moved since"

// restoreRE is a commit that says it puts something back.
var restoreRE = lazyregexp.New(`(?i)\b(restor(e|es|ed|ing)|re-?add(s|ed|ing)?|reinstat(e|es|ed|ing)|bring(s|ing)? back|brought back|put(s|ting)? back)\b`)

// namedBy reports whether a commit's subject names the package, as a word
// of its own: its whole name, or its bare name (bareName) of four letters
// or more. "Implement Rayon traits (optional)" names rayon; "Port from
// setup.py to pyproject.toml" names none of the packages it moves, nor
// "Use remove-accents-ng" remove-accents.
func namedBy(subject, name string) bool {
	// Cargo and PEP 503 take "_" and "-" for one (serde_core is found as
	// serde-core: "Replace serde with serde_core", rust-lang/log ab8de73;
	// round 83, noise).
	dash := strings.NewReplacer("_", "-")
	s := dash.Replace(strings.ToLower(subject))
	name = dash.Replace(name)
	if hasWord(s, strings.ToLower(name)) {
		return true
	}
	base := bareName(name)
	return len(base) >= 4 && hasWord(s, base)
}

// changelogNames reports whether a line the commit adds to a changelog
// names the package as namedBy reads a subject: the change is announced
// to users, made on purpose (sqlalchemy/mako 3c1c137 "modernize for 2026",
// whose doc/build/unreleased/markupsafe.rst says "Minimum MarkupSafe
// dependency version bumped from 0.9.2 to 2.0."; round 85, noise).
func changelogNames(cd *analyze.CommitDiff, name string) bool {
	return addsLineNaming(cd, name, analyze.IsChangelogPath)
}

// codeAdjusts reports whether the commit adds lines of code that name the
// package (an import, a use): an upgrade made with the code ported to it
// has been looked at (tkaitchuck/aHash 7dbeb5b moved zerocopy from 0.7 to
// 0.8 and rewrote its uses for IntoBytes; sindresorhus/globby e6c72c9
// moved unicorn-magic to ^0.4 with its import from 'unicorn-magic/node';
// round 87, noise). Asked of upgrades only: new code is how a package
// comes in.
func codeAdjusts(cd *analyze.CommitDiff, name string) bool {
	return addsLineNaming(cd, name, func(p string) bool {
		return analyze.SourceLanguage(p) != "" && analyze.ManifestKind(p) == "" && analyze.SkipReason(p) == ""
	})
}

// addsLineNaming reports whether the commit adds, to a file whose path
// in takes, a line that names the package (namedBy).
func addsLineNaming(cd *analyze.CommitDiff, name string, in func(path string) bool) bool {
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.NewPath == "" || !in(f.NewPath) {
			continue
		}
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Kind == analyze.Added && namedBy(l.Text, name) {
					return true
				}
			}
		}
	}
	return false
}

// hasWord reports whether s holds w with no byte of a package name either
// side.
func hasWord(s, w string) bool {
	for from := 0; w != ""; {
		k := strings.Index(s[from:], w)
		if k < 0 {
			return false
		}
		k += from
		end := k + len(w)
		if (k == 0 || !nameByte(s[k-1])) && (end == len(s) || s[end] == '@' || !nameByte(s[end])) { // "path-to-regexp@^8.0.0"
			return true
		}
		from = k + 1
	}
	return false
}

// nameByte is a byte a package name may hold.
func nameByte(b byte) bool {
	return b == '-' || b == '_' || b == '.' || b == '/' || b == '@' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z'
}

// names lists every dependency name seen at either side, sorted.
// renamedFrom is the package the commit drops as it adds name, when it
// has the same name under another owner: "vendor/tool" for "other/tool",
// "@scope/pkg" for "pkg", a Go module moved to another host or account
// (its major suffix aside), or is a variant of it (variantOf); "" when
// there is none. Two names without
// owners are two packages.
func (s *sides) renamedFrom(name string) string {
	base := bareName(name)
	// A short plain word names two packages as often as one:
	// lcobucci/clock, an implementation, and psr/clock, PSR-20's
	// interface (thephpleague/oauth2-server 330a4c27; round 71). Not two
	// Go modules of one major past v1: spf13/cobra 88b30ab moved from
	// gopkg.in/yaml.v3 to go.yaml.in/yaml/v3, the same library's new home,
	// and "the new dependency go.yaml.in/yaml/v3" was drafted (round 116,
	// noise).
	short := len(base) < 10 && !strings.ContainsAny(base, "-_.")
	var out string
	for old := range s.old {
		if old == name || len(s.new[old]) != 0 || out != "" && old >= out {
			continue
		}
		if short && !s.sameGoMajor(old, name) && !s.familyMoved(old, name) {
			continue
		}
		if bareName(old) == base && (strings.Contains(old, "/") || strings.Contains(name, "/")) || variantOf(bareName(old), base) {
			out = old
		}
	}
	if out == "" {
		return ""
	}
	return s.old[out][0].display
}

// sameGoMajor reports whether the Go modules old (before the commit) and
// name (after it) are declared at one major version past v1, the only
// versions a module's path carries.
func (s *sides) sameGoMajor(old, name string) bool {
	olds, news := s.old[old], s.new[name]
	if len(olds) == 0 || len(news) == 0 || !goModulePath(old) || !goModulePath(name) {
		return false
	}
	o, n := olds[0].major, news[0].major
	return o.known && n.known && !o.zero && o.n >= 2 && o.n == n.n
}

// familyMoved reports whether the Go module old, which the commit drops,
// and name, which it adds, are one module of a family the commit moves
// to a new home together: another module of old's owner is dropped for
// one of the same name under name's. charmbracelet/gum f6dd28e moved
// bubbles, glamour, lipgloss and log from github.com/charmbracelet/ to
// charm.land/ at their v2, and each was drafted "new dependency" (round
// 134, noise); two packages that share a short name ("log") seldom move
// with a sibling.
func (s *sides) familyMoved(old, name string) bool {
	if !goModulePath(old) || !goModulePath(name) {
		return false
	}
	from, to := moduleOwner(old), moduleOwner(name)
	if from == to {
		return false
	}
	for o := range s.old {
		if o == old || len(s.new[o]) != 0 || !goModulePath(o) || moduleOwner(o) != from {
			continue
		}
		for n := range s.new {
			if n != name && len(s.old[n]) == 0 && moduleOwner(n) == to && bareName(n) == bareName(o) {
				return true
			}
		}
	}
	return false
}

// moduleOwner is a Go module path without its last element and major
// suffix: "charm.land" for charm.land/bubbles/v2, "github.com/charmbracelet"
// for github.com/charmbracelet/bubbles.
func moduleOwner(name string) string {
	name = strings.ToLower(name)
	if dir, last := path.Split(name); len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		name = strings.TrimSuffix(dir, "/")
	}
	return path.Dir(name)
}

// goModulePath reports whether name is a Go module path: its first
// element is a host.
func goModulePath(name string) bool {
	host, _, ok := strings.Cut(name, "/")
	return ok && strings.Contains(host, ".")
}

// variantOf reports whether two bare names are one package's variants:
// one is the other with a part added, "click-default-group-wheel" for
// "click-default-group" (simonw/sqlite-utils 02e56d1 went back from the
// wheel-only build to the original; round 80, "new dependency" judged
// wrong), "psycopg2-binary" for "psycopg2".
func variantOf(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 6 && strings.HasPrefix(b, a) && strings.ContainsRune("-_", rune(b[len(a)]))
}

// bareName is a package name without its owner: the last part of a path,
// before a Go major version suffix.
func bareName(name string) string {
	parts := strings.Split(strings.ToLower(name), "/")
	last := parts[len(parts)-1]
	if len(parts) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = parts[len(parts)-2]
	}
	return last
}

func (s *sides) names() []string {
	var out []string
	for n := range s.old {
		out = append(out, n)
	}
	for n := range s.new {
		if _, ok := s.old[n]; !ok {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// context is the set of dependency names that the manifests of the same
// family in the folders above the changed ones (and beside them, for
// Python's two kinds) declare at side, when the commit does not change
// them: a workspace member adding what its root already has adds nothing
// to the repository.
func (s *sides) context(side analyze.LineKind) map[string]bool {
	if got, ok := s.ctx[side]; ok {
		return got
	}
	names := map[string]bool{}
	seen := map[string]bool{}
	var ask []analyze.FileAt
	for p, kind := range s.changed {
		for dir := path.Dir(p); ; dir = path.Dir(dir) {
			for _, base := range family(kind) {
				q := path.Join(dir, base)
				if seen[q] || s.changed[q] != "" {
					continue
				}
				seen[q] = true
				ask = append(ask, analyze.FileAt{Path: q, Side: side})
			}
			if dir == "." || dir == "/" {
				break
			}
		}
	}
	// Most are not there: one round trip to git asks for all of them.
	for i, got := range s.cd.ReadSources(ask) {
		q := ask[i].Path
		deps, ok := parseRead(func(string, analyze.LineKind) ([]byte, bool) { return got.Content, got.OK }, analyze.ManifestKind(q), q, side)
		if !ok {
			continue
		}
		for _, d := range deps {
			names[d.name] = true
		}
	}
	if s.ctx == nil {
		s.ctx = map[analyze.LineKind]map[string]bool{}
	}
	s.ctx[side] = names
	return names
}

// family is the manifests that declare dependencies of the same ecosystem
// as a manifest of kind.
func family(kind string) []string {
	switch kind {
	case analyze.ManifestRequirements, analyze.ManifestPyproject, analyze.ManifestSetupPy, analyze.ManifestSetupCfg:
		// Requirements files have no fixed name: these are the usual ones.
		return []string{analyze.ManifestPyproject, analyze.ManifestSetupPy, analyze.ManifestSetupCfg,
			"requirements.txt", "requirements.in", "requirements-dev.txt", "requirements_dev.txt",
			"dev-requirements.txt", "requirements-test.txt", "requirements_test.txt", "test-requirements.txt",
			"requirements/base.txt", "requirements/dev.txt", "requirements/test.txt"}
	}
	return []string{kind}
}

// changes reports whether any of ps is a declaration of its own (not a
// reference).
func changes(ps []placed) bool {
	return len(changed(ps)) > 0
}

// goModOnly reports whether every declaration in ps is a go.mod's.
func goModOnly(ps []placed) bool {
	for _, p := range ps {
		if analyze.ManifestKind(p.path) != analyze.ManifestGoMod {
			return false
		}
	}
	return len(ps) > 0
}

// elsewhere answers, for one commit, whether another manifest of the
// repository declared a package the commit adds (required): the new
// packages of one kind of manifest are asked of git at once, in one git
// grep (hyperium/tonic's commits that add a crate to its workspace asked
// one per dependency: 87 in 300 commits).
type elsewhere struct {
	c     analyze.Commit
	cd    *analyze.CommitDiff
	s     *sides                         // the commit's manifests
	asked map[string][]string            // by kind of manifest: the texts asked
	held  map[string]map[string][]string // by kind: text: the parent's manifests that hold it
}

func newElsewhere(c analyze.Commit, cd *analyze.CommitDiff, s *sides) *elsewhere {
	return &elsewhere{c: c, cd: cd, s: s, asked: map[string][]string{}, held: map[string]map[string][]string{}}
}

// declaredText is how a manifest of kind declares the package p names;
// "" for a kind read otherwise.
func declaredText(kind string, p placed) string {
	switch kind {
	case analyze.ManifestGoMod:
		// "module v" on a require line, whole or in a block; a replace
		// names it before "=>", which the space and "v" leave out.
		return p.name + " v"
	case analyze.ManifestCargo:
		return p.display + " =" // `portable-atomic = { version = "1.3" }`, as declared
	case analyze.ManifestPackageJSON:
		return `"` + p.display + `":` // a key of a dependencies object
	}
	return ""
}

// required reports whether, at the commit's parent, a manifest of
// the same kind other than those ps name (and not vendored) declared the
// package ps declare: a sibling module's, crate's or package's. One git
// grep for the commit's new packages, of go.mod, Cargo.toml or
// package.json files, when every place is one of those.
func (e *elsewhere) required(ps []placed) bool {
	if len(e.c.Parents) == 0 || len(ps) == 0 {
		return false
	}
	own := map[string]bool{}
	kind := analyze.ManifestKind(ps[0].path)
	for _, p := range ps {
		own[p.path] = true
		if analyze.ManifestKind(p.path) != kind {
			return false
		}
	}
	switch kind {
	case analyze.ManifestPyproject, analyze.ManifestRequirements, analyze.ManifestSetupPy, analyze.ManifestSetupCfg:
		return pinnedForTests(e.c, e.cd, ps[0].display)
	}
	text := declaredText(kind, ps[0])
	if text == "" {
		return false
	}
	if !slices.Contains(e.asked[kind], text) {
		texts := append(e.newTexts(kind), text)
		got, err := e.cd.HoldersAt(e.c.Parents[0], texts, []string{"**/" + kind}, 8)
		if err != nil {
			return false
		}
		e.asked[kind] = append(e.asked[kind], texts...)
		if e.held[kind] == nil {
			e.held[kind] = map[string][]string{}
		}
		for t, holders := range got {
			e.held[kind][t] = holders
		}
	}
	for _, h := range e.held[kind][text] {
		if !own[h] && analyze.SkipReason(h) == "" {
			return true
		}
	}
	return false
}

// newTexts are the declarations of every package the commit adds to
// manifests of kind, to ask of git at once with the one asked about.
func (e *elsewhere) newTexts(kind string) []string {
	var texts []string
	for _, name := range e.s.names() {
		if len(e.s.old[name]) != 0 {
			continue
		}
		for _, p := range changed(e.s.new[name]) {
			if analyze.ManifestKind(p.path) == kind {
				if t := declaredText(kind, p); t != "" && !slices.Contains(texts, t) {
					texts = append(texts, t)
				}
				break
			}
		}
	}
	return texts
}

// pinnedForTests reports whether, at the commit's parent, the project's
// test environments (tox.ini) pinned the Python package name: an optional
// dependency its tests ran with, declared as an extra (scrapy/scrapy
// a54c438 "Provide extras for optional dependencies": brotlicffi, Pillow
// and uvloop, pinned in tox.ini and imported for years, drafted as new:
// round 113, wrong). One git grep a version operator.
func pinnedForTests(c analyze.Commit, cd *analyze.CommitDiff, name string) bool {
	if name == "" {
		return false
	}
	for _, op := range []string{"==", ">="} {
		held, err := cd.HeldAt(c.Parents[0], name+op, []string{"tox.ini"}, 1)
		if err == nil && len(held) > 0 {
			return true
		}
	}
	return false
}

// addsGoImport reports whether the commit adds a Go import line of a
// module ps declare (an import path under the module path as written),
// that it did not import before under another major: go-kit/kit eed6ce2
// "Add initial go.mod file" required nats-server/v2 as a test's import
// went from .../nats-server/server to .../nats-server/v2/server, the
// module it had used all along (round 70, noise).
func addsGoImport(cd *analyze.CommitDiff, ps []placed) bool {
	imports := func(text, module string) bool {
		k := strings.Index(text, `"`+module)
		if k < 0 {
			return false
		}
		rest := text[k+1+len(module):]
		return strings.HasPrefix(rest, `"`) || strings.HasPrefix(rest, "/")
	}
	added := false
	for i := range cd.Files {
		f := &cd.Files[i]
		if analyze.SourceLanguage(f.NewPath) != analyze.LangGo && analyze.SourceLanguage(f.OldPath) != analyze.LangGo {
			continue
		}
		if unbundles(f, ps) {
			// The module's package was in the tree, copied in by
			// golang.org/x/tools/cmd/bundle: gorilla/websocket 1d54655
			// "Unbundle x/net/proxy" deleted x_net_proxy.go and required
			// golang.org/x/net, drafted as a new dependency (round 118,
			// wrong).
			return false
		}
		if analyze.SkipReason(f.Path()) != "" {
			// Vendored code imports its own modules: sebdah/goldie 0657d15
			// "Vendorize dependencies" wrote go.mod and vendor/, whose
			// testify/require imports testify/assert, and testify, which
			// goldie_test.go had imported since 2016, was "new" (round 82,
			// wrong).
			continue
		}
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				for _, p := range ps {
					switch {
					case l.Kind == analyze.Added && imports(l.Text, p.display):
						added = true
					case l.Kind == analyze.Removed && imports(l.Text, p.name):
						return false // imported before, at another major
					}
				}
			}
		}
	}
	return added
}

// unbundles reports whether f's removed lines hold the go:generate line
// of a bundle of a package of one of the modules ps declare.
func unbundles(f *analyze.FileDiff, ps []placed) bool {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind != analyze.Removed || !strings.Contains(l.Text, "bundle") {
				continue
			}
			m := bundleRE.FindStringSubmatch(l.Text)
			if m == nil {
				continue
			}
			for _, p := range ps {
				if m[1] == p.name || strings.HasPrefix(m[1], p.name+"/") || m[1] == p.display || strings.HasPrefix(m[1], p.display+"/") {
					return true
				}
			}
		}
	}
	return false
}

// bundleRE is the go:generate line of golang.org/x/tools/cmd/bundle and
// the package it copies in (its last argument).
var bundleRE = lazyregexp.New(`^//go:generate\s+(?:go\s+run\s+\S*bundle\S*|\S*bundle)\s.*?(\S+)\s*$`)

// importedByTestsOnly reports whether every Go file in which the commit
// adds an import of a module ps declare is a test, or the module's list
// of the developers' tools: a tools.go, or a file built only with the
// tools tag (uber-go/atomic 473b956 added golang.org/x/lint that way).
func importedByTestsOnly(cd *analyze.CommitDiff, ps []placed) bool {
	seen := false
	for i := range cd.Files {
		f := &cd.Files[i]
		if analyze.SourceLanguage(f.NewPath) != analyze.LangGo {
			continue
		}
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Kind != analyze.Added || !strings.Contains(l.Text, `"`) {
					continue
				}
				for _, p := range ps {
					if strings.Contains(l.Text, `"`+p.display+`"`) || strings.Contains(l.Text, `"`+p.display+`/`) {
						if !analyze.IsTestPath(f.NewPath) && !goToolsFile(cd, f.NewPath) {
							return false
						}
						seen = true
					}
				}
			}
		}
	}
	return seen
}

// goToolsFile reports a Go file that only pins the developers' tools in
// the module: tools.go, or one built with the tools tag alone.
func goToolsFile(cd *analyze.CommitDiff, p string) bool {
	if path.Base(p) == "tools.go" {
		return true
	}
	src, ok := cd.ReadSource(p, analyze.Added)
	if !ok {
		return false
	}
	head, _, _ := strings.Cut(string(src), "\npackage ")
	return strings.Contains(head, "//go:build tools") || strings.Contains(head, "// +build tools")
}

// keeps reports whether a declaration at major from, in a manifest and
// group where the old side had one, is still there: then the package did
// not move up. A newer pin beside it is a second declaration, not an
// upgrade (pypa/wheel bbbe3dc added "packaging >= 26.0" to a new test
// group and left the runtime "packaging >= 24.0" as it was: "the upgrade
// of packaging from v24 to v26" was not true of the package's users).
func keeps(olds, news []placed, from major) bool {
	for _, n := range news {
		if n.major != from {
			continue
		}
		if slices.ContainsFunc(olds, func(o placed) bool { return o.path == n.path && o.dev == n.dev && o.major == from }) {
			return true
		}
	}
	return false
}

// widens reports a range that still allows major from beside a higher
// one: briannesbitt/Carbon's "^6.3.12 || ^7.0" became "^6.3.12 || ^7.0 ||
// ^8.0", support for v8 added and nothing upgraded (three rounds out of
// sample called such ranges upgrades: Carbon, flysystem, monolog).
func widens(news []placed, from major) bool {
	for _, n := range changed(news) {
		if len(alternatives(n.version)) < 2 {
			continue
		}
		if floor := rangeFloor(n.version); floor.known && !from.less(floor) {
			return true
		}
	}
	return false
}

// changed keeps the declarations that are not references.
func changed(ps []placed) []placed {
	var out []placed
	for _, p := range ps {
		if !p.ref {
			out = append(out, p)
		}
	}
	return out
}

// highest is the highest known major of ps.
func highest(ps []placed) major {
	var best major
	for _, p := range ps {
		if p.major.known && (!best.known || best.less(p.major)) {
			best = p.major
		}
	}
	return best
}

func fingerprint(name, label string) string {
	return finding.KindDependency + ":" + name + ":" + label
}

// cite sorts places by path and splits them into the evidence and the
// others. The evidence is a place of the highest major, which the
// finding's fingerprint names: micromatch ec0fc55 added braces ^2.0.1 to
// package.json and ^1.8.5 to a benchmark's package.json, and the finding
// cited the benchmark's, gone three years later while braces stayed
// (round 70, judged stale).
func cite(c analyze.Commit, ps []placed) (finding.Evidence, []finding.Evidence, []string) {
	ps = slices.Clone(ps)
	top := highest(ps)
	slices.SortStableFunc(ps, func(a, b placed) int {
		if at, bt := a.major == top, b.major == top; at != bt {
			if at {
				return -1
			}
			return 1
		}
		return strings.Compare(a.path, b.path)
	})
	var evs []finding.Evidence
	var paths []string
	for _, p := range ps {
		ev := finding.Evidence{Path: p.path, Commit: c.Hash}
		if line, text := p.position(); line > 0 {
			ev.Line, ev.Excerpt = line, text
		}
		evs = append(evs, ev)
		if !slices.Contains(paths, p.path) {
			paths = append(paths, p.path)
		}
	}
	return evs[0], evs[1:], paths
}

// allDev reports whether every place declares a development dependency.
func allDev(ps []placed) bool {
	for _, p := range ps {
		if !p.dev {
			return false
		}
	}
	return true
}

func withVersion(p placed) string {
	if p.version == "" {
		return p.display
	}
	return p.display + " " + p.version
}

func newFinding(c analyze.Commit, news []placed) finding.Finding {
	news = changed(news)
	m := highest(news)
	ev, also, paths := cite(c, news)
	first := news[0]
	for _, p := range news {
		if p.path == ev.Path {
			first = p
			break
		}
	}
	items := make([]string, 0, len(news))
	for _, p := range news {
		items = append(items, "added to "+p.path+": "+withVersion(p))
	}
	confidence := 0.6
	if allDev(news) {
		confidence = 0.4 // a tool for the developers, not shipped code
	}
	confidence = byBot(c, confidence)
	in := strings.Join(paths, ", ")
	return finding.Finding{
		Kind:        finding.KindDependency,
		Fingerprint: fingerprint(first.name, m.label()),
		Text:        fmt.Sprintf("new dependency %s in %s", withVersion(first), in),
		Body: fmt.Sprintf("The commit adds %s to %s. A new dependency brings its code, its licence "+
			"and its own dependencies into the project.", withVersion(first), in),
		Title:      analyze.FitTitle("Review the new dependency ", first.display, ""),
		Labels:     []string{"security"},
		Items:      items,
		Confidence: confidence,
		Evidence:   ev,
		Also:       also,
	}
}

// replacement says f, a new dependency, of a package that takes the place
// of old, the same package under another owner.
func replacement(c analyze.Commit, f finding.Finding, old string, news []placed) finding.Finding {
	first := changed(news)[0]
	_, _, paths := cite(c, changed(news))
	in := strings.Join(paths, ", ")
	f.Text = fmt.Sprintf("%s replaced by %s in %s", old, withVersion(first), in)
	f.Body = fmt.Sprintf("The commit replaces %s with %s in %s: the same package, published under "+
		"another name. Who publishes a dependency decides what code the project runs.", old, withVersion(first), in)
	f.Title = analyze.FitTitle("Review the renamed dependency ", first.display, "")
	return f
}

// upgraded is the places where a dependency moved up, with a line for
// each: the manifests that did not change it keep what they had.
func upgraded(olds, news []placed) (moved []placed, items []string) {
	for _, p := range changed(news) {
		before := ""
		for _, o := range olds {
			if o.path == p.path {
				before = o.version
			}
		}
		if !p.major.known || before != "" && !oldMajorIn(olds, p.path).less(p.major) {
			continue
		}
		moved = append(moved, p)
		if before == "" {
			items = append(items, "added to "+p.path+": "+withVersion(p))
		} else {
			items = append(items, fmt.Sprintf("%s: %s → %s", p.path, before, p.version))
		}
	}
	if len(moved) == 0 { // the highest major came from a new place only
		moved = changed(news)
	}
	return moved, items
}

func upgradeFinding(c analyze.Commit, moved []placed, items []string, from, to major) finding.Finding {
	ev, also, paths := cite(c, moved)
	first := moved[0]
	for _, p := range moved {
		if p.path == ev.Path {
			first = p
			break
		}
	}
	confidence := 0.7
	if allDev(moved) {
		confidence = 0.5
	}
	confidence = byBot(c, confidence)
	in := strings.Join(paths, ", ")
	return finding.Finding{
		Kind:        finding.KindDependency,
		Fingerprint: fingerprint(first.name, to.label()),
		Text:        fmt.Sprintf("%s moved from %s to %s in %s", first.display, from.label(), to.label(), in),
		Body: fmt.Sprintf("The commit moves %s from %s to %s in %s, across a major version: "+
			"expect breaking changes in its API or behaviour.", first.display, from.label(), withVersion(first), in),
		Title:      analyze.FitTitle("Review the upgrade of ", first.display, " from "+from.label()+" to "+to.label()),
		Labels:     []string{"tech-debt"},
		Items:      items,
		Confidence: confidence,
		Evidence:   ev,
		Also:       also,
	}
}

// oldMajorIn is the major the manifest at p declared before, among olds.
func oldMajorIn(olds []placed, p string) major {
	var best major
	for _, o := range olds {
		if o.path == p && o.major.known && (!best.known || best.less(o.major)) {
			best = o.major
		}
	}
	return best
}

// byBot halves the confidence of a change a bot made (Renovate,
// Dependabot): a person reviewed it as a pull request already.
func byBot(c analyze.Commit, confidence float64) float64 {
	if analyze.IsBot(c.Author) {
		return confidence / 2
	}
	return confidence
}

// frozen reports a requirements file that `pip freeze` wrote, or that
// reads like one: at least five requirements, every one pinned to one
// version with ==. Which of them the project asked for, and which came
// along, it does not say (nlohmann/json a6ee8bf9d
// doc/mkdocs/requirements.txt: Babel, certifi, smmap, ... beside mkdocs).
func frozen(deps []dep) bool {
	if len(deps) < 5 {
		return false
	}
	for _, d := range deps {
		v := strings.TrimSpace(d.version)
		if !strings.HasPrefix(v, "==") || strings.ContainsAny(v, ",<>!~*") {
			return false
		}
	}
	return true
}
