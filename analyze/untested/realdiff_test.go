package untested

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/finding"
)

// The must-stop and must-start cases of issue 9, each from a real commit
// of a public repository, named in the case. Hunks are as git printed
// them (some trimmed of lines that change nothing); whole files, where the
// rule reads them, are the real file's declarations around the change.
func TestUntestedRealDiffs(t *testing.T) {
	tests := []struct {
		name string
		cd   func(t *testing.T) *analyze.CommitDiff
		want []string // fingerprint | title
	}{
		// Must stop: changes that change no behaviour.
		{
			name: "tokio-rs/axum 384f393857: an attribute that describes (#[must_use])",
			cd: hunks(difftest.Modified("axum-core/src/error.rs", "axum-core/src/error.rs", difftest.Hunk(16, 16,
				"     }",
				" ",
				"     /// Convert an `Error` back into the underlying boxed trait object.",
				"+    #[must_use]",
				"     pub fn into_inner(self) -> BoxError {",
				"         self.inner",
				"     }"))),
		},
		{
			name: "astanin/python-tabulate 46c9fe3: a dataclass's fields are a shape, nothing to test",
			cd: hunks(difftest.Modified("tabulate/__init__.py", "tabulate/__init__.py", difftest.Hunk(69, 71,
				" Line = namedtuple(\"Line\", [\"begin\", \"hline\", \"sep\", \"end\"])",
				" ",
				" ",
				"-DataRow = namedtuple(\"DataRow\", [\"begin\", \"sep\", \"end\"])",
				"+@dataclass",
				"+class DataRow:",
				"+    begin: str",
				"+    sep: str",
				"+    end: str",
				"+    escape_map: dict = None",
				" ",
				" ",
				" # A table structure is supposed to be:"))),
		},
		{
			name: "urfave/cli 55836e63: a doc comment",
			cd: hunks(difftest.Modified("flag_float.go", "flag_float.go", difftest.Hunk(57, 57,
				" \treturn getFloat[float32](cmd, name)",
				" }",
				" ",
				"-// Float64 looks up the value of a local Float32Flag, returns",
				"+// Float64 looks up the value of a local Float64Flag, returns",
				" // 0 if not found",
				" func (cmd *Command) Float64(name string) float64 {",
				" \treturn getFloat[float64](cmd, name)"))),
		},
		{
			name: "pallets/flask ecc057dd: a type annotation",
			cd: hunks(difftest.Modified("src/flask/sansio/scaffold.py", "src/flask/sansio/scaffold.py", difftest.Hunk(272, 273,
				"         self._static_url_path = value",
				" ",
				"     @cached_property",
				"-    def jinja_loader(self) -> FileSystemLoader | None:",
				"+    def jinja_loader(self) -> BaseLoader | None:",
				"         \"\"\"The Jinja loader for this object's templates. By default this",
				"         is a class :class:`jinja2.loaders.FileSystemLoader` to"))),
		},
		{
			name: "pallets/flask aa040c08: formatting (black's trailing comma)",
			cd: hunks(difftest.Modified("src/flask/templating.py", "src/flask/templating.py", difftest.Hunk(134, 134,
				" ",
				" def render_template(",
				"     template_name_or_list: t.Union[str, Template, t.List[t.Union[str, Template]]],",
				"-    **context: t.Any",
				"+    **context: t.Any,",
				" ) -> str:",
				"     \"\"\"Render a template by name with the given context.",
				" "))),
		},
		{
			name: "psf/requests 748633d6: a pure rename",
			cd: hunks(difftest.Modified("requests/core.py", "requests/core.py", difftest.Hunk(268, 268,
				" \t\t\"\"\"Returns true if status_code is 'OK'.\"\"\"",
				" \t\treturn not self.error",
				" \t\t",
				"-\tdef raise_for_response(self):",
				"+\tdef raise_for_status(self):",
				" \t\t\"\"\"Raises stored HTTPError if one exists.\"\"\"",
				" \t\tif self.error:",
				" \t\t\traise self.error"))),
		},
		{
			name: "urfave/cli fb3f35b0: a Go function published under a new name, and its caller",
			cd: whole(
				difftest.Changed("completion.go",
					"package cli\n\nfunc buildCompletionCommand(appName string) *Command {\n\treturn &Command{\n\t\tName:   completionCommandName,\n\t\tHidden: true,\n\t}\n}\n",
					"package cli\n\nfunc BuildCompletionCommand(appName string) *Command {\n\treturn &Command{\n\t\tName:   completionCommandName,\n\t\tHidden: true,\n\t}\n}\n"),
				difftest.Changed("command_setup.go",
					"package cli\n\nfunc (cmd *Command) SetupDefaults(osArgs []string) {\n\tif cmd.EnableShellCompletion {\n\t\tcompletionCommand := buildCompletionCommand(cmd.Name)\n\t\tcmd.appendCommand(completionCommand)\n\t}\n}\n",
					"package cli\n\nfunc (cmd *Command) SetupDefaults(osArgs []string) {\n\tif cmd.EnableShellCompletion {\n\t\tcompletionCommand := BuildCompletionCommand(cmd.Name)\n\t\tcmd.appendCommand(completionCommand)\n\t}\n}\n")),
		},
		{
			name: "go-git/go-git 12c9ae5: an accessor that reads a field under its lock",
			cd: whole(difftest.Changed("internal/sharedfile/sharedfile.go",
				"package sharedfile\n\nimport \"sync\"\n\ntype SharedFile struct {\n\tmu   sync.Mutex\n\trefs int\n}\n",
				"package sharedfile\n\nimport \"sync\"\n\ntype SharedFile struct {\n\tmu   sync.Mutex\n\trefs int\n}\n\n"+
					"// Pinned reports whether the file is currently held open by a caller.\n"+
					"func (s *SharedFile) Pinned() bool {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\treturn s.refs > 0\n}\n")),
		},
		{
			name: "urfave/cli c94c688864: a linter's return of the named result",
			cd: whole(difftest.Changed("command_run.go",
				"package cli\n\nfunc (cmd *Command) Run(ctx context.Context, osArgs []string) (deferErr error) {\n\t_, deferErr = cmd.run(ctx, osArgs)\n\treturn\n}\n",
				"package cli\n\nfunc (cmd *Command) Run(ctx context.Context, osArgs []string) (deferErr error) {\n\t_, deferErr = cmd.run(ctx, osArgs)\n\treturn deferErr\n}\n")),
		},
		{
			// The hunk starts inside the docstring: only the whole file
			// tells the new def from code.
			name: "lark-parser/lark 35ab586: an example added to a docstring is not code",
			cd: whole(difftest.Changed("lark/visitors.py", larkVArgs(""), larkVArgs(
				"            @v_args(meta=True)\n            def mul(self, meta, children):\n                left, right = children\n                return left * right\n\n"))),
		},
		{
			name: "gin-gonic/gin f5f5da8fa0: code inside strings is not code (a link in a warning)",
			cd: whole(difftest.Changed("gin.go",
				"package gin\n\nfunc (engine *Engine) Run(addr ...string) (err error) {\n\tif engine.isUnsafeTrustedProxies() {\n\t\tdebugPrint(\"[WARNING] You trusted all proxies, this is NOT safe. We recommend you to set a value.\\n\" +\n\t\t\t\"Please check https://pkg.go.dev/github.com/gin-gonic/gin#readme-don-t-trust-all-proxies for details.\")\n\t}\n\treturn\n}\n",
				"package gin\n\nfunc (engine *Engine) Run(addr ...string) (err error) {\n\tif engine.isUnsafeTrustedProxies() {\n\t\tdebugPrint(\"[WARNING] You trusted all proxies, this is NOT safe. We recommend you to set a value.\\n\" +\n\t\t\t\"Please check https://github.com/gin-gonic/gin/blob/master/docs/doc.md#dont-trust-all-proxies for details.\")\n\t}\n\treturn\n}\n")),
		},
		{
			name: "axios/axios 0b449293fc: a constant's value",
			cd: hunks(difftest.Modified("lib/env/data.js", "lib/env/data.js", difftest.Hunk(1, 1,
				`-export const VERSION = "1.3.1";`,
				`+export const VERSION = "1.3.2";`))),
		},
		{
			name: "axios/axios 37cbf9214a: release scripts under bin/ are run, not unit-tested",
			cd: hunks(difftest.Added("bin/helpers/colorize.js",
				"import chalk from 'chalk';",
				"",
				"export const colorize = (...colors)=> {",
				"  if(!colors.length) {",
				"    colors = ['green', 'cyan', 'magenta', 'blue', 'yellow', 'red'];",
				"  }")),
		},

		{
			name: "pallets/flask 176fdfa000: typing.overload stubs, and a return annotation widened",
			cd: hunks(difftest.Modified("src/flask/helpers.py", "src/flask/helpers.py", difftest.Hunk(47, 47,
				"     return val.lower() in (\"0\", \"false\", \"no\")",
				" ",
				" ",
				"+@t.overload",
				"+def stream_with_context(",
				"+    generator_or_function: t.Iterator[t.AnyStr],",
				"+) -> t.Iterator[t.AnyStr]: ...",
				"+",
				"+",
				" def stream_with_context(",
				"     generator_or_function: t.Iterator[t.AnyStr] | t.Callable[..., t.Iterator[t.AnyStr]],",
				"-) -> t.Iterator[t.AnyStr]:",
				"+) -> t.Iterator[t.AnyStr] | t.Callable[[t.Iterator[t.AnyStr]], t.Iterator[t.AnyStr]]:",
				"     \"\"\"Request contexts disappear when the response is started on the server."))),
		},
		{
			name: "pallets/flask f49dbfd3e4: a class's bases made generic",
			cd: hunks(difftest.Modified("src/flask/sessions.py", "src/flask/sessions.py", difftest.Hunk(20, 21,
				"     from .wrappers import Response",
				" ",
				" ",
				"-# TODO generic when Python > 3.8",
				"-class SessionMixin(MutableMapping):  # type: ignore[type-arg]",
				"+class SessionMixin(MutableMapping[str, t.Any]):",
				"     \"\"\"Expands a basic dictionary with session attributes.\"\"\"",
				" ",
				"     @property"))),
		},
		{
			name: "gin-gonic/gin 17d0b553ea: a package variable unexported, and its one use",
			cd: whole(difftest.Changed("render/toml.go",
				"package render\n\nvar TOMLContentType = []string{\"application/toml; charset=utf-8\"}\n\n// WriteContentType (TOML) writes TOML ContentType for response.\nfunc (r TOML) WriteContentType(w http.ResponseWriter) {\n\twriteContentType(w, TOMLContentType)\n}\n",
				"package render\n\nvar tomlContentType = []string{\"application/toml; charset=utf-8\"}\n\n// WriteContentType (TOML) writes TOML ContentType for response.\nfunc (r TOML) WriteContentType(w http.ResponseWriter) {\n\twriteContentType(w, tomlContentType)\n}\n")),
		},
		{
			name: "python/mypy ea8efbd19a: a function moved from one module to another keeps its tests",
			cd: hunks(
				difftest.Modified("mypy/typeops.py", "mypy/typeops.py", difftest.Hunk(1290, 1290,
					" ",
					" ",
					"-def get_protocol_member(",
					"-    left: Instance, member: str, class_obj: bool, is_lvalue: bool = False",
					"-) -> Type | None:",
					"-    if member == \"__call__\" and class_obj:",
					"-        # Special case: class objects always have __call__ that is just the constructor.",
					"-        return type_object_type(left.type)",
					"-    return find_member(member, left, left, class_obj=class_obj, is_lvalue=is_lvalue)",
					" ")),
				difftest.Modified("mypy/subtypes.py", "mypy/subtypes.py", difftest.Hunk(1293, 1291,
					" ",
					" ",
					"+def get_protocol_member(",
					"+    left: Instance, member: str, class_obj: bool, is_lvalue: bool = False",
					"+) -> Type | None:",
					"+    if member == \"__call__\" and class_obj:",
					"+        # Special case: class objects always have __call__ that is just the constructor.",
					"+        return type_object_type(left.type)",
					"+    return find_member(member, left, left, class_obj=class_obj, is_lvalue=is_lvalue)",
					"+",
					" "))),
		},

		{
			// Each moved method has fewer than three lines that say
			// something; its signature, removed from viper.go, says where
			// it came from. The draft claimed them "added".
			name: "spf13/viper 272344e: small methods moved into a new file keep their tests",
			cd: whole(
				difftest.Changed("viper.go", viperRemoteCode+viperRest, viperRest),
				difftest.Change{NewPath: "remote.go", New: "package viper\n\nimport \"fmt\"\n" + strings.TrimPrefix(viperRemoteCode, "package viper\n\nimport \"fmt\"\n")},
			),
		},

		{
			// New's body became NewWithPool's, with a pool; New calls it.
			// The diff keeps the old body's lines, but the name is new:
			// new code, with behaviour of its own (judged useful).
			name: "go-git/go-git 7bb839d: a new function that takes over an old one's body is new code",
			cd: whole(difftest.Changed("internal/packhandle/packhandle.go",
				"package packhandle\n\n// New opens a pack.\nfunc New(sources Sources, packHash Hash) (*PackHandle, error) {\n"+
					"\tif sources.Pack.Open == nil || sources.Pack.Size == nil {\n\t\treturn nil, ErrPackSourceRequired\n\t}\n"+
					"\tif packHash.IsZero() {\n\t\treturn nil, ErrInvalidPackHash\n\t}\n\th := &PackHandle{\n\t\tsources:  sources,\n\t\tpackHash: packHash,\n"+
					"\t\tpack:     sharedfile.New(sources.Pack.Open, defaultGracePeriod),\n\t}\n\treturn h, nil\n}\n",
				"package packhandle\n\n// New opens a pack.\nfunc New(sources Sources, packHash Hash) (*PackHandle, error) {\n\treturn NewWithPool(sources, packHash, nil)\n}\n\n"+
					"// NewWithPool opens a pack with a pool of descriptors.\nfunc NewWithPool(sources Sources, packHash Hash, pool *Pool) (*PackHandle, error) {\n"+
					"\tif sources.Pack.Open == nil || sources.Pack.Size == nil {\n\t\treturn nil, ErrPackSourceRequired\n\t}\n"+
					"\tif packHash.IsZero() {\n\t\treturn nil, ErrInvalidPackHash\n\t}\n\th := &PackHandle{\n\t\tsources:  sources,\n\t\tpackHash: packHash,\n"+
					"\t\tpack:     sharedfile.NewWithPool(sources.Pack.Open, defaultGracePeriod, pool),\n\t}\n\treturn h, nil\n}\n"),
				difftest.Unchanged("internal/packhandle/packhandle_test.go", "package packhandle\n\nfunc TestNew(t *testing.T) {\n\tNew(Sources{}, Hash{})\n}\n")),
			want: []string{"untested:internal/packhandle/packhandle.go | Add tests for packhandle.NewWithPool"},
		},
		{
			// A constructor function made a class, its quotes made double
			// by a formatter on the way: the methods moved within the file.
			name: "chaijs/chai 97b218e: a constructor function made a class adds no code",
			cd: whole(difftest.Changed("lib/chai/assertion.js",
				"import * as util from './utils/index.js';\n\n/**\n * Creates object for chaining.\n */\n"+
					"export function Assertion(obj, msg, ssfi, lockSsfi) {\n  util.flag(this, 'ssfi', ssfi || Assertion);\n  util.flag(this, 'lockSsfi', lockSsfi);\n"+
					"  util.flag(this, 'object', obj);\n  util.flag(this, 'message', msg);\n\n  return util.proxify(this);\n}\n\n"+
					"Object.defineProperty(Assertion, 'includeStack', {\n  get: function () {\n    console.warn(\n"+
					"      'Assertion.includeStack is deprecated, use chai.config.includeStack instead.'\n    );\n    return config.includeStack;\n  }\n});\n\n"+
					"Assertion.addProperty = function (name, fn) {\n  util.addProperty(this.prototype, name, fn);\n};\n\n"+
					"Assertion.addMethod = function (name, fn) {\n  util.addMethod(this.prototype, name, fn);\n};\n",
				"import * as util from \"./utils/index.js\";\n\n/**\n * Creates object for chaining.\n */\n"+
					"export class Assertion {\n  constructor(obj, msg, ssfi, lockSsfi) {\n    util.flag(this, \"ssfi\", ssfi || Assertion);\n    util.flag(this, \"lockSsfi\", lockSsfi);\n"+
					"    util.flag(this, \"object\", obj);\n    util.flag(this, \"message\", msg);\n\n    return util.proxify(this);\n  }\n\n"+
					"  /** @returns {boolean} */\n  static get includeStack() {\n    console.warn(\n"+
					"      \"Assertion.includeStack is deprecated, use chai.config.includeStack instead.\",\n    );\n    return config.includeStack;\n  }\n\n"+
					"  /**\n   * @param {string} name\n   * @param {Function} fn\n   */\n  static addProperty(name, fn) {\n    util.addProperty(this.prototype, name, fn);\n  }\n\n"+
					"  /**\n   * @param {string} name\n   * @param {Function} fn\n   */\n  static addMethod(name, fn) {\n    util.addMethod(this.prototype, name, fn);\n  }\n}\n"),
				// The tests build Assertions (chai's are in test/, which
				// only git grep reads; here beside the file).
				difftest.Unchanged("lib/chai/assertion.test.js", "const a = new Assertion(1, 'msg');\n")),
		},
		{
			// The type's doc says it is deprecated; its methods are the
			// shim's. The type beside it, not deprecated, is reported.
			name: "olekukonko/tablewriter: a deprecated type's methods ask for no tests",
			cd: whole(
				difftest.Change{NewPath: "tw/deprecated.go", New: "package tw\n\n" +
					"// Deprecated: SymbolASCII is deprecated; use Glyphs with StyleASCII instead.\n// this will be removed soon\ntype SymbolASCII struct{}\n\n" +
					"// SymbolASCII symbol methods\nfunc (s *SymbolASCII) Name() string { return StyleNameASCII.String() }\nfunc (s *SymbolASCII) Center() string { return \"+\" }\n\n" +
					"// WithTableMax sets the maximum width.\n//\n// Deprecated: use WithMaxWidth.\nfunc WithTableMax(width int) Option {\n\treturn func(t *Table) {\n\t\tt.maxWidth = width\n\t}\n}\n\n" +
					"// Glyphs draws the table's lines.\ntype Glyphs struct{ style string }\n\n// Name is the style's name.\nfunc (g *Glyphs) Name() string {\n\tif g.style == \"\" {\n\t\treturn \"ascii\"\n\t}\n\treturn g.style\n}\n"},
			),
			want: []string{"untested:tw/deprecated.go | Add tests for tw.Glyphs.Name"},
		},

		{
			// parserElement warns that it is deprecated, by name: an
			// alias kept for old callers. explain warns of a deprecated
			// argument, which is its own work: reported.
			name: "pyparsing 9557384: a deprecated alias's warning class changed",
			cd:   whole(difftest.Changed("pyparsing/exceptions.py", pyparsingExceptions("DeprecationWarning"), pyparsingExceptions("PyparsingDeprecationWarning"))),
			want: []string{"untested:pyparsing/exceptions.py | Add tests for ParseBaseException.explain in pyparsing/exceptions.py"},
		},

		{
			// Exported on the way out of index.ts: the moved lines are
			// known without the keyword.
			name: "helmetjs/helmet 3f511ed: helpers moved to util.ts and exported keep their tests",
			cd: whole(
				difftest.Changed("middlewares/content-security-policy/index.ts",
					"import type { IncomingMessage } from \"node:http\";\n\n"+helmetHelpers+"\nexport function normalizeDirectives(options) {\n  return dashify(options);\n}\n",
					"import type { IncomingMessage } from \"node:http\";\nimport { dashify, errify, throwErrorIfExists } from \"./util\";\n\nexport function normalizeDirectives(options) {\n  return dashify(options);\n}\n"),
				difftest.Change{NewPath: "middlewares/content-security-policy/util.ts", New: strings.ReplaceAll(helmetHelpers, "const ", "export const ")},
			),
		},

		{
			// Moved into a new module, its context parameter annotated on
			// the way: the signature is the moved one without annotations.
			name: "mkdocs/mkdocs 0f793b9: url_filter moved to templates.py with its parameter typed",
			cd: whole(
				difftest.Changed("mkdocs/utils/filters.py", "from __future__ import annotations\n\n"+
					"from mkdocs.utils import normalize_url\n\n\n@contextfilter\ndef url_filter(context, value: str) -> str:\n"+
					"    \"\"\"A Template filter to normalize URLs.\"\"\"\n"+
					"    return normalize_url(value, page=context['page'], base=context['base_url'])\n",
					"from .templates import url_filter  # noqa - legacy re-export\n"),
				difftest.Change{NewPath: "mkdocs/utils/templates.py", New: "from __future__ import annotations\n\n" +
					"from mkdocs.utils import normalize_url\n\n\nclass TemplateContext(TypedDict):\n    base_url: str\n\n\n" +
					"@contextfilter\ndef url_filter(context: TemplateContext, value: str) -> str:\n" +
					"    \"\"\"A Template filter to normalize URLs.\"\"\"\n" +
					"    return normalize_url(value, page=context['page'], base=context['base_url'])\n"},
			),
		},

		{
			// The old signature, wrapped, starts "def getitem(" with self
			// on the next line: it was not taken for a method, and the new
			// one-line signature was taken for a method added.
			name: "pallets/jinja ece7c271: a wrapped signature joined, its annotations rewritten (pyupgrade)",
			cd: hunks(difftest.Modified("src/jinja2/environment.py", "src/jinja2/environment.py", difftest.Hunk(466, 464,
				"         \"\"\"Iterates over the extensions by priority.\"\"\"",
				"         return iter(sorted(self.extensions.values(), key=lambda x: x.priority))",
				" ",
				"-    def getitem(",
				"-        self, obj: t.Any, argument: t.Union[str, t.Any]",
				"-    ) -> t.Union[t.Any, Undefined]:",
				"+    def getitem(self, obj: t.Any, argument: str | t.Any) -> t.Any | Undefined:",
				"         \"\"\"Get an item or attribute of an object but prefer the item.\"\"\"",
				"         try:",
				"             return obj[argument]"))),
		},

		{
			name: "ipython/ipython 6936f6ed0: a decorator changed is no new signature",
			cd: hunks(difftest.Modified("IPython/core/tbtools.py", "IPython/core/tbtools.py", difftest.Hunk(48, 48,
				" ",
				" ",
				"-@functools.lru_cache",
				"+@functools.lru_cache(maxsize=128)",
				" def count_lines_in_py_file(filename: str) -> int:",
				"     \"\"\"",
				"     Given a filename, returns the number of lines in the file"))),
			want: []string{"untested:IPython/core/tbtools.py | Add tests for count_lines_in_py_file in IPython/core/tbtools.py"},
		},
		{
			name: "pypa/hatch 3d899bd9: a method the project leaves out of coverage (# no cov, Hatch's exclude line)",
			cd: hunks(difftest.Modified("src/hatch/cli/terminal.py", "src/hatch/cli/terminal.py", difftest.Hunk(181, 181,
				"         return Text(text, style=self._style_level_debug)",
				" ",
				"     def initialize_styles(self, styles: dict):  # no cov",
				"+        from rich.errors import StyleSyntaxError",
				"+        from rich.spinner import Spinner",
				"+",
				"         # Lazily display errors so that they use the correct style",
				"         errors = []",
				" "))),
		},
		{
			name: "encode/httpcore a42df6c: a class the project leaves out of coverage (# pragma: no cover)",
			cd: hunks(difftest.Modified("httpcore/_backends/sync.py", "httpcore/_backends/sync.py", difftest.Hunk(17, 18,
				" from .base import SOCKET_OPTION, NetworkBackend, NetworkStream",
				" ",
				" ",
				"+class TLSinTLSStream(NetworkStream):  # pragma: no cover",
				"+    \"\"\"",
				"+    Because the standard `SSLContext.wrap_socket` method does",
				"+    not work for `SSLSocket` objects, we need this class",
				"+    to implement TLS stream using an underlying `SSLObject`",
				"+    instance in order to support TLS on top of TLS.",
				"+    \"\"\"",
				"+",
				"+    # Defined in RFC 8449",
				"+    TLS_RECORD_SIZE = 16384",
				"+",
				"+    def __init__(",
				"+        self,",
				"+        sock: socket.socket,",
				"+        ssl_context: ssl.SSLContext,",
				"+        server_hostname: typing.Optional[str] = None,",
				"+        timeout: typing.Optional[float] = None,",
				"+    ):",
				"+        self._sock = sock",
				"+        self._incoming = ssl.MemoryBIO()",
				"+        self._outgoing = ssl.MemoryBIO()",
				"+",
				"+    def read(self, max_bytes: int, timeout: typing.Optional[float] = None) -> bytes:",
				"+        exc_map: ExceptionMapping = {socket.timeout: ReadTimeout, OSError: ReadError}",
				"+        with map_exceptions(exc_map):",
				"+            self._sock.settimeout(timeout)",
				"+            return typing.cast(bytes, self._perform_io(partial(self.ssl_obj.read, max_bytes)))",
				"+",
				"+    def close(self) -> None:",
				"+        self._sock.close()",
				"+",
				"+",
				" class SyncStream(NetworkStream):",
				"     def __init__(self, sock: socket.socket) -> None:",
				"         self._sock = sock"))),
		},
		// Must stop: tests in the same file, or elsewhere, count.
		{
			name: "junegunn/fzf 1df99db0b2: the project's tests are in another language (test/test_core.rb)",
			cd: hunks(
				difftest.Modified("src/tokenizer.go", "src/tokenizer.go", difftest.Hunk(234, 234,
					" }",
					" ",
					"+func GetLastDelimiter(str string, delimiter Delimiter) string {",
					"+\tif delimiter.str != nil {",
					"+\t\tif strings.HasSuffix(str, *delimiter.str) {",
					"+\t\t\treturn *delimiter.str",
					"+\t\t}",
					"+\t}",
					"+\treturn \"\"",
					"+}",
					"+")),
				difftest.Modified("test/test_core.rb", "test/test_core.rb", difftest.Hunk(100, 100,
					"   def test_freeze_left",
					"+    tmux.send_keys %(seq 100 | #{FZF} --freeze-left 1), :Enter"))),
		},
		{
			name: "rust-lang/rust-analyzer 776f52b894: a module's tests kept in tests.rs beside it",
			cd: hunks(
				difftest.Modified("crates/hir/src/attrs.rs", "crates/hir/src/attrs.rs", difftest.Hunk(160, 160,
					"     pub fn docs(&self, db: &dyn HirDatabase) -> Option<Docs> {",
					"         match self.owner {",
					"-            AttrsOwner::AttrDef(it) => AttrFlags::docs(db, it).as_deref(),",
					"+            AttrsOwner::AttrDef(it) => AttrFlags::docs(db, it),",
					"         }",
					"     }")),
				difftest.Modified("crates/ide/src/hover/tests.rs", "crates/ide/src/hover/tests.rs", difftest.Hunk(11000, 11000,
					" }",
					"+",
					"+#[test]",
					"+fn doc_attr_macro() {",
					"+}"))),
		},

		{
			name: "tokio-rs/axum 69703479: a #[cfg(test)] module with a #[test] added beside the change",
			cd: hunks(difftest.Modified("axum-extra/src/middleware.rs", "axum-extra/src/middleware.rs", difftest.Hunk(39, 31,
				"-pub fn option_layer<L>(layer: Option<L>) -> Either<L, Identity> {",
				"+pub fn option_layer<L>(layer: Option<L>) -> Either<(ResponseAxumBodyLayer, L), Identity> {",
				"     layer",
				"-        .map(Either::E1)",
				"+        .map(|layer| Either::E1((ResponseAxumBodyLayer, layer)))",
				"         .unwrap_or_else(|| Either::E2(Identity::new()))",
				" }",
				"+",
				"+#[cfg(test)]",
				"+mod tests {",
				"+    use super::option_layer;",
				"+",
				"+    #[test]",
				"+    fn remap_response_body() {",
				"+    }",
				"+}"))),
		},
		{
			name: "tokio-rs/axum 22f769c7: a line added to the file's test module, which the hunk does not show",
			cd:   whole(difftest.Changed("axum/src/extract/multipart.rs", axumMultipartOld, axumMultipartNew)),
		},
		{
			name: "tokio-rs/axum 22f769c7, hunks only: without the file, the test module cannot be seen",
			cd:   hunksOf(difftest.Changed("axum/src/extract/multipart.rs", axumMultipartOld, axumMultipartNew)),
			want: []string{"untested:axum/src/extract/multipart.rs | Add tests for body_text in axum/src/extract/multipart.rs"},
		},
		{
			name: "psf/requests 1722f289: a new function with its doctest",
			cd: hunks(difftest.Modified("requests/utils.py", "requests/utils.py", difftest.Hunk(112, 112,
				"         return name",
				" ",
				" ",
				"+def to_key_val_list(value):",
				"+    \"\"\"Take an object and test to see if it can be represented as a",
				"+    dictionary. Unless it can not be represented as such, return a list of",
				"+    tuples, e.g.,:",
				"+",
				"+    >>> to_key_val_list([('key', 'val')])",
				"+    [('key', 'val')]",
				"+    \"\"\"",
				"+    if value is None:",
				"+        return None",
				"+",
				"+    if isinstance(value, dict) or hasattr(value, 'items'):",
				"+        value = value.items()",
				"+",
				"+    return list(value)",
				"+",
				"+",
				" # From mitsuhiko/werkzeug (used with permission).",
				" def parse_list_header(value):"))),
		},
		{
			name: "python/mypy 363be141eb: a data-driven test case (test-data/unit/*.test) covers the change",
			cd: hunks(
				difftest.Modified("mypy/semanal_typeargs.py", "mypy/semanal_typeargs.py", difftest.Hunk(84, 84,
					"     def visit_type_alias_type(self, t: TypeAliasType) -> None:",
					"         super().visit_type_alias_type(t)",
					"-        if t in self.seen_aliases:",
					"+        if t.alias is None or t in self.seen_aliases:",
					"             # Avoid infinite recursion on recursive type aliases.",
					"             return")),
				difftest.Modified("test-data/unit/check-type-aliases.test", "test-data/unit/check-type-aliases.test", difftest.Hunk(1300, 1300,
					" [builtins fixtures/tuple.pyi]",
					"+",
					"+[case testInvalidRecursiveVariadicAlias]",
					"+from typing import Unpack"))),
		},

		{
			// The regression test sits where the bug shows, in another
			// package that imports the fixed one.
			name: "go-git/go-git 04aef2cc: ObjectType.Valid fixed, tested in plumbing/format/packfile/scanner_test.go",
			cd:   whole(goGitValid(), goGitScannerTest("\t\"github.com/go-git/go-git/v6/plumbing\"\n"), goGitMod),
		},
		{
			name: "go-git/go-git 04aef2cc, the test importing another package: the change stays untested",
			cd:   whole(goGitValid(), goGitScannerTest("\t\"github.com/go-git/go-git/v6/plumbing/format/idxfile\"\n"), goGitMod),
			want: []string{"untested:plumbing/object.go | Add tests for plumbing.ObjectType.Valid"},
		},
		{
			// No go.mod then: the import paths are GOPATH's, and the test's
			// import of its own package says where the repository's root is.
			name: "go-kit/kit 876cd87: transport/grpc changed, tested from tracing/zipkin/grpc_test.go, no go.mod",
			cd:   whole(goKitServer(), goKitZipkinTest("\tkitzipkin \"github.com/go-kit/kit/tracing/zipkin\"\n\tgrpctransport \"github.com/go-kit/kit/transport/grpc\"\n")),
		},
		{
			name: "go-kit/kit 876cd87, the test importing its own package alone: the change stays untested",
			cd:   whole(goKitServer(), goKitZipkinTest("\tkitzipkin \"github.com/go-kit/kit/tracing/zipkin\"\n")),
			want: []string{"untested:transport/grpc/server.go | Add tests for grpc.Server.ServeGRPC"},
		},
		// Must start: what the hunks could not show.
		{
			name: "gin-gonic/gin 0eb99493c2: a change deep inside a Go function, its first line far from the hunk",
			cd: whole(difftest.Changed("render/json.go",
				"package render\n\n// Render (AsciiJSON) marshals the given interface object.\nfunc (r AsciiJSON) Render(w http.ResponseWriter) (err error) {\n"+
					"\tret, err := json.Marshal(r.Data)\n\tif err != nil {\n\t\treturn err\n\t}\n\n\tvar buffer bytes.Buffer\n"+
					"\tfor _, r := range bytesconv.BytesToString(ret) {\n\t\tcvt := string(r)\n\t\tif r >= 128 {\n"+
					"\t\t\tcvt = fmt.Sprintf(\"\\\\u%04x\", int64(r))\n\t\t}\n\t\tbuffer.WriteString(cvt)\n\t}\n\n"+
					"\t_, err = w.Write(buffer.Bytes())\n\treturn err\n}\n",
				"package render\n\n// Render (AsciiJSON) marshals the given interface object.\nfunc (r AsciiJSON) Render(w http.ResponseWriter) (err error) {\n"+
					"\tret, err := json.Marshal(r.Data)\n\tif err != nil {\n\t\treturn err\n\t}\n\n\tvar buffer bytes.Buffer\n"+
					"\tfor _, r := range bytesconv.BytesToString(ret) {\n\t\tcvt := string(r)\n\t\tif r >= utf8.RuneSelf {\n"+
					"\t\t\tcvt = fmt.Sprintf(\"\\\\u%04x\", int64(r))\n\t\t}\n\t\tbuffer.WriteString(cvt)\n\t}\n\n"+
					"\t_, err = w.Write(buffer.Bytes())\n\treturn err\n}\n")),
			want: []string{"untested:render/json.go | Add tests for render.AsciiJSON.Render"},
		},
		{
			// The package is not the folder's name: fzf's is in src/.
			name: "junegunn/fzf 4d6a7757: the title names the package the file declares",
			cd:   whole(difftest.Changed("src/core.go", fzfCore("if total >= maxFit || final {", "min(total, maxFit)"), fzfCore("items := max(0, total-int(headerLines))\n\t\t\tif items >= maxFit || final {", "min(items, maxFit)"))),
			want: []string{"untested:src/core.go | Add tests for fzf.Run"},
		},
		{
			name: "goccy/go-yaml 8b2110b: a test the commit changes expects the messages the package now writes",
			cd:   hunks(goYAMLScannerError, goYAMLScanner, goYAMLParserTest("[1:4] could not find end character of single-quoted text")),
		},
		{
			name: "the same without the test's new message: nothing ties the test to scanner",
			cd:   hunks(goYAMLScannerError, goYAMLScanner, goYAMLParserTest("[1:4] could not parse the value")),
			want: []string{"untested:scanner/error.go | Add tests for InvalidTokenError.Error and ErrInvalidToken in scanner/error.go"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, tt.cd(t), Options{})
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
		})
	}
}

// goccy/go-yaml 8b2110b's changes to scanner/error.go and scanner.go
// (one hunk of several), and to parser/parser_test.go's expected messages,
// whose new line is given.
var (
	goYAMLScannerError = difftest.Modified("scanner/error.go", "scanner/error.go", difftest.Hunk(3, 3,
		" import \"github.com/goccy/go-yaml/token\"",
		" ",
		" type InvalidTokenError struct {",
		"-\tMessage string",
		"-\tToken   *token.Token",
		"+\tToken *token.Token",
		" }",
		" ",
		" func (e *InvalidTokenError) Error() string {",
		"-\treturn e.Message",
		"+\treturn e.Token.Error",
		" }",
		" ",
		"-func ErrInvalidToken(msg string, tk *token.Token) *InvalidTokenError {",
		"+func ErrInvalidToken(tk *token.Token) *InvalidTokenError {",
		" \treturn &InvalidTokenError{",
		"-\t\tMessage: msg,",
		"-\t\tToken:   tk,",
		"+\t\tToken: tk,",
		" \t}",
		" }"))
	goYAMLScanner = difftest.Modified("scanner/scanner.go", "scanner/scanner.go", difftest.Hunk(257, 257,
		" \t}",
		" \ts.progressColumn(ctx, 1)",
		" \treturn nil, ErrInvalidToken(",
		"-\t\t\"could not find end character of single-quotated text\",",
		"-\t\ttoken.Invalid(string(ctx.obuf), srcpos),",
		"+\t\ttoken.Invalid(",
		"+\t\t\t\"could not find end character of single-quoted text\",",
		"+\t\t\tstring(ctx.obuf), srcpos,",
		"+\t\t),",
		" \t)",
		" }",
		" "))
)

func goYAMLParserTest(expected string) string {
	return difftest.Modified("parser/parser_test.go", "parser/parser_test.go", difftest.Hunk(1160, 1160,
		" \t\t{",
		" \t\t\t`a: 'foobarbaz`,",
		" \t\t\t`",
		"-[1:4] found invalid token",
		"+"+expected,
		" >  1 | a: 'foobarbaz",
		"           ^",
		" `,"))
}

// fzfCore is junegunn/fzf's src/core.go around 4d6a7757's change (the
// adaptive height), most of Run left out; test and size are its two
// changed lines.
func fzfCore(test, size string) string {
	return "// Package fzf implements fzf, a command-line fuzzy finder.\npackage fzf\n\nimport (\n\t\"os\"\n\t\"time\"\n)\n\n" +
		"/*\nA command-line fuzzy finder.\n*/\n\n// Run starts fzf\nfunc Run(opts *Options) (int, error) {\n" +
		"\tquery := []rune{}\n\tdetermine := func(final bool) {\n\t\tif heightUnknown {\n\t\t\t" + test + "\n" +
		"\t\t\t\tdeferred = false\n\t\t\t\theightUnknown = false\n\t\t\t\tterminal.startChan <- fitpad{" + size + ", padHeight}\n" +
		"\t\t\t}\n\t\t} else if deferred {\n\t\t\tdeferred = false\n\t\t}\n\t}\n\t_ = query\n\treturn 0, nil\n}\n"
}

// hunks is a commit of diffs alone: no file is given whole.
func hunks(files ...string) func(t *testing.T) *analyze.CommitDiff {
	return func(t *testing.T) *analyze.CommitDiff { return difftest.Commit(t, files...) }
}

// whole is a commit whose files are given whole at both sides.
func whole(changes ...difftest.Change) func(t *testing.T) *analyze.CommitDiff {
	return func(t *testing.T) *analyze.CommitDiff { return difftest.CommitOf(t, changes...) }
}

// hunksOf is the same commit as whole, without its files.
func hunksOf(changes ...difftest.Change) func(t *testing.T) *analyze.CommitDiff {
	return func(t *testing.T) *analyze.CommitDiff {
		cd := difftest.CommitOf(t, changes...)
		cd.Source, cd.Sources = nil, nil
		return cd
	}
}

// pyparsingExceptions is pyparsing/exceptions.py's ParseBaseException,
// cut down, warning with class w.
func pyparsingExceptions(w string) string {
	return "import warnings\n\n\nclass ParseBaseException(Exception):\n" +
		"    @property\n    def parserElement(self):\n        warnings.warn(\n            \"parserElement is deprecated, use parser_element\",\n" +
		"            " + w + ",\n            stacklevel=2,\n        )\n        return self.parser_element\n\n" +
		"    def explain(self, depth=16, maxDepth=None):\n        warnings.warn(\"'maxDepth' is deprecated, use 'depth'\", " + w + ", stacklevel=2)\n" +
		"        return self.explain_exception(self, maxDepth or depth)\n"
}

// helmetHelpers are the helpers helmetjs/helmet 3f511ed moved out of the
// CSP middleware's index.ts.
const helmetHelpers = "const dashify = (str: string): string =>\n" +
	"  str.replace(/[A-Z]/g, (capitalLetter) => \"-\" + capitalLetter.toLowerCase());\n\n" +
	"const errify = (err: unknown): Error =>\n  err instanceof Error ? err : new Error(String(err));\n\n" +
	"const throwErrorIfExists = (err: null | Error) => {\n  if (err) throw err;\n};\n"

// tokio-rs/axum axum/src/extract/multipart.rs before and after 22f769c7:
// MultipartError and the test the commit extended, other code left out.
const (
	axumMultipartImpl = `impl MultipartError {
    fn from_multer(multer: multer::Error) -> Self {
        Self { source: multer }
    }

    /// Get the response body text used for this rejection.
    #[must_use]
    pub fn body_text(&self) -> String {
%s    }

    /// Get the status code used for this rejection.
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        status_code_from_multer_error(&self.source)
    }
}

fn status_code_from_multer_error(err: &multer::Error) -> StatusCode {
    StatusCode::BAD_REQUEST
}

#[cfg(test)]
mod tests {
    use super::*;

    #[crate::test]
    async fn body_too_large() {
        const BYTES: &[u8] = "<!doctype html><title>🦀</title>".as_bytes();

        let client = TestClient::new(app);

        let res = client.post("/").multipart(form).await;
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
%s    }
}
`
)

var (
	axumMultipartOld = strings.Replace(strings.Replace(axumMultipartImpl, "%s", "        self.source.to_string()\n", 1), "%s", "", 1)
	axumMultipartNew = strings.Replace(strings.Replace(axumMultipartImpl, "%s",
		"        if is_body_limit_error(&self.source) {\n            \"Request payload is too large\".to_owned()\n        } else {\n            self.source.to_string()\n        }\n", 1),
		"%s", "        assert_eq!(res.text().await, \"Request payload is too large\");\n", 1)
)

// A one-line change in a file the project keeps no test file for goes to
// the maintenance digest (gin-gonic/gin c3d5a28ed6 closed a file in
// RunFd); new code of several lines gets a draft of its own.
func TestUntestedSeverity(t *testing.T) {
	oneLine := difftest.CommitOf(t, difftest.Changed("gin.go",
		"package gin\n\nfunc (engine *Engine) RunFd(fd int) (err error) {\n\tf := os.NewFile(uintptr(fd), fmt.Sprintf(\"fd@%d\", fd))\n\tlistener, err := net.FileListener(f)\n\treturn engine.RunListener(listener)\n}\n",
		"package gin\n\nfunc (engine *Engine) RunFd(fd int) (err error) {\n\tf := os.NewFile(uintptr(fd), fmt.Sprintf(\"fd@%d\", fd))\n\tdefer f.Close()\n\tlistener, err := net.FileListener(f)\n\treturn engine.RunListener(listener)\n}\n"))
	found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, oneLine, Options{})
	if len(found) != 1 || found[0].Severity != finding.Low || found[0].Confidence >= draftAlone {
		t.Errorf("one line: %+v", found)
	}
	found, _ = Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.Commit(t, divGo), Options{})
	if len(found) != 1 || found[0].Severity != "" {
		t.Errorf("new code: %+v", found)
	}
}

// go-git/go-git 04aef2cc "plumbing: reject reserved object type in Valid".
func goGitValid() difftest.Change {
	head := "package plumbing\n\n// ObjectType internal object type\ntype ObjectType int8\n\n" +
		"// Valid returns true if t is a valid ObjectType.\nfunc (t ObjectType) Valid() bool {\n"
	return difftest.Changed("plumbing/object.go",
		head+"\treturn t >= CommitObject && t <= REFDeltaObject\n}\n",
		head+"\tswitch t {\n\tcase CommitObject, TreeObject, BlobObject,\n\t\tTagObject, OFSDeltaObject, REFDeltaObject:\n"+
			"\t\treturn true\n\tdefault:\n\t\treturn false\n\t}\n}\n")
}

// goGitScannerTest is the test the same commit adds, with its imports.
func goGitScannerTest(imports string) difftest.Change {
	head := "package packfile\n\nimport (\n\t\"bytes\"\n\t\"testing\"\n\n" + imports + "\t\"github.com/stretchr/testify/require\"\n)\n\n"
	return difftest.Changed("plumbing/format/packfile/scanner_test.go", head,
		head+"func TestScannerRejectsReservedObjectType(t *testing.T) {\n\tt.Parallel()\n\n"+
			"\tpack, _ := buildTestPack(t, testPackObject{\n\t\ttyp:     plumbing.ObjectType(5),\n\t\tcontent: nil,\n\t})\n"+
			"\tscanner := NewScanner(bytes.NewReader(pack))\n\n\tfor scanner.Scan() {\n\t}\n\n"+
			"\trequire.ErrorIs(t, scanner.Error(), ErrMalformedPackfile)\n}\n")
}

// goKitServer is go-kit/kit 876cd87's change to Server.ServeGRPC.
func goKitServer() difftest.Change {
	head := "package grpc\n\n// Server wraps an endpoint and implements grpc.Handler.\ntype Server struct {\n\tbefore []ServerRequestFunc\n\tafter  []ServerResponseFunc\n}\n\n" +
		"// ServeGRPC implements the Handler interface.\nfunc (s Server) ServeGRPC(ctx oldcontext.Context, req interface{}) (oldcontext.Context, interface{}, error) {\n" +
		"\tmd, ok := metadata.FromIncomingContext(ctx)\n\tif !ok {\n\t\tmd = metadata.MD{}\n\t}\n"
	return difftest.Changed("transport/grpc/server.go",
		head+"\tfor _, f := range s.before {\n\t\tctx = f(ctx, md)\n\t}\n\treturn ctx, nil, nil\n}\n",
		head+"\tif len(s.finalizer) > 0 {\n\t\tdefer func() {\n\t\t\tfor _, f := range s.finalizer {\n\t\t\t\tf(ctx, err)\n\t\t\t}\n\t\t}()\n\t}\n"+
			"\tfor _, f := range s.before {\n\t\tctx = f(ctx, md)\n\t}\n\treturn ctx, nil, nil\n}\n")
}

// goKitZipkinTest is the test the same commit adds, with its imports.
func goKitZipkinTest(imports string) difftest.Change {
	return difftest.Change{NewPath: "tracing/zipkin/grpc_test.go", New: "package zipkin_test\n\nimport (\n\t\"context\"\n\t\"testing\"\n\n" + imports + ")\n\n" +
		"func TestGRPCServerTrace(t *testing.T) {\n\tserver := grpctransport.NewServer(nil, nil, nil, kitzipkin.GRPCServerTrace(nil))\n\tserver.ServeGRPC(context.Background(), nil)\n}\n"}
}

// goGitMod is go-git's go.mod, which the commit does not touch.
var goGitMod = difftest.Unchanged("go.mod", "module github.com/go-git/go-git/v6\n\ngo 1.24.0\n")

// A fix with no regression test is worth a draft however small
// (rust-lang/rust-analyzer eba920dafa, a one-line panic fix whose message
// says it comes "without a regression test"); the same line changed by a
// commit that fixes nothing goes to the digest. Code only changed, in a
// file the project tests, is most often a rewrite its tests cover
// (go-git/go-git a0a835fe drops dead io.Closer assertions): the digest.
func TestUntestedFixesAndRewrites(t *testing.T) {
	fileSet := func(body string) string {
		return "impl FileSet {\n    /// If either `path`'s anchor or the resolved path is not in\n    /// the set, returns [`None`].\n" +
			"    pub fn resolve_path(&self, path: AnchoredPath<'_>) -> Option<FileId> {\n" + body +
			"        base.pop();\n        let path = base.join(path.path)?;\n        self.files.get(&path).copied()\n    }\n}\n\n#[cfg(test)]\nmod tests;\n"
	}
	vfs := func() *analyze.CommitDiff {
		return difftest.CommitOf(t, difftest.Changed("crates/vfs/src/file_set.rs",
			fileSet("        let mut base = self.paths[&path.anchor].clone();\n"),
			fileSet("        let mut base = self.paths.get(&path.anchor)?.clone();\n")))
	}
	found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "fix: 'no entry found for key' panic in VFS"}, vfs(), Options{})
	if len(found) != 1 || found[0].Severity != "" || found[0].Confidence < draftAlone {
		t.Errorf("a one-line fix: %+v", found)
	}
	found, _ = Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Use get for the anchor"}, vfs(), Options{})
	if len(found) != 1 || found[0].Severity != finding.Low {
		t.Errorf("the same line, no fix: %+v", found)
	}

	closeOf := func(body string) string {
		return "package filesystem\n\n// Close closes all opened files including cached alternate storages.\n" +
			"func (s *ObjectStorage) Close() error {\n\tvar firstError error\n\ts.muI.RLock()\n\tfor _, idx := range s.index {\n" + body +
			"\t}\n\ts.muI.RUnlock()\n\treturn firstError\n}\n"
	}
	rewrite := difftest.CommitOf(t,
		difftest.Changed("storage/filesystem/object.go",
			closeOf("\t\tif closer, ok := idx.(io.Closer); ok {\n\t\t\tif err := closer.Close(); firstError == nil && err != nil {\n\t\t\t\tfirstError = err\n\t\t\t}\n\t\t}\n"),
			closeOf("\t\tif err := idx.Close(); firstError == nil && err != nil {\n\t\t\tfirstError = err\n\t\t}\n")),
		difftest.Unchanged("storage/filesystem/object_test.go", "package filesystem\n"))
	found, _ = Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "storage: filesystem, drop io.Closer assertions"}, rewrite, Options{})
	if len(found) != 1 || found[0].Severity != finding.Low {
		t.Errorf("a rewrite of tested code: %+v", found)
	}
}

// spf13/viper viper.go before 272344e "refactor: move remote code to
// separate file": the code the commit moved to remote.go, and some that
// stayed.
const (
	viperRemoteCode = `package viper

import "fmt"

// UnsupportedRemoteProviderError denotes encountering an unsupported remote
// provider. Currently only etcd and Consul are supported.
type UnsupportedRemoteProviderError string

// Error returns the formatted remote provider error.
func (str UnsupportedRemoteProviderError) Error() string {
	return fmt.Sprintf("Unsupported Remote Provider Type %q", string(str))
}

// RemoteConfigError denotes encountering an error while trying to
// pull the configuration from the remote provider.
type RemoteConfigError string

// Error returns the formatted remote provider error.
func (rce RemoteConfigError) Error() string {
	return fmt.Sprintf("Remote Configurations Error: %s", string(rce))
}

// ReadRemoteConfig attempts to get configuration from a remote source
// and read it in the remote configuration registry.
func ReadRemoteConfig() error { return v.ReadRemoteConfig() }

func (v *Viper) ReadRemoteConfig() error {
	return v.getKeyValueConfig()
}
`
	viperRest = `
// Get can retrieve any value given the key to use.
func Get(key string) any { return v.Get(key) }
`
)

// larkVArgs is lark/visitors.py's v_args around 35ab586, its docstring's
// example with example added after its add method.
func larkVArgs(example string) string {
	return "def v_args(inline: bool = False, meta: bool = False, tree: bool = False, wrapper=None):\n" +
		"    \"\"\"A convenience decorator factory for modifying the behavior of user-supplied callback methods.\n\n" +
		"    Parameters:\n        inline (bool, optional): Children are provided as ``*args``.\n\n" +
		"    Example:\n        ::\n\n            @v_args(inline=True)\n            class SolveArith(Transformer):\n" +
		"                def add(self, left, right):\n                    return left + right\n\n" + example +
		"\n            class ReverseNotation(Transformer_InPlace):\n                @v_args(tree=True)\n" +
		"                def tree_node(self, tree):\n                    tree.children = tree.children[::-1]\n" +
		"    \"\"\"\n    if tree and (meta or inline):\n        raise ValueError(\"Visitor functions cannot combine 'tree' with 'meta' or 'inline'.\")\n" +
		"    return _apply_v_args\n"
}

// A decorator changed above a definition whose own lines stay is said to
// change it, not to give it a new signature (ipython/ipython 6936f6ed0's
// `@functools.lru_cache(maxsize=128)`: round 143, wrong).
func TestUntestedDecoratorIsNoSignature(t *testing.T) {
	cd := difftest.Commit(t, difftest.Modified("IPython/core/tbtools.py", "IPython/core/tbtools.py", difftest.Hunk(48, 48,
		" ",
		"-@functools.lru_cache",
		"+@functools.lru_cache(maxsize=128)",
		" def count_lines_in_py_file(filename: str) -> int:",
		"     return len(open(filename).readlines())")))
	found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Author: "M", Subject: "Bound the line-count cache"}, cd, Options{})
	if len(found) != 1 || strings.Contains(found[0].Body, "signature") || !strings.Contains(found[0].Body, "count_lines_in_py_file changed") {
		t.Errorf("findings %+v, want one saying count_lines_in_py_file changed", found)
	}
}
