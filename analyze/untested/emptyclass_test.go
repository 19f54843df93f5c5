package untested

import (
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

func TestPyEmptyClass(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		line int
		want bool
	}{
		{"a docstring", pyparsingWarnings, 1, true},
		{"two bases", pyparsingWarnings, 5, true},
		{"at the end of the file", pyparsingWarnings, 9, true},
		{"pass on its own line", "class Gone(Exception):\n    pass\n\nx = 1\n", 1, true},
		{"pass after the colon", "class Gone(Exception): pass\n", 1, true},
		{"a docstring over lines, then ...", "class P(Protocol):\n    \"\"\"\n    A shape.\n\n    More.\n    \"\"\"\n    ...\n", 1, true},
		{"a header over lines", "class Error(\n    ValueError,  # compatible\n):\n    '''Raised on bad input.'''\n", 1, true},
		{"a method", "class Stack:\n    \"\"\"A stack.\"\"\"\n\n    def push(self, x):\n        self.items.append(x)\n", 1, false},
		{"an attribute", "class Color:\n    \"\"\"Colors.\"\"\"\n    RED = 1\n", 1, false},
		{"a docstring, then code after it", "class Conf:\n    \"\"\"Settings.\n    \"\"\"\n    debug = False\n", 1, false},
		{"no body in view", "class Stack:\n", 1, false},
		{"not a line of the file", pyparsingWarnings, 40, false},
	} {
		if got := pyEmptyClass([]byte(tc.src), tc.line); got != tc.want {
			t.Errorf("%s: pyEmptyClass = %v, want %v", tc.name, got, tc.want)
		}
	}
}

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
