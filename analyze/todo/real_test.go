package todo

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// realGot is what the cases from real history check of a finding.
type realGot struct {
	Word, Text string
	Line       int
}

// realCase is one hunk taken from a public repository's history (trimmed
// to the lines around the TODO, line numbers kept), named in the case.
type realCase struct {
	name string // what it shows; the repository and commit it comes from
	path string
	hunk string
	want []realGot
	// wantResolved are resolutions as "OLD TEXT" or "OLD TEXT -> NEW TEXT"
	// (a replacement), each "WORD: text", for fingerprints of path.
	wantResolved []string
}

func runRealCases(t *testing.T, cases []realCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			f := difftest.File(t, difftest.Modified(tt.path, tt.path, tt.hunk))
			found, resolved := Detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{})
			var got []realGot
			for _, fd := range found {
				got = append(got, realGot{fd.Word, fd.Text, fd.Evidence.Line})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found:\n got %+v\nwant %+v", got, tt.want)
			}
			var wantRes []analyze.Resolution
			for _, r := range tt.wantResolved {
				old, repl, _ := strings.Cut(r, " -> ")
				res := analyze.Resolution{Fingerprint: fpOf(tt.path, old), Commit: difftest.CommitID}
				if repl != "" {
					res.ReplacedBy = fpOf(tt.path, repl)
				}
				wantRes = append(wantRes, res)
			}
			if !reflect.DeepEqual(resolved, wantRes) {
				t.Errorf("resolved:\n got %+v\nwant %+v", resolved, wantRes)
			}
			// A TODO that replaces one the commit removed was edited, not
			// added, there: its evidence says so, and no other does.
			replacement := map[string]bool{}
			for _, r := range wantRes {
				replacement[r.ReplacedBy] = r.ReplacedBy != ""
			}
			for _, fd := range found {
				if fd.Evidence.Edited != replacement[fd.Fingerprint] {
					t.Errorf("%s: Edited = %v, want %v", fd.Text, fd.Evidence.Edited, replacement[fd.Fingerprint])
				}
			}
		})
	}
}

// fpOf is the fingerprint of "WORD: text" in path.
func fpOf(path, wordText string) string {
	word, text, _ := strings.Cut(wordText, ": ")
	return todoFingerprint(path, word, text)
}

// TestRealNewLanguages covers the languages todo-to-issue-action knows that
// the table lacked, each from a commit that added a TODO.
func TestRealNewLanguages(t *testing.T) {
	runRealCases(t, []realCase{
		{
			name: `ABAP " comment (abapGit/abapGit 6b7e4d62d)`,
			path: "src/zcl_abapgit_objects.clas.abap",
			hunk: difftest.Hunk(516, 521,
				"+        \" to catch the exceptions because otherwise messages would directly be issued",
				"+        \" by the function module and change the control flow. Thus breaking the",
				"+        \" deletion of TOBJ and other object types.",
				"+        \" TODO: This is not very clean and has to be improved in the future. See PR 2741.",
				"+",
				"       ENDIF.",
			),
			want: []realGot{{"TODO", "This is not very clean and has to be improved in the future. See PR 2741.", 524}},
		},
		{
			name: "ABAP * in the first column (abapGit/abapGit 2389627be)",
			path: "src/zabapgit_object_auth.prog.abap",
			hunk: difftest.Hunk(119, 119,
				" ",
				"     field = ms_item-obj_name.",
				" ",
				"+* TODO, this function module does not exist in 702",
				"     CALL FUNCTION 'SU20_MAINTAIN_SNGL'",
				"       EXPORTING",
				"         id_field    = field",
			),
			want: []realGot{{"TODO", "this function module does not exist in 702", 122}},
		},
		{
			name: `ABAP " after a '...' literal holding double quotes (abapGit/abapGit 265768e05)`,
			path: "src/zabapgit.prog.abap",
			hunk: difftest.Hunk(19817, 19817,
				"           IF lines( lt_repo_items ) = 0.",
				"-            ro_html->add(   '<tr class=\"unsupported\"><td>'",
				"+            ro_html->add(   '<tr class=\"unsupported firstrow\"><td style=\"padding:1em;\">' \"TODO move to styles",
				"                          && '<center>Empty package</center>'",
			),
			want: []realGot{{"TODO", "move to styles", 19818}},
		},
		{
			name: "AutoHotkey ; comment (eugenesvk/Win.ahk f582e4e9)",
			path: "test/AltSyntax/9 AltAsCtrl_.ahk",
			hunk: difftest.Hunk(13, 14,
				"+  *#Right::^Right",
				"+  ; AppsKey & vkBF::^vkBF",
				"+; TODO: convert a template to use ␠›1 syntax (can AppsKey with alt (use different syntax not & for alt))",
			),
			want: []realGot{{"TODO", "convert a template to use ␠›1 syntax (can AppsKey with alt (use different syntax not & for alt))", 16}},
		},
		{
			name: "AutoHotkey ;;;; after code (eugenesvk/Win.ahk 8a870d58)",
			path: "lib/Win.ahk",
			hunk: difftest.Hunk(75, 87,
				"+     , ptcScope   \t:= UIA.TreeScope.Element ; Element or Subtree (very slow on some web pages https://www.autohotkey.com/boards/viewtopic.php?f=82&t=114802&p=545176#p545176)",
				"+     , ptcMode    \t:= UIA.AutomationElementMode.None ; no access to live object for performance, only cached prop/pattern are available",
				"+     , ptcMode    \t:= UIA.AutomationElementMode.Full ;;;; TODO delete",
				"+     , pointCache \t:= UIA.CreateCacheRequest(ptcProp,ptcPattern,ptcScope,ptcMode) ; (,,,,filter?)",
			),
			want: []realGot{{"TODO", "delete", 89}},
		},
		{
			name: "GDScript # comment (godotengine/godot-demo-projects 61ea89e8)",
			path: "viewport/gui_in_3d/gui_3d.gd",
			hunk: difftest.Hunk(75, 76,
				"+\t\t\tmouse_pos3D = Vector3.ZERO",
				" \t",
				"+\t# TODO: adapt to bilboard mode or avoid completely",
				" \t",
			),
			want: []realGot{{"TODO", "adapt to bilboard mode or avoid completely", 78}},
		},
		{
			name: "PureScript -- after code (purescript/spago 243099f29)",
			path: "spaghetto/src/Spago/FS.purs",
			hunk: difftest.Hunk(92, 94,
				" ",
				"+isLink :: forall m. MonadEffect m => FilePath -> m Boolean",
				"+isLink path = liftEffect $ try (FS.Sync.lstat path) >>= case _ of",
				"+  Left _err -> pure true -- TODO: we should bubble this up instead",
				"+  Right stats -> pure $ Stats.isSymbolicLink stats",
			),
			want: []realGot{{"TODO", "we should bubble this up instead", 97}},
		},
		{
			name: "Agda {- -} block (agda/cubical 56a5e0f5)",
			path: "Cubical/ZCohomology/Properties.agda",
			hunk: difftest.Hunk(56, 54,
				" ",
				"-{- Unfinished proof that Kₙ ≡ Ω Kₙ₊₁  -}",
				"+{- TODO: Prove Kₙ ≡ Ω Kₙ₊₁  -}",
				" ",
				" invPathCancel : {a b : A} → (p : a ≡ b) → p ∙ (sym p) ≡ refl",
			),
			want: []realGot{{"TODO", "Prove Kₙ ≡ Ω Kₙ₊₁", 55}},
		},
		{
			name: "Agda -- comment (agda/cubical 0f5ac2e7)",
			path: "Cubical/Basics/Equiv.agda",
			hunk: difftest.Hunk(155, 158,
				"+",
				"+-- We can also do it without uaβ!",
				"+-- TODO: Check if this relies on the definition of idtoeqv!",
				"+module UAEquivWithoutUAβ {ℓ : Level} ",
			),
			want: []realGot{{"TODO", "Check if this relies on the definition of idtoeqv!", 160}},
		},
		{
			name: "Move // after code (econia-labs/econia 1c55cd6f)",
			path: "src/move/econia/sources/user.move",
			hunk: difftest.Hunk(152, 249,
				"+        let market_account =",
				"+            open_table::borrow_mut(market_accounts_map, market_account_info);",
				"+        let price = 1; // TODO update with price calculation by order ID",
				"+        // Get mutable reference to corresponding tree, mutable",
			),
			want: []realGot{{"TODO", "update with price calculation by order ID", 251}},
		},
		{
			name: "AL // comment (picazin/ExtManager 92918d64)",
			path: "src/table/Tab83202.EXMExtensionLinesDetail.al",
			hunk: difftest.Hunk(115, 165,
				"     end;",
				" ",
				"+    //TODO validar camps per inserir dades",
				"     local procedure ValidateData()",
				"     begin",
			),
			want: []realGot{{"TODO", "validar camps per inserir dades", 167}},
		},
		{
			name: "Razor // in @code (dotnet-architecture/eShopOnWeb 8d3ac693)",
			path: "src/BlazorAdmin/Pages/CatalogItemPage/Delete.razor",
			hunk: difftest.Hunk(86, 87,
				"+    private async Task DeleteClick()",
				"+    {",
				"+        // TODO: Add some kind of \"are you sure\" check before this",
				"+",
			),
			want: []realGot{{"TODO", `Add some kind of "are you sure" check before this`, 89}},
		},
	})
}

// TestRealMarkupAndTemplates covers HTML comments in Markdown-family files
// and the comments of template languages.
func TestRealMarkupAndTemplates(t *testing.T) {
	runRealCases(t, []realCase{
		{
			name: "Quarto <!--# --> as RStudio writes it (hadley/r4ds edf0d543)",
			path: "joins.qmd",
			hunk: difftest.Hunk(384, 384,
				" The left join should be your default join: use it unless you have a strong reason to prefer one of the others.",
				" ",
				"+<!--# TODO: mention unmatch argument -->",
				"+",
				" Another way to depict the different types of joins is with a Venn diagram:",
			),
			want: []realGot{{"TODO", "mention unmatch argument", 386}},
		},
		{
			name: "R Markdown <!-- --> (hadley/r4ds 628d58fe)",
			path: "logicals.Rmd",
			hunk: difftest.Hunk(416, 417,
				"+But in the end, some of them are just so useful I think it's important to mention them --- they don't help with that many problems, but when they do, they provide a substantial advantage.",
				"+",
				"+<!-- TODO: illustration of accumulating function -->",
				" ",
				" Another useful pair of functions are cumulative any, `cumany()`, and cumulative all, `cumall()`.",
			),
			want: []realGot{{"TODO", "illustration of accumulating function", 419}},
		},
		{
			name: "MDX <!-- --> (mdx-js/mdx 1fec5b59)",
			path: "docs/advanced/api.mdx",
			hunk: difftest.Hunk(111, 112,
				"+```",
				"+",
				"+<!-- TODO: links should be updated. Can we also inline this example? -->",
				"+",
				"+MDX’s [runtime][] package has [example][] usage.",
			),
			want: []realGot{{"TODO", "links should be updated. Can we also inline this example?", 114}},
		},
		{
			name: "Handlebars: // in the page's script (TryGhost/Casper 9f7c0e30)",
			path: "post.hbs",
			hunk: difftest.Hunk(178, 165,
				"-            header.removeClass(\"floating-active\");",
				"-        }",
				"+// TODO: SOMEONE PLEASE REFACTOR THIS SHITSHOW? 😭",
				"+$(document).ready(function(){",
				"+    $(function() {",
			),
			want: []realGot{{"TODO", "SOMEONE PLEASE REFACTOR THIS SHITSHOW? 😭", 165}},
		},
		{
			name: "Twig {# #} (kimai/kimai 087350ab)",
			path: "templates/macros/widgets.html.twig",
			hunk: difftest.Hunk(2, 3,
				"+    {%- if options and options.title is defined %} data-replacer=\"duration\" data-title=\"true\"{% endif -%}",
				"+    {%- if not timesheet.end %} data-since=\"{{ timesheet.begin is null ? '' : timesheet.begin.format(constant('DATE_ISO8601')) }}\"{% endif -%}",
				"+    {# TODO calculate break and add as data-duration #}",
				"+    class=\"duration {% if options and options.class is defined %} {{ options.class }}{% endif %}\">",
			),
			want: []realGot{{"TODO", "calculate break and add as data-duration", 5}},
		},
		{
			name: "Liquid {% comment %} (Shopify/dawn 8c553758)",
			path: "snippets/product-card.liquid",
			hunk: difftest.Hunk(27, 33,
				"+      {%- endif -%}",
				"+",
				"+      {% comment %} TODO: metafield {% endcomment %}",
				"+      <span class=\"caption-large light\">{{ block.settings.description | escape }}</span>",
			),
			want: []realGot{{"TODO", "metafield", 35}},
		},
		{
			name: "Liquid # inside a {% liquid %} tag (Shopify/dawn 0124ebe2)",
			path: "snippets/product-variant-picker.liquid",
			hunk: difftest.Hunk(90, 105,
				"+              if variant.quantity_rule.max != null",
				"+                echo 'products.product.quantity.maximum_of' | t: quantity: variant.quantity_rule.max | prepend: ' - '",
				"+              endif",
				"+              # TODO: enable theme-check once `item_count_for_variant` is accepted as valid filter",
				"+              # theme-check-disable",
				"+              assign cart_quantity = cart | item_count_for_variant: variant.id",
			),
			want: []realGot{{"TODO", "enable theme-check once `item_count_for_variant` is accepted as valid filter", 108}},
		},
		{
			// No real Org history with a comment TODO was found (Org
			// projects write TODO headings); this is todo-to-issue-action's
			// own test diff, tests/test_new.diff (alstr/todo-to-issue-action).
			name: "Org # and #+begin_comment (alstr/todo-to-issue-action tests/test_new.diff)",
			path: "example_file.org",
			hunk: difftest.Hunk(0, 1,
				"+ # TODO: Hopefully this comment turns into a todo issue",
				"+ #+begin_src python",
				"+ print(\"Hello World\")",
				"+ #+end_src",
				"+ #+begin_comment",
				"+  TODO: Multiline comments",
				"+   also need to be turned into todos, and hopefully",
				"+   kept together as one todo",
				"+ #+end_comment",
			),
			want: []realGot{
				{"TODO", "Hopefully this comment turns into a todo issue", 1},
				{"TODO", "Multiline comments", 6},
			},
		},
	})
}

// TestRealMarkerForms covers the ways a marker is written: tagged, with an
// owner or issue, a question, in brackets, as a documentation tag, and after
// other text in the same comment.
func TestRealMarkerForms(t *testing.T) {
	runRealCases(t, []realCase{
		{
			name: "TODO[@owner]: (prettier/prettier 5ce41ed53)",
			path: "src/language-js/print/member.js",
			hunk: difftest.Hunk(15, 16,
				" ",
				" const isCallExpressionWithArguments = (node) => {",
				"-  if (node.type === \"ChainExpression\" || node.type === \"TSNonNullExpression\") {",
				"+  // TODO[@fisker]: Use `stripChainElementWrappers`",
				"+  if (isChainElementWrapper(node)) {",
				"     node = node.expression;",
			),
			want: []realGot{{"TODO", "Use `stripChainElementWrappers`", 18}},
		},
		{
			name: "FIXME(tag): (rust-lang/rust-analyzer 14d2c63bc)",
			path: "crates/hir-ty/src/layout.rs",
			hunk: difftest.Hunk(349, 363,
				"+                            .ok_or(LayoutError::Unknown)?;",
				"+",
				"+                        // FIXME(pattern_types): create implied bounds from pattern types in signatures",
				"+                        // that require that the range end is >= the range start so that we can't hit",
				"+                        if scalar.is_signed() {",
			),
			want: []realGot{{"FIXME", "create implied bounds from pattern types in signatures", 365}},
		},
		{
			name: "FIXME(#issue): tracked elsewhere (rust-lang/rust-analyzer d5db933f9d)",
			path: "crates/hir-def/src/hir.rs",
			hunk: difftest.Hunk(63, 64,
				" pub struct FloatTypeWrapper(Box<str>);",
				" ",
				"+// FIXME(#17451): Use builtin types once stabilised.",
				" impl FloatTypeWrapper {",
			),
			want: []realGot{{"FIXME", "Use builtin types once stabilised.", 66}},
		},
		{
			name: "FIXME-OPT: after commented-out code (ocornut/imgui ca753829c)",
			path: "imgui.cpp",
			hunk: difftest.Hunk(1222, 1221,
				" {",
				"-    return (int)wcslen((const wchar_t*)str);",
				"+    //return (int)wcslen((const wchar_t*)str);\t// FIXME-OPT: Could use this when wchar_t are 16-bits",
				"+    int n = 0;",
				"+    while (*str++) n++;",
			),
			want: []realGot{{"FIXME", "Could use this when wchar_t are 16-bits", 1222}},
		},
		{
			name: "FIXME? (containers/image 69d5a131)",
			path: "signature/mechanism_test.go",
			hunk: difftest.Hunk(80, 85,
				"+\tcontent, signingFingerprint, err = mech.Verify(signature)",
				"+\tassertSigningError(t, content, signingFingerprint, err)",
				"+",
				"+\t// FIXME? Is there a way to create a multi-signature so that gpgme_op_verify returns multiple signatures?",
				"+",
			),
			want: []realGot{{"FIXME", "Is there a way to create a multi-signature so that gpgme_op_verify returns multiple signatures?", 88}},
		},
		{
			name: "[TODO] after code (openforis/sepal 4db8227f3)",
			path: "modules/gui/frontend/src/app/home/body/apps/appList/appListData.js",
			hunk: difftest.Hunk(100, 123,
				"+                // ]}",
				"+                infoDisabled={true}",
				"+                onInfo={() => this.showInfo(app)} // [TODO] implement it",
				"+                onClick={() => onSelect(app)}",
				"+            />",
			),
			want: []realGot{{"TODO", "implement it", 125}},
		},
		{
			name: "[TODO] on a line whose code changed: not added by the commit (openforis/sepal 6ebf87f62)",
			path: "modules/gui/src/app/landing/setPassword.js",
			hunk: difftest.Hunk(67, 68,
				"                 })",
				"-                history().push('/process') // [TODO] fix this",
				"+                history().push('/-/process') // [TODO] fix this",
				"             }",
			),
		},
		{
			name: "@todo in a JSDoc block, ending at the next tag (eslint/eslint bbf23fa2f)",
			path: "lib/linter/file-report.js",
			hunk: difftest.Hunk(53, 54,
				"+/**",
				"+ * Updates a given location based on the language offsets. This allows us to",
				"+ * change 0-based locations to 1-based locations. We always want ESLint",
				"+ * reporting lines and columns starting from 1.",
				"+ * @todo Potentially this should be moved into a shared utility file.",
				"+ * @param {Object} location The location to update.",
				"+ * @param {number} location.line The starting line number.",
			),
			want: []realGot{{"TODO", "Potentially this should be moved into a shared utility file.", 58}},
		},
		{
			name: "@todo in a line comment (axios/axios e52e4dbb)",
			path: "lib/adapters/http.js",
			hunk: difftest.Hunk(347, 347,
				"     // Handle errors",
				"     req.on('error', function handleRequestError(err) {",
				"-      if (req.aborted && err.code !== AxiosError.ERR_FR_TOO_MANY_REDIRECTS) return;",
				"+      // @todo remove",
				"+      // if (req.aborted && err.code !== AxiosError.ERR_FR_TOO_MANY_REDIRECTS) return;",
				"       reject(AxiosError.from(err, null, config, req));",
			),
			want: []realGot{{"TODO", "remove", 349}},
		},
		{
			name: "-- TODO after commented-out code (purescript/spago 119df268b)",
			path: "src/Spago/BuildInfo.purs",
			hunk: difftest.Hunk(24, 24,
				"         }",
				"   -- , buildTime :: String -- TODO add build time to build info",
				"+  -- , commitHash :: String -- TODO add commit hash to build info",
				"   , pursVersion :: String",
			),
			want: []realGot{{"TODO", "add commit hash to build info", 26}},
		},
		{
			name: "# TODO after a # noqa on a line of code (python/mypy e5546feec)",
			path: "mypy/typeshed/stdlib/math.pyi",
			hunk: difftest.Hunk(100, 105,
				"+_NegativeInteger: TypeAlias = Literal[-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -20]",
				"+_LiteralInteger = _PositiveInteger | _NegativeInteger | Literal[0]  # noqa: Y026  # TODO: Use TypeAlias once mypy bugs are fixed",
				"+",
			),
			want: []realGot{{"TODO", "Use TypeAlias once mypy bugs are fixed", 106}},
		},
		{
			name: "Python docstring (python/mypy 0ce09a170)",
			path: "mypy/types.py",
			hunk: difftest.Hunk(2986, 2987,
				" ",
				"+class TypedDictItem(NamedTuple):",
				"+    \"\"\"Type, mutability and requiredness of an item in a TypedDict.",
				"+",
				"+    If typ is `None`, the item comes from a missing item in an open TypedDict, and",
				"+    the type should be treated as if it were a `builtins.object`. (Missing items in",
				"+    closed TypedDicts will have an uninhabited type.)",
				"+",
				"+    TODO: pass a `builtins.object` instead of None when TypedDictType gains a",
				"+    proper extra_items field.",
				"+    \"\"\"",
				"+",
			),
			want: []realGot{{"TODO", "pass a `builtins.object` instead of None when TypedDictType gains a", 2995}},
		},
		{
			name: "TODO: after a sentence in a docstring (python/mypy a936e3008)",
			path: "mypyc/irbuild/function.py",
			hunk: difftest.Hunk(364, 365,
				"     return (func_ir, func_reg)",
				" ",
				" ",
				"+def generate_getattr_wrapper(builder: IRBuilder, cdef: ClassDef, getattr: FuncDef) -> None:",
				"+    \"\"\"",
				"+    Generate a wrapper function for __getattr__ that can be put into the tp_getattro slot.",
				"+    The wrapper takes one argument besides self which is the attribute name.",
				"+    It first checks if the name matches any of the attributes of this class.",
				"+    If it does, it returns that attribute. If none match, it calls __getattr__.",
				"+",
				"+    __getattr__ is not supported in classes that allow interpreted subclasses because the",
				"+    tp_getattro slot is inherited by subclasses and if the subclass overrides __getattr__,",
				"+    the override would be ignored in our wrapper. TODO: To support this, the wrapper would",
				"+    have to check type of self and if it's not the compiled class, resolve \"__getattr__\" against",
				"+    the type at runtime and call the returned method, like _Py_slot_tp_getattr_hook in cpython.",
				"+",
			),
			want: []realGot{{"TODO", "To support this, the wrapper would", 377}},
		},
	})
}

// TestRealEdits: a TODO whose text a commit edits in place is the same
// TODO; its old fingerprint is resolved as replaced by the new one.
func TestRealEdits(t *testing.T) {
	runRealCases(t, []realCase{
		{
			// A backfill that starts after the two notes were written saw
			// the joined one as left unfinished in this commit.
			name: "two notes joined into one (colinhacks/zod 92f4798)",
			path: "packages/zod/src/v4/classic/from-json-schema.ts",
			hunk: difftest.Hunk(537, 526,
				"     }",
				" ",
				"     case \"array\": {",
				"-      // TODO: uniqueItems is not supported",
				"-      // TODO: contains/minContains/maxContains are not supported",
				"+      // TODO: uniqueItems and contains/minContains/maxContains are not supported",
				"+",
				"       // Check if this is a tuple (prefixItems or items as array)",
				"       const prefixItems = schema.prefixItems;",
			),
			want: []realGot{{"TODO", "uniqueItems and contains/minContains/maxContains are not supported", 529}},
			wantResolved: []string{
				"TODO: uniqueItems is not supported -> TODO: uniqueItems and contains/minContains/maxContains are not supported",
				"TODO: contains/minContains/maxContains are not supported",
			},
		},
		{
			// The note moved out of the job's run: block to a comment
			// above the job, wrapped anew: the same note, edited.
			name: "a note moved within its file and wrapped anew (fsnotify/fsnotify e180a87)",
			path: ".github/workflows/test.yml",
			hunk: difftest.Hunk(45, 73,
				"             su action -c 'go test -race ./...'",
				" ",
				"+  # OpenBSD; no -race as the VM doesn't include the comp set.",
				"+  #",
				"+  # TODO: should probably add this, but on my local machine the tests time out",
				"+  #       with -race as the waits aren't long enough (OpenBSD is kind of slow),",
				"+  #       so should probably look into that first. Go 1.19 is supposed to have a",
				"+  #       much faster race detector, so maybe waiting until we have that is",
				"+  #       enough.",
				"   testOpenBSD:",
				"     runs-on: macos-12",
				"     name: test (openbsd, 1.17)",
			) + difftest.Hunk(55, 90,
				"         with:",
				"           prepare: pkg_add go",
				"-          # No -race as the VM doesn't include the comp set.",
				"-          #",
				"-          # TODO: should probably add this, but on my local machine the tests",
				"-          #       time out with -race as the waits aren't long enough (OpenBSD",
				"-          #       is kind of slow), so should probably look into that first.",
				"-          #       Go 1.19 is supposed to have a much faster race detector, so",
				"-          #       maybe waiting until we have that is enough.",
				"           run: |",
				"             useradd -mG wheel action",
			),
			want: []realGot{{"TODO", "should probably add this, but on my local machine the tests time out", 77}},
			wantResolved: []string{
				"TODO: should probably add this, but on my local machine the tests -> TODO: should probably add this, but on my local machine the tests time out",
			},
		},
		{
			// A bare marker over a call put aside has no words.
			name: "a bare TODO over a call commented out (unjs/h3 3abbdb2)",
			path: "test/utils.test.ts",
			hunk: difftest.Hunk(115, 115,
				" ",
				"+      // TODO",
				"+      // expect(",
				"+      //   await t",
				"+      //     .fetch(\"https://localhost/\", {",
				" ",
			),
		},
		{
			// A bare marker over a type checker's pragma has no words.
			name: "a bare FIXME over a mypy pragma (aio-libs/frozenlist 822ac6d)",
			path: "tests/test_frozenlist.py",
			hunk: difftest.Hunk(1, 1,
				"+# FIXME:",
				"+# mypy: disable-error-code=\"misc\"",
				"+",
				" from collections.abc import MutableSequence",
			),
		},
		{
			name: "typo fixed (godotengine/godot-demo-projects 61ea89e8)",
			path: "viewport/gui_in_3d/gui_3d.gd",
			hunk: difftest.Hunk(75, 76,
				"+\t\t\tmouse_pos3D = Vector3.ZERO",
				" \t",
				"-\t#TODO: adapt to bilboard mode or avoid completelly",
				"+\t# TODO: adapt to bilboard mode or avoid completely",
				" \t",
				" \t# convert the relative event position from 3D to 2D",
			),
			want:         []realGot{{"TODO", "adapt to bilboard mode or avoid completely", 78}},
			wantResolved: []string{"TODO: adapt to bilboard mode or avoid completelly -> TODO: adapt to bilboard mode or avoid completely"},
		},
		{
			name: "typo fixed in Python (python/mypy cbd96f96a6)",
			path: "mypyc/irbuild/ll_builder.py",
			hunk: difftest.Hunk(1890, 1890,
				"         # or an internal mypyc C API function?",
				"         if desc.c_function_name:",
				"-            # TODO: Generate PrimitiOps here and transform them into CallC",
				"+            # TODO: Generate PrimitiveOps here and transform them into CallC",
				"             # ops only later in the lowering pass",
				"             c_desc = CFunctionDescription(",
			),
			want:         []realGot{{"TODO", "Generate PrimitiveOps here and transform them into CallC", 1892}},
			wantResolved: []string{"TODO: Generate PrimitiOps here and transform them into CallC -> TODO: Generate PrimitiveOps here and transform them into CallC"},
		},
		{
			name: "note shortened (tokio-rs/axum 776c4a43)",
			path: "axum/src/routing/mod.rs",
			hunk: difftest.Hunk(375, 390,
				" ",
				"     fn fallback_endpoint(self, endpoint: Endpoint<S>) -> Self {",
				"-        // TODO make this better, get rid of the `unwrap`s.",
				"+        // TODO make this better.",
				"         // We need the returned `Service` to be `Clone` and the function inside `service_fn` to be",
			),
			want:         []realGot{{"TODO", "make this better.", 392}},
			wantResolved: []string{"TODO: make this better, get rid of the `unwrap`s. -> TODO: make this better."},
		},
		{
			name: "note reworded, few words shared, in place (prettier/prettier 0162263830)",
			path: "src/language-js/print/class.js",
			hunk: difftest.Hunk(102, 102,
				"       printSuperClass(path, options, print),",
				"       print(",
				"-        // TODO: Use `superTypeArguments` only when babel align with TS.",
				"+        // TODO: Remove `superTypeParameters` when https://github.com/facebook/hermes/issues/1808#issuecomment-3413004377 get fixed",
				"         node.superTypeArguments ? \"superTypeArguments\" : \"superTypeParameters\",",
				"       ),",
			),
			want: []realGot{{"TODO", "Remove `superTypeParameters` when https://github.com/facebook/hermes/issues/1808#issuecomment-3413004377 get fixed", 104}},
			wantResolved: []string{
				"TODO: Use `superTypeArguments` only when babel align with TS. -> TODO: Remove `superTypeParameters` when https://github.com/facebook/hermes/issues/1808#issuecomment-3413004377 get fixed",
			},
		},
		{
			name: "note reworded over two lines (python/mypy 4fa4657d7d)",
			path: "mypy/applytype.py",
			hunk: difftest.Hunk(157, 156,
				" ",
				"     # The callable may retain some type vars if only some were applied.",
				"-    # TODO: move apply_poly() logic from checkexpr.py here when new inference",
				"+    # TODO: move apply_poly() logic here when new inference",
				"     # becomes universally used (i.e. in all passes + in unification).",
				"     # With this new logic we can actually *add* some new free variables.",
			),
			want:         []realGot{{"TODO", "move apply_poly() logic here when new inference", 158}},
			wantResolved: []string{"TODO: move apply_poly() logic from checkexpr.py here when new inference -> TODO: move apply_poly() logic here when new inference"},
		},
		{
			name: "the run's one note narrowed, a line lower (cheeriojs/cheerio 367b682f)",
			path: "src/api/traversing.ts",
			hunk: difftest.Hunk(182, 182,
				"       const matched: Element[] = [];",
				" ",
				"       domEach(elems, (elem) => {",
				"-        for (let next; (next = nextElem(elem)); elem = next) {",
				"-          // FIXME: `matched` might contain duplicates here and the index is too large.",
				"-          if (matches?.(next, matched.length)) break;",
				"+        let i = 0;",
				"+        for (let next; (next = nextElem(elem)); elem = next, i++) {",
				"+          // FIXME: `matched` might still contain duplicates across starting elements.",
				"+          if (matches?.(next, i)) break;",
				"           matched.push(next);",
			),
			want:         []realGot{{"FIXME", "`matched` might still contain duplicates across starting elements.", 187}},
			wantResolved: []string{"FIXME: `matched` might contain duplicates here and the index is too large. -> FIXME: `matched` might still contain duplicates across starting elements."},
		},
		{
			name: "the run's one note reworded and re-wrapped (fabric/fabric 1e4bd7a3)",
			path: "fabric/transfer.py",
			hunk: difftest.Hunk(141, 143,
				"                 dir_path, _ = os.path.split(local)",
				"-            local = os.path.normpath(local)",
				"-            os.makedirs(dir_path)",
				"-            # TODO: reimplement makedirs in manner allowing us to track what",
				"-            # was created so we can revert if transfer fails.",
				"+            local = os.path.abspath(local)",
				"+            Path(dir_path).mkdir(parents=True, exist_ok=True)",
				"+            # TODO: reimplement mkdir (or otherwise write a testing function)",
				"+            # allowing us to track what was created so we can revert if",
				"+            # transfer fails.",
				"             # TODO: Alternately, transfer to temp location and then move, but",
			),
			want:         []realGot{{"TODO", "reimplement mkdir (or otherwise write a testing function)", 146}},
			wantResolved: []string{"TODO: reimplement makedirs in manner allowing us to track what -> TODO: reimplement mkdir (or otherwise write a testing function)"},
		},
		{
			name: "a note moved to another function's doc, rewritten around a list kept word for word (node-cron/node-cron da270d2)",
			path: "src/tasks/background-scheduled-task/daemon.ts",
			hunk: difftest.Hunk(10, 10,
				" export async function startDaemon(message: any): Promise<ScheduledTask> {",
				"-    /* HACK: this hack was added because CJS vs ESM issues in combination with Windows vs Linux issues:",
				"-     *",
				"-     * 1. On CJS, require should always receive a path",
				"-     * 2. On ESM + Windows, import should always receive a file URL",
				"-     * 3. On ESM + Linux, import can receive either a URL or a Path",
				"-     */",
				"     try {",
			) + difftest.Hunk(40, 34,
				" }",
				"+/*",
				"+ * HACK: CJS vs ESM combined with Windows vs Linux path/URL rules:",
				"+ *   1. On CJS, require should always receive a path",
				"+ *   2. On ESM + Windows, import should always receive a file URL",
				"+ *   3. On ESM + Linux, import can receive either a URL or a path",
				"+ * We cannot reliably tell at runtime which we are in, so we try the path first.",
				"+ */",
				"+async function importTaskModule(path: string) {",
			),
			want:         []realGot{{"HACK", "CJS vs ESM combined with Windows vs Linux path/URL rules:", 36}},
			wantResolved: []string{"HACK: this hack was added because CJS vs ESM issues in combination with Windows vs Linux issues: -> HACK: CJS vs ESM combined with Windows vs Linux path/URL rules:"},
		},
		{
			name: "whitespace only: neither found nor resolved (ocornut/imgui fc5236465)",
			path: "imgui.cpp",
			hunk: difftest.Hunk(1334, 1334,
				" int ImStrlenW(const ImWchar* str)",
				" {",
				"-    //return (int)wcslen((const wchar_t*)str);\t// FIXME-OPT: Could use this when wchar_t are 16-bits",
				"+    //return (int)wcslen((const wchar_t*)str);  // FIXME-OPT: Could use this when wchar_t are 16-bits",
				"     int n = 0;",
			),
		},
		{
			name: "a second marker after the note ends it; the note edited in place (ocornut/imgui ee48ffe02)",
			path: "imgui_widgets.cpp",
			hunk: difftest.Hunk(1480, 1481,
				"     float line_y = bb.Max.y + ImFloor(g.Font->Descent * g.FontScale * 0.20f);",
				"-    window->DrawList->AddLine(ImVec2(bb.Min.x, line_y), ImVec2(bb.Max.x, line_y), GetColorU32(line_colf)); // FIXME-TEXT: Underline mode.",
				"+    window->DrawList->AddLine(ImVec2(bb.Min.x, line_y), ImVec2(bb.Max.x, line_y), GetColorU32(line_colf)); // FIXME-TEXT: Underline mode // FIXME-DPI",
				" ",
			),
			want:         []realGot{{"FIXME", "Underline mode", 1482}},
			wantResolved: []string{"FIXME: Underline mode. -> FIXME: Underline mode"},
		},
		{
			name: "the word changed (TODO to FIXME): the same note, edited (rust-lang/rust-analyzer 25910bcde6)",
			path: "crates/hir-def/src/path/lower.rs",
			hunk: difftest.Hunk(221, 221,
				"             ast::GenericArg::ReturnTypeArg(_) => {",
				"-                // TODO: return type notation is experimental, we don't do anything with it yet.",
				"+                // FIXME: return type notation is experimental, we don't do anything with it yet.",
				"             }",
			),
			want:         []realGot{{"FIXME", "return type notation is experimental, we don't do anything with it yet.", 222}},
			wantResolved: []string{"TODO: return type notation is experimental, we don't do anything with it yet. -> FIXME: return type notation is experimental, we don't do anything with it yet."},
		},
		{
			name: "the marker changed (BUG(who) to TODO) and the note re-wrapped: edited (BurntSushi/toml 5f40317)",
			path: "decode.go",
			hunk: difftest.Hunk(180, 182,
				" \tif v, ok := rv.Interface().(encoding.TextUnmarshaler); ok {",
				" \t\treturn md.unifyText(data, v)",
				" \t}",
				"-\t// BUG(burntsushi)",
				"+\t// TODO:",
				" \t// The behavior here is incorrect whenever a Go type satisfies the",
				"-\t// encoding.TextUnmarshaler interface but also corresponds to a TOML",
				"-\t// hash or array. In particular, the unmarshaler should only be applied",
				"-\t// to primitive TOML values. But at this point, it will be applied to",
				"-\t// all kinds of values and produce an incorrect error whenever those values",
				"-\t// are hashes or arrays (including arrays of tables).",
				"+\t// encoding.TextUnmarshaler interface but also corresponds to a TOML hash or",
				"+\t// array. In particular, the unmarshaler should only be applied to primitive",
				"+\t// TOML values. But at this point, it will be applied to all kinds of values",
				"+\t// and produce an incorrect error whenever those values are hashes or arrays",
				"+\t// (including arrays of tables).",
				" ",
				" \tk := rv.Kind()",
			),
			want:         []realGot{{"TODO", "The behavior here is incorrect whenever a Go type satisfies the", 185}},
			wantResolved: []string{"BUG: The behavior here is incorrect whenever a Go type satisfies the -> TODO: The behavior here is incorrect whenever a Go type satisfies the"},
		},
	})
}

// TestRealStrings: a TODO inside a string literal is not a TODO.
func TestRealStrings(t *testing.T) {
	// rust-lang/rust-analyzer 6990d0f26a adds a test whose fixture, in a
	// raw string, carries FIXME notes about the fixture's code (lines of
	// the fixture between them left out here).
	t.Run("in a Rust raw-string test fixture (rust-lang/rust-analyzer 6990d0f26a)", func(t *testing.T) {
		f := difftest.File(t, difftest.Modified("crates/hir-ty/src/mir/eval/tests.rs", "crates/hir-ty/src/mir/eval/tests.rs", difftest.Hunk(184, 184,
			"+fn drop_struct_field() {",
			"+    check_pass(",
			"+        r#\"",
			"+//- minicore: drop, add, option, cell, builtin_impls",
			"+",
			"+fn should_not_reach() {",
			"+    _ // FIXME: replace this function with panic when that works",
			"+}",
			"+",
			"+fn main() {",
			"+    // FIXME: this should be 3",
			"+    if s.get() != 2 {",
			"+        should_not_reach();",
			"+    }",
			"+}",
			"+\"#,",
			"+    );",
			"+}",
		)))
		if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{}); len(found) != 0 {
			t.Fatalf("found %+v in a raw string", found)
		}
	})
	// The end of the same hunk, as a hunk that starts inside the string
	// would show it: the closing "#, tells.
	t.Run("the same fixture, the hunk starting inside the string", func(t *testing.T) {
		f := difftest.File(t, difftest.Modified("crates/hir-ty/src/mir/eval/tests.rs", "crates/hir-ty/src/mir/eval/tests.rs", difftest.Hunk(200, 214,
			"+    }",
			"+    // FIXME: this should be 3",
			"+    if s.get() != 2 {",
			"+        should_not_reach();",
			"+    }",
			"+}",
			"+\"#,",
			"+    );",
			"+}",
		)))
		if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{}); len(found) != 0 {
			t.Fatalf("found %+v in a raw string", found)
		}
	})
	// python/mypy 67a9bbdb8d: the hunk is in the middle of a setup.py
	// template held in a triple-quoted string opened twenty lines above it;
	// only the file can tell. The file below is the real one at that commit,
	// lines 80 to 107, with the lines above blanked (line numbers kept).
	path := "mypyc/buildc.py"
	src := strings.Repeat("\n", 79) + strings.Join([]string{
		"",
		"# TODO: Make compiler arguments platform-specific.",
		`setup_format = """\`,
		"from distutils.core import setup, Extension",
		"from distutils import sysconfig",
		"import sys",
		"",
		"extra_compile_args = ['-Werror', '-Wno-unused-function', '-Wno-unused-label',",
		"                      '-Wno-unreachable-code', '-Wno-unused-variable']",
		"",
		"vars = sysconfig.get_config_vars()",
		"",
		"# On OS X, Force the creation of dynamic libraries instead of bundles so that",
		"# we can link against multi-module shared libraries.",
		"# From https://stackoverflow.com/a/32765319",
		"if sys.platform == 'darwin':",
		"    vars['LDSHARED'] = vars['LDSHARED'].replace('-bundle', '-dynamiclib')",
		"",
		"# And on Linux, set the rpath to $ORIGIN so they will look for the shared",
		"# library in the directory that they live in.",
		"elif sys.platform == 'linux':",
		`    vars['LDSHARED'] += ' -Wl,-rpath,"$ORIGIN"'`,
		"",
		"    # This flag is needed for gcc but does not exist on clang. Currently we only support gcc for",
		"    # linux.",
		"    # TODO: Add support for clang on linux. Possibly also add support for gcc on Darwin.",
		"    extra_compile_args += ['-Wno-unused-but-set-variable']",
		"",
	}, "\n")
	cd := difftest.Commit(t, difftest.Modified(path, path, difftest.Hunk(101, 101,
		`     vars['LDSHARED'] += ' -Wl,-rpath,"$ORIGIN"'`,
		"+",
		"+    # This flag is needed for gcc but does not exist on clang. Currently we only support gcc for",
		"+    # linux.",
		"+    # TODO: Add support for clang on linux. Possibly also add support for gcc on Darwin.",
		"     extra_compile_args += ['-Wno-unused-but-set-variable']",
		" ",
	)))
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	t.Run("in a Python template string opened above the hunk (python/mypy 67a9bbdb8d)", func(t *testing.T) {
		read := 0
		cd.Source = func(p string, side analyze.LineKind) ([]byte, bool) {
			read++
			if p != path || side != analyze.Added {
				return nil, false
			}
			return []byte(src), true
		}
		if found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, cd, &eff); len(found) != 0 {
			t.Fatalf("found %+v in a string", found)
		}
		if read != 1 {
			t.Fatalf("read the file %d times, want once", read)
		}
	})
	t.Run("a file with no TODO-like changed line is not read", func(t *testing.T) {
		cd := difftest.Commit(t, difftest.Modified(path, path, difftest.Hunk(90, 90,
			" vars = sysconfig.get_config_vars()",
			"+# debug builds need it too",
		)))
		cd.Source = func(string, analyze.LineKind) ([]byte, bool) {
			t.Fatal("read a file with nothing to find")
			return nil, false
		}
		(Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, cd, &eff)
	})
}

// TestRealMerge: a merge adds no TODO of its own; the merged branch's
// commits are where its TODOs were written.
func TestRealMerge(t *testing.T) {
	// rust-lang/rust-analyzer fd2d346aec "Merge ref 'e4fdb554ad2c' from
	// rust-lang/rust": against its first parent it adds a TODO the merged
	// branch's own commit wrote.
	path := "crates/hir-ty/src/next_solver/solver.rs"
	cd := difftest.Commit(t, difftest.Modified(path, path, difftest.Hunk(257, 261,
		"                 Some(ec)",
		"             }",
		"+            // TODO: Wire up const_eval_anon query in Phase 5.",
		"+            // For now, return an error const so normalization resolves the",
		"+            // unevaluated const to Error (matching the old behavior where",
	)))
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	merge := analyze.Commit{Hash: difftest.CommitID, Parents: []string{"793b8c1fb0889c5ebf8003e21f1d2eb79d780031", "c8e887ac7d428e51fd61b214a3de29d7c21d8828"}}
	if found, resolved := (Detector{}).DetectCommit(merge, cd, &eff); found != nil || resolved != nil {
		t.Fatalf("a merge gave %+v, %+v", found, resolved)
	}
	merge.Parents = merge.Parents[:1]
	if found, _ := (Detector{}).DetectCommit(merge, cd, &eff); len(found) != 1 || found[0].Evidence.Restored {
		t.Fatalf("the same diff in an ordinary commit gave %+v, want 1 finding, not restored", found)
	}
	// A revert brings back what the commit it reverts took out
	// (tokio-rs/prost 0caca297, round 109: "added in" the revert).
	revert := analyze.Commit{Hash: difftest.CommitID, Parents: merge.Parents, Subject: `Revert "feat(prost-build): emit rerun commands (#1140)" (#1297)`}
	if found, _ := (Detector{}).DetectCommit(revert, cd, &eff); len(found) != 1 || !found[0].Evidence.Restored {
		t.Fatalf("a revert gave %+v, want 1 finding, restored", found)
	}
}

// TestRealBodies: what a note's body takes of the comment lines below it.
func TestRealBodies(t *testing.T) {
	tests := []struct {
		name, path, hunk string
		want             string
		wantText         string // the note's text, when the case says
	}{
		{
			name: "commented-out code is no part of the note (Alamofire/Alamofire e7d8c0d)",
			path: "Source/SessionDelegate.swift",
			hunk: difftest.Hunk(1, 1,
				"+    open func urlSession(_ session: URLSession, webSocketTask: URLSessionWebSocketTask, didOpenWithProtocol protocol: String?) {",
				"+        // TODO: Add event monitor method.",
				`+//        NSLog("URLSession: \(session), webSocketTask: \(webSocketTask), didOpenWithProtocol: \(`+"`protocol`"+` ?? "None")")`,
				"+        guard let request = request(for: webSocketTask, as: WebSocketRequest.self) else {"),
			want: "",
		},
		{
			name: "prose in parentheses is (phoenixframework/phoenix e84b8f6)",
			path: "assets/js/phoenix/presence.js",
			hunk: difftest.Hunk(160, 160,
				"+    // TODO: replace the null-prototype objects with Maps in Phoenix 2.0",
				"+    // (breaking change for the lower-level static API)",
				"+    let state = Object.create(null)"),
			want: "(breaking change for the lower-level static API)",
		},
		{
			name: "a statement put aside (rust-lang/rust-analyzer e267ff1c3c)",
			path: "crates/hir-ty/src/infer/expr.rs",
			hunk: difftest.Hunk(1, 1,
				"+        // have inference side effects required for type checking to succeed.",
				"+        // FIXME: Do it here like rustc.",
				"+        // self.deferred_repeat_expr_checks.borrow_mut().push((element, element_ty, count));",
				"+",
				"+        let ty = Ty::new_array_with_const_len(interner, t, count);"),
			want: "",
		},
		{
			name: "an aside in parentheses has no body, and ends at its parenthesis (python-attrs/cattrs 43f7d0f)",
			path: "src/cattrs/disambiguators.py",
			hunk: difftest.Hunk(21, 21,
				"+    # requirements for a discriminator field:",
				"+    # (... TODO: a single fallback is OK)",
				"+    #  - it must be *required*",
				"+    #  - it must always be enumerated",
				"+    cls_candidates = ["),
			want:     "",
			wantText: "a single fallback is OK",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := difftest.File(t, difftest.Modified(tt.path, tt.path, tt.hunk))
			found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{})
			if len(found) != 1 {
				t.Fatalf("found %d notes, want 1: %+v", len(found), found)
			}
			if found[0].Body != tt.want {
				t.Errorf("body %q, want %q", found[0].Body, tt.want)
			}
			if tt.wantText != "" && found[0].Text != tt.wantText {
				t.Errorf("text %q, want %q", found[0].Text, tt.wantText)
			}
		})
	}
}

// A note that only doubts the code under it says nothing to act on and
// is no finding; a doubt that goes on to say more is one
// (BurntSushi/toml 7d0236f, b535ff8; ocornut/imgui 2f94e7dc1).
func TestRealBareDoubts(t *testing.T) {
	runRealCases(t, []realCase{
		{
			name: "a bare question (toml 7d0236f)",
			path: "parse.go",
			hunk: difftest.Hunk(603, 603,
				" 		keyContext = append(keyContext, key)",
				" 	}",
				"+	// Special case to make empty keys (\"\" = 1) work.",
				"+	// Without it it will set \"\" rather than `\"\"`.",
				"+	// TODO: why is this needed? And why is this only needed here?",
				"+	if len(keyContext) == 0 {"),
		},
		{
			name: "a bare remark (toml b535ff8)",
			path: "lex.go",
			hunk: difftest.Hunk(484, 484,
				"+	case r == eof: // TODO: never reached",
				" 		return lx.errorf(\"unexpected EOF; expected key separator '='\")"),
		},
		{
			name: "a doubt that says more (toml b535ff8)",
			path: "lex.go",
			hunk: difftest.Hunk(302, 302,
				"+			// TODO: never reached? I think this can only occur on a bug in the",
				"+			// lexer(?)",
				" 			return lx.errorf(\"unexpected EOF\")"),
			want: []realGot{{"TODO", "never reached? I think this can only occur on a bug in the", 302}},
		},
		{
			name: "a question that names what it doubts (imgui 2f94e7dc1)",
			path: "imgui_tables.cpp",
			hunk: difftest.Hunk(366, 366,
				"+    temp_data->ReconcileColumnsRequests.resize(0); // FIXME: Use shrink(0) everywhere?",
				" }"),
			want: []realGot{{"FIXME", "Use shrink(0) everywhere?", 366}},
		},
	})
}

// A note that labels the code (its status, who proposed it) asks for no
// work: kriskowal/q's XXX notes on its API (round 82, twelve drafted as a
// to-do list). A label over a line that says what to do is a task.
func TestRealLabels(t *testing.T) {
	runRealCases(t, []realCase{
		{
			name: "status and attribution labels (kriskowal/q e686c9d)",
			path: "q.js",
			hunk: difftest.Hunk(1451, 1451,
				"+Q.del = // XXX legacy",
				"+Q[\"delete\"] = function (object, key) {",
				"+Q.mapply = // XXX As proposed by \"Redsandro\"",
				"+Q.post = function (object, name, args) {",
				"+Q.send = // XXX Mark Miller's proposed parlance",
				"+Q.nmcall = // XXX Based on \"Redsandro's\" proposal",
				"+    // XXX deprecated",
				"+// XXX experimental.  This method is a way to denote that a local value is",
				"+// serializable and should be immediately dispatched to a remote upon request,",
				"+Q.passByCopy = function (object) {"),
		},
		{
			name: "a label with what to do is a task",
			path: "q.js",
			hunk: difftest.Hunk(10, 10,
				"+    // XXX deprecated",
				"+    // remove in the next major version",
				"+    promise.valueOf = function () {",
				"+// TODO: deprecated, drop with Node 10",
				"+function old() {}"),
			want: []realGot{{"XXX", "deprecated", 10}, {"TODO", "deprecated, drop with Node 10", 13}},
		},
	})
}

// TestRealMove: a note moved from one file to another in one commit is
// handed over, not reported as added. sindresorhus/execa 672c2d7 "Split
// files" moved the tests of test/test.js into test/exit/cleanup.js and
// others; the note went with them.
func TestRealMove(t *testing.T) {
	note := "\t// @todo this relies on `signal-exit` internals"
	test := "test('removes exit handler on exit', async t => {\n" + note + "\n\tconst exitListeners = globalThis[Symbol.for('signal-exit emitter')].listeners.exit;\n});\n"
	cd := difftest.CommitOf(t,
		difftest.Changed("test/test.js", "import test from 'ava';\n\n"+test, "import test from 'ava';\n"),
		difftest.Change{NewPath: "test/exit/cleanup.js", New: "import test from 'ava';\n\n// See #128\n" + test},
		difftest.Change{NewPath: "test/exit/kill.js", New: "import test from 'ava';\n\n// TODO: cover SIGTERM on Windows\n"},
	)
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	found, resolved := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, cd, &eff)
	if len(found) != 2 || len(resolved) != 1 {
		t.Fatalf("found %+v, resolved %+v", found, resolved)
	}
	moved, added := found[0], found[1]
	if moved.Evidence.Path != "test/exit/cleanup.js" {
		moved, added = added, moved
	}
	if !moved.Evidence.Moved || resolved[0].ReplacedBy != moved.Fingerprint {
		t.Errorf("the moved note: %+v, its old place's resolution %+v", moved, resolved[0])
	}
	if added.Evidence.Moved {
		t.Errorf("a new note is said to have moved: %+v", added)
	}
}

// TestRealBareMarkerOverDisabledCode: a bare "# TODO" over a CI job
// commented out, whose own comment is commented out with it
// (tokio-rs/bytes 64fe7e1), has no words of its own to draft; a bare
// marker over a note ("# TODO\n# cache the parsed config") still reads it.
func TestRealBareMarkerOverDisabledCode(t *testing.T) {
	for _, c := range []struct {
		lines []string
		want  string
	}{
		{[]string{"  # TODO", "  # # Apply clippy lints", "  # clippy:", "  #   name: clippy", "  #   runs-on: ubuntu-latest"}, ""},
		{[]string{"  # TODO", "  # cache the parsed config", "  build:"}, "cache the parsed config"},
		{[]string{"  # TODO", "  # #123 retry the upload"}, "#123 retry the upload"},
	} {
		hunk := []string{" jobs:"}
		for _, l := range c.lines {
			hunk = append(hunk, "+"+l)
		}
		f := difftest.File(t, difftest.Modified(".github/workflows/ci.yml", ".github/workflows/ci.yml", difftest.Hunk(28, 28, hunk...)))
		found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{})
		got := ""
		if len(found) > 0 {
			got = found[0].Text
		}
		if got != c.want {
			t.Errorf("%q: text %q, want %q", c.lines, got, c.want)
		}
	}
}

// The blanks of a template the project gives its bug reporters are not
// its notes (thoughtbot/factory_bot c7b06a78 "to make it more clear what
// needs to be changed"); the same note in a workflow is.
func TestReporterTemplatesHoldNoNotes(t *testing.T) {
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	cd := difftest.Commit(t,
		difftest.Added(".github/REPRODUCTION_SCRIPT.rb", "FactoryBot.define do", "  # TODO: Write the factory definitions necessary to reproduce the bug", "end"),
		difftest.Added(".github/ISSUE_TEMPLATE/bug.md", "<!-- TODO: describe what you expected to happen -->"),
		difftest.Added(".github/workflows/ci.yml", "# TODO: cache the bundle between runs of the test job", "on: push"))
	found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, cd, &eff)
	if len(found) != 1 || found[0].Evidence.Path != ".github/workflows/ci.yml" {
		t.Errorf("found %+v, want the workflow's note alone", found)
	}
}

// A parser generator's output holds the grammar's notes, written there by
// the build (ruby/rdoc 11b093a "Commit generated files": markdown.rb, made
// from markdown.kpeg, whose TODO it copies into a comment).
func TestGrammarOutputHoldsNoNotes(t *testing.T) {
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	rb := "class RDoc::Markdown\n  # TODO: Use title reference label, link nil }\n  def _Reference\n  end\nend\n"
	cd := difftest.CommitOf(t,
		difftest.Unchanged("lib/rdoc/markdown.kpeg", "%% name = RDoc::Markdown\n# TODO: Use title\nReference = Label:label\n"),
		difftest.Changed("lib/rdoc/markdown.rb", "", rb))
	if found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, cd, &eff); len(found) != 0 {
		t.Errorf("found %+v in a generated parser", found)
	}
	alone := difftest.CommitOf(t, difftest.Changed("lib/rdoc/markup.rb", "", rb))
	if found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, alone, &eff); len(found) != 1 {
		t.Errorf("found %+v, want the note of a file no grammar makes", found)
	}
}

// A file whose header, which the hunks do not show, says a generator
// wrote it holds the generator's notes: p-ranav/argparse's
// test/doctest.hpp ("DO NOT MODIFY THIS FILE BY HAND - IT IS AUTO
// GENERATED BY CMAKE!" on line 2) drafted two TODOs of a commit that
// changed lines far below it (round 71, noise).
func TestNotesOfAFileAGeneratorWrote(t *testing.T) {
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	head := "// ====================================================================== lgtm [cpp/missing-header-guard]\n" +
		"// == DO NOT MODIFY THIS FILE BY HAND - IT IS AUTO GENERATED BY CMAKE! ==\n" +
		"// ======================================================================\n" + strings.Repeat("#define X 1\n", 60)
	body := "namespace doctest {\n// TODO: - log_message()\nvoid f();\n}\n"
	cd := difftest.CommitOf(t, difftest.Changed("test/doctest.hpp", head, head+body))
	if found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, cd, &eff); len(found) != 0 {
		t.Errorf("found %+v in a generated header", found)
	}
	plain := difftest.CommitOf(t, difftest.Changed("test/helpers.hpp", strings.Repeat("#define X 1\n", 60), strings.Repeat("#define X 1\n", 60)+body))
	if found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, plain, &eff); len(found) != 1 {
		t.Errorf("found %+v, want the note of a file no generator wrote", found)
	}
}

// Go's own code copied into another project holds Go's notes: imroc/req
// d0373d2 "merge upstream net/http" brought roundtrip_js.go's TODO about
// streaming, which Go tracks as go.dev/issue/60810 (round 156, noise). In
// Go's own modules the same note is theirs.
func TestNotesOfGoCodeCopiedIn(t *testing.T) {
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	file := "// Copyright 2018 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n\n" +
		"//go:build js && wasm\n\npackage req\n\n" + strings.Repeat("var _ = 1\n", 50)
	note := "func f() {\n\t// TODO(johanbrandhorst): Stream the request body when supported by browsers.\n\tg()\n}\n"
	for _, tc := range []struct {
		module string
		notes  int
	}{
		{"github.com/imroc/req/v3", 0},
		{"golang.org/x/net", 1},
		{"std", 1},
	} {
		cd := difftest.CommitOf(t,
			difftest.Unchanged("go.mod", "module "+tc.module+"\n\ngo 1.22\n"),
			difftest.Changed("roundtrip_js.go", file, file+note))
		if found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, cd, &eff); len(found) != tc.notes {
			t.Errorf("module %s: found %+v, want %d notes", tc.module, found, tc.notes)
		}
	}
	own := strings.Replace(file, "The Go Authors", "The req Authors", 1)
	cd := difftest.CommitOf(t,
		difftest.Unchanged("go.mod", "module github.com/imroc/req/v3\n"),
		difftest.Changed("roundtrip_js.go", own, own+note))
	if found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, cd, &eff); len(found) != 1 {
		t.Errorf("found %+v, want the note of the project's own file", found)
	}
}

// A BUG note in a test, added with a change to the code it tests, tells
// the bug the test reproduces (CLIUtils/CLI11 f10ee369, fixing #1258,
// changed Option.hpp and added the test with this note): a line of
// the digest, not a draft. A test commit alone keeps it a draft.
func TestBugNoteOfARegressionTest(t *testing.T) {
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	test := difftest.Changed("tests/TransformTest.cpp", "", `TEST_CASE_METHOD(TApp, "streamTransformCheck", "[transform]") {
    app.add_option("--color", color)
        ->default_val(Color::kRed);  // BUG: Validates "kRed" against {"red", "blue"}
    CHECK_NOTHROW(app.parse(""));  // Should use default
}
`)
	fix := difftest.Changed("include/CLI/Option.hpp", "        return detail::to_string(val);\n", "        return detail::value_string(val);\n")
	found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, difftest.CommitOf(t, fix, test), &eff)
	if len(found) != 1 || found[0].Severity != finding.Low {
		t.Errorf("found %+v, want the note in the digest", found)
	}
	found, _ = (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, difftest.CommitOf(t, test), &eff)
	if len(found) != 1 || found[0].Severity == finding.Low {
		t.Errorf("found %+v, want a draft of its own: nothing was fixed", found)
	}
}

// A course's exercises hold the learner's instructions (rust-lang/
// rustlings bf7d171, exercises/23_conversions/from_str.rs); a TODO of its
// own code is a note.
func TestExercisesHoldInstructions(t *testing.T) {
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	cd := difftest.Commit(t,
		difftest.Added("exercises/23_conversions/from_str.rs", "impl FromStr for Person {", "    // TODO: Complete this `FromStr` implementation to be able to parse a `Person`", "    fn from_str(s: &str) -> Result<Self, Self::Err> {}", "}"),
		difftest.Added("src/exercise.rs", "// TODO: cache the parsed info.toml between runs of the watcher", "pub fn load() {}"))
	found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, cd, &eff)
	if len(found) != 1 || found[0].Evidence.Path != "src/exercise.rs" {
		t.Errorf("found %+v, want the note of src/exercise.rs alone", found)
	}
}

// rust-lang/cc-rs 29431fa: three notes of the same words, each over the
// CI target it puts aside; the note is its line alone, so the three are
// one draft quoting none of the targets.
func TestNoteOverACommentedOutListEntry(t *testing.T) {
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	cd := difftest.Commit(t, difftest.Added(".github/workflows/main.yml",
		"        target:",
		"          - aarch64-apple-ios",
		"          # FIXME: needs deployment target",
		"          # - armv7s-apple-ios",
		"          # FIXME: needs deployment target",
		"          # - i386-apple-ios # Simulator",
		"          - x86_64-apple-ios # Simulator"))
	found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID}, cd, &eff)
	if len(found) != 1 || found[0].Body != "" || strings.Contains(found[0].Evidence.Excerpt, "armv7s") {
		t.Errorf("found %+v, want one note with no body", found)
	}
}
