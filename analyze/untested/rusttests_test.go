package untested

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// uuid-rs/uuid 4dd5828 rewrote Uuid::as_hyphenated's cast, and src/fmt.rs's
// own tests module calls it; Uuid::max is called by the doc test above it
// (round 86, wrong). A module the file only declares (`mod tests;`) is
// another file's, and a body no test calls is still reported.
func TestRustTestsOfTheFileCount(t *testing.T) {
	fmtRS := func(cast, tests string) string {
		return "impl Uuid {\n    /// Get a [`Hyphenated`] formatter.\n    pub const fn as_hyphenated(&self) -> &Hyphenated {\n" +
			"        " + cast + "\n    }\n}\n" + rustPadding + tests
	}
	mod := "\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn hyphenated() {\n        let s = Uuid::nil().as_hyphenated().to_string();\n        assert_eq!(s.len(), 36);\n    }\n}\n"
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Use zerocopy for formatter casts"}
	commit := func(tests string) *analyze.CommitDiff {
		return difftest.CommitOf(t, difftest.Changed("src/fmt.rs",
			fmtRS("unsafe { &*(self as *const Uuid as *const Hyphenated) }", tests),
			fmtRS("transmute_ref!(self)", tests)))
	}
	if found, _ := Detect(c, commit(mod), Options{}); len(found) != 0 {
		t.Errorf("called by the file's tests module: %+v", found)
	}
	if found, _ := Detect(c, commit("\n#[cfg(test)]\nmod tests;\n"), Options{}); len(found) != 1 {
		t.Errorf("a tests module in another file: %d findings, want 1", len(found))
	}
	doc := func(body string) string {
		return "impl Uuid {\n    /// The 'max UUID'.\n    ///\n    /// ```\n    /// # use uuid::Uuid;\n    /// let uuid = Uuid::max();\n    /// assert_eq!(uuid.as_bytes(), &[0xFF; 16]);\n    /// ```\n" +
			"    pub const fn max() -> Self {\n        " + body + "\n    }\n}\n"
	}
	cd := difftest.CommitOf(t, difftest.Changed("src/builder.rs", doc("Uuid::from_bytes([0xFF; 16])"), doc("Uuid::from_u128(u128::MAX)")))
	if found, _ := Detect(c, cd, Options{}); len(found) != 0 {
		t.Errorf("called by its doc test: %+v", found)
	}
}

// rustPadding keeps a test module far below the change, as src/fmt.rs's
// is (a thousand lines): out of the hunk's sight.
const rustPadding = "\nimpl Hyphenated {\n    /// The length of a hyphenated UUID string.\n    pub const LENGTH: usize = 36;\n\n" +
	"    fn encode(&self, buf: &mut [u8]) -> &mut str {\n        let n = buf.len();\n        let s = &mut buf[..n];\n" +
	"        for b in s.iter_mut() {\n            *b = b'0';\n        }\n        core::str::from_utf8_mut(s).unwrap()\n    }\n}\n"

// Amanieu/thread_local-rs's src/lib.rs tests the crate: same_thread_cached
// calls CachedThreadLocal::get, defined in src/cached.rs (round 87, wrong).
func TestRustCrateRootTestsCount(t *testing.T) {
	cached := func(body string) string {
		return "pub struct CachedThreadLocal<T: Send> {\n    inner: ThreadLocal<T>,\n}\n\nimpl<T: Send> CachedThreadLocal<T> {\n" +
			"    /// Returns the element for the current thread, if it exists.\n    pub fn get(&self) -> Option<&T> {\n        " + body + "\n    }\n}\n"
	}
	lib := func(call string) string {
		return "mod cached;\npub use cached::CachedThreadLocal;\n" + rustPadding + "\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn same_thread_cached() {\n        let tls = CachedThreadLocal::new();\n        " + call + "\n    }\n}\n"
	}
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Update to 2018 edition"}
	commit := func(call string) *analyze.CommitDiff {
		return difftest.CommitOf(t, difftest.Changed("src/cached.rs", cached("self.inner.get()"), cached("crate::ThreadLocal::get(&self.inner)")),
			difftest.Unchanged("src/lib.rs", lib(call)))
	}
	if found, _ := Detect(c, commit("assert_eq!(None, tls.get());"), Options{}); len(found) != 0 {
		t.Errorf("called by lib.rs's tests: %+v", found)
	}
	if found, _ := Detect(c, commit("drop(tls);"), Options{}); len(found) != 1 {
		t.Errorf("not called by lib.rs's tests: %d findings, want 1", len(found))
	}
}

// tkaitchuck/aHash's lib.rs writes its crate docs as a feature-gated
// attribute's raw string, whose doc test calls AHashMap::new (round 87,
// wrong).
func TestRustDocAttributeTestsCount(t *testing.T) {
	hashMap := func(body string) string {
		return "pub struct AHashMap<K, V>(HashMap<K, V, RandomState>);\n\nimpl<K, V> AHashMap<K, V> {\n" +
			"    /// Creates an empty map.\n    pub fn new() -> Self {\n        " + body + "\n    }\n}\n"
	}
	lib := func(call string) string {
		return "//! AHash is a fast hash.\n#![cfg_attr(\n    feature = \"std\",\n    doc = r##\"\n# Basic Usage\n```\nuse ahash::AHashMap;\n\n" +
			call + "\nmap.insert(12, 34);\n```\n\"##\n)]\nmod hash_map;\npub use hash_map::AHashMap;\n" + rustPadding
	}
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Move the doc test to the crate root"}
	commit := func(call string) *analyze.CommitDiff {
		return difftest.CommitOf(t, difftest.Changed("src/hash_map.rs", hashMap("AHashMap(HashMap::default())"), hashMap("AHashMap(HashMap::with_hasher(RandomState::new()))")),
			difftest.Unchanged("src/lib.rs", lib(call)))
	}
	if found, _ := Detect(c, commit("let mut map: AHashMap<i32, i32> = AHashMap::new();"), Options{}); len(found) != 0 {
		t.Errorf("called by the crate docs' test: %+v", found)
	}
	if found, _ := Detect(c, commit("let mut map = std::collections::HashMap::default();"), Options{}); len(found) != 1 {
		t.Errorf("not called by the crate docs' test: %d findings, want 1", len(found))
	}
}
