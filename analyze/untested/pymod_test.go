package untested

import (
	"slices"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// The packages are trimmed from encode/httpx's (httpx/__init__.py
// star-imports _api, _client, _models; _multipart is imported by none).
func TestPythonPrivateModule(t *testing.T) {
	files := map[string]string{
		"httpx/__init__.py":   "from .__version__ import __description__, __title__, __version__\nfrom ._api import *\nfrom ._client import *\nfrom ._models import *\nfrom ._transports import *\n",
		"httpx/_client.py":    "__all__ = [\"USE_CLIENT_DEFAULT\", \"AsyncClient\", \"Client\"]\n\nclass Client:\n    pass\n",
		"httpx/_models.py":    "class Request:\n    pass\n",
		"named/__init__.py":   "from ._core import (\n    Engine,\n    Session as S,  # the short name\n)\nfrom ._util.text import wrap\n",
		"lazy/__init__.py":    "def __getattr__(name):\n    return globals()[name]\n",
		"pkg/sub/__init__.py": "",
		"pkg/sub/_helpers.py": "def x():\n    pass\n",
	}
	read := func(p string) ([]byte, bool) {
		src, ok := files[p]
		return []byte(src), ok
	}
	for _, tc := range []struct {
		path    string
		private bool
		only    string
	}{
		{"httpx/_multipart.py", true, ""},                                    // imported by no __init__.py
		{"httpx/_client.py", false, "AsyncClient Client USE_CLIENT_DEFAULT"}, // star: its __all__
		{"httpx/_models.py", false, ""},                                      // star, no __all__: every public name
		{"httpx/_transports/default.py", false, ""},                          // star from a private folder: not followed
		{"named/_core.py", false, "Engine Session"},                          // names imported, over lines
		{"named/_util/text.py", false, "wrap"},                               // from a module in a private folder
		{"named/_other.py", true, ""},
		{"lazy/_impl.py", false, ""},      // exports built by __getattr__
		{"nowhere/_impl.py", false, ""},   // no __init__.py to read
		{"httpx/client.py", false, ""},    // no private part
		{"pkg/sub/_helpers.py", true, ""}, // an empty __init__.py exports nothing of it
		{"httpx/__init__.py", false, ""},  // dunder names are no private parts
	} {
		got, only := pythonPrivateModule(tc.path, read)
		var names []string
		for n := range only {
			names = append(names, n)
		}
		slices.Sort(names)
		if got != tc.private || strings.Join(names, " ") != tc.only {
			t.Errorf("pythonPrivateModule(%s) = %v, %q, want %v, %q", tc.path, got, names, tc.private, tc.only)
		}
	}
}

// encode/httpx 6212e8fa moved two helpers into _multipart.py and renamed
// their calls: DataField.render_headers was drafted as exported code
// (round 117, noise). Exported by the package's __init__.py, it is.
func TestUntestedPythonPrivateModule(t *testing.T) {
	before := "class DataField:\n    def render_headers(self) -> bytes:\n        return format_form_param(\"name\", self.name)\n"
	after := "class DataField:\n    def render_headers(self) -> bytes:\n        return _format_form_param(\"name\", self.name)\n"
	test := difftest.Unchanged("tests/test_multipart.py", "def test_multipart():\n    pass\n")
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Move multipart helpers"}
	for _, tc := range []struct {
		init string
		want int
	}{
		{"from ._api import *\nfrom ._client import *\n", 0},
		{"from ._api import *\nfrom ._multipart import DataField\n", 1},
	} {
		cd := difftest.CommitOf(t, test, difftest.Unchanged("httpx/__init__.py", tc.init), difftest.Changed("httpx/_multipart.py", before, after))
		if found, _ := Detect(c, cd, Options{}); len(found) != tc.want {
			t.Errorf("__init__.py %q: %d findings, want %d", tc.init, len(found), tc.want)
		}
	}
}

// jashkenas/underscore's modules/_*.js are helpers its index does not
// export (round 127, noise); a helper an index re-exports is the
// package's, and a folder with no index says nothing.
func TestJSPrivateModule(t *testing.T) {
	files := map[string]string{
		"modules/index.js": "export { default as isString } from './isString.js';\nexport { default as flatten } from './flatten.js';\n",
		"lib/index.ts":     "export * from './_shared';\n",
	}
	read := func(p string) ([]byte, bool) {
		src, ok := files[p]
		return []byte(src), ok
	}
	for p, want := range map[string]bool{
		"modules/_tagTester.js": true,
		"modules/isString.js":   false,
		"lib/_shared.ts":        false, // re-exported
		"src/_helpers.js":       false, // no index to ask
		"modules/__init__.js":   false,
	} {
		if got, _ := jsPrivateModule(p, read); got != want {
			t.Errorf("jsPrivateModule(%s) = %v, want %v", p, got, want)
		}
	}
}

// The detector asks: a helper the folder's index does not export is no
// exported code.
func TestUntestedJSPrivateModule(t *testing.T) {
	before := "export default function tagTester(name) {\n  return function(obj) {\n    return toString.call(obj) === '[object ' + name + ']';\n  };\n}\n"
	after := "export default function tagTester(name) {\n  var tag = '[object ' + name + ']';\n  return function(obj) {\n    return toString.call(obj) === tag;\n  };\n}\n"
	test := difftest.Unchanged("test/objects.js", "QUnit.test('isString', function() {});\n")
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Build the tag once"}
	for _, tc := range []struct {
		index string
		want  int
	}{
		{"export { default as isString } from './isString.js';\n", 0},
		{"export { default as tagTester } from './_tagTester.js';\n", 1},
	} {
		cd := difftest.CommitOf(t, test, difftest.Unchanged("modules/index.js", tc.index), difftest.Changed("modules/_tagTester.js", before, after))
		if found, _ := Detect(c, cd, Options{}); len(found) != tc.want {
			t.Errorf("index %q: %d findings, want %d", tc.index, len(found), tc.want)
		}
	}
}
