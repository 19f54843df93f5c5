package untested

import (
	"slices"
	"strings"
	"testing"
)

// The module declarations are real: dtolnay/thiserror 9116fdb's
// impl/src/lib.rs, serde-rs/json 827a315's src/lib.rs and
// src/value/mod.rs, dtolnay/anyhow 1dbe186's src/lib.rs,
// seanmonstar/httparse 140faf3's src/lib.rs and src/simd/mod.rs (trimmed).
func TestRustPrivateModule(t *testing.T) {
	files := map[string]string{
		"impl/src/lib.rs":       "extern crate proc_macro;\n\nmod ast;\nmod attr;\nmod expand;\nmod fmt;\nmod generics;\nmod prop;\nmod scan_expr;\nmod unraw;\nmod valid;\n\nuse proc_macro::TokenStream;\n",
		"json/src/lib.rs":       "#[macro_use]\nmod macros;\n\npub mod de;\npub mod error;\npub mod map;\n#[cfg(feature = \"std\")]\n#[cfg_attr(docsrs, doc(cfg(feature = \"std\")))]\npub mod ser;\n#[cfg(not(feature = \"std\"))]\nmod ser;\npub mod value;\n\nmod io;\n",
		"json/src/value/mod.rs": "pub use self::index::Index;\npub use self::ser::Serializer;\npub use crate::map::Map;\n\nmod de;\nmod from;\nmod index;\nmod partial_eq;\nmod ser;\n",
		"httparse/src/lib.rs": "use crate::iter::Bytes;\n\nmod iter;\n#[macro_use] mod macros;\nmod simd;\n\n#[doc(hidden)]\n// Expose some internal functions so we can bench them individually\n" +
			"// WARNING: Exported for internal benchmarks, not fit for public consumption\npub mod _benchable {\n    pub use super::parse_uri;\n    pub use super::iter::Bytes;\n}\n",
		"httparse/src/simd/mod.rs": "mod swar;\n\n#[cfg(not(all(\n    httparse_simd,\n)))]\npub use self::swar::*;\n\n#[cfg(all(\n    httparse_simd,\n    target_arch = \"aarch64\",\n    httparse_simd_neon_intrinsics,\n))]\nmod neon;\n\n" +
			"#[cfg(all(\n    httparse_simd,\n    target_arch = \"aarch64\",\n    httparse_simd_neon_intrinsics,\n))]\npub use self::neon::*;\n",
		"mixed/src/lib.rs": "mod iter;\n\n#[doc(hidden)]\npub mod __private {\n    pub use crate::iter::Raw;\n}\n\npub use crate::iter::Bytes;\n",
		"multi/src/lib.rs": "mod private_parts;\nmod tables;\n\npub use self::{\n    tables::Table,\n    tables::Row,\n};\n",
		// XAMPPRocky/tokei a64cfcc: lib.rs does not declare cli_utils,
		// the program's main.rs does; mitsuhiko/similar 5077768's lib.rs
		// re-exports one type of a private module (trimmed).
		"tokei/src/lib.rs":  "mod utils;\nmod config;\nmod language;\n\npub use self::{\n    config::Config,\n    language::{Language, LanguageType, Languages},\n};\n",
		"tokei/src/main.rs": "#[macro_use]\nextern crate log;\n\nmod cli;\nmod cli_utils;\nmod input;\n",
		"prog/src/main.rs":  "pub mod commands;\n",
		// pydantic/pydantic 156dc0f: pydantic-core's validators/mod.rs
		// re-exports ValidationState, lib.rs only two items of validators
		// (trimmed); "deep" re-exports the module itself.
		"core/src/lib.rs":            "mod input;\nmod validators;\n\npub use validators::{PySome, SchemaValidator};\n",
		"core/src/validators/mod.rs": "mod any;\nmod validation_state;\n\npub use self::validation_state::{Exactness, ValidationState};\n",
		"deep/src/lib.rs":            "mod validators;\n\npub use validators::validation_state::ValidationState;\n",
		"deep/src/validators/mod.rs": "pub mod validation_state;\n",
		// rust-lang/regex 15cdc64: regex-cli's Cargo.toml makes main.rs,
		// beside its modules' folders, the root of a program.
		"regex-cli/main.rs":     "use std::io::{stdout, Write};\n\nmod args;\nmod cmd;\nmod logger;\nmod util;\n",
		"regex-cli/args/mod.rs": "pub mod api;\npub mod backtrack;\npub mod thompson;\n",
		"similar/src/lib.rs":    "pub mod algorithms;\n\nmod common;\nmod deadline_support;\nmod types;\n\npub use self::common::*;\n\n#[cfg(feature = \"wasm32_web_time\")]\npub use deadline_support::Instant;\n",
		// rwf2/Rocket 8a1c91b7's core/lib/src/fairing/mod.rs (trimmed):
		// the type is the crate's only.
		"rocket/src/fairing/mod.rs": "mod fairings;\nmod info_kind;\n\npub(crate) use self::fairings::Fairings;\npub use self::info_kind::{Info, Kind};\n",
		"anyhow/src/lib.rs":         "mod backtrace;\nmod chain;\nmod context;\nmod ensure;\nmod error;\n\npub mod __private {\n    pub use crate::ensure::{BothDebug, NotBothDebug};\n}\n",
	}
	read := func(p string) ([]byte, bool) {
		src, ok := files[p]
		return []byte(src), ok
	}
	for _, tc := range []struct {
		path string
		want bool
		only string // the items named, when only some are re-exported
	}{
		{"impl/src/unraw.rs", true, ""},                           // mod unraw; in a proc-macro crate
		{"impl/src/lib.rs", false, ""},                            // the crate root
		{"json/src/io.rs", true, ""},                              // mod io;
		{"json/src/ser.rs", false, ""},                            // pub mod ser; under one cfg
		{"json/src/value/mod.rs", false, ""},                      // pub mod value;
		{"json/src/value/de.rs", true, ""},                        // mod de; in value/mod.rs
		{"json/src/value/index.rs", false, "Index"},               // pub use self::index::Index;
		{"anyhow/src/ensure.rs", false, "BothDebug NotBothDebug"}, // pub use crate::ensure::{...}
		{"anyhow/src/other.rs", false, ""},                        // no declaration found: not known
		{"nowhere/src/x.rs", false, ""},                           // no parent read
		// Re-exported into simd, which lib.rs declares `mod simd;`.
		{"httparse/src/simd/neon.rs", true, ""},
		{"httparse/src/simd/swar.rs", true, ""},
		{"httparse/src/simd/mod.rs", true, ""},
		{"httparse/src/iter.rs", true, ""},          // pub use super::iter::Bytes, in a #[doc(hidden)] mod
		{"mixed/src/iter.rs", false, "Bytes"},       // re-exported out of the hidden module too
		{"multi/src/tables.rs", false, "Row Table"}, // pub use self::{ tables::Table, ... } over lines
		{"multi/src/private_parts.rs", true, ""},
		{"tokei/src/cli_utils.rs", true, ""},     // only the program declares it
		{"tokei/src/config.rs", false, "Config"}, // the library re-exports Config
		{"tokei/src/language.rs", false, "Language LanguageType Languages"},
		{"prog/src/commands.rs", true, ""},                    // pub in a program is still the program's
		{"regex-cli/args/thompson.rs", true, ""},              // pub in a private module of a program outside src/
		{"core/src/validators/validation_state.rs", true, ""}, // re-exported into validators, not by lib.rs
		{"core/src/validators/any.rs", true, ""},
		{"deep/src/validators/validation_state.rs", false, ""}, // re-exported through the module's path
		{"similar/src/deadline_support.rs", false, "Instant"},  // deadline_exceeded is the crate's
		{"similar/src/common.rs", false, ""},                   // a glob re-exports it all
		{"rocket/src/fairing/fairings.rs", true, ""},           // pub(crate) use: the crate's (round 152)
		{"rocket/src/fairing/info_kind.rs", false, "Info Kind"},
	} {
		got, only := rustPrivateModule(tc.path, read)
		var names []string
		for n := range only {
			names = append(names, n)
		}
		slices.Sort(names)
		if got != tc.want || strings.Join(names, " ") != tc.only {
			t.Errorf("rustPrivateModule(%s) = %v, %q, want %v, %q", tc.path, got, names, tc.want, tc.only)
		}
	}
}
