package symbol

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// A Python method whose class the hunk does not show is named by the
// class git names in the hunk's section, so that methods of one name in
// two classes stay two symbols: python-hyper/hyperframe 72a6db5 annotated
// every frame's serialize_body and changed PingFrame's message; named
// alone, they were one symbol, Frame's, with a changed body.
func TestMethodsNamedByTheirHunksClass(t *testing.T) {
	frame := func(name, sig, msg string) string {
		return "class " + name + "(Frame):\n    \"\"\"A frame.\"\"\"\n\n    defined_flags = []\n    type = 0x06\n\n" +
			"    def __init__(self, stream_id=0, **kwargs):\n        super().__init__(stream_id, **kwargs)\n        self.opaque_data = b''\n\n" +
			"    def serialize_body(self)" + sig + ":\n        if len(self.opaque_data) > 8:\n            raise InvalidFrameError(\"" + msg + "\")\n        return self.opaque_data\n\n\n"
	}
	old := frame("PingFrame", "", "too long: %s") + frame("GoAwayFrame", "", "bad: %s")
	new := frame("PingFrame", " -> bytes", "too long: %r") + frame("GoAwayFrame", " -> bytes", "bad: %s")
	cd := difftest.CommitOf(t, difftest.Changed("src/hyperframe/frame.py", old, new))
	got := map[string]string{}
	for _, s := range Changed(&cd.Files[0]) {
		got[s.Name] = string(s.Change)
		if s.TypesOnly {
			got[s.Name] += " types only"
		}
	}
	want := map[string]string{"PingFrame.serialize_body": "signature", "GoAwayFrame.serialize_body": "signature types only"}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %q, want %q (all: %v)", name, got[name], w, got)
		}
	}
	if !strings.Contains(cd.Files[0].Hunks[0].Section, "class") {
		t.Fatalf("the test's diff has no section: %+v", cd.Files[0].Hunks[0])
	}
}

// A decorator line changed only to carry a type checker's pragma changes
// nothing: sqlalchemy/alembic f443584f "finish strict typing" added
// "# type: ignore[misc]" to nine @compiles(...) lines. A decorator changed
// otherwise still changes the signature.
func TestDecoratorPragmaIsNoChange(t *testing.T) {
	def := func(deco string) string {
		return "import functools\n\n\n" + deco + "\ndef visit_rename_table(element, compiler, **kw):\n    return \"%s RENAME TO %s\" % (element.table_name, element.new_table_name)\n"
	}
	for _, tc := range []struct {
		deco string
		want int
	}{
		{"@compiles(RenameTable)  # type: ignore[misc]", 0},
		{"@compiles(RenameTable)  # noqa: E501", 0},
		{"@compiles(RenameTable, \"mssql\")", 1},
	} {
		cd := difftest.CommitOf(t, difftest.Changed("alembic/ddl/base.py", def("@compiles(RenameTable)"), def(tc.deco)))
		if got := Changed(&cd.Files[0]); len(got) != tc.want {
			t.Errorf("%q: %d changed (%+v), want %d", tc.deco, len(got), got, tc.want)
		}
	}
}

// A TypeScript class whose type parameters change, and nothing else, is
// changed in types alone: sindresorhus/ow 73861e3.
func TestTypeScriptClassTypeParameters(t *testing.T) {
	class := func(head string) string {
		return "import {Predicate} from './predicate';\n\n" + head + " {\n\tconstructor(options?: PredicateOptions) {\n\t\tsuper('WeakMap', options);\n\t}\n}\n"
	}
	for _, tc := range []struct {
		old, new string
		types    bool
	}{
		{"export class WeakMapPredicate<T1 extends object = any, T2 = any> extends Predicate<WeakMap<T1, T2>>",
			"export class WeakMapPredicate<KeyType extends object = object> extends Predicate<WeakMap<KeyType, unknown>>", true},
		{"export class WeakMapPredicate<T1 extends object = any> extends Predicate<WeakMap<T1, any>>",
			"export class WeakMapPredicate<T1 extends object = any> extends BasePredicate<WeakMap<T1, any>>", false},
	} {
		cd := difftest.CommitOf(t, difftest.Changed("source/predicates/weak-map.ts", class(tc.old), class(tc.new)))
		got := Changed(&cd.Files[0])
		if len(got) != 1 || got[0].TypesOnly != tc.types {
			t.Errorf("%q: %+v, want one symbol, types only %v", tc.new, got, tc.types)
		}
	}
}

// A JavaScript definition whose body is empty does nothing to test:
// sindresorhus/ow's infer-label.browser.ts.
func TestEmptyJavaScriptBodyIsAStub(t *testing.T) {
	for _, tc := range []struct {
		src  string
		stub bool
	}{
		{"export const inferLabel = () => {};\n", true},
		{"export function noop() {}\n", true},
		{"export const inferLabel = () => { return callsites()[2]; };\n", false},
		{"export const inferLabel = () => {\n\treturn callsites()[2];\n};\n", false},
	} {
		cd := difftest.CommitOf(t, difftest.Change{NewPath: "source/utils/infer-label.browser.ts", New: tc.src})
		got := Changed(&cd.Files[0])
		if len(got) != 1 || got[0].Stub != tc.stub {
			t.Errorf("%q: %+v, want one symbol, stub %v", tc.src, got, tc.stub)
		}
	}
}
