package dependency

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/finding"
)

// files are whole files by path, at one side of a commit.
type files map[string]string

// commitOf makes a commit that changes every path of before and after
// (added, deleted or modified), whose Source answers with those contents,
// and with tree's for the files the commit leaves as they are: the fake
// of the pipeline's git cat-file reader.
func commitOf(t *testing.T, before, after, tree files) *analyze.CommitDiff {
	t.Helper()
	var paths []string
	for p := range before {
		paths = append(paths, p)
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	var diffs []string
	for _, p := range paths {
		_, old := before[p]
		_, new := after[p]
		switch {
		case strings.HasSuffix(p, ".go"):
			// Code: its real lines, which addsGoImport reads.
			c := difftest.Change{OldPath: p, NewPath: p, Old: before[p], New: after[p]}
			if !old {
				c.OldPath = ""
			}
			if !new {
				c.NewPath = ""
			}
			diffs = append(diffs, difftest.Diff(c))
		case !old:
			diffs = append(diffs, difftest.Added(p, "x"))
		case !new:
			diffs = append(diffs, difftest.Deleted(p, "x"))
		default:
			diffs = append(diffs, difftest.Modified(p, p, difftest.Hunk(1, 1, "-x", "+y")))
		}
	}
	cd := difftest.Commit(t, diffs...)
	cd.Source = func(p string, side analyze.LineKind) ([]byte, bool) {
		at := after
		if side == analyze.Removed {
			at = before
		}
		if s, ok := at[p]; ok {
			return []byte(s), true
		}
		if _, changed := before[p]; changed {
			return nil, false
		}
		if _, changed := after[p]; changed {
			return nil, false
		}
		s, ok := tree[p]
		return []byte(s), ok
	}
	return cd
}

func text(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

func TestDetectDependencies(t *testing.T) {
	tests := []struct {
		name          string
		before, after files
		tree          files
		want          []string // fingerprint | title | path:line excerpt (+N more places)
		resolved      []string // fingerprint -> replaced by
	}{
		// go.mod, read by golang.org/x/mod/modfile.
		{
			name: "go.mod: a new requirement the commit's code imports; indirect ones are not findings (urfave/cli b1c12343's go.mod, and an import of x/sync)",
			before: files{"go.mod": text("module github.com/urfave/cli/v3", "", "go 1.22", "", "require github.com/stretchr/testify v1.11.1", "", "require (", "\tgithub.com/davecgh/go-spew v1.1.1 // indirect", ")"),
				"command.go": text("package cli", "", "import \"context\"")},
			after: files{"command.go": text("package cli", "", "import (", "\t\"context\"", "", "\t\"golang.org/x/sync/errgroup\"", ")"),
				"go.mod": text("module github.com/urfave/cli/v3", "", "go 1.22", "", "require (", "\tgithub.com/stretchr/testify v1.12.0", "\tgolang.org/x/sync v0.7.0", ")", "", "require (", "\tgithub.com/davecgh/go-spew v1.1.1 // indirect", "\tgithub.com/pmezard/go-difflib v1.0.0 // indirect", ")")},
			want: []string{"dependency:golang.org/x/sync:v0 | Review the new dependency golang.org/x/sync | go.mod:7 golang.org/x/sync v0.7.0"},
		},
		{
			name:     "go.mod: a /vN path is a major upgrade, handed over from the previous major (this repository's go-github)",
			before:   files{"go.mod": text("module m", "", "require github.com/google/go-github/v62 v62.0.0")},
			after:    files{"go.mod": text("module m", "", "require github.com/google/go-github/v63 v63.0.0")},
			want:     []string{"dependency:github.com/google/go-github:v63 | Review the upgrade of github.com/google/go-github/v63 from v62 to v63 | go.mod:3 require github.com/google/go-github/v63 v63.0.0"},
			resolved: []string{"dependency:github.com/google/go-github:v62 -> dependency:github.com/google/go-github:v63", "dependency:github.com/google/go-github: (family)"},
		},
		{
			name:   "go.mod: indirect to direct, minor bumps, the go line are not findings",
			before: files{"go.mod": text("module m", "", "go 1.21", "", "require (", "\tgithub.com/fsnotify/fsnotify v1.9.0", "\tgolang.org/x/sys v0.49.0 // indirect", ")")},
			after:  files{"go.mod": text("module m", "", "go 1.22", "", "require (", "\tgithub.com/fsnotify/fsnotify v1.10.1", "\tgolang.org/x/sys v0.50.0", ")")},
		},
		{
			name: "go.mod: a new module requiring the project's own module through a local replace (urfave/cli f5d08844 docs/go.mod)",
			after: files{"docs/go.mod": text("module github.com/urfave/cli/docs/v3", "", "go 1.23.2", "", "replace github.com/urfave/cli/v3 => ../", "",
				"require (", "\tgithub.com/urfave/cli-altsrc/v3 v3.0.1", "\tgithub.com/urfave/cli/v3 v3.1.1", ")")},
			// "Restore docs/go.mod": the docs' code imported cli-altsrc
			// already, and the commit adds none; the project's own module
			// is no dependency either.
		},
		{
			name:   "go.mod: a module of the same repository is the project's own (hashicorp/golang-lru 1154eab arc/go.mod)",
			before: files{"arc/go.mod": text("module github.com/hashicorp/golang-lru/arc/v2", "", "go 1.18")},
			after: files{"arc/go.mod": text("module github.com/hashicorp/golang-lru/arc/v2", "", "go 1.18", "", "require github.com/hashicorp/golang-lru/v2 v2.0.7"),
				"arc/arc.go": text("package arc", "", "import \"github.com/hashicorp/golang-lru/v2/simplelru\"")},
		},
		{
			// sftpfs/ had imported pkg/sftp since 2015: go.mod catches up.
			name:   "go.mod: a requirement no code of the commit imports is no new dependency (spf13/afero e016ffb)",
			before: files{"go.mod": text("module github.com/spf13/afero", "", "require golang.org/x/text v0.3.0")},
			after:  files{"go.mod": text("module github.com/spf13/afero", "", "require (", "\tgithub.com/pkg/sftp v1.10.1", "\tgolang.org/x/text v0.3.0", ")")},
		},
		{
			// goldie_test.go had imported testify since 2016; vendor/'s
			// testify/require imports testify/assert.
			name:   "go.mod: an import by vendored code is no new dependency (sebdah/goldie 0657d15)",
			before: files{"goldie_test.go": text("package goldie", "", "import (", "\t\"github.com/stretchr/testify/assert\"", ")")},
			after: files{"go.mod": text("module github.com/sebdah/goldie", "", "require github.com/stretchr/testify v1.3.0"),
				"goldie_test.go": text("package goldie", "", "import (", "\t\"github.com/stretchr/testify/assert\"", ")"),
				"vendor/github.com/stretchr/testify/require/require.go": text("package require", "", "import (", "\tassert \"github.com/stretchr/testify/assert\"", ")")},
		},
		{
			// The test imported the v1 path before: the module was used.
			name:   "go.mod: an import re-versioned to /v2 as the first go.mod requires it is no new dependency (go-kit/kit eed6ce2)",
			before: files{"transport/nats/subscriber_test.go": text("package nats_test", "", "import (", "\t\"github.com/nats-io/nats-server/server\"", ")")},
			after: files{"go.mod": text("module github.com/go-kit/kit", "", "require github.com/nats-io/nats-server/v2 v2.1.0"),
				"transport/nats/subscriber_test.go": text("package nats_test", "", "import (", "\t\"github.com/nats-io/nats-server/v2/server\"", ")")},
		},
		{
			name:   "go.mod: a module the commit's code starts to import is new",
			before: files{"transport/nats/subscriber_test.go": text("package nats_test", "", "import (", "\t\"testing\"", ")")},
			after: files{"go.mod": text("module github.com/go-kit/kit", "", "require github.com/nats-io/nats-server/v2 v2.1.0"),
				"transport/nats/subscriber_test.go": text("package nats_test", "", "import (", "\t\"testing\"", "", "\t\"github.com/nats-io/nats-server/v2/server\"", ")")},
			want: []string{"dependency:github.com/nats-io/nats-server:v2 | Review the new dependency github.com/nats-io/nats-server/v2 | go.mod:3 require github.com/nats-io/nats-server/v2 v2.1.0"},
		},

		// package.json, read by encoding/json.
		{
			name:   "package.json: a new devDependency (axios/axios a3ff99b5)",
			before: files{"package.json": text(`{`, `  "name": "axios",`, `  "devDependencies": {`, `    "terser-webpack-plugin": "^4.2.3",`, `    "typescript": "^4.9.5"`, `  }`, `}`)},
			after:  files{"package.json": text(`{`, `  "name": "axios",`, `  "devDependencies": {`, `    "terser-webpack-plugin": "^4.2.3",`, `    "typescript": "^4.9.5",`, `    "@rollup/plugin-alias": "^5.1.0"`, `  }`, `}`)},
			want:   []string{`dependency:@rollup/plugin-alias:v5 | Review the new dependency @rollup/plugin-alias | package.json:6 "@rollup/plugin-alias": "^5.1.0"`},
		},
		{
			name:   "package.json: minor bumps are not findings (axios/axios d8442274)",
			before: files{"package.json": text(`{`, `  "devDependencies": {`, `    "@babel/core": "^7.18.2",`, `    "chalk": "^5.2.0",`, `    "eslint": "^8.17.0"`, `  }`, `}`)},
			after:  files{"package.json": text(`{`, `  "devDependencies": {`, `    "@babel/core": "^7.23.9",`, `    "chalk": "^5.3.0",`, `    "eslint": "^8.56.0"`, `  }`, `}`)},
		},
		{
			name:   "package.json: moving between dependencies and devDependencies is not adding; reordering is nothing",
			before: files{"package.json": text(`{`, `  "dependencies": {`, `    "follow-redirects": "^1.15.6",`, `    "form-data": "^4.0.0"`, `  },`, `  "devDependencies": {`, `    "chalk": "^5.2.0"`, `  }`, `}`)},
			after:  files{"package.json": text(`{`, `  "dependencies": {`, `    "form-data": "^4.0.0",`, `    "chalk": "^5.2.0"`, `  },`, `  "devDependencies": {`, `    "follow-redirects": "^1.15.6"`, `  }`, `}`)},
		},
		{
			// briannesbitt/Carbon 8721177 and 5e09d4f: support for the next
			// major added beside the ones allowed.
			name:   "composer.json: a range widened to the next major is no upgrade",
			before: files{"composer.json": text(`{`, `  "require": {`, `    "symfony/clock": "^6.3.12 || ^7.0"`, `  },`, `  "require-dev": {`, `    "squizlabs/php_codesniffer": "^3.13.4"`, `  }`, `}`)},
			after:  files{"composer.json": text(`{`, `  "require": {`, `    "symfony/clock": "^6.3.12 || ^7.0 || ^8.0"`, `  },`, `  "require-dev": {`, `    "squizlabs/php_codesniffer": "^3.13.4 || ^4.0.0"`, `  }`, `}`)},
		},
		{
			name:     "package.json: a range that leaves the old major is an upgrade",
			before:   files{"package.json": text(`{`, `  "dependencies": {`, `    "chalk": "^4.1.0"`, `  }`, `}`)},
			after:    files{"package.json": text(`{`, `  "dependencies": {`, `    "chalk": "^5.0.0 || ^6.0.0"`, `  }`, `}`)},
			want:     []string{`dependency:chalk:v6 | Review the upgrade of chalk from v4 to v6 | package.json:3 "chalk": "^5.0.0 || ^6.0.0"`},
			resolved: []string{"dependency:chalk:v4 -> dependency:chalk:v6", "dependency:chalk: (family)"},
		},
		{
			name:   "package.json: a 0.x minor is a major for npm; a downgrade is not an upgrade (prettier/prettier e79f6b74)",
			before: files{"package.json": text(`{`, `  "dependencies": {`, `    "yuku-parser": "0.7.4",`, `    "react": "^18.2.0"`, `  }`, `}`)},
			after:  files{"package.json": text(`{`, `  "dependencies": {`, `    "yuku-parser": "0.8.0",`, `    "react": "^17.0.2"`, `  }`, `}`)},
			want:   []string{`dependency:yuku-parser:v0.8 | Review the upgrade of yuku-parser from v0.7 to v0.8 | package.json:3 "yuku-parser": "0.8.0",`},
			// Back at v17, the project no longer has the v18 a finding may
			// speak of.
			resolved: []string{"dependency:react:v18", "dependency:yuku-parser:v0.7 -> dependency:yuku-parser:v0.8", "dependency:yuku-parser: (family)"},
		},
		{
			// zap 212dcb9 "Use yaml.v3": yaml.v2 dropped, the indirect
			// yaml.v3 made direct. An upgrade from the version declared,
			// whatever the references say.
			name: "go.mod: a major replacing another listed as indirect is an upgrade (uber-go/zap 212dcb9)",
			before: files{"go.mod": text("module go.uber.org/zap", "", "go 1.13", "", "require (", "\tgopkg.in/yaml.v2 v2.2.8", ")", "",
				"require gopkg.in/yaml.v3 v3.0.0-20210107192922-496545a6307b // indirect")},
			after:    files{"go.mod": text("module go.uber.org/zap", "", "go 1.13", "", "require (", "\tgopkg.in/yaml.v3 v3.0.0-20210107192922-496545a6307b", ")")},
			want:     []string{"dependency:gopkg.in/yaml:v3 | Review the upgrade of gopkg.in/yaml.v3 from v2 to v3 | go.mod:6 gopkg.in/yaml.v3 v3.0.0-20210107192922-496545a6307b"},
			resolved: []string{"dependency:gopkg.in/yaml:v2 -> dependency:gopkg.in/yaml:v3", "dependency:gopkg.in/yaml: (family)"},
		},
		{
			name:     "go.mod: a major dropped beside one kept resolves its findings",
			before:   files{"go.mod": text("module example.com/a", "", "go 1.22", "", "require (", "\tgopkg.in/yaml.v2 v2.2.8", "\tgopkg.in/yaml.v3 v3.0.1", ")")},
			after:    files{"go.mod": text("module example.com/a", "", "go 1.22", "", "require (", "\tgopkg.in/yaml.v3 v3.0.1", ")")},
			resolved: []string{"dependency:gopkg.in/yaml:v2"},
		},
		{
			name:   "package.json: a workspace member adding what the root has already, and a workspace package, are not new",
			before: files{"packages/core/package.json": text(`{`, `  "name": "@x/core",`, `  "dependencies": {}`, `}`)},
			after:  files{"packages/core/package.json": text(`{`, `  "name": "@x/core",`, `  "dependencies": {`, `    "typescript": "^5.4.0",`, `    "@x/util": "workspace:*"`, `  }`, `}`)},
			tree:   files{"package.json": text(`{`, `  "devDependencies": {`, `    "typescript": "^5.4.0"`, `  }`, `}`)},
		},
		{
			name:  "package.json: a test fixture's manifest is not the repository's (axios/axios 7a2f901f)",
			after: files{"test/module/typings/cjs/package.json": text(`{`, `  "devDependencies": {`, `    "@types/node": "^18.11.3"`, `  }`, `}`)},
		},

		// requirements files, setup.py, setup.cfg, pyproject.toml.
		{
			name:     "requirements: a major upgrade of a documentation tool (psf/requests 8fa43023)",
			before:   files{"docs/requirements.txt": text("# Pinning to avoid unexpected breakages.", "# Used by RTD to generate docs.", "Sphinx==4.2.0")},
			after:    files{"docs/requirements.txt": text("# Pinning to avoid unexpected breakages.", "# Used by RTD to generate docs.", "Sphinx==7.2.6")},
			want:     []string{"dependency:sphinx:v7 | Review the upgrade of Sphinx from v4 to v7 | docs/requirements.txt:3 Sphinx==7.2.6"},
			resolved: []string{"dependency:sphinx:v4 -> dependency:sphinx:v7", "dependency:sphinx: (family)"},
		},
		{
			name:   "requirements: names compared as PyPI does (PEP 503), options and comments skipped",
			before: files{"requirements.txt": text("Flask>=2.2", "-r base.txt")},
			after:  files{"requirements.txt": text("flask>=2.3  # web", "-r base.txt", "--index-url https://example.org/simple", "pydantic[email]~=2.5 ; python_version >= '3.8' \\", "    --hash=sha256:abc")},
			want:   []string{"dependency:pydantic:v2 | Review the new dependency pydantic | requirements.txt:4 pydantic[email]~=2.5 ; python_version >= '3.8' \\"},
		},
		{
			name:   "requirements: a file pip-compile generated is a lock file (python/mypy test-requirements.txt)",
			before: files{"test-requirements.txt": text("#", "# This file is autogenerated by pip-compile with Python 3.14", "# by the following command:", "#", "#    pip-compile --output-file=test-requirements.txt test-requirements.in", "#", "attrs==23.2.0", "pytest==7.4.4")},
			after:  files{"test-requirements.txt": text("#", "# This file is autogenerated by pip-compile with Python 3.14", "# by the following command:", "#", "#    pip-compile --output-file=test-requirements.txt test-requirements.in", "#", "attrs==25.3.0", "pytest==8.3.5", "pluggy==1.5.0")},
		},
		{
			// The doc toolchain's pip freeze: mkdocs's own dependencies
			// pinned beside it (trimmed to 7 of its 45 lines).
			name:   "requirements: the documentation's pip freeze is a lock file (nlohmann/json a6ee8bf9d doc/mkdocs/requirements.txt)",
			before: files{"doc/mkdocs/requirements.txt": text("click>=7.1.2", "future>=0.18.2", "htmlmin>=0.1.12", "Jinja2>=2.11.2", "mkdocs>=1.1.2")},
			after: files{"doc/mkdocs/requirements.txt": text("Babel==2.10.1", "certifi==2021.10.8", "click==8.1.2", "future==0.18.2",
				"htmlmin==0.1.12", "Jinja2==3.1.1", "mkdocs==1.3.0", "smmap==5.0.0")},
		},
		{
			name:   "requirements: pinned with == but not frozen (fewer than five), still read (psf/requests 8fa43023 style)",
			before: files{"docs/requirements.txt": text("Sphinx==4.2.0", "furo==2022.1.2")},
			after:  files{"docs/requirements.txt": text("Sphinx==4.2.0", "furo==2022.1.2", "myst-parser==2.0.0")},
			want:   []string{"dependency:myst-parser:v2 | Review the new dependency myst-parser | docs/requirements.txt:3 myst-parser==2.0.0"},
		},
		{
			name: "python: moving from setup.py and setup.cfg to pyproject.toml adds nothing (psf/requests cb2c8005)",
			before: files{
				"setup.py": text(`requires = [`, `    "charset_normalizer>=2,<4",`, `    "idna>=2.5,<4",`, `    "urllib3>=1.21.1,<3",`, `    "certifi>=2017.4.17",`, `]`,
					`test_requirements = [`, `    "pytest-httpbin==2.1.0",`, `    "PySocks>=1.5.6, !=1.5.7",`, `    "pytest>=3",`, `]`,
					`setup(`, `    python_requires=">=3.9",`, `    install_requires=requires,`, `    extras_require={`, `        "security": [],`, `        "socks": ["PySocks>=1.5.6, !=1.5.7"],`, `        "use_chardet_on_py3": ["chardet>=3.0.2,<6"],`, `    },`, `)`),
				"setup.cfg": text("[metadata]", "license_file = LICENSE", "requires-dist =", "    certifi>=2017.4.17", "    charset_normalizer>=2,<4"),
			},
			after: files{
				"setup.py": text(`from setuptools import setup`, `setup()`),
				"pyproject.toml": text(`[project]`, `name = "requests"`, `dependencies = [`, `    "charset_normalizer>=2,<4",`, `    "idna>=2.5,<4",`, `    "urllib3>=1.21.1,<3",`, `    "certifi>=2017.4.17"`, `]`,
					`[project.optional-dependencies]`, `security = []`, `socks = ["PySocks>=1.5.6, !=1.5.7"]`, `use_chardet_on_py3 = ["chardet>=3.0.2,<6"]`,
					`test = [`, `    "pytest-httpbin==2.1.0",`, `    "PySocks>=1.5.6, !=1.5.7",`, `    "pytest>=3"`, `]`),
			},
			// Their findings, if any, follow them there.
			resolved: []string{"dependency:certifi:calver moves setup.cfg -> pyproject.toml", "dependency:certifi:calver moves setup.py -> pyproject.toml", "dependency:chardet:v3 moves setup.py -> pyproject.toml", "dependency:charset-normalizer:v2 moves setup.cfg -> pyproject.toml", "dependency:charset-normalizer:v2 moves setup.py -> pyproject.toml", "dependency:idna:v2 moves setup.py -> pyproject.toml", "dependency:pysocks:v1 moves setup.py -> pyproject.toml", "dependency:pytest:v3 moves setup.py -> pyproject.toml", "dependency:pytest-httpbin:v2 moves setup.py -> pyproject.toml", "dependency:urllib3:v1 moves setup.py -> pyproject.toml"},
		},
		{
			name:   "npm: the evidence is a place of the highest major, not the first path (micromatch/micromatch ec0fc55)",
			before: files{"package.json": text(`{`, `  "dependencies": {`, `    "extglob": "^1.0.0"`, `  }`, `}`)},
			after: files{"package.json": text(`{`, `  "dependencies": {`, `    "braces": "^2.0.1",`, `    "extglob": "^1.0.0"`, `  }`, `}`),
				"benchmark/package.json": text(`{`, `  "devDependencies": {`, `    "braces": "^1.8.5"`, `  }`, `}`)},
			want: []string{"dependency:braces:v2 | Review the new dependency braces | package.json:3 \"braces\": \"^2.0.1\", (+1 more places)"},
		},
		{
			name:   "composer: dropping the old alternative of \"^1.12|^2.0\" is no upgrade (thephpleague/oauth2-server 60c2933d)",
			before: files{"composer.json": text(`{`, `  "require-dev": {`, `    "phpstan/phpstan": "^1.12|^2.0"`, `  }`, `}`)},
			after:  files{"composer.json": text(`{`, `  "require-dev": {`, `    "phpstan/phpstan": "^2.0"`, `  }`, `}`)},
		},
		{
			name:     "composer: a range narrowed to one of its majors is no upgrade (thephpleague/oauth2-server 15df74f2)",
			before:   files{"composer.json": text(`{`, `  "require-dev": {`, `    "phpunit/phpunit": "^10.5|^11.5|^12.0"`, `  }`, `}`)},
			after:    files{"composer.json": text(`{`, `  "require-dev": {`, `    "phpunit/phpunit": "^11.5.50"`, `  }`, `}`)},
			resolved: []string{"dependency:phpunit/phpunit:v12"},
		},
		{
			name:     "composer: an upgrade past every alternative is one",
			before:   files{"composer.json": text(`{`, `  "require-dev": {`, `    "phpunit/phpunit": "^9.6|^10.5"`, `  }`, `}`)},
			after:    files{"composer.json": text(`{`, `  "require-dev": {`, `    "phpunit/phpunit": "^11.5"`, `  }`, `}`)},
			want:     []string{`dependency:phpunit/phpunit:v11 | Review the upgrade of phpunit/phpunit from v10 to v11 | composer.json:3 "phpunit/phpunit": "^11.5"`},
			resolved: []string{"dependency:phpunit/phpunit:v10 -> dependency:phpunit/phpunit:v11", "dependency:phpunit/phpunit: (family)"},
		},
		{
			name:     "poetry: a range whose ceiling admitted the new major is no upgrade (python-poetry/cleo 016e0d2)",
			before:   files{"pyproject.toml": text(`[tool.poetry.group.dev.dependencies]`, `pytest = "^7.1.2"`, `mypy = ">=0.990,<1.5"`)},
			after:    files{"pyproject.toml": text(`[tool.poetry.group.dev.dependencies]`, `pytest = "^7.1.2"`, `mypy = "^1.5"`)},
			resolved: []string{"dependency:mypy:v0.990"},
		},
		{
			name:     "poetry: a ceiling below the new major leaves it an upgrade",
			before:   files{"pyproject.toml": text(`[tool.poetry.group.dev.dependencies]`, `mypy = ">=0.990,<1"`)},
			after:    files{"pyproject.toml": text(`[tool.poetry.group.dev.dependencies]`, `mypy = "^1.5"`)},
			want:     []string{`dependency:mypy:v1 | Review the upgrade of mypy from v0.990 to v1 | pyproject.toml:2 mypy = "^1.5"`},
			resolved: []string{"dependency:mypy:v0.990 -> dependency:mypy:v1", "dependency:mypy: (family)"},
		},
		{
			name:     "composer: a short plain name under another owner is another package (thephpleague/oauth2-server 330a4c27)",
			before:   files{"composer.json": text(`{`, `  "require": {`, `    "lcobucci/clock": "^3.3"`, `  }`, `}`)},
			after:    files{"composer.json": text(`{`, `  "require": {`, `    "psr/clock": "^1.0"`, `  }`, `}`)},
			want:     []string{`dependency:psr/clock:v1 | Review the new dependency psr/clock | composer.json:3 "psr/clock": "^1.0"`},
			resolved: []string{"dependency:lcobucci/clock: (family)"},
		},
		{
			// ramsey/uuid 323a608: the linter's renamed successor.
			name:   "composer: a package renamed to another owner replaces it, it is no new dependency (ramsey/uuid 323a608)",
			before: files{"composer.json": text(`{`, `  "require-dev": {`, `    "jakub-onderka/php-parallel-lint": "^1",`, `    "phpunit/phpunit": "^8.5"`, `  }`, `}`)},
			after:  files{"composer.json": text(`{`, `  "require-dev": {`, `    "php-parallel-lint/php-parallel-lint": "^1.1",`, `    "phpunit/phpunit": "^8.5",`, `    "php-mock/php-mock": "^2.2"`, `  }`, `}`)},
			want: []string{"dependency:php-parallel-lint/php-parallel-lint:v1 | Review the renamed dependency php-parallel-lint/php-parallel-lint | composer.json:3 \"php-parallel-lint/php-parallel-lint\": \"^1.1\",",
				"dependency:php-mock/php-mock:v2 | Review the new dependency php-mock/php-mock | composer.json:5 \"php-mock/php-mock\": \"^2.2\""},
			resolved: []string{"dependency:jakub-onderka/php-parallel-lint: (family)"},
		},
		{
			// spf13/cobra 88b30ab: the YAML library's new home, one major.
			name: "go.mod: a module moved to another host at its major is renamed, no new dependency (spf13/cobra 88b30ab)",
			before: files{"go.mod": text("module github.com/spf13/cobra", "", "go 1.15", "", "require (", "\tgithub.com/spf13/pflag v1.0.9", "\tgopkg.in/yaml.v3 v3.0.1", ")"),
				"doc/yaml_docs.go": text("package doc", "", "import (", "\t\"gopkg.in/yaml.v3\"", ")")},
			after: files{"go.mod": text("module github.com/spf13/cobra", "", "go 1.15", "", "require (", "\tgithub.com/spf13/pflag v1.0.9", "\tgo.yaml.in/yaml/v3 v3.0.4", ")"),
				"doc/yaml_docs.go": text("package doc", "", "import (", "\t\"go.yaml.in/yaml/v3\"", ")")},
			want:     []string{"dependency:go.yaml.in/yaml:v3 | Review the renamed dependency go.yaml.in/yaml/v3 | go.mod:7 go.yaml.in/yaml/v3 v3.0.4"},
			resolved: []string{"dependency:gopkg.in/yaml: (family)"},
		},
		{
			// charmbracelet/gum f6dd28e "chore: update to bubbletea v2".
			name: "go.mod: a family of modules moved to a new home at a new major is renamed, no new dependency (charmbracelet/gum f6dd28e)",
			before: files{"go.mod": text("module github.com/charmbracelet/gum", "", "go 1.24", "", "require (",
				"\tgithub.com/charmbracelet/bubbles v1.0.0", "\tgithub.com/charmbracelet/log v1.0.0", "\tgithub.com/alecthomas/kong v1.12.1", ")"),
				"main.go": text("package main", "", "import (", "\t\"github.com/charmbracelet/bubbles/spinner\"", "\t\"github.com/charmbracelet/log\"", ")")},
			after: files{"go.mod": text("module github.com/charmbracelet/gum", "", "go 1.24", "", "require (",
				"\tcharm.land/bubbles/v2 v2.1.1", "\tcharm.land/log/v2 v2.0.0", "\tgithub.com/alecthomas/kong v1.12.1", "\tgithub.com/other/log v1.0.0", ")"),
				"main.go": text("package main", "", "import (", "\t\"charm.land/bubbles/v2/spinner\"", "\t\"charm.land/log/v2\"", "\t\"github.com/other/log\"", ")")},
			want: []string{"dependency:charm.land/bubbles:v2 | Review the renamed dependency charm.land/bubbles/v2 | go.mod:6 charm.land/bubbles/v2 v2.1.1",
				"dependency:charm.land/log:v2 | Review the renamed dependency charm.land/log/v2 | go.mod:7 charm.land/log/v2 v2.0.0",
				"dependency:github.com/other/log:v1 | Review the new dependency github.com/other/log | go.mod:9 github.com/other/log v1.0.0"},
			resolved: []string{"dependency:github.com/charmbracelet/bubbles: (family)", "dependency:github.com/charmbracelet/log: (family)"},
		},
		{
			// gorilla/websocket 1d54655 "Unbundle x/net/proxy".
			name: "go.mod: a module whose package the commit unbundles is no new dependency (gorilla/websocket 1d54655)",
			before: files{"go.mod": text("module github.com/gorilla/websocket", "", "go 1.20"),
				"x_net_proxy.go": text("// Code generated by golang.org/x/tools/cmd/bundle. DO NOT EDIT.", "//go:generate bundle -o x_net_proxy.go golang.org/x/net/proxy", "", "package websocket"),
				"proxy.go":       text("package websocket", "", "import (", "\t\"net/url\"", ")")},
			after: files{"go.mod": text("module github.com/gorilla/websocket", "", "go 1.20", "", "require golang.org/x/net v0.26.0"),
				"proxy.go": text("package websocket", "", "import (", "\t\"net/url\"", "", "\t\"golang.org/x/net/proxy\"", ")")},
		},
		{
			name: "go.mod: a short name at another major under another host is another module",
			before: files{"go.mod": text("module example.com/m", "", "go 1.22", "", "require (", "\tgithub.com/a/log/v2 v2.0.1", ")"),
				"x.go": text("package m", "", "import (", "\t\"github.com/a/log/v2\"", ")")},
			after: files{"go.mod": text("module example.com/m", "", "go 1.22", "", "require (", "\tgithub.com/b/log/v3 v3.0.0", ")"),
				"x.go": text("package m", "", "import (", "\t\"github.com/b/log/v3\"", ")")},
			want:     []string{"dependency:github.com/b/log:v3 | Review the new dependency github.com/b/log/v3 | go.mod:6 github.com/b/log/v3 v3.0.0"},
			resolved: []string{"dependency:github.com/a/log: (family)"},
		},
		{
			// simonw/sqlite-utils 02e56d1 went back from the wheel-only
			// build of click-default-group to the original (round 80).
			name:     "python: a package's variant swapped for it is renamed, no new dependency (simonw/sqlite-utils 02e56d1)",
			before:   files{"setup.py": text(`setup(`, `    install_requires=[`, `        "click",`, `        "click-default-group-wheel",`, `    ],`, `)`)},
			after:    files{"setup.py": text(`setup(`, `    install_requires=[`, `        "click",`, `        "click-default-group>=1.2.3",`, `    ],`, `)`)},
			want:     []string{`dependency:click-default-group:v1 | Review the renamed dependency click-default-group | setup.py:4 "click-default-group>=1.2.3",`},
			resolved: []string{"dependency:click-default-group-wheel: (family)"},
		},
		{
			name:   "requirements: a line that only excludes a release is a constraint, not a new dependency (dateutil/dateutil aa1e283)",
			before: files{"requirements-dev.txt": text("six", "pytest >= 3.0")},
			after:  files{"requirements-dev.txt": text("six", "pytest >= 3.0", "attrs!=21.1.0", "hypothesis != 6.1, >= 5")},
			want:   []string{"dependency:hypothesis:v5 | Review the new dependency hypothesis | requirements-dev.txt:4 hypothesis != 6.1, >= 5"},
		},
		{
			// mozilla/bleach 6a18584: setup.py's EXTRAS_REQUIRE["dev"] pins
			// went into requirements-dev.txt; eleven "new dependency"
			// lines in round 68, setup.py's upper-case lists unread.
			name: "python: setup.py's lists in upper-case names are read, and moving out of them adds nothing (mozilla/bleach 6a18584)",
			before: files{
				"setup.py": text(`INSTALL_REQUIRES = [`, `    "six>=1.9.0",`, `]`, `EXTRAS_REQUIRE = {`, `    "css": [`, `        "tinycss2>=1.1.0,<1.2",`, `    ],`, `    "dev": [`, `        "black==22.3.0; implementation_name == 'cpython'",`, `        "wheel==0.37.1",`, `    ],`, `}`,
					`setup(`, `    install_requires=INSTALL_REQUIRES,`, `    extras_require=EXTRAS_REQUIRE,`, `)`),
			},
			after: files{
				"setup.py": text(`INSTALL_REQUIRES = [`, `    "six>=1.9.0",`, `]`, `EXTRAS_REQUIRE = {`, `    "css": [`, `        "tinycss2>=1.1.0,<1.2",`, `    ],`, `}`,
					`setup(`, `    install_requires=INSTALL_REQUIRES,`, `    extras_require=EXTRAS_REQUIRE,`, `)`),
				"requirements-dev.txt": text("-e .", "black==22.3.0; implementation_name == 'cpython'", "wheel==0.37.1"),
			},
			resolved: []string{"dependency:black:v22 moves setup.py -> requirements-dev.txt", "dependency:wheel:v0 moves setup.py -> requirements-dev.txt"},
		},
		{
			// marshmallow-code/apispec 76825fc "Migrate to pyproject.toml".
			name: "python: a requirement setup.py binds as one string, moved to pyproject.toml, adds nothing (marshmallow-code/apispec 76825fc)",
			before: files{
				"setup.py": text(`from setuptools import setup`, ``, `INSTALL_REQUIRES = "packaging>=21.3"`, ``, `setup(`, `    name="apispec",`, `    install_requires=INSTALL_REQUIRES,`, `)`),
			},
			after: files{
				"pyproject.toml": text(`[project]`, `name = "apispec"`, `dependencies = ["packaging>=21.3"]`),
			},
			resolved: []string{"dependency:packaging:v21 moves setup.py -> pyproject.toml"},
		},
		{
			name: "python: Flit's metadata moved to [project] adds nothing (tiangolo/typer 207e868)",
			before: files{"pyproject.toml": text(`[tool.flit.metadata]`, `module = "typer"`, `requires = [`, `    "click >= 7.1.1, <9.0.0",`, `    "typing-extensions >= 3.7.4.3",`, `]`,
				`[tool.flit.metadata.requires-extra]`, `all = [`, `    "shellingham >=1.3.0,<2.0.0",`, `    "rich >=10.11.0,<14.0.0",`, `]`)},
			after: files{"pyproject.toml": text(`[project]`, `name = "typer"`, `dependencies = [`, `    "click >= 7.1.1, <9.0.0",`, `    "typing-extensions >= 3.7.4.3",`, `]`,
				`[project.optional-dependencies]`, `all = [`, `    "shellingham >=1.3.0,<2.0.0",`, `    "rich >=10.11.0,<14.0.0",`, `]`)},
		},
		{
			// marshmallow-code/webargs 0917b88 "Dev chores": setup.py's
			// FRAMEWORKS list, named in its extras, became pyproject.toml's
			// frameworks extra; four drafts said Django, tornado, pyramid
			// and falcon were new (round 77, wrong).
			name: "python: a list setup.py's extras name by its variable is read (marshmallow-code/webargs 0917b88)",
			before: files{
				"setup.py": text(`FRAMEWORKS = [`, `    "Flask>=0.12.5",`, `    "Django>=2.2.0",`, `]`, `EXTRAS_REQUIRE = {`, `    "frameworks": FRAMEWORKS,`,
					`    "tests": ["pytest"] + FRAMEWORKS,`, `}`, `setup(install_requires=["marshmallow>=3.0.0"], extras_require=EXTRAS_REQUIRE)`),
			},
			after: files{
				"pyproject.toml": text(`[project]`, `name = "webargs"`, `dependencies = ["marshmallow>=3.0.0"]`, `[project.optional-dependencies]`,
					`frameworks = ["Flask>=0.12.5", "Django>=2.2.0"]`, `tests = ["pytest", "webargs[frameworks]"]`),
			},
			resolved: []string{"dependency:django:v2 moves setup.py -> pyproject.toml", "dependency:flask:v0 moves setup.py -> pyproject.toml", "dependency:marshmallow:v3 moves setup.py -> pyproject.toml", "dependency:pytest:any moves setup.py -> pyproject.toml"},
		},
		{
			name:   "python: test_requirements.txt folded into pyproject.toml's groups carries the findings there (psf/black b41acd6)",
			before: files{"test_requirements.txt": text("coverage >= 5.3", "pre-commit", "pytest >= 7", "pytest-xdist >= 3.0.2", "pytest-cov >= 4.1.0", "tox"), "pyproject.toml": text(`[project]`, `name = "black"`)},
			after: files{"pyproject.toml": text(`[project]`, `name = "black"`, `[dependency-groups]`, `dev = [{ include-group = "cov-tests" }, { include-group = "tox" }, "pre-commit"]`,
				`cov-tests = [{ include-group = "coverage" }, "pytest-cov>=4.1.0"]`, `tox = ["tox>=4.22"]`, `tests = ["pytest>=7", "pytest-xdist>=3.0.2"]`, `coverage = ["coverage>=5.3"]`)},
			resolved: []string{"dependency:coverage:v5 moves test_requirements.txt -> pyproject.toml", "dependency:pre-commit:any moves test_requirements.txt -> pyproject.toml", "dependency:pytest:v7 moves test_requirements.txt -> pyproject.toml", "dependency:pytest-cov:v4 moves test_requirements.txt -> pyproject.toml", "dependency:pytest-xdist:v3 moves test_requirements.txt -> pyproject.toml", "dependency:tox:any moves test_requirements.txt -> pyproject.toml"},
		},
		{
			// pallets/quart 95a9ac3 "pin development dependencies": the docs
			// requirements went into requirements/docs.in and its compiled
			// pins; the finding follows the declaration, not the pins.
			name:   "requirements: a dependency moved is carried to where it is declared, not to a generated pin file",
			before: files{"docs/requirements.txt": text("pydata_sphinx_theme", "sphinx")},
			after: files{"requirements/docs.in": text("pydata-sphinx-theme", "sphinx"),
				"requirements/dev.txt": text("# This file was autogenerated by uv via the following command:", "#    uv pip compile dev.in -o dev.txt", "pydata-sphinx-theme==0.16.0", "sphinx==8.1.3")},
			resolved: []string{"dependency:pydata-sphinx-theme:any moves docs/requirements.txt -> requirements/docs.in", "dependency:sphinx:any moves docs/requirements.txt -> requirements/docs.in"},
		},
		{
			name:   "Cargo.toml: the crate listing itself (a dev-dependency with features) is no dependency; a new one is",
			before: files{"Cargo.toml": text(`[package]`, `name = "serde_json"`, `version = "1.0.0"`)},
			after:  files{"Cargo.toml": text(`[package]`, `name = "serde_json"`, `version = "1.0.0"`, ``, `[dev-dependencies]`, `serde_json = { version = "1", features = ["raw_value"] }`, `trybuild = "1.0"`)},
			want:   []string{`dependency:trybuild:v1 | Review the new dependency trybuild | Cargo.toml:7 trybuild = "1.0"`},
		},
		{
			name:   "pyproject: the project listing itself is no dependency (psf/requests 7407309c); a new group entry is",
			before: files{"pyproject.toml": text(`[project]`, `name = "requests"`, `[dependency-groups]`, `test = [`, `    "pytest-httpbin==2.1.0",`, `]`)},
			after:  files{"pyproject.toml": text(`[project]`, `name = "requests"`, `[dependency-groups]`, `test = [`, `    "requests[socks]",`, `    "pytest-httpbin==2.1.0",`, `    "trustme",`, `]`)},
			want:   []string{`dependency:trustme:any | Review the new dependency trustme | pyproject.toml:7 "trustme",`},
		},
		{
			name:     "pyproject: a calendar version is not a major upgrade (certifi, as psf/requests pins it)",
			before:   files{"pyproject.toml": text(`[project]`, `dependencies = ["certifi>=2017.4.17", "black==23.12.1"]`)},
			after:    files{"pyproject.toml": text(`[project]`, `dependencies = ["certifi>=2024.2.2", "black==24.1.0"]`)},
			want:     []string{`dependency:black:v24 | Review the upgrade of black from v23 to v24 | pyproject.toml:2 dependencies = ["certifi>=2024.2.2", "black==24.1.0"]`},
			resolved: []string{"dependency:black:v23 -> dependency:black:v24", "dependency:black: (family)"},
		},
		{
			name:   "pyproject: Poetry tables; python is the interpreter, a path dependency the project's own",
			before: files{"pyproject.toml": text(`[tool.poetry.dependencies]`, `python = "^3.9"`, `Django = "^4.2"`)},
			after:  files{"pyproject.toml": text(`[tool.poetry.dependencies]`, `python = "^3.10"`, `Django = "^5.0"`, `celery = { version = "^5.3", extras = ["redis"] }`, `mylib = { path = "../mylib" }`)},
			want: []string{
				`dependency:django:v5 | Review the upgrade of Django from v4 to v5 | pyproject.toml:3 Django = "^5.0"`,
				`dependency:celery:v5 | Review the new dependency celery | pyproject.toml:4 celery = { version = "^5.3", extras = ["redis"] }`,
			},
			resolved: []string{"dependency:django:v4 -> dependency:django:v5", "dependency:django: (family)"},
		},

		// Cargo.toml, read by BurntSushi/toml.
		{
			name:     "cargo: a 0.x minor upgrade pinned with = (tokio-rs/axum f31dcd3c)",
			before:   files{"axum/Cargo.toml": text(`[package]`, `name = "axum"`, `[dependencies]`, `http = "1.0.0"`, `matchit = "=0.8.4"`)},
			after:    files{"axum/Cargo.toml": text(`[package]`, `name = "axum"`, `[dependencies]`, `http = "1.0.0"`, `matchit = "=0.9.2"`)},
			want:     []string{`dependency:matchit:v0.9 | Review the upgrade of matchit from v0.8 to v0.9 | axum/Cargo.toml:5 matchit = "=0.9.2"`},
			resolved: []string{"dependency:matchit:v0.8 -> dependency:matchit:v0.9", "dependency:matchit: (family)"},
		},
		{
			name: "cargo: one finding for a package pinned in two tables of one manifest, examples left out (tokio-rs/axum bc2ab88a)",
			before: files{
				"axum/Cargo.toml":                text(`[dependencies]`, `tokio-tungstenite = { version = "0.28.0", optional = true }`, `[dev-dependencies]`, `tokio-tungstenite = "0.28.0"`),
				"examples/websockets/Cargo.toml": text(`[dependencies]`, `tokio-tungstenite = "0.28.0"`),
			},
			after: files{
				"axum/Cargo.toml":                text(`[dependencies]`, `tokio-tungstenite = { version = "0.29.0", optional = true }`, `[dev-dependencies]`, `tokio-tungstenite = "0.29.0"`),
				"examples/websockets/Cargo.toml": text(`[dependencies]`, `tokio-tungstenite = "0.29.0"`),
			},
			want:     []string{`dependency:tokio-tungstenite:v0.29 | Review the upgrade of tokio-tungstenite from v0.28 to v0.29 | axum/Cargo.toml:2 tokio-tungstenite = { version = "0.29.0", optional = true } (+1 more places)`},
			resolved: []string{"dependency:tokio-tungstenite:v0.28 -> dependency:tokio-tungstenite:v0.29", "dependency:tokio-tungstenite: (family)"},
		},
		{
			// BurntSushi/walkdir 526d70b: quickcheck and rand written twice
			// under [dev-dependencies], as Cargo then took, and docopt,
			// serde and serde_derive dropped beside them.
			name: "Cargo.toml: a key written twice in a table is read as Cargo read it",
			before: files{"Cargo.toml": text(`[package]`, `name = "walkdir"`, ``, `[dev-dependencies]`, `docopt = "1.0.1"`, `quickcheck = { version = "0.8", default-features = false }`, `rand = "0.6"`,
				`serde = "1"`, `quickcheck = { version = "0.8.2", default-features = false }`, `rand = "0.6.5"`)},
			after:    files{"Cargo.toml": text(`[package]`, `name = "walkdir"`, ``, `[dev-dependencies]`, `quickcheck = { version = "0.8.2", default-features = false }`, `rand = "0.6.5"`)},
			resolved: []string{"dependency:docopt: (family)", "dependency:serde: (family)"},
		},
		{
			name:     "cargo: a target table whose cfg is quoted is found at its header (BurntSushi/ripgrep d5b85d44)",
			before:   files{"Cargo.toml": text(`[dependencies]`, `textwrap = { version = "0.16.0", default-features = false }`, ``, `[target.'cfg(all(target_env = "musl", target_pointer_width = "64"))'.dependencies.tikv-jemallocator]`, `version = "0.6.0"`)},
			after:    files{"Cargo.toml": text(`[dependencies]`, `textwrap = { version = "0.16.0", default-features = false }`, ``, `[target.'cfg(all(target_env = "musl", target_pointer_width = "64"))'.dependencies.tikv-jemallocator]`, `version = "0.7.0"`)},
			want:     []string{`dependency:tikv-jemallocator:v0.7 | Review the upgrade of tikv-jemallocator from v0.6 to v0.7 | Cargo.toml:4 [target.'cfg(all(target_env = "musl", target_pointer_width = "64"))'.dependencies.tikv-jemallocator]`},
			resolved: []string{"dependency:tikv-jemallocator:v0.6 -> dependency:tikv-jemallocator:v0.7", "dependency:tikv-jemallocator: (family)"},
		},
		{
			name:   "cargo: package keys, workspace references and path crates are not dependencies (tokio-rs/axum 929512f4)",
			before: files{"axum-extra/Cargo.toml": text(`[package]`, `edition = "2021"`, `rust-version = "1.75"`, `[dependencies]`, `axum = { path = "../axum", version = "0.8.6", default-features = false }`, `axum-core = { path = "../axum-core", version = "0.5.5" }`)},
			after:  files{"axum-extra/Cargo.toml": text(`[package]`, `edition.workspace = true`, `rust-version.workspace = true`, `[dependencies]`, `axum-core = { path = "../axum-core", version = "0.5.2" }`, `futures-core = "0.3"`, `serde.workspace = true`, `axum = { path = "../axum", version = "0.8.4", optional = true }`)},
			tree:   files{"Cargo.toml": text(`[workspace]`, `members = ["axum", "axum-*"]`, `[workspace.dependencies]`, `serde = "1.0"`)},
			want:   []string{`dependency:futures-core:v0.3 | Review the new dependency futures-core | axum-extra/Cargo.toml:6 futures-core = "0.3"`},
		},

		// pom.xml, read by encoding/xml.
		{
			name:   "pom: a property moves every artifact that uses it; plugins and exclusions are not dependencies",
			before: files{"pom.xml": text(`<project>`, `  <properties>`, `    <spring.version>5.3.30</spring.version>`, `  </properties>`, `  <dependencies>`, `    <dependency>`, `      <groupId>org.springframework</groupId>`, `      <artifactId>spring-core</artifactId>`, `      <version>${spring.version}</version>`, `    </dependency>`, `  </dependencies>`, `</project>`)},
			after: files{"pom.xml": text(`<project>`, `  <properties>`, `    <spring.version>6.1.0</spring.version>`, `  </properties>`, `  <dependencies>`, `    <dependency>`, `      <groupId>org.springframework</groupId>`, `      <artifactId>spring-core</artifactId>`, `      <version>${spring.version}</version>`, `      <exclusions><exclusion><groupId>commons-logging</groupId><artifactId>commons-logging</artifactId></exclusion></exclusions>`, `    </dependency>`, `  </dependencies>`,
				`  <build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId><version>3.2.0</version>`, `    <dependencies><dependency><groupId>org.junit</groupId><artifactId>junit-bom</artifactId><version>5.0</version></dependency></dependencies>`, `  </plugin></plugins></build>`, `</project>`)},
			want:     []string{`dependency:org.springframework:spring-core:v6 | Review the upgrade of org.springframework:spring-core from v5 to v6 | pom.xml:8 <artifactId>spring-core</artifactId>`},
			resolved: []string{"dependency:org.springframework:spring-core:v5 -> dependency:org.springframework:spring-core:v6", "dependency:org.springframework:spring-core: (family)"},
		},

		// Across manifests, and removals.
		{
			name:   "a package added to two manifests of one repository is one finding citing both",
			before: files{"requirements.txt": text("flask>=2.3"), "requirements-dev.txt": text("pytest>=8")},
			after:  files{"requirements.txt": text("flask>=2.3", "httpx>=0.27"), "requirements-dev.txt": text("pytest>=8", "httpx>=0.27")},
			want:   []string{"dependency:httpx:v0 | Review the new dependency httpx | requirements-dev.txt:2 httpx>=0.27 (+1 more places)"},
		},
		{
			name:     "a package gone from every manifest resolves its finding; one still in another manifest does not",
			before:   files{"requirements.txt": text("flask>=2.3", "httpx>=0.27", "rich>=13")},
			after:    files{"requirements.txt": text("flask>=2.3")},
			tree:     files{"requirements-dev.txt": text("rich>=13")},
			resolved: []string{"dependency:httpx: (family)"},
		},
		{
			name:   "a package of the project's own npm scope is its own (lukeed/polka 9da7f3b)",
			before: files{"packages/polka/package.json": text("{", "  \"name\": \"polka\",", "  \"dependencies\": {", "    \"parseurl\": \"^1.3.2\",", "    \"trouter\": \"^2.0.0\"", "  }", "}")},
			after: files{"packages/polka/package.json": text("{", "  \"name\": \"polka\",", "  \"dependencies\": {", "    \"@polka/url\": \"*\",", "    \"trouter\": \"^2.0.0\"", "  }", "}"),
				"packages/core/package.json": text("{", "  \"name\": \"@babel/core\",", "  \"dependencies\": {", "    \"@babel/helpers\": \"^7.0.0\",", "    \"@jridgewell/trace-mapping\": \"^0.3.25\"", "  }", "}")},
			tree: files{"packages/url/package.json": text("{", "  \"name\": \"@polka/url\",", "  \"version\": \"0.5.0\"", "}"),
				"packages/helpers/package.json": text("{", "  \"name\": \"@babel/helpers\"", "}")},
			want:     []string{"dependency:@jridgewell/trace-mapping:v0.3 | Review the new dependency @jridgewell/trace-mapping | packages/core/package.json:5 \"@jridgewell/trace-mapping\": \"^0.3.25\""},
			resolved: []string{"dependency:parseurl: (family)"},
		},
		{
			// @eslint/json comes from its own repository.
			name:     "a package of the project's scope that no package of the repository publishes is a dependency (eslint/eslint)",
			before:   files{"package.json": text("{", "  \"name\": \"eslint\",", "  \"devDependencies\": {", "    \"@eslint/json\": \"^1.0.0\"", "  }", "}")},
			after:    files{"package.json": text("{", "  \"name\": \"eslint\",", "  \"devDependencies\": {", "    \"@eslint/json\": \"^2.0.1\"", "  }", "}")},
			want:     []string{"dependency:@eslint/json:v2 | Review the upgrade of @eslint/json from v1 to v2 | package.json:4 \"@eslint/json\": \"^2.0.1\""},
			resolved: []string{"dependency:@eslint/json:v1 -> dependency:@eslint/json:v2", "dependency:@eslint/json: (family)"},
		},
		{
			// The runtime pin stays at 24: its users see no upgrade.
			name: "a newer pin in a new test group beside the runtime one is no upgrade (pypa/wheel bbbe3dc)",
			before: files{"pyproject.toml": text("[project]", "name = \"wheel\"", "dependencies = [\"packaging >= 24.0\"]", "",
				"[project.optional-dependencies]", "test = [", "    \"pytest >= 6.0.0\",", "    \"setuptools >= 77\",", "]")},
			after: files{"pyproject.toml": text("[project]", "name = \"wheel\"", "dependencies = [\"packaging >= 24.0\"]", "",
				"[dependency-groups]", "test = [", "    \"packaging >= 26.0\",", "    \"pytest >= 6.0.0\",", "    \"setuptools >= 77\",", "]")},
		},
		{
			name:   "an unreadable old side finds nothing rather than every package new",
			before: files{"go.mod": ""},
			after:  files{"go.mod": text("module m", "require golang.org/x/sync v0.7.0")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cd := commitOf(t, tt.before, tt.after, tt.tree)
			if tt.name == "an unreadable old side finds nothing rather than every package new" {
				src := cd.Source
				cd.Source = func(p string, side analyze.LineKind) ([]byte, bool) {
					if side == analyze.Removed {
						return nil, false
					}
					return src(p, side)
				}
			}
			found, resolved := Detect(child, cd, Options{Dev: true})
			var got []string
			for _, f := range found {
				s := fmt.Sprintf("%s | %s | %s:%d %s", f.Fingerprint, f.Title, f.Evidence.Path, f.Evidence.Line, f.Evidence.Excerpt)
				if len(f.Also) > 0 {
					s += fmt.Sprintf(" (+%d more places)", len(f.Also))
				}
				got = append(got, s)
				checkFinding(t, f, tt.after)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found:\n got %q\nwant %q", got, tt.want)
			}
			var gotResolved []string
			for _, r := range resolved {
				if r.Why == bumpedWhy {
					continue // TestBumpResolves
				}
				s := r.Fingerprint
				if r.ReplacedBy != "" {
					s += " -> " + r.ReplacedBy
				}
				if r.MovedTo != "" {
					s += " moves " + r.MovedFrom + " -> " + r.MovedTo
				}
				if r.Family {
					s += " (family)"
				}
				gotResolved = append(gotResolved, s)
				if r.Commit != difftest.CommitID {
					t.Errorf("resolution commit %q", r.Commit)
				}
			}
			if !reflect.DeepEqual(gotResolved, tt.resolved) {
				t.Errorf("resolved:\n got %q\nwant %q", gotResolved, tt.resolved)
			}
		})
	}
}

// checkFinding checks what the pipeline's fact check will: every cited
// place is a file of the commit whose line holds the excerpt.
func checkFinding(t *testing.T, f finding.Finding, after files) {
	t.Helper()
	if f.Kind != finding.KindDependency || len(f.Labels) != 1 || f.Confidence <= 0 || f.Confidence > 1 || len(f.Title) > analyze.TitleMax {
		t.Errorf("finding %+v", f)
	}
	for _, ev := range f.Places() {
		content, ok := after[ev.Path]
		if !ok || ev.Commit != difftest.CommitID {
			t.Errorf("cites %s at %s, not a file of the commit", ev.Path, ev.Commit)
			continue
		}
		ls := strings.Split(content, "\n")
		if ev.Line < 1 || ev.Line > len(ls) || !strings.Contains(ls[ev.Line-1], ev.Excerpt) || ev.Excerpt == "" {
			t.Errorf("%s:%d does not hold %q", ev.Path, ev.Line, ev.Excerpt)
		}
	}
}

func TestDependencyFindingWords(t *testing.T) {
	cd := commitOf(t, files{"requirements.txt": text("flask>=2.3")}, files{"requirements.txt": text("flask>=2.3", "requests==2.31.0"), "pyproject.toml": text(`[project]`, `dependencies = [`, `  "requests>=2.31",`, `]`)}, nil)
	found, _ := Detect(child, cd, Options{Dev: true})
	want := []finding.Finding{{
		Kind:        finding.KindDependency,
		Fingerprint: "dependency:requests:v2",
		Text:        "new dependency requests >=2.31 in pyproject.toml, requirements.txt",
		Body:        "The commit adds requests >=2.31 to pyproject.toml, requirements.txt. A new dependency brings its code, its licence and its own dependencies into the project.",
		Title:       "Review the new dependency requests",
		Labels:      []string{"security"},
		Items:       []string{"added to pyproject.toml: requests >=2.31", "added to requirements.txt: requests ==2.31.0"},
		Confidence:  0.6,
		Evidence:    finding.Evidence{Path: "pyproject.toml", Line: 3, Commit: difftest.CommitID, Excerpt: `"requests>=2.31",`},
		Also:        []finding.Evidence{{Path: "requirements.txt", Line: 2, Commit: difftest.CommitID, Excerpt: "requests==2.31.0"}},
	}}
	if !reflect.DeepEqual(found, want) {
		t.Errorf("got  %+v\nwant %+v", found, want)
	}
}

// A renamed package's finding says what it replaces.
func TestRenamedDependencyWords(t *testing.T) {
	cd := commitOf(t, files{"composer.json": text(`{`, `  "require-dev": {`, `    "jakub-onderka/php-parallel-lint": "^1"`, `  }`, `}`)},
		files{"composer.json": text(`{`, `  "require-dev": {`, `    "php-parallel-lint/php-parallel-lint": "^1.1"`, `  }`, `}`)}, nil)
	found, _ := Detect(child, cd, Options{Dev: true})
	if len(found) != 1 {
		t.Fatalf("found %+v, want the renamed package", found)
	}
	f := found[0]
	if f.Text != "jakub-onderka/php-parallel-lint replaced by php-parallel-lint/php-parallel-lint ^1.1 in composer.json" ||
		!strings.HasPrefix(f.Body, "The commit replaces jakub-onderka/php-parallel-lint with php-parallel-lint/php-parallel-lint ^1.1 in composer.json: the same package") ||
		f.Title != "Review the renamed dependency php-parallel-lint/php-parallel-lint" {
		t.Errorf("words %q / %q / %q", f.Title, f.Text, f.Body)
	}
}

func TestMajors(t *testing.T) {
	for _, tt := range []struct {
		spec string
		want string
	}{
		{"^1.2.3", "v1"}, {"~2.0", "v2"}, {">=3.1 <4", "v3"}, {"1.x", "v1"}, {"v4.0.0", "v4"},
		{"^0.4.1", "v0.4"}, {"0.x", "v0"}, {"npm:other@^2.1.0", "v2"}, {"^17 || ^18", "v18"},
		{"2024.1.1", "calver"}, {"*", "any"}, {"latest", "any"}, {"file:../x", "any"}, {"git+https://x/y.git#v2", "any"},
		{"github:user/repo", "any"},
	} {
		if got := rangeMajor(tt.spec, true).label(); got != tt.want {
			t.Errorf("rangeMajor(%q) = %q, want %q", tt.spec, got, tt.want)
		}
	}
	for spec, want := range map[string]string{"==2.31.0": "v2", ">=2.0,<3": "v2", "~=0.10.0": "v0", "<3": "any", ">=2017.4.17": "calver", "": "any"} {
		if got := pipMajor(spec).label(); got != want {
			t.Errorf("pipMajor(%q) = %q, want %q", spec, got, want)
		}
	}
}

// A bot's upgrade was reviewed as a pull request: it ranks lower
// (prettier/prettier 5ac62d9d, by renovate[bot]).
func TestDependencyByBot(t *testing.T) {
	before := files{"package.json": text(`{`, `  "devDependencies": {`, `    "eslint-plugin-unicorn": "71.0.0"`, `  }`, `}`)}
	after := files{"package.json": text(`{`, `  "devDependencies": {`, `    "eslint-plugin-unicorn": "72.0.0"`, `  }`, `}`)}
	confidence := func(author string) float64 {
		found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Author: author}, commitOf(t, before, after, nil), Options{Dev: true})
		if len(found) != 1 {
			t.Fatalf("%s: %+v", author, found)
		}
		return found[0].Confidence
	}
	if bot, person := confidence("renovate[bot]"), confidence("fisker Cheung"); bot >= person || bot <= 0 {
		t.Errorf("confidence by a bot %v, by a person %v", bot, person)
	}
}

// pytest-dev/pytest ec8436848 "experiment: use uv and dependency-groups":
// tox.ini's deps move into a dependency group of pyproject.toml (files
// trimmed to the lines around the change). What moved is not new; what
// the commit adds from nowhere (xmlschema here, for the test) still is.
func TestMovedFromAFileNotRead(t *testing.T) {
	toxHead := "[testenv]\nextras = dev\ndeps =\n"
	toxTail := "    pylib: py>=1.11\n# Can use the same wheel for all environments.\npackage = wheel\n"
	pyHead := "[project]\nname = \"pytest\"\ndependencies = [\n    \"iniconfig>=2\",\n]\n\n"
	cd := difftest.CommitOf(t,
		difftest.Changed("tox.ini",
			toxHead+"    coverage: coverage>=7.10\n    doctesting: PyYAML\n    numpy: numpy>=1.19.4\n    pexpect: pexpect>=4.8.0\n"+
				"    asynctest: asynctest\n    xdist: pytest-xdist>=2.1.0\n"+toxTail,
			toxHead+toxTail),
		difftest.Changed("pyproject.toml", pyHead,
			pyHead+"[dependency-groups]\ndev = [\n    \"asynctest; python_version<'3.11'\",\n    \"coverage>=7.5\",\n"+
				"    \"numpy>=1.26\",\n    \"pexpect>=4.9\",\n    \"pytest-xdist>=3.5\",\n    \"pyyaml\",\n    \"xmlschema\",\n]\n"))
	found, _ := Detect(child, cd, Options{Dev: true})
	var got []string
	for _, f := range found {
		got = append(got, f.Fingerprint)
	}
	if want := []string{"dependency:xmlschema:any"}; !reflect.DeepEqual(got, want) {
		t.Errorf("found %q, want %q", got, want)
	}
}

// Both sides of every manifest a commit changes are read in one round
// trip to git, the manifests of the folders above them in a second, and
// what they declare is the same as read one by one.
func TestManifestsReadTogether(t *testing.T) {
	changes := []difftest.Change{
		difftest.Changed("go.mod", "module m\n\nrequire a.example/x v1.0.0\n", "module m\n\nrequire (\n\ta.example/x v1.0.0\n\tb.example/y v1.2.0\n)\n"),
		difftest.Changed("web/package.json", `{"dependencies": {"left-pad": "^1.0.0"}}`, `{"dependencies": {"left-pad": "^1.0.0", "axios": "^1.6.0"}}`),
		difftest.Changed("y.go", "package m\n", "package m\n\nimport \"b.example/y\"\n"), // the code that takes in b.example/y
	}
	var byTrip [2][]string
	for i, together := range []bool{true, false} {
		cd := difftest.CommitOf(t, changes...)
		if !together {
			cd.Sources = nil
		}
		trips := 0
		difftest.CountTrips(cd, &trips)
		found, _ := Detect(child, cd, Options{Dev: true})
		for _, f := range found {
			byTrip[i] = append(byTrip[i], f.Fingerprint)
		}
		if together && trips != 2 || !together && trips < 5 {
			t.Errorf("together %v: %d round trips", together, trips)
		}
	}
	if len(byTrip[0]) != 2 || !reflect.DeepEqual(byTrip[0], byTrip[1]) {
		t.Errorf("found %q together, %q one by one; want the same two", byTrip[0], byTrip[1])
	}
}

// A requirements file that names the command compiling it is a lock
// file: what it adds are the real manifest's dependencies resolved, not
// new ones (fmtlib/fmt 6a1d56c "Pin doc deps", trimmed to its first two
// packages). Pinned by hash alone, it is read as written.
func TestCompiledRequirementsAreALockFile(t *testing.T) {
	header := "# Pinned, hash-verified Python dependencies for building the docs.\n" +
		"# To regenerate, run from the repository root:\n" +
		"#   uv pip compile support/doc-requirements.in --generate-hashes \\\n" +
		"#     --python-version 3.10 --python-platform x86_64-unknown-linux-gnu \\\n" +
		"#     --output-file support/doc-requirements.txt\n"
	pins := "babel==2.18.0 \\\n" +
		"    --hash=sha256:b80b99a14bd085fcacfa15c9165f651fbb3406e66cc603abf11c5750937c992d \\\n" +
		"    --hash=sha256:e2b422b277c2b9a9630c1d7903c2a00d0830c409c59ac8cae9081c92f1aeba35\n" +
		"    # via mkdocs-material\n" +
		"backrefs==7.0 \\\n" +
		"    --hash=sha256:4989bb9e1e99eb23647c7160ed51fb21d0b41b5d200f2d3017da41e023097e82\n" +
		"    # via mkdocs-material\n"
	for _, tc := range []struct {
		name, content string
		want          int
	}{
		{"the compiler's command in the header", header + pins, 0},
		{"pinned by hash, no header", pins, 2},
		{"a plain requirements file", "babel==2.18.0\nbackrefs==7.0\n", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cd := difftest.CommitOf(t, difftest.Change{NewPath: "support/doc-requirements.txt", New: tc.content})
			found, _ := Detect(child, cd, Options{Dev: true})
			if len(found) != tc.want {
				var got []string
				for _, f := range found {
					got = append(got, f.Fingerprint)
				}
				t.Errorf("found %q, want %d findings", got, tc.want)
			}
		})
	}
}

// child is a commit with a parent: most tests here are of changes.
var child = analyze.Commit{Hash: difftest.CommitID, Parents: []string{difftest.CommitID}}

// A repository's first commit adds every dependency it has; none is a
// change to review (sindresorhus/p-map 051cf26, "init").
func TestRootCommitAddsNoNewDependency(t *testing.T) {
	cd := commitOf(t, nil, files{"package.json": text("{", "  \"name\": \"p-map\",", "  \"devDependencies\": {", "    \"ava\": \"*\",", "    \"xo\": \"*\"", "  }", "}")}, nil)
	if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, cd, Options{Dev: true}); len(found) != 0 {
		t.Errorf("a root commit: %d findings, want none", len(found))
	}
	if found, _ := Detect(child, cd, Options{Dev: true}); len(found) != 2 {
		t.Errorf("the same manifest added later: %d findings, want 2", len(found))
	}
}

// A revert puts back what was there: thephpleague/oauth2-server 71299658
// reverted fce9b745 of four days before, and laminas-diactoros, a
// development dependency since 2020, was "new" (round 71, wrong).
func TestRevertAddsNoNewDependency(t *testing.T) {
	cd := commitOf(t, files{"composer.json": text(`{`, `  "require-dev": {`, `    "nyholm/psr7": "^1.8"`, `  }`, `}`)},
		files{"composer.json": text(`{`, `  "require-dev": {`, `    "laminas/laminas-diactoros": "^3.5"`, `  }`, `}`)}, nil)
	revert := child
	revert.Subject = `Revert "Replace laminas-diactoros with nyholm/psr7"`
	if found, _ := Detect(revert, cd, Options{Dev: true}); len(found) != 0 {
		t.Errorf("a revert's dependency: %+v", found)
	}
	restore := child
	restore.Subject = "fix: restore 'debug' logs" // pillarjs/router 79a8add
	if found, _ := Detect(restore, cd, Options{Dev: true}); len(found) != 0 {
		t.Errorf("a restore's dependency: %+v", found)
	}
	other := child
	other.Subject = "Use another PSR-7 implementation in the tests"
	if found, _ := Detect(other, cd, Options{Dev: true}); len(found) != 1 {
		t.Errorf("the same change, no revert: %d findings, want 1", len(found))
	}
}

// By default a development-only change is no finding; the runtime ones
// stay. Each case is a change judged trivial on real history when it was
// reported.
func TestDevelopmentOnlyIsNoFindingByDefault(t *testing.T) {
	tests := []struct {
		name          string
		before, after files
		want          []string
		resolved      []string
		withDev       int // findings with Options.Dev, 1 when zero
	}{
		{
			name:   "a new devDependency (axios/axios a3ff99b5)",
			before: files{"package.json": text(`{`, `  "devDependencies": {`, `    "typescript": "^4.9.5"`, `  }`, `}`)},
			after:  files{"package.json": text(`{`, `  "devDependencies": {`, `    "typescript": "^4.9.5",`, `    "@rollup/plugin-alias": "^5.1.0"`, `  }`, `}`)},
		},
		{
			name:     "a devDependency across a major (prettier's c8 v11 to v12); what an older version found goes",
			before:   files{"package.json": text(`{`, `  "devDependencies": {`, `    "c8": "11.0.0"`, `  }`, `}`)},
			after:    files{"package.json": text(`{`, `  "devDependencies": {`, `    "c8": "12.0.0"`, `  }`, `}`)},
			resolved: []string{"dependency:c8:"},
		},
		{
			name:   "a type checker in a new dependency group (psf/requests)",
			before: files{"pyproject.toml": text(`[project]`, `name = "requests"`, `dependencies = ["idna>=2.5,<4"]`)},
			after:  files{"pyproject.toml": text(`[project]`, `name = "requests"`, `dependencies = ["idna>=2.5,<4"]`, ``, `[dependency-groups]`, `typecheck = ["pyright>=1.1"]`)},
		},
		{
			name:     "the docs' requirements (psf/requests 8fa4302, Sphinx v4 to v7)",
			before:   files{"docs/requirements.txt": text("Sphinx>=4.0,<5")},
			after:    files{"docs/requirements.txt": text("Sphinx>=7.2.6,<8")},
			resolved: []string{"dependency:sphinx:"},
		},
		{
			name:     "a runtime pin raised across a major stays (pytest-dev/pytest, iniconfig)",
			before:   files{"pyproject.toml": text(`[project]`, `name = "pytest"`, `dependencies = ["iniconfig>=1"]`)},
			after:    files{"pyproject.toml": text(`[project]`, `name = "pytest"`, `dependencies = ["iniconfig>=2"]`)},
			want:     []string{"dependency:iniconfig:v2 | Review the upgrade of iniconfig from v1 to v2"},
			resolved: []string{"dependency:iniconfig:v1", "dependency:iniconfig:"},
		},
		{
			// mypy 61ad5a47 added it to setup.py's extras; its pyproject.toml now.
			name:   "an extra users install is shipped (python/mypy's faster-cache); a test extra is not",
			before: files{"pyproject.toml": text(`[project]`, `name = "mypy"`, `[project.optional-dependencies]`, `dmypy = ["psutil>=4.0"]`)},
			after: files{"pyproject.toml": text(`[project]`, `name = "mypy"`, `[project.optional-dependencies]`, `dmypy = ["psutil>=4.0"]`,
				`faster-cache = ["orjson"]`, `test = ["pytest>=8"]`)},
			want:    []string{"dependency:orjson:any | Review the new dependency orjson"},
			withDev: 2,
		},
		{
			name:   "setup.cfg's docs extra is for developers, its socks extra for users",
			before: files{"setup.cfg": text(`[options]`, `install_requires =`, `    idna>=2.5`)},
			after: files{"setup.cfg": text(`[options]`, `install_requires =`, `    idna>=2.5`, `[options.extras_require]`, `docs =`, `    sphinx>=7`,
				`socks = PySocks>=1.5.6`)},
			want:    []string{"dependency:pysocks:v1 | Review the new dependency PySocks"},
			withDev: 2,
		},
		{
			name:     "a requirements file named for the docs (theskumar/python-dotenv 8ed4f79)",
			before:   files{"requirements-docs.txt": text("mkdocs-material>=8.0")},
			after:    files{"requirements-docs.txt": text("mkdocs-material>=9.6")},
			resolved: []string{"dependency:mkdocs-material:"},
		},
		{
			name:     "a crate never published (rust-lang/cc-rs a2bcb6e's dev-tools/wasi-test)",
			before:   files{"dev-tools/wasi-test/Cargo.toml": text(`[package]`, `name = "wasi-test"`, `publish = false`, ``, `[dependencies]`, `rusqlite = "0.39"`)},
			after:    files{"dev-tools/wasi-test/Cargo.toml": text(`[package]`, `name = "wasi-test"`, `publish = false`, ``, `[dependencies]`, `rusqlite = "0.40"`)},
			resolved: []string{"dependency:rusqlite:"},
		},
		{
			name:   "jaraco's type extra (jaraco/keyring e59211e)",
			before: files{"pyproject.toml": text(`[project]`, `name = "keyring"`, `[project.optional-dependencies]`, `type = ["pytest-mypy"]`)},
			after:  files{"pyproject.toml": text(`[project]`, `name = "keyring"`, `[project.optional-dependencies]`, `type = ["pytest-mypy", "types-pywin32"]`)},
		},
		{
			name:   "the tools a release needs, in a packaging extra (jsonpickle/jsonpickle 5e50398, 23ed706)",
			before: files{"pyproject.toml": text(`[build-system]`, `requires = ["setuptools>=56"]`, `[project]`, `name = "jsonpickle"`)},
			after: files{"pyproject.toml": text(`[build-system]`, `requires = ["setuptools>=61.2"]`, `[project]`, `name = "jsonpickle"`,
				`[project.optional-dependencies]`, `packaging = ["build", "setuptools>=61.2", "pypi-attestations"]`, `release = ["twine"]`)},
			withDev: 4,
		},
		{
			name:   "a Go module only the tools file imports (uber-go/atomic 473b956)",
			before: files{"go.mod": text("module go.uber.org/atomic", "", "go 1.13")},
			after: files{"go.mod": text("module go.uber.org/atomic", "", "go 1.13", "", "require golang.org/x/lint v0.0.0-20190930215403-16217165b5de"),
				"tools.go": text("//go:build tools", "// +build tools", "", "package atomic", "", "import (", "\t_ \"golang.org/x/lint/golint\"", ")")},
		},
		{
			name:   "the developers' tools module (uber-go/multierr ac926e4's tools/go.mod)",
			before: files{"tools/go.mod": text("module go.uber.org/multierr/tools", "", "go 1.14")},
			after: files{"tools/go.mod": text("module go.uber.org/multierr/tools", "", "go 1.14", "", "require github.com/golangci/golangci-lint v1.50.0"),
				"tools/lint.go": text("package tools", "", "import _ \"github.com/golangci/golangci-lint/cmd/golangci-lint\"")},
		},
		{
			name:   "a benchmark's package (micromatch/micromatch's bench/package.json)",
			before: files{"bench/package.json": text(`{`, `  "private": true,`, `  "dependencies": {}`, `}`)},
			after:  files{"bench/package.json": text(`{`, `  "private": true,`, `  "dependencies": {`, `    "minimatch": "^3.0.4"`, `  }`, `}`)},
		},
		{
			name:   "a performance harness's package (immerjs/immer efa396d's perf-testing/package.json)",
			before: files{"perf-testing/package.json": text(`{`, `  "name": "immer-perf-testing",`, `  "private": true,`, `  "dependencies": {}`, `}`)},
			after: files{"perf-testing/package.json": text(`{`, `  "name": "immer-perf-testing",`, `  "private": true,`, `  "dependencies": {`,
				`    "immer5": "npm:immer@5",`, `    "mitata": "^1.0.34"`, `  }`, `}`)},
			withDev: 2,
		},
		{
			// python-poetry/poetry-core e0bd0067: the floor raised to the
			// 24.2 its _vendor/ holds already (round 126).
			name:   "the vendoring tool's manifest (python-poetry/poetry-core's vendors/pyproject.toml)",
			before: files{"vendors/pyproject.toml": text(`[project]`, `name = "vendors"`, ``, `[tool.poetry.dependencies]`, `lark = "^1.1.3"`, `packaging = ">=22.0"`)},
			after:  files{"vendors/pyproject.toml": text(`[project]`, `name = "vendors"`, ``, `[tool.poetry.dependencies]`, `lark = "^1.1.3"`, `packaging = ">=24.2"  # PEP 639 support was added in 24.2`)},
			// Looked at again: what was found of it before is resolved.
			resolved: []string{"dependency:packaging:"},
		},
		{
			name:   "a maintainer's requirements (carltongibson/django-filter's requirements/maintainer.txt)",
			before: files{"requirements/maintainer.txt": text("twine")},
			after:  files{"requirements/maintainer.txt": text("twine", "wheel==0.38.1")},
		},
		{
			name:   "a Go module only tests import (google/go-querystring 1edf4fb)",
			before: files{"go.mod": text("module github.com/google/go-querystring", "", "go 1.10")},
			after: files{"go.mod": text("module github.com/google/go-querystring", "", "go 1.10", "", "require github.com/google/go-cmp v0.5.2"),
				"query/encode_test.go": text("package query", "", "import (", "\t\"testing\"", "", "\t\"github.com/google/go-cmp/cmp\"", ")")},
		},
		{
			name:   "a Go module only tests import, moved to a new major (go-playground/form 5c5278d)",
			before: files{"go.mod": text("module github.com/go-playground/form/v4", "", "go 1.13", "", "require github.com/go-playground/assert v1.2.1")},
			after: files{"go.mod": text("module github.com/go-playground/form/v4", "", "go 1.13", "", "require github.com/go-playground/assert/v2 v2.0.1"),
				"decoder_test.go": text("package form", "", "import (", "\t\"testing\"", "", "\t. \"github.com/go-playground/assert/v2\"", ")")},
		},
		{
			name:    "a package a runtime section gains stays, with the dev ones beside it",
			before:  files{"package.json": text(`{`, `  "dependencies": {},`, `  "devDependencies": {}`, `}`)},
			after:   files{"package.json": text(`{`, `  "dependencies": {`, `    "follow-redirects": "^1.15.6"`, `  },`, `  "devDependencies": {`, `    "chalk": "^5.2.0"`, `  }`, `}`)},
			want:    []string{"dependency:follow-redirects:v1 | Review the new dependency follow-redirects"},
			withDev: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, resolved := Detect(child, commitOf(t, tt.before, tt.after, nil), Options{})
			var got, gotResolved []string
			for _, f := range found {
				got = append(got, f.Fingerprint+" | "+f.Title)
			}
			for _, r := range resolved {
				gotResolved = append(gotResolved, r.Fingerprint)
			}
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(gotResolved, tt.resolved) {
				t.Errorf("found %q, resolved %q; want %q, %q", got, gotResolved, tt.want, tt.resolved)
			}
			if found, _ := Detect(child, commitOf(t, tt.before, tt.after, nil), Options{Dev: true}); len(found) != max(tt.withDev, 1) {
				t.Errorf("with Dev: %d findings, want %d", len(found), max(tt.withDev, 1))
			}
		})
	}
}

// theskumar/python-dotenv keeps its developers' tools in requirements.txt
// (ipython in 3d84003), its own dependencies in setup.py: a package's
// metadata says what users get. An application's requirements.txt, with no
// metadata beside it, is what it runs on.
func TestRequirementsBesidePackageMetadata(t *testing.T) {
	before := files{"requirements.txt": text("flake8>=2.2.3", "pytest>=3.9")}
	after := files{"requirements.txt": text("flake8>=2.2.3", "pytest>=3.9", "ipython")}
	setup := files{"setup.py": text("setup(", "    name='python-dotenv',", "    install_requires=[],", ")")}
	if found, _ := Detect(child, commitOf(t, before, after, setup), Options{}); len(found) != 0 {
		t.Errorf("a package's requirements.txt: %+v", found)
	}
	if found, _ := Detect(child, commitOf(t, before, after, nil), Options{}); len(found) != 1 {
		t.Errorf("an application's requirements.txt: %d findings, want 1", len(found))
	}
	// jmespath/jmespath.py: a package with no dependencies of its own.
	bare := files{"setup.py": text("setup(", "    name='jmespath',", "    packages=find_packages(exclude=['tests']),", ")")}
	if found, _ := Detect(child, commitOf(t, before, after, bare), Options{}); len(found) != 0 {
		t.Errorf("requirements.txt beside a package with no dependencies: %+v", found)
	}
	// A setup.py that reads requirements.txt makes it the users'.
	reads := files{"setup.py": text("setup(", "    name='app',", "    install_requires=open('requirements.txt').read().splitlines(),", ")")}
	reads["setup.py"] = strings.Replace(reads["setup.py"], "install_requires", "requires_list", 1)
	if found, _ := Detect(child, commitOf(t, before, after, reads), Options{}); len(found) != 1 {
		t.Errorf("requirements.txt that setup.py reads: %d findings, want 1", len(found))
	}
}

// A commit about the package, by its whole name or its name without its
// owner, added or upgraded it on purpose: nothing is left to review
// (round 80: simonw/sqlite-utils a0d8bc3, kentcdodds/match-sorter dbb870a
// and c62eed1, bluss/indexmap 7819c6d and c5462e5, pillarjs/router 30b42cb).
func TestNamedBy(t *testing.T) {
	for _, tc := range []struct {
		subject, name string
		want          bool
	}{
		{"Add pip as a dependency to ensure plugin installation, closes #687", "pip", true},
		{"Use pipx for the release", "pip", false},
		{"Added pluggy and first hook, register_commands - refs #569, #567", "pluggy", true},
		{"fix(deps): add @babel/runtime as a dep", "@babel/runtime", true},
		{"fix: upgraded remove-accents to 0.5.0 (#146)", "remove-accents", true},
		{"Update to hashbrown 0.11 (MSRV 1.49)", "hashbrown", true},
		{"Implement Rayon traits (optional)", "rayon", true},
		{"feat!: path-to-regexp@^8.0.0", "path-to-regexp", true},
		{"Bump golang.org/x/net", "golang.org/x/net", true},
		{"Use the new parser", "github.com/acme/parser/v2", true},
		{"Port from setup.py to pyproject.toml", "flake8-pyproject", false},
		{"Add support for returned, rejected Promises to router.param", "is-promise", false},
		{"Parse accents faster", "remove-accents", false},
		{"Use remove-accents-ng", "remove-accents", false},
		{"Replace serde with serde_core", "serde-core", true},         // rust-lang/log ab8de73, Cargo's name
		{"depend on serde_core instead of serde", "serde-core", true}, // bitflags fdc1d4a
		{"Serde support", "serde-core", false},
	} {
		if got := namedBy(tc.subject, tc.name); got != tc.want {
			t.Errorf("namedBy(%q, %q) = %v, want %v", tc.subject, tc.name, got, tc.want)
		}
	}
}

// An upgrade the commit is about resolves what was found of the package,
// and is no finding.
func TestUpgradeTheCommitNamesIsNoFinding(t *testing.T) {
	cd := commitOf(t, files{"Cargo.toml": text(`[dependencies]`, `hashbrown = "0.9.1"`)}, files{"Cargo.toml": text(`[dependencies]`, `hashbrown = "0.11"`)}, nil)
	named := child
	named.Subject = "Update to hashbrown 0.11 (MSRV 1.49)"
	found, resolved := Detect(named, cd, Options{})
	if len(found) != 0 || len(resolved) != 1 || !resolved[0].Family {
		t.Errorf("a named upgrade: found %+v, resolved %+v", found, resolved)
	}
	other := child
	other.Subject = "Reduce unsafe code"
	if found, _ := Detect(other, cd, Options{}); len(found) != 1 {
		t.Errorf("the same upgrade under another subject: %+v, want a finding", found)
	}
}

// A version moved in place resolves what was found of the package at its
// major: someone looked at it again (muesli/termenv's go-isatty, added in
// 2020 and bumped since, drafted "new" six years on; round 81, noise). A
// newer pin added beside one that stays moves nothing.
func TestBumpResolves(t *testing.T) {
	bumps := func(before, after files) []string {
		_, resolved := Detect(child, commitOf(t, before, after, nil), Options{})
		var out []string
		for _, r := range resolved {
			if r.Why == bumpedWhy {
				out = append(out, r.Fingerprint)
			}
		}
		return out
	}
	if got := bumps(files{"go.mod": text("module x", "", "require github.com/mattn/go-isatty v0.0.12")},
		files{"go.mod": text("module x", "", "require github.com/mattn/go-isatty v0.0.20")}); !slices.Equal(got, []string{"dependency:github.com/mattn/go-isatty:v0"}) {
		t.Errorf("a bump: %q", got)
	}
	if got := bumps(files{"pyproject.toml": text("[project]", `dependencies = ["packaging>=24"]`)},
		files{"pyproject.toml": text("[project]", `dependencies = ["packaging>=24"]`, "[dependency-groups]", `test = ["packaging>=26"]`)}); len(got) != 0 {
		t.Errorf("a newer pin beside the kept one: %q", got)
	}
}

func TestDevHarnessDir(t *testing.T) {
	for p, want := range map[string]bool{
		"perf-testing/package.json":               true,
		"benchmarks-node/package.json":            true,
		"packages/integration-tests/package.json": true,
		"e2e-app/package.json":                    true,
		"package.json":                            false,
		"load-balancer/package.json":              false,
		"packages/perfume/package.json":           false,
		"apps/web/package.json":                   false,
		"testing/package.json":                    false, // a folder of one word is devManifestDirs' to name
	} {
		if got := devHarnessDir(p); got != want {
			t.Errorf("devHarnessDir(%q) = %v, want %v", p, got, want)
		}
	}
}
