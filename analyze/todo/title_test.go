package todo

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/finding"
)

// TestRealTitles: a title says what and where; a vague note names the
// function it sits in, from the hunk, else the file.
func TestRealTitles(t *testing.T) {
	tests := []struct {
		name, path, hunk string
		want             string
	}{
		{
			name: "a sentence that goes on in emphasis on the next line (serde-rs/json f50e296)",
			path: "src/read.rs",
			hunk: difftest.Hunk(880, 880,
				"             n @ 0xDC00..=0xDFFF => {",
				"                 return if validate {",
				"+                    // TODO: the error message is wrong, this is a lone",
				"+                    // _trailing_ surrogate",
				"                     error(read, ErrorCode::LoneLeadingSurrogateInHexEscape)",
			),
			want: "The error message is wrong, this is a lone _trailing_ surrogate",
		},
		{
			name: "the paragraph after an empty comment line labels the code, not the note (rust-lang/mdBook 700839f)",
			path: "crates/mdbook-html/src/html/tree.rs",
			hunk: difftest.Hunk(585, 585,
				"     fn end_tag(&mut self, tag: TagEnd) {",
				"+        // TODO: This should validate that the event stack is properly",
				"+        // synchronized with the tag stack. That, would likely require keeping",
				"+        // a parallel \"expected end tag\" with the tag stack, since mapping a",
				"+        // pulldown-cmark event tag to an HTML tag isn't always clear.",
				"+        //",
				"+        // Check for unclosed HTML tags when exiting a markdown event.",
				"+        while let Some(node_id) = self.tag_stack.last() {",
			),
			want: "This should validate that the event stack is properly synchronized with the…",
		},
		{
			name: "a trailing note wrapped a word a line goes on over a call's name (zellij-org/zellij 4a27cee)",
			path: "zellij-utils/src/input/layout.rs",
			hunk: difftest.Hunk(1234, 1234,
				"                             Ok(_layout) => {",
				"+                                let file_path = layout_dir.join(file.path()); // TODO: do we",
				"+                                                                              // need",
				"+                                                                              // file_stem()",
				"+                                                                              // here too?",
				"                                 available_layouts.push(LayoutInfo::File(",
			),
			want: "Do we need file_stem() here too? (zellij-utils/src/input/layout.rs)",
		},
		{
			name: "a sentence that ends on \"to\" goes on with a name of code (yargs/yargs-parser 195bc4a)",
			path: "lib/yargs-parser.ts",
			hunk: difftest.Hunk(786, 786,
				"       keys.slice(0, -1).forEach(function (key) {",
				"+        // TODO(bcoe): in the next major version of yargs, switch to",
				"+        // Object.create(null) for dot notation:",
				"         key = sanitizeKey(key)",
			),
			want: "In the next major version of yargs, switch to Object.create(null) for dot…",
		},
		{
			name: "a sentence that ends on \"to\" over a line of code its body stops at goes on with that code, cut to fit, not with its place (mitsuhiko/insta 04a98c3)",
			path: "cargo-insta/src/inline.rs",
			hunk: difftest.Hunk(262, 262,
				"                         return;",
				"                     }",
				"+                    // TODO: perhaps, we can return here and remove fallback to",
				"+                    // self.scan_nested_macros(&tokens)",
				"                 }",
			),
			want: "Perhaps, we can return here and remove fallback to…",
		},
		{
			name: "a sentence that opens a list on \"to:\" goes on with its first item (BurntSushi/toml 641c3cf)",
			path: "internal/toml-test/runner.go",
			hunk: difftest.Hunk(116, 116,
				" ",
				"+// Run all tests listed in t.RunTests.",
				"+//",
				"+// TODO: give option to:",
				"+// - Run all tests with \\n replaced with \\r\\n",
				"+// - Run all tests with '# comment' appended to every line.",
				"+func (r Runner) Run() (Tests, error) {",
			),
			want: `Give option to run all tests with \n replaced with \r\n`,
		},
		{
			name: "a note of one word is titled with its place (gdamore/tcell 5a24730)",
			path: "vt/emulate.go",
			hunk: difftest.Hunk(140, 140,
				" \t\tem.setPosition(Coord{0, em.getPosition().Y})",
				"+\tcase 0x0e: // TODO: SO",
				" \tdefault:",
			),
			want: "SO in vt/emulate.go",
		},
		{
			name: "a linter's directive under a note is not its words (sindresorhus/p-queue a6096de)",
			path: "source/index.ts",
			hunk: difftest.Hunk(90, 90,
				" 		}",
				"+		// TODO: Remove this fallback in the next major version",
				"+		// eslint-disable-next-line @typescript-eslint/no-deprecated",
				" 		this.#carryoverIntervalCount = options.carryoverIntervalCount ?? false;",
			),
			want: "Remove this fallback in the next major version in source/index.ts",
		},
		{
			name: "a note that states how things are, then says what to do, is titled by what to do (cespare/xxhash e0ea1e3)",
			path: "xxhashbench/xxhashbench_test.go",
			hunk: difftest.Hunk(12, 12,
				" )",
				" ",
				"+// TODO: The main benchmarks live in the xxhash package now, so the only purpose",
				"+// of this is to compare different hash functions. Consider deleting xxhashbench",
				"+// or replacing it with a more minimal comparison.",
				"+",
				" var sink uint64",
			),
			want: "Consider deleting xxhashbench or replacing it with a… in xxhashbench_test.go",
		},
		{
			name: "an aside in parentheses after the marker is not the note (python-babel/babel fcb73a0)",
			path: "scripts/import_cldr.py",
			hunk: difftest.Hunk(924, 924,
				"                 target_unit = _sibling_alias_type(alias_elem)",
				"                 if unit_type.endswith('-person'):",
				"+                    # HACK (and this is a mouthful):",
				"+                    # The `duration-*-person` units (used for formatting ages) are",
				"+                    # aliased to their base units. The alias element only exists",
				"+                    # inside `unitLength[short]`.",
				"+                    target_unit = unit_type",
			),
			want: "The `duration-*-person` units (used for formatting ages) are aliased to…",
		},
		{
			name: "a statement followed by another statement keeps its first words",
			path: "cache.go",
			hunk: difftest.Hunk(12, 12,
				" )",
				"+// TODO: The cache grows without bound when keys are unique. It was fine for the old loader.",
				" var sink uint64",
			),
			want: "The cache grows without bound when keys are unique",
		},
		{
			name: "a sentence that goes on in a quotation on the next line (BurntSushi/toml 8a1e523)",
			path: "toml_test.go",
			hunk: difftest.Hunk(100, 100,
				"         \"(~!@$^&*()_+-`1234567890[]|/?><.,;:'): Integer\\n\",",
				"+",
				"+	// TODO: \"(albums): Hash\" is missing; the problem is that this is an",
				"+	// \"implied key\", which is recorded in the parser in implicits, rather than",
				"+	// in keys. This is to allow \"redefining\" tables, for example:",
			),
			want: "\"(albums): Hash\" is missing; the problem is that this is an \"implied key\",…",
		},
		{
			name: "a note with no subject says where it is (BurntSushi/toml 60801d0)",
			path: "decode_test.go",
			hunk: difftest.Hunk(1174, 1174,
				" func TestMetaKeys(t *testing.T) {",
				" 	tests := []struct {",
				" 		in   string",
				" 		want []Key",
				" 	}{",
				" 		{\"\", []Key{}},",
				" 		{\"b=1\\na=1\", []Key{Key{\"b\"}, Key{\"a\"}}},",
				"+		{\"a.b=1\\na.a=1\", []Key{Key{\"a\", \"b\"}, Key{\"a\", \"a\"}}}, // TODO: should include \"a\"",
			),
			want: "Should include \"a\" in TestMetaKeys (decode_test.go)",
		},
		{
			name: "an issue in parentheses after the marker is where it is tracked, not what (rust-lang/glob a5765f0)",
			path: "src/lib.rs",
			hunk: difftest.Hunk(587, 587,
				"     fn matches_path(&self, path: &Path) -> bool {",
				"+        // FIXME (#9639): This needs to handle non-utf8 paths",
				"         path.to_str().map_or(false, |s| self.matches(s))",
			),
			want: "This needs to handle non-utf8 paths in matches_path (src/lib.rs)",
		},
		{
			name: "a first word with a digit is a name and keeps its case (pypa/wheel 0add7d6)",
			path: "src/wheel/_bdist_wheel.py",
			hunk: difftest.Hunk(81, 81,
				"         elif result == \"linux-aarch64\":",
				"             # packaging pull request #234",
				"+            # TODO armv8l, packaging pull request #690 => this did not land",
				"             result = \"linux-armv7l\"",
			),
			want: "armv8l, packaging pull request #690 => this did not land in _bdist_wheel.py",
		},
		{
			name: "a commented-out block's key after the note is no continuation (tailhook/humantime 06e4eda)",
			path: ".github/workflows/rust.yml",
			hunk: difftest.Hunk(0, 1,
				"+#    - run: cargo clippy --all-features",
				"+",
				"+# TODO: rustfmt",
				"+#  rustfmt:",
				"+#    name: Check formatting",
				"+#    runs-on: ubuntu-latest",
			),
			want: "Rustfmt in .github/workflows/rust.yml",
		},
		{
			name: "a first sentence of three words says too little alone (dtolnay/ryu 47b204b)",
			path: "src/s2d.rs",
			hunk: difftest.Hunk(74, 74,
				"             if exp < 0 {",
				"+                // TODO: Be more lenient. Return +/-Infinity or +/-0 instead.",
				"+                return Err(Error::InputTooShort);",
				"             }",
			),
			want: "Be more lenient. Return +/-Infinity or +/-0 instead",
		},
		{
			name: "a vague first sentence keeps its place, not the next sentence (ocornut/imgui 45866bea4)",
			path: "imgui_tables.cpp",
			hunk: difftest.Hunk(709, 709,
				"             table->ReorderColumnDstOrder = -1;",
				"         }",
				"+",
				"+        // Release",
				"+        ImGuiContext& g = *GImGui;",
				"+        if (g.ActiveId == 0) // FIXME: Need to revisit. See 38f5e5a.",
				"+            table->ReorderColumn = -1;",
				"     }",
			),
			want: "Need to revisit in imgui_tables.cpp",
		},
		{
			name: "a note inside parentheses keeps none of them (python-attrs/cattrs 43f7d0f)",
			path: "src/cattrs/disambiguators.py",
			hunk: difftest.Hunk(20, 20,
				" ",
				"+    # requirements for a discriminator field:",
				"+    # (... TODO: a single fallback is OK)",
				"+    #  - it must be *required*",
				"+    #  - it must always be enumerated",
				"+    cls_candidates = [",
			),
			want: "A single fallback is OK",
		},
		{
			name: "a longer note pointing at what it does not name gets its place (sindresorhus/p-limit 441981d)",
			path: "scripts/benchmarker.js",
			hunk: difftest.Hunk(0, 1,
				"+#!/usr/bin/env node",
				"+",
				"+// TODO: I will move this to a proper package at some point.",
				"+",
				"+import {performance} from 'node:perf_hooks';",
			),
			want: "I will move this to a proper package at some point in scripts/benchmarker.js",
		},
		{
			name: "vague note, function from the lines above (prettier/prettier c13bfc75fb)",
			path: "src/config/prettier-config/loaders.js",
			hunk: difftest.Hunk(21, 21,
				" }",
				" ",
				"+async function readPackageJson(file) {",
				"+  try {",
				"+    return await readJson(file);",
				"+  } catch (error) {",
				"+    // TODO: Add tests for this",
				"+    // Bun supports comments and trialing comma in `package.json`",
				"+    // And it can load via `import()`",
			),
			want: "Add tests for this in readPackageJson (src/config/prettier-config/loaders.js)",
		},
		{
			name: "the issue's own example: function from the hunk header, brace on its own line (ocornut/imgui 75f985998)",
			path: "imgui.cpp",
			hunk: "@@ -6203,7 +6202,7 @@ ImVec2 ImGui::CalcTextSize(const char* text, const char* text_end, bool hide_tex\n" +
				"-    // Investigate using ceilf or e.g. https://git.musl-libc.org/cgit/musl/tree/src/math/ceilf.c, https://embarkstudios.github.io/rust-gpu/api/src/libm/math/ceilf.rs.html\n" +
				"-    // The problem is that ceilf() has a measurable cost. Not high, but measurable!\n" +
				"-    text_size.x = IM_TRUNC(text_size.x + 0.999f);\n" +
				"+    // (see 7b0bf230, 4622fa4b6, #791 for details about this.)\n" +
				"+    // FIXME: Add a way to disable this.\n" +
				"+    text_size.x = ImCeilFast(text_size.x);\n" +
				" \n",
			want: "Add a way to disable this in ImGui::CalcTextSize (imgui.cpp)",
		},
		{
			name: "a question in a C++ struct behind an export macro (ocornut/imgui aa377352e)",
			path: "imgui_internal.h",
			hunk: "@@ -3114,3 +3114,3 @@ struct IMGUI_API ImGuiTableTempData\n" +
				"     float                       AngledHeadersExtraWidth;    // Used in EndTable()\n" +
				"-    ImVector<ImGuiTableHeaderData> AngledHeadersRequests;   // Used in TableAngledHeadersRow()\n" +
				"+    ImVector<ImGuiTableHeaderData> AngledHeadersRequests;   // Used in TableAngledHeadersRow() // FIXME: Single instance is enough?\n" +
				" \n",
			want: "Single instance is enough? (ImGuiTableTempData in imgui_internal.h)",
		},
		{
			name: "two examples' main.mm told apart by their folders, an end of the path said to be one (ocornut/imgui 62399b5bf)",
			path: "examples/example_apple_metal4/main.mm",
			hunk: difftest.Hunk(57, 58,
				"+    }",
				"+",
				"+    // Setup Dear ImGui context",
				"+    // FIXME: This example doesn't have proper cleanup...",
				"+    IMGUI_CHECKVERSION();",
			),
			want: "This example doesn't have proper cleanup in …/example_apple_metal4/main.mm",
		},
		{
			name: "the other one (ocornut/imgui 5b6e19bb5)",
			path: "examples/example_apple_opengl3/main.mm",
			hunk: difftest.Hunk(40, 41,
				"+-(void)initialize",
				"+{",
				"+    // Setup Dear ImGui context",
				"+    // FIXME: This example doesn't have proper cleanup...",
				"+    IMGUI_CHECKVERSION();",
			),
			want: "This example doesn't have proper cleanup in …/example_apple_opengl3/main.mm",
		},
		{
			name: "vague note, function in the lines above (tokio-rs/axum 776c4a43)",
			path: "axum/src/routing/mod.rs",
			hunk: difftest.Hunk(375, 390,
				" ",
				"     fn fallback_endpoint(self, endpoint: Endpoint<S>) -> Self {",
				"-        // TODO make this better, get rid of the `unwrap`s.",
				"+        // TODO make this better.",
				"         // We need the returned `Service` to be `Clone` and the function inside `service_fn` to be",
			),
			want: "Make this better in fallback_endpoint (axum/src/routing/mod.rs)",
		},
		{
			name: "function only in the hunk header; a question keeps its mark last (godotengine/godot-demo-projects 7e2a55aa)",
			path: "3d/ik/addons/sade/ik_look_at.gd",
			hunk: "@@ -142,3 +165,4 @@ func update_skeleton():\n" +
				" \n" +
				" \t# Make a new basis with the, potentially, changed euler angles.\n" +
				"-\trest.basis = Basis(rest_euler)\n" +
				"+\t# TODO: Is the order correct?\n" +
				"+\t# Godot 3: \"Create a rotation matrix (in the YXZ convention: first Z, then X, and Y last) from the specified Euler angles, given in the vector format as (X-angle, Y-angle, Z-angle).\"\n",
			want: "Is the order correct? (update_skeleton in 3d/ik/addons/sade/ik_look_at.gd)",
		},
		{
			name: "a note cut mid-sentence goes on from the next line; too long for the place (tokio-rs/axum 39b9f727)",
			path: "axum/src/extract/ws.rs",
			hunk: difftest.Hunk(263, 249,
				"+            .map(Into::into)",
				"+            .find(|proto| {",
				"+                // FIXME: When https://github.com/hyperium/http/pull/814",
				"+                //        is merged + released, we can look use",
				"+                //        `contains(proto.as_bytes())` without converting",
				"+                //        to `HeaderValue` first.",
			),
			want: "When https://github.com/hyperium/http/pull/814 is merged + released, we can…",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := difftest.File(t, difftest.Modified(tt.path, tt.path, tt.hunk))
			found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{})
			if len(found) == 0 {
				t.Fatal("found nothing")
			}
			if found[0].Title != tt.want {
				t.Errorf("title\n got %q\nwant %q", found[0].Title, tt.want)
			}
			if len(found[0].Title) > analyze.TitleMax {
				t.Errorf("title is %d bytes, over %d", len(found[0].Title), analyze.TitleMax)
			}
		})
	}
}

// TestRealWhere: the function a TODO sits in, from the hunk.
func TestRealWhere(t *testing.T) {
	tests := []struct {
		name, path, hunk string
		want             string
		title            string // the title, when it is not the note alone
	}{
		{
			name: "a test framework's block is no place (mozilla/nunjucks e6cc590)",
			path: "tests/compiler.js",
			hunk: difftest.Hunk(378, 378,
				"             '');",
				"         });",
				"+        // TODO: this behavior differs from jinja2",
				"         it('should fail silently when looping over a null variable', function() {",
			),
			want:  "",
			title: "This behavior differs from jinja2 in tests/compiler.js",
		},
		{
			name: "a method whose signature spans lines (psf/requests 561e4b68)",
			path: "src/requests/models.py",
			hunk: difftest.Hunk(589, 667,
				" ",
				"-    def prepare_auth(self, auth, url=\"\"):",
				"+    def prepare_auth(",
				"+        self,",
				"+        auth: _t.AuthType,",
				"+        url: _t.UriType = \"\",",
				"+    ) -> None:",
				"         \"\"\"Prepares the given HTTP auth data.\"\"\"",
				" ",
				"         # If no Auth is explicitly provided, extract it from the URL first.",
				"         if auth is None:",
				"-            url_auth = get_auth_from_url(self.url)",
				"+            url_auth = get_auth_from_url(cast(str, self.url))",
				"             auth = url_auth if any(url_auth) else None",
				" ",
				"         if auth:",
				"-            if isinstance(auth, tuple) and len(auth) == 2:",
				"+            if isinstance(auth, tuple) and len(auth) == 2:  # type: ignore[arg-type]  # pyright widens tuple from Callable in AuthType",
				"                 # special-case basic HTTP auth",
				"-                auth = HTTPBasicAuth(*auth)",
				"+                auth_handler = HTTPBasicAuth(*auth)  # type: ignore[arg-type]  # pyright widens tuple from Callable in AuthType",
				"+            else:",
				"+                # TODO: can be fixed by flipping the conditionals",
				"+                auth_handler = cast(\"Callable[..., PreparedRequest]\", auth)",
			),
			want: "prepare_auth",
			// "can be fixed": what can is the code it sits in. The folder
			// and name, "…/requests/models.py", is over the length.
			title: "Can be fixed by flipping the conditionals in prepare_auth (models.py)",
		},
		{
			name: "no function: the file (psf/requests 561e4b68)",
			path: "src/requests/_types.py",
			hunk: difftest.Hunk(50, 51,
				"+",
				"+    from typing_extensions import (",
				"+        Buffer,  # TODO: move to collections.abc when Python >= 3.12",
				"+        TypeIs,  # TODO: move to typing when Python >= 3.13",
				"+    )",
			),
			want: "",
		},
		{
			name: "a specific note keeps its own words as the title (psf/requests 561e4b68)",
			path: "src/requests/models.py",
			hunk: difftest.Hunk(879, 1011,
				"             if pending is not None:",
				"-                chunk = pending + chunk",
				"+                # TODO: remove cast after iter_lines rewrite",
				"+                chunk = cast(\"str | bytes\", pending + chunk)  # type: ignore[operator]",
			),
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := difftest.File(t, difftest.Modified(tt.path, tt.path, tt.hunk))
			todos := todosOnSide(f, analyze.Added, defaultWords(), nil)
			if len(todos) == 0 {
				t.Fatal("found nothing")
			}
			if todos[0].where != tt.want {
				t.Errorf("where = %q, want %q", todos[0].where, tt.want)
			}
			want := headline(todos[0])
			if tt.title != "" {
				want = tt.title
			}
			if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{}); found[0].Title != want {
				t.Errorf("title %q, want %q: a specific note's title is its note, with its place when it has no subject", found[0].Title, want)
			}
		})
	}
}

// TestRealAssessment: confidence on every finding; a bug-word naming a
// crash, data loss, a race or a hole is high; a tracked marker is low.
func TestRealAssessment(t *testing.T) {
	tests := []struct {
		name, path, hunk string
		confidence       float64
		severity         finding.Severity
	}{
		{
			name: "FIXME naming a panic: high (rust-lang/rust-analyzer 66089370f2)",
			path: "crates/hir-ty/src/dyn_compatibility.rs",
			hunk: difftest.Hunk(420, 420,
				"-    let Some(&receiver_ty) = sig.inputs().skip_binder().first() else {",
				"-        return false;",
				"-    };",
				"+    // FIXME: sig.input(0) has unwrap and might panic",
				"+    let receiver_ty = interner.liberate_late_bound_regions(func.into(), sig.input(0));",
				" ",
			),
			confidence: confidenceBug, severity: finding.High,
		},
		{
			name: "FIXME(#issue) is tracked already: low (rust-lang/rust-analyzer d5db933f9d)",
			path: "crates/hir-def/src/hir.rs",
			hunk: difftest.Hunk(63, 64,
				" pub struct FloatTypeWrapper(Box<str>);",
				" ",
				"+// FIXME(#17451): Use builtin types once stabilised.",
				" impl FloatTypeWrapper {",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "a note that waits for an edition the compiler does not have yet, over two lines: low (rust-lang/rustfmt a7e0c15)",
			path: "src/config/options.rs",
			hunk: difftest.Hunk(538, 538,
				"     fn partial_cmp(&self, other: &StyleEdition) -> Option<std::cmp::Ordering> {",
				"+        // FIXME(ytmimi): Update `StyleEdition::Edition2027` logic when",
				"+        // `rustc_span::edition::Edition::Edition2027` becomes available in the compiler",
				"         match (self, other) {",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "a note that waits for a dependency's old major to be dropped: low (tiangolo/sqlmodel fa2f178)",
			path: "tests/test_tutorial/test_fastapi/test_delete/test_tutorial001.py",
			hunk: difftest.Hunk(294, 294,
				"     assert response.status_code == 200, response.text",
				"+    # TODO: remove when deprecating Pydantic v1",
				"+    hero_data = response.json()",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "a note that removes a thing of the code when it is unused is a task (no version waited for)",
			path: "lib/cache.py",
			hunk: difftest.Hunk(10, 10,
				" def fetch(key):",
				"+    # TODO: remove this fallback once the Redis backend ships everywhere",
				"+    return local[key]",
			),
			confidence: confidenceDetailed, severity: "",
		},
		{
			name: "a note that says a ticket holds the work is tracked: low (pyinvoke/invoke cfc0c29)",
			path: "tests/task.py",
			hunk: difftest.Hunk(404, 404,
				"         def arg_value_is_copied_to_avoid_state_bleed_when_shared(self):",
				"+            # TODO: the 'real' solve here is to make sharing common",
				"+            # arguments between tasks a first class citizen; there's",
				"+            # tickets for that.",
				"+            task1 = Task(_func, help={\"foo\": \"bar\"})",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "work for a need to come: low (pyinvoke/invoke 4ae9cbe)",
			path: "tasks.py",
			hunk: difftest.Hunk(106, 106,
				" ",
				"+# TODO: hoist up into invocations.checks once proven/needed elsewhere",
				"+@task",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "a note that only points at other notes: low (fabric/fabric 26ae6d18)",
			path: "fabric/group.py",
			hunk: difftest.Hunk(123, 123,
				"     def sudo(self, *args, **kwargs):",
				"+        # TODO: see run() TODOs",
				"+        return self._do(\"sudo\", *args, **kwargs)",
			),
			confidence: confidenceVague, severity: finding.Low,
		},
		{
			name: "another way than the note above, weighed: low (fabric/fabric 2cb7aa70)",
			path: "fabric/transfer.py",
			hunk: difftest.Hunk(141, 141,
				"             # TODO: reimplement makedirs in manner allowing us to track what",
				"             # was created so we can revert if transfer fails.",
				"+            # TODO: Alternately, transfer to temp location and then move, but",
				"+            # that's basically inverse of v1's sudo-put which gets messy",
				"             fd = open(local, \"wb\")",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "a note that answers itself no: low (paramiko/paramiko e366e07)",
			path: "tests/pkey.py",
			hunk: difftest.Hunk(28, 28,
				"     def loads_from_type_and_bytes(self, keys):",
				"+        # TODO: passphrase? OTOH since this is aimed at the agent...irrelephant",
				"+        key = PKey.from_type_string(keys.full_type, keys.pkey.asbytes())",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "ditto, beside the note it continues: low (paramiko/paramiko fd06863)",
			path: "paramiko/pkey.py",
			hunk: difftest.Hunk(252, 252,
				"     # TODO 4.0: might want to be __str__ instead? ehh",
				"+    # TODO: ditto the interplay between showing class name (currently we just",
				"+    # say PKey writ large) and algorithm (usually == class name, but not",
				"+    # always, also sometimes shows certificate-ness)",
				"+    @property",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "vague one-word note: low confidence, to the digest (eugenesvk/Win.ahk 8a870d58)",
			path: "lib/Win.ahk",
			hunk: difftest.Hunk(75, 87,
				"+     , ptcScope   \t:= UIA.TreeScope.Element ; Element or Subtree (very slow on some web pages https://www.autohotkey.com/boards/viewtopic.php?f=82&t=114802&p=545176#p545176)",
				"+     , ptcMode    \t:= UIA.AutomationElementMode.None ; no access to live object for performance, only cached prop/pattern are available",
				"+     , ptcMode    \t:= UIA.AutomationElementMode.Full ;;;; TODO delete",
			),
			confidence: confidenceVague, severity: finding.Low,
		},
		{
			name: "a doubt: below a task, to the digest (godotengine/godot-demo-projects 7e2a55aa)",
			path: "3d/ik/addons/sade/ik_look_at.gd",
			hunk: difftest.Hunk(142, 165,
				" ",
				" \t# Make a new basis with the, potentially, changed euler angles.",
				"-\trest.basis = Basis(rest_euler)",
				"+\t# TODO: Is the order correct?",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "a question without its mark, after a nolint directive (gorilla/handlers 0eda2fc)",
			path: "logging.go",
			hunk: difftest.Hunk(82, 82,
				"+	for width := 0; len(s) > 0; s = s[width:] { //nolint: wastedassign //TODO: why width starts from 0and reassigned as 1",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "FIXME-LEGACY: a record of what was, to the digest (ocornut/imgui 36ea972)",
			path: "imgui_tables.cpp",
			hunk: difftest.Hunk(3990, 3990,
				"+        if (sscanf(line, \"UserID=0x%08X%n\", (ImU32*)&n, &r)==1) { line = ImStrSkipBlank(line + r); } // FIXME-LEGACY: Removed 2025/11/12, was never properly set.",
			),
			confidence: confidenceNote, severity: finding.Low,
		},
		{
			name: "FIXME-OPT: an optimisation idea, to the digest (ocornut/imgui 11de9df)",
			path: "imgui.cpp",
			hunk: difftest.Hunk(1700, 1700,
				"-            text_end = text + ImStrlen(text); // FIXME-OPT",
				"+            text_end = text + ImStrlen(text); // FIXME-OPT (not reached by our internal calls)",
			),
			confidence: confidenceNote, severity: finding.Low,
		},
		{
			name: "FIXME-DPI: another category keeps its weight (ocornut/imgui 4312c43)",
			path: "imgui_tables.cpp",
			hunk: difftest.Hunk(1200, 1200,
				"+    // FIXME-DPI: Provide consistent standards for reference size. Perhaps using g.CurrentDpiScale would be more self explanatory.",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "an idea, not a task: to the digest (ocornut/imgui 3b99fc4)",
			path: "imgui_draw.cpp",
			hunk: difftest.Hunk(1500, 1500,
				"+    // FIXME: Could use CalcRoundingFlagsForRectInRect()",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "a naming nit: to the digest (ocornut/imgui b46a37e)",
			path: "imgui.h",
			hunk: difftest.Hunk(2200, 2200,
				"+    void*       RendererUserData;   // FIXME: Should be called 'UserData'",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "why the code is as it is: to the digest (hyperium/h2 fc7f63f)",
			path: "src/proto/connection.rs",
			hunk: difftest.Hunk(210, 210,
				"+        // XXX(eliza): cloning the span is unfortunately necessary here in",
				"+        // order to placate the borrow checker — `self` is mutably borrowed by",
				"+        // `poll2`, which means that we can't borrow `self.span` to enter it.",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "an imperative rename is a task: it stays (the e2e sample's TODO)",
			path: "a.go",
			hunk: difftest.Hunk(1, 1,
				"+// TODO: rename the package once the old import path is retired",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "could, naming a defect, stays high (a guard written for this rule, not from history)",
			path: "imgui.cpp",
			hunk: difftest.Hunk(100, 100,
				"+    // FIXME: Could crash when the font atlas is rebuilt during a frame",
			),
			confidence: confidenceBug, severity: finding.High,
		},
		{
			name: "an explanation, not a task: to the digest (ocornut/imgui d1a8995)",
			path: "imgui_tables.cpp",
			hunk: difftest.Hunk(2400, 2400,
				"+                        // FIXME: We cannot solely use current ClipRect as it includes HostClipRect.",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "why a menu item is hidden: to the digest (ocornut/imgui e5ff2d0)",
			path: "imgui_tables.cpp",
			hunk: difftest.Hunk(3300, 3300,
				"+            //if (MenuItem(LocalizeGetMsg(ImGuiLocKey_TableResetAll))) // FIXME: Hiding because altering Sort Order + requesting auto-fit simultaneously has a tendency to exhibit a sizing glitch.",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "musing about rework: to the digest (ocornut/imgui 279d04f)",
			path: "imgui.cpp",
			hunk: difftest.Hunk(13000, 13000,
				"+// FIXME: This is close to what BeginDragDropSource() is doing, maybe rework.",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "an explanation that asks for a change stays a task (rust-lang/rust-analyzer crates/hir-expand/src/lib.rs)",
			path: "crates/hir-expand/src/lib.rs",
			hunk: difftest.Hunk(1474, 1474,
				"+// FIXME: This is only public because of its use in `load_cargo` (which we should consider removing",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "a documentation template's placeholder: to the digest (winstonjs/winston 333b763)",
			path: "lib/winston/rejection-stream.js",
			hunk: difftest.Hunk(36, 36,
				"+  /**",
				"+   * @param {mixed} info - TODO: add param description.",
				"+   */",
			),
			confidence: confidenceVague, severity: finding.Low,
		},
		{
			name: "a class description to write: to the digest (winstonjs/winston 333b763)",
			path: "lib/winston/rejection-stream.js",
			hunk: difftest.Hunk(12, 12,
				"+/**",
				"+ * TODO: add class description.",
				"+ */",
			),
			confidence: confidenceVague, severity: finding.Low,
		},
		{
			name: "docs to write for a named case stay a task",
			path: "lib/winston/rejection-stream.js",
			hunk: difftest.Hunk(12, 12,
				"+// TODO: add a description of the retry policy to the README",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "names its issue in the text: tracked already, to the digest (ocornut/imgui 95bd157)",
			path: "imgui.cpp",
			hunk: difftest.Hunk(8700, 8700,
				"+    // FIXME: Would be sane to not make single-axis flag set this. (#9355)",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "names its issue on the next comment line: tracked already, to the digest (google/gson a2b1c3c)",
			path: "gson/src/test/java/com/google/gson/GsonBuilderTest.java",
			hunk: difftest.Hunk(254, 254,
				"+      // TODO: Registering adapter for JsonElement is allowed (for now) for backward compatibility,",
				"+      //   see https://github.com/google/gson/issues/2787",
				"+      // JsonElement.class, JsonArray.class,",
				"     };",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "waits for the next major version: to the digest (sindresorhus/got 20633bc)",
			path: "source/types.ts",
			hunk: difftest.Hunk(150, 149,
				" export type OptionsOfBufferResponseBodyWrapped = Merge<StrictOptions, {resolveBodyOnly: false; responseType?: 'buffer'}>;",
				" ",
				"+// TODO: Remove in the next major version - it's a pure alias for `StrictOptions`.",
				" export type OptionsOfUnknownResponseBody = StrictOptions;",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "a toolchain version as its owner: to the digest (google/go-cmp 4664e24)",
			path: "cmp/compare.go",
			hunk: difftest.Hunk(20, 20,
				" ",
				"+// TODO(≥go1.18): Use any instead of interface{}.",
				" var (",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "the next major as its owner: to the digest (lib/pq quote.go)",
			path: "quote.go",
			hunk: difftest.Hunk(28, 28,
				" ",
				"+	// TODO(v2): this should have accepted an io.Writer, not *bytes.Buffer.",
				" 	buf.WriteString(s)",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "why a test is skipped, beside the skip: to the digest (lib/pq conn_test.go)",
			path: "conn_test.go",
			hunk: difftest.Hunk(2083, 2083,
				" func TestCopyInStmtAffectedRows(t *testing.T) {",
				"+	pqtest.SkipPgpool(t) // TODO: flaky in CI",
				" 	db := pqtest.MustDB(t)",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "why a test is skipped, over the skip: to the digest (fsnotify/fsnotify 520d098)",
			path: "fsnotify_test.go",
			hunk: difftest.Hunk(676, 676,
				" 		if runtime.GOOS == \"windows\" {",
				"+			// TODO: I'm not sure if this is due to a problem in our code, or",
				"+			// just a limitation of Windows, but very few people are using links",
				"+			// in Windows and even fewer links to files, so whatever.",
				"+			t.Skip(\"fails on Windows\")",
				" 		}",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "a note beside a function named skip... stays a task",
			path: "lexer.go",
			hunk: difftest.Hunk(40, 40,
				" func (l *lexer) next() {",
				"+	l.pos = skipSpaces(l.src, l.pos) // TODO: skip Unicode spaces as well as ASCII ones",
				" 	l.start = l.pos",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "waits for the project's own rollout: to the digest (getsentry/sentry-python)",
			path: "sentry_sdk/tracing_utils.py",
			hunk: difftest.Hunk(120, 120,
				"     else:",
				"+        # TODO: remove this else block once data collection is released",
				"         data = {}",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "why code is put aside, after it on its line: to the digest (servo/rust-url 8a683ff)",
			path: "idna/src/punycode.rs",
			hunk: difftest.Hunk(142, 142,
				"             byte @ 'a'..='z' => Some(byte - b'a'),",
				"+            // byte @ 'A'..='Z' => Some(byte - b'A'), // XXX not needed if no public input",
				"             _ => None,",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "a note after prose in its comment stays a task",
			path: "idna/src/punycode.rs",
			hunk: difftest.Hunk(142, 142,
				"             byte @ 'a'..='z' => Some(byte - b'a'),",
				"+            // Upper case is never passed in; TODO: map upper case letters to lower case before decoding",
				"             _ => None,",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "a notice that the API may change: to the digest (caddyserver/certmagic certmagic.go)",
			path: "certmagic.go",
			hunk: difftest.Hunk(347, 347,
				" ",
				"+// TODO: This is an EXPERIMENTAL API. It is subject to change/removal.",
				" func (cfg *Config) ManageStorage() error {",
			),
			confidence: confidenceNote, severity: finding.Low,
		},
		{
			name: "work on an experimental feature stays a task",
			path: "certmagic.go",
			hunk: difftest.Hunk(347, 347,
				" ",
				"+// TODO: stop retrying the experimental ARI endpoint after a 404 from the CA",
				" func (cfg *Config) renewARI() error {",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "a note after other code stays a task",
			path: "conn_test.go",
			hunk: difftest.Hunk(2083, 2083,
				" func TestCopyInStmtAffectedRows(t *testing.T) {",
				"+	db := pqtest.MustDB(t) // TODO: close the pool when the test ends",
				" 	defer db.Close()",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "a person as its owner stays a task",
			path: "quote.go",
			hunk: difftest.Hunk(28, 28,
				" ",
				"+	// TODO(v2rob): this should have accepted an io.Writer, not *bytes.Buffer.",
				" 	buf.WriteString(s)",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "only names of code, no verb: to the digest (vuejs/core 48b7552)",
			path: "packages/reactivity/src/effectScope.ts",
			hunk: difftest.Hunk(40, 40,
				"    */",
				"   private index: number | undefined",
				" ",
				"+  readonly __v_skip = true",
				"+  // TODO isolatedDeclarations ReactiveFlags.SKIP",
				"+",
				"   constructor(public detached = false) {",
			),
			confidence: confidenceVague, severity: finding.Low,
		},
		{
			name: "an XXX that explains and asks for nothing: to the digest (charmbracelet/bubbletea 61a3f5cc)",
			path: "cursed_renderer.go",
			hunk: difftest.Hunk(697, 697,
				" ",
				"+	// XXX: Now go to the top of the screen, insert new lines, and write",
				"+	// the queued strings. It is important to use [Screen.moveCursor]",
				"+	// instead of [Screen.move] because we don't want to perform any checks",
				"+	// on the cursor position.",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "an XXX that explains: to the digest (charmbracelet/bubbletea 76f2e6d8)",
			path: "tea.go",
			hunk: difftest.Hunk(1032, 1032,
				" ",
				"+			// XXX: This breaks many things especially when we want the output",
				"+			// to be compatible with terminals that are not necessary a TTY.",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "an XXX that tells what was seen: to the digest (python-attrs/attrs 112dd1d)",
			path: "src/attrs/__init__.pyi",
			hunk: difftest.Hunk(265, 265,
				" class ClassProps:",
				"+    # XXX: somehow when defining/using enums Mypy starts looking at our own",
				"+    # (untyped) code and causes tons of errors.",
				"+    Hashability: Any",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "a HACK that says what it does: to the digest (pmndrs/zustand 9525f92)",
			path: "src/vanilla/shallow.ts",
			hunk: difftest.Hunk(8, 8,
				" const compareEntries = (",
				"+  // HACK: avoid checking entries type",
				"+  valueA: { entries: () => Iterable<[unknown, unknown]> },",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "a HACK that explains, down to what need not be done: to the digest (crossbeam-rs/crossbeam b23b7e8)",
			path: "crossbeam-channel/src/channel.rs",
			hunk: difftest.Hunk(1567, 1567,
				" ",
				"+// HACK: This is equivalent to transmute_copy by value, but available in const",
				"+// context even on older rustc (const transmute_copy requires Rust 1.74).",
				"+// Additionally, this is usually safer than transmute_copy because there is no",
				"+// need to care about the destructor of src.",
				"+const unsafe fn transmute_copy_by_val<Src, Dst>(src: Src) -> Dst {",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "a HACK that says what must change stays a task",
			path: "src/vanilla/shallow.ts",
			hunk: difftest.Hunk(8, 8,
				" const compareEntries = (",
				"+  // HACK: we need a type guard for valueA instead of this cast",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "a HACK that asks for it to go stays a task",
			path: "src/vanilla/shallow.ts",
			hunk: difftest.Hunk(8, 8,
				" const compareEntries = (",
				"+  // HACK: replace the cast on valueA with a type guard",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "an idea told as what we could do: to the digest (pydantic/pydantic-settings)",
			path: "pydantic_settings/sources/providers/cli.py",
			hunk: difftest.Hunk(40, 40,
				" ",
				"+        # TODO: We could warn if no sub command was found and one of `field_info`s isn't optional",
				"+        return None",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "the best it can be: to the digest (BurntSushi/bstr 3548359)",
			path: "src/ext_slice.rs",
			hunk: difftest.Hunk(2153, 2153,
				"     fn to_lowercase_into(&self, buf: &mut Vec<u8>) {",
				"+        // TODO: This is the best we can do given what std exposes I think.",
				"+        // If we roll our own case handling, then we might be able to do this",
				"+        // a bit faster. We shouldn't roll our own case handling unless we",
				"+        // need to, e.g., for doing caseless matching or case folding.",
				" ",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "the only thing to do, explained: to the digest (aio-libs/multidict 77bb95e)",
			path: "tests/isolated/multidict_pop.py",
			hunk: difftest.Hunk(66, 66,
				" # SEE: https://github.com/aio-libs/multidict/issues/1273",
				" def _test_pop_with_default() -> None:",
				"+    # XXX: mypy wants an annotation so the only",
				"+    # thing we can do here is pass the headers along.",
				"+    result = MultiDict(headers)",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "an XXX that warns the reader: to the digest (debug-js/debug e2d3bc9)",
			path: "src/common.js",
			hunk: difftest.Hunk(247, 247,
				" ",
				"+	/**",
				"+	* XXX DO NOT USE. This is a temporary stub function.",
				"+	*/",
				"+	function destroy() {",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "a misgiving: to the digest (pmndrs/zustand f999022)",
			path: "src/middleware/ssrSafe.ts",
			hunk: difftest.Hunk(4, 4,
				" ",
				"+// TODO Not very happy with the middleware name. Will revisit it later.",
				"+export function ssrSafe() {}",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "an XXX that asks for a change stays a task (charmbracelet/bubbletea 76f2e6d8, reworded)",
			path: "tea.go",
			hunk: difftest.Hunk(1032, 1032,
				" ",
				"+			// XXX: This breaks many things; we should check for a TTY first.",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "an XXX in the imperative is a task (this project's own e2e fixture)",
			path: "config.go",
			hunk: difftest.Hunk(10, 10,
				" ",
				"+// XXX: cache the parsed config",
			),
			confidence: confidenceNote,
		},
		{
			name: "a question, then a sentence: to the digest (fastapi/typer 1829d732)",
			path: "typer/core.py",
			hunk: difftest.Hunk(520, 520,
				"         else:",
				"             self._depr_flag_value = None",
				" ",
				"+        # Counting. TODO: test or remove? Not currently in coverage.",
				"+        self.count = count",
			),
			confidence: confidenceQuestion, severity: finding.Low,
		},
		{
			name: "waits for a Python version: tracked by the release plan, to the digest (psf/requests 561e4b6)",
			path: "src/requests/_types.py",
			hunk: difftest.Hunk(20, 20,
				"+        Buffer,  # TODO: move to collections.abc when Python >= 3.12",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "waits for the MSRV: to the digest (tokio-rs/axum 183ace3)",
			path: "axum-extra/src/routing/mod.rs",
			hunk: difftest.Hunk(90, 90,
				"+        // FIXME: Can return `&format!(...)` directly when MSRV is updated",
			),
			confidence: confidenceTracked, severity: finding.Low,
		},
		{
			name: "specific note: detailed (psf/requests 561e4b68)",
			path: "src/requests/models.py",
			hunk: difftest.Hunk(879, 1011,
				"             if pending is not None:",
				"-                chunk = pending + chunk",
				"+                # TODO: remove cast after iter_lines rewrite",
				"+                chunk = cast(\"str | bytes\", pending + chunk)  # type: ignore[operator]",
			),
			confidence: confidenceDetailed,
		},
		{
			name: "TODO naming a failure: high confidence, default severity (python/mypy c1f2db34fb)",
			path: "mypy/util.py",
			hunk: difftest.Hunk(890, 902,
				"+        if debug:",
				"+            return orjson.dumps(obj, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)  # type: ignore[no-any-return]",
				"+        else:",
				"+            # TODO: If we don't sort keys here, testIncrementalInternalScramble fails",
				"+            # We should document exactly what is going on there",
			),
			confidence: confidenceDefect,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := difftest.File(t, difftest.Modified(tt.path, tt.path, tt.hunk))
			found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{})
			if len(found) != 1 {
				t.Fatalf("found %d, want 1", len(found))
			}
			if found[0].Confidence != tt.confidence || found[0].Severity != tt.severity {
				t.Errorf("confidence %v severity %q, want %v %q", found[0].Confidence, found[0].Severity, tt.confidence, tt.severity)
			}
		})
	}
}

func TestOnlyNames(t *testing.T) {
	for s, want := range map[string]bool{
		"isolatedDeclarations ReactiveFlags.SKIP": true,
		"os.Exit(1)":                  true,
		"MAX_LEN":                     true,
		"Handle EOF":                  false,
		"use ReactiveFlags.SKIP here": false,
		"remove the legacy path":      false,
		"":                            false,
	} {
		if got := onlyNames(s); got != want {
			t.Errorf("onlyNames(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestWaitsForVersion(t *testing.T) {
	for s, want := range map[string]bool{
		"move to typing when Python >= 3.13":           true,
		"Can return it directly when MSRV is updated":  true,
		"once we drop Node 18":                         true,
		"remove after dropping support for Python 3.8": true,
		"use the loop variable when the go 1.22 lands": true,
		"handle the case when version is 0":            false,
		"when we go 2 steps back, redraw":              false,
		"retry when node 3 is down":                    false,
		"Remove in the next major version":             true,
		"keep for the next breaking release":           true,
		"load the next major chunk":                    false,
		"next major release":                           true, // thephpleague/oauth2-server 8c7aec5
		"Next major: drop the v1 token format":         true,
		"the next major chunk of the buffer is read":   false,
		// tokio-rs/tracing dbeaa11, nodejs/undici ab0ecfd
		"remove in Rust 1.77":                     true,
		"(@metcoder95) - remove in further major": true,
		"split in go 2 halves":                    false,
		// apache/commons-lang's spotbugs-exclude-filter
		"Cannot be done without breaking binary compat.":    true,
		"can't rename it without breaking the public API":   true,
		"do this without breaking the API":                  false,
		"Can any of these be done without breaking binary?": false,
		// libuv/libuv src/win/fs.c
		"change it to UV_NOTDIR in v2.": true,
		"remove in version 3":           true,
		"drop this for v1.0":            true,
		"this is slow in v8, cache it":  false,
		"fails in 2 of the tests":       false,
		// thephpleague/commonmark (round 86)
		"Remove this conditional check in 3.0":                   true,
		"For 3.0: Just make them tight by default in the parser": true,
		"Change $stackBottom to an int in 3.0":                   true,
		"Remove the line below once PHP 7.4 support is dropped":  true,
		"the ratio is 1.0 in 3.0 of the cases":                   false,
		"scale by 2.0 in the renderer":                           false,
		// falconry/falcon (round 94)
		"Remove in Falcon 5.0.":                             true,
		"Remove this placeholder altogether in Falcon 5.0.": true,
		"Always pass resp=None in Falcon 5.0":               true,
		"scale by Factor 2.0 in the renderer":               false,
		"support is dropped for empty input, explain why":   false,
		// tailwindlabs/tailwindcss bc6e4b8
		"Remove this function and pre-environment code when Vite < 7 is no longer supported": true,
		"drop the shim once IE11 is no longer supported":                                     true,
		"handle the case when count > 1":                                                     false,
		"this path is no longer supported, remove it":                                        false,
		// serde-rs/serde
		"Once feature(exhaustive_patterns) is stable": true,
		"use let-else when it is stabilized":          true,
		// matklad/once_cell fae9f73
		"Replace UnsafeCell with SyncUnsafeCell once stabilized": true,
		"the stabilized value is cached":                         false,
		// go-viper/mapstructure a93507f
		"remove once we drop support for Go <1.20": true,
		"drop support for Go >= 1.21 builds":       true,
		"drop support for old servers":             false,
		// aio-libs/aiohttp aiohttp/_websocket/reader_py.py (round 124)
		"Remove when we drop 32 bit support (and from the C reader)": true,
		"once we drop support for Windows 7, use the new API":        true,
		"drop 32 bit support in the build script":                    false,
		"when the support ticket is closed, drop this":               false,
		"once the sort is stable, drop the second pass":              false,
		"make the output stable":                                     false,
		// yargs/yargs
		"Replace with Deno.consoleSize(Deno.stdout.rid) once this feature is stable": true,
		// spf13/cast be32ef7, number_test.go
		"Remove after minimum Go version is >=1.22":               true,
		"sort keys before iterating (once Go version is updated)": true,
		"once the version is updated, bump the schema":            false,
		// rust-lang/hashbrown src/util.rs
		"Replace with `core::hint::{likely, unlikely}` once they are stable.": true,
		"use strict provenance functions once they are stable.":               true,
		"make it stable": false,
		// BurntSushi/bstr 6df1c9d
		"We should re-litigate this once regex-automata 0.3 is out, but it might be hard": true,
		"once the cache is out of date, rebuild it":                                       false,
	} {
		if got := waitsForVersion.MatchString(s); got != want {
			t.Errorf("waitsForVersion(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{
		// fastify/fastify 3e04cff
		"remove ignore until neostandard support ESLint 10": true,
		"drop the cast once typescript supports 5.4":        true,
		"until it supports 2 modes, keep both":              false,
		"when the server supports it, send 3 at once":       false,
		"once this supports v2, drop the shim":              false,
		// encode/uvicorn 917aff0
		"Remove `type: ignore` when wsproto fixes the type annotation.": true,
		"once we fix the parser, inline this":                           false,
		"when the parser fixes offsets, drop this":                      false,
		// rust-lang/hashbrown Cross.toml
		"Drop this config when cross is updated to support loongarch64-linux-gnu": true,
		"when it is updated to support the new API, drop this":                    false,
		// chalk/chalk
		"Do this when ESM supports loader hooks": true,
		"Make it this when TS suports that":      true,
		"when parser supports it, inline":        false,
	} {
		if got := waitsForSupport(s); got != want {
			t.Errorf("waitsForSupport(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{
		// getsentry/sentry-python (round 95)
		"remove this else block once data collection is released":               true,
		"Delete this block once data collection has been completely rolled out": true,
		"Remove this once `send_default_pii` is deprecated.":                    true,
		// rust-lang/rustfmt (round 137)
		"Update `StyleEdition::Edition2027` logic when `rustc_span::edition::Edition::Edition2027` becomes available in the compiler": true,
		"Should update macro when default_2027 becomes available":                                                                     true,
		"use if-let chains once they are stabilized":                                                                                  true,
		"retry when the connection becomes available":                                                                                 false,
		"retry once the lock is released":                                                                                             false,
		"free the buffer once the file handle is released":                                                                            false,
	} {
		if got := waitsForRollout(s); got != want {
			t.Errorf("waitsForRollout(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{
		// sveltejs/svelte be36c93, d86cb5c
		"Svelte 6: Decide if we want to keep this logic":                   true,
		"Svelte@6 think about removing the callback argument.":             true,
		"6.0 this is used to control `bind:this` timing that might change": true,
		"Step 2: validate the input":                                       false,
		"1.5 seconds is too long here":                                     false,
		"React 18 changed this":                                            false,
		"fix the underlying cause":                                         false,
	} {
		if got := versionTag(s); got != want {
			t.Errorf("versionTag(%q) = %v, want %v", s, got, want)
		}
	}
}

// A note that starts with a name of code keeps its case in the title.
func TestHeadlineKeepsCodeNames(t *testing.T) {
	for text, want := range map[string]string{
		// colinhacks/zod 92f4798
		"uniqueItems and contains/minContains/maxContains are not supported": "uniqueItems and contains/minContains/maxContains are not supported",
		"os.Exit here is too early": "os.Exit here is too early",
		"remove the legacy path":    "Remove the legacy path",
		"retry on EOF":              "Retry on EOF",
		// nodejs/undici ab0ecfd: who, then what
		"(@metcoder95) - remove in further major": "Remove in further major",
		"(a, b) pairs are swapped":                "(a, b) pairs are swapped",
	} {
		if got := headline(todoComment{text: text}); got != want {
			t.Errorf("headline(%q) = %q, want %q", text, got, want)
		}
	}
}

// A note is not placed in a definition the file no longer holds: git
// names a hunk by a line above it in the old file, and SeaQL/sea-orm
// 921f38fd, which deleted SelfViaField, placed "Batch save?" of
// ManyToManyField::expand_into in it (round 151, wrong).
func TestNotPlacedInADeletedDefinition(t *testing.T) {
	hunk := strings.Replace(difftest.Hunk(1300, 1305,
		"             let a = 1;",
		"             let b = 2;",
		"+            // TODO: Batch save?",
		"             let c = 3;"), " @@\n", " @@ pub struct SelfViaField {\n", 1)
	cd := difftest.Commit(t, difftest.Modified("src/entity/expand.rs", "src/entity/expand.rs", hunk))
	f := &cd.Files[0]
	if f.Hunks[0].Section == "" {
		t.Fatal("the hunk header lost its section")
	}
	file := func(body string) sourceFunc {
		return func(string, analyze.LineKind) ([]byte, bool) { return []byte(body), true }
	}
	found, _ := detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{}, file("impl ManyToManyField {\n    fn expand_into(&self) {\n    }\n}\n"))
	if len(found) != 1 || strings.Contains(found[0].Title, "SelfViaField") {
		t.Errorf("placed in the deleted struct: %+v", found)
	}
	found, _ = detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{}, file("pub struct SelfViaField {\n    a: i32,\n}\n"))
	if len(found) != 1 || !strings.Contains(found[0].Title, "SelfViaField") {
		t.Errorf("a definition the file holds is the place: %+v", found)
	}
}
