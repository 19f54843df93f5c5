package symbol

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// A method the hunk shows whole whose body only hands out a field is an
// accessor: nothing of its own to test. Read from the hunks, in the
// languages not parsed whole; real diffs, trimmed to the hunk.
func TestAccessorFromHunks(t *testing.T) {
	for _, tc := range []struct {
		name string
		diff string
		want map[string]bool // symbol -> Accessor
	}{{
		// BurntSushi/ripgrep 78383de "complete/zsh: improve --hyperlink-format completion"
		name: "rust field getter",
		diff: difftest.Modified("crates/printer/src/hyperlink/mod.rs", "crates/printer/src/hyperlink/mod.rs", difftest.Hunk(200, 200,
			"         self.name",
			"     }",
			" ",
			"+    /// Returns a very short description of this hyperlink alias.",
			"+    pub const fn description(&self) -> &str {",
			"+        self.description",
			"+    }",
			"+",
			"     /// Returns the display priority of this alias.",
			"     ///",
			"     /// If no priority is set, then `None` is returned.")),
		want: map[string]bool{"description": true},
	}, {
		// psf/requests 10915e3b "Add a public method to get the cookie policy":
		// copy now calls it, which is code; get_policy returns a field.
		name: "python getter beside a changed method",
		diff: difftest.Modified("requests/cookies.py", "requests/cookies.py", difftest.Hunk(415, 415,
			"     def copy(self):",
			"         \"\"\"Return a copy of this RequestsCookieJar.\"\"\"",
			"         new_cj = RequestsCookieJar()",
			"-        new_cj.set_policy(self._policy)",
			"+        new_cj.set_policy(self.get_policy())",
			"         new_cj.update(self)",
			"         return new_cj",
			" ",
			"+    def get_policy(self):",
			"+        \"\"\"Return the CookiePolicy instance used.\"\"\"",
			"+        return self._policy",
			"+",
			" ",
			" def _copy_cookie_jar(jar):",
			"     if jar is None:")),
		want: map[string]bool{"copy": false, "get_policy": true},
	}, {
		// google/gson 9d5d6a8 "Update code and docs for minimum Android API
		// level 24": two methods that pass the call on to the wrapped list.
		name: "java delegations",
		diff: difftest.Modified("gson/src/main/java/com/google/gson/internal/NonNullElementWrapperList.java", "gson/src/main/java/com/google/gson/internal/NonNullElementWrapperList.java", difftest.Hunk(117, 119,
			"     return delegate.toArray(a);",
			"   }",
			" ",
			"+  @Override",
			"+  public void sort(Comparator<? super E> c) {",
			"+    delegate.sort(c);",
			"+  }",
			"+",
			"+  @Override",
			"+  public Spliterator<E> spliterator() {",
			"+    return delegate.spliterator();",
			"+  }",
			"+",
			"   @Override",
			"   public boolean equals(Object o) {",
			"     return delegate.equals(o);")),
		want: map[string]bool{"sort": true, "spliterator": true},
	}, {
		// The same class as written (gson's NonNullElementWrapperList.java,
		// lines 59-67, shown as added): set and add check the element
		// on its way, which is their own behaviour.
		name: "java methods that do more than pass the call on",
		diff: difftest.Modified("gson/src/main/java/com/google/gson/internal/NonNullElementWrapperList.java", "gson/src/main/java/com/google/gson/internal/NonNullElementWrapperList.java", difftest.Hunk(56, 56,
			"     return element;",
			"   }",
			" ",
			"+  @Override",
			"+  public E set(int index, E element) {",
			"+    return delegate.set(index, nonNull(element));",
			"+  }",
			"+",
			"+  @Override",
			"+  public void add(int index, E element) {",
			"+    delegate.add(index, nonNull(element));",
			"+  }",
			"+",
			"   @Override",
			"   public E remove(int index) {")),
		want: map[string]bool{"set": false, "add": false},
	}, {
		// bitflags 26f51db "add a new publicly implementable Flags trait":
		// a constructor that only sets its fields from its parameters,
		// and (ac67dea) a field compared with a literal. One that
		// computes a field, or compares with a parameter, is code.
		name: "rust fields constructor",
		diff: difftest.Modified("src/traits.rs", "src/traits.rs", difftest.Hunk(10, 10,
			" ",
			"+impl<B> Flag<B> {",
			"+    /// Create a new flag with the given name and value.",
			"+    pub const fn new(name: &'static str, value: B) -> Self {",
			"+        Flag { name, value }",
			"+    }",
			"+",
			"+    /// Whether the flag is named.",
			"+    pub const fn is_named(&self) -> bool {",
			"+        self.name != \"\"",
			"+    }",
			"+",
			"+    /// Whether the flag is unnamed.",
			"+    pub const fn is_unnamed(&self) -> bool {",
			"+        self.name.is_empty()",
			"+    }",
			"+",
			"+    /// Whether the flag is set in bits.",
			"+    pub fn is_in(&self, bits: u32) -> bool {",
			"+        self.value & bits != 0",
			"+    }",
			"+",
			"+    /// Create a flag named for its value.",
			"+    pub fn named(value: B) -> Self {",
			"+        Flag { name: value.to_string(), value }",
			"+    }",
			"+}",
			" ")),
		want: map[string]bool{"Flag.new": true, "Flag.named": false, "Flag.is_named": true, "Flag.is_unnamed": true, "Flag.is_in": false},
	}, {
		// dtolnay/syn 18702620: require_empty methods that return Ok(())
		// and nothing else (round 120); one that checks is code.
		name: "rust method that returns a constant",
		diff: difftest.Modified("src/attr.rs", "src/attr.rs", difftest.Hunk(40, 40,
			" ",
			"+impl FieldModifiers {",
			"+    pub fn require_empty(&self) -> Result<()> {",
			"+        Ok(())",
			"+    }",
			"+",
			"+    pub fn is_default(&self) -> bool {",
			"+        true",
			"+    }",
			"+",
			"+    pub fn require_none(&self) -> Result<()> {",
			"+        self.check()",
			"+    }",
			"+}",
			" ")),
		want: map[string]bool{"FieldModifiers.require_empty": true, "FieldModifiers.is_default": true, "FieldModifiers.require_none": false},
	}, {
		// The same getter, its end not shown: it may do more below.
		name: "body cut by the hunk",
		diff: difftest.Modified("crates/printer/src/hyperlink/mod.rs", "crates/printer/src/hyperlink/mod.rs", difftest.Hunk(200, 200,
			"         self.name",
			"     }",
			" ",
			"+    pub const fn description(&self) -> &str {",
			"+        self.description")),
		want: map[string]bool{"description": false},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			cd := difftest.Commit(t, tc.diff)
			got := map[string]bool{}
			for _, s := range Changed(&cd.Files[0]) {
				got[s.Name] = s.Accessor
			}
			for name, want := range tc.want {
				if acc, ok := got[name]; !ok || acc != want {
					t.Errorf("%s: accessor %v (found %v), want %v; all: %v", name, acc, ok, want, got)
				}
			}
		})
	}
}
