package symbol

import "testing"

// pyparsing-dev/pyparsing 65ddbbe's pyparsing/warnings.py, whole.
const pyparsingWarnings = `class PyparsingWarning(UserWarning):
    """Base warning class for all pyparsing warnings"""


class PyparsingDeprecationWarning(PyparsingWarning, DeprecationWarning):
    """Base warning class for all pyparsing deprecation warnings"""


class PyparsingDiagnosticWarning(PyparsingWarning):
    """Base warning class for all pyparsing diagnostic warnings"""
`

func TestEmptyPythonClass(t *testing.T) {
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
		if got := emptyPythonClass([]byte(tc.src), tc.line); got != tc.want {
			t.Errorf("%s: emptyPythonClass = %v, want %v", tc.name, got, tc.want)
		}
	}
}
