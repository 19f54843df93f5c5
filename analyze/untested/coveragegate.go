package untested

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// A project whose configuration fails its test run below 100% coverage
// has, at every commit that passes, tests that run each line: a finding
// that a change has none says what the gate already rules out (Pylons/
// waitress's tox.ini, "coverage report --fail-under=100": Error.to_response
// and resolve_wsgi_app, which tests reach through their callers, were
// drafted untested; round 84, noise). Only a gate of 100 counts: 99 lets
// a line go untested.

// pyGateRE is coverage.py's gate at 100: "fail_under = 100" in its
// configuration, "--fail-under=100" or pytest-cov's "--cov-fail-under=100"
// on a command line; or the covdefaults plugin, whose default is 100
// ("plugins = covdefaults": asottile/pyupgrade's setup.cfg, whose
// find_end drew "Add tests": round 107, noise).
var pyGateRE = lazyregexp.New(`(?i)fail[-_]under\s*[=:]?\s*100(?:\.0+)?\b|(?m)^\s*plugins\s*=.*\bcovdefaults\b`)

// jsGateRE is c8's, nyc's or tap's "--100" (every metric at 100), or
// "check-coverage" beside a 100 for lines.
var jsGateRE = lazyregexp.New(`(?:^|[\s"'])--100\b|"lines"\s*:\s*100\b`)

// gateFiles are where the gates are written: coverage.py's and pytest's
// configuration, tox and nox, and npm's scripts and tools' rc files.
var gateFiles = map[string][]string{
	analyze.LangPython: {"pyproject.toml", "setup.cfg", "tox.ini", ".coveragerc", "noxfile.py", "pytest.ini", "Makefile"},
	analyze.LangJS:     {"package.json", ".c8rc", ".c8rc.json", ".nycrc", ".nycrc.json", ".taprc"},
}

// coverageGated reports whether the commit's tree gates the test run of
// lang's code at 100% coverage: in a file of gateFiles at the root, or in
// a CI workflow under .github/workflows/. Read once a commit.
func coverageGated(cd *analyze.CommitDiff, lang string) bool {
	names, ok := gateFiles[lang]
	if !ok {
		return false
	}
	gated := cd.Memo(coverageGateKey{lang}, func() any {
		re := pyGateRE
		if lang == analyze.LangJS {
			re = jsGateRE
		}
		asks := analyze.FilesAt(analyze.Added, names...)
		if wf, err := cd.FilesIn(".github/workflows"); err == nil {
			for _, w := range wf {
				if strings.HasSuffix(w, ".yml") || strings.HasSuffix(w, ".yaml") {
					asks = append(asks, analyze.FileAt{Path: path.Join(".github/workflows", w), Side: analyze.Added})
				}
			}
		}
		for _, got := range cd.ReadSources(asks) {
			if got.OK && re.Match(got.Content) {
				return true
			}
		}
		return false
	}).(bool)
	return gated
}

// coverageGateKey is coverageGated's memo key.
type coverageGateKey struct{ lang string }
