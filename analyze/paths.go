package analyze

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"strings"
)

// This file is the one home of the rules about what a path is
// (documentation, a changelog, a test, a dependency manifest), which several
// detectors share: written twice, they drifted apart.

// Source languages SourceLanguage knows.
const (
	LangGo     = "go"
	LangPython = "python"
	LangJS     = "js" // JavaScript and TypeScript
	LangJava   = "java"
	LangRust   = "rust"
)

// SourceLanguage is the programming language of the file at p among those
// the symbol and test rules read, or "". It is asked of every path many
// times, and answered in place: kept in a pathMemo, the lookup cost more
// than the answer (2% of a go-git backfill's CPU).
func SourceLanguage(p string) string {
	ext := path.Ext(p)
	switch {
	case asciiEqualFold(ext, ".go"):
		return LangGo
	case asciiEqualFold(ext, ".py"):
		return LangPython
	case asciiEqualFold(ext, ".java"):
		return LangJava
	case asciiEqualFold(ext, ".rs"):
		return LangRust
	}
	for _, js := range []string{".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"} {
		if asciiEqualFold(ext, js) {
			if hasSuffixFold(p, ".d.ts") || hasSuffixFold(p, ".d.mts") || hasSuffixFold(p, ".d.cts") {
				return "" // declarations mirror code that lives elsewhere (lukeed/clsx's clsx.d.mts)
			}
			return LangJS
		}
	}
	return ""
}

// hasSuffixFold is strings.HasSuffix(strings.ToLower(s), suffix) for a
// lower-case ASCII suffix, without the copy.
func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && asciiEqualFold(s[len(s)-len(suffix):], suffix)
}

// asciiEqualFold is strings.ToLower(s) == lower for lower-case ASCII
// lower, without the copy. Only ASCII letters fold here: no other
// letter lowers to one of the letters of the names compared (the Kelvin
// sign lowers to "k", which none holds).
func asciiEqualFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// IsTestPath reports whether the file at p is a test, by the naming
// conventions of the languages SourceLanguage knows: Go *_test.go; Python
// test_*.py, *_test.py, test.py, conftest.py and anything under tests/,
// test/ or testsuite/, or testing/ at the top (pytest-dev/pytest);
// JavaScript/TypeScript test.js, *.test.*, *.spec.*, *-test.*, *_test.*, and anything under __tests__/,
// __mocks__/, test/, tests/ or spec/ (mocha's default folder: axios/axios
// test/unit/adapters/http.js; jasmine's spec/); in both, anything under
// integration/ at the top, an integration suite and its support
// (pyinvoke/invoke's integration/main.py, whose pytest.ini takes any
// file for a test, and integration/_support/: round 106, wrong); Java src/test/** and
// *Test.java, *Tests.java, *IT.java; Rust tests/ and tests.rs, *_tests.rs.
func IsTestPath(p string) bool {
	base := path.Base(p)
	switch SourceLanguage(p) {
	case LangGo:
		return strings.HasSuffix(base, "_test.go")
	case LangPython:
		// pytest keeps its own tests in testing/ at the top (a package's
		// testing/ module, numpy.testing, is product code).
		return strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") ||
			base == "conftest.py" || base == "test.py" || base == "tests.py" || HasDir(p, "tests", "test", "testsuite") ||
			strings.HasPrefix(p, "testing/") || strings.HasPrefix(p, "integration/")
	case LangJS:
		// And *-test.* or *_test.*: remix-run/react-router's jest config
		// takes `**/*-test.[jt]s?(x)`, and c45edad's babel-test.ts was no
		// test to the detector ("changes no test file": round 114, wrong).
		// And tsd's type tests, *.test-d.ts (tj/commander.js's
		// typings/index.test-d.ts, whose options were "removed flags" in
		// a Prettier commit: round 117, wrong).
		return strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") || strings.Contains(base, ".test-d.") || FileStem(base) == "test" || FileStem(base) == "tests" ||
			strings.Contains(base, "-test.") || strings.Contains(base, "_test.") || strings.Contains(base, "-spec.") ||
			HasDir(p, "__tests__", "__mocks__", "test", "tests", "spec") || strings.HasPrefix(p, "integration/")
	case LangJava:
		stem := strings.TrimSuffix(base, ".java")
		return strings.Contains("/"+p, "/src/test/") || strings.HasSuffix(stem, "Test") ||
			strings.HasSuffix(stem, "Tests") || strings.HasSuffix(stem, "IT")
	case LangRust:
		// tests/ integration tests; a module's tests kept in tests.rs
		// beside it (mod tests;).
		return HasDir(p, "tests") || base == "tests.rs" || base == "test.rs" ||
			strings.HasSuffix(base, "_tests.rs") || strings.HasSuffix(base, "_test.rs")
	}
	return false
}

// InTestSuite reports a test: by IsTestPath's conventions, or in a
// language SourceLanguage does not read, by its folder or name: a file
// under test/ or tests/, or named *.test (jqlang/jq's tests/jq.test gains a
// case with each fix, as a regression test should), and PHPUnit's Tests/
// and *Test.php (symfony/yaml's Tests/InlineTest.php).
func InTestSuite(p string) bool {
	return IsTestPath(p) || HasDir(p, "test", "tests", "_test", "_tests", "spec", "__tests__", "Tests", "Test") || path.Ext(p) == ".test" ||
		strings.HasSuffix(p, "Test.php") || testsFolder(p)
}

// testsFolder reports a path under a folder named for a kind of tests:
// flosch/pongo2's template_tests/, whose expected outputs
// (filters.tpl.out) change with every fix of a filter and were drafted
// as a hotspot (round 155, noise).
func testsFolder(p string) bool {
	for _, dir := range strings.Split(path.Dir(p), "/") {
		if len(dir) > len("_tests") && (strings.HasSuffix(dir, "_tests") || strings.HasSuffix(dir, "-tests")) {
			return true
		}
	}
	return false
}

// HasDir reports whether one of p's directories is named one of names.
// Every path of every diff is asked this several times: a path as git
// writes them (no "." or ".." element, no doubled or leading slash) is
// read in place, without the copies path.Dir and strings.Split make.
func HasDir(p string, names ...string) bool {
	if dirs, ok := gitPathDirs(p); ok {
		for dirs != "" {
			dir, rest, _ := strings.Cut(dirs, "/")
			for _, n := range names {
				if dir == n {
					return true
				}
			}
			dirs = rest
		}
		return false
	}
	for _, dir := range strings.Split(path.Dir(p), "/") {
		for _, n := range names {
			if dir == n {
				return true
			}
		}
	}
	return false
}

// gitPathDirs is p's directory part when p is a path as git writes it,
// where it is what path.Dir says: "" for a file at the top (path.Dir's
// "."). ok is false for any other path.
func gitPathDirs(p string) (dirs string, ok bool) {
	if p == "" || p[0] == '/' || strings.Contains(p, "//") {
		return "", false
	}
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return "", p != "." && p != ".."
	}
	dirs = p[:i]
	for rest := dirs; rest != ""; {
		var el string
		el, rest, _ = strings.Cut(rest, "/")
		if el == "." || el == ".." {
			return "", false
		}
	}
	return dirs, true
}

// FileStem is a path's base name up to its first dot: "README" of
// "docs/README.md", "CHANGELOG" of "CHANGELOG.old.txt".
func FileStem(p string) string {
	base := path.Base(p)
	if k := strings.IndexByte(base, '.'); k > 0 {
		return base[:k]
	}
	return base
}

// notDocStem is a lower-case stem of files that sit among documentation
// but do not document how to use anything: a changelog records that
// something changed, a licence the terms, a conduct file behaviour.
func notDocStem(s string) bool {
	switch s {
	case "changelog", "changes", "history", "news", "release_notes", "release-notes", "releases",
		"license", "licence", "copying", "notice", "authors", "contributors", "code_of_conduct",
		"code-of-conduct", "contributing", "security", "codeowners":
		return true
	}
	return false
}

// IsChangelogPath reports whether the file at p is a changelog or release
// notes file.
func IsChangelogPath(p string) bool {
	switch strings.ToLower(FileStem(p)) {
	case "changelog", "changes", "history", "news", "release_notes", "release-notes", "releases":
		return true
	}
	// doc/build/unreleased/: the notes of the next release, one file a
	// change (sqlalchemy's and mako's changelog tool).
	return HasDir(strings.ToLower(p), "changelog.d", "changes", "newsfragments", "changelogs", ".changeset", "unreleased")
}

var manPageExtRE = lazyregexp.New(`^\.[1-9][a-z]?$`)

// IsDocPath reports whether a change to the file at p is a documentation
// change: README*, anything under docs/, doc/, documentation/ or man/,
// Markdown, reStructuredText, AsciiDoc, Texinfo, POD and man pages, and
// committed API listings (godoc*.txt, *.api). Not
// documentation: changelogs, licences, contributing and conduct files,
// .github/ templates, and vendored files.
func IsDocPath(p string) bool { return docPaths.get(p) }

var docPaths = newPathMemo(isDocPath)

func isDocPath(p string) bool {
	if SkipReason(p) != "" || HasDir(p, ".github") {
		return false
	}
	base := strings.ToLower(path.Base(p))
	if notDocStem(FileStem(base)) {
		return false
	}
	if strings.HasPrefix(base, "readme") || HasDir(strings.ToLower(p), "docs", "doc", "documentation", "man") {
		return true
	}
	// API listings committed for review: urfave/cli's godoc-current.txt,
	// Kotlin's binary-compatibility .api dumps.
	if strings.HasPrefix(base, "godoc") || path.Ext(base) == ".api" {
		return true
	}
	switch ext := path.Ext(base); ext {
	case ".md", ".markdown", ".mdx", ".rst", ".adoc", ".asciidoc", ".texi", ".texinfo", ".pod", ".ronn":
		return true
	default:
		return manPageExtRE.MatchString(ext)
	}
}

// Dependency manifests ManifestKind names.
const (
	ManifestGoMod        = "go.mod"
	ManifestPackageJSON  = "package.json"
	ManifestRequirements = "requirements"
	ManifestPyproject    = "pyproject.toml"
	ManifestCargo        = "Cargo.toml"
	ManifestPom          = "pom.xml"
	ManifestGemfile      = "Gemfile"
	ManifestComposer     = "composer.json"
	ManifestSetupPy      = "setup.py"
	ManifestSetupCfg     = "setup.cfg"
)

// ManifestKind says which dependency manifest the file at p is, or "".
// Lock files (go.sum, package-lock.json, yarn.lock, Cargo.lock,
// poetry.lock, ...) are not manifests: they follow the manifests.
func ManifestKind(p string) string {
	if SkipReason(p) != "" {
		return ""
	}
	base := path.Base(p)
	switch base {
	case ManifestGoMod, ManifestPackageJSON, ManifestPyproject, ManifestCargo, ManifestPom, ManifestGemfile, ManifestComposer,
		ManifestSetupPy, ManifestSetupCfg:
		return base
	}
	lower := strings.ToLower(base)
	if ext := path.Ext(lower); ext == ".txt" || ext == ".in" {
		if strings.Contains(lower, "requirements") || path.Base(path.Dir(p)) == "requirements" {
			return ManifestRequirements
		}
	}
	return ""
}

// IsSampleProject reports whether the file at p belongs to a project kept
// beside the real one: a test fixture, an example, a demo or a benchmark
// app (test/, tests/, testdata/, fixtures/, examples/, demo/, testing/ at
// the top, Go's _examples/ that the go tool skips, the playground/ app
// Vue and Nuxt projects try their library in, ...). What its manifest
// depends on is not what the repository depends on (go-chi/chi a846def
// gave _examples/rest its own go.mod: three "new dependencies").
func IsSampleProject(p string) bool {
	lower := strings.ToLower(p)
	return HasDir(lower, "test", "tests", "testdata", "fixtures", "fixture", "__fixtures__",
		"__tests__", "e2e", "example", "examples", "_example", "_examples", "sample", "samples", "demo", "demos", "sandbox",
		"playground", "playgrounds", "recipes", "cookbook") ||
		strings.HasPrefix(lower, "testing/") // pytest's testing/plugins_integration/requirements.txt
}

// IsConfigPath reports whether the file at p configures tools rather than
// being the project's code: CI pipelines (.github/, .gitlab-ci.yml,
// .circleci/, azure-pipelines.yml, Jenkinsfile, ...), and dotfiles and
// dot-folders (.eslintrc, .pre-commit-config.yaml, .vscode/).
func IsConfigPath(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	switch strings.ToLower(path.Base(p)) {
	case "azure-pipelines.yml", "azure-pipelines.yaml", "jenkinsfile", "appveyor.yml", "bitbucket-pipelines.yml",
		"cloudbuild.yaml", "cloudbuild.yml", "codecov.yml", "renovate.json", "renovate.json5", "dependabot.yml":
		return true
	}
	return false
}

// IsTestData reports whether the file at p is data for tests rather than
// code: under testdata/, fixtures/ or __snapshots__/, or a snapshot or
// golden file.
func IsTestData(p string) bool {
	if HasDir(strings.ToLower(p), "testdata", "test_data", "test-data", "fixtures", "fixture", "__fixtures__", "__snapshots__", "snapshots") {
		return true
	}
	switch path.Ext(p) {
	case ".snap", ".golden":
		return true
	}
	return false
}

// IsProjectFile reports whether the file at p is about the project rather
// than its code or its use: a changelog, a licence, the authors, the
// contributing or conduct rules, the security policy, the code owners.
func IsProjectFile(p string) bool {
	return notDocStem(strings.ToLower(FileStem(p))) || IsChangelogPath(p)
}

// IsSupportPath reports whether the file at p is code that serves the
// project rather than being it: examples and demos, fixtures and test
// data, test helpers (difftest/, testutil/, Go code under test/, the
// stand-ins of dummy*/ folders),
// developer tools (tools/, xtask/ at the root), benchmarks and fuzzers,
// build, release and CI scripts, the sources of the documentation site,
// and project templates. Users do not call it,
// and projects do not test it: a route in examples/ is no API, an example
// changed without a test is no gap.
func IsSupportPath(p string) bool {
	if HasDir(strings.ToLower(p), "examples", "example", "_examples", "samples", "sample", "demo", "demos", "playground", "playgrounds",
		"fixtures", "fixture", "__fixtures__", "testdata", "test-data", "test_data", "benchmarks", "benchmark", "benchmarking",
		"benches", "bench", "fuzz", "fuzzer", "fuzzers", "fuzzing", "ossfuzz", "oss-fuzz", "scripts", "script", "hack", "ci", ".ci", ".github", ".circleci",
		"docs", "doc", "documentation", "docs_src", "templates", "template", "_templates", "skeleton", "scaffold", "misc",
		"recipes", "cookbook", "e2e") {
		return true
	}
	// express's and others' development support at the root; developer
	// tools (json's tools/gdb_pretty_printer, eslint's tools/test-ecosystem),
	// Rust's build automation (xtask/), task runners' tasks (pypa/packaging's
	// tasks/pickle_compat.py, a check its CI runs), invoke's tasks.py
	// (redis/redis-py's ruff wrappers), the extras a project keeps beside
	// its code (httpie/cli's extras/profiling/run.py and
	// extras/packaging/linux/build.py, whose flags were drafted as drift
	// and whose functions as untested: round 93, noise). Only at the
	// root: src/tools/ may be the product, a package's tasks.py Celery's.
	// And the project's website at the root (Docusaurus' and VitePress'
	// website/: cheeriojs/cheerio's Astro pages, blog feed and editor
	// components were drafted as untested code: round 106, noise).
	for _, top := range []string{"support/", "tools/", "xtask/", "tasks/", "extras/", "website/"} {
		if strings.HasPrefix(p, top) {
			return true
		}
	}
	if p == "tasks.py" {
		return true
	}
	// Go code in a test/ folder is a shared test suite or helper (go-git's
	// internal/transport/test): Go's tests themselves are *_test.go files.
	// So is a Go package testing/ at the module's root (golang-migrate/
	// migrate's testing/docker.go, round 105): its name is the standard
	// library's, which the product would not shadow.
	if SourceLanguage(p) == LangGo && (HasDir(p, "test", "tests") || strings.HasPrefix(p, "testing/")) {
		return true
	}
	for _, dir := range strings.Split(path.Dir(p), "/") {
		// The go tool ignores folders named _x or .x: Go code there is a
		// tool of the project's (stretchr/testify's _codegen, which
		// generates the assert package), not one of its packages. A
		// hidden folder holds tooling in any language (tqdm/tqdm's
		// .meta/mkdocs.py builds its docs; .github, .devcontainer).
		if len(dir) > 1 && dir != ".." && (dir[0] == '.' || SourceLanguage(p) == LangGo && dir[0] == '_') {
			return true
		}
		// Test helpers: Go's httptest and iotest naming, testutil(s), testhelper(s).
		// And test*-named packages of test values (google/go-cmp's
		// cmp/internal/testprotos and teststructs); testing/ may be a
		// product's own module (numpy.testing).
		// A name that ends in "testing" is one too (golang-migrate/
		// migrate's dktesting, the Docker harness its database tests
		// share: round 105, noise).
		if len(dir) > len("test") && strings.HasSuffix(dir, "test") && dir != "latest" || strings.HasPrefix(dir, "testutil") || strings.HasPrefix(dir, "testhelper") ||
			len(dir) > len("tests") && strings.HasPrefix(dir, "test") && dir != "testing" || len(dir) > len("testing") && strings.HasSuffix(dir, "testing") {
			return true
		}
		// Stand-ins for tests to run against: urllib3's dummyserver (the
		// servers its tests talk to), a dummy_app. Not mock/ or fake/:
		// a mocking library's package is its product (testify's mock).
		if strings.HasPrefix(strings.ToLower(dir), "dummy") {
			return true
		}
	}
	if strings.Contains(p, "{{") || strings.Contains(p, "{%") { // cookiecutter and Jinja project templates
		return true
	}
	base := strings.ToLower(path.Base(p))
	switch base {
	// Build and packaging recipes: Conan's conanfile.py (catchorg/Catch2
	// 62d4aec "Conan v2": a recipe's methods are the package manager's
	// hooks, not code anyone tests) and its test_package/.
	// A build backend's hooks: PDM's pdm_build.py, Hatch's hatch_build.py
	// (tiangolo/typer 05ffb24's pdm_build_initialize, drafted as untested:
	// round 78, noise).
	case "setup.py", "noxfile.py", "fabfile.py", "dodo.py", "conanfile.py", "build.rs", "magefile.go", "gruntfile.js",
		"gulpfile.js", "gulpfile.mjs", "jakefile.js", "karma.conf.js", "protractor.conf.js", "pdm_build.py", "hatch_build.py":
		return true
	}
	// webpack.config.js, vite.config.ts, jest.config.mjs, .eslintrc.js, ...
	// and a bundler's shared settings named for it (jashkenas/underscore's
	// rollup.common.js, drafted as untested: round 127, noise).
	stem := strings.TrimSuffix(base, path.Ext(base))
	return SourceLanguage(p) == LangJS && (strings.HasSuffix(stem, ".config") || strings.HasSuffix(stem, ".conf") || strings.HasPrefix(stem, ".") && strings.HasSuffix(stem, "rc") ||
		buildToolFileRE.MatchString(stem))
}

// buildToolFileRE is the stem of a JavaScript file named for a build tool,
// which holds its settings: rollup.common, webpack.prod, karma-ci.
var buildToolFileRE = lazyregexp.New(`^(?:rollup|webpack|esbuild|babel|vite|vitest|tsup|karma|jest|gulp|grunt)[.-]`)

// IsInternalPath reports whether the file at p is, by its place, code a
// project keeps to itself rather than offers to its users: Go's internal/
// packages (the compiler enforces it), Python modules and packages whose
// name starts with one "_", and the internal/, private/, helpers/ and
// utils/ folders other languages keep by convention.
func IsInternalPath(p string) bool {
	if HasDir(p, "internal", "_internal", "private", "helpers", "helper", "utils", "util") {
		return true
	}
	if SourceLanguage(p) != LangPython {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, "_") && !strings.HasPrefix(part, "__") {
			return true
		}
	}
	return false
}
