package untested

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// scriptProbeLines is how far down a Python file its PEP 723 block is
// looked for: it follows a shebang and a licence at most.
const scriptProbeLines = 30

// inlineScript reports a Python file that says it is a script with PEP 723
// inline metadata ("# /// script"), as pytest-dev/pluggy's
// downstream/run_downstream.py does (run by `uv run` in CI; 30 symbols of
// it were drafted "Add tests for GitConfig and 29 more"): a tool of the
// project's, run rather than unit-tested.
func inlineScript(files *symbol.Commit, f *analyze.FileDiff) bool {
	if analyze.SourceLanguage(f.NewPath) != analyze.LangPython {
		return false
	}
	src, ok := files.Read(f.NewPath, analyze.Added)
	if !ok {
		return false
	}
	for _, line := range strings.SplitN(string(firstLines(src, scriptProbeLines)), "\n", scriptProbeLines) {
		if strings.TrimSpace(line) == "# /// script" {
			return true
		}
	}
	return false
}

// pythonManifests are the files at the top of a repository that say
// Python is one of its products (a package, an application's
// requirements, its test runner's settings).
var pythonManifests = []string{"pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile", "tox.ini"}

// toolScript reports a Python file at the top of a repository, or among
// its scripts and tools, that declares no Python of its own: leethomason/tinyxml2, a C++ library, keeps setversion.py to
// stamp release numbers, its one Python file, and mesonRule was drafted
// "Add tests for mesonRule" (round 73, noise). The project runs it; it has
// no Python tests to add to.
//
// A file at the top that starts with a shebang is run, whatever else the
// repository ships: carltongibson/django-filter's runshell.py, which
// migrates a test database and opens a shell (round 77, noise).
func toolScript(files *symbol.Commit, f *analyze.FileDiff) bool {
	if analyze.SourceLanguage(f.NewPath) != analyze.LangPython || strings.Contains(f.NewPath, "/") && !analyze.HasDir(f.NewPath, "scripts", "tools", "tool", "script") {
		return false
	}
	if src, ok := files.Read(f.NewPath, analyze.Added); ok && !strings.Contains(f.NewPath, "/") && strings.HasPrefix(string(src), "#!") {
		return true
	}
	files.Prefetch(analyze.FilesAt(analyze.Added, pythonManifests...)...)
	for _, m := range pythonManifests {
		if _, ok := files.Read(m, analyze.Added); ok {
			return false
		}
	}
	return true
}
