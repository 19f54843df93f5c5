package daemon

import (
	"reflect"
	"testing"
)

// An untested finding's items, as calls spell them: a method by its name,
// a constructor by its type's, and nothing for a default export (axios's
// "the default export", which no call spells: a name the file does not
// hold would have read as taken out).
func TestItemNames(t *testing.T) {
	for _, tc := range []struct {
		items []string
		want  []itemName
		ok    bool
	}{
		{[]string{"Output.Copy (lines 10-16)"}, []itemName{{name: "Copy"}}, true},
		{[]string{"src/glob.ts: Glob.constructor (lines 41-86)", "src/glob.ts: Glob.process (lines 101-113)"},
			[]itemName{{name: "constructor", typ: "Glob"}, {name: "process"}}, true},
		{[]string{"Config.__init__ (lines 3-9)"}, []itemName{{name: "__init__", typ: "Config"}}, true},
		{[]string{"the default export (lines 1-40)"}, nil, false},
		{[]string{"ok (lines 1-3)"}, nil, false},
		{[]string{"Copy"}, nil, false},
	} {
		got, ok := itemNames(tc.items)
		if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("itemNames(%q) = %+v, %v; want %+v, %v", tc.items, got, ok, tc.want, tc.ok)
		}
	}
}
