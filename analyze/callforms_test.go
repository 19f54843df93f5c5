package analyze

import (
	"context"
	"reflect"
	"testing"
)

// A call is "name(", a Rust macro's "name!(" / "name! {" / "name![", or a
// method handed on as a value (".name," or ".name)"); git grep and the
// in-process reading agree on every form.
func TestCallForms(t *testing.T) {
	for _, tc := range []struct {
		src, name string
		want      bool
	}{
		{"x = parse(s)", "parse", true},
		{"x = parse (s)", "parse", true},
		{"x = reparse(s)", "parse", false},
		{"let s = paste! { [<a b>] };", "paste", true}, // dtolnay/paste's tests/test_item.rs
		{"let v = paste!([a b]);", "paste", true},
		{"// paste! is a macro", "paste", false},
		{`assert_raises_message(exc.RuntimeException, "Can't load plugin", loader.load, "fake")`, "load", true}, // mako test_util.py
		{"callbacks = (loader.load)", "load", true},
		{"n = loader.load + 1", "load", false},
		{"x = load, y", "load", false},                                   // a name alone, not a method handed on
		{"let p = parse_borrowed::<3>(input)?;", "parse_borrowed", true}, // time-rs/time's tests
		{"const [s, set] = useState<string>(\"\");", "useState", true},
		{"let n = parse_borrowed::<Vec<u8>> (input);", "parse_borrowed", true},
		{"if a < parse_borrowed > (b)", "parse_borrowed", false},
		{"let t: parse_borrowed<3> = x;", "parse_borrowed", false},
		{"        gettem = _.getOwnEnumerableProperties;", "getOwnEnumerableProperties", true}, // chaijs/chai test/utilities.js
		{"n = getOwnEnumerableProperties;", "getOwnEnumerableProperties", false},
		{"    await pilot.click(CollapsibleTitle)", "CollapsibleTitle", true}, // Textualize/textual tests/test_collapsible.py
		{"    command_list = app.screen.query_one(CommandList)", "CommandList", true},
		{"    assert isinstance(widget, CommandList)", "CommandList", true},
		{"    run(config)", "config", false}, // a lower-case name handed on is a variable as often
		{"    x = CommandList", "CommandList", false},
		// validatorjs/validator.js's tests dispatch by name (round 110).
		{"    test({ validator: 'isBtcAddress', valid: ['1BvBM'] });", "isBtcAddress", true},
		{`    run("parse_args")`, "parse_args", true},
		{"    load(Exc, 'msg', 'fake')", "fake", false},              // a short word is data
		{`    header = "Header"`, "Header", false},                   // a capitalised word too
		{"    msg = 'isBtcAddress is wrong'", "isBtcAddress", false}, // part of a string
	} {
		if got := Calls([]byte(tc.src), tc.name); got != tc.want {
			t.Errorf("Calls(%q, %q) = %v, want %v", tc.src, tc.name, got, tc.want)
		}
	}

	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	write("tests/test_item.rs", "#[test]\nfn test_paste() {\n    let s = paste! { [<a b>] };\n    let p = parse_borrowed::<3>(s);\n}\n")
	write("test/test_util.py", "def test_load_plugin_failure():\n    assert_raises_message(Exc, 'msg', loader.load, 'fake')\n")
	write("test/utilities.js", "it('gets them', function () {\n  gettem = _.getOwnEnumerableProperties;\n});\n")
	write("tests/test_collapsible.py", "async def test_click(pilot):\n    await pilot.click(CollapsibleTitle)\n")
	write("test/validators.test.js", "it('validates', () => {\n  test({ validator: 'isBtcAddress', valid: ['1BvBM'] });\n});\n")
	git("add", ".")
	git("commit", "-q", "-m", "start")
	repo, head := openHead(t, dir)
	callers, err := repo.TestCallersAt(context.Background(), head, []string{"paste", "load", "fake", "parse_borrowed", "getOwnEnumerableProperties", "CollapsibleTitle", "isBtcAddress"}, nil)
	want := map[string][]string{"paste": {"tests/test_item.rs"}, "load": {"test/test_util.py"}, "parse_borrowed": {"tests/test_item.rs"},
		"getOwnEnumerableProperties": {"test/utilities.js"}, "CollapsibleTitle": {"tests/test_collapsible.py"}, "isBtcAddress": {"test/validators.test.js"}}
	if err != nil || !reflect.DeepEqual(callers, want) {
		t.Errorf("TestCallersAt = %v, %v; want %v", callers, err, want)
	}
	for _, src := range []string{"src/lib.rs", "mako/util.py"} {
		names := map[string][]string{"src/lib.rs": {"paste"}, "mako/util.py": {"load"}}[src]
		got, err := repo.TestCallsAt(context.Background(), head, names, src)
		if err != nil || !got[names[0]] {
			t.Errorf("TestCallsAt(%v, %s) = %v, %v; want it called", names, src, got, err)
		}
	}
}
