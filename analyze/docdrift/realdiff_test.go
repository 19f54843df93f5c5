package docdrift

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// The must-stop and must-start cases of issue 9, each from a real commit
// of a public repository, named in the case. Hunks are as git printed
// them (some trimmed of lines that change nothing); whole files, where the
// rule reads them, are the real file's declarations around the change,
// and the README lines the rule reads are the real README's.
func TestDocDriftRealDiffs(t *testing.T) {
	tests := []struct {
		name string
		cd   func(t *testing.T) *analyze.CommitDiff
		want []string // fingerprint | title
	}{
		// Must stop: only surfaces users see.
		{
			// A code generator its go:generate lines run: twelve flags of
			// internal/gen-atomicwrapper drafted as undocumented (round 77).
			name: "uber-go/atomic: a program under internal/ is the project's own tool",
			cd: whole(difftest.Unchanged("README.md", "Run `gen-atomicwrapper --name Bool` to generate a type.\n"), difftest.Changed("internal/gen-atomicwrapper/main.go",
				"// Command gen-atomicwrapper generates wrapper types.\npackage main\n\nimport \"flag\"\n\nfunc main() {\n\tname := flag.String(\"name\", \"\", \"type name\")\n\t_ = name\n}\n",
				"// Command gen-atomicwrapper generates wrapper types.\npackage main\n\nimport \"flag\"\n\nfunc main() {\n\tname := flag.String(\"name\", \"\", \"type name\")\n\tjson := flag.Bool(\"json\", false, \"generate JSON methods\")\n\t_, _ = name, json\n}\n")),
		},
		{
			name: "pypa/readme_renderer: a new flag of a command line the README does not document",
			cd: whole(
				difftest.Unchanged("README.rst", "Readme Renderer\n===============\n\nRenders long descriptions for PyPI.\n"),
				difftest.Changed("readme_renderer/__main__.py",
					"import argparse\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('input')\n    parser.add_argument('-o', '--output', help='Output file')\n    return parser.parse_args()\n",
					"import argparse\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('input')\n    parser.add_argument('-o', '--output', help='Output file')\n    parser.add_argument('-f', '--format', help='Input format')\n    return parser.parse_args()\n")),
		},
		{
			name: "the same new flag when the README documents the command line",
			cd: whole(
				difftest.Unchanged("README.rst", "Readme Renderer\n===============\n\nRun ``python -m readme_renderer README.rst --output out.html``.\n"),
				difftest.Changed("readme_renderer/__main__.py",
					"import argparse\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('input')\n    parser.add_argument('-o', '--output', help='Output file')\n    return parser.parse_args()\n",
					"import argparse\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('input')\n    parser.add_argument('-o', '--output', help='Output file')\n    parser.add_argument('-f', '--format', help='Input format')\n    return parser.parse_args()\n")),
			want: []string{"docdrift:readme_renderer/__main__.py:flag:--format | Document the new --format flag"},
		},
		{
			// PyCQA/pyflakes ef3c5cb (round 111, wrong): optparse gave
			// `--version` to a parser made with a version; argparse spells
			// it out. No flag is new.
			name: "a --version optparse gave, spelled out for argparse",
			cd: whole(
				difftest.Unchanged("README.rst", "Pyflakes\n========\n\nRun ``pyflakes --help`` for its options.\n"),
				difftest.Changed("pyflakes/api.py",
					"import optparse\n\n\ndef main(prog=None):\n    parser = optparse.OptionParser(prog=prog, version=_get_version())\n    (__, args) = parser.parse_args()\n",
					"import argparse\n\n\ndef main(prog=None):\n    parser = argparse.ArgumentParser(prog=prog)\n    parser.add_argument('-V', '--version', action='version', version=_get_version())\n    args = parser.parse_args()\n")),
		},
		{
			name: "the same --version new to a parser made without one",
			cd: whole(
				difftest.Unchanged("README.rst", "Pyflakes\n========\n\nRun ``pyflakes --help`` for its options.\n"),
				difftest.Changed("pyflakes/api.py",
					"import optparse\n\n\ndef main(prog=None):\n    parser = optparse.OptionParser(prog=prog)\n    (__, args) = parser.parse_args()\n",
					"import argparse\n\n\ndef main(prog=None):\n    parser = argparse.ArgumentParser(prog=prog)\n    parser.add_argument('-V', '--version', action='version', version=_get_version())\n    args = parser.parse_args()\n")),
			want: []string{"docdrift:pyflakes/api.py:flag:--version | Document the new --version flag"},
		},
		{
			name: "jmespath/jmespath.py c0ca205: a removed flag no README names leaves nothing to update",
			cd: whole(
				difftest.Unchanged("README.rst", "JMESPath\n========\n\nA query language for JSON.\n"),
				difftest.Changed("bin/jp.py",
					"import argparse\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('expression')\n    parser.add_argument('-o', '--ordered', action='store_true', help='Preserve the order of hash keys.')\n    return parser.parse_args()\n",
					"import argparse\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('expression')\n    return parser.parse_args()\n")),
		},
		{
			name: "the same flag removed while the README names it",
			cd: whole(
				difftest.Unchanged("README.rst", "JMESPath\n========\n\nRun ``jp.py --ordered`` to keep the keys' order.\n"),
				difftest.Changed("bin/jp.py",
					"import argparse\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('expression')\n    parser.add_argument('-o', '--ordered', action='store_true', help='Preserve the order of hash keys.')\n    return parser.parse_args()\n",
					"import argparse\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('expression')\n    return parser.parse_args()\n")),
			want: []string{"docdrift:bin/jp.py:flag:--ordered | Update the docs for the removed --ordered flag"},
		},
		{
			name: "the same flag in a program under cmd/ is the users'",
			cd: whole(difftest.Unchanged("README.md", "Run `gen-atomicwrapper --name Bool` to generate a type.\n"), difftest.Changed("cmd/gen-atomicwrapper/main.go",
				"// Command gen-atomicwrapper generates wrapper types.\npackage main\n\nimport \"flag\"\n\nfunc main() {\n\tname := flag.String(\"name\", \"\", \"type name\")\n\t_ = name\n}\n",
				"// Command gen-atomicwrapper generates wrapper types.\npackage main\n\nimport \"flag\"\n\nfunc main() {\n\tname := flag.String(\"name\", \"\", \"type name\")\n\tjson := flag.Bool(\"json\", false, \"generate JSON methods\")\n\t_, _ = name, json\n}\n")),
			want: []string{"docdrift:cmd/gen-atomicwrapper/main.go:flag:--json | Document the new --json flag"},
		},
		{
			// The keywords **kwargs took, named with their defaults: every
			// call that worked still does. A keyword with no default is a
			// new requirement.
			name: "davidhalter/parso 02eb9b9: load_grammar(**kwargs) names its keywords",
			cd: whole(difftest.Unchanged("README.rst", "parso\n=====\n\n    >>> grammar = parso.load_grammar()\n"),
				difftest.Changed("parso/grammar.py", parsoLoadGrammar("**kwargs"), parsoLoadGrammar("*, language='python', version=None, path=None"))),
		},
		{
			// Its docstring names every parameter left: what Sphinx shows
			// says how to call it now. One it does not name is drift.
			name: "davidhalter/parso f79432e: language taken out of load_grammar, whose docstring names the rest",
			cd: whole(difftest.Unchanged("README.rst", "parso\n=====\n\n    >>> grammar = parso.load_grammar()\n"),
				difftest.Changed("parso/grammar.py", parsoLoadGrammar("*, language='python', version=None, path=None"), parsoLoadGrammar("*, version: str = None, path: str = None"))),
		},
		{
			name: "a parameter the docstring does not name",
			cd: whole(difftest.Unchanged("README.rst", "parso\n=====\n\n    >>> grammar = parso.load_grammar()\n"),
				difftest.Changed("parso/grammar.py", parsoLoadGrammar("*, language='python', version=None, path=None"), parsoLoadGrammar("*, version: str = None, path: str = None, cache: bool"))),
			want: []string{"docdrift:parso/grammar.py:api:load_grammar | Update the docs for the changed load_grammar signature"},
		},
		{
			name: "the same keywords, one of them required",
			cd: whole(difftest.Unchanged("README.rst", "parso\n=====\n\n    >>> grammar = parso.load_grammar()\n"),
				difftest.Changed("parso/grammar.py", parsoLoadGrammar("**kwargs"), parsoLoadGrammar("*, language, version=None, path=None"))),
			want: []string{"docdrift:parso/grammar.py:api:load_grammar | Update the docs for the changed load_grammar signature"},
		},
		{
			// The definitions went to a module the file re-exports whole
			// (its unindent.rs a link to the crate's own file).
			name: "dtolnay/indoc a9afce8: definitions moved behind pub use unindent::*",
			cd: whole(
				difftest.Changed("unindent/src/lib.rs", "//! Unindent.\n\n/// Unindent a byte slice.\npub fn unindent_bytes(s: &[u8]) -> Vec<u8> {\n    let ignore_first_line = s.starts_with(b\" \");\n    do_unindent(s, ignore_first_line)\n}\n",
					"//! Unindent.\n\nmod unindent;\n\npub use unindent::*;\n"),
				difftest.Unchanged("README.md", "# unindent\n\nUse `unindent_bytes` for byte strings.\n")),
		},
		{
			name: "dtolnay/indoc 4702b6a: a trait method removed beside the function of its name that the README names",
			cd: whole(
				difftest.Changed("unindent/src/lib.rs", "pub fn unindent_bytes(s: &[u8]) -> Vec<u8> {\n    do_unindent(s, false)\n}\n\n"+
					"pub trait UnindentBytes {\n    fn unindent_bytes(&self) -> Vec<u8>;\n}\n\nimpl UnindentBytes for [u8] {\n    fn unindent_bytes(&self) -> Vec<u8> {\n        unindent_bytes(self)\n    }\n}\n",
					"pub fn unindent_bytes(s: &[u8]) -> Vec<u8> {\n    do_unindent(s, false)\n}\n"),
				difftest.Unchanged("README.md", "# unindent\n\nUse `unindent_bytes(&[u8]) -> Vec<u8>` for byte strings.\n")),
		},
		{
			name: "soft-serve 35103b63: a config key re-declared under its rewritten doc comment is no removal",
			cd: whole(
				difftest.Unchanged("README.md", "# Soft Serve\n\nSet `anon_access` in config.yaml to change what anonymous users may do.\n"),
				difftest.Changed("pkg/config/config.go",
					"package config\n\n// Config is the server's configuration.\ntype Config struct {\n\t// Name of the server.\n\tName string `env:\"NAME\" yaml:\"name\"`\n\n"+
						"\t// AnonAccess overrides the access level for anonymous users.\n\t//\n\t// If set, this takes precedence over the stored value.\n\tAnonAccess string `env:\"ANON_ACCESS\" yaml:\"anon_access\"`\n}\n",
					"package config\n\n// Config is the server's configuration.\ntype Config struct {\n\t// Name of the server.\n\tName string `env:\"NAME\" yaml:\"name\"`\n\n"+
						"\t// AnonAccess overrides the access level for anonymous users.\n\t//\n\t// If set (non-nil), this takes precedence over the stored value.\n\tAnonAccess *access.AccessLevel `env:\"ANON_ACCESS\" yaml:\"anon_access\"`\n}\n")),
		},
		{
			name: "gookit/color d95f213: a function kept as a variable of a var group is not removed",
			cd: whole(
				difftest.Unchanged("README.md", "# color\n\n```go\nfunc HsvToRgb(h, s, v int) (rgb []uint8)\n```\n"),
				difftest.Changed("convert.go",
					"package color\n\n// HsvToRgb converts an HSV color to RGB.\nfunc HsvToRgb(h, s, v int) (rgb []uint8) {\n\treturn nil\n}\n",
					"package color\n\nvar (\n\t// HsvToRgb alias of HSVToRGB\n\tHsvToRgb = HSVToRGB\n)\n\n// HSVToRGB converts an HSV color to RGB.\nfunc HSVToRGB(h, s, v float64) (rgb []uint8) {\n\treturn nil\n}\n")),
		},
		{
			name: "ijl/orjson bda10ac: pub made pub(crate) is made private, not removed",
			cd: whole(
				difftest.Changed("src/lib.rs", "pub fn loads(data: &[u8]) -> Value {\n    deserialize(data)\n}\n", "pub(crate) fn loads(data: &[u8]) -> Value {\n    deserialize(data)\n}\n"),
				difftest.Unchanged("README.md", "# lib\n\nCall `loads` to read JSON.\n")),
		},
		{
			name: "ijl/orjson bda10ac: a crate built only for Python to load has no Rust API",
			cd: whole(
				difftest.Unchanged("Cargo.toml", "[package]\nname = \"orjson\"\n\n[lib]\nname = \"orjson\"\ncrate-type = [\"cdylib\"]\n"),
				difftest.Changed("src/lib.rs", "pub fn loads(data: &[u8]) -> Value {\n    deserialize(data)\n}\n\npub fn dumps(v: Value) -> Vec<u8> {\n    serialize(v)\n}\n",
					"pub fn loads(data: &[u8]) -> Value {\n    deserialize(data)\n}\n"),
				difftest.Unchanged("README.md", "# orjson\n\nCall `orjson.dumps()` and `orjson.loads()`.\n")),
		},
		{
			name: "the same removal in a crate Rust links to is reported",
			cd: whole(
				difftest.Unchanged("Cargo.toml", "[package]\nname = \"orjson\"\n\n[lib]\ncrate-type = [\"cdylib\", \"rlib\"]\n"),
				difftest.Changed("src/lib.rs", "pub fn loads(data: &[u8]) -> Value {\n    deserialize(data)\n}\n\npub fn dumps(v: Value) -> Vec<u8> {\n    serialize(v)\n}\n",
					"pub fn loads(data: &[u8]) -> Value {\n    deserialize(data)\n}\n"),
				difftest.Unchanged("README.md", "# orjson\n\nCall `orjson.dumps()` and `orjson.loads()`.\n")),
			want: []string{"docdrift:src/lib.rs:api:dumps | Update the docs for the removed dumps"},
		},
		{
			name: "the same definitions removed with no re-export are",
			cd: whole(
				difftest.Changed("unindent/src/lib.rs", "//! Unindent.\n\n/// Unindent a byte slice.\npub fn unindent_bytes(s: &[u8]) -> Vec<u8> {\n    let ignore_first_line = s.starts_with(b\" \");\n    do_unindent(s, ignore_first_line)\n}\n",
					"//! Unindent.\n\nmod unindent;\n"),
				difftest.Unchanged("README.md", "# unindent\n\nUse `unindent_bytes` for byte strings.\n")),
			want: []string{"docdrift:unindent/src/lib.rs:api:unindent_bytes | Update the docs for the removed unindent_bytes"},
		},
		{
			name: "expressjs/express 0e3ab6ec21: a route in examples/",
			cd: hunks(difftest.Modified("examples/cookie-sessions/index.js", "examples/cookie-sessions/index.js", difftest.Hunk(13, 13,
				" app.use(cookieSession({ secret: 'manny is cool' }));",
				" ",
				" // do something with the session",
				"-app.use(count);",
				"-",
				"-// custom middleware",
				"-function count(req, res) {",
				"+app.get('/', function (req, res) {",
				"   req.session.count = (req.session.count || 0) + 1",
				"   res.send('viewed ' + req.session.count + ' times\\n')",
				"-}",
				"+})"))),
		},
		{
			name: "expressjs/express 0264908903: routes in test/",
			cd: hunks(difftest.Modified("test/app.router.js", "test/app.router.js", difftest.Hunk(316, 316,
				"       var app = express();",
				"       var router = new express.Router({ mergeParams: true });",
				" ",
				"-      router.get('/(.*).(.*)', function (req, res) {",
				"+      router.get(/^\\/(.*)\\.(.*)/, function (req, res) {",
				"         var keys = Object.keys(req.params).sort();",
				"         res.send(keys.map(function(k){ return [k, req.params[k]] }));",
				"       });"))),
		},
		{
			name: "expressjs/express ebfa00a9c0: routes of the development support app at the root",
			cd: hunks(difftest.Deleted("support/app.js",
				"var express = require('../lib/express');",
				"var app = express();",
				"app.get('/render', function(req, res){",
				"  res.render('index');",
				"});")),
		},
		{
			name: "pallets/flask 9822a03515: a route in a docstring's example",
			cd: hunks(difftest.Modified("src/flask/helpers.py", "src/flask/helpers.py", difftest.Hunk(62, 63,
				" def stream_with_context(",
				"     generator_or_function: t.Iterator[t.AnyStr] | t.Callable[..., t.Iterator[t.AnyStr]],",
				" ) -> t.Iterator[t.AnyStr] | t.Callable[[t.Iterator[t.AnyStr]], t.Iterator[t.AnyStr]]:",
				"-    \"\"\"Request contexts disappear when the response is started on the server.",
				"+    \"\"\"Wrap a response generator function so that it runs inside the current",
				"+    request context.",
				" ",
				"         from flask import stream_with_context, request, Response",
				" ",
				"-        @app.route('/stream')",
				"+        @app.get(\"/stream\")",
				"         def streamed_response():",
				"             @stream_with_context"))),
		},
		{
			name: "psf/black a538ab76: an option reformatted over lines was not removed",
			cd: whole(difftest.Changed("src/blackd/__init__.py",
				"import click\n\n\n@click.command(context_settings={\"help_option_names\": [\"-h\", \"--help\"]})\n@click.option(\n    \"--bind-host\", type=str, help=\"Address to bind the server to.\", default=\"localhost\"\n)\n@click.option(\"--bind-port\", type=int, help=\"Port to listen on\", default=45484)\n@click.version_option(version=black.__version__)\ndef main(bind_host: str, bind_port: int) -> None:\n    logging.basicConfig(level=logging.INFO)\n",
				"import click\n\n\n@click.command(context_settings={\"help_option_names\": [\"-h\", \"--help\"]})\n@click.option(\n    \"--bind-host\",\n    type=str,\n    help=\"Address to bind the server to.\",\n    default=\"localhost\",\n    show_default=True,\n)\n@click.option(\n    \"--bind-port\", type=int, help=\"Port to listen on\", default=45484, show_default=True\n)\n@click.version_option(version=black.__version__)\ndef main(bind_host: str, bind_port: int) -> None:\n    logging.basicConfig(level=logging.INFO)\n")),
		},
		{
			name: "psf/requests 561e4b6889: a method still defined further down is not removed",
			cd: whole(
				difftest.Unchanged("docs/api.rst", "Lower-Level Classes\n\n.. autoclass:: requests.adapters.HTTPAdapter\n\nMethods: ``HTTPAdapter.cert_verify``\n"),
				difftest.Changed("src/requests/adapters.py",
					"class HTTPAdapter(BaseAdapter):\n    def cert_verify(self, conn, url, verify, cert):\n        \"\"\"Verify a SSL certificate.\"\"\"\n        if url.lower().startswith(\"https\") and verify:\n            conn.cert_reqs = \"CERT_REQUIRED\"\n",
					"class HTTPAdapter(BaseAdapter):\n    def cert_verify(\n        self,\n        conn: HTTPConnectionPool,\n        url: str,\n        verify: bool | str,\n        cert: str | tuple[str, str] | None,\n    ) -> None:\n        \"\"\"Verify a SSL certificate.\"\"\"\n        if url.lower().startswith(\"https\") and verify:\n            conn.cert_reqs = \"CERT_REQUIRED\"\n")),
		},
		{
			name: "psf/requests 561e4b6889: a signature that gained only type annotations",
			cd: whole(
				difftest.Unchanged("docs/api.rst", ".. autoclass:: requests.adapters.BaseAdapter\n\n``BaseAdapter.close`` cleans up adapter specific items.\n"),
				difftest.Changed("src/requests/adapters.py",
					"class BaseAdapter:\n    \"\"\"The Base Transport Adapter\"\"\"\n\n    def close(self):\n        raise NotImplementedError\n",
					"class BaseAdapter:\n    \"\"\"The Base Transport Adapter\"\"\"\n\n    def close(self) -> None:\n        raise NotImplementedError\n")),
		},
		{
			name: "tokio-rs/axum 384f393857: an attribute that describes (#[must_use]) changes no signature",
			cd: whole(
				difftest.Unchanged("axum-core/README.md", "Call `Error::into_inner` to get the boxed error.\n"),
				difftest.Changed("axum-core/src/error.rs",
					"impl Error {\n    /// Convert an `Error` back into the underlying boxed trait object.\n    pub fn into_inner(self) -> BoxError {\n        self.inner\n    }\n}\n",
					"impl Error {\n    /// Convert an `Error` back into the underlying boxed trait object.\n    #[must_use]\n    pub fn into_inner(self) -> BoxError {\n        self.inner\n    }\n}\n")),
		},
		{
			name: "gin-gonic/gin c0048f645e: results no longer named change no signature",
			cd: whole(
				difftest.Unchanged("README.md", "Use `Context.GetString` to read a value.\n"),
				difftest.Changed("context.go",
					"package gin\n\n// GetString returns the value associated with the key as a string.\nfunc (c *Context) GetString(key any) (s string) {\n\treturn getTyped[string](c, key)\n}\n",
					"package gin\n\n// GetString returns the value associated with the key as a string.\nfunc (c *Context) GetString(key any) string {\n\treturn getTyped[string](c, key)\n}\n")),
		},
		{
			name: "gin-gonic/gin ac5e84d93c: a variadic parameter appended breaks no call",
			cd: whole(
				difftest.Unchanged("README.md", "  r := gin.Default()\n"),
				difftest.Changed("gin.go",
					"package gin\n\nfunc Default() *Engine {\n\tdebugPrintWARNINGDefault()\n\tengine := New()\n\treturn engine\n}\n",
					"package gin\n\nfunc Default(opts ...OptionFunc) *Engine {\n\tdebugPrintWARNINGDefault()\n\tengine := New()\n\treturn engine.With(opts...)\n}\n")),
		},

		{
			name: "go-ozzo/ozzo-validation d621af5: a pointer receiver made a value one breaks no call",
			cd: whole(
				difftest.Unchanged("README.md", "err := validation.Each(validation.Length(5, 20)).Validate(data)\n"),
				difftest.Changed("each.go",
					"package validation\n\n// Validate loops through the given iterable and calls the Ozzo Validate() method for each value.\nfunc (r *EachRule) Validate(value interface{}) error {\n\treturn r.validate(value)\n}\n",
					"package validation\n\n// Validate loops through the given iterable and calls the Ozzo Validate() method for each value.\nfunc (r EachRule) Validate(value interface{}) error {\n\treturn r.validate(value)\n}\n")),
		},
		{
			// The README's validation.Validate( is the package's function,
			// not this method (round 75, noise): that one names nothing.
			name: "the same method given another parameter is drift",
			cd: whole(
				difftest.Unchanged("README.md", "err := validation.Each(validation.Length(5, 20)).Validate(data)\n"),
				difftest.Changed("each.go",
					"package validation\n\n// Validate loops through the given iterable and calls the Ozzo Validate() method for each value.\nfunc (r *EachRule) Validate(value interface{}) error {\n\treturn r.validate(value)\n}\n",
					"package validation\n\n// Validate loops through the given iterable and calls the Ozzo Validate() method for each value.\nfunc (r EachRule) Validate(value interface{}, strict bool) error {\n\treturn r.validate(value)\n}\n")),
			want: []string{"docdrift:each.go:api:EachRule.Validate | Update the docs for the changed EachRule.Validate signature"},
		},
		{
			name: "go-ozzo/ozzo-validation: a README that calls the package's Validate names no method Validate",
			cd: whole(
				difftest.Unchanged("README.md", "err := validation.Validate(data, validation.Each(validation.Length(5, 20)))\n"),
				difftest.Changed("each.go",
					"package validation\n\n// Validate loops through the given iterable and calls the Ozzo Validate() method for each value.\nfunc (r *EachRule) Validate(value interface{}) error {\n\treturn r.validate(value)\n}\n",
					"package validation\n\n// Validate loops through the given iterable and calls the Ozzo Validate() method for each value.\nfunc (r EachRule) Validate(value interface{}, strict bool) error {\n\treturn r.validate(value)\n}\n")),
		},
		{
			name: "python/mypy ee9c9e1ac9: a flag hidden from --help (help=argparse.SUPPRESS)",
			cd: hunks(difftest.Modified("mypy/main.py", "mypy/main.py", difftest.Hunk(1077, 1077,
				"         help=\"Use a sqlite database to store the cache\",",
				"         group=incremental_group,",
				"     )",
				"+    incremental_group.add_argument(",
				"+        \"--sqlite-num-shards\",",
				"+        type=int,",
				"+        default=defaults.SQLITE_NUM_SHARDS,",
				"+        dest=\"sqlite_num_shards\",",
				"+        help=argparse.SUPPRESS,",
				"+    )",
				"     incremental_group.add_argument(",
				"         \"--cache-fine-grained\",",
				"         action=\"store_true\","))),
		},

		{
			name: "pallets/flask 025589ee76: black spread an option's names over lines; the flag is still there",
			cd: whole(difftest.Changed("flask/cli.py",
				"@click.command('run', short_help='Runs a development server.')\n@click.option('--reload/--no-reload', default=None,\n              help='Enable or disable the reloader. By default the reloader '\n              'is active if debug is enabled.')\ndef run_command(info, reload):\n    pass\n",
				"@click.command(\"run\", short_help=\"Runs a development server.\")\n@click.option(\n    \"--reload/--no-reload\",\n    default=None,\n    help=\"Enable or disable the reloader. By default the reloader \"\n    \"is active if debug is enabled.\",\n)\ndef run_command(info, reload):\n    pass\n")),
		},
		{
			name: "gin-gonic/gin dc43372610: a type moved to a new file of its package was not removed",
			cd: whole(
				difftest.Unchanged("README.md", "    r.GET(\"/ping\", func(c *gin.Context) {\n"),
				difftest.Changed("gin.go",
					"package gin\n\ntype (\n\tHandlerFunc func(*Context)\n\n\t// Context is the most important part of gin.\n\tContext struct {\n\t\tReq      *http.Request\n\t\tKeys     map[string]interface{}\n\t}\n)\n",
					"package gin\n\ntype (\n\tHandlerFunc func(*Context)\n)\n"),
				difftest.Change{NewPath: "context.go", New: "package gin\n\n// Context is the most important part of gin.\ntype Context struct {\n\tReq  *http.Request\n\tKeys map[string]interface{}\n}\n"}),
		},
		{
			// The two sides are the real file's two classes (testdata).
			name: "tkem/cachetools 0e778e4: a method hoisted into a base class of the same file was not removed",
			cd: func(t *testing.T) *analyze.CommitDiff {
				old, new := sides(t, "cachetools-0e778e4")
				return difftest.CommitOf(t,
					difftest.Unchanged("docs/index.rst", ".. autoclass:: TTLCache(maxsize, ttl, timer=time.monotonic, getsizeof=None)\n   :members: popitem, timer, ttl\n\n:attr:`currsize` properties to retrieve the maximum and current size\n"),
					difftest.Changed("src/cachetools/__init__.py", old, new))
			},
		},
		{
			// RequestHeader here does not embed header: its method is gone.
			name: "valyala/fasthttp eb1f908: a method moved onto a struct the type embeds is promoted, not removed",
			cd: whole(
				difftest.Unchanged("README.md", "* ResponseHeader.SetContentType and RequestHeader.SetContentType set the header.\n"),
				difftest.Changed("header.go", "package fasthttp\n\n// ResponseHeader represents HTTP response header.\ntype ResponseHeader struct {\n\tcontentType []byte\n}\n\n// RequestHeader represents HTTP request header.\ntype RequestHeader struct {\n\tcontentType []byte\n}\n\n// SetContentType sets Content-Type header value.\nfunc (h *ResponseHeader) SetContentType(contentType string) {\n\th.contentType = append(h.contentType[:0], contentType...)\n}\n\n// SetContentType sets Content-Type header value.\nfunc (h *RequestHeader) SetContentType(contentType string) {\n\th.contentType = append(h.contentType[:0], contentType...)\n}\n", "package fasthttp\n\ntype header struct {\n\tcontentType []byte\n}\n\n// ResponseHeader represents HTTP response header.\ntype ResponseHeader struct {\n\theader\n}\n\n// RequestHeader represents HTTP request header.\ntype RequestHeader struct {\n\tstatusCode int\n}\n\n// SetContentType sets Content-Type header value.\nfunc (h *header) SetContentType(contentType string) {\n\th.contentType = append(h.contentType[:0], contentType...)\n}\n")),
			want: []string{"docdrift:header.go:api:RequestHeader.SetContentType | Update the docs for the removed RequestHeader.SetContentType"},
		},
		{
			name: "psf/requests 811ee4eb5d: a class replaced by an alias of the same name was not removed",
			cd: whole(
				difftest.Unchanged("docs/api.rst", ".. autoexception:: requests.exceptions.ConnectionError\n"),
				difftest.Changed("requests/packages/urllib3/exceptions.py",
					"class HTTPError(Exception):\n    pass\n\n\nclass ConnectionError(HTTPError):\n    \"Raised when a normal connection fails.\"\n    pass\n",
					"class HTTPError(Exception):\n    pass\n\n\nclass ProtocolError(HTTPError):\n    \"Raised when something unexpected happens mid-request/response.\"\n    pass\n\n\n#: Renamed to ProtocolError but aliased for backwards compatibility.\nConnectionError = ProtocolError\n")),
		},
		{
			name: "tokio-rs/axum 21c96e0aa1: a parameter renamed changes no call",
			cd: whole(
				difftest.Unchanged("README.md", "Applications can be nested by calling `nest`:\n"),
				difftest.Changed("src/routing.rs",
					"pub fn nest<S>(spec: &str, svc: S) -> Nested<S, EmptyRouter>\nwhere\n    S: Service<Request<Body>, Error = Infallible> + Clone,\n{\n    Nested { pattern: PathPattern::new(spec), svc, fallback: EmptyRouter::new() }\n}\n",
					"pub fn nest<S>(description: &str, svc: S) -> Nested<S, EmptyRouter>\nwhere\n    S: Service<Request<Body>, Error = Infallible> + Clone,\n{\n    Nested { pattern: PathPattern::new(description), svc, fallback: EmptyRouter::new() }\n}\n")),
		},
		{
			name: "expressjs/express 014fb46449: a route in the root's test.js",
			cd:   hunks(difftest.Added("test.js", "var express = require('./lib/express');", "var app = express();", "app.post('/', function(req, res){", "  res.send(req.body);", "});")),
		},
		{
			name: "pallets/flask 5935ee495c: routes in flask/testsuite/",
			cd: hunks(difftest.Modified("flask/testsuite/basic.py", "flask/testsuite/basic.py", difftest.Hunk(396, 396,
				"         app.config['SESSION_REFRESH_EACH_REQUEST'] = False",
				"         run_test(expect_header=False)",
				" ",
				"+    def test_session_vary_cookie(self):",
				"+        app = flask.Flask(__name__)",
				"+        @app.route('/set-session')",
				"+        def set_session():",
				"+            flask.session['test'] = 'test'",
				"+            return ''"))),
		},

		// Must start: documentation that counts, and drift proven.
		{
			name: "psf/black 0fd353f1: a changelog entry that names the new flag documents it",
			cd: hunks(
				difftest.Modified("CHANGES.md", "CHANGES.md", difftest.Hunk(2, 2,
					" ",
					" ## Unreleased",
					" ",
					"+### _Black_",
					"+",
					"+- Add new `--workers` parameter (#2514)",
					"+",
					" ### _Blackd_")),
				blackWorkers),
		},
		{
			name: "psf/black 0fd353f1 with the changelog entry of a538ab76, which does not name the flag",
			cd: hunks(
				difftest.Modified("CHANGES.md", "CHANGES.md", difftest.Hunk(44, 44,
					" <!-- Changes to blackd -->",
					" ",
					"+- The `blackd` argument parser now shows the default values for options in their help",
					"+  text (#3712)",
					"+",
					" ### Integrations")),
				blackWorkers),
			want: []string{"docdrift:src/black/__init__.py:flag:--workers | Document the new --workers flag"},
		},
		{
			name: "go-kit/kit 7faed7f: a short Go function is named through its package, not by another package's log.New(",
			cd: whole(
				difftest.Unchanged("README.md", "    logger := log.NewLogfmtLogger(os.Stderr)\n    stdlog.SetOutput(log.NewStdlibAdapter(logger))\n    l := kitlog.New(os.Stdout)\n"),
				difftest.Changed("metrics/cloudwatch2/cloudwatch2.go", "package cloudwatch2\n\n// New returns a CloudWatch object that may be used to create metrics.\nfunc New(namespace string, svc cloudwatchiface.CloudWatchAPI, options ...Option) *CloudWatch {\n\treturn &CloudWatch{namespace: namespace, svc: svc}\n}\n", "package cloudwatch2\n\n// New returns a CloudWatch object that may be used to create metrics.\nfunc New(namespace string, svc cloudwatchiface.ClientAPI, options ...Option) *CloudWatch {\n\treturn &CloudWatch{namespace: namespace, svc: svc}\n}\n")),
		},
		{
			name: "go-kit/kit 7faed7f, a README that calls cloudwatch2.New",
			cd: whole(
				difftest.Unchanged("README.md", "    cw := cloudwatch2.New(\"ns\", svc)\n"),
				difftest.Changed("metrics/cloudwatch2/cloudwatch2.go", "package cloudwatch2\n\n// New returns a CloudWatch object that may be used to create metrics.\nfunc New(namespace string, svc cloudwatchiface.CloudWatchAPI, options ...Option) *CloudWatch {\n\treturn &CloudWatch{namespace: namespace, svc: svc}\n}\n", "package cloudwatch2\n\n// New returns a CloudWatch object that may be used to create metrics.\nfunc New(namespace string, svc cloudwatchiface.ClientAPI, options ...Option) *CloudWatch {\n\treturn &CloudWatch{namespace: namespace, svc: svc}\n}\n")),
			want: []string{"docdrift:metrics/cloudwatch2/cloudwatch2.go:api:New | Update the docs for the changed New signature"},
		},
		{
			name: "gin-gonic/gin 57f99ca50f: a signature changed that the README still calls the old way",
			cd: whole(
				difftest.Unchanged("README.md", "            c.SetCookie(\"gin_cookie\", \"test\", 3600, \"/\", \"localhost\", http.SameSiteLaxMode, false, true)\n"),
				difftest.Changed("context.go",
					"package gin\n\n// SetCookie adds a Set-Cookie header to the ResponseWriter's headers.\nfunc (c *Context) SetCookie(name, value string, maxAge int, path, domain string, sameSite http.SameSite, secure, httpOnly bool) {\n\tif path == \"\" {\n\t\tpath = \"/\"\n\t}\n}\n",
					"package gin\n\n// SetCookie adds a Set-Cookie header to the ResponseWriter's headers.\nfunc (c *Context) SetCookie(name, value string, maxAge int, path, domain string, secure, httpOnly bool) {\n\tif path == \"\" {\n\t\tpath = \"/\"\n\t}\n}\n")),
			want: []string{"docdrift:context.go:api:Context.SetCookie | Update the docs for the changed Context.SetCookie signature"},
		},
		{
			name: "tokio-rs/axum 69703479: a signature changed with its doc comment is documented",
			cd: whole(
				difftest.Unchanged("axum-extra/README.md", "Use `option_layer` to apply a layer conditionally.\n"),
				difftest.Changed("axum-extra/src/middleware.rs",
					"/// Convert an `Option<Layer>` into a [`Layer`].\n///\n/// [`tower::util::option_layer`] always changes the error type to [`BoxError`].\npub fn option_layer<L>(layer: Option<L>) -> Either<L, Identity> {\n    layer\n        .map(Either::E1)\n        .unwrap_or_else(|| Either::E2(Identity::new()))\n}\n",
					"/// Convert an `Option<Layer>` into a [`Layer`].\n///\n/// `axum_extra::middleware::option_layer` makes sure that the output `Body` is [`axum::body::Body`].\npub fn option_layer<L>(layer: Option<L>) -> Either<(ResponseAxumBodyLayer, L), Identity> {\n    layer\n        .map(|layer| Either::E1((ResponseAxumBodyLayer, layer)))\n        .unwrap_or_else(|| Either::E2(Identity::new()))\n}\n")),
		},
		{
			name: "tokio-rs/axum 7961711fc7: a changelog entry that names the type documents its constructors",
			cd: whole(
				difftest.Unchanged("axum/README.md", "Return `Redirect::to(\"/\")` from a handler.\n"),
				difftest.Changed("axum/CHANGELOG.md",
					"# Unreleased\n\n- **changed:** Update minimum rust version to 1.80 ([#3620])\n",
					"# Unreleased\n\n- **changed:** Update minimum rust version to 1.80 ([#3620])\n- **changed:** `Redirect` constructors now accept any `impl Into<String>` ([#3635])\n"),
				difftest.Changed("axum/src/response/redirect.rs", axumRedirect("uri: &str", "uri"), axumRedirect("uri: impl Into<String>", "uri.into()"))),
		},
		{
			name: "tokio-rs/axum 7961711fc7 without its changelog entry: a parameter's type alone is no new signature",
			cd: whole(
				difftest.Unchanged("axum/README.md", "Return `Redirect::to(\"/\")` from a handler.\n"),
				difftest.Changed("axum/src/response/redirect.rs", axumRedirect("uri: &str", "uri"), axumRedirect("uri: impl Into<String>", "uri.into()"))),
		},
		{
			name: "spf13/afero 165e3dc: methods whose type moved to another file of the package are not removed",
			cd: whole(
				difftest.Unchanged("README.md", "Use `GcsFs.MkdirAll` to create a bucket path.\n"),
				difftest.Changed("gcsfs/fs.go",
					"package gcsfs\n\n// GcsFs is a Fs implementation that uses functions provided by google cloud storage\ntype GcsFs struct {\n\tseparator string\n}\n\n"+
						"func (fs *GcsFs) MkdirAll(path string, perm os.FileMode) error {\n\treturn fs.mkdir(path, perm)\n}\n",
					"package gcsfs\n\n// Fs is a Fs implementation that uses functions provided by google cloud storage\ntype Fs struct {\n\tseparator string\n}\n\n"+
						"func (fs *Fs) MkdirAll(path string, perm os.FileMode) error {\n\treturn fs.mkdir(path, perm)\n}\n"),
				difftest.Change{OldPath: "gcs.go", NewPath: "gcsfs/gcs.go", Old: aferoGcs, New: aferoGcs}), // moved whole: no hunk
		},
		{
			// The attribute makes a build check that it cannot panic; how
			// Buffer::new is called is the same.
			name: "dtolnay/itoa 91ba6e8: an attribute added above a method is no new signature",
			cd: whole(
				difftest.Unchanged("README.md", "let mut buffer = itoa::Buffer::new();\n"),
				difftest.Changed("src/lib.rs", itoaBuffer(""), itoaBuffer("    #[cfg_attr(feature = \"no-panic\", no_panic)]\n"))),
		},
		{
			// The binding of a receiver taken by value is the method's own
			// business: callers pass the map the same way.
			name: "bluss/indexmap d8e3545: mut self made self is no new signature",
			cd: whole(
				difftest.Unchanged("README.rst", "  - Add method ``.sorted_by()``.\n"),
				difftest.Changed("src/map.rs",
					"impl<K, V> IndexMap<K, V> {\n    /// Sort the map's key-value pairs.\n    pub fn sorted_by<F>(mut self, mut cmp: F) -> IntoIter<K, V>\n    where\n        F: FnMut(&K, &V, &K, &V) -> Ordering,\n    {\n        self.as_entries_mut().sort_by(move |a, b| cmp(&a.key, &a.value, &b.key, &b.value));\n        self.into_iter()\n    }\n}\n",
					"impl<K, V> IndexMap<K, V> {\n    /// Sort the map's key-value pairs.\n    pub fn sorted_by<F>(self, mut cmp: F) -> IntoIter<K, V>\n    where\n        F: FnMut(&K, &V, &K, &V) -> Ordering,\n    {\n        let mut entries = self.into_entries();\n        entries.sort_by(move |a, b| cmp(&a.key, &a.value, &b.key, &b.value));\n        IntoIter { iter: entries.into_iter() }\n    }\n}\n")),
		},
		{
			// An alias is the type it names: every call compiles as before.
			name: "muesli/termenv 925ea91: a parameter's type written through a new alias is no new signature",
			cd: whole(
				difftest.Unchanged("README.md", "output := termenv.NewOutput(os.Stdout)\noutput := termenv.NewOutput(os.Stdout, termenv.WithProfile(termenv.TrueColor))\n"),
				difftest.Changed("output.go",
					"package termenv\n\nimport \"io\"\n\n// NewOutput returns a new Output for the given file descriptor.\nfunc NewOutput(tty io.Writer, opts ...func(*Output)) *Output {\n\to := &Output{tty: tty}\n\tfor _, opt := range opts {\n\t\topt(o)\n\t}\n\treturn o\n}\n\n"+
						"// WithProfile returns a new OutputOption for the given profile.\nfunc WithProfile(profile Profile) func(*Output) {\n\treturn func(o *Output) {\n\t\to.Profile = profile\n\t}\n}\n",
					"package termenv\n\nimport \"io\"\n\n// OutputOption sets an option on Output.\ntype OutputOption = func(*Output)\n\n// NewOutput returns a new Output for the given file descriptor.\nfunc NewOutput(tty io.Writer, opts ...OutputOption) *Output {\n\to := &Output{tty: tty}\n\tfor _, opt := range opts {\n\t\topt(o)\n\t}\n\treturn o\n}\n\n"+
						"// WithProfile returns a new OutputOption for the given profile.\nfunc WithProfile(profile Profile) OutputOption {\n\treturn func(o *Output) {\n\t\to.Profile = profile\n\t}\n}\n")),
		},
		{
			// A defined func type is assignable to and from the func type
			// it names: `csrf.Secure(false)` still goes to Protect.
			name: "gorilla/csrf a998014: a result's func type written as the Option type it defines",
			cd: whole(
				difftest.Unchanged("README.md", "    // PS: Don't forget to pass csrf.Secure(false) if you're developing locally\n"),
				difftest.Changed("options.go",
					"package csrf\n\n// Secure sets the 'Secure' flag on the cookie.\nfunc Secure(s bool) func(*csrf) {\n\treturn func(cs *csrf) {\n\t\tcs.opts.Secure = s\n\t}\n}\n",
					"package csrf\n\n// Option describes a functional option for configuring the CSRF handler.\ntype Option func(*csrf)\n\n// Secure sets the 'Secure' flag on the cookie.\nfunc Secure(s bool) Option {\n\treturn func(cs *csrf) {\n\t\tcs.opts.Secure = s\n\t}\n}\n")),
		},
		{
			name: "a result's type made a defined struct type is another type",
			cd: whole(
				difftest.Unchanged("README.md", "    // PS: Don't forget to pass csrf.Secure(false) if you're developing locally\n"),
				difftest.Changed("options.go",
					"package csrf\n\n// Secure sets the 'Secure' flag on the cookie.\nfunc Secure(s bool) func(*csrf) {\n\treturn func(cs *csrf) {\n\t\tcs.opts.Secure = s\n\t}\n}\n",
					"package csrf\n\n// Option is one option.\ntype Option struct{ apply func(*csrf) }\n\n// Secure sets the 'Secure' flag on the cookie.\nfunc Secure(s bool) Option {\n\treturn Option{func(cs *csrf) {\n\t\tcs.opts.Secure = s\n\t}}\n}\n")),
			want: []string{"docdrift:options.go:api:Secure | Update the docs for the changed Secure signature"},
		},
		{
			name: "a method made a property is called another way",
			cd: whole(
				difftest.Unchanged("README.md", "Read `Client.timeout` for the current limit.\n"),
				difftest.Changed("client.py",
					"class Client:\n    def timeout(self):\n        return self._timeout\n",
					"class Client:\n    @property\n    def timeout(self):\n        return self._timeout\n")),
			want: []string{"docdrift:client.py:api:Client.timeout | Update the docs for the changed Client.timeout signature"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := Detect(analyze.Commit{Hash: difftest.CommitID}, tt.cd(t), Options{})
			var got []string
			for _, f := range found {
				got = append(got, f.Fingerprint+" | "+f.Title)
				if f.Confidence <= 0 || f.Confidence > 1 {
					t.Errorf("confidence %v", f.Confidence)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found:\n got %q\nwant %q", got, tt.want)
			}
			// After another detector read the commit's symbols (untested
			// runs first), the same is found from what it read.
			cd := tt.cd(t)
			syms := symbol.ForCommit(cd)
			for i := range cd.Files {
				syms.Changed(&cd.Files[i])
			}
			var again []string
			for _, f := range Detect(analyze.Commit{Hash: difftest.CommitID}, cd, Options{}) {
				again = append(again, f.Fingerprint+" | "+f.Title)
			}
			if !reflect.DeepEqual(again, tt.want) {
				t.Errorf("found after the symbols were read:\n got %q\nwant %q", again, tt.want)
			}
		})
	}
}

// blackWorkers is the new option of psf/black 0fd353f1.
var blackWorkers = difftest.Modified("src/black/__init__.py", "src/black/__init__.py", difftest.Hunk(318, 320,
	"         \"editors that rely on using stdin.\"",
	"     ),",
	" )",
	"+@click.option(",
	"+    \"-W\",",
	"+    \"--workers\",",
	"+    type=click.IntRange(min=1),",
	"+    default=DEFAULT_WORKERS,",
	"+    show_default=True,",
	"+    help=\"Number of parallel workers\",",
	"+)",
	" @click.option(",
	"     \"-q\",",
	"     \"--quiet\","))

// axumRedirect is axum/src/response/redirect.rs around Redirect::to,
// before or after 7961711fc7.
func axumRedirect(param, arg string) string {
	return "pub struct Redirect {\n    status_code: StatusCode,\n    location: String,\n}\n\nimpl Redirect {\n" +
		"    /// Create a new [`Redirect`] that uses a [`303 See Other`][mdn] status code.\n" +
		"    pub fn to(" + param + ") -> Self {\n        Self::with_status_code(StatusCode::SEE_OTHER, " + arg + ")\n    }\n}\n"
}

// parsoLoadGrammar is parso/grammar.py's load_grammar (trimmed) with the
// parameters params.
func parsoLoadGrammar(params string) string {
	return "def load_grammar(" + params + "):\n    \"\"\"\n    Loads a :py:class:`parso.Grammar`. The default version is the current Python\n    version.\n\n" +
		"    :param str version: A python version string, e.g. ``version='3.8'``.\n    :param str path: A path to a grammar file\n    \"\"\"\n    return _load(**locals())\n"
}

// aferoGcs is the GcsFs wrapper spf13/afero 165e3dc moved into gcsfs/
// (trimmed).
const aferoGcs = "package gcsfs\n\n// GcsFs wraps Fs.\ntype GcsFs struct {\n\tsource *Fs\n}\n\n" +
	"func (fs *GcsFs) MkdirAll(path string, perm os.FileMode) error {\n\treturn fs.source.MkdirAll(path, perm)\n}\n"

// itoaBuffer is dtolnay/itoa's Buffer::new (91ba6e8, trimmed), with attr
// after its #[inline].
func itoaBuffer(attr string) string {
	return "pub struct Buffer {\n    bytes: [MaybeUninit<u8>; I128_MAX_LEN],\n}\n\nimpl Buffer {\n" +
		"    /// This is a cheap operation; you don't need to worry about reusing buffers\n    /// for efficiency.\n" +
		"    #[inline]\n" + attr + "    pub fn new() -> Buffer {\n        let bytes = [MaybeUninit::<u8>::uninit(); I128_MAX_LEN];\n        Buffer { bytes }\n    }\n}\n"
}

// hunks is a commit of diffs alone: no file is given whole.
func hunks(files ...string) func(t *testing.T) *analyze.CommitDiff {
	return func(t *testing.T) *analyze.CommitDiff { return difftest.Commit(t, files...) }
}

// whole is a commit whose files are given whole at both sides.
// sides reads a file's two sides kept in testdata/NAME (old.py, new.py).
func sides(t *testing.T, name string) (old, new string) {
	t.Helper()
	o, err := os.ReadFile(filepath.Join("testdata", name, "old.py"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := os.ReadFile(filepath.Join("testdata", name, "new.py"))
	if err != nil {
		t.Fatal(err)
	}
	return string(o), string(n)
}

func whole(changes ...difftest.Change) func(t *testing.T) *analyze.CommitDiff {
	return func(t *testing.T) *analyze.CommitDiff { return difftest.CommitOf(t, changes...) }
}

// Lines inside a docstring or a string define nothing, whatever the notes
// say: pallets/flask 9822a03515 edited the routes of a docstring's
// example; a Go raw string holding an example handler is text.
func TestSurfacesInsideStrings(t *testing.T) {
	for _, diff := range []string{
		difftest.Modified("src/flask/helpers.py", "src/flask/helpers.py", difftest.Hunk(62, 63,
			" def stream_with_context(",
			"     generator_or_function: t.Iterator[t.AnyStr] | t.Callable[..., t.Iterator[t.AnyStr]],",
			" ) -> t.Iterator[t.AnyStr] | t.Callable[[t.Iterator[t.AnyStr]], t.Iterator[t.AnyStr]]:",
			"-    \"\"\"Request contexts disappear when the response is started on the server.",
			"+    \"\"\"Wrap a response generator function so that it runs inside the current",
			" ",
			"-        @app.route('/stream')",
			"+        @app.get(\"/stream\")",
			"         def streamed_response():")),
		difftest.Added("server/template.go",
			"package server",
			"",
			"const example = `",
			"\tr.GET(\"/ping\", func(c *gin.Context) {",
			"\t\tc.String(http.StatusOK, \"pong\")",
			"\t})",
			"`"),
	} {
		cd := difftest.Commit(t, diff)
		if got := netSurfaces(cd, symbol.ForCommit(cd)); len(got) != 0 {
			t.Errorf("%s: surfaces %+v", cd.Files[0].Path(), got)
		}
	}
}

// mayDeclare passes over Go changes inside bodies only, and keeps every
// hunk that could add, remove or re-sign a declaration.
func TestMayDeclare(t *testing.T) {
	body := strings.Repeat("\tx++\n", 8)
	for _, tt := range []struct {
		name, path, old, new string
		want                 bool
	}{
		{"body only", "p.go", "package p\n\nfunc Do(x int) int {\n" + body + "\treturn x\n}\n", "package p\n\nfunc Do(x int) int {\n" + body + "\treturn x + 1\n}\n", false},
		{"removed func", "p.go", "package p\n\nfunc Do() {}\n\nfunc Gone() {}\n", "package p\n\nfunc Do() {}\n", true},
		{"parameter on its own line", "p.go", "package p\n\nfunc Do(\n\ta int,\n) {\n" + body + "}\n", "package p\n\nfunc Do(\n\ta, b int,\n) {\n" + body + "}\n", true},
		{"type group member", "p.go", "package p\n\ntype (\n\tA int\n\tB int\n)\n", "package p\n\ntype (\n\tA int\n)\n", true},
		{"not Go", "p.py", "def f():\n" + strings.Repeat("    x = 1\n", 8) + "    return 1\n", "def f():\n" + strings.Repeat("    x = 1\n", 8) + "    return 2\n", true},
	} {
		cd := difftest.CommitOf(t, difftest.Changed(tt.path, tt.old, tt.new))
		if got := mayDeclare(&cd.Files[0]); got != tt.want {
			t.Errorf("%s: mayDeclare = %v, want %v", tt.name, got, tt.want)
		}
		// What it passes over holds nothing apiDrift would look at.
		if !tt.want && apiCandidate(symbol.Changed(&cd.Files[0])) {
			t.Errorf("%s: passed over a file the hunks show an API change in", tt.name)
		}
	}
}
