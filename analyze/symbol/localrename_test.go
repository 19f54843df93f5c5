package symbol

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// A body whose only change is a local name renamed throughout is no
// change; a call to another function, a keyword renamed or a name moved
// onto one in use is. Real diffs, trimmed to the hunk.
func TestLocalRenameIsNoChange(t *testing.T) {
	for _, tc := range []struct {
		name string
		diff string
		want map[string]Change // symbol -> change ("" for not reported)
	}{{
		// pallets/flask 9e831e9 "fix pyright type errors": the exception
		// no longer shadows the parameter e, which the first line still uses.
		name: "python except target renamed",
		diff: difftest.Modified("src/flask/wrappers.py", "src/flask/wrappers.py", difftest.Hunk(129, 129,
			"     def on_json_loading_failed(self, e: ValueError | None) -> t.Any:",
			"         try:",
			"             return super().on_json_loading_failed(e)",
			"-        except BadRequest as e:",
			"+        except BadRequest as ebr:",
			"             if current_app and current_app.debug:",
			"                 raise",
			" ",
			"-            raise BadRequest() from e",
			"+            raise BadRequest() from ebr",
			" ",
			" ",
			" class Response(ResponseBase):")),
		want: map[string]Change{"Request.on_json_loading_failed": "", "on_json_loading_failed": ""},
	}, {
		// psf/requests 10915e3b: copy calls a method instead of reading
		// the field: a change.
		name: "python call instead of a field",
		diff: difftest.Modified("requests/cookies.py", "requests/cookies.py", difftest.Hunk(415, 415,
			"     def copy(self):",
			"         \"\"\"Return a copy of this RequestsCookieJar.\"\"\"",
			"         new_cj = RequestsCookieJar()",
			"-        new_cj.set_policy(self._policy)",
			"+        new_cj.set_policy(self.get_policy())",
			"         new_cj.update(self)",
			"         return new_cj",
			" ",
			" ",
			" def _copy_cookie_jar(jar):")),
		want: map[string]Change{"copy": BodyChanged},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			cd := difftest.Commit(t, tc.diff)
			got := map[string]Change{}
			for _, s := range Changed(&cd.Files[0]) {
				got[s.Name] = s.Change
			}
			for name, want := range tc.want {
				if got[name] != want {
					t.Errorf("%s: %q, want %q; all: %v", name, got[name], want, got)
				}
			}
		})
	}
}

// renamedLocals on the joined norms of the two sides.
func TestRenamedLocals(t *testing.T) {
	for _, tc := range []struct {
		name                               string
		oldHead, newHead, oldBody, newBody string
		params                             bool
		want                               bool
	}{
		{"assignment renamed throughout", "def f(a):", "def f(a):", "4|x = a + 1 4|return x", "4|total = a + 1 4|return total", false, true},
		{"let renamed (Rust)", "fn f(a: u8) -> u8 {", "fn f(a: u8) -> u8 {", "let n = a + 1;n}", "let m = a + 1;m}", true, true},
		{"parameter renamed where callers cannot name it", "fn f(a: u8) -> u8 {", "fn f(b: u8) -> u8 {", "a + 1}", "b + 1}", true, true},
		{"parameter renamed in Python: callers pass it by keyword", "def f(a):", "def f(b):", "4|return a + 1", "4|return b + 1", false, false},
		{"another function called", "def f(a):", "def f(a):", "4|return foo(a)", "4|return bar(a)", false, false},
		{"a keyword argument renamed", "def f(a):", "def f(a):", "4|return g(timeout=a)", "4|return g(deadline=a)", false, false},
		{"a use after the binding left behind", "def f(a):", "def f(a):", "4|x = a 4|return x", "4|y = a 4|return x", false, false},
		{"renamed onto a name in use", "def f(a, y):", "def f(a, y):", "4|x = a 4|return x + y", "4|y = a 4|return y + y", false, false},
		{"a string changed too", "def f(a):", "def f(a):", `4|x = a 4|return "x"`, `4|y = a 4|return "y"`, false, false},
		{"no change", "def f(a):", "def f(a):", "4|return a", "4|return a", false, false},
		{"a literal changed", "def f(a):", "def f(a):", "4|return a + 1", "4|return a + 2", false, false},
	} {
		if got := renamedLocals(tc.oldHead, tc.newHead, tc.oldBody, tc.newBody, tc.params); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
