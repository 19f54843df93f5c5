package symbol

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// realString is what the real-diff cases check of a symbol: its name, how
// it changed, and the flags that tell a real change from a cosmetic one.
func realString(s Symbol) string {
	out := s.Name + " " + string(s.Change)
	for _, f := range []struct {
		on   bool
		name string
	}{{s.TypesOnly, "types-only"}, {s.TextOnly, "text-only"}, {s.Value, "value"}, {s.Stub, "stub"}, {s.Abstract, "abstract"}, {s.DocChanged, "doc"}, {s.Exposed, "exposed"}} {
		if f.on {
			out += " " + f.name
		}
	}
	if s.RenamedFrom != "" {
		out += " from " + s.RenamedFrom
	}
	if s.RenamedTo != "" {
		out += " to " + s.RenamedTo
	}
	return out
}

// Each case is a hunk of a real commit of a public repository, named in
// the case: what the hunks alone say about the symbols they show.
func TestChangedRealDiffs(t *testing.T) {
	tests := []struct {
		name string
		diff string
		want []string
	}{
		{
			name: "tokio-rs/axum 384f393857: a #[must_use] attribute describes, it changes nothing",
			diff: difftest.Modified("axum-core/src/error.rs", "axum-core/src/error.rs", difftest.Hunk(16, 16,
				"     }",
				" ",
				"     /// Convert an `Error` back into the underlying boxed trait object.",
				"+    #[must_use]",
				"     pub fn into_inner(self) -> BoxError {",
				"         self.inner",
				"     }")),
		},
		{
			name: "uuid-rs/uuid 3df0aaa: a #[cfg(...)] taken off says which builds have it, not what it does",
			diff: difftest.Modified("src/builder.rs", "src/builder.rs", difftest.Hunk(600, 599,
				"     /// Creates a `Builder` for a version 6 UUID using the supplied timestamp and node ID.",
				"     ///",
				"     /// This method will encode the ticks, counter, and node ID in a sortable UUID.",
				"-    #[cfg(uuid_unstable)]",
				"     pub const fn from_sorted_rfc4122_timestamp(",
				"         ticks: u64,",
				"         counter: u16,")),
		},
		{
			name: "mozilla/bleach 4d8a2e0: dropping object from a class's bases changes nothing in Python 3",
			diff: difftest.Modified("bleach/sanitizer.py", "bleach/sanitizer.py", difftest.Hunk(52, 52,
				" INVISIBLE_REPLACEMENT_CHAR = \"?\"",
				" ",
				" ",
				"-class Cleaner(object):",
				"+class Cleaner:",
				"     \"\"\"Cleaner for cleaning HTML fragments of malicious content",
				" ",
				"     This cleaner is a security-focused function whose sole purpose is to remove")),
		},
		{
			name: "davidhalter/parso 6a4bb35: object made Generic[...], a base for the type checker alone",
			diff: difftest.Modified("parso/pgen2/generator.py", "parso/pgen2/generator.py", difftest.Hunk(68, 68,
				" ",
				" ",
				"-class DFAState(object):",
				"+class DFAState(Generic[_TokenTypeT]):",
				"     \"\"\"",
				"     The DFAState object is the core class for pretty much anything. DFAState")),
		},
		{
			name: "a real base beside Generic[...] changes",
			diff: difftest.Modified("parso/pgen2/generator.py", "parso/pgen2/generator.py", difftest.Hunk(68, 68,
				"-class DFAState(object):",
				"+class DFAState(Base, Generic[_TokenTypeT]):",
				"     \"\"\"")),
			want: []string{"DFAState signature"},
		},
		{
			name: "a class given a real base changes",
			diff: difftest.Modified("bleach/sanitizer.py", "bleach/sanitizer.py", difftest.Hunk(52, 52,
				"-class Cleaner(object):",
				"+class Cleaner(Base):",
				"     \"\"\"Cleaner for cleaning HTML fragments of malicious content")),
			want: []string{"Cleaner signature"},
		},
		{
			name: "isaacs/rimraf 20e3799: a cast's type changed in an arrow function's expression body is types only",
			diff: difftest.Modified("src/readdir-or-error.ts", "src/readdir-or-error.ts", difftest.Hunk(1, 1,
				" const { readdir } = promises",
				" export const readdirOrError = (path: string) =>",
				"-  readdir(path).catch(er => er as FsError)",
				"+  readdir(path).catch(er => er as NodeJS.ErrnoException)",
				" export const readdirOrErrorSync = (path: string) => {",
				"   try {",
				"     return readdirSync(path)",
				"   } catch (er) {",
				"-    return er as FsError",
				"+    return er as NodeJS.ErrnoException",
				"   }",
				" }")),
			// Its header holds its body, and a change there is the body's.
			want: []string{"readdirOrError changed types-only", "readdirOrErrorSync changed types-only"},
		},
		{
			name: "eemeli/yaml a2fe9cc: an arrow function's expression body changed, not its signature",
			diff: difftest.Modified("src/nodes/identity.ts", "src/nodes/identity.ts", difftest.Hunk(9, 9,
				" /** Type predicate for `Node` values */",
				" export const isNode = (node: unknown): node is Node =>",
				"-  node instanceof Scalar || node instanceof Alias || node instanceof Collection",
				"+  node instanceof Scalar ||",
				"+  node instanceof Alias ||",
				"+  node instanceof YAMLMap ||",
				"+  node instanceof YAMLSeq",
				" ")),
			want: []string{"isNode changed"},
		},
		{
			name: "eemeli/yaml fa93c2d: an arrow function's return type is types only",
			diff: difftest.Modified("src/stringify/stringifyComment.ts", "src/stringify/stringifyComment.ts", difftest.Hunk(5, 5,
				"  * and all other lines are prefixed with a `#`.",
				"  */",
				"-export const stringifyComment = (str: string) =>",
				"+export const stringifyComment = (str: string): string =>",
				"   str.replace(/^(?!$)(?: $)?/gm, '#')",
				" ",
				"-export function indentComment(comment: string, indent: string) {",
				"+export function indentComment(comment: string, indent: string): string {",
				"   if (/^\\n+$/.test(comment)) return comment.substring(1)",
				"   return indent ? comment.replace(/^(?! *$)/gm, indent) : comment",
				" }")),
			want: []string{"stringifyComment signature types-only", "indentComment signature types-only"},
		},
		{
			name: "tokio-rs/mio 4f93f84a: a cfg attribute changed inside a body builds it for one more target",
			diff: difftest.Modified("src/poll.rs", "src/poll.rs", difftest.Hunk(715, 717,
				"     pub fn try_clone(&self) -> io::Result<Registry> {",
				"         self.selector.try_clone().map(|selector| Registry {",
				"             selector,",
				"-            #[cfg(all(debug_assertions, not(target_os = \"wasi\")))]",
				"+            #[cfg(all(debug_assertions, not(any(target_os = \"wasi\", target_os = \"horizon\"))))]",
				"             has_waker: Arc::clone(&self.has_waker),",
				"         })",
				"     }")),
		},
		{
			name: "time-rs/time 267d847a: a plain // comment under the doc tests is no doc comment",
			diff: difftest.Modified("time-core/src/util.rs", "time-core/src/util.rs", difftest.Hunk(13, 13,
				" /// assert!(!is_leap_year(2005));",
				" /// assert!(!is_leap_year(2100));",
				" /// ```",
				"+// https://www.benjoffe.com/fast-leap-year",
				" #[inline]",
				" pub const fn is_leap_year(year: i32) -> bool {",
				"-    let d = if year % 100 == 0 { 15 } else { 3 };",
				"-    year & d == 0",
				"+    let low = (year as u32).wrapping_add(CEN_BIAS).wrapping_mul(CEN_MUL);",
				"+    year & if low < CEN_CUTOFF { 15 } else { 3 } == 0",
				" }")),
			want: []string{"is_leap_year changed"},
		},
		{
			name: "Geal/nom af7d8fe: a trait's method declared without a body is its implementations' to test",
			diff: difftest.Modified("src/error.rs", "src/error.rs", difftest.Hunk(46, 46,
				" }",
				" ",
				"+/// Create a new error from an input position, an error kind and an external error.",
				"+pub trait FromExternalError<I, E> {",
				"+  /// Like `ParseError::from_error_kind` but also include an external error.",
				"+  fn from_external_error(input: I, kind: ErrorKind, e: E) -> Self;",
				"+}",
				"+",
				"+impl<I, E> FromExternalError<I, E> for (I, ErrorKind) {",
				"+  fn from_external_error(input: I, kind: ErrorKind, _e: E) -> Self {",
				"+    (input, kind)",
				"+  }",
				"+}",
				" ")),
			want: []string{"FromExternalError added doc", "FromExternalError.from_external_error added abstract doc"},
		},
		{
			name: "time-rs/time fab40ada: a doc comment that says its function is an implementation detail is no API",
			diff: difftest.Modified("time-core/src/util.rs", "time-core/src/util.rs", difftest.Hunk(2, 2,
				" ",
				" use crate::hint;",
				" ",
				"+/// Versions of functions that are optimized for when the year has already been range-validated.",
				"+pub mod range_validated {",
				"+    /// Returns if the provided year is a leap year, assuming the year has already been",
				"+    /// range-validated.",
				"+    ///",
				"+    /// Note: This function is not exposed by the `time` crate. It is an implementation detail.",
				"+    #[inline]",
				"+    #[track_caller]",
				"+    pub const fn is_leap_year(year: i32) -> bool {",
				"+        super::is_leap_year(year)",
				"+    }",
				"+",
				"+    /// Get the number of calendar days in a given year.",
				"+    pub const fn days_in_year(year: i32) -> u16 {",
				"+        if is_leap_year(year) { 366 } else { 365 }",
				"+    }",
				"+}",
				"+",
				" /// Returns if the provided year is a leap year in the proleptic Gregorian calendar.")),
			want: []string{"days_in_year added doc"},
		},
		{
			name: "JSDoc's @internal: no API (a line made up on immerjs/immer's getArchtype, which has none)",
			diff: difftest.Modified("src/utils/common.ts", "src/utils/common.ts", difftest.Hunk(10, 10,
				" ",
				"+/** @internal */",
				"+export function getArchtype(thing: any): ArchType {",
				"+  return thing[DRAFT_STATE] ? thing.type_ : ArchType.Object",
				"+}",
				" ")),
		},
		{
			name: "time-rs/time 267d847a, told apart: a /// line added is documentation",
			diff: difftest.Modified("time-core/src/util.rs", "time-core/src/util.rs", difftest.Hunk(13, 13,
				" /// assert!(!is_leap_year(2100));",
				" /// ```",
				"+/// See https://www.benjoffe.com/fast-leap-year.",
				" #[inline]",
				" pub const fn is_leap_year(year: i32) -> bool {",
				"-    let d = if year % 100 == 0 { 15 } else { 3 };",
				"+    let d = if year % 100 == 0 { 15 } else { 7 };",
				"     year & d == 0",
				" }")),
			want: []string{"is_leap_year changed doc"},
		},
		{
			name: "seanmonstar/reqwest 9aacdc1e: a #[doc(hidden)] trait method is no API; the trait is",
			diff: difftest.Modified("src/dns/resolve.rs", "src/dns/resolve.rs", difftest.Hunk(37, 37,
				" #[derive(Debug)]",
				" pub struct Name(pub(super) HyperName);",
				" ",
				"+/// A more general trait implemented for types implementing `Resolve`.",
				"+///",
				"+/// Unnameable, only exported to aid seeing what implements this.",
				"+pub trait IntoResolve {",
				"+    #[doc(hidden)]",
				"+    fn into_resolve(self) -> Arc<dyn Resolve>;",
				"+}",
				"+",
				" impl Name {")),
			want: []string{"IntoResolve added doc"},
		},
		{
			name: "square/retrofit d6eac54c: a class made public is exposed, not added; its new method is added",
			diff: difftest.Modified("retrofit/src/main/java/retrofit2/OptionalConverterFactory.java", "retrofit/src/main/java/retrofit2/OptionalConverterFactory.java", difftest.Hunk(25, 25,
				" import okhttp3.ResponseBody;",
				" import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement;",
				" ",
				"+/**",
				"+ * A {@link Converter.Factory} which supports Java's {@link Optional} to wrap null values from",
				"+ * another converter.",
				"+ */",
				" @IgnoreJRERequirement // Only added when Optional is available (Java 8+ / Android API 24+).",
				" @TargetApi(24)",
				"-final class OptionalConverterFactory extends Converter.Factory {",
				"+public final class OptionalConverterFactory extends Converter.Factory {",
				"+  public static OptionalConverterFactory create() {",
				"+    return new OptionalConverterFactory();",
				"+  }",
				"+",
				"+  OptionalConverterFactory() {}",
				"+",
				"   @Override",
				"   public @Nullable Converter<ResponseBody, ?> responseBodyConverter(",
				"       Type type, Annotation[] annotations, Retrofit retrofit) {")),
			want: []string{"OptionalConverterFactory added doc exposed", "OptionalConverterFactory.create added"},
		},
		{
			name: "google/gson 3488c30c65: a @SuppressWarnings removed is no change",
			diff: difftest.Modified("gson/src/main/java/com/google/gson/internal/GsonTypes.java", "gson/src/main/java/com/google/gson/internal/GsonTypes.java", difftest.Hunk(41, 41,
				"  * @author Bob Lee",
				"  * @author Jesse Wilson",
				"  */",
				"-@SuppressWarnings(\"MemberName\") // legacy class name",
				" public final class GsonTypes {",
				"   static final Type[] EMPTY_TYPE_ARRAY = new Type[] {};",
				" ")),
		},
		{
			name: "urfave/cli 55836e63: a doc comment fixed is a doc change only",
			diff: difftest.Modified("flag_float.go", "flag_float.go", difftest.Hunk(57, 57,
				" \treturn getFloat[float32](cmd, name)",
				" }",
				" ",
				"-// Float64 looks up the value of a local Float32Flag, returns",
				"+// Float64 looks up the value of a local Float64Flag, returns",
				" // 0 if not found",
				" func (cmd *Command) Float64(name string) float64 {",
				" \treturn getFloat[float64](cmd, name)")),
		},
		{
			name: "apache/commons-lang 8e3d585f: final on a parameter and on locals is the compiler's alone",
			diff: difftest.Modified("src/main/java/org/apache/commons/lang3/ArrayUtils.java", "src/main/java/org/apache/commons/lang3/ArrayUtils.java", difftest.Hunk(1618, 1618,
				"      * @since 3.21.0",
				"      */",
				"-    public static boolean[] concat(boolean[]... arrays) {",
				"+    public static boolean[] concat(final boolean[]... arrays) {",
				"         int totalLength = 0;",
				"-        for (boolean[] array : arrays) {",
				"+        for (final boolean[] array : arrays) {",
				"             totalLength = addExact(totalLength, array);",
				"         }",
				"         final boolean[] result = new boolean[totalLength];")),
			want: []string{"concat signature types-only"},
		},
		{
			name: "a method made final cannot be overridden any more: its signature changed",
			diff: difftest.Modified("src/Calc.java", "src/Calc.java", difftest.Hunk(10, 10,
				"     }",
				"-    public int div(int a, int b) {",
				"+    public final int div(final int a, final int b) {",
				"         return a / b;",
				"     }")),
			want: []string{"div signature"},
		},
		{
			name: "encode/httpx 359f77d4: one name in two classes is a group whose headers are stripped one by one",
			diff: difftest.Modified("httpx/_client.py", "httpx/_client.py", difftest.Hunk(784, 783,
				"     def request(",
				"         self,",
				"         method: str,",
				"-        url: URLTypes,",
				"+        url: URL | str,",
				"         *,",
				"         content: RequestContent | None = None,",
				"         data: RequestData | None = None,"), difftest.Hunk(1531, 1530,
				"     async def request(",
				"         self,",
				"         method: str,",
				"-        url: URLTypes,",
				"+        url: URL | str,",
				"         *,",
				"         content: RequestContent | None = None,",
				"         data: RequestData | None = None,")),
			want: []string{"request signature types-only"},
		},
		{
			name: "pallets/click 9207bdc0: a bare annotation declares a type, it runs nothing",
			diff: difftest.Modified("src/click/exceptions.py", "src/click/exceptions.py", difftest.Hunk(305, 330,
				" ",
				" ",
				" class NoArgsIsHelpError(UsageError):",
				"+    ctx: Context",
				"+",
				"     def __init__(self, ctx: Context) -> None:",
				"-        self.ctx: Context",
				"         super().__init__(ctx.get_help(), ctx=ctx)",
				" ",
				"     def show(self, file: t.IO[t.Any] | None = None) -> None:"), difftest.Hunk(316, 342,
				" class FileError(ClickException):",
				"     \"\"\"Raised if a file cannot be opened.\"\"\"",
				" ",
				"+    ui_filename: t.Final[str]",
				"+    filename: t.Final[str]",
				"+",
				"     def __init__(self, filename: str, hint: str | None = None) -> None:",
				"         if hint is None:",
				"             hint = _(\"unknown error\")",
				" ",
				"         super().__init__(hint)",
				"-        self.ui_filename: str = format_filename(filename)",
				"+        self.ui_filename = format_filename(filename)",
				"         self.filename = filename",
				" ",
				"     def format_message(self) -> str:")),
			want: []string{"NoArgsIsHelpError changed types-only", "FileError changed types-only"},
		},
		{
			name: "pallets/flask aa040c08: black's trailing comma is layout",
			diff: difftest.Modified("src/flask/templating.py", "src/flask/templating.py", difftest.Hunk(134, 134,
				" ",
				" def render_template(",
				"     template_name_or_list: t.Union[str, Template, t.List[t.Union[str, Template]]],",
				"-    **context: t.Any",
				"+    **context: t.Any,",
				" ) -> str:",
				"     \"\"\"Render a template by name with the given context.",
				" ")),
		},
		{
			name: "pallets/flask ecc057dd: a return annotation changed is a change of types only",
			diff: difftest.Modified("src/flask/sansio/scaffold.py", "src/flask/sansio/scaffold.py", difftest.Hunk(272, 273,
				"         self._static_url_path = value",
				" ",
				"     @cached_property",
				"-    def jinja_loader(self) -> FileSystemLoader | None:",
				"+    def jinja_loader(self) -> BaseLoader | None:",
				"         \"\"\"The Jinja loader for this object's templates. By default this",
				"         is a class :class:`jinja2.loaders.FileSystemLoader` to",
				"         :attr:`template_folder` if it is set.")),
			want: []string{"jinja_loader signature types-only"},
		},
		{
			name: "pallets/flask d44f1c65: a parameter's annotation widened is a change of types only",
			diff: difftest.Modified("src/flask/helpers.py", "src/flask/helpers.py", difftest.Hunk(398, 398,
				" ",
				" ",
				" def send_file(",
				"-    path_or_file: os.PathLike[t.AnyStr] | str | t.BinaryIO,",
				"+    path_or_file: os.PathLike[t.AnyStr] | str | t.IO[bytes],",
				"     mimetype: str | None = None,",
				"     as_attachment: bool = False,",
				"     download_name: str | None = None,")),
			want: []string{"send_file signature types-only"},
		},
		{
			name: "tokio-rs/axum 4ab8df5e42: a trait bound's path is a change of types only",
			diff: difftest.Modified("axum/src/response/sse.rs", "axum/src/response/sse.rs", difftest.Hunk(255, 255,
				"     #[cfg(feature = \"json\")]",
				"     pub fn json_data<T>(self, data: T) -> Result<Self, axum_core::Error>",
				"     where",
				"-        T: serde::Serialize,",
				"+        T: serde_core::Serialize,",
				"     {",
				"         struct JsonWriter<'a>(&'a mut EventDataWriter);",
				"         impl std::io::Write for JsonWriter<'_> {")),
			want: []string{"json_data signature types-only"},
		},
		{
			name: "axios/axios 0b449293fc: a constant's new value is no new signature",
			diff: difftest.Modified("lib/env/data.js", "lib/env/data.js", difftest.Hunk(1, 1,
				`-export const VERSION = "1.3.1";`,
				`+export const VERSION = "1.3.2";`)),
			want: []string{"VERSION changed value"},
		},
		{
			name: "psf/requests 748633d6: a method renamed, its body untouched",
			diff: difftest.Modified("requests/core.py", "requests/core.py", difftest.Hunk(268, 268,
				" \t\t\"\"\"Returns true if status_code is 'OK'.\"\"\"",
				" \t\treturn not self.error",
				" \t\t",
				"-\tdef raise_for_response(self):",
				"+\tdef raise_for_status(self):",
				" \t\t\"\"\"Raises stored HTTPError if one exists.\"\"\"",
				" \t\tif self.error:",
				" \t\t\traise self.error")),
			want: []string{"raise_for_status renamed from raise_for_response", "raise_for_response removed to raise_for_status"},
		},
		{
			name: "rust-lang/rust-analyzer 176f55bfdb: code in a raw string is a fixture, not code",
			diff: difftest.Modified("crates/ide-diagnostics/src/handlers/array_pattern_without_fixed_length.rs", "crates/ide-diagnostics/src/handlers/array_pattern_without_fixed_length.rs", difftest.Hunk(43, 43,
				" \"#,",
				"         );",
				"     }",
				"+",
				"+    #[test]",
				"+    fn regression_23133() {",
				"+        check_diagnostics(",
				"+            r#\"",
				"+const MAX_PAYLOAD_DATA_LENGTH: usize = loop {};",
				"+",
				"+pub struct PayloadPacket {",
				"+    data: [u8; MAX_PAYLOAD_DATA_LENGTH],",
				"+}",
				"+impl PayloadPacket {",
				"+    pub fn payload(&self) -> &[u8] {",
				"+        let [_, _, encoded_payload @ ..] = &self.data;",
				"+        encoded_payload",
				"+    }",
				"+}",
				"+        \"#,",
				"+        );",
				"+    }",
				" }")),
		},
		{
			name: "dtolnay/thiserror 78d6bd6: pub methods of a pub(crate) struct are not exported",
			diff: difftest.Added("impl/src/unraw.rs",
				"use proc_macro2::{Ident, Span, TokenStream};",
				"",
				"#[derive(Clone)]",
				"#[repr(transparent)]",
				"pub(crate) struct IdentUnraw(Ident);",
				"",
				"impl IdentUnraw {",
				"    pub fn new(ident: Ident) -> Self {",
				"        IdentUnraw(ident)",
				"    }",
				"",
				"    pub fn to_local(&self) -> Ident {",
				"        let unraw = self.0.unraw();",
				"        unraw",
				"    }",
				"}"),
		},
		{
			name: "jaraco/keyring ea2ef8c: an abstract property's body made a stub; the concrete one's annotation",
			diff: difftest.Modified("keyring/credentials.py", "keyring/credentials.py", difftest.Hunk(12, 12,
				"         return None",
				" ",
				"     @abc.abstractproperty",
				"-    def password(self) -> str | None:",
				"-        return None",
				"+    def password(self) -> str: ...",
				" ",
				" ",
				" class SimpleCredential(Credential):")),
			want: []string{"password signature stub abstract"},
		},
		{
			name: "pypa/setuptools_scm 3565096: a private function renamed public, its body as it was",
			diff: difftest.Modified("src/setuptools_scm/_modify_version.py", "src/setuptools_scm/_modify_version.py", difftest.Hunk(5, 5,
				" from . import _types as _t",
				" ",
				" ",
				"-def _strip_local(version_string: str) -> str:",
				"+def strip_local(version_string: str) -> str:",
				"     public, sep, local = version_string.partition(\"+\")",
				"     return public",
				" ")),
			want: []string{"strip_local renamed from _strip_local"},
		},
		{
			name: "a private function renamed public with a new body is added",
			diff: difftest.Modified("src/setuptools_scm/_modify_version.py", "src/setuptools_scm/_modify_version.py", difftest.Hunk(5, 5,
				"-def _strip_local(version_string: str) -> str:",
				"+def strip_local(version_string: str) -> str:",
				"     public, sep, local = version_string.partition(\"+\")",
				"-    return public",
				"+    return public.strip()",
				" ")),
			want: []string{"strip_local added"},
		},
		{
			name: "gin-gonic/gin f5f5da8fa0: only the text of a message changed",
			diff: difftest.Modified("gin.go", "gin.go", difftest.Hunk(389, 389,
				" func (engine *Engine) Run(addr ...string) (err error) {",
				" \tdefer func() { debugPrintError(err) }()",
				" ",
				" \tif engine.isUnsafeTrustedProxies() {",
				" \t\tdebugPrint(\"[WARNING] You trusted all proxies, this is NOT safe. We recommend you to set a value.\\n\" +",
				"-\t\t\t\"Please check https://pkg.go.dev/github.com/gin-gonic/gin#readme-don-t-trust-all-proxies for details.\")",
				"+\t\t\t\"Please check https://github.com/gin-gonic/gin/blob/master/docs/doc.md#dont-trust-all-proxies for details.\")",
				" \t}")),
			want: []string{"Engine.Run changed text-only"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Changed(difftest.File(t, tt.diff)) {
				got = append(got, realString(s))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("symbols:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// An overload added below one that changed: the symbol's line holds its
// signature, which the evidence quotes (square/javapoet a03c978, where the
// line of writeTo(Path) was cited with writeTo(Path, Charset)'s signature
// and the fact check dropped the draft).
func TestOverloadLineHoldsItsSignature(t *testing.T) {
	diff := difftest.Modified("src/main/java/com/squareup/javapoet/JavaFile.java", "src/main/java/com/squareup/javapoet/JavaFile.java", difftest.Hunk(83, 84,
		" ",
		"   /** Writes this to {@code directory} as UTF-8 using the standard directory structure. */",
		"   public void writeTo(Path directory) throws IOException {",
		"+    writeTo(directory, UTF_8);",
		"+  }",
		"+",
		"+  /**",
		"+   * Writes this to {@code directory} with the provided {@code charset}",
		"+   * using the standard directory structure.",
		"+   */",
		"+  public void writeTo(Path directory, Charset charset) throws IOException {",
		"     checkArgument(Files.notExists(directory) || Files.isDirectory(directory),",
		"         \"path %s exists but is not a directory.\", directory);",
		"     Path outputDirectory = directory;"))
	lines := map[int]string{}
	for _, h := range difftest.File(t, diff).Hunks {
		for _, l := range h.Lines {
			if l.NewNo > 0 {
				lines[l.NewNo] = strings.TrimSpace(l.Text)
			}
		}
	}
	syms := Changed(difftest.File(t, diff))
	if len(syms) != 1 {
		t.Fatalf("symbols %+v, want writeTo", syms)
	}
	if s := syms[0]; lines[s.Line] != strings.TrimSpace(s.Signature) {
		t.Errorf("line %d holds %q, the symbol quotes %q", s.Line, lines[s.Line], s.Signature)
	}
}

// Go files are read whole when the commit gives both sides: each case
// holds the declarations of a real commit's file before and after it.
func TestCommitChangedGo(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{
			name: "urfave/cli c94c688864: returning the named result is the bare return it was",
			old: "package cli\n\nfunc (cmd *Command) Run(ctx context.Context, osArgs []string) (deferErr error) {\n" +
				"\t_, deferErr = cmd.run(ctx, osArgs)\n\treturn\n}\n",
			new: "package cli\n\nfunc (cmd *Command) Run(ctx context.Context, osArgs []string) (deferErr error) {\n" +
				"\t_, deferErr = cmd.run(ctx, osArgs)\n\treturn deferErr\n}\n",
		},
		{
			// A local named error renamed err: the header's result type
			// error is no local of either side.
			name: "joho/godotenv dbcf4b5: a local named like the result type renamed is a body change",
			old: "package godotenv\n\n// Write serializes the given environment and writes it to a file\nfunc Write(envMap map[string]string, filename string) error {\n" +
				"\tcontent, error := Marshal(envMap)\n\tif error != nil {\n\t\treturn error\n\t}\n\tfile, error := os.Create(filename)\n\tif error != nil {\n\t\treturn error\n\t}\n" +
				"\t_, err := file.WriteString(content)\n\treturn err\n}\n",
			new: "package godotenv\n\n// Write serializes the given environment and writes it to a file\nfunc Write(envMap map[string]string, filename string) error {\n" +
				"\tcontent, err := Marshal(envMap)\n\tif err != nil {\n\t\treturn err\n\t}\n\tfile, err := os.Create(filename)\n\tif err != nil {\n\t\treturn err\n\t}\n" +
				"\tdefer file.Close()\n\t_, err = file.WriteString(content)\n\tif err != nil {\n\t\treturn err\n\t}\n\tfile.Sync()\n\treturn err\n}\n",
			want: []string{"Write changed"},
		},
		{
			name: "gin-gonic/gin c0048f645e: results no longer named is no new signature",
			old:  "package gin\n\n// GetString returns the value associated with the key as a string.\nfunc (c *Context) GetString(key any) (s string) {\n\treturn getTyped[string](c, key)\n}\n",
			new:  "package gin\n\n// GetString returns the value associated with the key as a string.\nfunc (c *Context) GetString(key any) string {\n\treturn getTyped[string](c, key)\n}\n",
		},
		{
			name: "go-chi/chi 882c15e: a func type's parameter name is no part of it",
			old: "package middleware\n\n// SetHeader is a convenience handler to set a response header key/value\n" +
				"func SetHeader(key, value string) func(next http.Handler) http.Handler {\n\treturn func(next http.Handler) http.Handler {\n" +
				"\t\tfn := func(w http.ResponseWriter, r *http.Request) {\n\t\t\tw.Header().Set(key, value)\n\t\t\tnext.ServeHTTP(w, r)\n\t\t}\n" +
				"\t\treturn http.HandlerFunc(fn)\n\t}\n}\n",
			new: "package middleware\n\n// SetHeader is a convenience handler to set a response header key/value\n" +
				"func SetHeader(key, value string) func(http.Handler) http.Handler {\n\treturn func(next http.Handler) http.Handler {\n" +
				"\t\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\t\tw.Header().Set(key, value)\n\t\t\tnext.ServeHTTP(w, r)\n\t\t})\n" +
				"\t}\n}\n",
			want: []string{"SetHeader changed"},
		},
		{
			name: "urfave/cli 1d45fd31b7: interface{} and any are one type",
			old:  "package cli\n\nfunc (i *MapBase[T, C, VC]) Get() interface{} {\n\treturn *i.dict\n}\n",
			new:  "package cli\n\nfunc (i *MapBase[T, C, VC]) Get() any {\n\treturn *i.dict\n}\n",
		},
		{
			name: "urfave/cli fb3f35b0: a function published under a new name, its body untouched",
			old:  "package cli\n\nfunc buildCompletionCommand(appName string) *Command {\n\treturn &Command{\n\t\tName:   completionCommandName,\n\t\tHidden: true,\n\t}\n}\n",
			new:  "package cli\n\nfunc BuildCompletionCommand(appName string) *Command {\n\treturn &Command{\n\t\tName:   completionCommandName,\n\t\tHidden: true,\n\t}\n}\n",
			want: []string{"BuildCompletionCommand renamed from buildCompletionCommand"},
		},
		{
			name: "gin-gonic/gin 0eb99493c2: a change deep in a long body is a change, a comment is not",
			old: "package render\n\n// Render (AsciiJSON) marshals the given interface object.\nfunc (r AsciiJSON) Render(w http.ResponseWriter) (err error) {\n" +
				"\tret, err := json.Marshal(r.Data)\n\tif err != nil {\n\t\treturn err\n\t}\n\n" +
				"\tvar buffer bytes.Buffer\n\tfor _, r := range bytesconv.BytesToString(ret) {\n\t\tcvt := string(r)\n" +
				"\t\tif r >= 128 {\n\t\t\tcvt = fmt.Sprintf(\"\\\\u%04x\", int64(r))\n\t\t}\n\t\tbuffer.WriteString(cvt)\n\t}\n\n" +
				"\t_, err = w.Write(buffer.Bytes())\n\treturn err\n}\n",
			new: "package render\n\n// Render (AsciiJSON) marshals the given interface object.\nfunc (r AsciiJSON) Render(w http.ResponseWriter) error {\n" +
				"\tret, err := json.Marshal(r.Data)\n\tif err != nil {\n\t\treturn err\n\t}\n\n" +
				"\t// escape non-ASCII characters\n\tvar buffer bytes.Buffer\n\tfor _, r := range bytesconv.BytesToString(ret) {\n\t\tcvt := string(r)\n" +
				"\t\tif r >= utf8.RuneSelf {\n\t\t\tcvt = fmt.Sprintf(\"\\\\u%04x\", int64(r))\n\t\t}\n\t\tbuffer.WriteString(cvt)\n\t}\n\n" +
				"\t_, err = w.Write(buffer.Bytes())\n\treturn err\n}\n",
			want: []string{"AsciiJSON.Render changed"},
		},
		{
			name: "gin-gonic/gin e3118cc378: a counting loop modernised to range over an int",
			old:  "package binding\n\nfunc (err SliceValidationError) Error() string {\n\tvar b strings.Builder\n\tfor i := 0; i < len(err); i++ {\n\t\tif err[i] != nil {\n\t\t\tb.WriteString(err[i].Error())\n\t\t}\n\t}\n\treturn b.String()\n}\n",
			new:  "package binding\n\nfunc (err SliceValidationError) Error() string {\n\tvar b strings.Builder\n\tfor i := range len(err) {\n\t\tif err[i] != nil {\n\t\t\tb.WriteString(err[i].Error())\n\t\t}\n\t}\n\treturn b.String()\n}\n",
		},
		{
			name: "junegunn/fzf 91fab3b3c2: a loop over a slice's indexes modernised to range over the slice",
			old:  "package algo\n\nfunc FuzzyMatchV1(pattern []rune) int {\n\tn := 0\n\tfor pidx := 0; pidx < len(pattern); pidx++ {\n\t\tn += int(pattern[pidx])\n\t}\n\treturn n\n}\n",
			new:  "package algo\n\nfunc FuzzyMatchV1(pattern []rune) int {\n\tn := 0\n\tfor pidx := range pattern {\n\t\tn += int(pattern[pidx])\n\t}\n\treturn n\n}\n",
		},
		{
			name: "gin-gonic/gin f5f5da8fa0: a link in a message is text, not code",
			old:  "package gin\n\nfunc (engine *Engine) RunTLS(addr, certFile, keyFile string) (err error) {\n\tdebugPrint(\"Please check https://pkg.go.dev/github.com/gin-gonic/gin#readme-don-t-trust-all-proxies for details.\")\n\treturn\n}\n",
			new:  "package gin\n\nfunc (engine *Engine) RunTLS(addr, certFile, keyFile string) (err error) {\n\tdebugPrint(\"Please check https://github.com/gin-gonic/gin/blob/master/docs/doc.md#dont-trust-all-proxies for details.\")\n\treturn\n}\n",
			want: []string{"Engine.RunTLS changed text-only"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cd := difftest.CommitOf(t, difftest.Changed("x.go", tt.old, tt.new))
			var got []string
			for _, s := range ForCommit(cd).Changed(&cd.Files[0]) {
				got = append(got, realString(s))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("symbols:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// A rename in one file explains the calls to the renamed function in
// another: urfave/cli fb3f35b0 published buildCompletionCommand and
// changed its one caller in command_setup.go.
func TestCommitRenameAcrossFiles(t *testing.T) {
	cd := difftest.CommitOf(t,
		difftest.Changed("completion.go",
			"package cli\n\nfunc buildCompletionCommand(appName string) *Command {\n\treturn &Command{Name: completionCommandName, Hidden: true}\n}\n",
			"package cli\n\nfunc BuildCompletionCommand(appName string) *Command {\n\treturn &Command{Name: completionCommandName, Hidden: true}\n}\n"),
		difftest.Changed("command_setup.go",
			"package cli\n\nfunc (cmd *Command) SetupDefaults(osArgs []string) {\n\tif cmd.EnableShellCompletion {\n\t\tcompletionCommand := buildCompletionCommand(cmd.Name)\n\t\tcmd.appendCommand(completionCommand)\n\t}\n}\n",
			"package cli\n\nfunc (cmd *Command) SetupDefaults(osArgs []string) {\n\tif cmd.EnableShellCompletion {\n\t\tcompletionCommand := BuildCompletionCommand(cmd.Name)\n\t\tcmd.appendCommand(completionCommand)\n\t}\n}\n"))
	c := ForCommit(cd)
	if got := c.Changed(&cd.Files[1]); len(got) != 0 {
		t.Errorf("the caller changed only by the rename: %+v", got)
	}
	// Without the renamed file, the same caller did change.
	alone := difftest.CommitOf(t, difftest.Changed("command_setup.go",
		"package cli\n\nfunc (cmd *Command) SetupDefaults() {\n\tx := buildCompletionCommand(cmd.Name)\n\t_ = x\n}\n",
		"package cli\n\nfunc (cmd *Command) SetupDefaults() {\n\tx := BuildCompletionCommand(cmd.Name)\n\t_ = x\n}\n"))
	if got := ForCommit(alone).Changed(&alone.Files[0]); len(got) != 1 || got[0].Change != BodyChanged {
		t.Errorf("a call to another function is a change: %+v", got)
	}
}

// Defines reads the whole file: a removal the hunks suggest is checked
// against it.
func TestCommitDefines(t *testing.T) {
	newPy := "class HTTPAdapter(BaseAdapter):\n    def cert_verify(\n        self, conn, url: str, verify: bool | str, cert\n    ) -> None:\n        pass\n\nclass _Private:\n    def hidden(self):\n        pass\n"
	cd := difftest.CommitOf(t, difftest.Changed("src/requests/adapters.py", "", newPy))
	c := ForCommit(cd)
	for _, tt := range []struct {
		name          string
		defined, know bool
	}{
		{"cert_verify", true, true}, // named alone, as a hunk that does not show its class names it
		{"HTTPAdapter.cert_verify", true, true},
		{"get_connection", false, true},
		{"hidden", false, true}, // in a private class: not exported
	} {
		defined, known := c.Defines("src/requests/adapters.py", '+', tt.name)
		if defined != tt.defined || known != tt.know {
			t.Errorf("Defines(%q) = %v, %v; want %v, %v", tt.name, defined, known, tt.defined, tt.know)
		}
	}
	if _, known := c.Defines("missing.py", '+', "x"); known {
		t.Error("a file the commit does not give is unknown")
	}
}

func TestNormJoin(t *testing.T) {
	for _, tt := range []struct{ a, b []string }{
		{[]string{"f(a,", "  b)"}, []string{"f(a, b)"}},
		{[]string{"x := []int{1, 2,", "}"}, []string{"x := []int{1, 2}"}},
		{[]string{"return x"}, []string{"return  x"}},
	} {
		if normJoin(tt.a) != normJoin(tt.b) {
			t.Errorf("normJoin(%q) = %q, normJoin(%q) = %q", tt.a, normJoin(tt.a), tt.b, normJoin(tt.b))
		}
	}
	for _, tt := range []struct{ a, b []string }{
		{[]string{"returnx"}, []string{"return x"}},
		{[]string{`s := "a b"`}, []string{`s := "ab"`}},
	} {
		if normJoin(tt.a) == normJoin(tt.b) {
			t.Errorf("normJoin(%q) == normJoin(%q): %q", tt.a, tt.b, normJoin(tt.a))
		}
	}
}

func TestCode(t *testing.T) {
	got := Code("a.go", []string{"var t = `", "func F() {}", "`", "func G() {} // }"})
	var inside []bool
	for _, l := range got {
		inside = append(inside, l.Inside)
	}
	if !reflect.DeepEqual(inside, []bool{false, true, true, false}) || strings.Contains(got[3].Code, "//") {
		t.Errorf("Code = %+v", got)
	}
	py := Code("a.py", []string{`def f():`, `    """Example:`, `    @app.route("/x")`, `    """`, `    return 1`})
	if !py[2].Inside || py[4].Inside {
		t.Errorf("python docstring: %+v", py)
	}
}

// A Go file deleted by the commit, read whole at its old side: every
// exported declaration is removed (gin-gonic/gin removed ginS/gins.go's
// predecessor this way; the file's text here is its shape).
func TestCommitChangedGoDeleted(t *testing.T) {
	cd := difftest.CommitOf(t, difftest.Change{OldPath: "ginS/gins.go",
		Old: "package ginS\n\n// GET is a shortcut for router.Handle(\"GET\", path, handle)\nfunc GET(relativePath string, handlers ...gin.HandlerFunc) gin.IRoutes {\n\treturn engine().GET(relativePath, handlers...)\n}\n\nfunc engine() *gin.Engine { return nil }\n"})
	var got []string
	for _, s := range ForCommit(cd).Changed(&cd.Files[0]) {
		got = append(got, realString(s))
	}
	if want := []string{"GET removed"}; !reflect.DeepEqual(got, want) {
		t.Errorf("symbols %q, want %q", got, want)
	}
}

// namesMayRename lets through only files whose sides declare different
// names where the commit touched them: a body or signature change keeps
// every name, and is not parsed for renames.
func TestNamesMayRename(t *testing.T) {
	for _, tt := range []struct {
		name     string
		old, new string
		want     bool
	}{
		{"body change", "package p\n\nfunc Do(x int) int {\n\treturn x\n}\n", "package p\n\nfunc Do(x int) int {\n\treturn x + 1\n}\n", false},
		{"signature change", "package p\n\nfunc Do(x int) int {\n\treturn x\n}\n", "package p\n\nfunc Do(x, y int) int {\n\treturn x\n}\n", false},
		{"rename", "package p\n\nfunc do(x int) int {\n\treturn x\n}\n", "package p\n\nfunc Do(x int) int {\n\treturn x\n}\n", true},
		{"method rename", "package p\n\nfunc (t *T) get() int {\n\treturn 1\n}\n", "package p\n\nfunc (t *T) Get() int {\n\treturn 1\n}\n", true},
		{"var group", "package p\n\nvar (\n\tdefaultName = \"a\"\n)\n", "package p\n\nvar (\n\tDefaultName = \"a\"\n)\n", true},
		{"added only", "package p\n\nfunc Do() {}\n", "package p\n\nfunc Do() {}\n\nfunc More() {}\n", false},
	} {
		cd := difftest.CommitOf(t, difftest.Changed("p.go", tt.old, tt.new))
		if mayRename(&cd.Files[0]) || tt.want {
			if got := ForCommit(cd).namesMayRename(&cd.Files[0]); got != tt.want {
				t.Errorf("%s: namesMayRename = %v, want %v", tt.name, got, tt.want)
			}
		}
	}
}

// touchesOnlyUnexported spares the parse of files whose changes are all
// inside unexported declarations, and only those.
func TestTouchesOnlyUnexported(t *testing.T) {
	for _, tt := range []struct {
		name     string
		old, new string
		want     bool
	}{
		{"unexported func body", "package p\n\nfunc do(x int) int {\n\treturn x\n}\n\nfunc Do() {}\n", "package p\n\nfunc do(x int) int {\n\treturn x + 1\n}\n\nfunc Do() {}\n", true},
		{"exported method of an unexported type", "package p\n\nfunc (r *reader) Next() int {\n\treturn 1\n}\n", "package p\n\nfunc (r *reader) Next() int {\n\treturn 2\n}\n", true},
		{"exported func body", "package p\n\nfunc Do(x int) int {\n\treturn x\n}\n", "package p\n\nfunc Do(x int) int {\n\treturn x + 1\n}\n", false},
		{"exported method", "package p\n\nfunc (r *Reader) Next() int {\n\treturn 1\n}\n", "package p\n\nfunc (r *Reader) Next() int {\n\treturn 2\n}\n", false},
		{"renamed to exported", "package p\n\nfunc do() {}\n", "package p\n\nfunc Do() {}\n", false},
		{"var group of unexported names", "package p\n\nvar (\n\tdefaultName = \"a\"\n)\n", "package p\n\nvar (\n\tdefaultName = \"b\"\n)\n", true},
		{"var group with an exported name", "package p\n\nvar (\n\tdefaultName = \"a\"\n\tHsvToRgb = HSVToRGB\n)\n", "package p\n\nvar (\n\tdefaultName = \"b\"\n\tHsvToRgb = HSVToRGB\n)\n", false},
		{"new file with an exported func", "", "package p\n\nfunc Do() {}\n", false},
	} {
		cd := difftest.CommitOf(t, difftest.Changed("p.go", tt.old, tt.new))
		c := ForCommit(cd)
		if got := c.touchesOnlyUnexported(&cd.Files[0]); got != tt.want {
			t.Errorf("%s: touchesOnlyUnexported = %v, want %v", tt.name, got, tt.want)
		}
		// What it spares, a parse would have found nothing in.
		if tt.want {
			oldF, newF, ok := c.goSides(&cd.Files[0])
			if !ok {
				t.Fatalf("%s: sides do not parse", tt.name)
			}
			if got := goChanged(oldF, newF, map[string]string{}); len(got) != 0 {
				t.Errorf("%s: spared a file with changed symbols %+v", tt.name, got)
			}
		}
	}
}

// Changed is found once per file: Known returns it afterwards, and a
// caller's change to what it got does not reach the next one.
func TestChangedKnownOnceAsked(t *testing.T) {
	cd := difftest.CommitOf(t, difftest.Changed("p.go",
		"package p\n\nfunc Do(x int) int {\n\treturn x\n}\n",
		"package p\n\nfunc Do(x int) int {\n\treturn x + 1\n}\n"))
	c := ForCommit(cd)
	f := &cd.Files[0]
	if _, ok := c.Known(f); ok {
		t.Fatal("known before anyone asked")
	}
	first := c.Changed(f)
	if len(first) != 1 || first[0].Name != "Do" {
		t.Fatalf("Changed = %+v", first)
	}
	first[0].Name = "changed by a caller"
	known, ok := c.Known(f)
	if !ok || len(known) != 1 || known[0].Name != "Do" {
		t.Fatalf("Known = %+v, %v", known, ok)
	}
	if again := c.Changed(f); len(again) != 1 || again[0].Name != "Do" {
		t.Fatalf("Changed again = %+v", again)
	}
}

// A function added after another touches the other's chunk with a blank
// line only: that one is not parsed, and Changed reports the new one.
func TestAddedFunctionLeavesItsNeighbourUnparsed(t *testing.T) {
	old := "package p\n\n// Do does.\nfunc Do(x int) int {\n\treturn x\n}\n"
	new := old + "\n// More does more.\nfunc More() int {\n\treturn 2\n}\n"
	cd := difftest.CommitOf(t, difftest.Changed("p.go", old, new))
	c := ForCommit(cd)
	got := c.Changed(&cd.Files[0])
	if len(got) != 1 || got[0].Name != "More" || got[0].Change != Added {
		t.Fatalf("Changed = %+v, want More added", got)
	}
	oldF, newF, ok := c.goSides(&cd.Files[0])
	if !ok {
		t.Fatal("sides do not parse")
	}
	if oldF.by["Do"] != nil || newF.by["Do"] != nil {
		t.Error("Do, the same on both sides, was parsed")
	}
	// Whole files parsed say the same.
	wholeOld, _ := parseGo([]byte(old))
	wholeNew, _ := parseGo([]byte(new))
	if want := goChanged(wholeOld, wholeNew, map[string]string{}); len(want) != 1 || want[0].Name != "More" {
		t.Errorf("whole files: %+v", want)
	}
}

// mayRename counts an indented line as a declaration only inside a
// group: a body's "return x" changed is no rename.
func TestMayRenameGroups(t *testing.T) {
	body := strings.Repeat("\tx++\n", 8)
	for _, tt := range []struct {
		name     string
		old, new string
		want     bool
	}{
		{"body line", "package p\n\nfunc do(x int) int {\n" + body + "\treturn x\n}\n", "package p\n\nfunc do(x int) int {\n" + body + "\treturn y\n}\n", false},
		{"func renamed", "package p\n\nfunc do() {}\n", "package p\n\nfunc Do() {}\n", true},
		{"type group member renamed", "package p\n\ntype (\n\ta int\n\tb string\n)\n", "package p\n\ntype (\n\ta int\n\tB string\n)\n", true},
	} {
		cd := difftest.CommitOf(t, difftest.Changed("p.go", tt.old, tt.new))
		if got := mayRename(&cd.Files[0]); got != tt.want {
			t.Errorf("%s: mayRename = %v, want %v", tt.name, got, tt.want)
		}
	}
	// A group opened above the hunk: git names it as the hunk's section
	// (go-git's plumbing/object/commit.go style, as `git diff` prints it).
	hunk := difftest.Hunk(12, 12, " \tv0 = 1", "-\tdefaultName = \"a\"", "+\tDefaultName = \"a\"", " )")
	for _, tt := range []struct {
		section string
		want    bool
	}{{"var (", true}, {"func do() {", false}} {
		f := difftest.File(t, difftest.Modified("p.go", "p.go", strings.Replace(hunk, " @@\n", " @@ "+tt.section+"\n", 1)))
		if got := mayRename(f); got != tt.want {
			t.Errorf("section %q: mayRename = %v, want %v", tt.section, got, tt.want)
		}
	}
}

// A type's tokens leave out the names of a func type's parameters and
// results, and keep one type per name.
func TestTypeTokensWithoutFuncFieldNames(t *testing.T) {
	toks := func(typ string) []goTok {
		src := "package p\n\nvar v " + typ + "\n"
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		e := f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Type
		return typeTokens(fset, e, []byte(src[fset.Position(e.Pos()).Offset:fset.Position(e.End()).Offset]))
	}
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"func(next http.Handler) http.Handler", "func(http.Handler) http.Handler", true},
		{"func(a, b int)", "func(int, int)", true},
		{"map[string]func(x int) (n int, err error)", "map[string]func(int) (int, error)", true},
		{"func(a, b int)", "func(a int)", false},
		{"func(x int)", "func(x string)", false},
		{"[]func(h http.Handler) http.Handler", "[]func(http.Handler) http.Handler", true},
	} {
		if got := tokensEqual(toks(tc.a), toks(tc.b), nil, nil, nil); got != tc.same {
			t.Errorf("%s and %s: same type = %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}

// Two definitions of one name (a method in two cfg-gated impls) are one
// symbol, cited at the lines of the one its line names: tokio-rs/mio
// 3d6a47b cited "IoSourceState.register (lines 50-77)" for a method of
// lines 50-58, up to the first line of the other impl's.
func TestGroupCitesOneDefinitionsLines(t *testing.T) {
	method := func(arg string) []string {
		return []string{"+        pub fn register(", "+            &mut self,", "+            _: " + arg + ",", "+        ) -> io::Result<()> {", "+            os_required!()", "+        }"}
	}
	lines := []string{"     }", "+    #[cfg(not(windows))]", "+    impl IoSourceState {"}
	lines = append(lines, method("RawFd")...)
	lines = append(lines, "+    }", "+", "+    #[cfg(windows)]", "+    impl IoSourceState {")
	lines = append(lines, method("RawSocket")...)
	lines = append(lines, "+    }")
	syms := Changed(difftest.File(t, difftest.Modified("src/sys/shell/mod.rs", "src/sys/shell/mod.rs", difftest.Hunk(1, 1, lines...))))
	if len(syms) != 1 || syms[0].Name != "IoSourceState.register" {
		t.Fatalf("symbols %+v, want IoSourceState.register", syms)
	}
	if s := syms[0]; s.Line != 4 || s.EndLine != 9 {
		t.Errorf("cited lines %d-%d, want 4-9 (the first register's)", s.Line, s.EndLine)
	}
}

// The pub methods of a Rust type the file defines without pub are not
// exported, where the hunk does not show the definition: dtolnay/
// proc-macro2 805a6ad changed `pub fn new` of `impl Ident` six lines below
// `pub(crate) struct Ident` (round 72, drafted as exported code). A pub
// struct's methods stay.
func TestCommitRustMethodsOfAPrivateTypeTheHunkDoesNotShow(t *testing.T) {
	file := func(vis, body string) string {
		return strings.Repeat("// filler\n", 30) + vis + " struct Ident {\n    sym: Box<str>,\n    span: Span,\n    raw: bool,\n}\n\n" +
			"impl Ident {\n    pub fn new(string: &str, span: Span) -> Self {\n" + body + "    }\n}\n" + strings.Repeat("// filler\n", 30)
	}
	for _, tt := range []struct {
		vis  string
		want []string
	}{
		{"pub(crate)", nil},
		{"pub", []string{"Ident.new changed"}},
	} {
		old := file(tt.vis, "        Ident::_new(string, span)\n")
		new := file(tt.vis, "        validate_ident(string);\n        Ident::new_unchecked(string, span)\n")
		c := ForCommit(difftest.CommitOf(t, difftest.Changed("src/fallback.rs", old, new)))
		var got []string
		for _, s := range c.Changed(&c.cd.Files[0]) {
			got = append(got, s.Name+" "+string(s.Change))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s struct: changed %q, want %q", tt.vis, got, tt.want)
		}
	}
}

// A def line with a comment after its opening parenthesis is still a
// method when its parameters follow on the next line: pgjones/quart
// c6905c0 dropped `# type: ignore` from SecureCookieSessionInterface's
// save_session and rewrapped its parameters, and the draft said it was
// "made public" (round 160, wrong).
func TestPythonDefWithACommentAfterItsParenthesis(t *testing.T) {
	cd := difftest.Commit(t, difftest.Modified("src/quart/sessions.py", "src/quart/sessions.py", difftest.Hunk(247, 246,
		"         except BadSignature:",
		"             return self.session_class()",
		" ",
		"-    async def save_session(  # type: ignore",
		"-        self, app: \"Quart\", session: SecureCookieSession, response: Response",
		"+    async def save_session(",
		"+        self,",
		"+        app: \"Quart\",",
		"+        session: SessionMixin,",
		"+        response: Union[Response, WerkzeugResponse],",
		"     ) -> None:",
		"         \"\"\"Saves the session to the response in a secure cookie.\"\"\"",
		"         domain = self.get_cookie_domain(app)")))
	// The hunk header names the class, as git printed it.
	cd.Files[0].Hunks[0].Section = "class SecureCookieSessionInterface(SessionInterface):"
	got := Changed(&cd.Files[0])
	if len(got) != 1 || got[0].Name != "SecureCookieSessionInterface.save_session" || got[0].Change != SignatureChanged || got[0].Exposed {
		t.Errorf("Changed = %+v, want save_session's signature changed, not made public", got)
	}
}
