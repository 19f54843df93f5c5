package symbol

import (
	"slices"
	"testing"
)

func TestCallersIn(t *testing.T) {
	// Suor/funcy's strings.py: re_find calls re_finder.
	funcy := "def _make_getter(regex):\n    return regex.search\n\n\ndef re_finder(regex, flags=0):\n    getter = _make_getter(regex)\n    return lambda s: getter(s)\n\n\n" +
		"def re_find(regex, s, flags=0):\n    return re_finder(regex, flags)(s)\n\n\ndef re_test(regex, s):\n    return bool(obj.re_finder(regex))\n"
	// tokei's languages.rs: get_statistics calls a Language's total,
	// not Languages.total.
	tokei := "pub struct Languages {\n    inner: BTreeMap<LanguageType, Language>,\n}\n\nimpl Languages {\n" +
		"    pub fn get_statistics(&mut self) {\n        self.inner.par_iter_mut().for_each(|(_, l)| l.total());\n    }\n\n" +
		"    pub fn total(self: &Languages) -> Language {\n        let mut total = Language::new();\n        total\n    }\n\n" +
		"    pub fn summary(&self) -> Language {\n        self.total()\n    }\n}\n"
	hatch := "class Application:\n    def prepare_environment(self, environment):\n        environment.prepare()\n\n    def runner_context(self, environments):\n        for env in environments:\n            self.prepare_environment(env)\n"
	goSrc := "package btree\n\ntype BTree struct{ root *node }\n\nfunc (t *BTree) Has(key int) bool {\n\treturn t.root.has(key)\n}\n\nfunc (t *BTree) Get(key int) bool {\n\treturn t.Has(key)\n}\n\ntype Other struct{}\n\nfunc (o Other) Check(b Other) bool {\n\treturn b.Has(1)\n}\n"
	for _, tc := range []struct {
		p, src, name string
		want         []string
	}{
		{"funcy/strings.py", funcy, "re_finder", []string{"re_find"}},
		{"src/language/languages.rs", tokei, "Languages.total", []string{"summary"}},
		{"src/hatch/cli/application.py", hatch, "Application.prepare_environment", []string{"runner_context"}},
		{"btree.go", goSrc, "BTree.Has", []string{"Get"}},
		{"README", "text", "x", nil},
	} {
		if got := CallersIn(tc.p, []byte(tc.src), tc.name); !slices.Equal(got, tc.want) {
			t.Errorf("CallersIn(%s, %s) = %q, want %q", tc.p, tc.name, got, tc.want)
		}
	}
}
