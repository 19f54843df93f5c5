package analyze

import (
	"path"
	"slices"
	"strings"
	"testing"
)

func TestIsSampleProject(t *testing.T) {
	for p, want := range map[string]bool{
		"test/module/typings/cjs/package.json": true, // axios
		"examples/hello-world/Cargo.toml":      true, // tokio-rs/axum
		"_examples/rest/go.mod":                true, // go-chi/chi a846def
		"Examples/Demo/package.json":           true,
		"e2e/app/package.json":                 true,
		"package.json":                         false,
		"packages/core/package.json":           false,
		"axum-extra/Cargo.toml":                false,
		"src/testing/go.mod":                   false,
		// pytest-dev/pytest 2f26a02d7: a dependabot bump of a test environment.
		"testing/plugins_integration/requirements.txt": true,
		// vuejs/pinia d0351489: the app the library is tried in.
		"packages/playground/package.json":      true,
		"packages/nuxt/playground/package.json": true,
		// olivere/elastic dd99ab5c: the example programs' module.
		"recipes/go.mod": true,
	} {
		if got := IsSampleProject(p); got != want {
			t.Errorf("IsSampleProject(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestIsConfigPath(t *testing.T) {
	for p, want := range map[string]bool{
		".github/workflows/ci.yml": true,
		".gitlab-ci.yml":           true,
		".circleci/config.yml":     true,
		"azure-pipelines.yml":      true,
		"ci/Jenkinsfile":           true,
		".pre-commit-config.yaml":  true,
		"web/.eslintrc.json":       true,
		"renovate.json":            true,
		"src/github/workflows.go":  false,
		"Makefile":                 false,
		"cmd/ci/main.go":           false,
	} {
		if got := IsConfigPath(p); got != want {
			t.Errorf("IsConfigPath(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestIsTestData(t *testing.T) {
	for p, want := range map[string]bool{
		"testdata/script/enroll.txtar":              true,
		"tests/fixtures/a.json":                     true,
		"src/__snapshots__/format.test.js.snap":     true,
		"tests/format/js/arrows/jsfmt.spec.js.snap": true,
		"internal/golden/x.golden":                  true,
		"tests/test_requests.py":                    false,
		"src/fixture.go":                            false,
	} {
		if got := IsTestData(p); got != want {
			t.Errorf("IsTestData(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestIsTestPathPythonTestingFolder(t *testing.T) {
	for p, want := range map[string]bool{
		"testing/python/fixtures.py": true, // pytest-dev/pytest 7186cd465
		"testing/typing_checks.py":   true, // pytest-dev/pytest 03116d3bc
		// pyinvoke/invoke 67bc038b, 849cb23e: the integration suite and
		// the tasks it runs.
		"integration/main.py":              true,
		"integration/_support/parsing.py":  true,
		"invoke/integration.py":            false,
		"sentry_sdk/integrations/flask.py": false,
		"numpy/testing/utils.py":           false,
		"src/_pytest/fixtures.py":          false,
	} {
		if got := IsTestPath(p); got != want {
			t.Errorf("IsTestPath(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestIsTestPathJavaScriptFolders(t *testing.T) {
	for p, want := range map[string]bool{
		"test/unit/adapters/http.js":                   true, // axios/axios
		"tests/e2e/app.spec.ts":                        true,
		"src/__tests__/a.js":                           true,
		"lib/adapters/fetch.js":                        false,
		"lib/testing/helpers.js":                       false,
		"integration/smoke.test.ts":                    true,
		"packages/react-router-dev/vite/babel-test.ts": true, // remix-run/react-router c45edad (round 114)
		"typings/index.test-d.ts":                      true, // tsd type tests: tj/commander.js 1bdc749a (round 117)
		"src/parser_test.js":                           true,
		"src/speedtest.js":                             false,
		"integration/helpers.js":                       true,
		"lib/integration/index.js":                     false,
	} {
		if got := IsTestPath(p); got != want {
			t.Errorf("IsTestPath(%q) = %v, want %v", p, got, want)
		}
	}
}

// A TypeScript declaration file mirrors code that lives elsewhere: no
// language of ours reads it (lukeed/clsx's clsx.d.mts drew "Add tests for
// clsx in clsx.d.mts").
func TestSourceLanguageLeavesDeclarationsOut(t *testing.T) {
	for p, want := range map[string]string{
		"index.d.ts": "", "clsx.d.mts": "", "lib/clsx.d.cts": "", "types/Index.D.TS": "",
		"src/index.ts": LangJS, "src/index.mts": LangJS, "clsx.mjs": LangJS, "src/d.ts.js": LangJS,
	} {
		if got := SourceLanguage(p); got != want {
			t.Errorf("SourceLanguage(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestInTestSuite(t *testing.T) {
	for p, want := range map[string]bool{
		"tests/jq.test":                      true,
		"template_tests/filters.tpl.out":     true, // flosch/pongo2 (round 155)
		"integration-tests/cases/basic.json": true,
		"src/tests.go":                       false,
		"filters_builtin.go":                 false,
		"pkg/attests/attest.go":              false,
		"_tests/x.txt":                       true,
	} {
		if got := InTestSuite(p); got != want {
			t.Errorf("InTestSuite(%q) = %v, want %v", p, got, want)
		}
	}
}

// HasDir reads git's paths in place and answers what path.Dir and a split
// answer, for those and for any other path.
func TestHasDirAsPathDir(t *testing.T) {
	slow := func(p string, names ...string) bool {
		for _, dir := range strings.Split(path.Dir(p), "/") {
			if slices.Contains(names, dir) {
				return true
			}
		}
		return false
	}
	names := []string{"vendor", "test", "a", "..", "docs"}
	for _, p := range []string{"vendor/x.go", "a/b/vendor/c/d.go", "vendor", "x.go", "src/vendor.go", "a/b/", "a//vendor/x",
		"/vendor/x", "./vendor/x", "a/./test/x", "a/../vendor/x", "../a/x", "..", ".", "", "docs/", "test/a", "lib/tests/a", "a/b/c"} {
		for _, n := range names {
			if got, want := HasDir(p, n), slow(p, n); got != want {
				t.Errorf("HasDir(%q, %q) = %v, path.Dir says %v", p, n, got, want)
			}
		}
		if got, want := HasDir(p, names...), slow(p, names...); got != want {
			t.Errorf("HasDir(%q, %v) = %v, path.Dir says %v", p, names, got, want)
		}
	}
}

// SourceLanguage answers in place what lowering the path answered.
func TestSourceLanguageAsLowered(t *testing.T) {
	lowered := func(p string) string {
		switch strings.ToLower(path.Ext(p)) {
		case ".go":
			return LangGo
		case ".py":
			return LangPython
		case ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts":
			if l := strings.ToLower(p); strings.HasSuffix(l, ".d.ts") || strings.HasSuffix(l, ".d.mts") || strings.HasSuffix(l, ".d.cts") {
				return ""
			}
			return LangJS
		case ".java":
			return LangJava
		case ".rs":
			return LangRust
		}
		return ""
	}
	for _, p := range []string{"a.go", "A.GO", "x/y.Go", "t.py", "T.PY", "m.js", "m.JSX", "c.mjs", "c.cjs", "t.ts", "t.TSX", "t.mts", "t.cts",
		"clsx.d.mts", "index.D.TS", "x.d.cts", "a.java", "A.Java", "l.rs", "L.RS", "README.md", "Makefile", "go", ".go", "x.go.bak",
		"dir.go/file", "ü.go", "x.ſs", "x.\u212as"} {
		if got, want := SourceLanguage(p), lowered(p); got != want {
			t.Errorf("SourceLanguage(%q) = %q, lowered %q", p, got, want)
		}
	}
}
