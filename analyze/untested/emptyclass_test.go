package untested

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// pyparsing-dev/pyparsing 65ddbbe's pyparsing/warnings.py, whole.
const pyparsingWarnings = `class PyparsingWarning(UserWarning):
    """Base warning class for all pyparsing warnings"""


class PyparsingDeprecationWarning(PyparsingWarning, DeprecationWarning):
    """Base warning class for all pyparsing deprecation warnings"""


class PyparsingDiagnosticWarning(PyparsingWarning):
    """Base warning class for all pyparsing diagnostic warnings"""
`

// The warning classes ask for no tests; a class with code still does.
func TestUntestedSkipsEmptyPythonClasses(t *testing.T) {
	c := analyze.Commit{Hash: difftest.CommitID, Author: "ptmcg", Subject: "Define pyparsing-specific warning classes"}
	found, _ := Detect(c, difftest.CommitOf(t, difftest.Changed("pyparsing/warnings.py", "", pyparsingWarnings)), Options{})
	if len(found) != 0 {
		t.Errorf("warning classes with a docstring alone: %q", found[0].Title)
	}
	withCode := pyparsingWarnings + "\n\ndef warn_once(msg):\n    warnings.warn(msg, PyparsingWarning, stacklevel=2)\n"
	found, _ = Detect(c, difftest.CommitOf(t, difftest.Changed("pyparsing/warnings.py", "", withCode)), Options{})
	if len(found) != 1 || len(found[0].Items) != 1 {
		t.Fatalf("a function beside them: %d findings, want one naming it", len(found))
	}
}

// An exception class that loses its `pass` under the docstring changed
// nothing to test (benoitc/gunicorn 6d81c9e, "fix: resolve pylint
// warnings"); nor does a change to the `python -m` shim (pypa/wheel
// 56223f6's src/wheel/__main__.py).
func TestUntestedSkipsEmptiedClassesAndMainShims(t *testing.T) {
	const rest = "\n\nclass ControlClient:\n    def connect(self):\n        return self.sock\n"
	c := analyze.Commit{Hash: difftest.CommitID, Author: "Benoit Chesneau", Subject: "fix: resolve pylint warnings"}
	found, _ := Detect(c, difftest.CommitOf(t, difftest.Changed("gunicorn/ctl/client.py",
		"class ControlClientError(Exception):\n    \"\"\"Control client error.\"\"\"\n    pass\n"+rest,
		"class ControlClientError(Exception):\n    \"\"\"Control client error.\"\"\"\n"+rest)), Options{})
	if len(found) != 0 {
		t.Errorf("a pass dropped from a docstring-only class: %q", found[0].Title)
	}
	main := func(cond string) string {
		return "import sys\n\n\ndef main():\n    if " + cond + " == \"\":\n        import os.path\n\n        path = os.path.dirname(os.path.dirname(__file__))\n        sys.path[0:0] = [path]\n\n    from ._commands import main as cli_main\n\n    sys.exit(cli_main())\n"
	}
	c = analyze.Commit{Hash: difftest.CommitID, Author: "Alex Grönholm", Subject: "Fixed the __main__ module"}
	found, _ = Detect(c, difftest.CommitOf(t, difftest.Changed("src/wheel/__main__.py", main("__package__"), main("__spec__.parent"))), Options{})
	if len(found) != 0 {
		t.Errorf("the python -m shim: %q", found[0].Title)
	}
	found, _ = Detect(c, difftest.CommitOf(t, difftest.Changed("src/wheel/cli.py", main("__package__"), main("__spec__.parent"))), Options{})
	if len(found) != 1 {
		t.Errorf("the same change in another module: %d findings, want 1", len(found))
	}
}

// A function renamed to fix a typo, its body the same, asks for no test:
// python-poetry/tomlkit 0b95c6e, "refactor: Fix typo in function name",
// whose hunk shows the def line and the docstring only.
func TestUntestedSkipsATypoFixedInAName(t *testing.T) {
	fn := func(name string) string {
		return "from typing import Any\n\n\nclass Container:\n    def append(self, item):\n        prev_ws = " + name + "(item)\n        return prev_ws\n\n\n" +
			"def " + name + "(it: Any) -> bool:\n    \"\"\"Returns ``True`` if the given item ``it`` is a ``Table`` or ``AoT`` object\n    ending with a ``Whitespace``.\n    \"\"\"\n" +
			"    return (\n        isinstance(it, Table) and isinstance(it.value._previous_item(), Whitespace)\n    ) or (isinstance(it, AoT) and len(it) > 0 and isinstance(it[-1], Whitespace))\n"
	}
	c := analyze.Commit{Hash: difftest.CommitID, Author: "Stijn de Gooijer", Subject: "refactor: Fix typo in function name (#203)"}
	found, _ := Detect(c, difftest.CommitOf(t, difftest.Changed("tomlkit/container.py", fn("ends_with_withespace"), fn("ends_with_whitespace"))), Options{})
	for _, f := range found {
		t.Errorf("a typo fixed in a name: %q (%q)", f.Title, f.Items)
	}
}

// Two methods of one name added to two impls the hunks do not show are
// cited each at its own lines, not as one span over both
// (Amanieu/parking_lot 391cf55 cited lines 141-347 for a method of five).
func TestUntestedCitesAMethodAtItsOwnLines(t *testing.T) {
	file := func(raw, outer string) string {
		return "pub struct RawReentrantMutex<R, G> {\n    owner: AtomicUsize,\n}\n\nimpl<R: RawMutex, G: GetThreadId> RawReentrantMutex<R, G> {\n" +
			"    /// Checks whether the mutex is currently locked.\n    #[inline]\n    pub fn is_locked(&self) -> bool {\n        self.mutex.is_locked()\n    }\n" + raw +
			"}\n\nimpl<R: RawMutexFair, G: GetThreadId> RawReentrantMutex<R, G> {\n    /// Unlocks this mutex using a fair unlock protocol.\n    #[inline]\n    pub fn unlock_fair(&self) {\n        self.mutex.unlock_fair();\n    }\n" +
			strings.Repeat("    // padding\n", 8) + "}\n\n" +
			"pub struct ReentrantMutex<R, G, T: ?Sized> {\n    raw: RawReentrantMutex<R, G>,\n}\n\nimpl<R: RawMutex, G: GetThreadId, T: ?Sized> ReentrantMutex<R, G, T> {\n" +
			"    /// Checks whether the mutex is currently locked.\n    #[inline]\n    pub fn is_locked(&self) -> bool {\n        self.raw.is_locked()\n    }\n\n" + outer +
			"    /// Forcibly unlocks the mutex.\n    #[inline]\n    pub unsafe fn force_unlock(&self) {\n        self.raw.unlock();\n    }\n}\n"
	}
	raw := "\n    /// Checks whether the mutex is currently held by the current thread.\n    #[inline]\n    pub fn is_owned_by_current_thread(&self) -> bool {\n" +
		"        let id = self.get_thread_id.nonzero_thread_id().get();\n        self.owner.load(Ordering::Relaxed) == id\n    }\n"
	outer := "    /// Checks whether the mutex is currently held by the current thread.\n    #[inline]\n    pub fn is_owned_by_current_thread(&self) -> bool {\n" +
		"        self.raw.is_owned_by_current_thread()\n    }\n\n"
	c := analyze.Commit{Hash: difftest.CommitID, Author: "Noah", Subject: "Add [Raw]ReentrantMutex::is_owned_by_current_thread"}
	found, _ := Detect(c, difftest.CommitOf(t, difftest.Changed("lock_api/src/remutex.rs", file("", ""), file(raw, outer))), Options{})
	if len(found) != 1 {
		t.Fatalf("%d findings, want one", len(found))
	}
	ev := found[0].Evidence
	if ev.Line != 14 || ev.EndLine != 17 {
		t.Errorf("cited lines %d-%d (%q), want 14-17: the method alone", ev.Line, ev.EndLine, found[0].Items)
	}
}

// Code moved into a package of its own and exported on the way keeps its
// tests (hashicorp/golang-lru 1154eab, trimmed: simplelru/list.go's
// lruList into internal/list.go's LruList).
func TestUntestedMovedAndExportedIsMoved(t *testing.T) {
	list := func(pkg, typ, push, lenName string) string {
		return "package " + pkg + "\n\n// " + typ + " represents a doubly linked list.\ntype " + typ + "[K comparable, V any] struct {\n\troot entry[K, V]\n\tlen  int\n}\n\n" +
			"// " + push + " inserts a new element e with value v at the front of list l and returns e.\n" +
			"func (l *" + typ + "[K, V]) " + push + "(k K, v V) *entry[K, V] {\n\tl.lazyInit()\n\treturn l.insertValue(k, v, time.Time{}, &l.root)\n}\n\n" +
			"// " + lenName + " returns the number of elements of list l.\nfunc (l *" + typ + "[K, V]) " + lenName + "() int { return l.len }\n"
	}
	c := analyze.Commit{Hash: difftest.CommitID, Author: "Dmitry Verkhoturov", Subject: "move expirable LRU into separate package"}
	found, _ := Detect(c, difftest.CommitOf(t,
		difftest.Change{OldPath: "simplelru/list.go", Old: list("simplelru", "lruList", "pushFront", "length")},
		difftest.Change{NewPath: "internal/list.go", New: list("internal", "LruList", "PushFront", "Length")}), Options{})
	for _, f := range found {
		t.Errorf("moved and exported: %q (%q)", f.Title, f.Items)
	}
}

// A method the hunks show only the top of is cited at the lines the file
// gives it, not where the hunk stopped (pypa/hatch 3d899bd9 cited
// Terminal.initialize_styles as lines 183-188; it ran to line 213).
func TestUntestedCitesTheWholeDefinition(t *testing.T) {
	file := func(imports string) string {
		var b strings.Builder
		b.WriteString("class Terminal:\n    def __init__(self):\n        self._style_spinner = 'dots'\n\n")
		b.WriteString("    def initialize_styles(self, styles: dict):\n" + imports +
			"        # Lazily display errors so that they use the correct style\n        errors = []\n\n        for option, style in styles.items():\n")
		for i := range 12 {
			fmt.Fprintf(&b, "            check_%d(option, style)\n", i)
		}
		b.WriteString("            setattr(self, f'_style_{option}', style)\n\n        return errors\n\n    def style_debug(self, text):\n        return text\n")
		return b.String()
	}
	c := analyze.Commit{Hash: difftest.CommitID, Author: "Simon", Subject: "Fix `terminal.style.spinner` config value"}
	found, _ := Detect(c, difftest.CommitOf(t, difftest.Changed("src/hatch/cli/terminal.py",
		file(""), file("        from rich.spinner import Spinner\n\n"))), Options{})
	if len(found) != 1 {
		t.Fatalf("%d findings, want one", len(found))
	}
	ev := found[0].Evidence
	if ev.Line != 5 || ev.EndLine != 26 || !slices.Equal(found[0].Items, []string{"Terminal.initialize_styles (lines 5-26)"}) {
		t.Errorf("cited lines %d-%d (%q), want 5-26: the method whole", ev.Line, ev.EndLine, found[0].Items)
	}
}
